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

from app.telemetry.model import DeviceSnapshot, Reading

_SINCE_LAST = "since the previous sample"
_FIRST = "available from the next sample (a rate needs two reads)"
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

        add("cpu.util", "CPU", psutil.cpu_percent(interval=None), "%",
            "Share of time all CPU cores were busy", _SINCE_LAST)
        for index, value in enumerate(psutil.cpu_percent(interval=None, percpu=True)):
            add(f"cpu.core{index}.util", f"CPU core {index}", value, "%",
                f"Share of time core {index} was busy", _SINCE_LAST)
        add("cpu.count", "CPU cores", float(psutil.cpu_count() or 0), "",
            "Logical CPU cores", "instant")
        if hasattr(os, "getloadavg"):
            load1, _, _ = os.getloadavg()
            add("cpu.load1", "Load (1 min)", load1, "",
                "Runnable processes, exponentially averaged", "1 minute")
        else:
            add("cpu.load1", "Load (1 min)", None, "", "Runnable processes", "1 minute",
                "not provided by this operating system")
        mem = psutil.virtual_memory()
        add("mem.util", "Memory", mem.percent, "%", "Memory in use by processes", "instant")
        add("mem.used", "Memory used", mem.used / 1024**3, "GiB", "Memory in use", "instant")
        add("mem.total", "Memory total", mem.total / 1024**3, "GiB", "Installed memory",
            "instant")
        swap = psutil.swap_memory()
        if swap.total:
            add("swap.util", "Swap", swap.percent, "%", "Swap space in use", "instant")
        else:
            add("swap.util", "Swap", None, "%", "Swap space in use", "instant", "no swap space")
        try:
            disk = psutil.disk_usage(self._disk_path)
            add("disk.data.util", "Data disk", disk.percent, "%",
                f"Used space on the volume holding {self._disk_path}", "instant")
            add("disk.data.free", "Data disk free", disk.free / 1024**3, "GiB",
                f"Free space on the volume holding {self._disk_path}", "instant")
        except OSError as exc:
            add("disk.data.util", "Data disk", None, "%", "Used space", "instant", str(exc))
        self._io(add, elapsed)
        self._sensors(add)
        add("uptime", "Uptime", (time.time() - psutil.boot_time()) / 3600, "h",
            "Time since the host booted", "instant")
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
        for prefix, label, now, last, absent in (
            ("net", "Network", net, self._last_net, "no network interface counters"),
            ("disk.io", "Disk", disk, self._last_disk,
             "no disk IO counters (common in containers)"),
        ):
            names = (("rx", "received"), ("tx", "sent")) if prefix == "net" else \
                (("read", "read"), ("write", "written"))
            for position, (suffix, verb) in enumerate(names):
                key = f"{prefix}.{suffix}"
                meaning = f"{label} bytes {verb} per second"
                if now is None:
                    add(key, f"{label} {suffix}", None, "MiB/s", meaning, _SINCE_LAST, absent)
                elif last is None or elapsed is None or elapsed <= 0:
                    add(key, f"{label} {suffix}", None, "MiB/s", meaning, _SINCE_LAST, _FIRST)
                elif now[position] < last[position]:
                    add(key, f"{label} {suffix}", None, "MiB/s", meaning, _SINCE_LAST,
                        "counter reset (interface or disk removed); restarting")
                else:
                    add(key, f"{label} {suffix}", (now[position] - last[position]) / elapsed
                        / _MIB, "MiB/s", meaning, f"{elapsed:.1f} s since the previous sample")
        self._last_net, self._last_disk = net, disk

    def _sensors(self, add: Callable[..., None]) -> None:
        temps = psutil.sensors_temperatures() if hasattr(psutil, "sensors_temperatures") else {}
        if not temps:
            add("temp", "Temperature", None, "°C", "Hardware temperature sensors", "instant",
                "no temperature sensors exposed (common on VMs)")
        for chip, entries in (temps or {}).items():
            for index, entry in enumerate(entries):
                label = entry.label or f"{chip} {index}"
                note = f"high {entry.high:g} °C" if entry.high else ""
                add(f"temp.{_slug(chip)}.{_slug(entry.label or str(index))}",
                    f"{label} temperature", entry.current, "°C", f"Sensor {chip}/{label}",
                    "instant", note)
        fans = psutil.sensors_fans() if hasattr(psutil, "sensors_fans") else {}
        for chip, entries in (fans or {}).items():
            for index, entry in enumerate(entries):
                label = entry.label or f"{chip} {index}"
                add(f"fan.{_slug(chip)}.{_slug(entry.label or str(index))}", f"{label} fan",
                    float(entry.current), "RPM", f"Fan {chip}/{label}", "instant")

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
                "processes_window": "CPU share since the previous process scan (every "
                                    f"{self.processes_every_s:g} s), of one core = 100 %"}
