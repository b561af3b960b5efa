"""A device's card: a thick status stripe, the status word, and the three numbers that matter.

Built once per device and updated in place every second: each setter compares before it
touches a widget, so an unchanged value costs a string comparison, not a relayout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.alarms.engine import Alarm
from app.telemetry.model import DeviceSnapshot, Reading
from app.ui.i18n_service import alarm_text, service_text, unit_text
from app.ui.theme import STATUS_COLOURS

# The three numbers per kind of device: for each slot, candidate keys in order of preference.
# The first supported candidate wins; if none is supported the first present one shows "N/A".
KEY_SLOTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "host": (("cpu.util",), ("mem.util", "ram.util"), ("disk.data.util", "swap.util")),
    "gpu": (("gpu.util",), ("gpu.mem.util", "gpu.freq"), ("gpu.temp", "gpu.power")),
    "npu": (("npu.util", "npu.aicore.util", "dla.util", "pva.util"),
            ("npu.freq", "npu.mem.util", "npu.mem.used", "dla.freq", "pva.freq"),
            ("npu.temp", "npu.power", "dla.on", "pva.on")),
}
SLOT_CAPTIONS = {
    "host": (
        QT_TRANSLATE_NOOP("DeviceCard", "CPU"),
        QT_TRANSLATE_NOOP("DeviceCard", "Memory"),
        QT_TRANSLATE_NOOP("DeviceCard", "Data disk"),
    ),
    "gpu": (
        QT_TRANSLATE_NOOP("DeviceCard", "GPU"),
        QT_TRANSLATE_NOOP("DeviceCard", "Memory"),
        QT_TRANSLATE_NOOP("DeviceCard", "Temperature"),
    ),
    "npu": (
        QT_TRANSLATE_NOOP("DeviceCard", "NPU"),
        QT_TRANSLATE_NOOP("DeviceCard", "Clock"),
        QT_TRANSLATE_NOOP("DeviceCard", "Temperature"),
    ),
}
# Short captions that fit under a big number (the reading's own label is often longer).
SHORT_CAPTIONS = {
    "cpu.util": QT_TRANSLATE_NOOP("DeviceCard", "CPU"),
    "mem.util": QT_TRANSLATE_NOOP("DeviceCard", "Memory"),
    "ram.util": QT_TRANSLATE_NOOP("DeviceCard", "Memory"),
    "disk.data.util": QT_TRANSLATE_NOOP("DeviceCard", "Data disk"),
    "swap.util": QT_TRANSLATE_NOOP("DeviceCard", "Swap"),
    "gpu.util": QT_TRANSLATE_NOOP("DeviceCard", "GPU"),
    "gpu.mem.util": QT_TRANSLATE_NOOP("DeviceCard", "Memory"),
    "gpu.freq": QT_TRANSLATE_NOOP("DeviceCard", "Clock"),
    "gpu.temp": QT_TRANSLATE_NOOP("DeviceCard", "Temperature"),
    "gpu.power": QT_TRANSLATE_NOOP("DeviceCard", "Power"),
    "npu.util": QT_TRANSLATE_NOOP("DeviceCard", "NPU"),
    "npu.aicore.util": QT_TRANSLATE_NOOP("DeviceCard", "AI Core"),
    "dla.util": QT_TRANSLATE_NOOP("DeviceCard", "DLA"),
    "pva.util": QT_TRANSLATE_NOOP("DeviceCard", "PVA"),
    "npu.freq": QT_TRANSLATE_NOOP("DeviceCard", "Clock"),
    "npu.mem.util": QT_TRANSLATE_NOOP("DeviceCard", "Memory"),
    "npu.mem.used": QT_TRANSLATE_NOOP("DeviceCard", "Memory"),
    "dla.freq": QT_TRANSLATE_NOOP("DeviceCard", "Clock"),
    "pva.freq": QT_TRANSLATE_NOOP("DeviceCard", "Clock"),
    "npu.temp": QT_TRANSLATE_NOOP("DeviceCard", "Temperature"),
    "npu.power": QT_TRANSLATE_NOOP("DeviceCard", "Power"),
    "dla.on": QT_TRANSLATE_NOOP("DeviceCard", "Engine"),
    "pva.on": QT_TRANSLATE_NOOP("DeviceCard", "Engine"),
}
# A line of secondary facts under the numbers, per kind (shown when nothing is wrong).
INFO_KEYS = {
    "host": ("cpu.load1", "mem.used", "uptime"),
    "gpu": ("gpu.power", "gpu.clock.sm", "gpu.fan"),
    "npu": ("npu.power", "npu.freq", "npu.mem.used"),
}
INFO_LABELS = {
    "cpu.load1": QT_TRANSLATE_NOOP("DeviceCard", "Load"),
    "mem.used": QT_TRANSLATE_NOOP("DeviceCard", "Used"),
    "uptime": QT_TRANSLATE_NOOP("DeviceCard", "Up"),
    "gpu.power": QT_TRANSLATE_NOOP("DeviceCard", "Power"),
    "gpu.clock.sm": QT_TRANSLATE_NOOP("DeviceCard", "SM"),
    "gpu.fan": QT_TRANSLATE_NOOP("DeviceCard", "Fan"),
    "npu.power": QT_TRANSLATE_NOOP("DeviceCard", "Power"),
    "npu.freq": QT_TRANSLATE_NOOP("DeviceCard", "Clock"),
    "npu.mem.used": QT_TRANSLATE_NOOP("DeviceCard", "Memory"),
}
KIND_WORDS = {"host": QT_TRANSLATE_NOOP("DeviceCard", "Host"),
              "gpu": QT_TRANSLATE_NOOP("DeviceCard", "GPU"),
              "npu": QT_TRANSLATE_NOOP("DeviceCard", "NPU")}
_NA = QT_TRANSLATE_NOOP("DeviceCard", "N/A")
_NOT_SUPPORTED = QT_TRANSLATE_NOOP("DeviceCard", "not supported by this device")


def _t(text: str) -> str:
    """Run-time translation of the words marked above (context DeviceCard)."""
    return QCoreApplication.translate("DeviceCard", text) if text else text
KIND_ORDER = {"host": 0, "gpu": 1, "npu": 2}

OK, WARN, ALARM, NO_DATA = "ok", "warn", "alarm", "unknown"
STATUS_WORDS = {OK: QT_TRANSLATE_NOOP("DeviceCard", "Normal"),  # DeviceCard.tr() at run time
                WARN: QT_TRANSLATE_NOOP("DeviceCard", "Attention"),
                ALARM: QT_TRANSLATE_NOOP("DeviceCard", "Alarm"),
                NO_DATA: QT_TRANSLATE_NOOP("DeviceCard", "No data")}
_SEVERITY = {OK: 0, NO_DATA: 1, WARN: 2, ALARM: 3}
_PRIORITY_LEVEL = {"critical": ALARM, "high": ALARM, "medium": WARN, "low": WARN}


@dataclass(frozen=True)
class CardStatus:
    level: str  # one of OK, WARN, ALARM, NO_DATA (keys of STATUS_COLOURS)
    reasons: tuple[str, ...] = ()

    @property
    def word(self) -> str:
        return STATUS_WORDS[self.level]


def card_status(device: DeviceSnapshot, alarms: Iterable[Alarm]) -> CardStatus:
    """The worst of: the device's annunciated alarms and its reader error.

    Alarms decide the colour so the card agrees with the alarm banner (critical/high red,
    medium/low amber; cleared-but-unacknowledged amber). A lost GPU is red even before its
    alarm is raised; any other reader error means the numbers are missing: grey "No data".
    Reasons are in the interface language (alarm messages and errors are translated).
    """
    level, messages, reasons = OK, [], []
    for alarm in alarms:
        if alarm.shelved:
            continue
        found = _PRIORITY_LEVEL.get(alarm.priority, WARN) if alarm.active else WARN
        if _SEVERITY[found] > _SEVERITY[level]:
            level = found
        messages.append(alarm.message)
        text = alarm_text(alarm.message, alarm.device_name)
        reasons.append(text if alarm.active else _t(QT_TRANSLATE_NOOP(
            "DeviceCard", "{0} (cleared, awaiting acknowledgement)")).format(text))
    if device.error:
        lost = bool(device.details.get("lost")) or device.error.lower().startswith("gpu lost")
        found = ALARM if lost else NO_DATA
        if _SEVERITY[found] > _SEVERITY[level]:
            level = found
        if not any(device.error in m for m in messages):  # the alarm already says it
            reasons.insert(0, service_text(device.error))
    return CardStatus(level, tuple(reasons))


def kind_of(device: DeviceSnapshot) -> str:
    return device.kind if device.kind in KEY_SLOTS else "other"


def resolve_slots(device: DeviceSnapshot) -> tuple[str | None, ...]:
    """The reading key shown in each of the three slots (None: the device has no such reading)."""
    slots = KEY_SLOTS.get(device.kind)
    if slots is None:  # unknown kind (a reader that failed before naming its devices)
        keys = [k for k, r in device.readings.items() if r.supported][:3]
        return tuple(keys + [None] * (3 - len(keys)))
    chosen: list[str | None] = []
    for candidates in slots:
        present = [k for k in candidates if k in device.readings]
        supported = [k for k in present if device.readings[k].supported
                     and device.readings[k].value is not None]
        chosen.append(supported[0] if supported else (present[0] if present else None))
    return tuple(chosen)


def format_value(reading: Reading) -> tuple[str, str]:
    """(number, unit) sized for a glance: GHz over 1000 MHz, GiB over 1024 MiB, On/Off flags."""
    value = reading.value
    if not reading.supported or value is None:
        return _t(_NA), ""
    unit = unit_text(reading.unit)
    if reading.key.endswith(".on") and not unit:
        return (_t(QT_TRANSLATE_NOOP("DeviceCard", "On")) if value >= 0.5
                else _t(QT_TRANSLATE_NOOP("DeviceCard", "Off"))), ""
    if unit == "MHz" and value >= 1000:
        return f"{value / 1000:.2f}", "GHz"
    if unit == "MiB" and value >= 1024:
        return f"{value / 1024:.1f}", "GiB"
    if unit in ("%", "°C") or abs(value) >= 100:
        return f"{value:.0f}", unit
    if abs(value) >= 10:
        return f"{value:.0f}" if unit == "W" else f"{value:.1f}", unit
    return f"{value:.1f}", unit


def reading_tooltip(reading: Reading) -> str:
    """What the value means and over what window it was sampled; why it is missing, if it is."""
    lines = [_t(QT_TRANSLATE_NOOP("DeviceCard", "{0}: {1}")).format(
                 service_text(reading.label), service_text(reading.meaning)),
             _t(QT_TRANSLATE_NOOP("DeviceCard", "Sampled: {0}")).format(
                 service_text(reading.window))]
    if not reading.supported or reading.value is None:
        note = service_text(reading.note) if reading.note else _t(_NOT_SUPPORTED)
        lines.insert(0, _t(QT_TRANSLATE_NOOP("DeviceCard", "N/A — {0}")).format(note))
    elif reading.note:
        lines.append(service_text(reading.note))
    return "\n".join(lines)


class ElidedLabel(QLabel):
    """One line that ends in "…" when too long; the whole text is in the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str, tooltip: str | None = None) -> None:
        if text == self._full and tooltip is None:
            return
        self._full = text
        self.setToolTip(text if tooltip is None else tooltip)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width(), 40)
        elided = QFontMetrics(self.font()).elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                      width)
        if elided != self.text():
            self.setText(elided)


