"""Passphrase encryption for files that leave the box (USB sticks get lost).

Format (all integers big-endian)::

    header   = "EDGEDECK-ENC" | version u8 | kdf u8 (1 = scrypt) | log2(n) u8 | r u32 | p u32
               | salt 16 B | nonce prefix 8 B | chunk size u32                        (51 B)
    check    = AES-GCM tag over nothing, nonce = prefix | 0xFFFFFFFF, AD = header | "key-check"
    chunk i  = AES-GCM(plaintext[i]) + 16 B tag, nonce = prefix | i (u32),
               AD = header | i (u64) | final (u8)

The key is scrypt(passphrase, salt); every file gets a fresh salt and nonce prefix, so keys
and nonces never repeat. Binding the whole header into every chunk's associated data protects
the KDF parameters and chunk size; binding the index and the final flag means chunks cannot be
reordered, dropped, truncated or extended without the tag failing. The key-check tag tells a
wrong passphrase apart from a damaged file. Files are streamed one chunk at a time (memory
stays at a few chunks for files of any size), written to a temporary file beside the
destination and renamed into place only when complete: a failure leaves nothing behind.
"""

from __future__ import annotations

import errno
import os
import secrets
import struct
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.errors import AuthenticationError, EdgeDeckError, ValidationError

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]

MAGIC = b"EDGEDECK-ENC"
FORMAT_VERSION = 1
KDF_SCRYPT = 1
SUFFIX = ".enc"

# The KDF cost of new files (tests monkeypatch these; decryption reads them from the header).
# n=2**17, r=8 costs 128 MiB and a fraction of a second: cheap once per file, dear per guess.
SCRYPT_LOG2_N = 17
SCRYPT_R = 8
SCRYPT_P = 1
CHUNK_SIZE = 1024 * 1024
MIN_PASSPHRASE = 8

# Refused when reading: a forged header must not make us allocate gigabytes or spin for hours.
MAX_LOG2_N = 22
MAX_R = 32
MAX_P = 16
MAX_CHUNK_SIZE = 64 * 1024 * 1024

_HEADER = struct.Struct(">12sBBBII16s8sI")
HEADER_SIZE = _HEADER.size
TAG_SIZE = 16
_KEY_CHECK_COUNTER = 0xFFFFFFFF  # reserved: chunk indices stay below it


class WrongPassphraseError(AuthenticationError):
    """The passphrase does not open this file (nothing was written)."""


class TamperedFileError(EdgeDeckError):
    """The encrypted file was altered, truncated or damaged (nothing was written)."""


class NotEncryptedError(ValidationError):
    """The file is not an EdgeDeck encrypted file."""


class OperationCancelled(EdgeDeckError):
    """The person pressed Cancel; partial output was removed."""

    exit_code = 130


def destination_error(exc: OSError, path: Path) -> EdgeDeckError:
    """Turn a write failure into a sentence that says what to do about it."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return EdgeDeckError(f"Not enough space to write {path}: free space on that drive or "
                             "use a bigger one. The partial file was removed.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return EdgeDeckError(f"Cannot write {path}: the destination is read-only or not "
                             f"writable ({exc.strerror}).")
    if exc.errno == errno.ENOENT:
        return EdgeDeckError(f"Cannot write {path}: the folder {path.parent} does not exist "
                             "(is the USB stick mounted?).")
    return EdgeDeckError(f"Cannot write {path}: {exc.strerror or exc}.")


def check_passphrase(passphrase: str) -> None:
    """Refuse passphrases a lost stick's finder could guess in an afternoon."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"The passphrase must have at least {MIN_PASSPHRASE} characters.")


def _derive(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    # NFC: the same passphrase typed on another keyboard/OS must give the same key.
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(secret)


def _nonce(prefix: bytes, counter: int) -> bytes:
    return prefix + struct.pack(">I", counter)


def _chunk_ad(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">QB", index, 1 if final else 0)


def _key_check(aead: AESGCM, header: bytes, prefix: bytes) -> bytes:
    return aead.encrypt(_nonce(prefix, _KEY_CHECK_COUNTER), b"", header + b"key-check")


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """True when the file starts with the EdgeDeck encryption magic (cheap; reads 12 bytes)."""
    try:
        with open(path, "rb") as stream:
            return stream.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _temp_beside(dst: Path) -> tuple[BinaryIO, Path]:
    try:
        fd, name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".part", dir=dst.parent)
    except OSError as exc:
        raise destination_error(exc, dst) from exc
    return os.fdopen(fd, "wb"), Path(name)


def _finish(stream: BinaryIO, tmp: Path, dst: Path) -> None:
    stream.flush()
    os.fsync(stream.fileno())
    stream.close()
    os.replace(tmp, dst)


