"""Alarm test helpers: an injectable clock and snapshot builders (no real readers, no sleeps)."""

from __future__ import annotations

from app.alarms.service import AlarmService
from app.telemetry.model import DeviceSnapshot, Reading, Snapshot

T0 = 1_700_000_000.0


class Clock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


UNITS = {"gpu.temp": "C", "gpu.mem.used": "MiB", "gpu.mem.total": "MiB", "gpu.power": "W",
         "gpu.throttle.active": "", "gpu.ecc.uncorrected": ""}


def reading(key: str, value: float | None, note: str = "") -> Reading:
    return Reading(key, key, value, UNITS.get(key, "%"), f"test {key}", "1 s",
                   value is not None, note)


def gpu(device_id: str = "gpu0", error: str | None = None, notes: dict | None = None,
        **values: float | None) -> DeviceSnapshot:
    """A GPU whose readings are keyword arguments, dots written as '__' (gpu__temp=80)."""
    notes = notes or {}
    readings = {}
    for name, value in values.items():
        key = name.replace("__", ".")
        readings[key] = reading(key, value, notes.get(key, ""))
    return DeviceSnapshot(device_id, "gpu", f"GPU {device_id}", readings, error)


def host(**values: float | None) -> DeviceSnapshot:
    readings = {k.replace("__", "."): reading(k.replace("__", "."), v) for k, v in values.items()}
    return DeviceSnapshot("host", "host", "box", readings)


def snap(clock: Clock, *devices: DeviceSnapshot) -> Snapshot:
    return Snapshot(clock.now, tuple(devices))


def run(alarms: AlarmService, clock: Clock, seconds: int, *devices: DeviceSnapshot,
        step: float = 1.0) -> list:
    """Feed the same devices once per `step` for `seconds`; returns every event raised."""
    events = []
    end = clock.now + seconds
    while clock.now < end:
        events += alarms.evaluate(snap(clock, *devices))
        clock.advance(step)
    return events
