"""Table `settings`: appliance-wide values (JSON), read by many services, changed by admins.

Reading is plain (`Settings.get`); changing is `put`, which joins the caller's transaction so
the caller writes the audit record with the row (SettingsService does, with the role check).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from app.store import Store

# Every appliance setting a person may change: (type, minimum, maximum, default, words).
KNOWN: dict[str, tuple[type, float, float, Any, str]] = {
    "idle_lock_minutes": (int, 0, 240, 10, "minutes of inactivity before the console locks "
                          "(0 = never)"),
    "audit_max_records": (int, 10_000, 100_000_000, 5_000_000,
                          "audit records kept in the database before archiving is due"),
    "sampling_interval_s": (float, 0.5, 10.0, 1.0, "seconds between monitoring samples"),
    "knowledge_audit_full_text": (int, 0, 1, 0,
                                  "1 = audit the full text of knowledge questions (default: "
                                  "only their SHA-256)"),
    "history_max_rows": (int, 100_000, 50_000_000, 4_000_000,
                         "monitoring history rows kept (about 25 bytes each)"),
    "audit_anchor_syslog": (int, 0, 1, 1,
                            "1 = also send each signed audit checkpoint to the local syslog "
                            "(/dev/log), where EdgeDeck cannot rewrite it"),
}


def _parsed(value: str) -> Any:  # noqa: ANN401 - a JSON value, or the text itself
    try:
        return json.loads(value)
    except ValueError:
        return value


class Settings:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, key: str, default: Any = None) -> Any:  # noqa: ANN401 - a JSON value
        """The stored value, else `default`, else the catalogue's default for a known key."""
        row = self._store.conn.execute("SELECT value FROM settings WHERE key = ?", [key]
                                       ).fetchone()
        if row:
            return json.loads(row[0])
        if default is None and key in KNOWN:
            return KNOWN[key][3]
        return default

    def values(self, keys: Iterable[str]) -> dict[str, Any]:
        """The stored values of `keys` (absent keys are left out)."""
        wanted = list(keys)
        marks = ", ".join("?" * len(wanted))
        rows = self._store.conn.execute(
            f"SELECT key, value FROM settings WHERE key IN ({marks})", wanted)
        return {str(k): json.loads(v) for k, v in rows}

    def rows(self) -> list[tuple[str, Any, str, str]]:
        """(key, value, updated_at, updated_by) of every stored setting (diagnostics)."""
        rows = self._store.conn.execute(
            "SELECT key, value, updated_at, updated_by FROM settings ORDER BY key")
        return [(str(k), _parsed(v), str(at), str(by)) for k, v, at, by in rows]

    def put(self, key: str, value: Any, by: str) -> None:  # noqa: ANN401 - a JSON value
        """Store `value`; joins the caller's transaction (the caller audits the change)."""
        with self._store.transaction(immediate=True) as conn:
            conn.execute(
                "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [key, json.dumps(value), datetime.now(timezone.utc).isoformat(), by])
