"""The per-request access log: SQLite rows written in batches by a background thread.

A request only appends a small tuple to an in-memory list (no I/O on the request path); the
writer flushes every `flush_s` (default 0.25 s) in one transaction, also updating the keys'
`last_used_at`. Rows hold when, which key (id and public prefix), client address, model, version,
HTTP status, outcome, error text, latency, queue and inference time and how many requests shared
the model run — never payloads. Retention: rows older than `days` (default 30) and the oldest
rows beyond `max_rows` (default 1,000,000, about 150 MB) are deleted once a minute and at start.
If the writer falls far behind (the database locked for long), the oldest unwritten rows are
dropped and counted rather than letting memory grow beyond MAX_PENDING rows: the service must keep
answering. A row SQLite refuses for good is dropped and counted too, rather than blocking every
row behind it. Text from clients (path, model name, error) is bounded and escaped in `Entry.row`,
so any request can be stored; requests refused before the application saw them (unparseable
HTTP, a head that never arrived) are rows too, with the status the client got.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from app.clock import utc_now
from app.errors import is_disk_full
from app.logging_setup import printable
from app.store import Store

log = logging.getLogger(__name__)

DEFAULT_DAYS = 30
DEFAULT_MAX_ROWS = 1_000_000
MAX_PENDING = 100_000
PRUNE_EVERY_S = 60.0
ERROR_TEXT = 500

INSERT = ("INSERT INTO serving_access_log (ts, key_id, key_prefix, client, method, path, model,"
          " version, status, outcome, error, latency_ms, queue_ms, infer_ms, batch_size)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def outcome_of(status: int) -> str:
    """A word for the console's filters; the status code says the rest."""
    return {200: "ok", 400: "bad_request", 401: "unauthorized", 403: "forbidden",
            404: "not_found", 408: "timeout", 413: "too_large", 415: "bad_request",
            503: "unavailable"}.get(
        status, "ok" if status < 400 else ("client_error" if status < 500 else "error"))


@dataclass(frozen=True)
class Entry:
    ts: str
    key_id: int | None
    key_prefix: str
    client: str
    method: str
    path: str
    model: str
    version: int | None
    status: int
    error: str
    latency_ms: float
    queue_ms: float
    infer_ms: float
    batch_size: int

    @classmethod
    def refused(cls, client: str, status: int, error: str, method: str = "",
                path: str = "") -> Entry:
        """A request answered by the HTTP layer itself, before any key was read."""
        return cls(ts=utc_now("milliseconds"), key_id=None, key_prefix="", client=client,
                   method=method, path=path, model="", version=None, status=status,
                   error=error, latency_ms=0.0, queue_ms=0.0, infer_ms=0.0, batch_size=0)

    def row(self) -> tuple:
        """The database row: every text bounded and made valid (client text can be anything)."""
        return (self.ts, self.key_id, printable(self.key_prefix, 40),
                printable(self.client, 80), printable(self.method, 20),
                printable(self.path, 200), printable(self.model, 200), self.version,
                self.status, outcome_of(self.status), printable(self.error, ERROR_TEXT),
                round(self.latency_ms, 3), round(self.queue_ms, 3), round(self.infer_ms, 3),
                self.batch_size)


