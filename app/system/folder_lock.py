"""Who else has the data folder open: one advisory lock file that every open process holds.

Every AppContext holds a shared lock on ``<data>/.edgedeck.lock`` for its life. Opening tries
an exclusive lock first: getting it proves no other EdgeDeck process has the folder open, so
leftovers of killed work can be removed and an interrupted restore finished without pulling a
file from under a live process. A restore holds the exclusive lock while it swaps the folder's
contents, so nothing opens the folder half-swapped. flock locks die with their process (kill -9
included), so a crash never leaves the folder locked. POSIX only: elsewhere nothing is locked
(`supported` is False) and callers fall back on process ids.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from app.errors import EdgeDeckError
from app.paths import LOCK_FILENAME

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT_S = 30.0
POLL_S = 0.05


class FolderBusyError(EdgeDeckError):
    """Another process is restoring or repairing the folder right now."""

    exit_code = 3


class FolderLock:
    """One open file description on the lock file; `mode` is none, shared or exclusive."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_FILENAME
        self.mode = "none"
        self._fd: int | None = None

    @property
    def supported(self) -> bool:
        return self._fd is not None

    def open(self, create: bool = True) -> bool:
        """Open the lock file (creating it when allowed); False where locks cannot be had."""
        if fcntl is None:
            return False
        flags = [os.O_RDWR | os.O_CREAT] if create else []
        flags.append(os.O_RDONLY)
        for flag in flags:
            try:
                self._fd = os.open(self.path, flag, 0o600)
                return True
            except OSError:
                continue
        return False

    def _try(self, operation: int, mode: str) -> bool:
        if self._fd is None or fcntl is None:
            return False
        try:
            fcntl.flock(self._fd, operation | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:  # e.g. a file system without locks: behave as unsupported
            self._close()
            return False
        self.mode = mode
        return True

    def try_exclusive(self) -> bool:
        return self._try(fcntl.LOCK_EX if fcntl else 0, "exclusive")

    def try_shared(self) -> bool:
        return self._try(fcntl.LOCK_SH if fcntl else 0, "shared")

    def downgrade(self, wait_s: float = LOCK_WAIT_S) -> None:
        """Exclusive to shared (not atomic on Linux: retried if a restore slips in between)."""
        if self.mode != "exclusive":
            return
        deadline = time.monotonic() + wait_s
        while not self.try_shared():
            if self._fd is None:
                return
            if time.monotonic() >= deadline:
                self.release()
                raise FolderBusyError(busy_message(self.folder))
            time.sleep(POLL_S)

    def _close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing drops the flock
        self._fd = None
        self.mode = "none"

    def release(self) -> None:
        self._close()

    def __del__(self) -> None:  # a context never closed must not keep the folder locked
        self._close()


def busy_message(folder: Path) -> str:
    return (f"Another EdgeDeck process is restoring or repairing the data folder {folder}. "
            "Nothing was changed; try again when it has finished.")


def lock_for_open(folder: Path, exclusive_first: bool = True, wait_s: float | None = None
                  ) -> FolderLock:
    """Exclusive when asked for and no other process has the folder open (`mode ==
    "exclusive"`: safe to clean up and recover), else shared; waits while another process
    holds it exclusively (a restore)."""
    lock = FolderLock(folder)
    if not lock.open(create=True):
        return lock
    deadline = time.monotonic() + (LOCK_WAIT_S if wait_s is None else wait_s)
    while True:
        if (exclusive_first and lock.try_exclusive()) or lock.try_shared():
            return lock
        if not lock.supported:
            return lock
        if time.monotonic() >= deadline:
            lock.release()
            raise FolderBusyError(busy_message(folder))
        time.sleep(POLL_S)


def lock_exclusively(folder: Path) -> FolderLock | None:
    """The exclusive lock now, or None when another process has the folder open."""
    lock = FolderLock(folder)
    if not lock.open(create=True):
        return lock  # nothing to lock with: the caller's own checks have to do
    if lock.try_exclusive():
        return lock
    supported = lock.supported
    lock.release()
    return None if supported else FolderLock(folder)


def held_exclusively_by_another(folder: Path) -> bool:
    """True while another process holds the exclusive lock (a restore or start-up repair).
    Never creates the lock file."""
    lock = FolderLock(folder)
    if not (lock.path.exists() and lock.open(create=False)):
        return False
    try:
        return not lock.try_shared() and lock.supported
    finally:
        lock.release()
