"""Dashboard: the box's state in two seconds — a card per device, then charts and details.

Cards (host, GPUs, NPUs) carry the status colour and the three numbers that matter; clicking
one shows that device's charts and every reading with its meaning. Snapshots arrive at 1 Hz
on the GUI thread, so `on_snapshot` only updates widgets built once; history for the longer
chart windows is read in a background task and drawn when it arrives.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.alarms.engine import Alarm
from app.auth.identity import Actor
from app.context import AppContext
from app.system.doctor import check_nvml
from app.telemetry.model import DeviceSnapshot, Snapshot
from app.ui.i18n_service import error_text, service_text
from app.ui.pages.base import Page
from app.ui.sampler_bridge import SamplerBridge
from app.ui.theme import current_theme
from app.ui.widgets.device_card import (
    DeviceCard,
    ElidedLabel,
    card_status,
    resolve_slots,
    sort_key,
)
from app.ui.widgets.history_chart import ACCENT, LIVE_WINDOW_S, WINDOWS, ChartPanel
from app.ui.widgets.metric_table import DeviceInfoTree, MetricTable
from app.ui.workers import Task

log = logging.getLogger(__name__)

LIVE_POINTS = 2 * LIVE_WINDOW_S + 60  # enough for 5 minutes at the fastest 0.5 s interval
MAX_POINTS = 600  # per chart; the history service picks the tier for it
MIN_LOWER_HEIGHT = 400  # window buttons and three readable charts
DETAILS_EVERY_S = 3.0  # process lists change every second; nobody reads them that fast
_WINDOW_WORDS = {seconds: text for text, seconds in WINDOWS}


class _Series:
    """A live ring of (t, value) for one reading of one device."""

    __slots__ = ("ts", "vs")

    def __init__(self) -> None:
        self.ts: deque[float] = deque(maxlen=LIVE_POINTS)
        self.vs: deque[float] = deque(maxlen=LIVE_POINTS)

    def arrays(self, start: float) -> tuple[np.ndarray, np.ndarray]:
        ts = np.fromiter(self.ts, float, len(self.ts))
        vs = np.fromiter(self.vs, float, len(self.vs))
        cut = int(np.searchsorted(ts, start))
        return ts[cut:], vs[cut:]

    def prepend(self, points: list[tuple[float, float]]) -> None:
        """Older points from history, kept only where the live ring has none yet."""
        first = self.ts[0] if self.ts else float("inf")
        older = [(t, v) for t, v in points if t < first - 0.5]
        room = LIVE_POINTS - len(self.ts)
        for t, v in reversed(older[-room:] if room > 0 else []):
            self.ts.appendleft(t)
            self.vs.appendleft(v)


class DashboardPage(Page):
    """Cards per device, charts with 5 min / 1 h / 24 h / 30 d windows, a detail pane.

    Public for tests and other pages: `cards` (device id -> DeviceCard), `select_device`,
    `selected_id`, `chart_panel` (its `charts` hold the drawn points), `metric_table`,
    `device_info`, `last_snapshot`, `on_snapshot`, `window_s`/`set_window`.
    """

    title = QT_TRANSLATE_NOOP("DashboardPage", "Dashboard")

    def __init__(self, ctx: AppContext, actor: Actor, bridge: SamplerBridge,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.bridge = bridge
        self.cards: dict[str, DeviceCard] = {}
        self.selected_id: str | None = None
        self.last_snapshot: Snapshot | None = None
        self._order: list[str] = []
        self._columns = 0
        self._live: dict[str, dict[str, _Series]] = {}
        self._chart_keys: tuple[str, ...] = ()
        self._backfilled: set[str] = set()
        self._tasks: list[Task] = []
        self._generation = 0
        self._details_at = 0.0
        self._alarms: dict[str, list[Alarm]] = {}
        self._alarm_error_logged = False
        self._nvml_task: Task | None = None
        self._nvml_message = ""
        self._theme = "light"
        self.history_loads = 0  # completed history reads (tests wait on it)

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
        self.chart_panel.window_changed.connect(self._window_changed)
        self.charts = self.chart_panel.charts

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_title = ElidedLabel()
        self.detail_title.setObjectName("sectionTitle")
        self.detail_reasons = QLabel()
        self.detail_reasons.setObjectName("errorText")
        self.detail_reasons.setWordWrap(True)
        self.detail_reasons.hide()
        self.metric_table = MetricTable()
        self.device_info = DeviceInfoTree()
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.metric_table, self.tr("Readings"))
        self.detail_tabs.addTab(self.device_info, self.tr("Device info"))
        self.detail_tabs.currentChanged.connect(lambda _: self._update_detail(force=True))
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_reasons)
        detail_layout.addWidget(self.detail_tabs, 1)

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

        self.history_timer = QTimer(self)  # re-reads a long window now and then
        self.history_timer.timeout.connect(self._request_history)

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
            self._append_live(snapshot.taken_at, device)
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
        if selected is not None and self._series_for(selected) != self._chart_keys:
            self._configure_charts(selected)
        if self.isVisible():
            self._update_detail()
            if self.window_s == LIVE_WINDOW_S:
                self._draw_live()

    def _append_live(self, t: float, device: DeviceSnapshot) -> None:
        rings = self._live.setdefault(device.device_id, {})
        for key in resolve_slots(device):
            if key is None:
                continue
            value = device.value(key)
            if value is None:
                continue
            ring = rings.get(key)
            if ring is None:
                ring = rings[key] = _Series()
            if ring.ts and t <= ring.ts[-1]:
                continue  # the same snapshot twice (start-up), or the clock went back
            ring.ts.append(t)
            ring.vs.append(float(value))

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
            self._live.pop(device_id, None)
            self._backfilled.discard(device_id)
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
        while columns > 1 and not _rows_fit(cards, columns, compact, width, spacing):
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
                self._draw_live()

    # -- selection --------------------------------------------------------------------------

    def select_device(self, device_id: str | None) -> None:
        """Show this device's charts and readings (a card click lands here)."""
        if device_id is not None and device_id not in self.cards:
            return
        self.selected_id = device_id
        for card_id, card in self.cards.items():
            if card.selected != (card_id == device_id):
                card.set_selected(card_id == device_id)
        device = self._selected_device()
        self._configure_charts(device)
        self._details_at = 0.0
        self._update_detail(force=True)

    def _selected_device(self) -> DeviceSnapshot | None:
        if self.last_snapshot is None or self.selected_id is None:
            return None
        return self.last_snapshot.device(self.selected_id)

    def _series_for(self, device: DeviceSnapshot) -> tuple[str, ...]:
        return tuple(k for k in resolve_slots(device) if k is not None)

    def _configure_charts(self, device: DeviceSnapshot | None) -> None:
        keys = self._series_for(device) if device is not None else ()
        self._chart_keys = keys
        series = []
        for key in keys:
            reading = device.readings[key]  # type: ignore[union-attr]
            series.append((key, service_text(reading.label), reading.unit))
        self.chart_panel.configure(series)
        self.chart_panel.apply_theme(self._theme)
        if not keys:
            self.chart_panel.set_caption("")
            return
        if self.window_s == LIVE_WINDOW_S:
            self._draw_live()
            if self.selected_id not in self._backfilled:
                self._request_history()
        else:
            self._request_history()

    # -- charts -----------------------------------------------------------------------------

    @property
    def window_s(self) -> int:
        """The chart window in seconds (300, 3600, 86400 or 2592000)."""
        return self.chart_panel.window_s

    def set_window(self, seconds: int) -> None:
        self.chart_panel.set_window(seconds)

    def _window_changed(self, seconds: int) -> None:
        if seconds == LIVE_WINDOW_S:
            self.history_timer.stop()
            self._generation += 1  # a long read still in flight is no longer wanted
            self._draw_live()
            if self.selected_id not in self._backfilled:
                self._request_history()
            return
        self.history_timer.start(int(max(10.0, seconds / 360) * 1000))
        self.chart_panel.set_caption(
            self.tr("Reading the last {0}…").format(_window_words(seconds)))
        self._request_history()

    def _live_end(self) -> float:
        return self.last_snapshot.taken_at if self.last_snapshot is not None else time.time()

    def _draw_live(self) -> None:
        rings = self._live.get(self.selected_id or "", {})
        end = self._live_end()
        start = end - LIVE_WINDOW_S
        for chart in self.chart_panel.charts:
            if not chart.key:
                continue
            ring = rings.get(chart.key)
            if ring is None:
                chart.set_points([], [], start, end)
            else:
                chart.set_points(*ring.arrays(start), start, end)
        sampled = self.bridge.sampler.interval_s
        self.chart_panel.set_caption(
            self.tr("Live · one point per {0:g} s").format(sampled),
            self.tr("The last 5 minutes as sampled, one point per {0:g} s sample; older "
                    "points come from the history kept on the box.").format(sampled))

    def _request_history(self) -> None:
        """Read the selected device's chart series for the current window off the GUI thread."""
        device_id, keys, window = self.selected_id, self._chart_keys, self.window_s
        if device_id is None or not keys:
            return
        for task in self._tasks:
            task.cancel()
        self._generation += 1
        generation = self._generation
        end = self._live_end() if window == LIVE_WINDOW_S else time.time()
        start = end - window
        history = self.ctx.history

        def read(progress: Any, cancelled: Any) -> dict[str, Any] | None:
            series = {}
            for key in keys:
                if cancelled():
                    return None
                series[key] = history.query(device_id, key, start, end, MAX_POINTS)
            return {"generation": generation, "device_id": device_id, "window": window,
                    "start": start, "end": end, "series": series}

        task = Task(read)
        task.signals.finished.connect(self._history_loaded)
        task.signals.failed.connect(self._history_failed)
        self._tasks.append(task)
        task.start()

    def _forget_done_tasks(self) -> None:
        self._tasks = [t for t in self._tasks if not t.done.is_set()]

    def _history_loaded(self, result: dict[str, Any] | None) -> None:
        self._forget_done_tasks()
        if result is None or result["generation"] != self._generation:
            return  # cancelled, or the person moved on to another device or window
        self.history_loads += 1
        device_id, window = result["device_id"], result["window"]
        series: dict[str, list[tuple[float, float]]] = result["series"]
        if window == LIVE_WINDOW_S:
            self._backfilled.add(device_id)
            rings = self._live.setdefault(device_id, {})
            for key, points in series.items():
                rings.setdefault(key, _Series()).prepend(points)
            if device_id == self.selected_id and self.window_s == LIVE_WINDOW_S:
                self._draw_live()
            return
        if device_id != self.selected_id or window != self.window_s:
            return
        counts = []
        for chart in self.chart_panel.charts:
            points = series.get(chart.key or "")
            if points is None:
                continue
            xs = [t for t, _ in points]
            ys = [v for _, v in points]
            chart.set_points(xs, ys, result["start"], result["end"])
            counts.append(len(points))
        step = _spacing(series)
        per = self.tr(" · {0} averages").format(_duration(step)) if step else ""
        read_at = time.strftime("%H:%M:%S")
        self.chart_panel.set_caption(
            self.tr("History{0} · read {1}").format(per, read_at),
            self.tr("The last {0} from the history kept on the box: each point is the "
                    "average over its interval. Read at {1}; re-read every {2}.").format(
                        _window_words(window), read_at,
                        _duration(self.history_timer.interval() / 1000)))

    def _history_failed(self, error: BaseException) -> None:
        self._forget_done_tasks()
        self.chart_panel.set_caption(self.tr("History could not be read"), error_text(error))

    # -- detail pane ------------------------------------------------------------------------

    def _update_detail(self, force: bool = False) -> None:
        device = self._selected_device()
        if device is None:
            self.detail_title.set_full_text("")
            self.metric_table.metrics.set_readings({})
            self.device_info.set_details({})
            return
        card = self.cards.get(device.device_id)
        kind = card.kind_label.text() if card else device.device_id
        title = f"{device.name} — {kind}"
        if title != self.detail_title.full_text():
            self.detail_title.set_full_text(title)
        reasons = "\n".join(card.status.reasons) if card else ""
        if reasons != self.detail_reasons.text():
            self.detail_reasons.setText(reasons)
            self.detail_reasons.setVisible(bool(reasons))
        self.metric_table.metrics.set_readings(device.readings)
        now = time.monotonic()
        info_visible = self.detail_tabs.currentWidget() is self.device_info
        if force or (info_visible and now - self._details_at >= DETAILS_EVERY_S):
            self._details_at = now
            self.device_info.set_details(device.details)
        count = len(device.details)
        label = self.tr("Device info ({0})").format(count) if count else self.tr("Device info")
        if self.detail_tabs.tabText(1) != label:
            self.detail_tabs.setTabText(1, label)

    # -- page hooks -------------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: re-read history for the charts; ask the driver when no accelerator is shown."""
        if self.window_s != LIVE_WINDOW_S:
            self._request_history()
        if self.accel_hint.isVisibleTo(self):
            self._check_nvml()

    def _check_nvml(self) -> None:
        if self._nvml_task is not None:
            return
        self._nvml_task = Task(lambda progress, cancelled: check_nvml())
        self._nvml_task.signals.finished.connect(self._show_nvml)
        self._nvml_task.start()

    def _show_nvml(self, check: Any) -> None:
        self._nvml_task = None
        self._nvml_message = check.message
        self.accel_hint.setText(self.tr(
            "No GPU or NPU is reported on this box. NVIDIA (NVML): {0}").format(
                service_text(check.message)))

    def theme_changed(self, theme: str) -> None:
        """pyqtgraph and the card outlines do not follow the palette: restyle them."""
        self._theme = theme
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
        for task in [*self._tasks, *([self._nvml_task] if self._nvml_task else [])]:
            task.cancel()
            task.done.wait(5.0)


