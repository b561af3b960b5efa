"""Monitoring history in three tiers: 1 s raw, 10 s and 1 min aggregates (avg/min/max/count).

Raw rows are keyed time-first so each second's insert appends to the end of one b-tree (a
cheap, small write every second, forever); the aggregate tiers are keyed series-first because
they serve long windows of one series and are written only every 10 s / 60 s. Series are
interned as small integers so a row costs a few dozen bytes. No foreign keys: pruning is done
by the history service in bulk, and a per-row check would cost on every write.
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE history_series ("
        " id INTEGER PRIMARY KEY,"
        " device_id TEXT NOT NULL,"
        " key TEXT NOT NULL,"
        " unit TEXT NOT NULL DEFAULT '',"
        " first_seen REAL NOT NULL,"
        " UNIQUE (device_id, key))"
    )
    db.execute(
        "CREATE TABLE history_raw ("
        " t INTEGER NOT NULL,"  # whole seconds since the epoch, UTC
        " series INTEGER NOT NULL,"
        " value REAL NOT NULL,"
        " PRIMARY KEY (t, series)) WITHOUT ROWID"
    )
    for table in ("history_10s", "history_1m"):
        db.execute(
            f"CREATE TABLE {table} ("
            " series INTEGER NOT NULL,"
            " t INTEGER NOT NULL,"  # start of the bucket, seconds since the epoch
            " avg REAL NOT NULL,"
            " min REAL NOT NULL,"
            " max REAL NOT NULL,"
            " n INTEGER NOT NULL,"  # raw samples behind the aggregate (weights re-averaging)
            " PRIMARY KEY (series, t)) WITHOUT ROWID"
        )
