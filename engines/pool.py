"""One pool of loaded engines per process: loads once, counts memory, lets go when idle.

Every user of a model — the playground, batch jobs, the serving runtime, knowledge embeddings,
the self-test, diagnostics — asks the pool for an engine by key (model, version, and whatever
changes the session: providers, precision). The first asker loads it (others wait for that load,
never load twice); each use holds a lease, and only an engine nobody holds is ever unloaded:
after `idle_s` without use, or the least recently used first when the loaded engines together
pass `budget_bytes`.

Memory is accounted per engine as the growth of this process's resident memory while it loaded
(loads are serialised so the figure is the engine's own), or the artefact's size on disk when
that growth is not measurable. `on_loaded(key, engine)` is called once after each load: the
application checks there whether an accelerator it asked for is really used, and audits it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engines.base import CancelledFn, ProgressFn

log = logging.getLogger(__name__)

DEFAULT_IDLE_S = 15 * 60.0


@dataclass
class PooledEngine:
    """One loaded engine and what the pool knows about it."""

    key: Hashable
    engine: Any
    bytes: int
    loaded_at: float
    last_used: float
    leases: int = 0
    uses: int = 0
    label: str = ""
    checked: bool = False  # the owner has looked at its load report (e.g. for a fallback)

    def as_dict(self) -> dict[str, Any]:
        report = getattr(self.engine, "report", None)
        return {"engine": self.label or str(self.key), "bytes": self.bytes,
                "in_use": self.leases, "uses": self.uses,
                "idle_s": round(max(0.0, time.monotonic() - self.last_used), 1),
                "provider": getattr(report, "provider", "") if report is not None else ""}


@dataclass
class _Slot:
    lock: threading.Lock = field(default_factory=threading.Lock)
    item: PooledEngine | None = None


def _rss() -> int:
    try:
        import psutil

        return int(psutil.Process().memory_info().rss)
    except Exception:  # noqa: BLE001 - accounting only
        return 0


class EnginePool:
    def __init__(self, idle_s: float | None = DEFAULT_IDLE_S, budget_bytes: int | None = None,
                 on_loaded: Callable[[Hashable, Any], None] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_s = idle_s
        self.budget_bytes = budget_bytes
        self.on_loaded = on_loaded
        self._clock = clock
        self._slots: dict[Hashable, _Slot] = {}
        self._lock = threading.Lock()  # guards _slots and the lease counts
        self._load_lock = threading.Lock()  # one load at a time: honest memory figures
        self._closed = False

    # -- using engines ---------------------------------------------------------------------

    @contextlib.contextmanager
    def lease(self, key: Hashable, factory: Callable[[], Any], label: str = "",
              size_hint: int = 0, progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None) -> Iterator[Any]:
        """The loaded engine for `key` (made by `factory`, loaded here), held while inside."""
        item = self.acquire(key, factory, label, size_hint, progress, cancelled)
        try:
            yield item.engine
        finally:
            self.release(item)

    def acquire(self, key: Hashable, factory: Callable[[], Any], label: str = "",
                size_hint: int = 0, progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None) -> PooledEngine:
        """Like `lease`, for holders that keep an engine across calls (the serving runtime):
        give it back with `release`."""
        if self._closed:
            raise RuntimeError("the engine pool is closed")
        while True:
            with self._lock:
                slot = self._slots.setdefault(key, _Slot())
            with slot.lock:
                with self._lock:
                    if self._slots.get(key) is not slot:
                        continue  # unloaded and dropped meanwhile: take the fresh slot
                loaded = slot.item is None
                if loaded:
                    slot.item = self._load(key, factory, label, size_hint, progress, cancelled)
                item = slot.item
                with self._lock:
                    item.leases += 1
                    item.uses += 1
                    item.last_used = self._clock()
            if loaded:
                self._fit_budget(keep=key)
            return item

    def release(self, item: PooledEngine) -> None:
        with self._lock:
            item.leases = max(0, item.leases - 1)
            item.last_used = self._clock()
        self.sweep()

    def peek(self, key: Hashable) -> Any | None:  # noqa: ANN401 - an engine
        """The engine for `key` if it is loaded now (no load, no lease)."""
        with self._lock:
            slot = self._slots.get(key)
            return slot.item.engine if slot is not None and slot.item is not None else None

    def _load(self, key: Hashable, factory: Callable[[], Any], label: str, size_hint: int,
              progress: ProgressFn | None, cancelled: CancelledFn | None) -> PooledEngine:
        engine = factory()
        with self._load_lock:
            before = _rss()
            engine.load(progress, cancelled)
            grown = _rss() - before
        size = grown if grown > 0 else size_hint or _file_size(getattr(engine, "model_path",
                                                                        None))
        now = self._clock()
        item = PooledEngine(key, engine, max(0, size), now, now, label=label)
        log.info("engine pool: loaded %s (%.1f MiB)", item.label or key, item.bytes / 2**20)
        if self.on_loaded is not None:
            try:
                self.on_loaded(key, engine)
            except Exception:
                engine.unload()
                raise
        return item

    # -- letting go ------------------------------------------------------------------------

    def sweep(self) -> list[Hashable]:
        """Unload what nobody used for `idle_s`; returns the keys let go."""
        if self.idle_s is None:
            return []
        now = self._clock()
        return self._unload_where(lambda item: item.leases == 0
                                  and now - item.last_used >= self.idle_s)

    def unload(self, key: Hashable) -> bool:
        """Let go of `key` now unless someone holds it (then it goes when released and idle)."""
        return bool(self._unload_where(lambda item: item.key == key and item.leases == 0))

    def unload_where(self, test: Callable[[Hashable], bool]) -> list[Hashable]:
        """Let go of every idle engine whose key passes `test` (e.g. a model's old versions)."""
        return self._unload_where(lambda item: item.leases == 0 and test(item.key))

    def close(self) -> None:
        """Unload everything (the process is ending); leases still out keep their engines."""
        self._closed = True
        self._unload_where(lambda item: True)

    def _fit_budget(self, keep: Hashable) -> None:
        if self.budget_bytes is None:
            return
        with self._lock:
            items = [s.item for s in self._slots.values() if s.item is not None]
        total = sum(i.bytes for i in items)
        for item in sorted(items, key=lambda i: i.last_used):
            if total <= self.budget_bytes:
                break
            if item.key == keep or item.leases:
                continue
            if self.unload(item.key):
                total -= item.bytes
                log.info("engine pool: unloaded %s to stay within %.0f MiB", item.label
                         or item.key, self.budget_bytes / 2**20)

    def _unload_where(self, test: Callable[[PooledEngine], bool]) -> list[Hashable]:
        gone: list[PooledEngine] = []
        with self._lock:
            for key, slot in list(self._slots.items()):
                item = slot.item
                if item is not None and test(item) and slot.lock.acquire(blocking=False):
                    try:
                        if item.leases == 0 or self._closed:
                            slot.item = None
                            del self._slots[key]
                            gone.append(item)
                    finally:
                        slot.lock.release()
        for item in gone:
            try:
                item.engine.unload()
            except Exception:  # noqa: BLE001 - an engine that fails to close is still gone
                log.exception("engine pool: unloading %s failed", item.label or item.key)
        return [item.key for item in gone]

    # -- reporting -------------------------------------------------------------------------

    def loaded(self) -> list[PooledEngine]:
        with self._lock:
            return [s.item for s in self._slots.values() if s.item is not None]

    @property
    def total_bytes(self) -> int:
        return sum(item.bytes for item in self.loaded())


def _file_size(path: Path | str | None) -> int:
    try:
        return Path(path).stat().st_size if path else 0
    except OSError:
        return 0
