"""Alarms page: what needs attention now, what happened, how noisy it is, and the rules.

Built for ISA-18.2 / EEMUA 191 practice: active alarms sorted by priority then time with the
state in words (colour is only a second cue), acknowledge with an optional comment, shelving
for technicians with a reason and an end time, the alarm rate against the "< 1 per 10 minutes"
target, and the history an operator needs at a shift handover. Every action goes through
AlarmService, which checks the role and writes the audit record; the page only hides what the
service would refuse, and shows any refusal it still gets.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.alarms.engine import Alarm, AlarmState
from app.alarms.rules import AlarmRule
from app.alarms.service import FLOOD_PER_10_MIN, MAX_SHELVE_MINUTES, AlarmEvent, AlarmRate
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.errors import EdgeDeckError
from app.ui.alarm_bridge import AlarmBridge
from app.ui.dialogs.user_dialogs import FormDialog
from app.ui.i18n_service import alarm_text, error_text, service_text
from app.ui.pages.base import Page
from app.ui.theme import STATUS_COLOURS
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT, priority_colours, priority_word
from app.ui.widgets.controls import read_only_table, touch_button
from app.ui.widgets.rows_model import RowsModel

HISTORY_PAGE = 100
RATE_REFRESH_MS = 60_000  # the 10-minute buckets move on even when no alarm changes
SHELVE_PRESETS = (15, 30, 60, 240)
ROW_HEIGHT = 40
_SHELVED_TEXT = "#7b8594"
Index = QModelIndex | QPersistentModelIndex

EVENT_WORDS = {  # QT_TRANSLATE_NOOP: lupdate extracts them; _tr() translates at run time
    "raised": QT_TRANSLATE_NOOP("alarms", "Raised"),
    "cleared": QT_TRANSLATE_NOOP("alarms", "Cleared"),
    "acknowledged": QT_TRANSLATE_NOOP("alarms", "Acknowledged"),
    "shelved": QT_TRANSLATE_NOOP("alarms", "Shelved"),
    "unshelved": QT_TRANSLATE_NOOP("alarms", "Unshelved"),
    "chatter_latched": QT_TRANSLATE_NOOP("alarms", "Latched: chattering"),
    "rule_removed": QT_TRANSLATE_NOOP("alarms", "Rule disabled or deleted"),
}
STATE_WORDS = {  # keyed by AlarmState value, so history rows (plain strings) look up too
    AlarmState.NORMAL.value: QT_TRANSLATE_NOOP("alarms", "Normal"),
    AlarmState.UNACKNOWLEDGED.value: QT_TRANSLATE_NOOP("alarms", "Unacknowledged"),
    AlarmState.ACKNOWLEDGED.value: QT_TRANSLATE_NOOP("alarms", "Acknowledged"),
    AlarmState.RETURNED_UNACKNOWLEDGED.value: QT_TRANSLATE_NOOP("alarms",
                                                                "Cleared, unacknowledged"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("alarms", text)


def local_time(ts: float | None, now: float | None = None) -> str:
    """Local wall-clock time as the people at the machine read it; the date only if not today."""
    if ts is None:
        return "—"
    moment = datetime.fromtimestamp(ts)
    today = datetime.fromtimestamp(time.time() if now is None else now).date()
    return moment.strftime("%H:%M:%S" if moment.date() == today else "%Y-%m-%d %H:%M")


def state_text(alarm: Alarm) -> str:
    """The ISA-18.2 state in words; a shelved alarm says until when."""
    if alarm.shelved:
        return QCoreApplication.translate("alarms", "Shelved until {0}").format(
            datetime.fromtimestamp(alarm.shelved_until or 0).strftime("%H:%M"))
    text = _tr(STATE_WORDS.get(alarm.state.value, alarm.state.value))
    if alarm.latched:
        text += QCoreApplication.translate("alarms", " (chattering)")
    return text


def value_text(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if abs(value) >= 1000 else f"{value:.1f}"


def rule_condition(rule: AlarmRule) -> str:
    """The rule's comparison as one readable line, e.g. 'gpu.temp > 85 (deadband 3)'."""
    if rule.is_error_rule:
        return QCoreApplication.translate("alarms", "device error matching '{0}'").format(
            rule.error_match)
    metric = f"{rule.metric} / {rule.ratio_of} × 100 %" if rule.ratio_of else rule.metric
    text = f"{metric} {rule.comparison} {rule.threshold:g}"
    if rule.deadband:
        text += QCoreApplication.translate("alarms", " (deadband {0:g})").format(
            rule.deadband)
    return text


