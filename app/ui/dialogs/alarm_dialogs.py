"""Acknowledge and shelve an alarm: small forms whose OK runs the service call off the GUI
thread and stays open with the reason when the service refuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.alarms.engine import Alarm
from app.alarms.service import MAX_SHELVE_MINUTES
from app.auth.identity import Actor
from app.context import AppContext
from app.ui.dialogs.user_dialogs import FormDialog
from app.ui.i18n_service import alarm_text
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT, priority_word

SHELVE_PRESETS = (15, 30, 60, 240)


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
