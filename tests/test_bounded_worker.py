"""app/bounded_worker.py: a parser in a child process within a time and memory budget."""

from __future__ import annotations

import os
import threading
import time

import pytest

from app.bounded_worker import BoundedWorker, BudgetExceeded, Cancelled
from app.errors import ValidationError


def double(value: int) -> int:
    return value * 2


def refuse(text: str) -> None:
    raise ValidationError(text)


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def allocate(mib: int) -> int:
    block = bytearray(mib << 20)
    return len(block)


def die() -> None:
    os._exit(3)


def pid() -> int:
    return os.getpid()


def test_calls_return_values_and_refusals_and_reuse_one_child() -> None:
    with BoundedWorker(seconds=60, memory_bytes=256 << 20) as worker:
        assert worker.call(double, 21) == 42
        with pytest.raises(ValidationError, match="no such thing"):
            worker.call(refuse, "no such thing")
        first = worker.call(pid)
        assert worker.call(pid) == first != os.getpid()


def test_a_call_over_its_time_is_stopped_and_the_next_gets_a_fresh_child() -> None:
    with BoundedWorker(seconds=0.5, memory_bytes=256 << 20) as worker:
        first = worker.call(pid)
        with pytest.raises(BudgetExceeded, match="took longer than 0.5 s"):
            worker.call(sleep, 60)
        assert worker.call(pid) != first and worker.call(double, 2) == 4


def test_a_call_over_its_memory_fails_with_the_limit_named() -> None:
    with BoundedWorker(seconds=60, memory_bytes=64 << 20) as worker:
        with pytest.raises(BudgetExceeded, match="needed more than 64 MiB"):
            worker.call(allocate, 512)
        assert worker.call(allocate, 8) == 8 << 20


def test_a_crash_is_only_that_call_s_failure() -> None:
    with BoundedWorker(seconds=60, memory_bytes=256 << 20) as worker:
        with pytest.raises(BudgetExceeded, match="stopped on this file"):
            worker.call(die)
        assert worker.call(double, 5) == 10


def test_cancel_stops_a_slow_call() -> None:
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    with BoundedWorker(seconds=60, memory_bytes=256 << 20) as worker:
        worker.call(pid)  # started
        with pytest.raises(Cancelled):  # (uncancelled, the call would return after 60 s)
            worker.call(sleep, 60, cancelled=stop.is_set)
        assert worker.call(double, 1) == 2