def alarm_details(alarm: Alarm) -> list[str]:
    """Who did what to the alarm: shown under the table (touch screens have no tooltips)."""
    lines = [QCoreApplication.translate("alarms", "Rule {0} · reading {1} · raised {2}").format(
        alarm.rule_id, alarm.key, local_time(alarm.raised_at))]
    if alarm.acked_by:
        text = QCoreApplication.translate("alarms", "Acknowledged by {0} at {1}").format(
            alarm.acked_by, local_time(alarm.acked_at))
        if alarm.ack_comment:
            text += QCoreApplication.translate("alarms", ": “{0}”").format(alarm.ack_comment)
        lines.append(text)
    if alarm.shelved:
        lines.append(QCoreApplication.translate("alarms", "Shelved by {0} until {1}: “{2}”").format(
            alarm.shelved_by, local_time(alarm.shelved_until), alarm.shelve_reason))
    if alarm.latched:
        lines.append(QCoreApplication.translate(
            "alarms", "Chattering: {0} repeats suppressed; acknowledge once the condition is "
            "gone to reset it.").format(alarm.suppressed_count))
    return lines


def without_device(message: str, device_name: str | None) -> str:
    """The Device column already names it: the message column starts with what happened
    (translated; the stored message stays as the rule rendered it)."""
    return alarm_text(message, device_name, with_device=False)


class PriorityDelegate(QStyledItemDelegate):
    """Keeps the priority colour on a selected row: the top alarm is selected by default, and
    the selection highlight must not hide that it is critical."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.data(Qt.ItemDataRole.BackgroundRole) is not None:
            option = QStyleOptionViewItem(option)
            option.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, option, index)


# -- table models --------------------------------------------------------------------------------


class _RowsModel(RowsModel):
    """The shared table model, with column titles from this page's translation context."""

    def header_text(self, header: str) -> str:
        return _tr(header)


def _priority_style(priority: str, role: int) -> Any:
    background, foreground = priority_colours(priority)
    if role == Qt.ItemDataRole.BackgroundRole:
        return QColor(background)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QColor(foreground)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignCenter)
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    return None


class ActiveAlarmsModel(_RowsModel):
    headers = (QT_TRANSLATE_NOOP("alarms", "Priority"), QT_TRANSLATE_NOOP("alarms", "State"),
               QT_TRANSLATE_NOOP("alarms", "Device"), QT_TRANSLATE_NOOP("alarms", "Message"),
               QT_TRANSLATE_NOOP("alarms", "Value"), QT_TRANSLATE_NOOP("alarms", "Since"))

    def text(self, item: Alarm, column: int) -> str:
        if column == 0:
            return priority_word(item.priority)
        if column == 1:
            return state_text(item)
        if column == 2:
            return item.device_name or item.device_id
        if column == 3:
            return without_device(item.message, item.device_name)
        if column == 4:
            return value_text(item.value)
        return local_time(item.raised_at)

    def tooltip(self, item: Alarm, column: int) -> str | None:
        return "\n".join([alarm_text(item.message, item.device_name), *alarm_details(item)])

    def style(self, item: Alarm, column: int, role: int) -> Any:
        if column == 0 and not item.shelved:
            return _priority_style(item.priority, role)
        if role == Qt.ItemDataRole.ForegroundRole and item.shelved:
            return QColor(_SHELVED_TEXT)
        if role == Qt.ItemDataRole.FontRole and item.annunciated and item.needs_ack \
                and column in (1, 3):
            font = QFont()
            font.setBold(True)  # waiting for a person: stands out without relying on colour
            return font
        return None


