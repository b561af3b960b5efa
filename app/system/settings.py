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
from app.store import Store

MAX_DEVICE_NAME = 64


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

    def get(self, key: str, default: Any = None) -> Any:
        row = self._store.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, actor: Actor, key: str, value: Any) -> None:
        self._guard.require(actor, Permission.CHANGE_SETTINGS, f"setting:{key}")
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
