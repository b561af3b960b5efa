"""A background thread that reads every reader once per interval and hands out snapshots.

Subscribers are called on the sampler thread: the UI re-emits through a queued Qt signal, so no
reader ever runs on the GUI thread. A reader that raises yields a DeviceSnapshot with `error`
set; the others carry on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from app.telemetry.model import DeviceSnapshot, Snapshot

log = logging.getLogger(__name__)

MIN_INTERVAL_S = 0.5
MAX_INTERVAL_S = 10.0


class Reader(Protocol):
    """One source (psutil, NVML, a sysfs tree, a tool's output) that may hold several devices."""

    name: str

    def read(self) -> list[DeviceSnapshot]: ...


class Sampler:
    def __init__(self, readers: Sequence[Reader], interval_s: float = 1.0) -> None:
        if not MIN_INTERVAL_S <= interval_s <= MAX_INTERVAL_S:
            raise ValueError(f"sampling interval must be {MIN_INTERVAL_S}-{MAX_INTERVAL_S} s")
        self._readers = list(readers)
        self.interval_s = interval_s
        self._subscribers: list[Callable[[Snapshot], None]] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.latest: Snapshot | None = None

    def subscribe(self, callback: Callable[[Snapshot], None]) -> None:
        self._subscribers.append(callback)

    def sample_once(self) -> Snapshot:
        devices: list[DeviceSnapshot] = []
        for reader in self._readers:
            try:
                devices.extend(reader.read())
            except Exception as exc:  # noqa: BLE001 - one bad reader must not stop the others
                log.exception("reader %s failed", reader.name)
                devices.append(DeviceSnapshot(reader.name, "unknown", reader.name,
                                              error=f"reader failed: {exc}"))
        snapshot = Snapshot(time.time(), tuple(devices))
        self.latest = snapshot
        for callback in list(self._subscribers):
            try:
                callback(snapshot)
            except Exception:  # noqa: BLE001
                log.exception("snapshot subscriber failed")
        return snapshot

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sampler", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        next_at = time.monotonic()
        while not self._stop.is_set():
            self.sample_once()
            next_at += self.interval_s
            delay = next_at - time.monotonic()
            if delay < 0:  # we fell behind (slow reader, suspended box): do not burst
                next_at = time.monotonic()
                delay = 0
            self._stop.wait(delay)