class HistoryModel(_RowsModel):
    """Alarm events newest first, paged by event id like the audit trail."""

    headers = (QT_TRANSLATE_NOOP("alarms", "Time"), QT_TRANSLATE_NOOP("alarms", "Event"),
               QT_TRANSLATE_NOOP("alarms", "Priority"), QT_TRANSLATE_NOOP("alarms", "Device"),
               QT_TRANSLATE_NOOP("alarms", "Message"), QT_TRANSLATE_NOOP("alarms", "State after"),
               QT_TRANSLATE_NOOP("alarms", "By"), QT_TRANSLATE_NOOP("alarms", "Comment"))

    def __init__(self, load: Callable[[int | None], list[AlarmEvent]]) -> None:
        super().__init__()
        self._load = load
        self.exhausted = False

    def reload(self) -> None:
        rows = self._load(None)
        self.exhausted = len(rows) < HISTORY_PAGE
        self.set_rows(rows)

    def add_newer(self) -> None:
        """Put events newer than the top row in front, keeping the scroll position below."""
        if not self.rows:
            self.reload()
            return
        newest = self.rows[0].id
        fresh = [e for e in self._load(None) if e.id > newest]
        if len(fresh) >= HISTORY_PAGE:  # more than a page arrived: start again from the top
            self.reload()
        elif fresh:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self.rows[0:0] = fresh
            self.endInsertRows()

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self.exhausted and bool(self.rows)

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        more = self._load(self.rows[-1].id)
        self.exhausted = len(more) < HISTORY_PAGE
        if more:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def text(self, item: AlarmEvent, column: int) -> str:
        if column == 0:
            return local_time(item.ts)
        if column == 1:
            word = _tr(EVENT_WORDS.get(item.event, item.event))
            return word if item.annunciated else word + QCoreApplication.translate(
                "alarms", " (while shelved)")
        if column == 2:
            return priority_word(item.priority)
        if column == 3:
            return getattr(item, "device_name", "") or item.device_id
        if column == 4:
            return without_device(item.message, getattr(item, "device_name", ""))
        if column == 5:
            return _tr(STATE_WORDS.get(item.state, item.state))
        if column == 6:
            return item.actor
        return item.comment

    def tooltip(self, item: AlarmEvent, column: int) -> str | None:
        return QCoreApplication.translate(
            "alarms", "Event #{0} at {1} · rule {2} · reading {3} · value {4}").format(
            item.id, datetime.fromtimestamp(item.ts).isoformat(timespec="seconds"),
            item.rule_id, item.key, value_text(item.value))

    def style(self, item: AlarmEvent, column: int, role: int) -> Any:
        if column == 2 and item.event == "raised":
            return _priority_style(item.priority, role)
        if role == Qt.ItemDataRole.ForegroundRole and not item.annunciated:
            return QColor(_SHELVED_TEXT)
        return None


class RulesModel(_RowsModel):
    headers = (QT_TRANSLATE_NOOP("alarms", "Enabled"), QT_TRANSLATE_NOOP("alarms", "Rule"),
               QT_TRANSLATE_NOOP("alarms", "Priority"), QT_TRANSLATE_NOOP("alarms", "Condition"),
               QT_TRANSLATE_NOOP("alarms", "Delays"), QT_TRANSLATE_NOOP("alarms", "Devices"),
               QT_TRANSLATE_NOOP("alarms", "Message"))

    def text(self, item: AlarmRule, column: int) -> str:
        if column == 0:
            return (QCoreApplication.translate("alarms", "On") if item.enabled
                    else QCoreApplication.translate("alarms", "Off"))
        if column == 1:
            return item.id
        if column == 2:
            return priority_word(item.priority)
        if column == 3:
            return rule_condition(item)
        if column == 4:
            return QCoreApplication.translate("alarms", "on {0:g} s · off {1:g} s").format(
                item.on_delay_s, item.off_delay_s)
        if column == 5:
            return item.device_kind if item.device_id == "*" else (
                f"{item.device_kind} · {item.device_id}")
        return service_text(item.message)  # the template, e.g. "{name}: GPU temperature …"

    def style(self, item: AlarmRule, column: int, role: int) -> Any:
        if column == 0 and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(STATUS_COLOURS["ok"] if item.enabled else STATUS_COLOURS["unknown"])
        if column == 0 and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if column == 2 and role == Qt.ItemDataRole.ForegroundRole:
            colour = priority_colours(item.priority)[0]
            return QColor(colour) if item.priority != "medium" else QColor("#a67c00")
        if role == Qt.ItemDataRole.ForegroundRole and not item.enabled:
            return QColor(_SHELVED_TEXT)
        return None


# -- dialogs -------------------------------------------------------------------------------------


def _touch_buttons(box: QDialogButtonBox) -> None:
    for button in box.buttons():
        button.setMinimumHeight(TOUCH_HEIGHT)
        button.setMinimumWidth(110)


class AcknowledgeDialog(FormDialog):
    """Acknowledge one alarm, optionally saying what was done (kept in history and audit)."""

    def __init__(self, ctx: AppContext, actor: Actor, alarm: Alarm,
                 parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("AcknowledgeDialog", "Acknowledge alarm"), parent)
        self._ctx, self._actor, self.alarm = ctx, actor, alarm
        what = QLabel(f"{priority_word(alarm.priority)} · "
                      f"{alarm_text(alarm.message, alarm.device_name)}")
        what.setWordWrap(True)
        self.comment = QLineEdit()
        self.comment.setObjectName("ackComment")
        self.comment.setPlaceholderText(self.tr("optional, e.g. fan checked, load reduced"))
        self.comment.setMinimumHeight(TOUCH_HEIGHT)
        self.form.addRow(self.tr("Alarm"), what)
        self.form.addRow(self.tr("Comment"), self.comment)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Acknowledge"))
        _touch_buttons(self.buttons)

    def action(self) -> Callable[[], Any]:
        alarms, actor, alarm_id = self._ctx.alarms, self._actor, self.alarm.id
        comment = self.comment.text()
        return lambda: alarms.acknowledge(actor, alarm_id, comment)


