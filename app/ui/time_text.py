"""Times stored by the services (UTC ISO 8601 text, 'Z' or an offset) shown in local time."""

from __future__ import annotations

from datetime import datetime, timezone


def parse_utc(text: str | None) -> datetime | None:
    """An aware datetime, or None for empty or unreadable text. Naive text is UTC (what the
    database stores); 'Z' is replaced because fromisoformat reads it only from Python 3.11."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def local_time(iso: str | None, with_date: bool = False) -> str:
    """Seconds resolution, the date only when asked; the text as stored if unreadable."""
    value = parse_utc(iso)
    if value is None:
        return iso or "—"
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S" if with_date else "%H:%M:%S")


def local_when(iso: str | None) -> str:
    """Date and minutes, for when something was created or ingested."""
    value = parse_utc(iso)
    if value is None:
        return iso or "—"
    return value.astimezone().strftime("%Y-%m-%d %H:%M")