def _rows_fit(cards: list[DeviceCard], columns: int, compact: bool, width: int,
              spacing: int) -> bool:
    """Whether every row of `columns` cards fits: a grid column is as wide as its widest card."""
    widths = [max(c.min_widths[compact] for c in cards[i::columns]) for i in range(columns)]
    return sum(widths) + spacing * (columns - 1) <= width


def _spacing(series: dict[str, list[tuple[float, float]]]) -> float:
    """Typical seconds between points (the tier or re-bucketing the service chose)."""
    gaps = [b[0] - a[0] for points in series.values() for a, b in zip(points, points[1:],
                                                                        strict=False)]
    return float(np.median(gaps)) if gaps else 0.0


def _window_words(seconds: int) -> str:
    """A chart window's name as its button shows it ("5 min", translated)."""
    return QCoreApplication.translate("ChartPanel", _WINDOW_WORDS[seconds])


def _duration(seconds: float) -> str:
    """A spacing or re-read period in the largest whole unit, translated."""
    if seconds >= 3600:
        return QCoreApplication.translate("DashboardPage", "{0:g} h").format(seconds / 3600)
    if seconds >= 60:
        return QCoreApplication.translate("DashboardPage", "{0:g} min").format(seconds / 60)
    return QCoreApplication.translate("DashboardPage", "{0:g} s").format(seconds)
