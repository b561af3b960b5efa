"""API keys for the inference service: created, listed and revoked by an administrator.

A key is `edk_<8 hex>_<43 url-safe characters>` (256 random bits after the public prefix). Only
the SHA-256 of the whole secret is stored — a slow password hash buys nothing for a random
256-bit secret and would cost every request — and the secret is shown once, at creation. The
prefix identifies the key in lists and access-log rows. A key is scoped to a list of model
names, or to every model (NULL), and may expire after a number of days (then it is refused
like a revoked one, with its own reason for the client). Creating and revoking are audited
(category "serving"); the secret never reaches the audit trail, the log or the access log.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from app.audit.trail import AuditTrail
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.clock import utc_now, utc_text
from app.errors import ValidationError
from app.messages import msg
from app.models.registry import model_names
from app.store import Store

KEY_RE = re.compile(r"^(edk_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$")
MAX_NAME = 64
MAX_EXPIRY_DAYS = 3650
COLUMNS = ("id, name, prefix, models, created_at, created_by, revoked_at, last_used_at, "
           "expires_at")


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def key_prefix(secret: str) -> str | None:
    """The public prefix of a well-formed key, else None (never echo unknown text back)."""
    match = KEY_RE.match(secret)
    return match.group(1) if match else None


@dataclass(frozen=True)
class ApiKey:
    id: int
    name: str
    prefix: str
    models: list[str] | None  # None: every model
    created_at: str
    created_by: str
    revoked_at: str | None
    last_used_at: str | None
    expires_at: str | None = None  # None: never

    def expired(self, now: str | None = None) -> bool:
        """Past its expiry at `now`: UTC ISO text with milliseconds, exactly as
        utc_now("milliseconds") writes it (other shapes would not compare as text)."""
        return self.expires_at is not None and self.expires_at <= (now or utc_now("milliseconds"))

    @property
    def active(self) -> bool:
        return self.state() == "active"

    def state(self, now: str | None = None) -> str:
        """'revoked', 'expired' or 'active' (revocation wins: it was somebody's decision)."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expired(now) else "active"

    def allows(self, model: str) -> bool:
        """Whether this key may use `model` (names compare case-insensitively, as models do)."""
        return self.models is None or model.lower() in {m.lower() for m in self.models}

    def label(self) -> str:
        return f"{self.name} ({self.prefix})"

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "state": self.state()}


def _row(row: tuple) -> ApiKey:
    models = json.loads(row[3]) if row[3] is not None else None
    return ApiKey(row[0], row[1], row[2], models, row[4], row[5], row[6], row[7], row[8])


def expiry_after(days: int | None, now: datetime | None = None) -> str | None:
    """The expiry text `days` from `now`; None for a key that never expires."""
    if days is None:
        return None
    if isinstance(days, bool) or not isinstance(days, int) or \
            not 1 <= days <= MAX_EXPIRY_DAYS:
        raise ValidationError(msg("A key expires after 1-{max_expiry_days} whole days, or never "
                                  "(not after {days}).", max_expiry_days=MAX_EXPIRY_DAYS,
                                  days=days))
    start = now or datetime.now(timezone.utc)
    return utc_text(start + timedelta(days=days), "milliseconds")  # compares with utc_now


