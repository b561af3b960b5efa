"""UTC timestamps as stored text: ISO 8601 ending in 'Z', so they sort as strings."""

from __future__ import annotations

from datetime import datetime, timezone


def utc_now(timespec: str = "seconds") -> str:
    """e.g. '2026-11-22T08:30:00Z' ('milliseconds' for the access log's ordering)."""
    return datetime.now(timezone.utc).isoformat(timespec=timespec).replace("+00:00", "Z")
