"""Dashboard: the box's state in two seconds — a card per device, then charts and details.

Cards (host, GPUs, NPUs) carry the status colour and the three numbers that matter; clicking
one shows that device's charts and every reading with its meaning. Snapshots arrive at 1 Hz
on the GUI thread, so `on_snapshot` only updates widgets built once; history for the longer
chart windows is read in a background task and drawn when it arrives.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.alarms.engine import Alarm
from app.auth.identity import Actor
from app.context import AppContext
from app.system.doctor import check_nvml
from app.telemetry.model import DeviceSnapshot, Snapshot
from app.ui.flows.device_charts import DeviceCharts, chart_keys
from app.ui.i18n_service import service_text
from app.ui.pages.base import Page
from app.ui.sampler_bridge import SamplerBridge
from app.ui.theme import current_theme
from app.ui.widgets.dashboard_parts import (
    rows_fit,
)
from app.ui.widgets.device_card import (
    DeviceCard,
    card_status,
    sort_key,
)
from app.ui.widgets.device_detail import DeviceDetail
from app.ui.widgets.history_chart import ACCENT, LIVE_WINDOW_S, ChartPanel

log = logging.getLogger(__name__)

MAX_POINTS = 600  # per chart; the history service picks the tier for it
MIN_LOWER_HEIGHT = 400  # window buttons and three readable charts


class DashboardPage(Page):
    """Cards per device, charts with 5 min / 1 h / 24 h / 30 d windows, a detail pane.

    Public for tests and other pages: `cards` (device id -> DeviceCard), `select_device`,
    `selected_id`, `chart_panel` (its `charts` hold the drawn points), `metric_table`,
    `device_info`, `last_snapshot`, `on_snapshot`, `window_s`/`set_window`.
    """

    title = QT_TRANSLATE_NOOP("DashboardPage", "Dashboard")
    shutdown_wait_s = 5.0

    def __init__(self, ctx: AppContext, actor: Actor, bridge: SamplerBridge,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.bridge = bridge
        self.cards: dict[str, DeviceCard] = {}
        self.selected_id: str | None = None
        self.last_snapshot: Snapshot | None = None
        self._order: list[str] = []
        self._columns = 0
        self._alarms: dict[str, list[Alarm]] = {}
        self._alarm_error_logged = False
        self._nvml_message = ""
        self._theme = "light"

        self.cards_box = QWidget()
        self.cards_box.setObjectName("deviceCards")
        self.cards_grid = QGridLayout(self.cards_box)
        self.cards_grid.setContentsMargins(0, 0, 0, 0)
        self.cards_grid.setSpacing(12)
        self.cards_grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.waiting = QLabel(self.tr("Waiting for the first reading…"))
        self.waiting.setObjectName("emptyState")
        self.cards_grid.addWidget(self.waiting, 0, 0)
        self.accel_hint = QLabel()
        self.accel_hint.setObjectName("muted")
        self.accel_hint.setWordWrap(True)
        self.accel_hint.hide()

        self.chart_panel = ChartPanel()
        self.charts = self.chart_panel.charts

        detail = self.detail = DeviceDetail()
        detail.tabs.currentChanged.connect(lambda _: self._update_detail(force=True))
        self.detail_title, self.detail_reasons = detail.title, detail.reasons
        self.metric_table, self.device_info = detail.metric_table, detail.device_info
        self.detail_tabs = detail.tabs

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.chart_panel)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 460])
        self.splitter.setMinimumHeight(MIN_LOWER_HEIGHT)

        # Cards first; on a short panel (1024x600) or with many devices the body scrolls
        # rather than squeezing cards and charts below their readable size.
        body = QWidget()
        body.setObjectName("dashboardBody")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.cards_box)
        body_layout.addWidget(self.accel_hint)
        body_layout.addSpacing(4)
        body_layout.addWidget(self.splitter, 1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("dashboardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        self.scroll.viewport().setAutoFillBackground(False)
        body.setAutoFillBackground(False)
        self.layout_.addWidget(self.scroll, 1)

        self.ops = self.operation()  # background reads: chart history, the NVML check
        self.device_charts = DeviceCharts(
            self.chart_panel, ctx.history, self.ops, lambda: self.selected_id, self._live_end,
            lambda: bridge.sampler.interval_s, self)
        self.history_timer = self.device_charts.history_timer

        self.theme_changed(current_theme(QApplication.instance()))
        self._connected = True
        bridge.snapshot.connect(self.on_snapshot)
        if bridge.sampler.latest is not None:
            self.on_snapshot(bridge.sampler.latest)
        self.refresh()

    # -- snapshots ---------------------------------------------------------------------------

    def on_snapshot(self, snapshot: Snapshot) -> None:
        """Per second: update cards in place; charts and table only while they can be seen."""
        self.last_snapshot = snapshot
        ordered, seen = [], set()
        for _, device in sorted(enumerate(snapshot.devices), key=lambda p: sort_key(p[1], p[0])):
            if device.device_id not in seen:  # two readers naming one id: the first wins
                seen.add(device.device_id)
                ordered.append(device)
        for device in ordered:
            self.device_charts.append(snapshot.taken_at, device)
        ids = [d.device_id for d in ordered]
        if ids != self._order:
            self._sync_cards(ordered)
        self._load_alarms()
        for device in ordered:
            self.cards[device.device_id].update_device(
                device, card_status(device, self._alarms.get(device.device_id, ())))
        if self.selected_id not in self.cards:
            self.select_device(ids[0] if ids else None)
            return
        selected = snapshot.device(self.selected_id)
        if selected is not None and chart_keys(selected) != self.device_charts.keys:
            self.device_charts.configure(selected)
        if self.isVisible():
            self._update_detail()
            if self.window_s == LIVE_WINDOW_S:
                self.device_charts.draw_live()

    def _load_alarms(self) -> None:
        try:
            active = self.ctx.alarms.list_active()
        except Exception:  # noqa: BLE001 - a database hiccup must not freeze the dashboard
            if not self._alarm_error_logged:
                self._alarm_error_logged = True
                log.exception("dashboard could not read active alarms; keeping the last ones")
            return
        by_device: dict[str, list[Alarm]] = {}
        for alarm in active:
            by_device.setdefault(alarm.device_id, []).append(alarm)
        self._alarms = by_device

    # -- cards ------------------------------------------------------------------------------

    def _sync_cards(self, ordered: list[DeviceSnapshot]) -> None:
        """Create cards for new devices, drop those gone, and lay them out in reader order."""
        wanted = {d.device_id for d in ordered}
        for device_id in [i for i in self.cards if i not in wanted]:
            card = self.cards.pop(device_id)
            self.cards_grid.removeWidget(card)
            card.hide()
            card.deleteLater()
            self.device_charts.forget(device_id)
        for device in ordered:
            if device.device_id not in self.cards:
                card = DeviceCard(device, self.cards_box)
                card.set_accent(ACCENT.get(self._theme, ACCENT["light"]))
                card.clicked.connect(self.select_device)
                self.cards[device.device_id] = card
        self._order = [d.device_id for d in ordered]
        self.waiting.setVisible(not self._order)
        self._columns = 0  # force a relayout
        self._layout_cards()
        has_accelerator = any(d.kind in ("gpu", "npu") for d in ordered)
        self.accel_hint.setVisible(not has_accelerator and bool(ordered))
        if not has_accelerator and not self._nvml_message:
            self._check_nvml()

    def _layout_cards(self) -> None:
        """As many cards to a row as fit; smaller type before a row has to wrap."""
        cards = [self.cards[i] for i in self._order]
        # Plan for the vertical scroll bar even when it is not there yet: cards must not jump.
        width = self.scroll.width() - self.scroll.verticalScrollBar().sizeHint().width()
        spacing = self.cards_grid.spacing()
        compact = sum(c.min_widths[False] for c in cards) + spacing * (len(cards) - 1) > width
        columns = len(cards)
        while columns > 1 and not rows_fit(cards, columns, compact, width, spacing):
            columns -= 1
        for card in cards:
            card.set_compact(compact)
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards.values():
            self.cards_grid.removeWidget(card)
        for position, device_id in enumerate(self._order):
            card = self.cards[device_id]
            self.cards_grid.addWidget(card, position // columns, position % columns)
            card.show()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self._order:
            self._layout_cards()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        """Charts and table were left alone while hidden; bring them up to date."""
        super().showEvent(event)
        if self.last_snapshot is not None and self.selected_id is not None:
            self._update_detail(force=True)
            if self.window_s == LIVE_WINDOW_S:
                self.device_charts.draw_live()

    # -- selection --------------------------------------------------------------------------

    def select_device(self, device_id: str | None) -> None:
        """Show this device's charts and readings (a card click lands here)."""
        if device_id is not None and device_id not in self.cards:
            return
        self.selected_id = device_id
        for card_id, card in self.cards.items():
            if card.selected != (card_id == device_id):
                card.set_selected(card_id == device_id)
        self.device_charts.configure(self._selected_device())
        self._update_detail(force=True)

    def _selected_device(self) -> DeviceSnapshot | None:
        if self.last_snapshot is None or self.selected_id is None:
            return None
        return self.last_snapshot.device(self.selected_id)

    @property
    def window_s(self) -> int:
        """The chart window in seconds (300, 3600, 86400 or 2592000)."""
        return self.chart_panel.window_s

    def set_window(self, seconds: int) -> None:
        self.chart_panel.set_window(seconds)

    @property
    def history_loads(self) -> int:
        return self.device_charts.history_loads

    def _live_end(self) -> float:
        return self.last_snapshot.taken_at if self.last_snapshot is not None else time.time()

    # -- detail pane ------------------------------------------------------------------------

    def _update_detail(self, force: bool = False) -> None:
        device = self._selected_device()
        card = self.cards.get(device.device_id) if device is not None else None
        self.detail.show_device(device, card, force)

    # -- page hooks -------------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: re-read history for the charts; ask the driver when no accelerator is shown."""
        if self.window_s != LIVE_WINDOW_S:
            self.device_charts.request_history()
        if self.accel_hint.isVisibleTo(self):
            self._check_nvml()

    def _check_nvml(self) -> None:
        if not self.ops.reading("nvml"):
            self.ops.read(lambda progress, cancelled: check_nvml(), self._show_nvml,
                          key="nvml")

    def _show_nvml(self, check: Any) -> None:
        self._nvml_message = check.message
        self.accel_hint.setText(self.tr(
            "No GPU or NPU is reported on this box. NVIDIA (NVML): {0}").format(
                service_text(check.message)))

    def theme_changed(self, theme: str) -> None:
        """pyqtgraph and the card outlines do not follow the palette: restyle them."""
        self._theme = self.device_charts.theme = theme
        self.chart_panel.apply_theme(theme)
        accent = ACCENT.get(theme, ACCENT["light"])
        for card in self.cards.values():
            card.set_accent(accent)

    def shutdown(self) -> None:
        """Stop the timer and the history reads before the database closes."""
        self.history_timer.stop()
        if self._connected:
            self._connected = False
            self.bridge.snapshot.disconnect(self.on_snapshot)
        super().shutdown()
