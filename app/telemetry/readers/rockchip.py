"""Rockchip RKNPU (RK3588 3 cores, RK356x/RV1126B single core) through debugfs and devfreq.

`/sys/kernel/debug/rknpu/load` is root-only. The driver prints each core's busy share over its
1 s load interval: `NPU load:  Core0: 63%, Core1: 65%, Core2: 64%,` or, single-core,
`NPU load: 48%`. It formats with `%2.d`, so a 0 can print as blanks, and older drivers did not
clamp the value, so broken counters print e.g. `429496%`. Such a value is not trustworthy: it is
reported as unsupported with a note (not clamped to 100, which would claim a fully busy core).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.messages import msg
from app.telemetry.model import DeviceSnapshot, Reading
from app.telemetry.readers.common import (
    FileValue,
    Opener,
    list_dir,
    parse_number,
    read_attr,
    read_text,
    reading,
    unsupported,
)

LOAD_WINDOW = msg("the driver's 1 s load interval (last completed)")
_CORE = re.compile(r"Core(\d+):\s*(\d*)\s*%")
_SINGLE = re.compile(r"NPU load:\s*(\d*)\s*%")


@dataclass(frozen=True)
class CoreLoad:
    index: int | None  # None on single-core NPUs (no CoreN: prefix)
    percent: float
    raw: str

    @property
    def trustworthy(self) -> bool:
        return 0.0 <= self.percent <= 100.0


def parse_rknpu_load(text: str) -> list[CoreLoad]:
    """Parse the load line; raises ValueError for anything that is not one."""
    line = next((ln for ln in text.splitlines() if "NPU load" in ln), None)
    if line is None:
        raise ValueError(f"not an rknpu load line: {text[:80]!r}")
    cores = [CoreLoad(int(m.group(1)), float(m.group(2) or 0), m.group(0))
             for m in _CORE.finditer(line)]
    if cores:
        return cores
    single = _SINGLE.search(line)
    if single:
        return [CoreLoad(None, float(single.group(1) or 0), single.group(0))]
    raise ValueError(f"no load values in {line!r}")


def find_npu_devfreq(sysfs_root: Path, listdir: Callable[[Path], list[str]] = list_dir
                     ) -> Path | None:
    """/sys/class/devfreq/fdab0000.npu (RK3588), fde40000.npu (RK3568), ..."""
    base = sysfs_root / "sys/class/devfreq"
    try:
        return next((base / n for n in listdir(base) if n.endswith(".npu")), None)
    except OSError:
        return None


def has_rknpu(sysfs_root: Path, listdir: Callable[[Path], list[str]] = list_dir) -> bool:
    """debugfs may be unreadable for non-root users, so devfreq and the driver dir count too."""
    return any((
        find_npu_devfreq(sysfs_root, listdir) is not None,
        _is_dir(sysfs_root / "sys/kernel/debug/rknpu"),
        _is_dir(sysfs_root / "sys/bus/platform/drivers/RKNPU"),
    ))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


class RockchipNpuReader:
    name = "rockchip-npu"
    device_id = "npu-rk0"

    def __init__(self, sysfs_root: Path = Path("/"), opener: Opener = read_text,
                 listdir: Callable[[Path], list[str]] = list_dir) -> None:
        self.sysfs_root = sysfs_root
        self._open = opener
        self._devfreq = find_npu_devfreq(sysfs_root, listdir)
        self._debug = sysfs_root / "sys/kernel/debug/rknpu"
        self.soc = self._soc_name()

    def _soc_name(self) -> str:
        compatible = read_attr(self.sysfs_root / "proc/device-tree/compatible", self._open)
        for item in (compatible.text or "").split("\x00"):
            match = re.fullmatch(r"rockchip,((?:rk|rv)\d{4}[a-z]?)", item.strip())
            if match:  # the SoC entry, not the board's ("xunlong,orangepi-5")
                return match.group(1).upper()
        return ""

    def read(self) -> list[DeviceSnapshot]:
        readings: dict[str, Reading] = {}

        def put(r: Reading) -> None:
            readings[r.key] = r

        meaning = msg("Share of time the NPU was busy")
        load = read_attr(self._debug / "load", self._open)
        details: dict[str, object] = {}
        cores: list[CoreLoad] = []
        if load.ok:
            try:
                cores = parse_rknpu_load(load.text or "")
            except ValueError as exc:
                put(unsupported("npu.util", msg("NPU"), "%", meaning, LOAD_WINDOW,
                                msg("unreadable load file: {error}", error=exc)))
            details["load_raw"] = load.text
        else:
            put(unsupported("npu.util", msg("NPU"), "%", meaning, LOAD_WINDOW, load.note))
        for core in cores:
            key = "npu.util" if core.index is None else f"npu.core{core.index}.util"
            label = msg("NPU") if core.index is None else msg("NPU core {index}",
                                                               index=core.index)
            if core.trustworthy:
                put(reading(key, label, core.percent, "%", meaning, LOAD_WINDOW))
            else:
                put(unsupported(key, label, "%", meaning, LOAD_WINDOW,
                                msg("driver reported {percent:g} %, not a valid load (known "
                                    "rknpu counter overflow); ignored", percent=core.percent)))
        if cores and cores[0].index is not None:
            good = [c.percent for c in cores if c.trustworthy]
            if not good:
                note = msg("no core reports a valid load")
            elif len(good) < len(cores):
                note = msg("average of {good} of {cores} cores (others report invalid values)",
                           good=len(good), cores=len(cores))
            else:
                note = ""
            put(reading("npu.util", msg("NPU"), sum(good) / len(good) if good else None, "%",
                        msg("Average busy share of the NPU cores"), LOAD_WINDOW, note))
        put(self._freq())
        volt = read_attr(self._debug / "volt", self._open)
        micro = parse_number(volt.text)
        put(reading("npu.volt", msg("NPU voltage"),
                    micro / 1000 if micro is not None else None, "mV",
                    msg("NPU supply voltage (debugfs, µV / 1000)"), msg("instant"), volt.note))
        if self._devfreq is not None:
            details["devfreq"] = str(self._devfreq)
        count = len(cores) if cores and cores[0].index is not None else (1 if cores else 0)
        soc = f"{self.soc} " if self.soc else ""
        name = f"Rockchip {soc}NPU" + (f" ({count} cores)" if count > 1 else "")
        return [DeviceSnapshot(self.device_id, "npu", name, readings, details=details)]

    def _freq(self) -> Reading:
        meaning = msg("Current NPU clock")
        value: FileValue | None = None
        if self._devfreq is not None:
            value = read_attr(self._devfreq / "cur_freq", self._open)
        if value is None or not value.ok:
            debug = read_attr(self._debug / "freq", self._open)
            if debug.ok or value is None:
                value = debug
        hz = parse_number(value.text)
        return reading("npu.freq", msg("NPU clock"), hz / 1e6 if hz is not None else None,
                       "MHz", meaning, msg("instant"), value.note)
