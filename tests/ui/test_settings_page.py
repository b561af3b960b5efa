from __future__ import annotations

import time

from app.telemetry.model import DeviceSnapshot, Reading, Snapshot


def test_history_size_is_shown_and_monitoring_settings_saved(qtbot, make_window, admin, ctx):
    reading = Reading("cpu.util", "CPU", 12.0, "%", "busy", "1 s")
    for i in range(5):
        ctx.history.record(Snapshot(time.time() - 5 + i,
                                    (DeviceSnapshot("host", "host", "h", {"cpu.util": reading}),)))
    page = make_window(admin).page("Settings")
    qtbot.waitUntil(lambda: "rows in" in page.history_usage.text(), timeout=5000)
    assert "% of the bound" in page.history_usage.text()
    page.sampling.setValue(2.0)
    assert page.save_monitoring_settings()
    assert ctx.settings.get("sampling_interval_s") == 2.0
    assert ctx.audit_trail.head().object == "setting:history_max_rows"


def test_operator_cannot_edit_monitoring(make_window, operator):
    page = make_window(operator).page("Settings")
    assert not page.sampling.isEnabled() and page.save_monitoring.isHidden()
