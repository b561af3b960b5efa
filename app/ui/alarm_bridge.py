"""Carries AlarmService changes to the GUI thread, and drives time-based alarm changes.

AlarmService calls its listeners on whichever thread made the change (the sampler thread for a
raised alarm, a worker for an acknowledgement). Widgets may only be touched on the GUI thread,
so every callback is re-emitted as `changed` through an explicitly queued connection. A timer
calls `tick()` so a shelf that expires while no snapshot arrives still returns the alarm.
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app.alarms.service import AlarmEvent, AlarmService
from app.errors import EdgeDeckError

log = logging.getLogger(__name__)

TICK_MS = 5_000


class AlarmBridge(QObject):
    """`changed(list[AlarmEvent])` is always emitted on the thread this object lives in."""

    changed = Signal(object)
    _incoming = Signal(object)  # emitted on any thread, delivered queued to _deliver

    def __init__(self, alarms_service: AlarmService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.alarms = alarms_service
        self._closed = False
        self._incoming.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        alarms_service.add_listener(self._from_service)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def _from_service(self, events: list[AlarmEvent]) -> None:
        """Listener: runs on the thread that changed the alarm; must not touch widgets."""
        if not self._closed:
            self._incoming.emit(list(events))

    @Slot(object)
    def _deliver(self, events: list[AlarmEvent]) -> None:
        if not self._closed:
            self.changed.emit(events)

    def tick(self) -> None:
        """Shelf expiry and chatter unlatching; a database hiccup is logged, retried in 5 s."""
        try:
            self.alarms.tick()
        except (sqlite3.Error, EdgeDeckError) as exc:
            log.warning("alarm tick failed: %s", exc)

    def close(self) -> None:
        """Stop listening and ticking (window closing, sign-out); safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self.timer.stop()
        self.alarms.remove_listener(self._from_service)
