"""Serving: API keys (hashed, scoped), the per-request access log and the service's own state.

Keys are stored only as the SHA-256 of their secret; `prefix` is the public part shown in lists
and access-log rows. The access log never holds payloads. `serving_state` has one row that the
running `edgedeck serve` process keeps fresh (heartbeat) so a console in another process can see
whether the service is up, where, and why it last failed to start.
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE api_keys ("
        " id INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " prefix TEXT NOT NULL UNIQUE,"  # public part of the secret, e.g. 'edk_3f9a2b7c'
        " secret_sha256 TEXT NOT NULL,"  # hex SHA-256 of the whole secret
        " models TEXT,"  # JSON list of model names, NULL = every model
        " created_at TEXT NOT NULL,"
        " created_by TEXT NOT NULL,"
        " revoked_at TEXT,"
        " revoked_by TEXT,"
        " last_used_at TEXT)"
    )
    db.execute(
        "CREATE TABLE serving_access_log ("
        " id INTEGER PRIMARY KEY,"
        " ts TEXT NOT NULL,"  # UTC ISO 8601 with milliseconds and 'Z', when the request ended
        " key_id INTEGER,"  # api_keys.id; NULL when no valid key was presented
        " key_prefix TEXT NOT NULL DEFAULT '',"
        " client TEXT NOT NULL DEFAULT '',"  # remote address
        " method TEXT NOT NULL DEFAULT '',"
        " path TEXT NOT NULL DEFAULT '',"
        " model TEXT NOT NULL DEFAULT '',"
        " version INTEGER,"
        " status INTEGER NOT NULL,"
        " outcome TEXT NOT NULL,"
        " error TEXT NOT NULL DEFAULT '',"
        " latency_ms REAL NOT NULL,"
        " queue_ms REAL NOT NULL DEFAULT 0,"
        " infer_ms REAL NOT NULL DEFAULT 0,"
        " batch_size INTEGER NOT NULL DEFAULT 0)"  # rows in the batch this request ran in
    )
    db.execute("CREATE INDEX serving_access_log_ts ON serving_access_log (ts)")
    db.execute("CREATE INDEX serving_access_log_errors ON serving_access_log (status, id)")
    db.execute(
        "CREATE TABLE serving_state ("
        " id INTEGER PRIMARY KEY CHECK (id = 1),"
        " pid INTEGER,"
        " url TEXT,"
        " host TEXT,"
        " port INTEGER,"
        " tls INTEGER NOT NULL DEFAULT 0,"
        " started_at TEXT,"
        " started_by TEXT,"
        " heartbeat_at TEXT,"
        " stopped_at TEXT,"
        " models TEXT NOT NULL DEFAULT '[]',"  # JSON: names being served
        " error TEXT,"  # the last start failure, for the console
        " launch_token_sha256 TEXT,"  # one-time token of a start from the console
        " launch_token_user TEXT,"
        " launch_token_expires TEXT)"
    )
    db.execute("INSERT INTO serving_state (id) VALUES (1)")
