"""The host itself through psutil: CPU, load, memory, swap, the data folder's disk, uptime."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import psutil

from app.telemetry.model import DeviceSnapshot, Reading

_SINCE_LAST = "since the previous sample"


class HostReader:
    name = "host"
    device_id = "host"

    def __init__(self, disk_path: Path | None = None) -> None:
        self._disk_path = str(disk_path or Path.home())
        # psutil's first cpu_percent(None) call has nothing to compare with; prime it.
        psutil.cpu_percent(interval=None)
        psutil.cpu_percent(interval=None, percpu=True)

    def read(self) -> list[DeviceSnapshot]:
        readings: dict[str, Reading] = {}

        def add(key: str, label: str, value: float | None, unit: str, meaning: str,
                window: str, note: str = "") -> None:
            readings[key] = Reading(key, label, value, unit, meaning, window,
                                    value is not None, note)

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
        add("uptime", "Uptime", (time.time() - psutil.boot_time()) / 3600, "h",
            "Time since the host booted", "instant")
        return [DeviceSnapshot(self.device_id, "host", socket.gethostname(), readings)]
