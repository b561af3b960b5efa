"""Alarms page: what needs attention now, what happened, how noisy it is, and the rules.

Built for ISA-18.2 / EEMUA 191 practice: active alarms sorted by priority then time with the
state in words (colour is only a second cue), acknowledge with an optional comment, shelving
for technicians with a reason and an end time, the alarm rate against the "< 1 per 10 minutes"
target, and the history an operator needs at a shift handover. Every action goes through
AlarmService, which checks the role and writes the audit record; the page only hides what the
service would refuse, and shows any refusal it still gets. Changes made elsewhere (another
console, the CLI) show up by themselves; the tables and dialogs live in
app/ui/widgets/alarm_tables.py and app/ui/dialogs/alarm_dialogs.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.alarms.engine import Alarm
from app.alarms.rules import AlarmRule
from app.alarms.service import AlarmEvent, AlarmRate
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.events import ALARMS
from app.ui.alarm_bridge import AlarmBridge
from app.ui.dialogs.alarm_dialogs import AcknowledgeDialog, ShelveDialog
from app.ui.dialogs.user_dialogs import FormDialog
from app.ui.i18n_service import alarm_text
from app.ui.pages.base import Page
from app.ui.theme import STATUS_COLOURS
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.alarm_tables import (
    ROW_HEIGHT,
    ActiveAlarmsModel,
    HistoryModel,
    PriorityDelegate,
    RulesModel,
    alarm_details,
    rate_line,
)
from app.ui.widgets.controls import read_only_table, touch_button
from app.ui.widgets.progress_panel import ProgressPanel

HISTORY_PAGE = 100
RATE_REFRESH_MS = 60_000  # the 10-minute buckets move on even when no alarm changes


class AlarmsPage(Page):
    title = QT_TRANSLATE_NOOP("AlarmsPage", "Alarms")

    def __init__(self, ctx: AppContext, actor: Actor, alarm_bridge: AlarmBridge | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        # Without a shared bridge (older MainWindow wiring) the page keeps its own.
        self._own_bridge = alarm_bridge is None
        self.bridge = alarm_bridge or AlarmBridge(ctx.alarms, self)
        self.dialog: FormDialog | None = None
        self.confirm_box: QMessageBox | None = None

        self.rate_label = QLabel()
        self.rate_label.setObjectName("alarmRate")
        self.rate_label.setWordWrap(True)
        self.layout_.addWidget(self.rate_label)
        self.message = QLabel()
        self.message.setObjectName("alarmMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.layout_.addWidget(self.message)
        self.panel = ProgressPanel(self)  # shows a quick action only while it is slow
        self.layout_.addWidget(self.panel)
        self.ops = self.operation(
            self.panel, lambda text, kind: self.show_message(text, error=kind != "ok"))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("alarmTabs")
        self.tabs.setStyleSheet("QTabBar::tab { min-height: 38px; padding: 2px 18px; }")
        self.tabs.addTab(self._build_active(), self.tr("Active"))
        self.tabs.addTab(self._build_history(), self.tr("History"))
        self.tabs.addTab(self._build_rules(), self.tr("Rules"))
        self.layout_.addWidget(self.tabs, 1)

        self.rate_timer = QTimer(self)
        self.rate_timer.setInterval(RATE_REFRESH_MS)
        self.rate_timer.timeout.connect(self.refresh_rate)
        self.rate_timer.start()
        self.bridge.changed.connect(self._alarms_changed)
        self.refresh()
        # Acknowledged or shelved elsewhere, rules changed from the CLI: re-read in place.
        self.watch((ALARMS,), lambda: self._alarms_changed([]), busy=lambda: self.ops.busy)

    # -- building ----------------------------------------------------------------------------

    def _build_active(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        self.ack_button = touch_button(self.tr("Acknowledge…"), "ackButton",
                                       self.acknowledge_selected, min_width=120)
        self.ack_button.setVisible(self.can(Permission.ACKNOWLEDGE_ALARMS))
        self.shelve_button = touch_button(self.tr("Shelve…"), "shelveButton",
                                          self.shelve_selected, min_width=120)
        self.unshelve_button = touch_button(self.tr("Unshelve"), "unshelveButton",
                                            self.unshelve_selected, min_width=120)
        for button in (self.shelve_button, self.unshelve_button):
            button.setVisible(self.can(Permission.SHELVE_ALARMS))
        self.active_summary = QLabel()
        self.active_summary.setObjectName("muted")
        buttons = QHBoxLayout()
        for widget in (self.ack_button, self.shelve_button, self.unshelve_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.active_summary)
        layout.addLayout(buttons)
        self.active_model = ActiveAlarmsModel()
        self.active_table = read_only_table("activeAlarms", self.active_model, ROW_HEIGHT,
                                            stretch=3)
        self.priority_delegate = PriorityDelegate(self.active_table)
        self.active_table.setItemDelegateForColumn(0, self.priority_delegate)
        self.active_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_buttons())
        self.active_table.doubleClicked.connect(lambda *_: self.acknowledge_selected())
        layout.addWidget(self.active_table, 1)
        self.detail = QLabel()
        self.detail.setObjectName("alarmDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)
        self.no_alarms = QLabel(self.tr("No active alarms. Everything watched by the alarm "
                                        "rules is within its limits."))
        self.no_alarms.setObjectName("emptyState")
        self.no_alarms.setWordWrap(True)
        layout.addWidget(self.no_alarms)
        return tab

    def _build_history(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        self.history_selected_only = QCheckBox(self.tr("Only the selected alarm"))
        self.history_selected_only.setMinimumHeight(TOUCH_HEIGHT)
        self.history_selected_only.toggled.connect(lambda _: self.refresh_history())
        self.history_summary = QLabel()
        self.history_summary.setObjectName("muted")
        top = QHBoxLayout()
        top.addWidget(self.history_selected_only)
        top.addStretch(1)
        top.addWidget(self.history_summary)
        layout.addLayout(top)
        self.history_model = HistoryModel(self._load_history, lambda: HISTORY_PAGE)
        self.history_table = read_only_table("alarmHistory", self.history_model, ROW_HEIGHT,
                                             stretch=4)
        self.history_table.setItemDelegateForColumn(2, PriorityDelegate(self.history_table))
        layout.addWidget(self.history_table, 1)
        return tab

    def _build_rules(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        admin = self.can(Permission.CHANGE_SETTINGS)
        self.toggle_rule_button = touch_button(self.tr("Disable rule"), "toggleRule",
                                               self.toggle_selected_rule, min_width=120)
        self.restore_button = touch_button(self.tr("Restore default rules…"), "restoreRules",
                                           self.restore_defaults, min_width=120)
        self.rules_note = QLabel(
            self.tr("Rules are changed by administrators; every change is audited.")
            if not admin else self.tr("A disabled rule raises nothing; its active alarms "
                                      "return to normal. Every change is audited."))
        self.rules_note.setObjectName("muted")
        self.rules_note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.toggle_rule_button)
        top.addWidget(self.restore_button)
        top.addWidget(self.rules_note, 1)
        for button in (self.toggle_rule_button, self.restore_button):
            button.setVisible(admin)
        layout.addLayout(top)
        self.rules_model = RulesModel()
        self.rules_table = read_only_table("alarmRules", self.rules_model, ROW_HEIGHT)
        self.rules_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_rule_button())
        layout.addWidget(self.rules_table, 1)
        return tab

    # -- reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_active()
        self.refresh_history()
        self.refresh_rules()
        self.refresh_rate()

    def _alarms_changed(self, events: list[AlarmEvent]) -> None:
        self.refresh_active()
        if self.history_selected_only.isChecked():
            self.refresh_history()
        else:
            self.history_model.add_newer()
            self._history_summary()
        self.refresh_rate()
        if not events:  # a notice from elsewhere may also be a rule change
            self.refresh_rules()

    def refresh_active(self) -> None:
        selected = self.selected_alarm()
        alarms = self.ctx.alarms.list_active(include_shelved=True)
        self.active_model.set_rows(alarms)
        if alarms:
            self.select_alarm(selected.id if selected else alarms[0].id)
        waiting = sum(1 for a in alarms if a.needs_ack and not a.shelved)
        shelved = sum(1 for a in alarms if a.shelved)
        self.active_summary.setText(self.tr("{0} on display · {1} unacknowledged · {2} shelved")
                                    .format(len(alarms) - shelved, waiting, shelved))
        self.tabs.setTabText(0, self.tr("Active ({0})").format(len(alarms) - shelved))
        self.no_alarms.setVisible(not alarms)
        for column, width in ((0, 96), (1, 210), (2, 140), (4, 80), (5, 110)):
            self.active_table.setColumnWidth(column, width)
        self._update_buttons()

    def _load_history(self, before_id: int | None) -> list[AlarmEvent]:
        alarm_id = None
        if self.history_selected_only.isChecked():
            selected = self.selected_alarm()
            alarm_id = selected.id if selected else -1
        return self.ctx.alarms.history(HISTORY_PAGE, before_id, alarm_id)

    def refresh_history(self) -> None:
        self.history_model.reload()
        for column, width in ((0, 130), (1, 160), (2, 90), (3, 80), (5, 170), (6, 80),
                              (7, 160)):
            self.history_table.setColumnWidth(column, width)
        self._history_summary()

    def _history_summary(self) -> None:
        shown = len(self.history_model.rows)
        more = "" if self.history_model.exhausted else self.tr(" (scroll for older)")
        self.history_summary.setText(self.tr("{0} events, newest first{1}").format(shown, more))

    def refresh_rules(self) -> None:
        selected = self.selected_rule()
        self.rules_model.set_rows(self.ctx.alarms.list_rules())
        if selected is not None:
            self.select_rule(selected.id)
        for column, width in ((0, 80), (1, 170), (2, 90), (3, 300), (4, 150), (5, 90)):
            self.rules_table.setColumnWidth(column, width)
        self._update_rule_button()

    def refresh_rate(self) -> None:
        self.show_rate(self.ctx.alarms.alarm_rate())

    def show_rate(self, rate: AlarmRate) -> None:
        """EEMUA 191's figure: comfortable below 1 per 10 min, a flood above 10."""
        text, colour = rate_line(rate)
        self.rate_label.setText(text)
        self.rate_label.setStyleSheet(f"color: {colour}; font-weight: 600;")

    # -- selection ---------------------------------------------------------------------------

    def selected_alarm(self) -> Alarm | None:
        rows = self.active_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.active_model.rows):
            return None
        return self.active_model.rows[rows[0].row()]

    def select_alarm(self, alarm_id: int) -> None:
        """Select that alarm's row, or the top row when it is gone."""
        rows = self.active_model.rows
        index = next((i for i, a in enumerate(rows) if a.id == alarm_id), 0)
        if rows:
            self.active_table.selectRow(index)

    def selected_rule(self) -> AlarmRule | None:
        rows = self.rules_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rules_model.rows):
            return None
        return self.rules_model.rows[rows[0].row()]

    def select_rule(self, rule_id: str) -> None:
        for index, rule in enumerate(self.rules_model.rows):
            if rule.id == rule_id:
                self.rules_table.selectRow(index)
                return

    def _update_buttons(self) -> None:
        alarm = self.selected_alarm()
        self.ack_button.setEnabled(alarm is not None and alarm.needs_ack)
        self.shelve_button.setEnabled(alarm is not None and not alarm.shelved)
        self.unshelve_button.setEnabled(alarm is not None and alarm.shelved)
        self.detail.setText("\n".join([alarm_text(alarm.message, alarm.device_name),
                                       *alarm_details(alarm)]) if alarm else "")
        self.detail.setVisible(alarm is not None)
        if self.history_selected_only.isChecked():
            self.refresh_history()

    def _update_rule_button(self) -> None:
        rule = self.selected_rule()
        self.toggle_rule_button.setEnabled(rule is not None)
        self.toggle_rule_button.setText(
            self.tr("Enable rule") if rule is not None and not rule.enabled
            else self.tr("Disable rule"))

    # -- actions -----------------------------------------------------------------------------

    def show_message(self, text: str, error: bool = True) -> None:
        """Say what happened; a refusal stays until the next action."""
        colour = STATUS_COLOURS["alarm"] if error else STATUS_COLOURS["ok"]
        self.message.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.message.setText(text)
        self.message.show()

    def _run(self, fn: Callable[[], Any], done: str) -> bool:
        """Call the service off the GUI thread; a refusal (PermissionDenied,
        ValidationError, …) is shown; either way the page re-reads."""
        def refused(exc: BaseException) -> None:
            self.show_message(self.ops.describe(exc))
            self.refresh()

        def succeeded(_: Any) -> None:
            self.show_message(done, error=False)
            self.refresh()

        return self.ops.quick(fn, succeeded, refused)

    def _open(self, dialog: FormDialog, done: str) -> FormDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.show_message(done, error=False))
        dialog.accepted.connect(self.refresh)
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def acknowledge_selected(self) -> AcknowledgeDialog | None:
        """Ask for an optional comment, then acknowledge; the dialog shows any refusal."""
        alarm = self.selected_alarm()
        if alarm is None or not alarm.needs_ack or not self.can(Permission.ACKNOWLEDGE_ALARMS):
            return None
        dialog = AcknowledgeDialog(self.ctx, self.actor, alarm, self)
        return self._open(dialog, self.tr("Acknowledged: {0}").format(
            alarm_text(alarm.message, alarm.device_name)))

    def acknowledge(self, alarm_id: int, comment: str = "") -> bool:
        """Acknowledge without a dialog (keyboard, tests); a refusal is shown on the page."""
        return self._run(lambda: self.ctx.alarms.acknowledge(self.actor, alarm_id, comment),
                         self.tr("Alarm acknowledged."))

    def shelve_selected(self) -> ShelveDialog | None:
        alarm = self.selected_alarm()
        if alarm is None or alarm.shelved:
            return None
        dialog = ShelveDialog(self.ctx, self.actor, alarm, self)
        return self._open(dialog, self.tr("Shelved: {0}").format(
            alarm_text(alarm.message, alarm.device_name)))

    def unshelve_selected(self) -> bool:
        alarm = self.selected_alarm()
        if alarm is None or not alarm.shelved:
            return False
        return self._run(lambda: self.ctx.alarms.unshelve(self.actor, alarm.id),
                         self.tr("Back on display: {0}").format(
                             alarm_text(alarm.message, alarm.device_name)))

    def toggle_selected_rule(self) -> bool:
        rule = self.selected_rule()
        if rule is None:
            return False
        enable = not rule.enabled
        done = (self.tr("Rule {0} enabled.") if enable else self.tr(
            "Rule {0} disabled; its alarms returned to normal.")).format(rule.id)
        return self._run(lambda: self.ctx.alarms.set_rule_enabled(self.actor, rule.id, enable),
                         done)

    def restore_defaults(self, confirm: bool = True) -> QMessageBox | None:
        """Put the shipped rules back (overwriting edits to them) after a confirmation."""
        if not confirm:
            self._run(lambda: self.ctx.alarms.restore_default_rules(self.actor),
                      self.tr("Default alarm rules restored."))
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore default rules"),
                          self.tr("Put back the shipped alarm rules? Changes made to them are "
                                  "overwritten; rules you added are kept."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.finished.connect(lambda _: self._restore_answered(box))
        self.confirm_box = box
        box.open()
        return box

    def _restore_answered(self, box: QMessageBox) -> None:
        self.confirm_box = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.restore_defaults(confirm=False)

    def shutdown(self) -> None:
        self.rate_timer.stop()
        if self.dialog is not None:
            self.dialog.close()
        if self._own_bridge:
            self.bridge.close()
        super().shutdown()
