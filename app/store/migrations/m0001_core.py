"""Appliance identity (a stable device id for audit records) and key/value settings."""

from __future__ import annotations

import socket
import uuid
from datetime import datetime, timezone

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('device_id', ?), ('created_at', ?),"
        " ('device_name', ?)",
        [str(uuid.uuid4()), now, socket.gethostname()],
    )
    db.execute(
        "CREATE TABLE settings ("
        " key TEXT PRIMARY KEY,"
        " value TEXT NOT NULL,"  # JSON
        " updated_at TEXT NOT NULL,"
        " updated_by TEXT NOT NULL)"
    )
