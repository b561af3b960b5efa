"""Green / amber / red for a device, with the reason, so every view agrees on the colour."""

from __future__ import annotations

from app.telemetry.model import DeviceSnapshot

# (reading key, amber at, red at, words) — a first set; configurable alarm rules replace it.
HOST_LIMITS = (
    ("mem.util", 90.0, 97.0, "memory"),
    ("disk.data.util", 90.0, 97.0, "data disk"),
    ("swap.util", 80.0, 95.0, "swap"),
)


def device_status(device: DeviceSnapshot) -> tuple[str, list[str]]:
    """('ok' | 'warn' | 'alarm' | 'unknown', reasons)."""
    if device.error:
        return "unknown", [device.error]
    level, reasons = "ok", []
    for key, amber, red, words in HOST_LIMITS:
        value = device.value(key)
        if value is None:
            continue
        if value >= red:
            level = "alarm"
            reasons.append(f"{words} at {value:.0f} %")
        elif value >= amber:
            level = "warn" if level == "ok" else level
            reasons.append(f"{words} at {value:.0f} %")
    return level, reasons
