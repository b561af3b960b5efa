"""Keeps open pages current: change notices reach the GUI thread, and pages re-read themselves.

`ChangeRelay` (one per database) listens to app/events.py and re-emits each topic as
`changed(topic)` on the GUI thread. Changes made in this process arrive as they are published;
changes made by another process (the CLI, the serving process) are noticed by watching the audit
trail's head every WATCH_MS, since every privileged change is audited: the categories of the
records past the last head seen say which topics changed. An in-process record is only
dispatched once the head shows it committed (a record written inside a larger transaction is
announced before that transaction commits), so a page never re-reads too early.

The look at the head is one indexed read (microseconds; WAL readers never wait for writers) and
runs on the GUI thread on purpose: a worker's read racing the database being closed (a console
closing, a test ending) crashes SQLite, while on the GUI thread it cannot overlap the close.

`PageWatch` ties one page to some topics: a change calls the page's refresh (debounced) while
the page is on screen; a page out of sight only notes it and refreshes when it is next shown.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from app import events
from app.audit.trail import AuditTrail
from app.store import Store

if TYPE_CHECKING:
    from app.context import AppContext

log = logging.getLogger(__name__)

WATCH_MS = 2000  # how often the audit head is checked for other processes' changes
RECHECK_MS = 50  # an announced record not yet visible: look again this soon …
RECHECKS = 40  # … this many times (2 s), then leave it to the regular watch
SCAN_LIMIT = 500  # more new records than this since the last look: every topic changed
DEBOUNCE_MS = 250  # a burst of changes costs a page one re-read


class ChangeRelay(QObject):
    """`changed(topic)` is always emitted on the GUI thread; see the module docstring."""

    changed = Signal(str)
    _incoming = Signal(object)  # emitted on any thread, delivered queued to _deliver

    _by_store: weakref.WeakKeyDictionary[Store, ChangeRelay] = weakref.WeakKeyDictionary()

    @classmethod
    def for_store(cls, store: Store, trail: AuditTrail) -> ChangeRelay:
        """The one relay of this database (made on first use, gone with the store)."""
        relay = cls._by_store.get(store)
        if relay is None:
            relay = cls._by_store[store] = cls(store, trail)
        return relay

    @classmethod
    def of(cls, ctx: AppContext) -> ChangeRelay:
        """The relay of an AppContext's database."""
        return cls.for_store(ctx.store, ctx.audit_trail)

    def __init__(self, store: Store, trail: AuditTrail, bus: events.ChangeBus | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Weak: the relay must not keep a closed appliance's database alive.
        self._store = weakref.ref(store)
        self._trail = weakref.ref(trail)
        self.source = str(store.path)
        self._bus = bus or events.bus
        self._unsubscribe: Callable[[], None] | None = None
        self._users = 0
        self.seen: int | None = None  # the newest committed record already dispatched
        self._announced = 0  # the newest record announced in this process
        self._rechecks = 0
        self._failing = False  # the last look failed (logged once until one succeeds)
        self._incoming.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setInterval(WATCH_MS)
        self.timer.timeout.connect(self.check)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.check)

    # -- who listens ---------------------------------------------------------------------

    def acquire(self) -> None:
        """A page starts following changes: listen and watch while anyone does."""
        self._users += 1
        if self._users == 1:
            self._unsubscribe = self._bus.subscribe(self._from_bus)
            self.seen = self._head_now()
            self.timer.start()

    def _head_now(self) -> int | None:
        """Where watching starts: read here, once, so a change made right after a page opens
        is already past it (one indexed read)."""
        trail, store = self._trail(), self._store()
        if trail is None or store is None or store.closed:
            return None
        try:
            head = trail.head()
        except Exception as exc:  # noqa: BLE001 - the first regular look tries again
            log.warning("cannot read the audit head: %s", exc)
            return None
        return head.seq if head is not None else 0

    def release(self) -> None:
        """A page stops (shutdown, deleted); the last one stops the watch and waits for it."""
        if self._users == 0:
            return
        self._users -= 1
        if self._users == 0:
            if self._unsubscribe is not None:
                self._unsubscribe()
                self._unsubscribe = None
            self.timer.stop()
            self._soon.stop()
            self.seen = None  # the next listener starts from the head as it is then

    @property
    def active(self) -> bool:
        return self._users > 0

    # -- in-process notices --------------------------------------------------------------

    def _from_bus(self, change: events.Change) -> None:
        """Runs on the publisher's thread: only forwards (widgets are GUI-thread only)."""
        if change.source == self.source:
            self._incoming.emit(change)

    @Slot(object)
    def _deliver(self, change: events.Change) -> None:
        if not self.active:
            return
        if change.topic == events.AUDIT:
            self._announced = max(self._announced, int(change.detail.get("seq") or 0))
            self._rechecks = 0
            self._soon.start(0)  # after whatever else is queued: a burst costs one look
        else:
            self.changed.emit(change.topic)

    # -- watching the head ---------------------------------------------------------------

    def check(self) -> None:
        """Look at the audit head; dispatch the topics of the records new since last time."""
        store, trail = self._store(), self._trail()
        if not self.active or store is None or trail is None or store.closed:
            self.timer.stop()
            return
        try:
            top, topics = self._look(trail)
        except Exception as exc:  # noqa: BLE001 - a locked or closing database: next tick
            if not self._failing:
                log.warning("watching the audit head failed (retried every %d s): %s",
                            WATCH_MS // 1000, exc)
            self._failing = True
            return
        self._failing = False
        if self.seen is None or top > self.seen:
            self.seen = top
        for topic in topics:
            self.changed.emit(topic)
        if self._announced > top and self._rechecks < RECHECKS:
            self._rechecks += 1  # announced inside a transaction that has not committed yet
            self._soon.start(RECHECK_MS)

    def _look(self, trail: AuditTrail) -> tuple[int, tuple[str, ...]]:
        """The head's number and the topics of the records after the last one seen."""
        seen = self.seen
        head = trail.head()
        top = head.seq if head is not None else 0
        if seen is None or top <= seen:
            return top, ()
        if top - seen > SCAN_LIMIT:
            return top, events.TOPICS
        topics: set[str] = set()
        for record in trail.read_page(None, top - seen):
            if record.seq > seen:
                topics.update(events.topics_for(record.category, record.action))
        return top, tuple(sorted(topics))


class PageWatch(QObject):
    """Refreshes `page` when one of `topics` changes; see the module docstring."""

    def __init__(self, page: QWidget, relay: ChangeRelay, topics: Iterable[str],
                 refresh: Callable[[], None], busy: Callable[[], bool] | None = None,
                 delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(page)
        self.page = page
        self.relay = relay
        self.topics = frozenset(topics)
        self._refresh = refresh
        self._busy = busy
        self.stale = False
        self.refreshes = 0  # how many times a change made the page re-read (tests wait on it)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._due)
        relay.changed.connect(self._changed)
        relay.acquire()
        self._stopped = False
        page.installEventFilter(self)
        page.destroyed.connect(relay.release)  # a page dropped without shutdown()

    def stop(self) -> None:
        """Stop following changes (the page shuts down); safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        self._timer.stop()
        self.page.removeEventFilter(self)
        self.relay.changed.disconnect(self._changed)
        self.page.destroyed.disconnect(self.relay.release)
        self.relay.release()

    @Slot(str)
    def _changed(self, topic: str) -> None:
        if self._stopped or topic not in self.topics:
            return
        if self.page.isVisible():
            self._timer.start()
        else:
            self.stale = True

    def _due(self) -> None:
        if self._stopped:
            return
        if not self.page.isVisible():
            self.stale = True
            return
        if self._busy is not None and self._busy():
            self._timer.start()  # the page's own job re-reads when it ends; look again then
            return
        self.stale = False
        self.refreshes += 1
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.page and event.type() == QEvent.Type.Show and self.stale:
            QTimer.singleShot(0, self._due)  # once shown (isVisible() is true by then)
        return False
