"""The dashboard's detail pane: the selected device's name, why its card is not green, every
reading with its meaning, and the device's own information (driver, firmware, processes)."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.telemetry.model import DeviceSnapshot
from app.ui.widgets.device_card import DeviceCard, ElidedLabel
from app.ui.widgets.metric_table import DeviceInfoTree, MetricTable

DETAILS_EVERY_S = 3.0  # process lists change every second; nobody reads them that fast


class DeviceDetail(QWidget):
    """Readings and device info of one device, updated in place every snapshot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = ElidedLabel()
        self.title.setObjectName("sectionTitle")
        self.reasons = QLabel()
        self.reasons.setObjectName("errorText")
        self.reasons.setWordWrap(True)
        self.reasons.hide()
        self.metric_table = MetricTable()
        self.device_info = DeviceInfoTree()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.metric_table, self.tr("Readings"))
        self.tabs.addTab(self.device_info, self.tr("Device info"))
        layout.addWidget(self.title)
        layout.addWidget(self.reasons)
        layout.addWidget(self.tabs, 1)
        self._details_at = 0.0

    def show_device(self, device: DeviceSnapshot | None, card: DeviceCard | None,
                    force: bool = False) -> None:
        """Readings every time; the device info only while its tab shows (or `force`)."""
        if device is None:
            self.title.set_full_text("")
            self.metric_table.metrics.set_readings({})
            self.device_info.set_details({})
            return
        kind = card.kind_label.text() if card else device.device_id
        title = f"{device.name} — {kind}"
        if title != self.title.full_text():
            self.title.set_full_text(title)
        reasons = "\n".join(card.status.reasons) if card else ""
        if reasons != self.reasons.text():
            self.reasons.setText(reasons)
            self.reasons.setVisible(bool(reasons))
        self.metric_table.metrics.set_readings(device.readings)
        now = time.monotonic()
        info_visible = self.tabs.currentWidget() is self.device_info
        if force or (info_visible and now - self._details_at >= DETAILS_EVERY_S):
            self._details_at = now
            self.device_info.set_details(device.details)
        count = len(device.details)
        label = self.tr("Device info ({0})").format(count) if count else self.tr("Device info")
        if self.tabs.tabText(1) != label:
            self.tabs.setTabText(1, label)
