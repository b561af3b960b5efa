"""File helpers the services share: streamed SHA-256, a hashed durable copy, durable renames."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import BinaryIO

BLOCK = 1 << 20


def file_sha256(path: Path) -> str:
    """Hex digest, read in 1 MiB blocks (files can be gigabytes)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def stream_sha256(stream: BinaryIO) -> tuple[int, str]:
    """(bytes read, hex digest) of an open file from where it stands to its end."""
    digest = hashlib.sha256()
    size = 0
    for block in iter(lambda: stream.read(BLOCK), b""):
        digest.update(block)
        size += len(block)
    return size, digest.hexdigest()


def copy_and_hash(stream: BinaryIO, target: Path) -> tuple[int, str]:
    """Copy an open file (from where it stands) to a new file `target`, fsynced; returns
    (bytes, SHA-256) of what was written. On any error the partial target is removed."""
    digest = hashlib.sha256()
    size = 0
    try:
        with Path(target).open("xb") as out:
            for block in iter(lambda: stream.read(BLOCK), b""):
                out.write(block)
                digest.update(block)
                size += len(block)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            Path(target).unlink()
        raise
    return size, digest.hexdigest()


def fsync_dir(path: Path) -> None:
    """Make a rename inside `path` durable (Linux); a no-op where folders cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
