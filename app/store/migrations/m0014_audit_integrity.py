"""Audit integrity: sealed records, chained checkpoints, and triggers only EdgeDeck can satisfy.

* `audit_log.seal`: an HMAC of each record's hash under a key derived from the device's private
  key. A row someone appends with plain SQL, chain and all, carries no valid seal, so EdgeDeck
  never signs it into a checkpoint and verification names it. NULL on rows written before.
* `audit_checkpoints.prev_seq`: each new checkpoint signs the seq of the one before it, so a
  removed checkpoint breaks the chain of checkpoints (NULL on checkpoints signed before).
* The triggers call SQL functions that only EdgeDeck's own connections define
  (app.audit.trail registers them): inserting audit records, checkpoints or archive segments
  from any other program fails inside SQLite, and records can only be deleted while the audit
  service is sealing exactly those records into a segment — a row inserted into
  audit_segments by hand no longer releases anything.

The triggers stop casual edits; the seals, signatures and segment checks are what detect
someone who drops them (app.audit.verify...).
"""

from __future__ import annotations

import sqlite_utils

_GUARD = ("CREATE TRIGGER {name} BEFORE {event} ON {table} WHEN {condition} "
          "BEGIN SELECT RAISE(ABORT, '{message}'); END")


def apply(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE audit_log ADD COLUMN seal TEXT")
    db.execute("ALTER TABLE audit_checkpoints ADD COLUMN prev_seq INTEGER")
    db.execute("DROP TRIGGER audit_log_no_delete")
    guards = (
        ("audit_log_no_delete", "DELETE", "audit_log",
         "edgedeck_audit_release(OLD.seq) IS NOT 1",
         "audit_log is append-only: only records EdgeDeck is sealing into an archive segment "
         "can be removed"),
        ("audit_log_writer_only", "INSERT", "audit_log", "edgedeck_audit_writer() IS NOT 1",
         "audit records are written by EdgeDeck only"),
        ("audit_checkpoints_writer_only", "INSERT", "audit_checkpoints",
         "edgedeck_audit_writer() IS NOT 1", "audit checkpoints are signed by EdgeDeck only"),
        ("audit_segments_sealer_only", "INSERT", "audit_segments",
         "edgedeck_audit_sealing() IS NOT 1",
         "archive segments are sealed by the audit service only"),
    )
    for name, event, table, condition, message in guards:
        db.execute(_GUARD.format(name=name, event=event, table=table, condition=condition,
                                 message=message))
