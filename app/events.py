"""Change notifications: services say "the models changed", whoever shows models listens.

A tiny thread-safe publish/subscribe with no Qt in it. Services publish after their change is
committed, on whichever thread made it (a worker, the sampler, the GUI thread); subscribers are
called right there and must only take note (the Qt side re-emits on the GUI thread, see
app/ui/change_relay.py). A subscriber that raises is logged and never fails the service's
action. Each notice names the database file it was written to, so a listener follows only the
appliance it shows.

The audit trail publishes AUDIT for every record (every privileged change goes through it), with
the record's category and action; `topics_for` turns those into the topics pages follow. Changes
made by another process (the CLI, the serving process) are not seen here: the GUI notices them
by watching the audit head.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

AUDIT = "audit"
MODELS = "models"
KNOWLEDGE = "knowledge"
USERS = "users"
SETTINGS = "settings"
ALARMS = "alarms"
SERVING = "serving"
TOPICS = (AUDIT, MODELS, KNOWLEDGE, USERS, SETTINGS, ALARMS, SERVING)

# An audit record's category → the topic whose pages show what it changed.
CATEGORY_TOPICS: Mapping[str, str] = {
    "model": MODELS,
    "knowledge": KNOWLEDGE,
    "user": USERS,
    "auth": USERS,  # sign-ins and lockouts change the Users table
    "settings": SETTINGS,
    "alarms": ALARMS,
    "serving": SERVING,
}
# Audited actions that read or use something without changing what any page lists: a question
# to the manuals or a playground run must not make the Knowledge or Models page reload.
UNCHANGING_ACTIONS = frozenset({
    "ask", "search", "run", "load", "provider_fallback", "export_package", "model_load",
    "verify", "export", "receipt", "lock", "logout", "kiosk_enter", "kiosk_exit",
    "permission_denied",
})


@dataclass(frozen=True)
class Change:
    """One notice: what kind of thing changed (`topic`), in which database (`source`)."""

    topic: str
    source: str = ""
    detail: Mapping[str, Any] = field(default_factory=dict)


Subscriber = Callable[[Change], None]


def topics_for(category: str, action: str) -> tuple[str, ...]:
    """The topics an audit record touches: always AUDIT, plus its category's topic when the
    action changed something."""
    topic = CATEGORY_TOPICS.get(category)
    if topic is None or action in UNCHANGING_ACTIONS:
        return (AUDIT,)
    return (AUDIT, topic)


class ChangeBus:
    """Thread-safe: publish from any thread; subscribers run on the publisher's thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Start calling `callback(change)`; returns the function that stops it."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    @property
    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._subscribers)

    def publish(self, topic: str, source: str | Path = "", **detail: Any) -> None:
        """Tell every subscriber; a failing one is logged, the others still hear it."""
        change = Change(topic, str(source), detail)
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(change)
            except Exception:  # noqa: BLE001 - a listener must never fail the service's action
                log.exception("change listener failed for %s", topic)


bus = ChangeBus()  # the process's bus: services publish here unless given another


def publish(topic: str, source: str | Path = "", **detail: Any) -> None:
    """Publish on the process's bus (what the services' one-line hooks call)."""
    bus.publish(topic, source, **detail)
