"""The monitor as the CLI drives it, and the simulated devices that stand in on demo boxes."""

from __future__ import annotations

import io
import json
import sys

import pytest

from app.cli import main
from app.cli.monitor import parse_address
from app.errors import ValidationError
from app.telemetry.monitor import Monitor
from app.telemetry.readers.simulated import SimulatedGpuReader, SimulatedNpuReader


def run(argv, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def box(data_dir):
    """monitor and metrics only read: they refuse a data folder that does not exist yet."""
    from app.context import AppContext

    AppContext.open(data_dir).close()
    return data_dir


@pytest.mark.usefixtures("box")
def test_monitor_once_json_lists_every_device_with_meaning(data_dir, capsys, monkeypatch):
    code, out, err = run(["--data-dir", str(data_dir), "monitor", "--once", "--json",
                          "--simulate"], capsys, monkeypatch)
    assert code == 0, err
    devices = {d["device_id"]: d for d in json.loads(out)["devices"]}
    assert {"host", "gpu0", "npu-rk0"} <= set(devices)
    temp = devices["gpu0"]["readings"]["gpu.temp"]
    assert temp["unit"] == "C" and temp["meaning"] and temp["window"]
    fan = devices["gpu0"]["readings"]["gpu.fan"]
    assert fan["value"] is None and fan["supported"] is False and "not supported" in fan["note"]


@pytest.mark.usefixtures("box")
def test_monitor_once_does_not_record(data_dir, capsys, monkeypatch):
    from app.context import AppContext

    run(["--data-dir", str(data_dir), "monitor", "--once", "--simulate"], capsys, monkeypatch)
    with AppContext.open(data_dir) as ctx:
        assert ctx.history.size().total_rows == 0


@pytest.mark.usefixtures("box")
def test_metrics_prometheus_names_units_and_labels(data_dir, capsys, monkeypatch):
    code, out, _ = run(["--data-dir", str(data_dir), "metrics", "--prometheus", "--simulate"],
                       capsys, monkeypatch)
    assert code == 0
    assert "# TYPE edgedeck_gpu_temperature_celsius gauge" in out
    assert 'edgedeck_gpu_memory_used_bytes{device="gpu0"' in out
    assert "edgedeck_gpu_fan" not in out  # unsupported: omitted, never a fake zero


@pytest.mark.parametrize("value,expected", [
    ("", ("127.0.0.1", 9464, False)),
    ("127.0.0.1:9100", ("127.0.0.1", 9100, True)),
    ("[::1]:9100", ("::1", 9100, True)),
    ("0.0.0.0:9464", ("0.0.0.0", 9464, True)),
])
def test_metrics_address(value, expected):
    assert parse_address(value) == expected


@pytest.mark.parametrize("value", ["host:port", "127.0.0.1:99999"])
def test_bad_metrics_address(value):
    with pytest.raises(ValidationError):
        parse_address(value)


def test_simulated_heat_cycle_raises_and_clears_the_over_temperature_alarm(ctx):
    now = [1000.0]
    gpu = SimulatedGpuReader(clock=lambda: now[0], first_hot_s=60, hot_s=45, period_s=600)
    from app.alarms.service import AlarmService
    from app.telemetry.model import Snapshot

    alarms = AlarmService(ctx.store, ctx.audit_trail, ctx.guard, clock=lambda: now[0])
    temps = []
    for second in range(0, 200, 2):
        now[0] = 1000.0 + second
        snap = Snapshot(now[0], tuple(gpu.read()))
        temps.append(snap.devices[0].value("gpu.temp"))
        alarms.evaluate(snap)
        if second == 90:
            assert any(a.device_id == "gpu0" and a.priority == "critical"
                       for a in alarms.list_active())
    assert max(temps) > 90 and temps[0] < 70 and temps[-1] < 70
    assert not [a for a in alarms.list_active() if a.state != "returned_unacknowledged"
                and a.device_id == "gpu0" and a.priority == "critical"]


def test_simulated_devices_say_so():
    gpu = SimulatedGpuReader().read()[0]
    npu = SimulatedNpuReader().read()[0]
    assert "(simulated)" in gpu.name and "(simulated)" in npu.name
    assert gpu.details["simulated"] and npu.details["simulated"]


def test_monitor_feeds_history_and_alarms(ctx):
    monitor = Monitor(ctx, simulate=True)
    monitor.snapshot()
    monitor.snapshot()
    monitor.stop()
    assert ctx.history.size().total_rows > 0
    assert {r.name for r in monitor.readers} >= {"host", "simulated-gpu", "simulated-npu"}
