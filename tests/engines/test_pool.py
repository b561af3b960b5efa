"""The engine pool: one load per key however many ask, leases that protect what is in use,
idle and budget unloading, memory per engine."""

from __future__ import annotations

import threading
import time

import pytest

from engines.pool import EnginePool


class FakeEngine:
    loads = 0

    def __init__(self, name: str, size: int = 0, delay: float = 0.0) -> None:
        self.name = name
        self.size = size
        self.delay = delay
        self.loaded = False
        self.model_path = None
        self.report = None

    def load(self, progress=None, cancelled=None):
        FakeEngine.loads += 1
        time.sleep(self.delay)
        self.ballast = bytearray(self.size)  # resident memory the pool should account
        self.loaded = True

    def unload(self):
        self.loaded = False
        self.ballast = None


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def count_from_zero():
    FakeEngine.loads = 0


def test_one_load_however_many_ask_at_once():
    pool = EnginePool()
    made = []

    def factory():
        made.append(FakeEngine("a", delay=0.05))
        return made[-1]

    got = []
    threads = [threading.Thread(target=lambda: got.append(pool.acquire("a", factory)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert FakeEngine.loads == 1 and len(made) == 1
    assert {id(item.engine) for item in got} == {id(made[0])}
    assert got[0].leases == 8


def test_idle_engines_go_engines_in_use_never_do():
    clock = Clock()
    pool = EnginePool(idle_s=60, clock=clock)
    held = pool.acquire("held", lambda: FakeEngine("held"))
    with pool.lease("idle", lambda: FakeEngine("idle")) as idle:
        pass
    clock.now += 61
    assert pool.sweep() == ["idle"]
    assert not idle.loaded and held.engine.loaded
    assert pool.unload("held") is False  # in use: it stays
    pool.release(held)
    clock.now += 61
    assert pool.sweep() == ["held"] and not held.engine.loaded


def test_over_the_budget_the_least_recently_used_idle_engine_goes():
    clock = Clock()
    pool = EnginePool(idle_s=None, budget_bytes=250, clock=clock)
    for name in ("a", "b", "c"):
        clock.now += 1
        with pool.lease(name, lambda n=name: FakeEngine(n), size_hint=100):
            pass
    kept = {item.key for item in pool.loaded()}
    assert kept == {"b", "c"}  # a was the least recently used
    clock.now += 1
    with pool.lease("b", lambda: FakeEngine("b")):
        with pool.lease("d", lambda: FakeEngine("d"), size_hint=100):
            assert {item.key for item in pool.loaded()} == {"b", "d"}  # c went, b is held


def test_memory_is_accounted_per_engine():
    pool = EnginePool()
    with pool.lease("big", lambda: FakeEngine("big", size=64 << 20)):
        item = pool.loaded()[0]
    assert item.bytes >= 32 << 20  # the growth of resident memory while it loaded
    assert pool.total_bytes == item.bytes and item.as_dict()["engine"] == "big"


def test_a_failed_load_leaves_nothing_behind_and_the_next_ask_retries():
    pool = EnginePool()

    class Broken(FakeEngine):
        def load(self, progress=None, cancelled=None):
            raise RuntimeError("no such file")

    with pytest.raises(RuntimeError):
        pool.acquire("x", lambda: Broken("x"))
    assert pool.loaded() == []
    with pool.lease("x", lambda: FakeEngine("x")) as engine:
        assert engine.loaded


def test_closing_unloads_everything():
    pool = EnginePool()
    engines = []
    for name in ("a", "b"):
        with pool.lease(name, lambda n=name: FakeEngine(n)) as engine:
            engines.append(engine)
    pool.close()
    assert not any(e.loaded for e in engines) and pool.loaded() == []
    with pytest.raises(RuntimeError, match="closed"):
        pool.acquire("c", lambda: FakeEngine("c"))
