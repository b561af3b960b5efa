"""What crosses from readers to history, alarms and the UI.

Every value says what it means and over what window it was sampled; "not supported" is an
explicit state (value None, supported False), never a fake zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reading:
    key: str
    label: str
    value: float | None
    unit: str
    meaning: str
    window: str
    supported: bool = True
    note: str = ""

    def display(self, digits: int = 1) -> str:
        if not self.supported or self.value is None:
            return "N/A"
        return f"{self.value:.{digits}f} {self.unit}".strip()


@dataclass(frozen=True)
class DeviceSnapshot:
    device_id: str
    kind: str  # host / gpu / npu
    name: str
    readings: dict[str, Reading] = field(default_factory=dict)
    error: str | None = None
    # What a float reading cannot carry: versions, UUIDs, process lists, health words, flags
    # such as details["lost"] for a GPU that fell off the bus. Plain JSON-able values only.
    details: dict[str, object] = field(default_factory=dict)

    def value(self, key: str) -> float | None:
        reading = self.readings.get(key)
        return reading.value if reading and reading.supported else None


@dataclass(frozen=True)
class Snapshot:
    taken_at: float  # seconds since the epoch, UTC
    devices: tuple[DeviceSnapshot, ...]

    def device(self, device_id: str) -> DeviceSnapshot | None:
        return next((d for d in self.devices if d.device_id == device_id), None)

    def as_dict(self) -> dict[str, Any]:
        """Plain data (JSON output, diagnostics bundles): every reading with its meaning."""
        return {
            "taken_at": self.taken_at,
            "devices": [{
                "device_id": d.device_id, "kind": d.kind, "name": d.name, "error": d.error,
                "details": d.details,
                "readings": {k: {"label": r.label, "value": r.value, "unit": r.unit,
                                 "supported": r.supported, "meaning": r.meaning,
                                 "window": r.window, "note": r.note}
                             for k, r in d.readings.items()},
            } for d in self.devices],
        }
