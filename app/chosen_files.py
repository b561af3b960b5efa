"""Files a person chose (a folder, a USB stick, single files): list and open them without ever
reading anything outside what was chosen.

A USB stick may carry traps: `passwd.txt -> /etc/passwd`, a folder linked to `/`, a FIFO that
blocks its first reader forever, a device node, names that are not UTF-8. Every service that
reads chosen files (knowledge ingest, model folders, model packages, batch jobs) goes through
here, so the rules are the same everywhere:

- `walk` lists the regular files under the chosen folders (and the files named directly), each
  as its real path. A link whose target stays inside the chosen tree is followed (the target is
  listed once); a link that leaves it, a broken link, a device, FIFO or socket and a folder that
  cannot be read are each refused with a reason, and the walk goes on.
- `open_regular` opens one of them with O_NOFOLLOW on every component of its real path and
  checks it is still a regular file: a link swapped in after the walk (a parent folder too) is
  refused, a FIFO is never opened, and the caller reads the inode that was checked.
- `shown` is the text to show, log, audit or store for a path: bytes that are not UTF-8 appear
  as \\xNN and control characters as escapes, so no name can break an encoder or a terminal.
  `storable`/`from_storable` keep the exact name (for reopening on resume) in SQLite.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.errors import ValidationError
from app.messages import msg

Accept = Callable[[str], bool]  # a file name -> is it a candidate (e.g. a supported suffix)

_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class RefusedFile(ValidationError):
    """A chosen file that must not be read; the message is the reason, for the file's result."""


@dataclass(frozen=True)
class Refusal:
    """Something found under a chosen path that was not read, and why."""

    path: Path  # where it was found (not resolved)
    reason: str

    @property
    def shown(self) -> str:
        return shown(self.path)


@dataclass(frozen=True)
class Found:
    """A file to read: where it was found (a link's own name), and its real path."""

    path: Path
    real: Path


@dataclass(frozen=True)
class Walked:
    found: list[Found]  # in walk order, each real file once
    refused: list[Refusal]

    @property
    def files(self) -> list[Path]:
        """The real paths (what `open_regular` takes)."""
        return [item.real for item in self.found]


def shown(path: str | os.PathLike[str]) -> str:
    """Printable, encodable text for a path: undecodable bytes as \\xNN, controls escaped."""
    text = os.fspath(path)
    if isinstance(text, bytes):  # pragma: no cover - callers pass str paths
        text = os.fsdecode(text)
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        text = os.fsencode(text).decode("utf-8", "backslashreplace")
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")  # any other surrogate
    return _UNSAFE_CHARS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"),
                             text)


