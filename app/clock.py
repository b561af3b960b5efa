"""UTC timestamps as stored text: ISO 8601 ending in 'Z', so they sort as strings."""

from __future__ import annotations

from datetime import datetime, timezone


def utc_text(moment: datetime, timespec: str = "seconds") -> str:
    """`moment` (aware, any zone) as stored text, e.g. '2026-11-22T08:30:00Z'."""
    return moment.astimezone(timezone.utc).isoformat(timespec=timespec).replace("+00:00", "Z")


def utc_now(timespec: str = "seconds") -> str:
    """Now as stored text ('milliseconds' for the access log's ordering)."""
    return utc_text(datetime.now(timezone.utc), timespec)
