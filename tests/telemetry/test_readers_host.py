"""The host reader: the keys the dashboard and alarms already use, plus rates and sensors."""

from __future__ import annotations

from collections import namedtuple

import psutil
import pytest

from app.telemetry.readers import host as host_module
from app.telemetry.readers.host import HostReader

Temp = namedtuple("Temp", "label current high critical")
Fan = namedtuple("Fan", "label current")
Nic = namedtuple("Nic", "bytes_sent bytes_recv")
Disk = namedtuple("Disk", "read_bytes write_bytes")

EXISTING_KEYS = ("cpu.util", "mem.util", "disk.data.util", "mem.used", "mem.total",
                 "swap.util", "cpu.load1", "uptime", "cpu.core0.util", "cpu.count")


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def test_existing_keys_are_kept(tmp_path):
    [device] = HostReader(disk_path=tmp_path).read()
    assert (device.device_id, device.kind) == ("host", "host")
    for key in EXISTING_KEYS:
        reading = device.readings[key]
        assert reading.meaning and reading.window, key
        assert reading.supported == (reading.value is not None)
    assert 0 <= device.value("mem.util") <= 100


def test_rates_need_two_reads_then_are_deltas(monkeypatch, tmp_path):
    counters = {"nic": {"lo": Nic(10**9, 10**9), "eth0": Nic(1000, 2000)},
                "disk": Disk(0, 0)}
    monkeypatch.setattr(psutil, "net_io_counters", lambda pernic=False: counters["nic"])
    monkeypatch.setattr(psutil, "disk_io_counters", lambda: counters["disk"])
    clock = Clock()
    reader = HostReader(disk_path=tmp_path, clock=clock)
    first = reader.read()[0].readings
    for key in ("net.rx", "net.tx", "disk.io.read", "disk.io.write"):
        assert first[key].supported is False and "next sample" in first[key].note
    counters["nic"] = {"lo": Nic(2 * 10**9, 2 * 10**9),
                       "eth0": Nic(1000 + 2 * 1024**2, 2000 + 4 * 1024**2)}
    counters["disk"] = Disk(8 * 1024**2, 0)
    clock.now += 2.0
    second = reader.read()[0]
    assert second.value("net.tx") == pytest.approx(1.0)  # loopback excluded
    assert second.value("net.rx") == pytest.approx(2.0)
    assert second.value("disk.io.read") == pytest.approx(4.0)
    assert second.value("disk.io.write") == 0.0
    assert second.readings["net.rx"].unit == "MiB/s"
    assert second.readings["net.rx"].window == "2.0 s since the previous sample"
    counters["nic"] = {"eth0": Nic(0, 0)}
    clock.now += 1.0
    reset = reader.read()[0].readings["net.rx"]
    assert reset.supported is False and "reset" in reset.note


def test_no_disk_counters_in_a_container(monkeypatch, tmp_path):
    monkeypatch.setattr(psutil, "disk_io_counters", lambda: None)
    reading = HostReader(disk_path=tmp_path).read()[0].readings["disk.io.read"]
    assert reading.supported is False and "containers" in reading.note


def test_temperatures_and_fans_when_present(monkeypatch, tmp_path):
    monkeypatch.setattr(psutil, "sensors_temperatures", lambda: {
        "coretemp": [Temp("Package id 0", 48.0, 80.0, 100.0), Temp("", 45.0, None, None)],
        "nvme": [Temp("Composite", 38.85, 84.85, 84.85)]}, raising=False)
    monkeypatch.setattr(psutil, "sensors_fans", lambda: {"thinkpad": [Fan("", 2800)]},
                        raising=False)
    device = HostReader(disk_path=tmp_path).read()[0]
    assert device.value("temp.coretemp.package_id_0") == 48.0
    assert device.readings["temp.coretemp.package_id_0"].note == "high 80 °C"
    assert device.value("temp.coretemp.1") == 45.0
    assert device.value("temp.nvme.composite") == 38.85
    assert device.value("fan.thinkpad.0") == 2800.0
    assert "temp" not in device.readings


def test_no_sensors_on_a_vm(monkeypatch, tmp_path):
    monkeypatch.setattr(psutil, "sensors_temperatures", lambda: {}, raising=False)
    monkeypatch.setattr(psutil, "sensors_fans", lambda: {}, raising=False)
    temp = HostReader(disk_path=tmp_path).read()[0].readings["temp"]
    assert (temp.value, temp.supported) == (None, False) and "VMs" in temp.note


def test_top_processes(tmp_path):
    reader = HostReader(disk_path=tmp_path, top_processes=3)
    reader.read()
    details = reader.read()[0].details
    assert len(details["processes_by_memory"]) == 3
    rss = [p["rss_mib"] for p in details["processes_by_memory"]]
    assert rss == sorted(rss, reverse=True)
    assert {"pid", "name", "cpu_percent", "rss_mib", "user"} <= set(details["processes_by_cpu"][0])
    assert HostReader(disk_path=tmp_path, top_processes=0).read()[0].details == {}


def test_missing_data_folder_is_a_note(tmp_path):
    device = HostReader(disk_path=tmp_path / "gone").read()[0]
    assert device.readings["disk.data.util"].supported is False
    assert device.readings["disk.data.util"].note


def test_slug():
    assert host_module._slug("Package id 0") == "package_id_0"
    assert host_module._slug("---") == "sensor"
