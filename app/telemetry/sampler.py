"""A background thread that reads every reader once per interval and hands out snapshots.

Subscribers are called on the sampler thread: the UI re-emits through a queued Qt signal, so no
reader ever runs on the GUI thread. Each reader runs on its own worker thread with a deadline:
a reader that hangs (a stuck `npu-smi`, an NFS-backed sysfs) or raises yields DeviceSnapshots
with `error` set under the device ids it last produced, and the others carry on on time.
"""

from __future__ import annotations

import concurrent.futures
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


class _Slot:
    """A reader, its in-flight read, and the devices it reported last time."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.future: concurrent.futures.Future[list[DeviceSnapshot]] | None = None
        self.started = 0.0
        self.last: list[DeviceSnapshot] = []

    def failed(self, error: str) -> list[DeviceSnapshot]:
        if not self.last:
            return [DeviceSnapshot(self.reader.name, "unknown", self.reader.name, error=error)]
        return [DeviceSnapshot(d.device_id, d.kind, d.name, {}, error, dict(d.details))
                for d in self.last]


class Sampler:
    def __init__(self, readers: Sequence[Reader], interval_s: float = 1.0) -> None:
        if not MIN_INTERVAL_S <= interval_s <= MAX_INTERVAL_S:
            raise ValueError(f"sampling interval must be {MIN_INTERVAL_S}-{MAX_INTERVAL_S} s")
        self._slots = [_Slot(reader) for reader in readers]
        self.interval_s = interval_s
        self._subscribers: list[Callable[[Snapshot], None]] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=max(1, len(self._slots)), thread_name_prefix="reader")
        self.latest: Snapshot | None = None
        self.last_cycle_s = 0.0

    @property
    def readers(self) -> list[Reader]:
        return [slot.reader for slot in self._slots]

    def subscribe(self, callback: Callable[[Snapshot], None]) -> None:
        self._subscribers.append(callback)

    def sample_once(self, deadline_s: float | None = None) -> Snapshot:
        """Read everything (waiting at most `deadline_s`), publish and return the snapshot."""
        started = time.monotonic()
        deadline = started + (deadline_s if deadline_s is not None else self.interval_s * 0.8)
        for slot in self._slots:
            if slot.future is None:
                slot.future = self._pool.submit(slot.reader.read)
                slot.started = started
        devices: list[DeviceSnapshot] = []
        for slot in self._slots:
            future = slot.future
            assert future is not None
            try:
                result = future.result(timeout=max(0.0, deadline - time.monotonic()))
            except concurrent.futures.TimeoutError:
                waited = time.monotonic() - slot.started
                devices.extend(slot.failed(f"reader '{slot.reader.name}' has not answered for "
                                           f"{waited:.1f} s"))
                continue  # still running: not resubmitted until it returns
            except Exception as exc:  # noqa: BLE001 - one bad reader must not stop the others
                log.warning("reader %s failed: %s", slot.reader.name, exc, exc_info=True)
                slot.future = None
                devices.extend(slot.failed(f"reader failed: {exc}"))
                continue
            slot.future = None
            slot.last = result
            devices.extend(result)
        snapshot = Snapshot(time.time(), tuple(devices))
        self.latest = snapshot
        for callback in list(self._subscribers):
            try:
                callback(snapshot)
            except Exception:  # noqa: BLE001
                log.exception("snapshot subscriber failed")
        self.last_cycle_s = time.monotonic() - started
        return snapshot

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sampler", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop sampling and close readers that hold resources (a tegrastats process, NVML)."""
        self._stop.set()
        if self._thread:
            self._thread.join(timeout)
            self._thread = None
        for slot in self._slots:
            close = getattr(slot.reader, "close", None)
            if callable(close):
                try:
                    close()
                except Exception:  # noqa: BLE001
                    log.exception("closing reader %s failed", slot.reader.name)
        self._pool.shutdown(wait=False, cancel_futures=True)

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
