"""Table `meta`: the appliance's identity (device id, name, creation time) and one-time markers.

The device id is written once, by the first migration, and travels in every audit record; the
name is what exports and bundles print to tell boxes apart.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from app.store import Store

DEVICE_ID = "device_id"
DEVICE_NAME = "device_name"


class ApplianceMeta:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, key: str) -> str | None:
        row = self._store.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def all(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self._store.conn.execute(
            "SELECT key, value FROM meta ORDER BY key")}

    @property
    def device_id(self) -> str:
        return self.get(DEVICE_ID) or ""

    @property
    def device_name(self) -> str:
        return self.get(DEVICE_NAME) or ""

    def put(self, key: str, value: str) -> None:
        """Set `key`; joins the caller's transaction (who changed it is the caller's record)."""
        with self._store.transaction(immediate=True) as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO "
                         "UPDATE SET value = excluded.value", [key, value])

    def mark_once(self, key: str, value: str) -> bool:
        """Set a one-time marker; False when it was already set (e.g. defaults seeded)."""
        with self._store.transaction(immediate=True) as conn:
            if conn.execute("SELECT 1 FROM meta WHERE key = ?", [key]).fetchone():
                return False
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [key, value])
            return True

    def is_marked(self, key: str) -> bool:
        return self.get(key) is not None


def read_meta(database: Path | str, keys: Iterable[str] = (DEVICE_ID, DEVICE_NAME)
              ) -> dict[str, str]:
    """The meta values of a database file opened read-only (a backup, an auditor's copy),
    without migrating or writing it; {} when the table is absent."""
    wanted = list(keys)
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        marks = ", ".join("?" * len(wanted))
        rows = conn.execute(f"SELECT key, value FROM meta WHERE key IN ({marks})", wanted)
        return {str(k): str(v) for k, v in rows}
    except sqlite3.OperationalError:
        return {}
    finally:
        conn.close()


def read_meta_from(conn: sqlite3.Connection, keys: Iterable[str] = (DEVICE_ID, DEVICE_NAME)
                   ) -> dict[str, str]:
    """The same from a connection someone already holds (read-only copies, workers)."""
    wanted = list(keys)
    marks = ", ".join("?" * len(wanted))
    try:
        rows = conn.execute(f"SELECT key, value FROM meta WHERE key IN ({marks})", wanted)
    except sqlite3.OperationalError:
        return {}
    return {str(k): str(v) for k, v in rows}