class ShelveDialog(FormDialog):
    """Shelve a nuisance alarm for a bounded time with a reason (ISA-18.2: shelving ends)."""

    def __init__(self, ctx: AppContext, actor: Actor, alarm: Alarm,
                 parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("ShelveDialog", "Shelve alarm"), parent)
        self._ctx, self._actor, self.alarm = ctx, actor, alarm
        what = QLabel(f"{priority_word(alarm.priority)} · "
                      f"{alarm_text(alarm.message, alarm.device_name)}")
        what.setWordWrap(True)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("shelveMinutes")
        self.minutes.setRange(1, MAX_SHELVE_MINUTES)
        self.minutes.setValue(60)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setMinimumHeight(TOUCH_HEIGHT)
        presets = QHBoxLayout()
        presets.addWidget(self.minutes, 1)
        self.preset_buttons: list[QPushButton] = []
        for minutes in SHELVE_PRESETS:
            label = self.tr("{0} min").format(minutes) if minutes < 60 else self.tr(
                "{0} h").format(minutes // 60)
            button = QPushButton(label)
            button.setMinimumHeight(TOUCH_HEIGHT)
            button.clicked.connect(lambda _=False, m=minutes: self.minutes.setValue(m))
            presets.addWidget(button)
            self.preset_buttons.append(button)
        self.reason = QLineEdit()
        self.reason.setObjectName("shelveReason")
        self.reason.setPlaceholderText(self.tr("required, e.g. sensor under repair, ticket 4711"))
        self.reason.setMinimumHeight(TOUCH_HEIGHT)
        self.form.addRow(self.tr("Alarm"), what)
        self.form.addRow(self.tr("For"), presets)
        self.form.addRow(self.tr("Reason"), self.reason)
        note = QLabel(self.tr("The alarm keeps being followed and comes back by itself when the "
                              "time is up (at most {0} hours).").format(MAX_SHELVE_MINUTES // 60))
        note.setObjectName("muted")
        note.setWordWrap(True)
        self.form.addRow(note)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Shelve"))
        _touch_buttons(self.buttons)

    def action(self) -> Callable[[], Any]:
        alarms, actor, alarm_id = self._ctx.alarms, self._actor, self.alarm.id
        minutes, reason = self.minutes.value(), self.reason.text()
        return lambda: alarms.shelve(actor, alarm_id, minutes, reason)


# -- the page ------------------------------------------------------------------------------------


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
        self.history_model = HistoryModel(self._load_history)
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

    def _alarms_changed(self, _events: list[AlarmEvent]) -> None:
        self.refresh_active()
        if self.history_selected_only.isChecked():
            self.refresh_history()
        else:
            self.history_model.add_newer()
            self._history_summary()
        self.refresh_rate()

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
        last = rate.buckets[-1] if rate.buckets else 0
        parts = [self.tr("{0} alarms in the last 10 min; average {1:.1f} per 10 min over the "
                         "last hour — target < 1").format(last, rate.per_10_min)]
        colour = STATUS_COLOURS["ok"]
        if rate.per_10_min >= 1 or last >= 1:
            colour = STATUS_COLOURS["warn"]
        if rate.chattering:
            colour = STATUS_COLOURS["warn"]
            parts.append(self.tr("{0} chattering alarm(s) latched, {1} repeats suppressed")
                         .format(rate.chattering, rate.suppressed))
        if rate.flood:
            colour = STATUS_COLOURS["alarm"]
            parts.insert(0, self.tr("Alarm flood: {0} alarms in one 10-minute period (more than "
                                    "{1} is a flood); deal with the highest priority first")
                         .format(rate.peak, FLOOD_PER_10_MIN))
        self.rate_label.setText(" · ".join(parts))
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
        """Call the service; a refusal (PermissionDenied, ValidationError, …) is shown."""
        try:
            fn()
        except EdgeDeckError as exc:
            self.show_message(error_text(exc))
            self.refresh()
            return False
        self.show_message(done, error=False)
        self.refresh()
        return True

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
