"""The data folder's life: owner-only modes, leftovers of killed work, and what counts as new.

* Modes: EdgeDeck sets its umask to 077 before it creates anything, so the folder is 0700 and
  every file in it 0600 (SQLite gives -wal/-shm the database's mode). Looser modes found on
  start (a copy made by root, an old version, a restore from a FAT stick) are repaired with one
  warning; `doctor` reports them. The walk only reads modes (never contents), is bounded, and
  never follows a symbolic link.
* Leftovers: names only EdgeDeck's own temporary work uses (`.restore-*`, `.field-*`,
  `.diag-bench-*`, `.doctor-write-test`, `edgedeck-optimize-*`, `*.part` and `*.tmp` at the
  top, `*.part` below).
  They are never read or reused: a killed restore's staging holds a backup's plaintext. When
  no other process has the folder open (the exclusive lock) every one is removed; otherwise
  only those whose name carries the pid of a process that is gone (`tagged_prefix`). Each
  removal is logged. Folders other services own (`models/.staging`, `.trash`), logs and safety
  copies are left alone.
* New or not: only an absent or empty folder is a new appliance. A folder without a database
  but with a restore journal, safety copies, keys, an audit anchor or archive, models or
  knowledge files lost its database: nothing may create a fresh one there (that would hand the
  box to whoever runs `setup` first).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import StoreError
from app.paths import (
    DB_FILENAME,
    DB_SIDECARS,
    JOURNAL_FILENAME,
    LOCK_FILENAME,
    SAFETY_DIRNAME,
)
from app.system.processes import process_gone

log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077
MAX_WALK_ENTRIES = 200_000
TEMP_PREFIXES = (".field-", ".restore-", ".diag-bench-", ".doctor-write-test", ".edgedeck-",
                 "edgedeck-optimize-")  # the last: app.models.inference's work folder
TEMP_SUFFIXES = (".tmp", ".part")
# Another service's work folders: their owner recovers them (models registry).
FOREIGN_WORK_DIRS = frozenset({".staging", ".trash"})
# Never searched for leftovers: the past (safety copies) and the record (logs) stay as they are.
NO_CLEANUP_DIRS = frozenset({"logs", SAFETY_DIRNAME})
# What shows a folder held an appliance's data even when its database is gone.
EVIDENCE = (JOURNAL_FILENAME, SAFETY_DIRNAME, "audit-anchor.json", "keys", "audit-archive",
            "models", "knowledge", *(DB_FILENAME + s for s in DB_SIDECARS))
# The audit anchor's lock and pending update (app.audit.anchor) count as the anchor itself.
ANCHOR_SIBLINGS = "audit-anchor.json"
# What a new, empty folder may hold already (a first start that failed half-way, a lock).
HARMLESS = frozenset({"logs", "ui.ini", LOCK_FILENAME, "engine-cache"})
_TAG = re.compile(r"[.-](\d+)-[^/.]*(\.[^/]*)?$")

# Temporary paths this process is using right now (its own pid cannot tell live from left).


class NoDataFolderError(StoreError):
    """`--data-dir` names no data folder (or one without a database); nothing was created."""


class NotNewError(StoreError):
    """The folder held an appliance's data but lost its database: it must not start afresh."""


class NotEmptyError(StoreError):
    """A folder full of other things is no place for a new appliance."""


# -- modes -----------------------------------------------------------------------------------


