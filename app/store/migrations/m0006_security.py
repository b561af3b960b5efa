"""Security & audit: signed checkpoints, sealed archive segments, password age.

Deleting audit rows stays impossible except for ranges already sealed into an archive segment
(the new delete trigger checks audit_segments), so retention never means silent loss.
"""

from __future__ import annotations

import sqlite_utils

_NO_CHANGE = "BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"


def apply(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE users ADD COLUMN password_changed_at TEXT")
    db.execute(
        "CREATE TABLE audit_checkpoints ("
        " seq INTEGER PRIMARY KEY,"  # the audit_log record whose hash is signed
        " hash TEXT NOT NULL,"
        " ts TEXT NOT NULL,"
        " key_id TEXT NOT NULL,"
        " signature TEXT NOT NULL)"  # base64 Ed25519 over the checkpoint statement
    )
    db.execute(
        "CREATE TABLE audit_segments ("
        " id INTEGER PRIMARY KEY,"
        " first_seq INTEGER NOT NULL,"
        " last_seq INTEGER NOT NULL,"
        " first_prev_hash TEXT NOT NULL,"
        " last_hash TEXT NOT NULL,"
        " file_name TEXT NOT NULL,"
        " file_sha256 TEXT NOT NULL,"
        " created_at TEXT NOT NULL,"
        " created_by TEXT NOT NULL)"
    )
    for table in ("audit_checkpoints", "audit_segments"):
        for event in ("UPDATE", "DELETE"):
            db.execute(f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                       + _NO_CHANGE.format(table=table))
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "WHEN OLD.seq > (SELECT COALESCE(MAX(last_seq), 0) FROM audit_segments) "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: only records sealed into an "
        "archive segment can be removed'); END"
    )
    db.execute("CREATE INDEX audit_log_outcome ON audit_log (outcome)")
