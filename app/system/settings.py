"""Appliance-wide settings stored in the database; changing them is an audited admin action.

The tables belong to app.config (identity in `meta`, values in `settings`); this service adds
what people need around a change: the role check, validation against the catalogue, the audit
record and the change notice. Personal view preferences (theme, window geometry) are not
appliance settings: the UI keeps those per desktop.
"""

from __future__ import annotations

from typing import Any

from app.audit.trail import AuditTrail
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.config.meta import DEVICE_NAME, ApplianceMeta
from app.config.settings import KNOWN, Settings
from app.errors import ValidationError
from app.events import SETTINGS, publish
from app.messages import msg
from app.store import Store

MAX_DEVICE_NAME = 64

__all__ = ["KNOWN", "MAX_DEVICE_NAME", "SettingsService"]


class SettingsService:
    def __init__(self, store: Store, audit: AuditTrail, guard: Guard) -> None:
        self._store = store
        self._audit = audit
        self._guard = guard
        self._meta = ApplianceMeta(store)
        self._values = Settings(store)

    def meta(self, key: str) -> str | None:
        return self._meta.get(key)

    @property
    def device_id(self) -> str:
        return self._meta.device_id

    @property
    def device_name(self) -> str:
        return self._meta.device_name

    def set_device_name(self, actor: Actor, name: str) -> None:
        """The name printed on audit exports and diagnostics bundles to tell boxes apart."""
        self._guard.require(actor, Permission.CHANGE_SETTINGS, "setting:device_name")
        cleaned = name.strip()
        if not cleaned or len(cleaned) > MAX_DEVICE_NAME or not cleaned.isprintable():
            raise ValidationError(
                msg("The device name must be 1-{max_device_name} printable characters.",
                    max_device_name=MAX_DEVICE_NAME)
            )
        old = self.device_name
        if cleaned == old:
            return
        with self._store.transaction(immediate=True):
            self._meta.put(DEVICE_NAME, cleaned)
            self._audit.record(actor, "settings", "change", "setting:device_name", "success",
                               {"old": old, "new": cleaned})
        publish(SETTINGS, self._store.path, key="device_name")

    def get(self, key: str, default: Any = None) -> Any:  # noqa: ANN401 - a JSON value
        return self._values.get(key, default)

    def set(self, actor: Actor, key: str, value: Any) -> None:  # noqa: ANN401
        self._guard.require(actor, Permission.CHANGE_SETTINGS, f"setting:{key}")
        if key not in KNOWN:
            raise ValidationError(msg("'{key}' is not a setting: choose from {known}.", key=key,
                                      known=', '.join(KNOWN)))
        kind, low, high, _, words = KNOWN[key]
        try:
            value = kind(value)
        except (TypeError, ValueError):
            raise ValidationError(msg("{key} ({words}) must be a number.", key=key,
                                      words=words)) from None
        if not low <= value <= high:
            raise ValidationError(msg("{key} ({words}) must be between {low:g} and {high:g}.",
                                      key=key, words=words, low=low, high=high))
        old = self.get(key)
        with self._store.transaction(immediate=True):
            self._values.put(key, value, actor.username)
            self._audit.record(actor, "settings", "change", f"setting:{key}", "success",
                               {"old": old, "new": value})
        if key == "audit_max_records":  # the trail in this process warns by the new limit
            self._audit.max_records = int(value)
        publish(SETTINGS, self._store.path, key=key)
