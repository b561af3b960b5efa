"""Where the appliance keeps its data, so every entry point agrees on one folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "EDGEDECK_DATA_DIR"
DB_FILENAME = "edgedeck.db"
# What SQLite keeps beside the database: they belong to whichever edgedeck.db sits next to them.
DB_SIDECARS = ("-wal", "-shm", "-journal")
SAFETY_DIRNAME = "safety-copies"
# The restore's write-ahead intent (app.field.restore_journal); visible on purpose.
JOURNAL_FILENAME = "restore-journal.json"
# Held (flock) by every process that has the folder open (app.system.folder_lock).
LOCK_FILENAME = ".edgedeck.lock"


def default_data_dir() -> Path:
    """Per-user data folder (e.g. ~/.local/share/EdgeDeck on Linux)."""
    return Path(platformdirs.user_data_dir("EdgeDeck", appauthor=False))


def resolve_data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` beats `EDGEDECK_DATA_DIR`, which beats the per-user default."""
    if option:
        return Path(option).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def logs_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def journal_path(data_dir: Path) -> Path:
    return data_dir / JOURNAL_FILENAME