def use_private_umask() -> None:
    """Everything EdgeDeck creates from here on is owner-only (exports the user asks for too)."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)


def _walk(folder: Path, skip_dirs: frozenset[str] = frozenset(),
          skip_anywhere: frozenset[str] = frozenset()) -> Iterator[tuple[Path, os.stat_result]]:
    """(path, lstat) of every entry below `folder`, links not followed, at most
    MAX_WALK_ENTRIES (logged when cut short); `skip_dirs` (top level) and `skip_anywhere` are
    listed but not entered."""
    stack = [folder]
    seen = 0
    while stack:
        here = stack.pop()
        try:
            entries = list(os.scandir(here))
        except OSError:
            continue
        for entry in entries:
            seen += 1
            if seen > MAX_WALK_ENTRIES:
                log.warning("stopped checking %s after %d entries", folder, MAX_WALK_ENTRIES)
                return
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            path = Path(entry.path)
            yield path, info
            if stat.S_ISDIR(info.st_mode) and entry.name not in skip_anywhere and not (
                    here == folder and entry.name in skip_dirs):
                stack.append(path)


def loose_modes(folder: Path) -> list[Path]:
    """The folder and every file or folder in it that group or others may use (links are
    skipped: their own mode means nothing, and following them leaves the folder)."""
    if os.name != "posix" or not folder.is_dir() or folder.is_symlink():
        return []
    found = [folder] if stat.S_IMODE(folder.stat().st_mode) & 0o077 else []
    found += [p for p, info in _walk(folder)
              if not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077]
    return found


def _private_mode(info: os.stat_result) -> int:
    return 0o700 if stat.S_ISDIR(info.st_mode) else (stat.S_IMODE(info.st_mode) & 0o700) | 0o600


def repair_modes(folder: Path) -> tuple[list[Path], list[Path]]:
    """chmod every loose entry to owner-only; (repaired, could not be repaired)."""
    repaired: list[Path] = []
    failed: list[Path] = []
    for path in loose_modes(folder):
        try:
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                continue
            os.chmod(path, _private_mode(info))
            if stat.S_IMODE(path.lstat().st_mode) & 0o077:
                raise PermissionError("the file system keeps no permissions")
            repaired.append(path)
        except OSError as exc:
            log.warning("could not make %s private: %s", path, exc)
            failed.append(path)
    if repaired:
        log.warning("made %d files and folders in %s owner-only (others could read them): %s",
                    len(repaired), folder, ", ".join(str(p) for p in repaired[:20]))
    return repaired, failed


def modes_note(folder: Path, repaired: list[Path], failed: list[Path]) -> str | None:
    if failed:
        return (f"{len(failed)} files or folders in {folder} can be read by other users and "
                f"could not be made private (e.g. {failed[0]}): change their owner or "
                "permissions (chmod go-rwx).")
    if repaired:
        return (f"{len(repaired)} files or folders in {folder} could be read by other users; "
                "they were made private (owner only).")
    return None


# -- leftovers -------------------------------------------------------------------------------


def tagged_prefix(prefix: str) -> str:
    """A temporary name's prefix carrying this process's id, so a later run can tell a
    leftover of a dead process from the work of a live one."""
    return f"{prefix}{os.getpid()}-"


def owner_pid(name: str) -> int | None:
    match = _TAG.search(name)
    return int(match.group(1)) if match else None


def owner_gone(path: Path) -> bool:
    """The process whose pid the name carries has ended."""
    pid = owner_pid(path.name)
    if pid is None:
        return False
    try:
        touched = path.lstat().st_mtime
    except OSError:
        return True
    return process_gone(pid, touched, str(path))


def is_temp_name(name: str) -> bool:
    return name.startswith(TEMP_PREFIXES) or name.endswith(TEMP_SUFFIXES)


def find_leftovers(folder: Path, keep: frozenset[str] = frozenset()) -> list[Path]:
    """Temporary entries of EdgeDeck's own work: top-level temp names, `*.part` below.
    `keep` names top-level entries in use (a journal's staging)."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    try:
        top = list(os.scandir(folder))
    except OSError:
        return []
    for entry in top:
        if entry.name in keep or entry.name in (LOCK_FILENAME, JOURNAL_FILENAME):
            continue
        if is_temp_name(entry.name):
            found.append(Path(entry.path))
    for path, _info in _walk(folder, skip_dirs=NO_CLEANUP_DIRS | keep,
                             skip_anywhere=FOREIGN_WORK_DIRS):
        if path.parent == folder or path.name in FOREIGN_WORK_DIRS:
            continue
        if path.name.endswith(".part") and not any(path.is_relative_to(f) for f in found):
            found.append(path)
    return found


def remove_leftover(path: Path) -> bool:
    """Remove without reading and without following a link; False when it could not be."""
    try:
        if path.is_symlink() or not path.is_dir():
            path.unlink()
        else:
            shutil.rmtree(path)
    except FileNotFoundError:
        return True
    except OSError as exc:
        log.warning("could not remove the leftover %s: %s", path, exc)
        return False
    log.warning("removed %s, left by an interrupted EdgeDeck task (never reused)", path)
    return True


def remove_leftovers(folder: Path, everything: bool,
                     keep: frozenset[str] = frozenset()) -> list[Path]:
    """Remove leftovers: all of them when no other process has the folder open
    (`everything`), else only those whose tagged owner is gone."""
    removed = []
    for path in find_leftovers(folder, keep):
        if (everything or owner_gone(path)) and remove_leftover(path):
            removed.append(path)
    return removed


def remove_partial_outputs(target: Path) -> list[Path]:
    """Partial files EdgeDeck left beside an output of the same name (`.NAME.*.part`, written
    before the rename that publishes NAME): the next write of NAME removes them. The folder is
    the user's: nothing else in it is touched."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if (entry.name.startswith(f".{target.name}.") and entry.name.endswith(".part")
                    and not entry.is_dir(follow_symlinks=False)
                    and (owner_pid(entry.name) is None or owner_gone(Path(entry.path)))
                    and remove_leftover(Path(entry.path))):
                removed.append(Path(entry.path))
    return removed


# -- new or not ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FolderState:
    """What a look at the folder (names only, nothing opened) says about it."""

    path: Path
    exists: bool
    has_database: bool
    journal: bool
    evidence: tuple[str, ...] = ()
    other: tuple[str, ...] = field(default=())  # names that are neither EdgeDeck's nor temp

    @property
    def is_new(self) -> bool:
        return not self.has_database and not self.journal and not self.evidence


def _has_content(path: Path) -> bool:
    if path.is_symlink() or path.is_file():
        return True
    if path.is_dir():
        with contextlib.suppress(OSError), os.scandir(path) as entries:
            return any(True for _ in entries)
    return False


def inspect_folder(folder: Path) -> FolderState:
    if not folder.is_dir():
        return FolderState(folder, folder.exists(), False, False)
    db = folder / DB_FILENAME
    has_db = db.is_file() and db.stat().st_size > 0
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        names = []
    evidence = tuple(name for name in names if (name in EVIDENCE or name.startswith(
        ANCHOR_SIBLINGS)) and _has_content(folder / name))
    known = {DB_FILENAME, *EVIDENCE, *HARMLESS}
    other = tuple(n for n in names if n not in known and not n.startswith(ANCHOR_SIBLINGS)
                  and not is_temp_name(n))
    return FolderState(folder, True, has_db, (folder / JOURNAL_FILENAME).exists(), evidence,
                       other)


def newest_safety_copy(folder: Path) -> Path | None:
    root = folder / SAFETY_DIRNAME
    with contextlib.suppress(OSError):
        copies = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())
        return copies[-1] if copies else None
    return None


def not_new_message(state: FolderState) -> str:
    folder = state.path
    copy = newest_safety_copy(folder)
    recover = (f"move the contents of {copy} back into {folder}" if copy else
               f"put its database back at {folder / DB_FILENAME}")
    return (f"The data folder {folder} holds an appliance's data ({', '.join(state.evidence)}) "
            "but no database, so it is not a new appliance and nothing was created. Recover "
            f"it: {recover}; or set up a new, empty folder (--data-dir) and restore a backup "
            "there (edgedeck backup restore FILE --allow-other-device).")


def missing_message(state: FolderState) -> str:
    if not state.exists:
        return (f"No EdgeDeck data folder at {state.path} (check --data-dir); nothing was "
                "created.")
    return (f"No EdgeDeck database in {state.path} (check --data-dir; a new appliance is set "
            "up with `edgedeck setup --admin NAME` first); nothing was created.")


def not_empty_message(state: FolderState) -> str:
    shown = ", ".join(state.other[:5]) + (", ..." if len(state.other) > 5 else "")
    return (f"{state.path} is not an EdgeDeck data folder and is not empty ({shown}): nothing "
            "was created there. Check --data-dir, or choose an empty or new folder for a new "
            "appliance.")


def check_usable(state: FolderState, create: bool) -> None:
    """Raise unless the folder holds a database, or may get a new one (`create` and new)."""
    if state.has_database:
        return
    if state.evidence:
        raise NotNewError(not_new_message(state))
    if not create:
        raise NoDataFolderError(missing_message(state))
    if state.other:
        raise NotEmptyError(not_empty_message(state))


# -- opening ---------------------------------------------------------------------------------


class RestorePendingError(StoreError):
    """A read-only command met a folder in the middle of a restore."""


@dataclass
class OpenedFolder:
    """What opening did: the lock held for the context's life and what to tell the person."""

    lock: Any
    notes: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    repaired: list[Path] = field(default_factory=list)

    def release(self) -> None:
        self.lock.release()


def journal_staging(folder: Path) -> frozenset[str]:
    """The staging folder an unfinished restore's journal owns (never a leftover); every
    `.restore-*` folder when the journal cannot be read."""
    from app.field import restore_journal

    try:
        journal = restore_journal.read(folder)
    except StoreError:
        return frozenset(n for n in os.listdir(folder) if n.startswith(".restore-")) \
            if folder.is_dir() else frozenset()
    return frozenset({journal.staging}) if journal else frozenset()


def open_data_folder(folder: Path, create: bool = True, read_only: bool = False
                     ) -> OpenedFolder:
    """Everything before the database is opened, in this order: the umask; refuse a folder
    that is missing, new when it must not be, someone else's, or (read-only) mid-restore —
    before anything is written; the folder lock; then, for a writing open, an interrupted
    restore completed or undone, leftovers removed and loose modes repaired."""
    from app.field import restore_journal
    from app.logging_setup import configure_logging
    from app.system.folder_lock import lock_for_open

    use_private_umask()
    create = create and not read_only
    state = inspect_folder(folder)
    if read_only and state.journal:
        raise RestorePendingError(restore_journal.pending_message(folder))
    if not state.journal:
        check_usable(state, create)
    if not state.exists:
        folder.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)
    configure_logging(folder)
    lock = lock_for_open(folder, exclusive_first=not read_only)
    opened = OpenedFolder(lock)
    try:
        if read_only:
            if journal_exists(folder):  # a restore started while we waited for the lock
                raise RestorePendingError(restore_journal.pending_message(folder))
            return opened
        exclusive = lock.mode == "exclusive"
        journal = restore_journal.read(folder)
        if journal is not None:
            if not (exclusive or (not lock.supported
                                  and restore_journal.owner_gone(folder, journal))):
                from app.system.folder_lock import FolderBusyError, busy_message

                raise FolderBusyError(busy_message(folder))
            note = restore_journal.recover(folder)
            if note:
                opened.notes.append(note)
        opened.removed = remove_leftovers(folder, everything=exclusive,
                                          keep=journal_staging(folder))
        opened.repaired, failed = repair_modes(folder)
        note = modes_note(folder, opened.repaired, failed)
        if note:
            opened.notes.append(note)
        check_usable(inspect_folder(folder), create)
        lock.downgrade()
    except BaseException:
        lock.release()
        raise
    return opened


def journal_exists(folder: Path) -> bool:
    return (folder / JOURNAL_FILENAME).exists()


def schema_behind_message(path: Path, current: int, newest: int) -> str:
    return (f"The database {path} has schema version {current}; this EdgeDeck uses {newest}. "
            "This command only reads, so it did not upgrade it (nothing was changed): start "
            "the console or run a command that changes data once to upgrade it, then run "
            "this again.")
