"""Connections that never finish their request do not hold the service forever.

uvicorn closes a kept-alive connection that sits idle, but not one that opened and sends its
request head a byte at a time (slowloris), nor one that stops half-way through its body. On a
factory network a wedged client or a scan can do either, and each such connection holds a file
descriptor until the process runs out. Three bounds, each set on `ServingOptions`:

- the request head (request line and headers) must arrive within `read_timeout_s` of the
  connection opening or the previous answer; otherwise the service answers 408 and closes
  (a connection that sent nothing at all is closed without an answer, as an idle kept-alive
  one is: a 408 written there could be read as the answer to the client's next request);
- a body must keep moving: no bytes for `read_timeout_s` answers 408 and closes (the server's
  `read_body` applies this with `stall_limit`);
- at most `max_connections` connections at once; beyond that uvicorn answers 503.

The head timer is a subclass of uvicorn's h11 protocol: the h11 implementation is pure Python
and the same on every platform the bundle targets (httptools is not installed).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

from app.serving.protocol import ProtocolError, error_body

log = logging.getLogger(__name__)

TIMED_OUT = 408


def timeout_answer(seconds: float) -> bytes:
    """A complete 408 answer written straight to the socket (no request was parsed)."""
    body = error_body(f"the request head did not arrive within {seconds:g} s")
    return (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
            b"connection: close\r\ncontent-length: " + str(len(body)).encode() + b"\r\n\r\n"
            + body)


class _StallTimer:
    """Cancels the reading task when `seconds` pass without `moved()`: one timer per request,
    re-armed per chunk (asyncio.wait_for per chunk would cost a task and a loop turn each,
    which cost a third of the throughput with batching)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.loop = asyncio.get_running_loop()
        self.task = asyncio.current_task()
        self.handle: asyncio.TimerHandle | None = None
        self.fired = False

    def moved(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
        self.handle = self.loop.call_later(self.seconds, self._fire)

    def _fire(self) -> None:
        self.fired = True
        if self.task is not None:
            self.task.cancel()

    def stop(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None


@contextlib.asynccontextmanager
async def stall_limit(seconds: float) -> AsyncIterator[Callable[[], None]]:
    """Around reading a request body: yields `moved`, to call on each chunk; when nothing
    arrives for `seconds`, the read is abandoned with 408 (closing the connection)."""
    timer = _StallTimer(seconds)
    timer.moved()
    try:
        yield timer.moved
    except asyncio.CancelledError:
        if not timer.fired:
            raise
        uncancel = getattr(timer.task, "uncancel", None)  # Python 3.11+: undo our cancel
        if uncancel is not None:
            uncancel()
        raise ProtocolError(TIMED_OUT, f"the request body stalled: nothing arrived for "
                                       f"{seconds:g} s", close=True) from None
    finally:
        timer.stop()


def protocol_class(read_timeout_s: float, on_timeout: Callable[[], None]) -> type:
    """uvicorn's h11 protocol with a timer on the request head."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeadTimedProtocol(H11Protocol):  # type: ignore[misc]
        _head_timer: asyncio.TimerHandle | None = None
        _waiting_since_cycle: Any = None
        _head_bytes = 0  # received since the timer was armed

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            self._head_bytes += len(data)
            super().data_received(data)
            self._head_parsed()

        def on_response_complete(self) -> None:
            self._arm()  # for the next request on this kept-alive connection
            super().on_response_complete()
            if self.transport.is_closing():
                self._disarm()
            else:
                self._head_parsed()  # a pipelined head may have started the next request

        def _head_parsed(self) -> None:
            if self._head_timer is not None and self.cycle is not self._waiting_since_cycle:
                self._disarm()  # h11 parsed a whole head: the request is under way

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._waiting_since_cycle = self.cycle
            self._head_bytes = 0
            self._head_timer = self.loop.call_later(read_timeout_s, self._head_timed_out)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self.transport.is_closing() or self.cycle is not self._waiting_since_cycle:
                return
            if self._head_bytes:
                on_timeout()
                self.transport.write(timeout_answer(read_timeout_s))
            self.transport.close()

    return HeadTimedProtocol
