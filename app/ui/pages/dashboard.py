"""Dashboard: the box's state at a glance — a card per device and live charts."""

from __future__ import annotations

import time
from collections import deque

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QWidget

from app.auth.identity import Actor
from app.context import AppContext
from app.system.doctor import check_nvml
from app.telemetry.model import DeviceSnapshot, Snapshot
from app.telemetry.status import device_status
from app.ui.pages.base import Page, card
from app.ui.sampler_bridge import SamplerBridge
from app.ui.theme import STATUS_COLOURS, current_theme, plot_colours
from app.ui.workers import Task

HISTORY_SECONDS = 300
STATUS_WORDS = {"ok": "Normal", "warn": "Attention", "alarm": "Alarm", "unknown": "Unknown",
                "none": "None found"}


class MetricTile(QWidget):
    """A big number with its label and what it means (tooltip)."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = QLabel("–")
        self.value.setObjectName("bigValue")
        self.caption = QLabel(label)
        self.caption.setObjectName("muted")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.addWidget(self.value, 0, 0)
        layout.addWidget(self.caption, 1, 0)

    def set_reading(self, device: DeviceSnapshot, key: str, digits: int = 0) -> None:
        reading = device.readings.get(key)
        if reading is None:
            self.value.setText("–")
            return
        self.value.setText(reading.display(digits))
        note = f" ({reading.note})" if reading.note else ""
        self.setToolTip(f"{reading.meaning}; sampled {reading.window}{note}")


class DeviceCard(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, inner = card(self)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stripe = QFrame()
        self.stripe.setObjectName("statusStripe")
        outer.addWidget(self.stripe)
        outer.addWidget(frame, 1)
        header = QHBoxLayout()
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.state = QLabel()
        self.state.setObjectName("cardTitle")
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.state)
        inner.addLayout(header)
        self.tiles_row = QHBoxLayout()
        inner.addLayout(self.tiles_row)
        self.detail = QLabel()
        self.detail.setObjectName("muted")
        self.detail.setWordWrap(True)
        inner.addWidget(self.detail)
        self.set_status("unknown", [])

    def set_status(self, level: str, reasons: list[str]) -> None:
        colour = STATUS_COLOURS["unknown" if level == "none" else level]
        self.stripe.setStyleSheet(f"background: {colour};")
        self.state.setText(self.tr(STATUS_WORDS[level]))
        self.state.setStyleSheet(f"color: {colour};")
        self.state.setToolTip("; ".join(reasons))


class DashboardPage(Page):
    title = "Dashboard"

    def __init__(self, ctx: AppContext, actor: Actor, bridge: SamplerBridge,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.host_card = DeviceCard(self.tr("Host"))
        self.tiles = {
            "cpu.util": MetricTile(self.tr("CPU")),
            "mem.util": MetricTile(self.tr("Memory")),
            "disk.data.util": MetricTile(self.tr("Data disk")),
        }
        for tile in self.tiles.values():
            self.host_card.tiles_row.addWidget(tile)
        self.host_card.tiles_row.addStretch(1)
        self.layout_.addWidget(self.host_card)

        self.accel_card = DeviceCard(self.tr("Accelerators"))
        self.accel_card.detail.setText(self.tr("Looking for accelerators…"))
        self.layout_.addWidget(self.accel_card)

        self.plots: dict[str, pg.PlotDataItem] = {}
        self.plot_widgets: dict[str, pg.PlotWidget] = {}
        self._plot_titles: dict[str, str] = {}
        charts = QHBoxLayout()
        for key, label, colour in (("cpu.util", self.tr("CPU %"), "#2b6cb0"),
                                   ("mem.util", self.tr("Memory %"), "#8e44ad")):
            widget = pg.PlotWidget()
            widget.setObjectName(f"plot_{key}")
            widget.setMinimumHeight(220)
            widget.setYRange(0, 100, padding=0)
            widget.setXRange(-HISTORY_SECONDS, 0, padding=0)
            widget.setMouseEnabled(x=False, y=False)
            widget.hideButtons()
            widget.showGrid(x=True, y=True, alpha=0.2)
            self.plots[key] = widget.plot(pen=pg.mkPen(colour, width=2))
            self.plot_widgets[key] = widget
            self._plot_titles[key] = label
            charts.addWidget(widget)
        self.theme_changed(current_theme(QApplication.instance()))
        self.layout_.addLayout(charts, 1)
        self.caption = QLabel(self.tr("Charts: last 5 minutes, one sample per second."))
        self.caption.setObjectName("muted")
        self.layout_.addWidget(self.caption)

        self.history: dict[str, deque[tuple[float, float]]] = {
            key: deque(maxlen=HISTORY_SECONDS) for key in self.plots
        }
        self.last_snapshot: Snapshot | None = None
        bridge.snapshot.connect(self.on_snapshot)
        if bridge.sampler.latest:
            self.on_snapshot(bridge.sampler.latest)
        self._accel_task: Task | None = None
        self.refresh()

    def theme_changed(self, theme: str) -> None:
        colours = plot_colours(theme)
        for key, widget in self.plot_widgets.items():
            widget.setBackground(colours["background"])
            widget.setTitle(self._plot_titles[key], color=colours["foreground"])
            widget.setLabel("bottom", self.tr("seconds ago"), color=colours["foreground"])
            for axis in ("left", "bottom"):
                widget.getAxis(axis).setTextPen(colours["foreground"])
                widget.getAxis(axis).setPen(colours["foreground"])

    def refresh(self) -> None:
        if self._accel_task is not None:
            return
        self._accel_task = Task(lambda progress, cancelled: check_nvml())
        self._accel_task.signals.finished.connect(self._show_accelerators)
        self._accel_task.start()

    def _show_accelerators(self, check: object) -> None:
        self._accel_task = None
        level = {"ok": "ok", "info": "none", "warn": "warn", "fail": "alarm"}[check.level]
        self.accel_card.set_status(level, [check.message])
        self.accel_card.detail.setText(f"NVIDIA (NVML): {check.message}")

    def on_snapshot(self, snapshot: Snapshot) -> None:
        self.last_snapshot = snapshot
        host = snapshot.device("host")
        if host is None:
            return
        level, reasons = device_status(host)
        self.host_card.set_status(level, reasons)
        self.host_card.title.setText(self.tr("Host — {0}").format(host.name))
        for key, tile in self.tiles.items():
            tile.set_reading(host, key)
        parts = [host.readings[k].label + " " + host.readings[k].display(1)
                 for k in ("cpu.load1", "mem.used", "mem.total", "swap.util", "uptime")
                 if k in host.readings]
        self.host_card.detail.setText(" · ".join(parts))
        now = time.time()
        for key, series in self.history.items():
            value = host.value(key)
            if value is not None:
                series.append((snapshot.taken_at, value))
            xs = [t - now for t, _ in series]
            ys = [v for _, v in series]
            self.plots[key].setData(xs, ys)
