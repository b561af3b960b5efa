"""The audit trail: append-only at the SQL level, hash-chained at the record level.

The triggers stop honest mistakes and casual edits through SQLite; the hash chain (verified by
app.audit) is what detects someone who edits the file directly or drops the triggers.
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE audit_log ("
        " seq INTEGER PRIMARY KEY,"  # monotonic, gap-free, assigned under BEGIN IMMEDIATE
        " event_id TEXT NOT NULL UNIQUE,"
        " ts TEXT NOT NULL,"  # UTC, ISO 8601 with microseconds and Z
        " actor TEXT NOT NULL,"
        " role TEXT NOT NULL,"
        " source TEXT NOT NULL,"  # gui / cli / service / system
        " host TEXT NOT NULL,"
        " device_id TEXT NOT NULL,"
        " category TEXT NOT NULL,"
        " action TEXT NOT NULL,"
        " object TEXT NOT NULL,"
        " outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),"
        " details TEXT NOT NULL,"  # canonical JSON
        " prev_hash TEXT NOT NULL,"
        " hash TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX audit_log_ts ON audit_log (ts)")
    db.execute("CREATE INDEX audit_log_actor ON audit_log (actor)")
    db.execute("CREATE INDEX audit_log_category ON audit_log (category)")
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: records cannot be changed'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: records cannot be deleted'); END"
    )
