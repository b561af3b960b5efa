"""Alarm rules, alarm points (one per rule, device and reading) and their bounded event history.

Rules are seeded from app.alarms.rules on first use, not here: a migration is frozen once
released while the default rules may improve, and storage must not import a service.
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE alarm_rules ("
        " id TEXT PRIMARY KEY,"
        " metric TEXT NOT NULL,"  # glob over reading keys, or '@error' for a device error
        " comparison TEXT NOT NULL CHECK (comparison IN ('>', '>=', '<', '<=')),"
        " threshold REAL NOT NULL,"
        " priority TEXT NOT NULL CHECK (priority IN ('critical', 'high', 'medium', 'low')),"
        " message TEXT NOT NULL,"
        " device_kind TEXT NOT NULL DEFAULT '*',"
        " device_id TEXT NOT NULL DEFAULT '*',"
        " deadband REAL NOT NULL DEFAULT 0,"
        " on_delay_s REAL NOT NULL DEFAULT 0,"
        " off_delay_s REAL NOT NULL DEFAULT 0,"
        " ratio_of TEXT NOT NULL DEFAULT '',"
        " error_match TEXT NOT NULL DEFAULT '*',"
        " enabled INTEGER NOT NULL DEFAULT 1,"
        " updated_at TEXT NOT NULL,"
        " updated_by TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE alarms ("
        " id INTEGER PRIMARY KEY,"
        " rule_id TEXT NOT NULL,"
        " device_id TEXT NOT NULL,"
        " key TEXT NOT NULL,"
        " device_name TEXT NOT NULL DEFAULT '',"
        " priority TEXT NOT NULL,"
        " state TEXT NOT NULL CHECK (state IN"
        "  ('normal', 'unacknowledged', 'acknowledged', 'returned_unacknowledged')),"
        " active INTEGER NOT NULL DEFAULT 0,"
        " value REAL,"
        " message TEXT NOT NULL DEFAULT '',"
        " raised_at REAL,"
        " cleared_at REAL,"
        " acked_at REAL,"
        " acked_by TEXT,"
        " ack_comment TEXT,"
        " shelved_until REAL,"
        " shelved_by TEXT,"
        " shelve_reason TEXT,"
        " latched INTEGER NOT NULL DEFAULT 0,"  # chattering: held until acknowledged
        " suppressed_count INTEGER NOT NULL DEFAULT 0,"
        " updated_at REAL NOT NULL,"
        " UNIQUE (rule_id, device_id, key))"
    )
    db.execute(
        "CREATE TABLE alarm_events ("
        " id INTEGER PRIMARY KEY,"
        " ts REAL NOT NULL,"  # seconds since the epoch, UTC
        " alarm_id INTEGER NOT NULL,"
        " rule_id TEXT NOT NULL,"
        " device_id TEXT NOT NULL,"
        " key TEXT NOT NULL,"
        " event TEXT NOT NULL,"
        " state TEXT NOT NULL,"  # the alarm's state after the event
        " priority TEXT NOT NULL,"
        " value REAL,"
        " message TEXT NOT NULL DEFAULT '',"
        " actor TEXT NOT NULL DEFAULT 'system',"
        " comment TEXT NOT NULL DEFAULT '',"
        " annunciated INTEGER NOT NULL DEFAULT 1)"  # 0 while shelved: not shown, not counted
    )
    db.execute("CREATE INDEX alarm_events_ts ON alarm_events (ts)")
    db.execute("CREATE INDEX alarm_events_alarm ON alarm_events (alarm_id, id)")
