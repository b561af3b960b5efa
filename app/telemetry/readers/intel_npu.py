"""Intel NPU (intel_vpu / ivpu driver) through /sys/class/accel/accelN/device.

The driver exposes a cumulative `npu_busy_time_us`; utilisation is its delta over wall time.
The kernel documentation asks not to read it more often than once a second (reading costs job
submission performance), so a read sooner than MIN_PERIOD_S returns the previous snapshot.
`npu_current_frequency_mhz` reads 0 whenever the device is idle or runtime-suspended; that 0 is
reported as what it is (with a note), not as a fault.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.messages import msg
from app.telemetry.model import DeviceSnapshot, Reading
from app.telemetry.readers.common import (
    Opener,
    list_dir,
    parse_number,
    read_attr,
    read_text,
    reading,
    unsupported,
)

MIN_PERIOD_S = 1.0
DRIVER = "intel_vpu"

# PCI device ids from the ivpu driver (drivers/accel/ivpu/ivpu_drv.h).
PLATFORMS = {"7D1D": "Meteor Lake", "AD1D": "Arrow Lake", "643E": "Lunar Lake",
             "B03E": "Panther Lake"}

_NEEDS_NEWER = msg("not provided by this kernel's intel_vpu driver (added in newer kernels)")
_DELTA = msg("busy time delta")
_INSTANT = msg("instant")


@dataclass
class _State:
    busy_us: float
    at: float
    snapshot: DeviceSnapshot


def find_intel_npus(sysfs_root: Path, opener: Opener = read_text,
                    listdir: Callable[[Path], list[str]] = list_dir) -> list[tuple[int, Path]]:
    """(index, device dir) of every accel node bound to intel_vpu."""
    base = sysfs_root / "sys/class/accel"
    try:
        names = listdir(base)
    except OSError:
        return []
    found = []
    for name in names:
        match = re.fullmatch(r"accel(\d+)", name)
        if not match:
            continue
        device = base / name / "device"
        uevent = read_attr(device / "uevent", opener)
        if f"DRIVER={DRIVER}" in (uevent.text or "") or (device / "npu_busy_time_us").exists():
            found.append((int(match.group(1)), device))
    return sorted(found)


class IntelNpuReader:
    name = "intel-npu"

    def __init__(self, sysfs_root: Path = Path("/"), opener: Opener = read_text,
                 listdir: Callable[[Path], list[str]] = list_dir,
                 clock: Callable[[], float] = time.monotonic,
                 min_period_s: float = MIN_PERIOD_S) -> None:
        self._open = opener
        self._clock = clock
        self.min_period_s = min_period_s
        self.devices = find_intel_npus(sysfs_root, opener, listdir)
        self._state: dict[int, _State] = {}

    def read(self) -> list[DeviceSnapshot]:
        return [self._read_one(index, path) for index, path in self.devices]

    def _attr(self, device: Path, *names: str) -> tuple[float | None, str]:
        """First readable attribute of names (legacy alias first), and a note if none is."""
        note = ""
        for name in names:
            value = read_attr(device / name, self._open)
            if value.ok:
                number = parse_number(value.text)
                return number, "" if number is not None else msg("unexpected value {value!r}",
                                                                 value=value.text)
            if value.denied:
                return None, value.note
            note = note or value.note
        return None, _NEEDS_NEWER if note.endswith("does not exist on this kernel/driver") \
            else note

    def _read_one(self, index: int, device: Path) -> DeviceSnapshot:
        now = self._clock()
        previous = self._state.get(index)
        if previous is not None and now - previous.at < self.min_period_s:
            return previous.snapshot  # the driver asks for >= 1 s between reads
        readings: dict[str, Reading] = {}

        def put(r: Reading) -> None:
            readings[r.key] = r

        busy, busy_note = self._attr(device, "npu_busy_time_us")
        meaning = msg("Share of time the NPU was executing jobs")
        if busy is None:
            put(unsupported("npu.util", msg("NPU"), "%", meaning, _DELTA,
                            busy_note or msg("npu_busy_time_us not readable")))
        elif previous is None:
            put(unsupported("npu.util", msg("NPU"), "%", meaning, _DELTA,
                            msg("first read: shown from the next sample (needs two reads)")))
        elif busy < previous.busy_us:
            put(unsupported("npu.util", msg("NPU"), "%", meaning, _DELTA,
                            msg("busy counter went backwards (driver reloaded); restarting")))
        else:
            elapsed = now - previous.at
            util = min(100.0, 100.0 * (busy - previous.busy_us) / (elapsed * 1e6))
            put(reading("npu.util", msg("NPU"), util, "%", meaning,
                        msg("busy time delta over the {seconds:.1f} s since the previous read",
                            seconds=elapsed)))

        status = read_attr(device / "power/runtime_status", self._open)
        suspended = (status.text or "") == "suspended"
        freq, freq_note = self._attr(device, "npu_current_frequency_mhz", "freq/current_freq")
        if freq == 0:
            freq_note = (msg("device suspended") if suspended else
                         msg("0 while the NPU is idle (the driver reports 0 when not running "
                             "jobs)"))
        put(reading("npu.freq", msg("NPU clock"), freq, "MHz", msg("Current NPU clock"),
                    _INSTANT, freq_note))
        max_freq, max_note = self._attr(device, "npu_max_frequency_mhz", "freq/hw_max_freq")
        put(reading("npu.freq.max", msg("NPU max clock"), max_freq, "MHz",
                    msg("Highest clock the NPU hardware supports"), _INSTANT, max_note))
        memory, mem_note = self._attr(device, "npu_memory_utilization")
        put(reading("npu.mem.used", msg("NPU memory"), memory / 1024**2 if memory is not None
                    else None, "MiB",
                    msg("Memory allocated to NPU work (driver total, bytes/2^20)"), _INSTANT,
                    mem_note))

        uevent = read_attr(device / "uevent", self._open)
        pci_id = re.search(r"PCI_ID=([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4})", uevent.text or "")
        platform = PLATFORMS.get(pci_id.group(2).upper(), "") if pci_id else ""
        label = ", ".join(x for x in (platform, pci_id.group(0)[7:] if pci_id else "") if x)
        name = f"Intel NPU ({label})" if label else "Intel NPU"
        details: dict[str, object] = {"sysfs": str(device)}
        if status.ok:
            details["runtime_status"] = status.text
        power_state = read_attr(device / "power_state", self._open)
        if power_state.ok:
            details["power_state"] = power_state.text
        snapshot = DeviceSnapshot(f"npu-intel{index}", "npu", name, readings, details=details)
        if busy is not None:
            self._state[index] = _State(busy, now, snapshot)
        else:
            self._state.pop(index, None)
        return snapshot
