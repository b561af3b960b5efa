"""The `serving_state` row: what the running service tells consoles in other processes.

The service writes it (started, heartbeat every few seconds, stopped); the console reads it and
checks that the pid is alive and the heartbeat fresh, so a killed service never looks "running".
A start from the console leaves a one-time launch token (its SHA-256, the user, an expiry) that
lets the spawned `edgedeck serve` start without a password prompt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from app.clock import utc_now
from app.store import Store

LAUNCH_TOKEN_ENV = "EDGEDECK_SERVE_LAUNCH_TOKEN"
LAUNCH_TOKEN_TTL_S = 120


def parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


@dataclass(frozen=True)
class StateRow:
    pid: int | None
    url: str | None
    host: str | None
    port: int | None
    tls: bool
    started_at: str | None
    started_by: str | None
    heartbeat_at: str | None
    stopped_at: str | None
    models: list[str]
    error: str | None


def read_state(store: Store) -> StateRow:
    row = store.conn.execute(
        "SELECT pid, url, host, port, tls, started_at, started_by, heartbeat_at, stopped_at,"
        " models, error FROM serving_state WHERE id = 1").fetchone()
    if row is None:
        return StateRow(None, None, None, None, False, None, None, None, None, [], None)
    try:
        models = json.loads(row[9] or "[]")
    except ValueError:
        models = []
    return StateRow(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6], row[7],
                    row[8], models, row[10])


def _update(store: Store, sql: str, params: list) -> None:
    with store.transaction(immediate=True) as conn:
        conn.execute("INSERT OR IGNORE INTO serving_state (id) VALUES (1)")
        conn.execute(sql + " WHERE id = 1", params)


def mark_started(store: Store, pid: int, url: str, host: str, port: int, tls: bool,
                 started_by: str, models: list[str]) -> None:
    stamp = utc_now("milliseconds")
    _update(store, "UPDATE serving_state SET pid = ?, url = ?, host = ?, port = ?, tls = ?,"
            " started_at = ?, started_by = ?, heartbeat_at = ?, stopped_at = NULL, models = ?,"
            " error = NULL", [pid, url, host, port, int(tls), stamp, started_by, stamp,
                              json.dumps(models)])


def heartbeat(store: Store, pid: int, models: list[str]) -> None:
    """Refresh the heartbeat, unless another service has taken the row over meanwhile."""
    with store.transaction(immediate=True) as conn:
        conn.execute("UPDATE serving_state SET heartbeat_at = ?, models = ? WHERE id = 1"
                     " AND pid = ?", [utc_now("milliseconds"), json.dumps(models), pid])


def mark_stopped(store: Store, pid: int | None = None) -> None:
    """The service ended (or was found dead); keep url/started_at for the console's history."""
    sql = "UPDATE serving_state SET pid = NULL, stopped_at = ?, models = '[]'"
    with store.transaction(immediate=True) as conn:
        if pid is None:
            conn.execute(sql + " WHERE id = 1", [utc_now("milliseconds")])
        else:
            conn.execute(sql + " WHERE id = 1 AND pid = ?", [utc_now("milliseconds"), pid])


def record_error(store: Store, error: str) -> None:
    _update(store, "UPDATE serving_state SET error = ?", [error[:2000]])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_launch_token(store: Store, username: str) -> str:
    """A one-time secret for the process the console spawns (passed in its environment)."""
    token = secrets.token_urlsafe(32)
    expires = (datetime.now(timezone.utc) + timedelta(seconds=LAUNCH_TOKEN_TTL_S)).isoformat()
    _update(store, "UPDATE serving_state SET launch_token_sha256 = ?, launch_token_user = ?,"
            " launch_token_expires = ?", [_digest(token), username, expires])
    return token


def redeem_launch_token(store: Store, token: str) -> str | None:
    """The user who issued this token, once; None when it is wrong, used or expired."""
    with store.transaction(immediate=True) as conn:
        row = conn.execute("SELECT launch_token_sha256, launch_token_user, launch_token_expires"
                           " FROM serving_state WHERE id = 1").fetchone()
        if row is None or not row[0]:
            return None
        conn.execute("UPDATE serving_state SET launch_token_sha256 = NULL, launch_token_user ="
                     " NULL, launch_token_expires = NULL WHERE id = 1")
        expires = parse_iso(row[2])
        if not hmac.compare_digest(row[0], _digest(token)) or expires is None or \
                expires < datetime.now(timezone.utc):
            return None
        return str(row[1])
