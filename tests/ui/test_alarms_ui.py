"""The alarm UI as people meet it: page, banner and bridge on real widgets, real database.

The AlarmService gets an injected clock so on-delays and shelf expiry run without sleeping; it
replaces ctx.alarms and shares the test database, audit trail and guard.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

from app.alarms.service import AlarmRate, AlarmService
from app.telemetry.model import DeviceSnapshot, Reading, Snapshot
from app.ui.alarm_bridge import AlarmBridge
from app.ui.pages.alarms import AlarmsPage
from app.ui.widgets.alarm_banner import AlarmBanner

CRITICAL_MESSAGE = ("GPU 0: GPU temperature 95 °C is above 90 °C; it will throttle or shut "
                    "down")


class Clock:
    def __init__(self) -> None:
        self.now = float(int(time.time()))

    def __call__(self) -> float:
        return self.now


def gpu_snapshot(clock: Clock, temp: float) -> Snapshot:
    reading = Reading("gpu.temp", "Temperature", temp, "C", "GPU die temperature", "instant")
    return Snapshot(clock.now, (DeviceSnapshot("gpu0", "gpu", "GPU 0", {"gpu.temp": reading}),))


def feed(alarms: AlarmService, clock: Clock, temp: float, seconds: int = 11) -> None:
    """The default rules wait 5 s (critical) and 10 s (high) before raising, 10 s to clear."""
    for _ in range(seconds):
        alarms.evaluate(gpu_snapshot(clock, temp))
        clock.now += 1


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def alarms(ctx, clock) -> AlarmService:
    service = AlarmService(ctx.store, ctx.audit_trail, ctx.guard, clock=clock)
    ctx.alarms = service
    return service


@pytest.fixture
def alarm_bridge(alarms):
    bridge = AlarmBridge(alarms)
    yield bridge
    bridge.close()


@pytest.fixture
def console(qtbot, ctx, alarms, alarm_bridge):
    """The page with the banner above it, as MainWindow lays them out, for one actor."""
    made = []

    def make(actor):
        window = QWidget()
        layout = QVBoxLayout(window)
        banner = AlarmBanner(alarms, actor, alarm_bridge)
        page = AlarmsPage(ctx, actor, alarm_bridge)
        layout.addWidget(banner)
        layout.addWidget(page, 1)
        qtbot.addWidget(window)
        window.resize(1200, 760)
        window.show()
        qtbot.waitExposed(window)
        made.append((window, page))  # qtbot holds widgets weakly
        return page, banner

    yield make
    for _window, page in made:
        page.shutdown()


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def ok(qtbot, dialog) -> None:
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))


def states(page) -> list[str]:
    return [page.active_model.cell(r, 1) for r in range(page.active_model.rowCount())]


def row_of(page, priority: str) -> int:
    return next(r for r, a in enumerate(page.active_model.rows) if a.priority == priority)


def test_raised_alarm_is_listed_unacknowledged_and_bannered(qtbot, console, alarms, clock,
                                                            operator):
    page, banner = console(operator)
    assert banner.isHidden() and page.no_alarms.isVisible()
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(lambda: page.active_model.rowCount() == 2)
    model = page.active_model
    assert [model.cell(0, c) for c in (0, 1, 2, 3, 4)] == [
        "Critical", "Unacknowledged", "GPU 0", CRITICAL_MESSAGE.removeprefix("GPU 0: "), "95.0"]
    assert [model.cell(1, c) for c in (0, 1)] == ["High", "Unacknowledged"]
    assert model.cell(0, 5) == datetime.fromtimestamp(model.rows[0].raised_at).strftime(
        "%H:%M:%S")
    assert not page.no_alarms.isVisible()
    assert banner.isVisible()
    what = CRITICAL_MESSAGE.removeprefix("GPU 0: ")  # what happened first, then the device
    assert banner.label.full_text == f"2 unacknowledged alarms: {what} — GPU 0 (critical)"
    assert "#d1242f" in banner.styleSheet()  # the worst priority's colour
    assert banner.ack_button.isVisible()
    # an operator may acknowledge but not shelve; buttons are big enough for a gloved finger
    assert page.ack_button.isVisible() and page.ack_button.isEnabled()
    assert page.shelve_button.isHidden() and page.unshelve_button.isHidden()
    for button in (page.ack_button, banner.ack_button, banner.show_button):
        assert button.height() >= 38
    assert page.tabs.tabText(0) == "Active (2)"


def test_operator_acknowledges_with_a_comment_and_it_is_audited(qtbot, console, alarms, clock,
                                                                operator, ctx):
    page, banner = console(operator)
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(lambda: page.active_model.rowCount() == 2)
    page.select_alarm(page.active_model.rows[row_of(page, "critical")].id)
    click(qtbot, page.ack_button)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.comment.setText("fan filter cleaned")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        ok(qtbot, dialog)
    qtbot.waitUntil(lambda: page.active_model.cell(row_of(page, "critical"), 1)
                    == "Acknowledged")
    head = ctx.audit_trail.head()
    assert (head.actor, head.category, head.action, head.outcome) == (
        "operator", "alarms", "acknowledge", "success")
    assert head.details_dict["comment"] == "fan filter cleaned"
    assert head.object == f"alarm:{alarms.list_active()[0].id}"
    assert "Acknowledged" in page.message.text()
    # the banner now names the remaining (high) alarm; its button acknowledges that one
    qtbot.waitUntil(lambda: banner.count == 1)
    assert banner.label.full_text.startswith("1 unacknowledged alarm: GPU temperature")
    assert banner.label.full_text.endswith("(high)")
    assert "#e8590c" in banner.styleSheet()
    click(qtbot, banner.ack_button)
    assert banner.isHidden()
    qtbot.waitUntil(lambda: states(page) == ["Acknowledged", "Acknowledged"])
    assert not page.ack_button.isEnabled()


def test_banner_show_alarms_emits_its_signal(qtbot, console, alarms, clock, operator):
    _page, banner = console(operator)
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(banner.isVisible)
    with qtbot.waitSignal(banner.show_alarms, timeout=1000):
        click(qtbot, banner.show_button)


def test_technician_shelves_for_30_minutes_with_a_reason(qtbot, console, alarms, clock, tech,
                                                         ctx, alarm_bridge):
    page, banner = console(tech)
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(lambda: page.active_model.rowCount() == 2)
    assert page.shelve_button.isVisible()
    critical = page.active_model.rows[row_of(page, "critical")]
    page.select_alarm(critical.id)
    click(qtbot, page.shelve_button)
    dialog = page.dialog
    click(qtbot, dialog.preset_buttons[1])
    assert dialog.minutes.value() == 30
    ok(qtbot, dialog)  # no reason: the service refuses, the dialog says why and stays open
    qtbot.waitUntil(dialog.error.isVisible)
    assert "reason" in dialog.error.text()
    dialog.reason.setText("sensor under repair, ticket 4711")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        ok(qtbot, dialog)
    until = datetime.fromtimestamp(clock.now + 30 * 60).strftime("%H:%M")
    qtbot.waitUntil(lambda: f"Shelved until {until}" in states(page))
    shelved = next(a for a in page.active_model.rows if a.shelved)
    assert shelved.id == critical.id and page.active_model.rows[-1] is shelved  # sorted last
    head = ctx.audit_trail.head()
    assert (head.actor, head.action, head.category) == ("tech", "shelve", "alarms")
    assert head.details_dict["minutes"] == 30
    assert head.details_dict["reason"] == "sensor under repair, ticket 4711"
    # a shelved alarm is not annunciated: the banner only counts the high one
    qtbot.waitUntil(lambda: banner.count == 1)
    assert "(high)" in banner.label.full_text
    # the shelf ends by itself: the bridge's tick returns it, still active, unacknowledged
    clock.now += 31 * 60
    with qtbot.waitSignal(alarm_bridge.changed, timeout=2000):
        alarm_bridge.tick()
    qtbot.waitUntil(lambda: not any(a.shelved for a in page.active_model.rows))
    assert states(page) == ["Unacknowledged", "Unacknowledged"]
    assert banner.count == 2


def test_technician_unshelves_and_it_is_audited(qtbot, console, alarms, clock, tech, ctx):
    page, _banner = console(tech)
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(lambda: page.active_model.rowCount() == 2)
    critical = page.active_model.rows[row_of(page, "critical")]
    alarms.shelve(tech, critical.id, 60, "nuisance during commissioning")
    qtbot.waitUntil(lambda: any(a.shelved for a in page.active_model.rows))
    page.select_alarm(critical.id)
    assert page.unshelve_button.isEnabled() and not page.shelve_button.isEnabled()
    click(qtbot, page.unshelve_button)
    assert not any(a.shelved for a in page.active_model.rows)
    assert ctx.audit_trail.head().action == "unshelve"
    assert "Back on display" in page.message.text()


def test_refusals_are_shown_not_swallowed(qtbot, console, alarms, clock, operator, ctx):
    page, _banner = console(operator)
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(lambda: page.active_model.rowCount() == 2)
    # the button is hidden for operators, but the service is the one that refuses
    dialog = page.shelve_selected()
    dialog.reason.setText("trying anyway")
    ok(qtbot, dialog)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "may not shelve alarms" in dialog.error.text()
    dialog.reject()
    assert page.toggle_rule_button.isHidden() and page.restore_button.isHidden()
    page.tabs.setCurrentIndex(2)
    page.select_rule("gpu.temp.high")
    assert page.toggle_selected_rule() is False
    assert page.message.isVisible() and "may not change settings" in page.message.text()
    head = ctx.audit_trail.head()
    assert (head.actor, head.action, head.outcome) == ("operator", "permission_denied",
                                                       "denied")
    # acknowledging twice: the second is a ValidationError, shown on the page
    alarm_id = page.active_model.rows[0].id
    assert page.acknowledge(alarm_id, "first") is True
    assert page.acknowledge(alarm_id, "again") is False
    assert "not waiting for an acknowledgement" in page.message.text()


def test_clearing_returns_to_normal_after_ack_and_history_tells_the_story(
        qtbot, console, alarms, clock, operator):
    page, banner = console(operator)
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(lambda: page.active_model.rowCount() == 2)
    feed(alarms, clock, 60.0)  # cleared before anyone acknowledged
    qtbot.waitUntil(lambda: states(page) == ["Cleared, unacknowledged"] * 2)
    assert banner.isVisible()  # still waiting for a person
    for alarm in list(page.active_model.rows):
        assert page.acknowledge(alarm.id)
    assert page.active_model.rowCount() == 0 and page.no_alarms.isVisible()
    qtbot.waitUntil(banner.isHidden)
    # raised again, acknowledged while active, then cleared: back to normal by itself
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(lambda: page.active_model.rowCount() == 2)
    for alarm in list(page.active_model.rows):
        page.acknowledge(alarm.id, "watching it")
    assert states(page) == ["Acknowledged", "Acknowledged"]
    feed(alarms, clock, 60.0)
    qtbot.waitUntil(lambda: page.active_model.rowCount() == 0)
    page.tabs.setCurrentIndex(1)
    history = page.history_model
    qtbot.waitUntil(lambda: history.rowCount() == 12)
    events = [history.cell(r, 1) for r in range(history.rowCount())]
    critical = [history.cell(r, 1) for r in range(history.rowCount())
                if history.cell(r, 2) == "Critical"]
    assert critical == ["Cleared", "Acknowledged", "Raised", "Acknowledged", "Cleared",
                        "Raised"]  # newest first
    assert events.count("Raised") == 4
    ack_row = critical.index("Acknowledged")
    rows = [r for r in range(history.rowCount()) if history.cell(r, 2) == "Critical"]
    assert history.cell(rows[ack_row], 6) == "operator"
    assert history.cell(rows[ack_row], 7) == "watching it"
    assert "12 events, newest first" in page.history_summary.text()


def test_history_pages_lazily_and_filters_by_the_selected_alarm(qtbot, console, alarms, clock,
                                                                operator, monkeypatch):
    import app.ui.pages.alarms as alarms_page

    monkeypatch.setattr(alarms_page, "HISTORY_PAGE", 3)
    page, _banner = console(operator)
    for _ in range(2):
        feed(alarms, clock, 95.0)
        feed(alarms, clock, 60.0)
    page.refresh()
    history = page.history_model
    assert history.rowCount() == 3 and history.canFetchMore(history.index(-1, -1).parent())
    while history.canFetchMore(history.index(-1, -1).parent()):
        history.fetchMore(history.index(-1, -1).parent())
    assert history.rowCount() == 8  # 2 alarms × (raised, cleared) × 2
    ids = [e.id for e in history.rows]
    assert ids == sorted(ids, reverse=True)


def test_alarm_rate_line_and_its_warnings(qtbot, console, alarms, clock, operator):
    page, _banner = console(operator)
    assert page.rate_label.text().startswith(
        "0 alarms in the last 10 min; average 0.0 per 10 min over the last hour — target < 1")
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(lambda: page.rate_label.text().startswith("2 alarms in the last 10 min"))
    assert "average 0.3 per 10 min over the last hour — target < 1" in page.rate_label.text()
    page.show_rate(AlarmRate((0, 0, 0, 0, 3, 12), chattering=1, suppressed=7))
    text = page.rate_label.text()
    assert text.startswith("Alarm flood: 12 alarms in one 10-minute period")
    assert "12 alarms in the last 10 min; average 2.5 per 10 min" in text
    assert "1 chattering alarm(s) latched, 7 repeats suppressed" in text
    assert "#d1242f" in page.rate_label.styleSheet()


def test_admin_disables_a_rule_and_restores_the_defaults(qtbot, console, alarms, clock, admin,
                                                         ctx):
    page, banner = console(admin)
    feed(alarms, clock, 95.0)
    qtbot.waitUntil(lambda: page.active_model.rowCount() == 2)
    page.tabs.setCurrentIndex(2)
    assert page.toggle_rule_button.isVisible() and page.restore_button.isVisible()
    page.select_rule("gpu.temp.critical")
    rules = page.rules_model
    row = next(r for r, rule in enumerate(rules.rows) if rule.id == "gpu.temp.critical")
    assert rules.cell(row, 0) == "On" and rules.cell(row, 3) == "gpu.temp > 90 (deadband 3)"
    assert page.toggle_rule_button.text() == "Disable rule"
    click(qtbot, page.toggle_rule_button)
    assert rules.cell(row, 0) == "Off"
    assert page.toggle_rule_button.text() == "Enable rule"
    head = ctx.audit_trail.head()
    assert (head.actor, head.action, head.object) == ("admin", "rule_disable",
                                                      "alarm_rule:gpu.temp.critical")
    assert [a.priority for a in page.active_model.rows] == ["high"]  # its alarm went back
    qtbot.waitUntil(lambda: banner.count == 1)
    box = page.restore_defaults()
    assert isinstance(box, QMessageBox)
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: rules.cell(row, 0) == "On")
    assert ctx.audit_trail.head().action == "rules_restore"
    assert "restored" in page.message.text()


def test_bridge_delivers_listener_callbacks_on_the_gui_thread(qtbot, alarms, alarm_bridge,
                                                              clock):
    seen = []
    alarm_bridge.changed.connect(
        lambda events: seen.append((QThread.currentThread(), [e.event for e in events])))
    worker = threading.Thread(target=feed, args=(alarms, clock, 95.0))
    with qtbot.waitSignal(alarm_bridge.changed, timeout=5000):
        worker.start()
    worker.join(5)
    qtbot.waitUntil(lambda: sum(len(s[1]) for s in seen) == 2)
    gui_thread = QApplication.instance().thread()
    assert all(thread is gui_thread for thread, _ in seen)
    assert [e for _, events in seen for e in events] == ["raised", "raised"]
    alarm_bridge.close()
    assert alarm_bridge._from_service not in alarms._listeners
    alarm_bridge.close()  # twice is harmless
