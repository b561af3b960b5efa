"""Serving, second part: API keys may expire.

A key handed to a contractor's test rig should stop working on its own. `expires_at` is UTC ISO
8601 with milliseconds and 'Z', like `created_at`, so the two compare as text; NULL never
expires (every key made before this migration).
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE api_keys ADD COLUMN expires_at TEXT")
