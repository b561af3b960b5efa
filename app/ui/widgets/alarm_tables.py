"""The alarm tables and the words they use: active alarms in ISA-18.2 states, the paged event
history, the rules; the priority colour that survives selection; times as people read them.

Texts use the "alarms" translation context (QT_TRANSLATE_NOOP marks them for lupdate).
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
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.alarms.engine import Alarm, AlarmState
from app.alarms.rules import AlarmRule
from app.alarms.service import FLOOD_PER_10_MIN, AlarmEvent, AlarmRate
from app.ui.i18n_service import alarm_text, service_text
from app.ui.theme import STATUS_COLOURS
from app.ui.widgets.alarm_banner import priority_colours, priority_word
from app.ui.widgets.rows_model import RowsModel

HISTORY_PAGE = 100  # events read at a time (app/ui/pages/alarms.py passes its own)
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


def rate_line(rate: AlarmRate) -> tuple[str, str]:
    """EEMUA 191's figure in words and its colour: comfortable below 1 per 10 min, a flood
    above 10 (the Alarms page's texts: literal translate() calls that lupdate reads)."""
    last = rate.buckets[-1] if rate.buckets else 0
    parts = [QCoreApplication.translate(
        "AlarmsPage", "{0} alarms in the last 10 min; average {1:.1f} per 10 min over the "
        "last hour — target < 1").format(last, rate.per_10_min)]
    colour = STATUS_COLOURS["ok"]
    if rate.per_10_min >= 1 or last >= 1:
        colour = STATUS_COLOURS["warn"]
    if rate.chattering:
        colour = STATUS_COLOURS["warn"]
        parts.append(QCoreApplication.translate(
            "AlarmsPage", "{0} chattering alarm(s) latched, {1} repeats suppressed").format(
            rate.chattering, rate.suppressed))
    if rate.flood:
        colour = STATUS_COLOURS["alarm"]
        parts.insert(0, QCoreApplication.translate(
            "AlarmsPage", "Alarm flood: {0} alarms in one 10-minute period (more than {1} is a "
            "flood); deal with the highest priority first").format(rate.peak, FLOOD_PER_10_MIN))
    return " · ".join(parts), colour


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

    def __init__(self, load: Callable[[int | None], list[AlarmEvent]],
                 page_size: Callable[[], int] = lambda: HISTORY_PAGE) -> None:
        super().__init__()
        self._load = load
        self._page_size = page_size
        self.exhausted = False

    def reload(self) -> None:
        rows = self._load(None)
        self.exhausted = len(rows) < self._page_size()
        self.set_rows(rows)

    def add_newer(self) -> None:
        """Put events newer than the top row in front, keeping the scroll position below."""
        if not self.rows:
            self.reload()
            return
        newest = self.rows[0].id
        fresh = [e for e in self._load(None) if e.id > newest]
        if len(fresh) >= self._page_size():  # more than a page arrived: start again from the top
            self.reload()
        elif fresh:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self.rows[0:0] = fresh
            self.endInsertRows()

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self.exhausted and bool(self.rows)

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        more = self._load(self.rows[-1].id)
        self.exhausted = len(more) < self._page_size()
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