class ApiKeyService:
    """Administration (MANAGE_API_KEYS) and the service's own check of a presented key."""

    def __init__(self, store: Store, audit: AuditTrail, guard: Guard) -> None:
        self._store = store
        self._audit = audit
        self._guard = guard

    def add(self, actor: Actor, name: str, models: list[str] | None = None,
            expires_days: int | None = None) -> tuple[ApiKey, str]:
        """Create a key; returns the record and the secret, which is never retrievable again.
        With `expires_days` the service refuses it from that many days on."""
        self._guard.require(actor, Permission.MANAGE_API_KEYS, f"api-key:{name}")
        expires_at = expiry_after(expires_days)
        cleaned = name.strip()
        if not cleaned or len(cleaned) > MAX_NAME or not cleaned.isprintable():
            raise ValidationError(msg("A key name must be 1-{max_name} printable characters (it "
                                      "says who uses the key, e.g. 'line3-vision').",
                                      max_name=MAX_NAME))
        scope = self._check_models(models)
        with self._store.transaction(immediate=True) as conn:
            clash = conn.execute(
                "SELECT 1 FROM api_keys WHERE name = ? AND revoked_at IS NULL"
                " AND (expires_at IS NULL OR expires_at > ?)",
                [cleaned, utc_now("milliseconds")]).fetchone()
            if clash:
                raise ValidationError(msg("An active key named '{cleaned}' exists; revoke it "
                                          "first or choose another name.", cleaned=cleaned))
            while True:
                prefix = f"edk_{secrets.token_hex(4)}"
                if not conn.execute("SELECT 1 FROM api_keys WHERE prefix = ?",
                                    [prefix]).fetchone():
                    break
            secret = f"{prefix}_{secrets.token_urlsafe(32)}"
            cursor = conn.execute(
                "INSERT INTO api_keys (name, prefix, secret_sha256, models, created_at,"
                " created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [cleaned, prefix, secret_hash(secret),
                 json.dumps(scope) if scope is not None else None, utc_now("milliseconds"),
                 actor.username, expires_at])
            self._audit.record(actor, "serving", "api_key_add", f"api-key:{prefix}", "success",
                               {"name": cleaned, "prefix": prefix,
                                "models": scope if scope is not None else "all",
                                "expires_at": expires_at or "never"})
            key_id = int(cursor.lastrowid or 0)
        return self.get(key_id), secret

    def list(self, actor: Actor) -> list[ApiKey]:
        """Every key, revoked ones included (they still name rows of the access log)."""
        self._guard.require(actor, Permission.MANAGE_API_KEYS, "api-keys")
        rows = self._store.conn.execute(f"SELECT {COLUMNS} FROM api_keys ORDER BY id")
        return [_row(r) for r in rows]

    def revoke(self, actor: Actor, key_id: int) -> None:
        """Refuse the key from the next request on (the service reads keys per request)."""
        self._guard.require(actor, Permission.MANAGE_API_KEYS, f"api-key:{key_id}")
        with self._store.transaction(immediate=True) as conn:
            row = conn.execute("SELECT prefix, name, revoked_at FROM api_keys WHERE id = ?",
                               [key_id]).fetchone()
            if row is None:
                raise ValidationError(msg("There is no API key with id {key_id}.", key_id=key_id))
            if row[2] is not None:
                raise ValidationError(msg("The key {row} ({row2}) was already revoked at {row22}.",
                                          row=row[1], row2=row[0], row22=row[2]))
            conn.execute("UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE id = ?",
                         [utc_now("milliseconds"), actor.username, key_id])
            self._audit.record(actor, "serving", "api_key_revoke", f"api-key:{row[0]}",
                               "success", {"name": row[1], "prefix": row[0]})

    def get(self, key_id: int) -> ApiKey:
        row = self._store.conn.execute(f"SELECT {COLUMNS} FROM api_keys WHERE id = ?",
                                       [key_id]).fetchone()
        if row is None:
            raise ValidationError(msg("There is no API key with id {key_id}.", key_id=key_id))
        return _row(row)

    def identify(self, secret: str) -> ApiKey | None:
        """The key this secret belongs to, in whatever state, or None. For the service itself:
        no actor, no audit (the access log records refusals). Constant-time hash comparison."""
        prefix = key_prefix(secret)
        if prefix is None:
            return None
        row = self._store.conn.execute(
            f"SELECT {COLUMNS}, secret_sha256 FROM api_keys WHERE prefix = ?",
            [prefix]).fetchone()
        if row is None or not hmac.compare_digest(row[-1], secret_hash(secret)):
            return None
        return _row(row[:-1])

    def verify(self, secret: str) -> ApiKey | None:
        """The active key this secret belongs to, or None (unknown, revoked or expired)."""
        key = self.identify(secret)
        return key if key is not None and key.active else None

    def _check_models(self, models: list[str] | None) -> list[str] | None:
        if models is None:
            return None
        names = [m.strip() for m in models if m and m.strip()]
        if not names:
            raise ValidationError("Name at least one model for the key, or none at all (None) "
                                  "for a key that may use every model.")
        known = {name.lower(): name for name in model_names(self._store)}
        unknown = [n for n in names if n.lower() not in known]
        if unknown:
            raise ValidationError(msg("There is no model named '{unknown}' (a key is scoped to "
                                      "models that exist; leave the models out for every model).",
                                      unknown=unknown[0]))
        return sorted({known[n.lower()] for n in names})
