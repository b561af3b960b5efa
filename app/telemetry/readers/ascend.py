"""Huawei Ascend NPUs (Atlas 200/300/800, 310/310P/910/910B/A3) through the `npu-smi` tool.

There is no stable library API worth binding, so the reader runs `npu-smi info` with a timeout
(a wedged driver makes npu-smi hang, and that must not stall the sampler) and parses its box
table. The table changed width between versions (80-116 columns), takes two rows per chip,
splits dies of one NPU with `+---+` lines, and prints `NA`/`-` for power and `58626/ 65536`
when a number fills its column, so parsing goes by `|` cells and column headers, not offsets.
`npu-smi info watch` rows are parsed too (its columns depend on the npu-smi version).
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from app.messages import msg
from app.telemetry.model import DeviceSnapshot, Reading
from app.telemetry.readers.common import Runner, ToolError, reading, run_tool, unsupported

HEALTH_LEVELS = {"OK": 0.0, "Warning": 1.0, "Alarm": 2.0, "Critical": 3.0}
QUERY_WINDOW = msg("npu-smi's value at the moment of the query (its sampling period is not "
                   "documented)")
_INSTANT = msg("instant")

_FRACTION = re.compile(r"(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)|(\S+)")
_VERSION = re.compile(r"npu-smi\s+(\S+)\s+Version:\s*(\S+)")


@dataclass(frozen=True)
class AscendProcess:
    npu_id: int
    chip_id: int
    pid: int
    name: str
    memory_mb: float | None


@dataclass
class AscendChip:
    npu_id: int
    chip_id: int
    name: str
    health: str
    bus_id: str
    phy_id: int | None = None  # the "Phy-ID" (A3) or "Device" (310) column
    power_w: float | None = None
    power_raw: str = ""
    temp_c: float | None = None
    aicore_pct: float | None = None
    hugepages: tuple[float, float] | None = None
    memory_mb: tuple[float, float] | None = None  # DDR (used, total); (0, 0) on HBM-only chips
    hbm_mb: tuple[float, float] | None = None
    processes: list[AscendProcess] = field(default_factory=list)

    @property
    def device_id(self) -> str:
        return f"npu-ascend{self.npu_id}-chip{self.chip_id}"


@dataclass
class NpuSmiInfo:
    version: str | None
    chips: list[AscendChip]
    processes: list[AscendProcess]


def _columns(cell: str) -> list[str]:
    return [c.strip().split("(")[0].lower() for c in re.split(r"\s{2,}", cell.strip()) if c]


def _values(cell: str) -> list[str | tuple[float, float]]:
    out: list[str | tuple[float, float]] = []
    for match in _FRACTION.finditer(cell):
        if match.group(3) is not None:
            out.append(match.group(3))
        else:
            out.append((float(match.group(1)), float(match.group(2))))
    return out


def _number(value: object) -> float | None:
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def parse_npu_smi_info(text: str) -> NpuSmiInfo:
    """Parse `npu-smi info`; raises ValueError when no NPU row is found."""
    version = _VERSION.search(text)
    top: list[str] = ["power", "temp", "hugepages-usage"]
    bottom: list[str] = ["aicore", "memory-usage", "hbm-usage"]
    chips: list[AscendChip] = []
    processes: list[AscendProcess] = []
    pending: list[str] | None = None
    in_processes = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if "Process id" in line:
            in_processes = True
            continue
        if cells[0].startswith("NPU") and "Name" in cells[0] and len(cells) >= 3:
            top = _columns(cells[2])
            continue
        if cells[0].startswith("Chip") and len(cells) >= 3 and "Bus-Id" in cells[1]:
            bottom = _columns(cells[2])
            continue
        if in_processes:
            ids = cells[0].split()
            if len(cells) >= 4 and len(ids) == 2 and all(x.isdigit() for x in ids) and \
                    cells[1].isdigit():
                processes.append(AscendProcess(int(ids[0]), int(ids[1]), int(cells[1]),
                                               cells[2], _number(cells[3])))
            continue
        if len(cells) < 3:
            continue
        is_second = ":" in cells[1]  # the Bus-Id column; Health never holds a colon
        if not is_second:
            pending = cells
            continue
        if pending is None:
            continue  # a chip row without its NPU row (partial paste)
        chips.append(_chip(pending, cells, top, bottom))
        pending = None
    if not chips:
        raise ValueError("no NPU rows in npu-smi output")
    for proc in processes:
        for chip in chips:
            if (chip.npu_id, chip.chip_id) == (proc.npu_id, proc.chip_id):
                chip.processes.append(proc)
    return NpuSmiInfo(version.group(2) if version else None, chips, processes)


def _chip(first: list[str], second: list[str], top: list[str], bottom: list[str]
          ) -> AscendChip:
    head = first[0].split(None, 1)
    ids = second[0].split()
    npu_id = _int(head[0])
    chip_id = _int(ids[0]) if ids else None
    if npu_id is None or chip_id is None:
        raise ValueError(f"unexpected npu-smi rows: {first!r} / {second!r}")
    chip = AscendChip(npu_id, chip_id, head[1].strip() if len(head) > 1 else "", first[1],
                      second[1], _int(ids[1]) if len(ids) > 1 else None)
    upper = dict(zip(top, _values(first[2]), strict=False))
    lower = dict(zip(bottom, _values(second[2]), strict=False))
    power = upper.get("power")
    chip.power_raw = power if isinstance(power, str) else ""
    chip.power_w = _number(power)
    chip.temp_c = _number(upper.get("temp"))
    chip.aicore_pct = _number(lower.get("aicore"))
    for attr, source, key in (("hugepages", upper, "hugepages-usage"),
                              ("memory_mb", lower, "memory-usage"),
                              ("hbm_mb", lower, "hbm-usage")):
        value = source.get(key)
        if isinstance(value, tuple):
            setattr(chip, attr, value)
    return chip


# -- npu-smi info watch --------------------------------------------------------------------

WATCH_KEYS = {
    "Pwr(W)": ("npu.power", msg("Power"), "W"),
    "Temp(C)": ("npu.temp", msg("Temperature"), "°C"),
    "AI Core(%)": ("npu.aicore.util", msg("AI Core"), "%"),
    "AI Cpu(%)": ("npu.aicpu.util", msg("AI CPU"), "%"),
    "Ctrl Cpu(%)": ("npu.ctrlcpu.util", msg("Control CPU"), "%"),
    "Memory(%)": ("npu.mem.util", msg("Memory"), "%"),
    "Memory BW(%)": ("npu.membw.util", msg("Memory bandwidth"), "%"),
    "NPU Util(%)": ("npu.util", msg("NPU"), "%"),
    "AI Cube(%)": ("npu.aicube.util", msg("AI Cube"), "%"),
}


@dataclass(frozen=True)
class WatchRow:
    npu_id: int
    chip_id: int | None  # newer npu-smi drops the ChipId column
    values: dict[str, float | None]  # column header -> value (None for NA / -)


def parse_npu_smi_watch(text: str) -> list[WatchRow]:
    """Rows of `npu-smi info watch`; columns are read from the header, whatever the version."""
    columns: list[str] | None = None
    rows: list[WatchRow] = []
    for line in text.splitlines():
        if line.startswith("NpuID"):
            # Header names all end with ')' and may hold one space ("AI Core(%)"), while two
            # headers may be separated by a single space ("ChipId(Idx) Pwr(W)").
            columns = [c.strip() for c in re.findall(r"[^()]+\([^)]*\)", line)]
            continue
        parts = line.split()
        if columns is None or len(parts) != len(columns) or not parts[0].isdigit():
            continue
        values: dict[str, float | None] = {}
        for name, text_value in zip(columns, parts, strict=True):
            values[name] = _number(text_value)
        chip = values.pop("ChipId(Idx)", None)
        npu = values.pop("NpuID(Idx)", None)
        rows.append(WatchRow(int(npu or 0), int(chip) if chip is not None else None, values))
    return rows


def watch_readings(row: WatchRow, window: str) -> dict[str, Reading]:
    """Readings of one watch row; unknown columns are skipped rather than guessed."""
    out: dict[str, Reading] = {}
    for column, value in row.values.items():
        known = WATCH_KEYS.get(column)
        if known is None:
            continue
        key, label, unit = known
        out[key] = reading(key, label, value, unit,
                           msg("{label} as printed by npu-smi watch", label=label), window,
                           "" if value is not None else msg("npu-smi printed NA"))
    return out


# -- the reader ----------------------------------------------------------------------------


def chip_snapshot(chip: AscendChip, version: str | None) -> DeviceSnapshot:
    readings: dict[str, Reading] = {}

    def put(r: Reading) -> None:
        readings[r.key] = r

    put(reading("npu.aicore.util", msg("AI Core"), chip.aicore_pct, "%",
                msg("Share of time the AI Cores were busy"), QUERY_WINDOW))
    if chip.power_w is not None:
        put(reading("npu.power", msg("Power"), chip.power_w, "W", msg("Chip power draw"),
                    _INSTANT))
    else:
        why = {"NA": msg("not reported by this card (npu-smi prints NA)"),
               "-": msg("reported for the NPU's first die only (npu-smi prints -)")}
        put(unsupported("npu.power", msg("Power"), "W", msg("Chip power draw"), _INSTANT,
                        why.get(chip.power_raw, msg("not reported by npu-smi"))))
    put(reading("npu.temp", msg("Temperature"), chip.temp_c, "°C", msg("Chip temperature"),
                _INSTANT))
    for prefix, label, pair, absent in (
        ("npu.hbm", msg("HBM"), chip.hbm_mb, msg("no HBM column for this chip")),
        ("npu.mem", msg("DDR memory"), chip.memory_mb, msg("no DDR memory column for this chip")),
    ):
        in_use = msg("{label} in use", label=label)
        if pair is None or pair[1] == 0:
            note = absent if pair is None else msg(
                "no {label} on this chip (npu-smi prints 0 / 0)", label=label)
            put(unsupported(f"{prefix}.util", label, "%", in_use, _INSTANT, note))
            continue
        used, total = pair
        put(reading(f"{prefix}.used", msg("{label} used", label=label), used, "MiB", in_use,
                    _INSTANT))
        put(reading(f"{prefix}.total", msg("{label} total", label=label), total, "MiB",
                    msg("{label} size", label=label), _INSTANT))
        put(reading(f"{prefix}.util", label, 100.0 * used / total, "%", in_use, _INSTANT))
    level = HEALTH_LEVELS.get(chip.health)
    put(reading("npu.health", msg("Health"), level, "",
                msg("npu-smi health: 0 OK, 1 Warning, 2 Alarm, 3 Critical"), _INSTANT,
                chip.health if level is not None else msg("unknown health word {word!r}",
                                                          word=chip.health)))
    details: dict[str, object] = {
        "health": chip.health, "bus_id": chip.bus_id, "npu_id": chip.npu_id,
        "chip_id": chip.chip_id, "phy_id": chip.phy_id, "npu_smi_version": version,
        "processes": [{"pid": p.pid, "name": p.name, "memory_mib": p.memory_mb}
                      for p in chip.processes],
    }
    if chip.hugepages is not None:
        details["hugepages"] = f"{chip.hugepages[0]:g} / {chip.hugepages[1]:g} pages"
    name = f"Ascend {chip.name}" if chip.name and not chip.name.startswith("Ascend") \
        else chip.name or "Ascend NPU"
    return DeviceSnapshot(chip.device_id, "npu", f"{name} (NPU {chip.npu_id} chip "
                          f"{chip.chip_id})", readings, details=details)


class AscendReader:
    """Runs `npu-smi info` once per sample, with a timeout and a back-off after failures."""

    name = "ascend"

    def __init__(self, run: Runner = run_tool, command: str = "npu-smi",
                 timeout_s: float = 5.0, retry_after_s: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._run = run
        self.command = command
        self.timeout_s = timeout_s
        self.retry_after_s = retry_after_s
        self._clock = clock
        self._known: list[tuple[str, str]] = []  # (device_id, name) seen last time
        self._error: str | None = None
        self._retry_at = 0.0

    def query(self) -> NpuSmiInfo:
        """One `npu-smi info` run; raises what the runner raises, or ValueError."""
        return parse_npu_smi_info(self._run([self.command, "info"], self.timeout_s))

    def read(self) -> list[DeviceSnapshot]:
        now = self._clock()
        if self._error is not None and now < self._retry_at:
            return self._failed(self._error)
        try:
            info = self.query()
        except subprocess.TimeoutExpired:
            return self._fail(msg("npu-smi timed out after {seconds:g} s",
                                  seconds=self.timeout_s))
        except FileNotFoundError:
            return self._fail(msg("{command} not found", command=self.command))
        except ToolError as exc:
            return self._fail(msg("npu-smi failed: {error}", error=exc))
        except OSError as exc:
            return self._fail(msg("cannot run npu-smi: {error}", error=exc.strerror or exc))
        except ValueError as exc:
            return self._fail(msg("npu-smi output not understood: {error}", error=exc))
        self._error = None
        snapshots = [chip_snapshot(chip, info.version) for chip in info.chips]
        self._known = [(s.device_id, s.name) for s in snapshots]
        return snapshots

    def _fail(self, message: str) -> list[DeviceSnapshot]:
        self._error = message
        self._retry_at = self._clock() + self.retry_after_s
        return self._failed(message)

    def _failed(self, message: str) -> list[DeviceSnapshot]:
        """Keep showing the chips we knew, each with the error, so they do not vanish."""
        known = self._known or [("npu-ascend", "Huawei Ascend NPU")]
        return [DeviceSnapshot(device_id, "npu", name, error=message)
                for device_id, name in known]
