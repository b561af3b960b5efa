"""NVIDIA Jetson: the iGPU through devfreq sysfs, DLA/PVA through debugfs clocks, and tegrastats.

NVML is absent or partial on Jetson. The GPU load is the nvgpu driver's per-mille busy ratio in
`/sys/class/devfreq/<gpu>/device/load`; clocks are in the devfreq node (Hz). The DLA and PVA
(NVIDIA's NPUs) expose no utilisation at all: only whether their clock is enabled and its rate, in
debugfs, which is root-only. `tegrastats` adds the rails, EMC, engine states and thermal zones;
it is run as a streaming subprocess so one slow line never blocks the sampler.

tegrastats is a human format that changed with nearly every JetPack: timestamps appear in JP5,
power units in JP5, a third (max) power value and `cur C/max C` temperatures in JP7.2, per-GPC
GPU clocks `@[a,b]` in JP6 and no GPU utilisation at all on Thor. The parser walks the
whitespace-separated tokens and decides by the *shape* of the next token, which also separates
the AGX Xavier rail `GPU 0/0` from the temperature `GPU@37.5C` and the rail `CPU 311/311` from
the core list `CPU [..]`. Unknown tokens are kept in `unparsed`, never fatal.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.messages import msg
from app.telemetry.model import DeviceSnapshot, Reading
from app.telemetry.readers.common import (
    FileValue,
    Opener,
    kill_group,
    list_dir,
    parse_number,
    read_attr,
    read_text,
    reading,
    unsupported,
)

log = logging.getLogger(__name__)

POWER_GATED_C = -256.0  # what tegrastats prints for a thermal zone whose block is powered off


@dataclass(frozen=True)
class CpuCore:
    index: int
    online: bool
    util: float | None  # percent over the tegrastats interval
    freq_mhz: float | None


@dataclass(frozen=True)
class Engine:
    """GR3D, EMC, NVENC, VIC, NVDLA0, PVA0, APE...: utilisation and/or clock, or 'off'."""

    name: str
    on: bool | None  # False for "off"; None when tegrastats does not say
    util: float | None
    freqs_mhz: tuple[float, ...] = ()

    @property
    def freq_mhz(self) -> float | None:
        """The highest clock of the engine's partitions (GPCs), or None."""
        return max(self.freqs_mhz) if self.freqs_mhz else None


@dataclass(frozen=True)
class Temp:
    name: str
    current: float | None  # None when the zone is power-gated (-256 C)
    maximum: float | None = None  # JP7.2 prints cur/max
    gated: bool = False


@dataclass(frozen=True)
class Rail:
    name: str
    cur_mw: float
    avg_mw: float
    max_mw: float | None = None


@dataclass
class TegrastatsSample:
    timestamp: str | None = None
    ram_used_mb: float | None = None
    ram_total_mb: float | None = None
    lfb_count: int | None = None
    lfb_size_kb: float | None = None
    swap_used_mb: float | None = None
    swap_total_mb: float | None = None
    swap_cached_mb: float | None = None
    iram_used_kb: float | None = None
    iram_total_kb: float | None = None
    cpus: list[CpuCore] = field(default_factory=list)
    gpu: Engine | None = None  # GR3D
    engines: dict[str, Engine] = field(default_factory=dict)  # EMC, NVENC, NVDLA0, GR3D2, ...
    mts_fg: float | None = None
    mts_bg: float | None = None
    temps: dict[str, Temp] = field(default_factory=dict)
    rails: dict[str, Rail] = field(default_factory=dict)
    unparsed: list[str] = field(default_factory=list)

    def temp(self, name: str) -> Temp | None:
        """Case-insensitive lookup: JP5 prints GPU@, JP6 prints gpu@."""
        wanted = name.lower()
        return next((t for k, t in self.temps.items() if k.lower() == wanted), None)