def storable(path: str | os.PathLike[str]) -> str | bytes:
    """The exact path for a SQLite column: text when it is UTF-8, else its raw bytes (a BLOB;
    SQLite keeps the bytes whatever the column's declared type)."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text)
    return text


def from_storable(value: str | bytes) -> Path:
    """The path `storable` kept."""
    return Path(os.fsdecode(value) if isinstance(value, bytes) else value)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _kind_reason(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "It is a folder, not a file."
    return "It is a device, pipe or socket, not a regular file: it was not read."


def _link_reason(link: str, target: str) -> str:
    return (f"It is a link to {shown(target)}, outside the folder you chose: it was not read. "
            "Copy the file itself into the folder.")


def walk(paths: Iterable[str | os.PathLike[str]], accept: Accept, recursive: bool = True,
         skip_hidden: bool = True, unique: bool = True) -> Walked:
    """Candidate files under each chosen path (see the module docstring for the rules).

    In folders only names `accept` takes are listed (or refused); a file named directly is
    always listed, so its own failure can be reported. Hidden names (".x") are skipped in
    folders. With `unique`, a file reached under two names (a link inside the tree) is listed
    once.
    """
    found: list[Found] = []
    refused: list[Refusal] = []
    seen: set[str] = set()

    def take(where: str, real: str) -> None:
        if real not in seen or not unique:
            seen.add(real)
            found.append(Found(Path(where), Path(real)))

    for raw in paths:
        given = Path(os.path.abspath(Path(raw).expanduser()))
        try:
            real = chosen_path(given)
        except RefusedFile as exc:
            refused.append(Refusal(given, str(exc)))
            continue
        if real.is_dir():
            _walk_folder(str(real), accept, recursive, skip_hidden, take, refused)
        else:
            take(str(given), str(real))
    return Walked(found, refused)


def chosen_path(path: str | os.PathLike[str]) -> Path:
    """The real path of a file or folder a person named, or RefusedFile: missing, a broken
    link, a link (the item or a folder above it) leading out of the folder holding it, or
    something that is neither a regular file nor a folder."""
    given = Path(os.path.abspath(Path(path).expanduser()))
    try:
        info = os.lstat(given)
    except OSError as exc:
        raise RefusedFile("There is no such file or folder." if exc.errno == errno.ENOENT
                          else msg("Cannot read it: {strerror}.", strerror=exc.strerror)) from None
    escape = _escaping_link(given)
    if escape is not None:
        raise RefusedFile(escape)
    real = os.path.realpath(given)
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(real)
        except OSError:
            raise RefusedFile("It is a link that points nowhere (its target is "
                              "missing).") from None
    if not stat.S_ISDIR(info.st_mode):
        reason = _kind_reason(info.st_mode)
        if reason:
            raise RefusedFile(reason)
    return Path(real)


def _escaping_link(given: Path) -> str | None:
    """Why a named path is refused: a link on it (the item itself or a folder above it, the
    hard-to-see case) that leads outside the folder holding the link. Links in the top folder
    (e.g. /tmp -> /private/tmp) lead nowhere outside it."""
    parts = given.parts
    current = os.path.realpath(parts[0])
    for name in parts[1:]:
        candidate = os.path.join(current, name)
        if os.path.islink(candidate):
            target = os.path.realpath(candidate)
            if not _inside(target, current):
                if candidate == str(given):
                    return _link_reason(candidate, target)
                return (f"It is reached through the link {shown(candidate)}, which leads to "
                        f"{shown(target)}, outside the folder holding the link: it was not "
                        "read. Name the real path instead.")
            current = target
        else:
            current = candidate
    return None


def _walk_folder(root: str, accept: Accept, recursive: bool, skip_hidden: bool,
                 take: Callable[[str, str], None], refused: list[Refusal]) -> None:
    """Depth first, files of a folder before its sub-folders, names sorted (a stable order
    for resume). Linked folders are not entered: inside the tree they are walked under their
    real path anyway, outside it they are refused."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            refused.append(Refusal(Path(folder), f"The folder cannot be read: "
                                   f"{exc.strerror or exc}."))
            continue
        subfolders = []
        for entry in entries:
            if skip_hidden and entry.name.startswith("."):
                continue
            try:
                if entry.is_symlink():
                    _linked(entry, root, accept, take, refused)
                elif entry.is_dir(follow_symlinks=False):
                    if recursive:
                        subfolders.append(entry.path)
                elif accept(entry.name):
                    reason = _kind_reason(entry.stat(follow_symlinks=False).st_mode)
                    if reason:
                        refused.append(Refusal(Path(entry.path), reason))
                    else:
                        take(entry.path, entry.path)
            except OSError as exc:
                if accept(entry.name):
                    refused.append(Refusal(Path(entry.path), f"Cannot read it: "
                                           f"{exc.strerror or exc}."))
        stack.extend(reversed(subfolders))


def _linked(entry: os.DirEntry, root: str, accept: Accept, take: Callable[[str, str], None],
            refused: list[Refusal]) -> None:
    real = os.path.realpath(entry.path)
    try:
        mode = os.stat(real).st_mode
    except OSError:
        if accept(entry.name):
            refused.append(Refusal(Path(entry.path), "It is a link that points nowhere (its "
                                   "target is missing)."))
        return
    is_dir = stat.S_ISDIR(mode)
    if not is_dir and not accept(entry.name):
        return
    if not _inside(real, root):
        refused.append(Refusal(Path(entry.path), _link_reason(entry.path, real)))
        return
    if is_dir:
        return  # walked under its real path
    reason = _kind_reason(mode)
    if reason:
        refused.append(Refusal(Path(entry.path), reason))
    else:
        take(entry.path, real)


