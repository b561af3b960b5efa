"""Warnings that clients can trigger are summarised per client, so a flood of bad requests
cannot rotate the application log away.

Garbage needs no API key: a script sending unparseable requests, websocket upgrades or requests
that trip a bug makes uvicorn log a line each, and the rotating log (1 MiB x 5) would lose its
whole history within a minute. Every such request is recorded in the access log instead (SQLite,
with its own age and row bounds); the application log gets the first occurrence of each kind of
warning from each client, with the client's address, then at most one summary line per kind
per interval ("... 5321 more in the last 60 s: 5300 from 10.0.0.7, ..."). At most `first_lines`
first occurrences are written per interval in all, and at most `max_clients` clients are
remembered, so neither many clients nor many kinds grow the log or the memory without bound.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from app.logging_setup import printable

INTERVAL_S = 60.0
FIRST_LINES = 10  # first occurrences written per interval, over all clients and kinds
MAX_CLIENTS = 1024  # (client, kind) pairs remembered as already reported
MAX_KINDS = 32
FORGET_S = 3600.0  # a client quiet this long is reported in full again
TOP_CLIENTS = 3  # named in a summary line; the rest are counted together
OTHER_KINDS = "other warnings"


class RepeatedWarnings:
    """Thread-safe: the event loop, request threads and the heartbeat all report here."""

    def __init__(self, interval_s: float = INTERVAL_S, first_lines: int = FIRST_LINES,
                 max_clients: int = MAX_CLIENTS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.interval_s = interval_s
        self.first_lines = first_lines
        self.max_clients = max_clients
        self._clock = clock
        self._lock = threading.Lock()
        self._window = clock()
        self._written = 0  # first occurrences written in this window
        self._reported: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._held: dict[str, dict[str, int]] = {}  # kind -> client -> count since summary
        self._loggers: dict[str, logging.Logger] = {}
        self.suppressed = 0  # lines held back in all (for tests and the stop record)

    def log(self, logger: logging.Logger, client: str, kind: str, level: int, msg: str,
            *args: Any, exc_info: Any = None) -> bool:
        """Write this warning now (True) or count it for the next summary (False)."""
        client = printable(client or "unknown client", 80)
        with self._lock:
            now = self._clock()
            if now - self._window >= self.interval_s:
                self._summarise(now)
            key = (client, kind)
            if key in self._reported or self._written >= self.first_lines:
                self._hold(logger, client, kind, key, now)
                return False
            self._remember(key, now)
            self._written += 1
        text = printable(msg % args if args else msg, 2000)
        logger.log(level, "%s (client %s; repeats from it are summarised every %g s, each "
                   "request is in the access log)", text.rstrip(), client, self.interval_s,
                   exc_info=exc_info)
        return True

    def flush(self, force: bool = False) -> None:
        """Write the summaries of an interval that has ended (all of them when `force`)."""
        with self._lock:
            now = self._clock()
            if force or now - self._window >= self.interval_s:
                self._summarise(now)

    def _remember(self, key: tuple[str, str], now: float) -> None:
        self._reported[key] = now
        self._reported.move_to_end(key)
        while len(self._reported) > self.max_clients:
            self._reported.popitem(last=False)

    def _hold(self, logger: logging.Logger, client: str, kind: str, key: tuple[str, str],
              now: float) -> None:
        if key in self._reported:
            self._remember(key, now)
        if kind not in self._held and len(self._held) >= MAX_KINDS:
            kind = OTHER_KINDS
        counts = self._held.setdefault(kind, {})
        self._loggers.setdefault(kind, logger)
        if client not in counts and len(counts) >= self.max_clients:
            client = "other clients"
        counts[client] = counts.get(client, 0) + 1
        self.suppressed += 1

    def _summarise(self, now: float) -> None:
        """One line per kind (lock held); then a new interval begins."""
        seconds = now - self._window
        for kind, counts in self._held.items():
            ranked = sorted(counts.items(), key=lambda item: -item[1])
            named = [f"{count} from {client}" for client, count in ranked[:TOP_CLIENTS]]
            rest = ranked[TOP_CLIENTS:]
            if rest:
                named.append(f"{sum(c for _, c in rest)} from {len(rest)} other clients")
            try:
                self._loggers[kind].warning(
                    "%s: %d more in the last %.0f s (%s); each request is in the access log",
                    printable(kind, 200), sum(counts.values()), seconds, ", ".join(named))
            except Exception:  # noqa: BLE001 - a summary must never break the caller
                pass
        self._held.clear()
        self._loggers.clear()
        self._written = 0
        self._window = now
        stale = [key for key, seen in self._reported.items() if now - seen > FORGET_S]
        for key in stale:
            del self._reported[key]


def kind_of(msg: object, exc_info: Any) -> str:
    """What makes two warnings 'the same': the message template, and for an error with a
    traceback the exception type and the line that raised it."""
    kind = printable(str(msg).rstrip(), 120)
    if exc_info is True:
        exc_info = sys.exc_info()
    exc = exc_info[1] if isinstance(exc_info, tuple) else exc_info
    if isinstance(exc, BaseException):
        frame = exc.__traceback__
        while frame is not None and frame.tb_next is not None:
            frame = frame.tb_next
        where = (f" at {frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}"
                 if frame is not None else "")
        kind += f" ({type(exc).__name__}{where})"
    return kind


class ClientLogger(logging.LoggerAdapter):
    """uvicorn's logger for one connection: warnings and errors go through RepeatedWarnings,
    keyed by the client's address; lower levels pass through."""

    def __init__(self, logger: logging.Logger, limiter: RepeatedWarnings, client: str,
                 context: Callable[[], str] | None = None) -> None:
        super().__init__(logger, {})
        self.limiter = limiter
        self.client = client
        self.context = context

    @property
    def level(self) -> int:  # uvicorn reads logger.level for its TRACE checks
        return self.logger.level

    def log(self, level: int, msg: Any, *args: Any, exc_info: Any = None,
            **kwargs: Any) -> None:
        if not self.isEnabledFor(level):
            return
        if level < logging.WARNING:
            self.logger.log(level, msg, *args, exc_info=exc_info, **kwargs)
            return
        if exc_info is True:
            exc_info = sys.exc_info()
        kind = kind_of(msg, exc_info)
        detail = self.context() if self.context is not None else ""
        try:
            text = str(msg) % args if args else str(msg)
        except (TypeError, ValueError):
            text = f"{msg} {args}"
        text = text.rstrip() + (f": {detail}" if detail else "")
        self.limiter.log(self.logger, self.client, kind, level, text, exc_info=exc_info)
