"""Whether the process that started some temporary work is still alive.

Temporary names carry the pid of the process that made them; a later run removes only what a
dead process left. Kept apart from the data folder's other rules so the restore journal (which
data_folder drives) can ask without importing it back.
"""

from __future__ import annotations

import os
from pathlib import Path

_LIVE: set[str] = set()


def register_live(path: Path) -> None:
    """This process works on `path` now: it is not a leftover, whatever its name says."""
    _LIVE.add(str(path))


def unregister_live(path: Path) -> None:
    _LIVE.discard(str(path))


def process_gone(pid: int, touched_at: float, live_key: str | None = None) -> bool:
    """The process `pid`, seen writing at `touched_at`, has ended (a pid reused by a process
    started after that moment counts as ended). This process's own pid is live only for
    what it registered (`live_key`)."""
    if pid == os.getpid():
        return live_key is None or live_key not in _LIVE
    import psutil

    try:
        started = psutil.Process(pid).create_time()
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return True
    except psutil.Error:
        return False
    return started > touched_at + 1.0