def encrypt_file(src: str | os.PathLike[str], dst: str | os.PathLike[str], passphrase: str,
                 progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                 *, chunk_size: int | None = None) -> Path:
    """Encrypt `src` into `dst` (complete or absent: written beside it, then renamed)."""
    src, dst = Path(src), Path(dst)
    check_passphrase(passphrase)
    size = chunk_size or CHUNK_SIZE
    if not 1 <= size <= MAX_CHUNK_SIZE:
        raise ValueError(f"chunk size must be 1..{MAX_CHUNK_SIZE}")
    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(8)
    header = _HEADER.pack(MAGIC, FORMAT_VERSION, KDF_SCRYPT, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P,
                          salt, prefix, size)
    aead = AESGCM(_derive(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P))
    total = src.stat().st_size
    out, tmp = _temp_beside(dst)
    try:
        with open(src, "rb") as source:
            out.write(header + _key_check(aead, header, prefix))
            done, index = 0, 0
            current = source.read(size)
            while True:
                if cancelled and cancelled():
                    raise OperationCancelled("Encryption cancelled; nothing was written.")
                following = source.read(size) if len(current) == size else b""
                final = not following
                if index >= _KEY_CHECK_COUNTER:
                    raise ValueError("file too large for this chunk size")
                out.write(aead.encrypt(_nonce(prefix, index), current,
                                       _chunk_ad(header, index, final)))
                done += len(current)
                if progress:
                    progress(done, total)
                if final:
                    break
                current, index = following, index + 1
        _finish(out, tmp, dst)
    except OSError as exc:
        raise destination_error(exc, dst) from exc
    finally:
        if not out.closed:
            out.close()
        tmp.unlink(missing_ok=True)
    return dst


def _read_header(stream: BinaryIO, path: Path) -> tuple[bytes, int, int, int, bytes, bytes, int]:
    raw = stream.read(HEADER_SIZE)
    if raw[:len(MAGIC)] != MAGIC:
        raise NotEncryptedError(f"{path} is not an EdgeDeck encrypted file.")
    if len(raw) < HEADER_SIZE:
        raise TamperedFileError(f"{path} is truncated: its header is incomplete.")
    _, version, kdf, log2_n, r, p, salt, prefix, size = _HEADER.unpack(raw)
    if version != FORMAT_VERSION or kdf != KDF_SCRYPT:
        raise ValidationError(f"{path} uses encryption format {version}/{kdf}, which this "
                              "EdgeDeck does not know: use a newer EdgeDeck.")
    if not (1 <= log2_n <= MAX_LOG2_N and 1 <= r <= MAX_R and 1 <= p <= MAX_P
            and 1 <= size <= MAX_CHUNK_SIZE):
        raise TamperedFileError(f"{path} has an implausible header (damaged or forged).")
    return raw, log2_n, r, p, salt, prefix, size


def decrypt_file(src: str | os.PathLike[str], dst: str | os.PathLike[str], passphrase: str,
                 progress: ProgressFn | None = None,
                 cancelled: CancelledFn | None = None) -> Path:
    """Decrypt `src` into `dst`; wrong passphrase or any alteration raises, writing nothing."""
    src, dst = Path(src), Path(dst)
    total = src.stat().st_size
    with open(src, "rb") as source:
        header, log2_n, r, p, salt, prefix, size = _read_header(source, src)
        aead = AESGCM(_derive(passphrase, salt, log2_n, r, p))
        check = source.read(TAG_SIZE)
        try:
            aead.decrypt(_nonce(prefix, _KEY_CHECK_COUNTER), check, header + b"key-check")
        except InvalidTag:
            raise WrongPassphraseError(f"Wrong passphrase for {src.name} (or its header was "
                                       "altered); nothing was written.") from None
        out, tmp = _temp_beside(dst)
        try:
            block = size + TAG_SIZE
            done, index = HEADER_SIZE + TAG_SIZE, 0
            current = source.read(block)
            while True:
                if cancelled and cancelled():
                    raise OperationCancelled("Decryption cancelled; nothing was written.")
                following = source.read(block) if len(current) == block else b""
                final = not following
                if len(current) < TAG_SIZE or index >= _KEY_CHECK_COUNTER:
                    raise TamperedFileError(f"{src} is truncated at chunk {index}; nothing "
                                            "was written.")
                try:
                    out.write(aead.decrypt(_nonce(prefix, index), current,
                                           _chunk_ad(header, index, final)))
                except InvalidTag:
                    raise TamperedFileError(
                        f"{src} was altered, truncated or reordered (chunk {index} does not "
                        "authenticate); nothing was written.") from None
                done += len(current)
                if progress:
                    progress(done, total)
                if final:
                    break
                current, index = following, index + 1
            _finish(out, tmp, dst)
        except OSError as exc:
            raise destination_error(exc, dst) from exc
        finally:
            if not out.closed:
                out.close()
            tmp.unlink(missing_ok=True)
    return dst