def check_inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> Path:
    """The real path of `path`, refused when it (or a linked folder on its way) leads out of
    `root` or is not a regular file. For files found by name in a chosen folder (a model's
    side files, external data)."""
    given = Path(path)
    real = os.path.realpath(given)
    if not _inside(real, os.path.realpath(root)):
        raise RefusedFile(_link_reason(str(given), real))
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        raise RefusedFile(msg("Cannot read it: {strerror}.",
                              strerror=exc.strerror or exc)) from None
    reason = _kind_reason(mode)
    if reason:
        raise RefusedFile(reason)
    return Path(real)


_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
               | getattr(os, "O_BINARY", 0))
_DIR_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_DIRECTORY", 0)
              | getattr(os, "O_CLOEXEC", 0))
_CHANGED = "It changed into a link since it was chosen: it was not read."


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a real path (as `walk` gives) for reading, refusing links anywhere on it and
    anything but a regular file; RefusedFile says why. The caller closes the file."""
    real = os.path.abspath(os.fspath(path))
    if os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW"):
        fd = _open_component_wise(real)
    else:  # Windows: no dir_fd; compare the real path instead (a narrow race remains)
        if os.path.realpath(real) != real:
            raise RefusedFile(_CHANGED)
        try:
            before = os.lstat(real)
        except OSError as exc:
            raise RefusedFile(msg("Cannot read the file: {strerror}.",
                                  strerror=exc.strerror or exc)) from None
        reason = _kind_reason(before.st_mode)
        if reason:
            raise RefusedFile(reason)
        try:
            fd = os.open(real, _OPEN_FLAGS)
        except OSError as exc:
            raise RefusedFile(msg("Cannot read the file: {strerror}.",
                                  strerror=exc.strerror or exc)) from None
    try:
        reason = _kind_reason(os.fstat(fd).st_mode)
        if reason:
            raise RefusedFile(reason)
        if hasattr(os, "O_NONBLOCK"):  # opened non-blocking (a FIFO check); reads block
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _open_component_wise(real: str) -> int:
    parts = Path(real).parts
    anchor, names = parts[0], parts[1:]
    if not names:
        raise RefusedFile("It is a folder, not a file.")
    try:
        dir_fd = os.open(anchor, _DIR_FLAGS)
    except OSError as exc:  # pragma: no cover - the root folder always opens
        raise RefusedFile(msg("Cannot read the file: {strerror}.",
                              strerror=exc.strerror or exc)) from None
    try:
        for name in names[:-1]:
            try:
                next_fd = os.open(name, _DIR_FLAGS, dir_fd=dir_fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise RefusedFile(_CHANGED) from None
                raise RefusedFile(msg("Cannot read the file: {strerror}.",
                                      strerror=exc.strerror or exc)) from None
            os.close(dir_fd)
            dir_fd = next_fd
        name = names[-1]
        try:  # look before opening: opening a device or FIFO can have side effects
            before = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        except OSError as exc:
            raise RefusedFile(msg("Cannot read the file: {strerror}.",
                                  strerror=exc.strerror or exc)) from None
        if stat.S_ISLNK(before.st_mode):
            raise RefusedFile(_CHANGED)
        reason = _kind_reason(before.st_mode)
        if reason:
            raise RefusedFile(reason)
        try:
            fd = os.open(name, _OPEN_FLAGS, dir_fd=dir_fd)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise RefusedFile(_CHANGED) from None
            raise RefusedFile(msg("Cannot read the file: {strerror}.",
                                  strerror=exc.strerror or exc)) from None
        after = os.fstat(fd)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            os.close(fd)
            raise RefusedFile("It was replaced while it was being opened: it was not read.")
        return fd
    finally:
        with contextlib.suppress(OSError):
            os.close(dir_fd)