_DATE = re.compile(r"^\d{2}-\d{2}-\d{4}$")
_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}$")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_MEM = re.compile(r"^(\d+)/(\d+)(kB|MB|GB)(\(lfb)?$")
_LFB = re.compile(r"^(?:(\d+)x)?(\d+)(kB|MB|GB)\)$")
_CACHED = re.compile(r"^(\d+)(kB|MB|GB)\)$")
_CPUS = re.compile(r"^\[(.*)\](?:@(\d+))?$")
_CORE = re.compile(r"^(\d+)%(?:@(\d+))?$")
_TEMP = re.compile(r"^([A-Za-z][\w.\-]*)@(-?\d+(?:\.\d+)?)C(?:/(-?\d+(?:\.\d+)?)C)?$")
_RAIL = re.compile(r"^(\d+)(?:mW)?/(\d+)(?:mW)?(?:/(\d+)(?:mW)?)?$")
_ENGINE = re.compile(r"^(?:(\d+)%)?(?:@\[?([\d,]+)\]?)?$")
_PERCENT = re.compile(r"^(\d+)%$")
_UNIT_KB = {"kB": 1.0, "MB": 1024.0, "GB": 1024.0 * 1024.0}


def _to_mb(value: str, unit: str) -> float:
    return float(value) * _UNIT_KB[unit] / 1024.0


def _engine(name: str, token: str) -> Engine | None:
    if token == "off":
        return Engine(name, False, None)
    if token.isdigit():  # "APE 174", "VIC_FREQ 729": a clock only
        return Engine(name, None, None, (float(token),))
    match = _ENGINE.match(token)
    if not match or not (match.group(1) or match.group(2)):
        return None
    util = float(match.group(1)) if match.group(1) is not None else None
    freqs = tuple(float(f) for f in (match.group(2) or "").split(",") if f)
    return Engine(name, None, util, freqs)


def _cpus(token: str) -> list[CpuCore] | None:
    match = _CPUS.match(token)
    if not match:
        return None
    shared = float(match.group(2)) if match.group(2) else None  # old L4T: cpu [..]@freq
    cores = []
    for index, item in enumerate(match.group(1).split(",")):
        item = item.strip()
        if item == "off":
            cores.append(CpuCore(index, False, None, None))
            continue
        core = _CORE.match(item)
        if not core:
            return None
        freq = float(core.group(2)) if core.group(2) else shared
        cores.append(CpuCore(index, True, float(core.group(1)), freq))
    return cores


def parse_tegrastats_line(line: str) -> TegrastatsSample:
    """Parse one line; raises ValueError when the line is not tegrastats output at all."""
    tokens = line.split()
    sample = TegrastatsSample()
    i = 0
    if len(tokens) >= 2 and _DATE.match(tokens[0]) and _TIME.match(tokens[1]):
        sample.timestamp = f"{tokens[0]} {tokens[1]}"
        i = 2
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else ""
        temp = _TEMP.match(tok)
        if temp:
            value = float(temp.group(2))
            maximum = float(temp.group(3)) if temp.group(3) else None
            gated = value <= POWER_GATED_C
            sample.temps[temp.group(1)] = Temp(temp.group(1), None if gated else value,
                                               maximum, gated)
            i += 1
            continue
        if tok in ("RAM", "SWAP", "IRAM") and _MEM.match(nxt):
            i = _memory(sample, tokens, i)
            continue
        if tok.upper() == "CPU" and nxt.startswith("["):
            cores = _cpus(nxt)
            if cores is not None:
                sample.cpus = cores
                i += 2
                continue
        if tok == "MTS" and i + 4 < n and tokens[i + 1] == "fg" and tokens[i + 3] == "bg":
            fg, bg = _PERCENT.match(tokens[i + 2]), _PERCENT.match(tokens[i + 4])
            sample.mts_fg = float(fg.group(1)) if fg else None
            sample.mts_bg = float(bg.group(1)) if bg else None
            i += 5
            continue
        if _NAME.match(tok) and nxt:
            rail = _RAIL.match(nxt)
            if rail:
                name = tok
                suffix = 2
                while name in sample.rails:  # "NC" appears twice on some carrier boards
                    name = f"{tok}#{suffix}"
                    suffix += 1
                sample.rails[name] = Rail(name, float(rail.group(1)), float(rail.group(2)),
                                          float(rail.group(3)) if rail.group(3) else None)
                i += 2
                continue
            short = tok[:-5] if tok.endswith("_FREQ") else tok
            engine = _engine(short, nxt)
            if engine is not None:
                if short == "GR3D":
                    sample.gpu = engine
                else:
                    sample.engines[short] = engine
                i += 2
                continue
        sample.unparsed.append(tok)
        i += 1
    if sample.ram_total_mb is None and not sample.cpus and sample.gpu is None:
        raise ValueError(f"not a tegrastats line: {line[:80]!r}")
    return sample


def _memory(sample: TegrastatsSample, tokens: list[str], i: int) -> int:
    """RAM a/bMB (lfb NxSIZE), SWAP a/bMB (cached cMB), IRAM a/bkB(lfb SIZE); returns next i."""
    kind = tokens[i]
    match = _MEM.match(tokens[i + 1])
    assert match is not None
    used, total = _to_mb(match.group(1), match.group(3)), _to_mb(match.group(2), match.group(3))
    j = i + 2
    lfb_token = None
    if match.group(4):  # IRAM glues "(lfb" to the value
        lfb_token = tokens[j] if j < len(tokens) else None
        j += 1
    elif j + 1 < len(tokens) and tokens[j] in ("(lfb", "(cached"):
        lfb_token = tokens[j + 1]
        j += 2
    if kind == "RAM":
        sample.ram_used_mb, sample.ram_total_mb = used, total
        lfb = _LFB.match(lfb_token or "")
        if lfb:
            sample.lfb_count = int(lfb.group(1)) if lfb.group(1) else 1
            sample.lfb_size_kb = float(lfb.group(2)) * _UNIT_KB[lfb.group(3)]
    elif kind == "SWAP":
        sample.swap_used_mb, sample.swap_total_mb = used, total
        cached = _CACHED.match(lfb_token or "")
        if cached:
            sample.swap_cached_mb = _to_mb(cached.group(1), cached.group(2))
    else:
        sample.iram_used_kb, sample.iram_total_kb = used * 1024.0, total * 1024.0
    return j


# ---------------------------------------------------------------------------------------------
# tegrastats as a streaming subprocess
# ---------------------------------------------------------------------------------------------


def default_tegrastats_command(interval_ms: int) -> list[str]:
    """tegrastats writes to a pipe through stdio; stdbuf -oL makes it flush every line."""
    command = ["tegrastats", "--interval", str(interval_ms)]
    if shutil.which("stdbuf"):
        return ["stdbuf", "-oL", *command]
    return command


class TegrastatsReader:
    """Keeps `tegrastats --interval N` running and hands out its latest parsed line.

    read() never waits for the tool: it reports the newest line, or an error when the tool has
    printed nothing (or only garbage) for stall_timeout_s, or has exited. A stalled or dead
    tool is killed and restarted after restart_backoff_s.
    """

    name = "tegrastats"
    device_id = "jetson-soc"

    def __init__(self, command: Sequence[str] | None = None, interval_ms: int = 1000,
                 stall_timeout_s: float | None = None, restart_backoff_s: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.interval_ms = interval_ms
        self._command = list(command) if command else default_tegrastats_command(interval_ms)
        self.stall_timeout_s = (stall_timeout_s if stall_timeout_s is not None
                                else max(5.0, 3 * interval_ms / 1000))
        self.restart_backoff_s = restart_backoff_s
        self._clock = clock
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._thread: threading.Thread | None = None
        self._started_at: float | None = None
        self._sample: TegrastatsSample | None = None
        self._line_at: float | None = None
        self._bad_line: str | None = None
        self._exit_code: int | None = None
        self._retry_at = 0.0
        self._error: str | None = None

    # -- process management -------------------------------------------------------------
    def start(self) -> None:
        with self._lock:
            if self._proc is not None:
                return
            self._spawn()

    def _spawn(self) -> None:
        """Start the tool; the caller holds the lock."""
        self._started_at = self._clock()
        self._line_at = None
        self._bad_line = None
        self._exit_code = None
        try:
            proc = subprocess.Popen(  # noqa: S603 - our own argv, no shell
                self._command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                errors="replace", bufsize=1, start_new_session=True,
            )
        except OSError as exc:
            self._proc = None
            self._error = msg("cannot start {command}: {error}", command=self._command[0],
                              error=exc.strerror or exc)
            log.warning("%s", self._error)
            self._retry_at = self._clock() + self.restart_backoff_s
            return
        self._error = None
        self._proc = proc
        self._thread = threading.Thread(target=self._pump, args=(proc,), name="tegrastats",
                                        daemon=True)
        self._thread.start()

    def _pump(self, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if not line.strip():
                continue
            try:
                sample = parse_tegrastats_line(line)
            except ValueError:
                with self._lock:
                    if proc is self._proc:
                        self._bad_line = line.strip()[:120]
                continue
            with self._lock:
                if proc is self._proc:
                    self._sample = sample
                    self._line_at = self._clock()
                    self._bad_line = None
        code = proc.wait()
        with self._lock:
            if proc is self._proc:
                self._exit_code = code

    def stop(self) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
            thread, self._thread = self._thread, None
        if proc is not None:
            kill_group(proc)
            proc.wait()
        if thread is not None:
            thread.join(timeout=2.0)

    def _restart_later(self, reason: str) -> None:
        """Kill the current process and remember why; the caller holds the lock."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            kill_group(proc)
        self._error = reason
        self._sample = None
        self._retry_at = self._clock() + self.restart_backoff_s
        log.warning("%s; retrying in %.0f s", reason, self.restart_backoff_s)

    # -- state ----------------------------------------------------------------------------
    def latest(self) -> tuple[TegrastatsSample | None, str | None]:
        """(newest sample, None) or (None, why there is none). Starts the tool if needed."""
        with self._lock:
            now = self._clock()
            if self._proc is None:
                if now < self._retry_at and self._error:
                    return None, self._error
                self._spawn()
                if self._proc is None:
                    return None, self._error
            if self._exit_code is not None:
                self._restart_later(
                    msg("tegrastats exited with status {status}: {line}", status=self._exit_code,
                        line=self._bad_line) if self._bad_line else
                    msg("tegrastats exited with status {status}", status=self._exit_code))
                return None, self._error
            since = self._line_at if self._line_at is not None else self._started_at
            assert since is not None
            if now - since > self.stall_timeout_s:
                if self._line_at is None and self._bad_line:
                    reason = msg("tegrastats printed no parsable line (last: {line!r}) for "
                                 "{seconds:.1f} s", line=self._bad_line, seconds=now - since)
                elif self._line_at is None:
                    reason = msg("tegrastats printed nothing for {seconds:.1f} s",
                                 seconds=now - since)
                else:
                    reason = msg("tegrastats stalled: no new line for {seconds:.1f} s",
                                 seconds=now - since)
                self._restart_later(reason)
                return None, self._error
            if self._sample is None:
                return None, None
            return self._sample, None

    def read(self) -> list[DeviceSnapshot]:
        sample, error = self.latest()
        if error:
            return [DeviceSnapshot(self.device_id, "host", "Jetson SoC (tegrastats)",
                                   error=error)]
        if sample is None:
            return [DeviceSnapshot(self.device_id, "host", "Jetson SoC (tegrastats)",
                                   error=_WAITING)]
        return [soc_snapshot(sample, self.interval_ms)]


# ---------------------------------------------------------------------------------------------
# Readings from a tegrastats sample
# ---------------------------------------------------------------------------------------------

# Rails that feed the GPU, best first; the shared ones say so in the note.
_GPU_RAILS = (
    ("VDD_GPU", ""), ("POM_5V_GPU", ""), ("VDD_SYS_GPU", ""), ("GPU", ""),
    ("VDD_GPU_SOC", msg("rail VDD_GPU_SOC also feeds the SoC")),
    ("VDD_CPU_GPU_CV", msg("rail VDD_CPU_GPU_CV also feeds the CPU and CV engines")),
)
_THOR_NO_UTIL = msg("tegrastats on Thor (JetPack 7) prints GPU clocks but no GPU utilisation")
_WAITING = msg("waiting for the first tegrastats line")
_INSTANT = msg("instant")
_LAST_LINE = msg("instant (last tegrastats line)")
_NOT_PRINTED = msg("not printed by this tegrastats")
_GATED = msg("sensor power-gated (tegrastats prints -256 C)")


def _tegra_window(interval_ms: int) -> str:
    return msg("tegrastats interval ({ms} ms)", ms=interval_ms)


def gpu_util_from_tegrastats(sample: TegrastatsSample, interval_ms: int) -> Reading:
    meaning = msg("Share of time the GPU (GR3D) was busy, as printed by tegrastats")
    if sample.gpu is None:
        return unsupported("gpu.util", msg("GPU"), "%", meaning, _tegra_window(interval_ms),
                           msg("no GR3D field in this tegrastats line"))
    if sample.gpu.util is None:
        return unsupported("gpu.util", msg("GPU"), "%", meaning, _tegra_window(interval_ms),
                           _THOR_NO_UTIL)
    return reading("gpu.util", msg("GPU"), sample.gpu.util, "%", meaning,
                   _tegra_window(interval_ms))


def gpu_power_from_tegrastats(sample: TegrastatsSample) -> Reading:
    meaning = msg("Power on the rail feeding the GPU (tegrastats current value)")
    for rail_name, note in _GPU_RAILS:
        rail = sample.rails.get(rail_name)
        if rail is not None:
            return reading("gpu.power", msg("GPU power"), rail.cur_mw / 1000, "W", meaning,
                           _LAST_LINE, note or msg("rail {rail}", rail=rail_name))
    return unsupported("gpu.power", msg("GPU power"), "W", meaning, _INSTANT,
                       msg("no GPU power rail in this tegrastats line"))


def soc_snapshot(sample: TegrastatsSample, interval_ms: int) -> DeviceSnapshot:
    """The whole-module view tegrastats gives: RAM, EMC, cores, rails, thermal zones, engines."""
    window = _tegra_window(interval_ms)
    readings: dict[str, Reading] = {}

    def put(r: Reading) -> None:
        readings[r.key] = r

    if sample.ram_total_mb:
        put(reading("ram.used", msg("RAM used"), sample.ram_used_mb, "MiB",
                    msg("Memory in use, shared by CPU and GPU"), _INSTANT))
        put(reading("ram.total", msg("RAM total"), sample.ram_total_mb, "MiB",
                    msg("Module memory"), _INSTANT))
        put(reading("ram.util", msg("RAM"),
                    100.0 * (sample.ram_used_mb or 0) / sample.ram_total_mb, "%",
                    msg("Share of module memory in use (CPU and GPU share it)"), _INSTANT))
    if sample.swap_total_mb:
        put(reading("swap.util", msg("Swap"), 100.0 * (sample.swap_used_mb or 0) /
                    sample.swap_total_mb, "%", msg("Swap space in use"), _INSTANT))
    else:
        put(unsupported("swap.util", msg("Swap"), "%", msg("Swap space in use"), _INSTANT,
                        msg("no swap: tegrastats printed no SWAP field")
                        if sample.swap_total_mb is None else msg("no swap space")))
    emc = sample.engines.get("EMC")
    if emc is not None:
        put(reading("emc.util", msg("Memory controller"), emc.util, "%",
                    msg("Share of external memory controller bandwidth in use"), window,
                    "" if emc.util is not None else _NOT_PRINTED))
        put(reading("emc.freq", msg("EMC clock"), emc.freq_mhz, "MHz",
                    msg("Memory controller clock"), _INSTANT, "" if emc.freq_mhz is not None
                    else msg("tegrastats prints EMC clock only when run as root")))
    for core in sample.cpus:
        key = f"cpu.core{core.index}"
        label = msg("CPU core {index}", index=core.index)
        busy = msg("Share of time core {index} was busy", index=core.index)
        if not core.online:
            put(unsupported(f"{key}.util", label, "%", busy, window, msg("core offline")))
            continue
        put(reading(f"{key}.util", label, core.util, "%", busy, window))
        put(reading(f"{key}.freq", msg("CPU core {index} clock", index=core.index),
                    core.freq_mhz, "MHz", msg("Clock of core {index}", index=core.index),
                    _INSTANT, "" if core.freq_mhz is not None else _NOT_PRINTED))
    for temp in sample.temps.values():
        key = f"temp.{temp.name.lower()}"
        label = msg("{sensor} temperature", sensor=temp.name)
        meaning = msg("Thermal zone {zone}", zone=temp.name)
        if temp.gated:
            put(unsupported(key, label, "°C", meaning, _INSTANT, _GATED))
        else:
            note = msg("max {limit:g} °C since tegrastats started",
                       limit=temp.maximum) if temp.maximum else ""
            put(reading(key, label, temp.current, "°C", meaning, _INSTANT, note))
    for rail in sample.rails.values():
        if rail.max_mw is not None:
            note = msg("average {average:.2f} W since tegrastats started, max {peak:.2f} W",
                       average=rail.avg_mw / 1000, peak=rail.max_mw / 1000)
        else:
            note = msg("average {average:.2f} W since tegrastats started",
                       average=rail.avg_mw / 1000)
        put(reading(f"power.{rail.name.lower()}", msg("{rail} power", rail=rail.name),
                    rail.cur_mw / 1000, "W", msg("Power on rail {rail}", rail=rail.name),
                    _LAST_LINE, note))
    for engine in sample.engines.values():
        if engine.name == "EMC":
            continue
        base = f"engine.{engine.name.lower()}"
        on = 0.0 if engine.on is False else (1.0 if engine.util or engine.freqs_mhz else None)
        if engine.util is not None:
            put(reading(f"{base}.util", f"{engine.name}", engine.util, "%",
                        msg("Share of time {engine} was busy", engine=engine.name), window))
        if engine.freq_mhz is not None:
            put(reading(f"{base}.freq", msg("{engine} clock", engine=engine.name),
                        engine.freq_mhz, "MHz", msg("Clock of {engine}", engine=engine.name),
                        _INSTANT))
        if on is not None:
            put(reading(f"{base}.on", msg("{engine} on", engine=engine.name), on, "",
                        msg("1 when {engine} is clocked, 0 when tegrastats prints 'off'",
                            engine=engine.name), _INSTANT))
    details: dict[str, object] = {"source": "tegrastats", "timestamp": sample.timestamp}
    if sample.lfb_count is not None:
        details["lfb"] = f"{sample.lfb_count} x {sample.lfb_size_kb:g} kB"
    if sample.unparsed:
        details["unparsed"] = list(sample.unparsed)
    return DeviceSnapshot("jetson-soc", "host", "Jetson SoC (tegrastats)", readings,
                          details=details)


# ---------------------------------------------------------------------------------------------
# sysfs / debugfs
# ---------------------------------------------------------------------------------------------

GPU_OF_NAMES = frozenset({"gv11b", "gp10b", "ga10b", "gb10b", "gm20b", "gpu"})
_ENGINE_DEVICE = re.compile(r"\.(?:nv)?(dla|pva)(\d+)$")
_ENGINE_CLK = re.compile(r"^(dla|pva)(\d+)(?:_(.+))?$")
_GPU_ZONES = ("gpu-thermal", "gpu-therm")
_LOAD_MEANING = msg("Share of time the iGPU was busy (nvgpu driver, per-mille / 10)")
_LOAD_WINDOW = msg("the GPU driver's own short load-averaging period, read when sampled")


def _clean(value: FileValue) -> str:
    return (value.text or "").strip("\x00\n ")


def find_gpu_devfreq(sysfs_root: Path, opener: Opener = read_text,
                     listdir: Callable[[Path], list[str]] = list_dir) -> Path | None:
    """The devfreq node of the Jetson iGPU (…/17000000.ga10b, 57000000.gpu, gpu-gpc-0 on Thor)."""
    base = sysfs_root / "sys/class/devfreq"
    try:
        names = listdir(base)
    except OSError:
        return None
    for name in names:
        entry = base / name
        of_name = _clean(read_attr(entry / "device/of_node/name", opener))
        if of_name in GPU_OF_NAMES or name.rsplit(".", 1)[-1] in GPU_OF_NAMES or \
                name.startswith("gpu-gpc"):
            return entry
    return None


def is_jetson(sysfs_root: Path, opener: Opener = read_text,
              listdir: Callable[[Path], list[str]] = list_dir) -> bool:
    if (sysfs_root / "etc/nv_tegra_release").exists():
        return True
    compatible = read_attr(sysfs_root / "proc/device-tree/compatible", opener)
    if compatible.ok and "nvidia,tegra" in (compatible.text or ""):
        return True
    return find_gpu_devfreq(sysfs_root, opener, listdir) is not None


def _mhz(value: FileValue) -> float | None:
    number = parse_number(value.text)
    return number / 1e6 if number is not None else None


class JetsonReader:
    """The Jetson iGPU (devfreq), its DLA/PVA engines (debugfs clocks) and, optionally, the
    tegrastats view of the whole module."""

    name = "jetson"

    def __init__(self, sysfs_root: Path = Path("/"), opener: Opener = read_text,
                 listdir: Callable[[Path], list[str]] = list_dir,
                 tegrastats: TegrastatsReader | None = None) -> None:
        self.sysfs_root = sysfs_root
        self._open = opener
        self._listdir = listdir
        self.tegrastats = tegrastats
        self._devfreq = find_gpu_devfreq(sysfs_root, opener, listdir)

    def close(self) -> None:
        if self.tegrastats is not None:
            self.tegrastats.stop()

    def read(self) -> list[DeviceSnapshot]:
        sample, tegra_error = (self.tegrastats.latest() if self.tegrastats is not None
                               else (None, None))
        devices = [self._gpu(sample)]
        devices.extend(self._engines(sample))
        if self.tegrastats is not None:
            if sample is not None:
                devices.append(soc_snapshot(sample, self.tegrastats.interval_ms))
            else:
                devices.append(DeviceSnapshot(
                    "jetson-soc", "host", "Jetson SoC (tegrastats)",
                    error=tegra_error or _WAITING))
        return devices

    # -- GPU ------------------------------------------------------------------------------
    def _load(self) -> FileValue:
        candidates = []
        if self._devfreq is not None:
            candidates.append(self._devfreq / "device/load")
        candidates += [self.sysfs_root / "sys/devices/platform/gpu.0/load",
                       self.sysfs_root / "sys/devices/gpu.0/load"]
        first_note = None
        for path in candidates:
            value = read_attr(path, self._open)
            if value.ok or value.denied:
                return value
            first_note = first_note or value
        return first_note or FileValue(None, msg("no GPU load file"))

    def _gpu(self, sample: TegrastatsSample | None) -> DeviceSnapshot:
        readings: dict[str, Reading] = {}

        def put(r: Reading) -> None:
            readings[r.key] = r

        load = self._load()
        per_mille = parse_number(load.text)
        interval = self.tegrastats.interval_ms if self.tegrastats else 1000
        if per_mille is not None:
            put(reading("gpu.util", msg("GPU"), per_mille / 10.0, "%", _LOAD_MEANING,
                        _LOAD_WINDOW))
        elif sample is not None and sample.gpu is not None and sample.gpu.util is not None:
            put(gpu_util_from_tegrastats(sample, interval))
        else:
            note = load.note or msg("not readable")
            if self._devfreq is not None and self._devfreq.name.startswith("gpu-gpc") and \
                    not load.denied:
                note = msg("this Jetson (Thor) exposes no GPU load in sysfs")
            put(unsupported("gpu.util", msg("GPU"), "%", _LOAD_MEANING, _LOAD_WINDOW, note))

        if self._devfreq is not None:
            for key, attr, label, meaning in (
                ("gpu.freq", "cur_freq", msg("GPU clock"), msg("Current GPU clock (devfreq)")),
                ("gpu.freq.max", "max_freq", msg("GPU max clock"),
                 msg("Highest clock devfreq may pick")),
                ("gpu.freq.min", "min_freq", msg("GPU min clock"),
                 msg("Lowest clock devfreq may pick")),
            ):
                value = read_attr(self._devfreq / attr, self._open)
                put(reading(key, label, _mhz(value), "MHz", meaning, _INSTANT, value.note))
        elif sample is not None and sample.gpu is not None and sample.gpu.freq_mhz is not None:
            put(reading("gpu.freq", msg("GPU clock"), sample.gpu.freq_mhz, "MHz",
                        msg("GPU clock as printed by tegrastats (highest GPC)"), _INSTANT))
        else:
            put(unsupported("gpu.freq", msg("GPU clock"), "MHz", msg("Current GPU clock"),
                            _INSTANT, msg("no GPU devfreq node found")))

        put(self._gpu_temp(sample))
        if sample is not None:
            put(gpu_power_from_tegrastats(sample))
        details: dict[str, object] = {}
        if self._devfreq is not None:
            details["devfreq"] = str(self._devfreq)
            governor = read_attr(self._devfreq / "governor", self._open)
            if governor.ok:
                details["governor"] = governor.text
        if sample is not None and sample.gpu is not None and sample.gpu.freqs_mhz:
            details["gpc_freqs_mhz"] = list(sample.gpu.freqs_mhz)
        return DeviceSnapshot("jetson-gpu", "gpu", "NVIDIA Jetson iGPU", readings,
                              details=details)

    def _gpu_temp(self, sample: TegrastatsSample | None) -> Reading:
        meaning = msg("GPU thermal zone")
        label = msg("GPU temperature")
        base = self.sysfs_root / "sys/class/thermal"
        try:
            zones = [z for z in self._listdir(base) if z.startswith("thermal_zone")]
        except OSError:
            zones = []
        for zone in zones:
            kind = _clean(read_attr(base / zone / "type", self._open)).lower()
            if kind not in _GPU_ZONES:
                continue
            value = read_attr(base / zone / "temp", self._open)
            milli = parse_number(value.text)
            if milli is not None and milli <= -256000:
                return unsupported("gpu.temp", label, "°C", meaning, _INSTANT,
                                   msg("sensor power-gated (reads -256 C)"))
            return reading("gpu.temp", label, milli / 1000 if milli is not None else None, "°C",
                           meaning, _INSTANT, value.note)
        temp = sample.temp("gpu") if sample is not None else None
        if temp is not None and temp.gated:
            return unsupported("gpu.temp", label, "°C", meaning, _INSTANT, _GATED)
        if temp is not None:
            return reading("gpu.temp", label, temp.current, "°C", meaning, _INSTANT)
        return unsupported("gpu.temp", label, "°C", meaning, _INSTANT,
                           msg("no GPU thermal zone on this module"))

    # -- DLA / PVA -------------------------------------------------------------------------
    def engine_names(self) -> tuple[list[str], dict[str, Path], str]:
        """(engines present, engine -> clock dir, note when debugfs cannot be listed)."""
        present: set[str] = set()
        try:
            for name in self._listdir(self.sysfs_root / "sys/bus/platform/devices"):
                match = _ENGINE_DEVICE.search(name)
                if match:
                    present.add(f"{match.group(1)}{match.group(2)}")
        except OSError:
            pass
        clocks: dict[str, Path] = {}
        clk_root = self.sysfs_root / "sys/kernel/debug/clk"
        note = ""
        try:
            for name in self._listdir(clk_root):
                match = _ENGINE_CLK.match(name)
                if not match:
                    continue
                engine = f"{match.group(1)}{match.group(2)}"
                present.add(engine)
                # Prefer the engine's core clock (dla0_core); otherwise the first one listed.
                if engine not in clocks or match.group(3) == "core":
                    clocks[engine] = clk_root / name
        except PermissionError:
            note = msg("needs root: run as root or grant read access to {path}", path=clk_root)
        except OSError:
            note = msg("{path} is not available (debugfs not mounted?)", path=clk_root)
        return sorted(present), clocks, note

    def _engines(self, sample: TegrastatsSample | None) -> list[DeviceSnapshot]:
        engines, clocks, note = self.engine_names()
        interval = self.tegrastats.interval_ms if self.tegrastats else 1000
        devices = []
        for engine in engines:
            kind, number = engine[:3], engine[3:]
            label = f"{kind.upper()} {number}"
            on_key, freq_key, util_key = f"{kind}.on", f"{kind}.freq", f"{kind}.util"
            on_meaning = msg("1 when the {kind} clock is enabled (engine powered for work), 0 "
                             "when gated", kind=kind.upper())
            on_label = msg("{engine} on", engine=label)
            clock_label = msg("{engine} clock", engine=label)
            clk_dir = clocks.get(engine)
            tegra = None
            if sample is not None:
                tegra = (sample.engines.get(f"NV{kind.upper()}{number}")
                         or sample.engines.get(f"{kind.upper()}{number}"))
            if clk_dir is not None:
                count = read_attr(clk_dir / "clk_enable_count", self._open)
                rate = read_attr(clk_dir / "clk_rate", self._open)
                enabled = parse_number(count.text)
                on = reading(on_key, on_label, None if enabled is None else
                             float(enabled > 0), "", on_meaning, _INSTANT, count.note)
                freq = reading(freq_key, clock_label, _mhz(rate), "MHz",
                               msg("{engine} clock rate (debugfs)", engine=label), _INSTANT,
                               rate.note)
            elif tegra is not None:
                on = reading(on_key, on_label, 0.0 if tegra.on is False else 1.0, "",
                             on_meaning, _INSTANT, msg("from tegrastats"))
                freq = reading(freq_key, clock_label, tegra.freq_mhz, "MHz",
                               msg("{engine} clock (tegrastats)", engine=label), _INSTANT,
                               msg("engine off") if tegra.on is False
                               else msg("from tegrastats"))
            else:
                why = note or msg("no clock node for {engine} in debugfs", engine=engine)
                on = unsupported(on_key, on_label, "", on_meaning, _INSTANT, why)
                freq = unsupported(freq_key, clock_label, "MHz",
                                   msg("{engine} clock rate", engine=label), _INSTANT, why)
            if tegra is not None and tegra.util is not None:
                util = reading(util_key, label, tegra.util, "%",
                               msg("Share of time the {engine} was busy (tegrastats)",
                                   engine=label), _tegra_window(interval))
            else:
                util = unsupported(util_key, label, "%",
                                   msg("Share of time the {engine} was busy", engine=label),
                                   _INSTANT, msg("the {kind} exposes no utilisation counter, "
                                                 "only on/off and clock", kind=kind.upper()))
            name = ("NVIDIA DLA" if kind == "dla" else "NVIDIA PVA") + f" {number} (Jetson)"
            devices.append(DeviceSnapshot(
                f"jetson-{engine}", "npu", name, {r.key: r for r in (on, freq, util)},
                details={"clock": str(clk_dir) if clk_dir else None}))
        return devices
