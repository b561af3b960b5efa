"""The dashboard with real widgets: cards per device, status colours, detail pane, charts."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from app.telemetry.model import DeviceSnapshot, Reading, Snapshot
from app.telemetry.readers.nvml import LOST_ERROR
from app.ui.theme import STATUS_COLOURS
from tests.ui.conftest import FakeHostReader


def _r(key: str, label: str, value: float | None, unit: str, note: str = "",
       window: str = "instant") -> Reading:
    return Reading(key, label, value, unit, f"what {label} means", window, value is not None,
                   note)


def gpu_device(temp: float = 60.0, util: float = 37.0, mem_used: float = 2048.0,
               name: str = "NVIDIA RTX A2000 (simulated)") -> DeviceSnapshot:
    readings = [
        _r("gpu.util", "GPU", util, "%", window="driver sample period, 1/6 s to 1 s"),
        _r("gpu.mem.used", "GPU memory used", mem_used, "MiB"),
        _r("gpu.mem.total", "GPU memory total", 8192.0, "MiB"),
        _r("gpu.mem.util", "GPU memory", 100.0 * mem_used / 8192.0, "%"),
        _r("gpu.temp", "GPU temperature", temp, "°C"),
        _r("gpu.power", "Power", 71.5, "W"),
        _r("gpu.fan", "Fan", None, "%", "not supported by this device"),
    ]
    details = {"index": 0, "uuid": "GPU-5f1c", "lost": False, "driver_version": "550.54.15",
               "cuda_version": "12.4", "processes": [
                   {"pid": 4242, "name": "python3", "type": "compute",
                    "gpu_memory_mib": 1024.0}]}
    return DeviceSnapshot("gpu0", "gpu", name, {r.key: r for r in readings}, details=details)


def npu_device(util: float = 12.0) -> DeviceSnapshot:
    readings = [
        _r("npu.util", "NPU", util, "%", window="busy time delta"),
        _r("npu.freq", "NPU clock", 1400.0, "MHz"),
        _r("npu.temp", "NPU temperature", None, "°C", "the driver exposes no temperature"),
    ]
    return DeviceSnapshot("npu-intel0", "npu", "Intel NPU (simulated)",
                          {r.key: r for r in readings})


def snap(*devices: DeviceSnapshot, t: float | None = None) -> Snapshot:
    return Snapshot(time.time() if t is None else t, tuple(devices))


def host_device(cpu: float = 42.0, mem: float = 50.0) -> DeviceSnapshot:
    reader = FakeHostReader()
    reader.cpu, reader.mem = cpu, mem
    return reader.read()[0]


@pytest.fixture
def dashboard(make_window, admin):
    window = make_window(admin)
    return window.pages[0]


def test_a_card_per_device_host_first_with_the_three_numbers(dashboard):
    dashboard.on_snapshot(snap(npu_device(), gpu_device(), host_device()))
    assert list(dashboard.cards) == ["host", "gpu0", "npu-intel0"]
    host, gpu, npu = dashboard.cards.values()
    assert host.texts() == ["42 %", "50 %", "20 %"]
    assert gpu.texts() == ["37 %", "25 %", "60 °C"]
    assert npu.texts() == ["12 %", "1.40 GHz", "N/A"]
    assert [c.state.text() for c in (host, gpu, npu)] == ["Normal"] * 3
    assert gpu.name.full_text() == "NVIDIA RTX A2000 (simulated)"
    assert "driver sample period" in gpu.tiles[0].toolTip()  # meaning and window
    assert "what GPU means" in gpu.tiles[0].toolTip()
    assert dashboard.selected_id == "host" and host.selected


def test_unsupported_reading_is_na_with_its_note_never_zero(dashboard):
    dashboard.on_snapshot(snap(host_device(), npu_device()))
    tile = dashboard.cards["npu-intel0"].tiles[2]
    assert tile.value.text() == "N/A"
    assert "the driver exposes no temperature" in tile.toolTip()


def test_active_critical_alarm_turns_the_gpu_card_red(dashboard, ctx):
    t0 = time.time() - 20
    hot = gpu_device(temp=95.0)
    ctx.alarms.evaluate(snap(host_device(), hot, t=t0))
    ctx.alarms.evaluate(snap(host_device(), hot, t=t0 + 6))  # past the 5 s on-delay
    assert any(a.priority == "critical" for a in ctx.alarms.list_active())
    dashboard.on_snapshot(snap(host_device(), hot))
    card = dashboard.cards["gpu0"]
    assert card.state.text() == "Alarm"
    assert STATUS_COLOURS["alarm"] in card.stripe.styleSheet()
    assert "95 °C" in card.message.full_text()
    assert dashboard.cards["host"].state.text() == "Normal"


def test_medium_alarm_is_attention(dashboard, ctx):
    t0 = time.time() - 60
    full = gpu_device(mem_used=8000.0)  # 97.7 % of 8192 MiB; rule: > 95 % for 30 s
    ctx.alarms.evaluate(snap(full, t=t0))
    ctx.alarms.evaluate(snap(full, t=t0 + 31))
    dashboard.on_snapshot(snap(host_device(), full))
    assert dashboard.cards["gpu0"].state.text() == "Attention"


def test_lost_gpu_is_alarm_and_a_reader_error_is_no_data(dashboard):
    lost = DeviceSnapshot("gpu0", "gpu", "NVIDIA RTX A2000", error=LOST_ERROR,
                          details={"lost": True, "index": 0, "uuid": "GPU-5f1c"})
    broken = DeviceSnapshot("npu-intel0", "npu", "Intel NPU", error="npu-smi timed out")
    dashboard.on_snapshot(snap(host_device(), lost, broken))
    gpu, npu = dashboard.cards["gpu0"], dashboard.cards["npu-intel0"]
    assert gpu.state.text() == "Alarm"
    assert "GPU lost" in gpu.message.full_text()
    assert npu.state.text() == "No data"
    assert STATUS_COLOURS["unknown"] in npu.stripe.styleSheet()
    assert "npu-smi timed out" in npu.message.full_text()
    assert npu.texts() == ["–", "–", "–"]  # nothing read: no number, not even N/A


def test_devices_appear_and_disappear_without_rebuilding_the_others(qtbot, dashboard):
    dashboard.on_snapshot(snap(host_device()))
    host_card = dashboard.cards["host"]
    dashboard.on_snapshot(snap(host_device(), gpu_device()))
    dashboard.select_device("gpu0")
    dashboard.on_snapshot(snap(host_device()))
    assert list(dashboard.cards) == ["host"]
    assert dashboard.cards["host"] is host_card
    assert dashboard.selected_id == "host"  # the selection falls back to what is left
    assert dashboard.cards_grid.indexOf(host_card) >= 0


def test_card_click_selects_the_device_and_its_charts(qtbot, dashboard):
    dashboard.on_snapshot(snap(host_device(), gpu_device()))
    card = dashboard.cards["gpu0"]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert dashboard.selected_id == "gpu0" and card.selected
    assert not dashboard.cards["host"].selected
    keys = [c.key for c in dashboard.charts if c.isVisibleTo(dashboard)]
    assert keys == ["gpu.util", "gpu.mem.util", "gpu.temp"]


def test_detail_pane_lists_every_reading_and_the_details(dashboard):
    device = gpu_device()
    dashboard.on_snapshot(snap(host_device(), device))
    dashboard.select_device("gpu0")
    model = dashboard.metric_table.metrics
    assert model.rowCount() == len(device.readings)
    rows = {model.data(model.index(r, 0)): [model.data(model.index(r, c)) for c in range(5)]
            for r in range(model.rowCount())}
    assert set(rows) == {r.label for r in device.readings.values()}
    assert rows["Fan"][1:] == ["N/A", "what Fan means", "instant",
                               "not supported by this device"]
    assert rows["GPU temperature"][1] == "60 °C"
    info = dashboard.device_info
    assert info.value_of("Driver version") == "550.54.15"
    assert info.value_of("CUDA version") == "12.4"
    assert info.value_of("UUID") == "GPU-5f1c"
    assert info.value_of("Processes") == "1 listed"
    assert "GPU-5f1c" not in dashboard.detail_title.full_text()
    assert "NVIDIA RTX A2000 (simulated)" in dashboard.detail_title.full_text()


def test_live_chart_follows_the_snapshots(dashboard):
    now = time.time()
    for i in range(10):
        dashboard.on_snapshot(snap(host_device(cpu=10.0 + i), t=now - 10 + i))
    xs, ys = dashboard.chart_panel.chart_for("cpu.util").points()
    assert list(ys)[-3:] == [17.0, 18.0, 19.0]
    assert min(xs) >= now - 310 and max(xs) <= now


def test_live_window_backfills_from_history(qtbot, dashboard, ctx):
    now = time.time()
    for i in range(120):
        ctx.history.record(snap(host_device(cpu=float(i)), t=now - 130 + i))
    dashboard.on_snapshot(snap(host_device(cpu=99.0), t=now))
    chart = dashboard.chart_panel.chart_for("cpu.util")
    qtbot.waitUntil(lambda: len(chart.points()[0]) > 100, timeout=5000)
    xs, ys = chart.points()
    assert list(ys)[:2] == [0.0, 1.0] and list(ys)[-1] == 99.0
    assert list(xs) == sorted(xs)


def test_one_hour_window_reads_history_in_the_background(qtbot, dashboard, ctx):
    now = time.time()
    for i in range(60):  # the last 10 minutes, one snapshot every 10 s
        ctx.history.record(snap(host_device(), gpu_device(util=float(i)),
                                t=now - 600 + 10 * i))
    dashboard.on_snapshot(snap(host_device(), gpu_device(util=50.0)))
    dashboard.select_device("gpu0")
    button = dashboard.chart_panel.buttons[3600]
    assert button.height() >= 38 and button.isCheckable()
    loads = dashboard.history_loads
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dashboard.window_s == 3600
    qtbot.waitUntil(lambda: dashboard.history_loads > loads, timeout=5000)
    chart = dashboard.chart_panel.chart_for("gpu.util")
    xs, ys = chart.points()
    assert len(xs) >= 55
    assert sorted(ys)[:3] == [0.0, 1.0, 2.0]
    assert min(xs) >= now - 3600 - 10 and max(xs) <= now + 1
    low, high = chart.getViewBox().viewRange()[0]
    assert high - low == pytest.approx(3600, abs=5)
    assert "History" in dashboard.chart_panel.caption.text()
    # Snapshots do not touch a history window (no per-second queries or redraws).
    dashboard.on_snapshot(snap(host_device(), gpu_device(util=77.0)))
    assert 77.0 not in list(chart.points()[1])


def test_charts_follow_the_theme(dashboard):
    chart = dashboard.charts[0]
    dashboard.theme_changed("dark")
    assert chart.backgroundBrush().color().lightness() < 100
    dashboard.theme_changed("light")
    assert chart.backgroundBrush().color().lightness() > 200


def test_hidden_dashboard_keeps_cards_current_and_catches_up_when_shown(make_window, admin):
    window = make_window(admin)
    dashboard = window.pages[0]
    window.show_page(3)
    now = time.time()
    for i in range(5):
        dashboard.on_snapshot(snap(host_device(cpu=60.0 + i), t=now - 5 + i))
    assert dashboard.cards["host"].texts()[0] == "64 %"
    window.show_page(0)
    xs, ys = dashboard.chart_panel.chart_for("cpu.util").points()
    assert list(ys)[-1] == 64.0


def test_snapshot_from_the_sampler_thread_reaches_the_dashboard(qtbot, make_window, admin,
                                                                bridge):
    window = make_window(admin)
    bridge.sampler.start()
    try:
        qtbot.waitUntil(lambda: "host" in window.pages[0].cards, timeout=5000)
    finally:
        bridge.sampler.stop()
    assert window.pages[0].last_snapshot is not None


def test_without_accelerators_the_nvml_state_is_shown(qtbot, dashboard, bridge):
    bridge.sampler.sample_once()  # host only; emitted and delivered on this thread
    qtbot.waitUntil(lambda: "NVIDIA" in dashboard.accel_hint.text(), timeout=5000)
    assert dashboard.accel_hint.isVisible()
    dashboard.on_snapshot(snap(host_device(), gpu_device()))
    assert not dashboard.accel_hint.isVisible()


def test_many_devices_on_a_small_panel_stay_readable(qtbot, make_window, admin):
    window = make_window(admin)
    window.resize(1024, 600)
    dashboard = window.pages[0]
    gpus = [DeviceSnapshot(f"gpu{i}", "gpu", f"GPU {i}", gpu_device().readings)
            for i in range(4)]
    dashboard.on_snapshot(snap(host_device(), *gpus, npu_device()))
    qtbot.wait(50)  # let the layout settle
    cards = list(dashboard.cards.values())
    assert all(card.compact for card in cards)  # smaller type before wrapping further
    for card in cards:  # never squeezed below what its numbers need (no clipped digits)
        assert card.width() >= card.minimumSizeHint().width()
        assert card.geometry().right() <= dashboard.scroll.viewport().width()
    dashboard.on_snapshot(snap(host_device(), gpu_device()))
    qtbot.wait(50)
    assert not any(card.compact for card in dashboard.cards.values())