class AccessLog:
    def __init__(self, store: Store, days: float = DEFAULT_DAYS,
                 max_rows: int = DEFAULT_MAX_ROWS, flush_s: float = 0.25) -> None:
        if days <= 0 or max_rows < 1:
            raise ValueError("access-log retention needs days > 0 and max_rows >= 1")
        self._store = store
        self.days = days
        self.max_rows = max_rows
        self.flush_s = flush_s
        self._pending: list[Entry] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_prune = 0.0
        self._failures = 0  # flushes failed in a row (writer thread only)
        self.dropped = 0
        self.written = 0

    def add(self, entry: Entry) -> None:
        """Called on the request path: O(1), no I/O."""
        with self._lock:
            self._pending.append(entry)
            self._bound()

    def _bound(self) -> None:
        """Drop the oldest unwritten rows beyond MAX_PENDING (lock held)."""
        excess = len(self._pending) - MAX_PENDING
        if excess > 0:
            excess = max(excess, MAX_PENDING // 10)  # drop in chunks, not one per request
            del self._pending[:excess]
            self.dropped += excess

    @property
    def pending(self) -> int:
        """Rows waiting to be written."""
        with self._lock:
            return len(self._pending)

    def start(self) -> None:
        self._attempt(self.prune)  # a locked or full database must not stop the service
        self._thread = threading.Thread(target=self._loop, name="serving-access-log",
                                        daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Write what is pending and stop the writer."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.flush()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.flush_s)
            self._wake.clear()
            if self._attempt(self.flush) and \
                    time.monotonic() - self._last_prune >= PRUNE_EVERY_S:
                self._attempt(self.prune)

    def _attempt(self, work: Callable[[], int]) -> bool:
        """Run a flush or prune; a failure is logged when it starts and when it ends, not at
        every retry (4 a second would rotate the application log away within hours)."""
        try:
            work()
        except Exception as exc:  # noqa: BLE001 - a locked database must not end the writer
            self._failures += 1
            self._last_prune = time.monotonic()  # a failed prune waits for its next turn too
            if self._failures == 1:
                if is_disk_full(exc):
                    log.error("the serving access log cannot be written: the disk is full; "
                              "up to %d rows are kept in memory and written once there is "
                              "space again", MAX_PENDING)
                else:
                    log.exception("writing the serving access log failed; retrying every "
                                  "%g s", self.flush_s)
            return False
        if self._failures:
            log.warning("the serving access log is written again after %d failed attempts "
                        "(%d rows dropped in all)", self._failures, self.dropped)
            self._failures = 0
        return True

    def flush(self) -> int:
        """Write pending rows now (one transaction); returns how many."""
        with self._lock:
            batch, self._pending = self._pending, []
        if not batch:
            return 0
        used: dict[int, str] = {}
        for entry in batch:
            if entry.key_id is not None:
                used[entry.key_id] = entry.ts
        try:
            with self._store.transaction(immediate=True) as conn:
                conn.executemany(INSERT, [e.row() for e in batch])
                self._touch_keys(conn, used)
        except sqlite3.OperationalError:  # locked or busy: try again on the next flush
            with self._lock:  # put them back in front, keeping order, within the bound
                self._pending[:0] = batch
                self._bound()
            raise
        except Exception:  # noqa: BLE001 - a row that can never be written must not block
            return self._one_by_one(batch, used)  # the others forever
        self.written += len(batch)
        return len(batch)

    @staticmethod
    def _touch_keys(conn: sqlite3.Connection, used: dict[int, str]) -> None:
        conn.executemany(
            "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND"
            " (last_used_at IS NULL OR last_used_at < ?)",
            [(ts, key_id, ts) for key_id, ts in used.items()])

    def _one_by_one(self, batch: list[Entry], used: dict[int, str]) -> int:
        written = 0
        refused: list[tuple[Entry, Exception]] = []
        with self._store.transaction(immediate=True) as conn:
            for entry in batch:
                try:
                    conn.execute(INSERT, entry.row())
                    written += 1
                except (sqlite3.Error, ValueError, TypeError, OverflowError) as exc:
                    refused.append((entry, exc))
            self._touch_keys(conn, used)
        if refused:  # one line per flush, not one per row: rows come from clients
            with self._lock:
                self.dropped += len(refused)
            entry, exc = refused[0]
            log.error("%d access-log row(s) dropped, they cannot be stored; the first (%s): "
                      "%s %s", len(refused), type(exc).__name__, printable(entry.method, 20),
                      printable(entry.path, 100))
        self.written += written
        return written

    def prune(self, now: datetime | None = None) -> int:
        """Apply the retention (age, then row count); returns the rows deleted."""
        self._last_prune = time.monotonic()
        cutoff = ((now or datetime.now(timezone.utc)) - timedelta(days=self.days))
        cutoff_text = cutoff.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        with self._store.transaction(immediate=True) as conn:
            deleted = conn.execute("DELETE FROM serving_access_log WHERE ts < ?",
                                   [cutoff_text]).rowcount
            top = conn.execute("SELECT MAX(id) FROM serving_access_log").fetchone()[0]
            if top is not None:
                deleted += conn.execute("DELETE FROM serving_access_log WHERE id <= ?",
                                        [top - self.max_rows]).rowcount
        if deleted:
            log.info("access log retention removed %d rows", deleted)
        return deleted

