"""Appliance-wide settings stored in the database; changing them is an audited admin action.

Personal view preferences (theme, window geometry) are not appliance settings: the UI keeps
those per desktop.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from app.audit.trail import AuditTrail
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.errors import ValidationError
from app.events import SETTINGS, publish
from app.store import Store

MAX_DEVICE_NAME = 64

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


class SettingsService:
    def __init__(self, store: Store, audit: AuditTrail, guard: Guard) -> None:
        self._store = store
        self._audit = audit
        self._guard = guard

    def meta(self, key: str) -> str | None:
        row = self._store.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    @property
    def device_id(self) -> str:
        return self.meta("device_id") or ""

    @property
    def device_name(self) -> str:
        return self.meta("device_name") or ""

    def set_device_name(self, actor: Actor, name: str) -> None:
        """The name printed on audit exports and diagnostics bundles to tell boxes apart."""
        self._guard.require(actor, Permission.CHANGE_SETTINGS, "setting:device_name")
        cleaned = name.strip()
        if not cleaned or len(cleaned) > MAX_DEVICE_NAME or not cleaned.isprintable():
            raise ValidationError(
                f"The device name must be 1-{MAX_DEVICE_NAME} printable characters."
            )
        old = self.device_name
        if cleaned == old:
            return
        with self._store.transaction(immediate=True) as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'device_name'", [cleaned])
            self._audit.record(actor, "settings", "change", "setting:device_name", "success",
                               {"old": old, "new": cleaned})
        publish(SETTINGS, self._store.path, key="device_name")

    def get(self, key: str, default: Any = None) -> Any:
        row = self._store.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        if row:
            return json.loads(row[0])
        if default is None and key in KNOWN:
            return KNOWN[key][3]
        return default

    def set(self, actor: Actor, key: str, value: Any) -> None:
        self._guard.require(actor, Permission.CHANGE_SETTINGS, f"setting:{key}")
        if key not in KNOWN:
            raise ValidationError(f"'{key}' is not a setting: choose from {', '.join(KNOWN)}.")
        kind, low, high, _, words = KNOWN[key]
        try:
            value = kind(value)
        except (TypeError, ValueError):
            raise ValidationError(f"{key} ({words}) must be a number.") from None
        if not low <= value <= high:
            raise ValidationError(f"{key} ({words}) must be between {low:g} and {high:g}.")
        old = self.get(key)
        with self._store.transaction(immediate=True) as conn:
            conn.execute(
                "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [key, json.dumps(value), datetime.now(timezone.utc).isoformat(), actor.username],
            )
            self._audit.record(actor, "settings", "change", f"setting:{key}", "success",
                               {"old": old, "new": value})
        publish(SETTINGS, self._store.path, key=key)
