"""The detail pane's parts: every reading of a device with its meaning, and its details.

The readings table is a model/view pair so the per-second update is one dataChanged over the
value column, not a rebuild: Qt repaints only the visible cells.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.telemetry.model import Reading
from app.ui.i18n_service import service_text, unit_text

COLUMNS = (QT_TRANSLATE_NOOP("MetricTableModel", "Metric"),
           QT_TRANSLATE_NOOP("MetricTableModel", "Value"),
           QT_TRANSLATE_NOOP("MetricTableModel", "Meaning"),
           QT_TRANSLATE_NOOP("MetricTableModel", "Window"),
           QT_TRANSLATE_NOOP("MetricTableModel", "Note"))
METRIC, VALUE, MEANING, WINDOW, NOTE = range(len(COLUMNS))
_Index = QModelIndex | QPersistentModelIndex


def display_value(reading: Reading) -> str:
    """The value with its unit, or "N/A" for an unsupported reading (never a fake zero)."""
    if not reading.supported or reading.value is None:
        return QCoreApplication.translate("DeviceCard", "N/A")
    value = reading.value
    digits = 0 if abs(value) >= 100 or float(value).is_integer() else 1
    return f"{value:.{digits}f} {unit_text(reading.unit)}".strip()


def reading_note(reading: Reading) -> str:
    """Why a value is missing (or what qualifies it), translated; a default when none given."""
    if reading.note:
        return service_text(reading.note)
    if not reading.supported or reading.value is None:
        return QCoreApplication.translate("DeviceCard", "not supported by this device")
    return ""


class MetricTableModel(QAbstractTableModel):
    """Rows are the readings of one device, in the order its reader produced them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Reading] = []
        self._keys: tuple[str, ...] = ()
        self.muted = QColor("#7b8594")

    def set_readings(self, readings: dict[str, Reading]) -> None:
        """Replace the readings; a full reset only when the set of keys changed."""
        keys = tuple(readings)
        rows = list(readings.values())
        if keys != self._keys:
            self.beginResetModel()
            self._keys, self._rows = keys, rows
            self.endResetModel()
            return
        if rows == self._rows:
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, VALUE), self.index(len(rows) - 1, NOTE))

    def reading(self, row: int) -> Reading:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        reading = self._rows[index.row()]
        column = index.column()
        unsupported = not reading.supported or reading.value is None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == METRIC:
                return service_text(reading.label)
            if column == VALUE:
                return display_value(reading)
            if column == MEANING:
                return service_text(reading.meaning)
            if column == WINDOW:
                return service_text(reading.window)
            return service_text(reading.note)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{service_text(reading.label)} ({reading.key})",
                     service_text(reading.meaning),
                     QCoreApplication.translate("DeviceCard", "Sampled: {0}").format(
                         service_text(reading.window))]
            if unsupported:
                lines.append(QCoreApplication.translate("DeviceCard", "N/A") + ": "
                             + reading_note(reading))
            elif reading.note:
                lines.append(service_text(reading.note))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and column == VALUE and unsupported:
            return self.muted
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class MetricTable(QTableView):
    """Read-only, row-selecting view with sizes that keep value and label whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics = MetricTableModel(self)
        self.setModel(self.metrics)
        self.setObjectName("metricTable")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(30)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((METRIC, 150), (VALUE, 90), (MEANING, 320), (WINDOW, 170)):
            self.setColumnWidth(column, width)


# Names people read instead of the reader's keys (context DeviceInfoTree).
DETAIL_NAMES = {
    "driver_version": QT_TRANSLATE_NOOP("DeviceInfoTree", "Driver version"),
    "cuda_version": QT_TRANSLATE_NOOP("DeviceInfoTree", "CUDA version"),
    "uuid": QT_TRANSLATE_NOOP("DeviceInfoTree", "UUID"),
    "pci_bus_id": QT_TRANSLATE_NOOP("DeviceInfoTree", "PCI bus id"),
    "index": QT_TRANSLATE_NOOP("DeviceInfoTree", "Index"),
    "lost": QT_TRANSLATE_NOOP("DeviceInfoTree", "Lost (fallen off the bus)"),
    "clock_reasons": QT_TRANSLATE_NOOP("DeviceInfoTree", "Clock reasons"),
    "processes": QT_TRANSLATE_NOOP("DeviceInfoTree", "Processes"),
    "processes_by_cpu": QT_TRANSLATE_NOOP("DeviceInfoTree", "Top processes by CPU"),
    "processes_by_memory": QT_TRANSLATE_NOOP("DeviceInfoTree", "Top processes by memory"),
    "processes_window": QT_TRANSLATE_NOOP("DeviceInfoTree", "Process CPU window"),
    "simulated": QT_TRANSLATE_NOOP("DeviceInfoTree", "Simulated"),
    "driver": QT_TRANSLATE_NOOP("DeviceInfoTree", "Driver"),
    "cuda": QT_TRANSLATE_NOOP("DeviceInfoTree", "CUDA"),
}
_PROCESS_FIELDS = (("cpu_percent", QT_TRANSLATE_NOOP("DeviceInfoTree", "CPU"), "%"),
                   ("rss_mib", QT_TRANSLATE_NOOP("DeviceInfoTree", "RSS"), "MiB"),
                   ("gpu_memory_mib", QT_TRANSLATE_NOOP("DeviceInfoTree", "GPU memory"), "MiB"),
                   ("type", "", ""), ("user", "", ""))


def _tree_text(text: str) -> str:
    return QCoreApplication.translate("DeviceInfoTree", text) if text else text


def detail_name(key: str) -> str:
    """A details key as people read it; unknown keys are made readable, in English."""
    if key in DETAIL_NAMES:
        return _tree_text(DETAIL_NAMES[key])
    return key.replace("_", " ").capitalize()


def _scalar(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _tree_text(QT_TRANSLATE_NOOP("DeviceInfoTree", "yes") if value
                          else QT_TRANSLATE_NOOP("DeviceInfoTree", "no"))
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, str):
        return service_text(value)  # e.g. "simulated for demonstration; not a real device"
    return str(value)


def _process_text(entry: dict[str, object]) -> tuple[str, str]:
    name = f"{entry.get('name', '?')} (pid {entry.get('pid', '?')})"
    parts = []
    for field, label, unit in _PROCESS_FIELDS:
        if field not in entry:
            continue
        value = entry[field]
        shown = _tree_text(label)
        if isinstance(value, float):
            parts.append(f"{shown} {value:.1f} {unit}".strip())
        elif value is None and unit:
            parts.append(f"{shown} {QCoreApplication.translate('DeviceCard', 'N/A')}")
        elif value not in (None, ""):
            parts.append(f"{shown} {value}".strip())
    return name, " · ".join(parts)


class DeviceInfoTree(QTreeWidget):
    """device.details as name/value rows: versions, UUID, bus id, and process lists."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deviceInfo")
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("Property"), self.tr("Value")])
        self.setColumnWidth(0, 230)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self._shown: object = None

    def set_details(self, details: dict[str, object]) -> None:
        """Rebuild when the details changed (callers throttle: process lists change often)."""
        if details == self._shown:
            return
        self._shown = dict(details)
        scroll = self.verticalScrollBar().value()
        self.setUpdatesEnabled(False)
        self.clear()
        for key, value in details.items():
            item = QTreeWidgetItem([detail_name(key), ""])
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                item.setText(1, self.tr("{0} listed").format(len(value)))
                for entry in value:
                    item.addChild(QTreeWidgetItem(list(_process_text(entry))))
            elif isinstance(value, list | tuple):
                item.setText(1, ", ".join(_scalar(v) for v in value) or self.tr("none"))
            elif isinstance(value, dict):
                item.setText(1, "")
                for sub, sub_value in value.items():
                    item.addChild(QTreeWidgetItem([detail_name(str(sub)), _scalar(sub_value)]))
            else:
                item.setText(1, _scalar(value))
            item.setToolTip(1, item.text(1))
            self.addTopLevelItem(item)
        self.expandAll()
        self.setUpdatesEnabled(True)
        self.verticalScrollBar().setValue(scroll)

    def value_of(self, name: str) -> str | None:
        """The shown value of a top-level property (tests)."""
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.text(0) == name:
                return item.text(1)
        return None
