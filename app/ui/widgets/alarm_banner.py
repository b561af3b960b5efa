"""A strip above every page that says an alarm is waiting, whatever page is open.

ISA-18.2 wants an unacknowledged alarm to be noticed without hunting for it: the banner takes
the colour of the worst waiting priority, names the top alarm in words (colour is never the only
cue), and offers one-tap Acknowledge (where the role allows) and a way to the Alarms page. It is
hidden while nothing waits for an acknowledgement.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from app.alarms.engine import Alarm
from app.alarms.rules import PRIORITY_RANK
from app.alarms.service import AlarmEvent, AlarmService
from app.auth.identity import Actor
from app.auth.permissions import Permission, allows
from app.ui.alarm_bridge import AlarmBridge
from app.ui.i18n_service import alarm_text, service_text
from app.ui.operation import Operation

# Background and text colour per priority: red, orange, amber (dark text), blue. Chosen so
# neighbouring priorities differ in lightness too, for colour-blind readers and cheap panels.
PRIORITY_COLOURS: dict[str, tuple[str, str]] = {
    "critical": ("#d1242f", "#ffffff"),
    "high": ("#e8590c", "#ffffff"),
    "medium": ("#f2b705", "#1c2430"),
    "low": ("#3b73b9", "#ffffff"),
}
UNKNOWN_COLOURS = ("#8a94a3", "#ffffff")
TOUCH_HEIGHT = 44  # px; ≥ 38 px (~10 mm at 96 dpi) for gloved fingers


def priority_word(priority: str) -> str:
    """The priority as a person reads it (translatable)."""
    words = {"critical": QT_TRANSLATE_NOOP("alarms", "Critical"),
             "high": QT_TRANSLATE_NOOP("alarms", "High"),
             "medium": QT_TRANSLATE_NOOP("alarms", "Medium"),
             "low": QT_TRANSLATE_NOOP("alarms", "Low")}
    return QCoreApplication.translate("alarms", words.get(priority, priority.title()))


def priority_colours(priority: str) -> tuple[str, str]:
    return PRIORITY_COLOURS.get(priority, UNKNOWN_COLOURS)


def waiting_alarms(alarms: AlarmService) -> list[Alarm]:
    """Annunciated alarms that wait for an acknowledgement, most urgent and newest first."""
    waiting = [a for a in alarms.list_active(include_shelved=False) if a.needs_ack]
    return sorted(waiting, key=lambda a: (PRIORITY_RANK.get(a.priority, 9), -(a.raised_at or 0)))


class ElidedLabel(QLabel):
    """One line that ends in '…' rather than widening the window; the full text is the tooltip.

    A `tail` (e.g. "(critical)") is never elided, so the priority stays readable in words.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self._head = ""
        self._tail = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str, tail: str = "") -> None:
        self._head, self._tail = text, tail
        self.full_text = f"{text} {tail}" if tail else text
        self.setToolTip(self.full_text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        tail = f" {self._tail}" if self._tail else ""
        width = max(self.width() - metrics.horizontalAdvance(tail), 50)
        elided = metrics.elidedText(self._head, Qt.TextElideMode.ElideRight, width) + tail
        if elided != self.text():
            self.setText(elided)


class AlarmBanner(QFrame):
    """Hidden unless an alarm waits for acknowledgement; refreshed by AlarmBridge.changed."""

    show_alarms = Signal()

    def __init__(self, alarms: AlarmService, actor: Actor, alarm_bridge: AlarmBridge,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alarmBanner")
        self.alarms = alarms
        self.actor = actor
        self.top_alarm: Alarm | None = None
        self.count = 0
        self.error = ""
        self.label = ElidedLabel()
        self.label.setObjectName("alarmBannerText")
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.ack_button.setObjectName("alarmBannerAck")
        self.ack_button.clicked.connect(self.acknowledge_top)
        self.ack_button.setVisible(allows(actor.role, Permission.ACKNOWLEDGE_ALARMS))
        self.show_button = QPushButton(self.tr("Show alarms"))
        self.show_button.setObjectName("alarmBannerShow")
        self.show_button.clicked.connect(lambda: self.show_alarms.emit())
        for button in (self.ack_button, self.show_button):
            button.setMinimumHeight(TOUCH_HEIGHT)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.ack_button)
        layout.addWidget(self.show_button)
        alarm_bridge.changed.connect(self.refresh)
        self.ops = Operation(self)
        self.refresh()

    def refresh(self, _events: list[AlarmEvent] | None = None) -> None:
        """Re-read the waiting alarms; show, recolour or hide accordingly."""
        if _events is not None:  # something changed since a refusal: the message is stale
            self.error = ""
        waiting = waiting_alarms(self.alarms)
        self.count = len(waiting)
        self.top_alarm = waiting[0] if waiting else None
        if self.top_alarm is None:
            self.error = ""
            self.hide()
            return
        top = self.top_alarm
        if self.count == 1:
            head = self.tr("1 unacknowledged alarm")
        else:
            head = self.tr("{0} unacknowledged alarms").format(self.count)
        name = getattr(top, "device_name", "") or ""
        if not top.message:
            message = top.rule_id
        elif name and top.message.startswith(name + ": "):
            # What happened reads first; which device follows (it is also on the Alarms page).
            message = self.tr("{0} — {1}").format(
                alarm_text(top.message, name, with_device=False), name)
        else:
            message = service_text(top.message)
        text = self.tr("{0}: {1}").format(head, message)
        if self.error:
            text = self.tr("Not acknowledged: {0} · {1}").format(self.error, text)
        self.label.set_full_text(text, f"({priority_word(top.priority).lower()})")
        self.ack_button.setToolTip(self.tr("Acknowledge: {0}").format(
            alarm_text(top.message, name)))
        background, foreground = priority_colours(top.priority)
        self.setStyleSheet(
            f"QFrame#alarmBanner {{ background: {background}; border: none; }}"
            f"QLabel#alarmBannerText {{ color: {foreground}; font-size: 13pt;"
            " font-weight: 600; }"
            "QFrame#alarmBanner QPushButton { background: #ffffff; color: #1c2430;"
            " border: 1px solid rgba(0,0,0,60); border-radius: 6px; padding: 2px 16px;"
            " font-weight: 600; }"
        )
        self.show()

    def acknowledge_top(self) -> None:
        """One tap acknowledges the alarm the banner names; a refusal stays in the banner."""
        if self.top_alarm is None:
            return
        alarms, actor, alarm_id = self.alarms, self.actor, self.top_alarm.id

        def refused(exc: BaseException) -> None:
            self.error = self.ops.describe(exc)

        if self.ops.quick(lambda: alarms.acknowledge(actor, alarm_id), failed=refused):
            self.error = ""
        self.refresh()
