"""Users with one role each; only a salted scrypt hash of the password is stored."""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE users ("
        " id INTEGER PRIMARY KEY,"
        " username TEXT NOT NULL UNIQUE COLLATE NOCASE,"
        " role TEXT NOT NULL CHECK (role IN ('operator', 'technician', 'admin')),"
        " password_hash TEXT NOT NULL,"
        " enabled INTEGER NOT NULL DEFAULT 1,"
        " created_at TEXT NOT NULL,"
        " created_by TEXT NOT NULL,"
        " last_login_at TEXT,"
        " failed_logins INTEGER NOT NULL DEFAULT 0,"
        " locked_until TEXT)"
    )
