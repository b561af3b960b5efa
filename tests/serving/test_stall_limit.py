"""stall_limit: a body read that stops moving becomes a 408; anybody else's cancel stands."""

from __future__ import annotations

import asyncio
import sys

import pytest

from app.serving.protocol import ProtocolError
from app.serving.slow_clients import stall_limit


async def read(chunks: asyncio.Queue, seconds: float) -> list[bytes]:
    got: list[bytes] = []
    async with stall_limit(seconds) as moved:
        while (chunk := await chunks.get()) != b"":
            moved()
            got.append(chunk)
    return got


def test_chunks_arriving_in_time_are_all_read():
    async def scenario() -> list[bytes]:
        chunks: asyncio.Queue = asyncio.Queue()
        task = asyncio.create_task(read(chunks, 0.2))
        for piece in (b"a", b"b", b"c"):
            await asyncio.sleep(0.05)
            chunks.put_nowait(piece)
        chunks.put_nowait(b"")
        return await task

    assert asyncio.run(scenario()) == [b"a", b"b", b"c"]


def test_a_stalled_read_is_a_408_that_closes_the_connection():
    async def scenario() -> None:
        chunks: asyncio.Queue = asyncio.Queue()
        chunks.put_nowait(b"a")
        await read(chunks, 0.05)

    with pytest.raises(ProtocolError) as stalled:
        asyncio.run(scenario())
    assert stalled.value.status == 408 and stalled.value.close
    assert "nothing arrived for 0.05 s" in stalled.value.message


def test_another_cancel_is_not_turned_into_a_408():
    async def scenario() -> None:
        task = asyncio.create_task(read(asyncio.Queue(), 10))
        await asyncio.sleep(0.01)
        task.cancel()  # e.g. the server's graceful-shutdown deadline
        await task

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(scenario())


@pytest.mark.skipif(sys.version_info < (3, 11), reason="3.10 does not count cancellations")
def test_a_shutdown_cancel_in_the_same_turn_as_the_timer_still_cancels():
    """The stall timer and somebody else's cancel both come due while the loop is busy: they
    run in the same turn, before the task does. The 408 must not swallow the other cancel."""
    import time

    async def scenario() -> str:
        task = asyncio.create_task(read(asyncio.Queue(), 0.05))
        await asyncio.sleep(0)  # the read starts and arms its timer
        asyncio.get_running_loop().call_later(0.06, task.cancel)  # due just after the timer
        time.sleep(0.2)  # a busy loop: both are due when it gets back
        try:
            await task
        except asyncio.CancelledError:
            return "cancelled"
        except ProtocolError:
            return "408"
        return "finished"

    assert asyncio.run(scenario()) == "cancelled"
