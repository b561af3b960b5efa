"""The host itself through psutil: CPU, load, memory, swap, the data folder's disk, disk and
network IO rates, temperatures and fans where the platform exposes them, the top processes,
and uptime.

Rates (disk and network IO, CPU shares) are deltas since the previous read, so the first read
has none; sensors are often absent on VMs, which is reported as such and never as zero.
"""

from __future__ import annotations

import os
import re
import socket
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from app.messages import msg
from app.telemetry.model import DeviceSnapshot, Reading

_SINCE_LAST = msg("since the previous sample")
_FIRST = msg("available from the next sample (a rate needs two reads)")
_INSTANT = msg("instant")
_MIB = 1024**2


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "sensor"


class HostReader:
    name = "host"
    device_id = "host"

    def __init__(self, disk_path: Path | None = None, top_processes: int = 5,
                 clock: Callable[[], float] = time.monotonic,
                 processes_every_s: float = 10.0) -> None:
        self._disk_path = str(disk_path or Path.home())
        self.top_processes = top_processes
        # Walking every process costs ~10 ms: most of a sample. Top lists change slowly.
        self.processes_every_s = processes_every_s
        self._processes_at: float | None = None
        self._processes_cache: dict[str, object] = {}
        self._clock = clock
        self._last_at: float | None = None
        self._last_net: tuple[int, int] | None = None
        self._last_disk: tuple[int, int] | None = None
        # psutil's first cpu_percent(None) call has nothing to compare with; prime it.
        psutil.cpu_percent(interval=None)
        psutil.cpu_percent(interval=None, percpu=True)

    def read(self) -> list[DeviceSnapshot]:
        readings: dict[str, Reading] = {}

        def add(key: str, label: str, value: float | None, unit: str, meaning: str,
                window: str, note: str = "") -> None:
            readings[key] = Reading(key, label, value, unit, meaning, window,
                                    value is not None, note)

        now = self._clock()
        elapsed = now - self._last_at if self._last_at is not None else None
        self._last_at = now

        add("cpu.util", msg("CPU"), psutil.cpu_percent(interval=None), "%",
            msg("Share of time all CPU cores were busy"), _SINCE_LAST)
        for index, value in enumerate(psutil.cpu_percent(interval=None, percpu=True)):
            add(f"cpu.core{index}.util", msg("CPU core {index}", index=index), value, "%",
                msg("Share of time core {index} was busy", index=index), _SINCE_LAST)
        add("cpu.count", msg("CPU cores"), float(psutil.cpu_count() or 0), "",
            msg("Logical CPU cores"), _INSTANT)
        if hasattr(os, "getloadavg"):
            load1, _, _ = os.getloadavg()
            add("cpu.load1", msg("Load (1 min)"), load1, "",
                msg("Runnable processes, exponentially averaged"), msg("1 minute"))
        else:
            add("cpu.load1", msg("Load (1 min)"), None, "", msg("Runnable processes"),
                msg("1 minute"), msg("not provided by this operating system"))
        mem = psutil.virtual_memory()
        add("mem.util", msg("Memory"), mem.percent, "%", msg("Memory in use by processes"),
            _INSTANT)
        add("mem.used", msg("Memory used"), mem.used / 1024**3, "GiB", msg("Memory in use"),
            _INSTANT)
        add("mem.total", msg("Memory total"), mem.total / 1024**3, "GiB",
            msg("Installed memory"), _INSTANT)
        swap = psutil.swap_memory()
        if swap.total:
            add("swap.util", msg("Swap"), swap.percent, "%", msg("Swap space in use"), _INSTANT)
        else:
            add("swap.util", msg("Swap"), None, "%", msg("Swap space in use"), _INSTANT,
                msg("no swap space"))
        try:
            disk = psutil.disk_usage(self._disk_path)
            add("disk.data.util", msg("Data disk"), disk.percent, "%",
                msg("Used space on the volume holding {path}", path=self._disk_path), _INSTANT)
            add("disk.data.free", msg("Data disk free"), disk.free / 1024**3, "GiB",
                msg("Free space on the volume holding {path}", path=self._disk_path), _INSTANT)
        except OSError as exc:
            add("disk.data.util", msg("Data disk"), None, "%", msg("Used space"), _INSTANT,
                str(exc))
        self._io(add, elapsed)
        self._sensors(add)
        add("uptime", msg("Uptime"), (time.time() - psutil.boot_time()) / 3600, "h",
            msg("Time since the host booted"), _INSTANT)
        details: dict[str, object] = {}
        if self.top_processes:
            now = self._clock()
            if self._processes_at is None or now - self._processes_at >= self.processes_every_s:
                self._processes_cache = self._processes()
                self._processes_at = now
            details.update(self._processes_cache)
        return [DeviceSnapshot(self.device_id, "host", socket.gethostname(), readings,
                               details=details)]

    def _io(self, add: Callable[..., None], elapsed: float | None) -> None:
        """Network (all interfaces but loopback) and disk throughput since the last read."""
        try:
            nics = psutil.net_io_counters(pernic=True) or {}
        except OSError:
            nics = {}
        net = (sum(c.bytes_recv for n, c in nics.items() if n != "lo"),
               sum(c.bytes_sent for n, c in nics.items() if n != "lo")) if nics else None
        try:
            counters = psutil.disk_io_counters()
        except (OSError, RuntimeError):
            counters = None
        disk = (counters.read_bytes, counters.write_bytes) if counters else None
        for prefix, now, last, absent, names in (
            ("net", net, self._last_net, msg("no network interface counters"), (
                ("rx", msg("Network rx"), msg("Network bytes received per second")),
                ("tx", msg("Network tx"), msg("Network bytes sent per second")))),
            ("disk.io", disk, self._last_disk, msg("no disk IO counters (common in containers)"),
             (("read", msg("Disk read"), msg("Disk bytes read per second")),
              ("write", msg("Disk write"), msg("Disk bytes written per second")))),
        ):
            for position, (suffix, label, meaning) in enumerate(names):
                key = f"{prefix}.{suffix}"
                if now is None:
                    add(key, label, None, "MiB/s", meaning, _SINCE_LAST, absent)
                elif last is None or elapsed is None or elapsed <= 0:
                    add(key, label, None, "MiB/s", meaning, _SINCE_LAST, _FIRST)
                elif now[position] < last[position]:
                    add(key, label, None, "MiB/s", meaning, _SINCE_LAST,
                        msg("counter reset (interface or disk removed); restarting"))
                else:
                    add(key, label, (now[position] - last[position]) / elapsed / _MIB, "MiB/s",
                        meaning, msg("{seconds:.1f} s since the previous sample",
                                     seconds=elapsed))
        self._last_net, self._last_disk = net, disk

    def _sensors(self, add: Callable[..., None]) -> None:
        temps = psutil.sensors_temperatures() if hasattr(psutil, "sensors_temperatures") else {}
        if not temps:
            add("temp", msg("Temperature"), None, "°C", msg("Hardware temperature sensors"),
                _INSTANT, msg("no temperature sensors exposed (common on VMs)"))
        for chip, entries in (temps or {}).items():
            for index, entry in enumerate(entries):
                label = entry.label or f"{chip} {index}"
                note = msg("high {limit:g} °C", limit=entry.high) if entry.high else ""
                add(f"temp.{_slug(chip)}.{_slug(entry.label or str(index))}",
                    msg("{sensor} temperature", sensor=label), entry.current, "°C",
                    msg("Sensor {chip}/{sensor}", chip=chip, sensor=label), _INSTANT, note)
        fans = psutil.sensors_fans() if hasattr(psutil, "sensors_fans") else {}
        for chip, entries in (fans or {}).items():
            for index, entry in enumerate(entries):
                label = entry.label or f"{chip} {index}"
                add(f"fan.{_slug(chip)}.{_slug(entry.label or str(index))}",
                    msg("{sensor} fan", sensor=label), float(entry.current), "RPM",
                    msg("Fan {chip}/{sensor}", chip=chip, sensor=label), _INSTANT)

    def _processes(self) -> dict[str, object]:
        """Top processes by CPU (since the previous read) and by resident memory."""
        rows = []
        for proc in psutil.process_iter(["pid", "name", "username", "memory_info"]):
            try:
                cpu = proc.cpu_percent(interval=None)  # psutil caches Process objects
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            info = proc.info
            memory = info.get("memory_info")
            rows.append({"pid": info.get("pid"), "name": info.get("name") or "?",
                         "user": info.get("username") or "", "cpu_percent": cpu,
                         "rss_mib": memory.rss / _MIB if memory else None})
        by_cpu = sorted(rows, key=lambda r: -(r["cpu_percent"] or 0.0))
        by_mem = sorted(rows, key=lambda r: -(r["rss_mib"] or 0.0))
        return {"processes_by_cpu": by_cpu[:self.top_processes],
                "processes_by_memory": by_mem[:self.top_processes],
                "processes_window": msg("CPU share since the previous process scan (every "
                                        "{seconds:g} s), of one core = 100 %",
                                        seconds=self.processes_every_s)}