class MetricTile(QWidget):
    """A big number, its unit, and a caption; the tooltip says what it means."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.unit = QLabel("")
        self.unit.setObjectName("cardUnit")
        self.caption = QLabel(caption)
        self.caption.setObjectName("cardCaption")
        number = QHBoxLayout()
        number.setSpacing(4)
        number.setContentsMargins(0, 0, 0, 0)
        number.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBaseline)
        number.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBaseline)
        number.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(number)
        layout.addWidget(self.caption)
        self._state: tuple[str, str, str, str] = ("–", "", caption, "")

    def show_reading(self, reading: Reading | None, caption: str, missing: str = "") -> None:
        """Show one reading; None means nothing was read (`missing` says why)."""
        if reading is None:
            state = ("–", "", caption, missing or _t(QT_TRANSLATE_NOOP(
                "DeviceCard", "Not reported by this device")))
        else:
            number, unit = format_value(reading)
            state = (number, unit, caption, reading_tooltip(reading))
        if state == self._state:
            return
        number, unit, caption, tip = state
        old = self._state
        self._state = state
        if number != old[0]:
            self.value.setText(number)
        if unit != old[1]:
            self.unit.setText(unit)
        if caption != old[2]:
            self.caption.setText(caption)
        if tip != old[3]:
            self.setToolTip(tip)


_CARD_QSS = """
QLabel#cardName { font-size: 13pt; font-weight: 600; }
QLabel#cardKind { font-size: 10pt; }
QLabel#cardStatus { font-size: 18pt; font-weight: 700; }
QLabel#cardValue { font-size: 28pt; font-weight: 600; }
QLabel#cardUnit { font-size: 13pt; }
QLabel#cardCaption { font-size: 11pt; }
QLabel#cardMessage { font-size: 10pt; }
"""
# For more devices than fit in one row at full size (Jetson: host, SoC, GPU, DLAs, PVA) or
# 1024 px panels: still readable from a step back, four cards to a row.
_COMPACT_QSS = """
QLabel#cardName { font-size: 11pt; font-weight: 600; }
QLabel#cardKind { font-size: 9pt; }
QLabel#cardStatus { font-size: 15pt; font-weight: 700; }
QLabel#cardValue { font-size: 18pt; font-weight: 600; }
QLabel#cardUnit { font-size: 10pt; }
QLabel#cardCaption { font-size: 9pt; }
QLabel#cardMessage { font-size: 9pt; }
"""
NUMBER_SLACK = 12  # a number may grow by a digit after the card was measured


class DeviceCard(QFrame):
    """One device: stripe and status word first (the two-second read), then the numbers."""

    clicked = Signal(str)

    def __init__(self, device: DeviceSnapshot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device_id = device.device_id
        self.kind = kind_of(device)
        self.setObjectName("card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMaximumWidth(480)
        self._compact = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._selected = False
        self._accent = "#2b6cb0"
        self._qss_state: tuple[bool, str, bool] | None = None

        self.stripe = QFrame()
        self.stripe.setObjectName("cardStripe")
        self.stripe.setFixedWidth(14)
        self.name = ElidedLabel(device.name)
        self.name.setObjectName("cardName")
        self.kind_label = QLabel(f"{_t(KIND_WORDS.get(device.kind, device.kind.title()))} · "
                                 f"{device.device_id}")
        self.kind_label.setObjectName("cardKind")
        self.state = QLabel()
        self.state.setObjectName("cardStatus")

        # Name on its own line (GPU names are long); status word right under it, left, where
        # the eye lands after the stripe; kind and id in small print on the right.
        status_row = QHBoxLayout()
        status_row.addWidget(self.state)
        status_row.addStretch(1)
        status_row.addWidget(self.kind_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header = QVBoxLayout()
        header.setSpacing(0)
        header.addWidget(self.name)
        header.addLayout(status_row)

        captions = SLOT_CAPTIONS.get(self.kind, ("", "", ""))
        self.tiles = [MetricTile(caption) for caption in captions]
        tiles = self._tiles_row = QHBoxLayout()
        tiles.setSpacing(10)
        for tile in self.tiles:
            tiles.addWidget(tile, 1)
        self.message = ElidedLabel()
        self.message.setObjectName("cardMessage")

        body = QVBoxLayout()
        body.setContentsMargins(12, 8, 14, 10)
        body.setSpacing(4)
        body.addLayout(header)
        body.addLayout(tiles)
        body.addWidget(self.message)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.stripe)
        outer.addLayout(body, 1)

        self.status = CardStatus(NO_DATA)
        self._status_key: tuple[str, tuple[str, ...]] | None = None
        self.keys: tuple[str | None, ...] = (None, None, None)
        self._restyle()
        self.update_device(device, CardStatus(NO_DATA))
        self.min_widths = self._measure()

    def _measure(self) -> dict[bool, int]:
        """Minimum width at full and compact size, so the page can plan rows without guessing."""
        widths = {}
        for compact in (True, False):
            self.set_compact(compact)
            widths[compact] = self.minimumSizeHint().width() + NUMBER_SLACK
        return widths

    # -- updates (every snapshot) -----------------------------------------------------------

    def update_device(self, device: DeviceSnapshot, status: CardStatus) -> None:
        """Show this snapshot of the device; touches only widgets whose text changed."""
        if device.name != self.name.full_text():
            self.name.set_full_text(device.name)
        self.set_status(status)
        self.keys = resolve_slots(device)
        captions = SLOT_CAPTIONS.get(self.kind, ("", "", ""))
        for tile, key, default in zip(self.tiles, self.keys, captions, strict=True):
            reading = device.readings.get(key) if key else None
            if key in SHORT_CAPTIONS:
                caption = _t(SHORT_CAPTIONS[key])
            elif key and reading is not None:
                caption = service_text(reading.label)
            else:
                caption = _t(default)
            no_reading = _t(QT_TRANSLATE_NOOP("DeviceCard", "No reading: {0}"))
            tile.show_reading(reading, caption, no_reading.format(
                service_text(device.error)) if device.error else "")
        if status.reasons:
            text = " · ".join(status.reasons)
            tip = "\n".join(status.reasons)
        else:
            keys = [k for k in INFO_KEYS.get(self.kind, ()) if k not in self.keys]
            text = _info_line(device, keys)
            tip = "\n".join(reading_tooltip(device.readings[k]) for k in keys
                            if k in device.readings)
        if text != self.message.full_text():
            self.message.set_full_text(text, tip)

    def set_status(self, status: CardStatus) -> None:
        key = (status.level, status.reasons)
        if key == self._status_key:
            return
        self._status_key = key
        self.status = status
        colour = STATUS_COLOURS[status.level]
        self.stripe.setStyleSheet(f"QFrame#cardStripe {{ background: {colour}; "
                                  "border-top-left-radius: 9px; "
                                  "border-bottom-left-radius: 9px; }")
        self.state.setText(self.tr(status.word))
        self.state.setStyleSheet(f"color: {colour};")
        self.state.setToolTip("\n".join(status.reasons) or self.tr("No alarm, readings arrive"))
        self.message.setStyleSheet(f"color: {colour}; font-weight: 600;"
                                   if status.level in (ALARM, WARN) else "")

    # -- selection ---------------------------------------------------------------------------

    @property
    def selected(self) -> bool:
        return self._selected

    def set_selected(self, selected: bool) -> None:
        self._selected = selected
        self._restyle()

    def set_accent(self, colour: str) -> None:
        """The selection outline colour (the theme's highlight)."""
        self._accent = colour
        self._restyle()

    @property
    def compact(self) -> bool:
        return self._compact

    def set_compact(self, compact: bool) -> None:
        """Smaller type so more cards fit in a row; the page decides from its width."""
        if compact == self._compact:
            return
        self._compact = compact
        self.layout().itemAt(1).layout().setContentsMargins(  # type: ignore[union-attr]
            *((10, 6, 10, 8) if compact else (12, 8, 14, 10)))
        self._tiles_row.setSpacing(6 if compact else 10)
        self._restyle()
        # New fonts from the style sheet do not reach the layouts' cached sizes by themselves.
        self.ensurePolished()
        for layout in self.findChildren(QLayout):
            layout.invalidate()
        self.layout().invalidate()
        self.layout().activate()

    def _restyle(self) -> None:
        state = (self._selected, self._accent, self._compact)
        if state == self._qss_state:
            return
        self._qss_state = state
        border = (f"QFrame#card {{ border: 3px solid {self._accent}; }}" if self._selected
                  else "QFrame#card { border-width: 1px; }")
        self.setStyleSheet((_COMPACT_QSS if self._compact else _CARD_QSS) + border)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.device_id)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.device_id)
            return
        super().keyPressEvent(event)

    def texts(self) -> list[str]:
        """The three numbers as shown (number and unit), for tests and screen readers."""
        return [f"{t.value.text()} {t.unit.text()}".strip() for t in self.tiles]


def _info_line(device: DeviceSnapshot, keys: Sequence[str]) -> str:
    parts = []
    for key in keys:
        reading = device.readings.get(key)
        if reading is None or not reading.supported or reading.value is None:
            continue
        number, unit = format_value(reading)
        label = _t(INFO_LABELS[key]) if key in INFO_LABELS else service_text(reading.label)
        parts.append(f"{label} {number} {unit}".strip())
    return " · ".join(parts)


def sort_key(device: DeviceSnapshot, position: int) -> tuple[int, int]:
    """Host first, then GPUs, then NPUs, then anything else; readers' order within a kind."""
    return KIND_ORDER.get(device.kind, 3), position
