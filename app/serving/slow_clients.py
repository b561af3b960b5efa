"""Connections that never finish their request do not hold the service forever.

uvicorn closes a kept-alive connection that sits idle, but not one that opened and sends its
request head a byte at a time (slowloris), nor one that stops half-way through its body. On a
factory network a wedged client or a scan can do either, and each such connection holds a file
descriptor until the process runs out. Two bounds, both `ServingOptions.read_timeout_s`:

- the request head (request line and headers) must arrive within `read_timeout_s` of the
  connection opening or the previous answer; otherwise the service answers 408 and closes. A
  connection that began no new request (nothing sent, or only the unread rest of a body that
  was already answered) is closed without an answer, as an idle kept-alive one is: a 408
  written there could be read as the answer to the client's next request;
- a body must keep moving: no bytes for `read_timeout_s` answers 408 and closes (the server's
  `read_body` applies this with `stall_limit`).

Not bounded here, and the reason a hostile network still wants a reverse proxy in front: a
body trickling in just under the timeout (no minimum rate), a client that never reads its
answer, the number of connections per client, and a TLS handshake that never starts (asyncio
gives up after 60 s).

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
CLOSE_GRACE_S = 1.0  # after a 408, how long a TLS client gets to acknowledge the close


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
        if uncancel is not None and uncancel() > 0:
            raise  # somebody else cancelled the task too (e.g. shutdown): that one stands
        raise ProtocolError(TIMED_OUT, f"the request body stalled: nothing arrived for "
                                       f"{seconds:g} s", close=True) from None
    finally:
        timer.stop()


def protocol_class(read_timeout_s: float, on_timeout: Callable[[str], None]) -> type:
    """uvicorn's h11 protocol with a timer on the request head; `on_timeout(client address)`
    when a head did not arrive in time."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeadTimedProtocol(H11Protocol):  # type: ignore[misc]
        _head_timer: asyncio.TimerHandle | None = None
        _waiting_since_cycle: Any = None
        _lost = False

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
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
            self._lost = True
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._waiting_since_cycle = self.cycle
            self._head_timer = self.loop.call_later(read_timeout_s, self._head_timed_out)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self.transport.is_closing() or self.cycle is not self._waiting_since_cycle:
                return
            # h11 waits for a request (IDLE) and holds part of one: the client began a request
            # and did not finish its head. Anything else (nothing sent, or the unread rest of
            # an answered body, SEND_BODY/DONE) is closed silently.
            if self.conn.their_state is h11.IDLE and self.conn.trailing_data[0]:
                on_timeout(str(self.client[0]) if self.client else "")
                self.transport.write(timeout_answer(read_timeout_s))
                self.transport.close()
                self.loop.call_later(CLOSE_GRACE_S, self._abort_if_open)
            else:
                self.transport.abort()  # nothing to flush; TLS waits for no close_notify

        def _abort_if_open(self) -> None:
            if not self._lost:
                self.transport.abort()  # a TLS client that does not acknowledge the close

    return HeadTimedProtocol
