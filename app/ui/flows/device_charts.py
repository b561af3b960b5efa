"""The dashboard's charts for the selected device: a live ring per reading for the last five
minutes (back-filled from history), and the longer windows read from the history kept on the
box in the background, superseded when the person moves on, re-read now and then."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from app.telemetry.history import HistoryService
from app.telemetry.model import DeviceSnapshot
from app.ui.i18n_service import error_text, service_text
from app.ui.operation import Operation
from app.ui.widgets.dashboard_parts import Series, duration, spacing, window_words
from app.ui.widgets.device_card import resolve_slots
from app.ui.widgets.history_chart import LIVE_WINDOW_S, ChartPanel

MAX_POINTS = 600  # per chart; the history service picks the tier for it


def chart_keys(device: DeviceSnapshot) -> tuple[str, ...]:
    """The readings a device's charts show (its card's slots that it has)."""
    return tuple(k for k in resolve_slots(device) if k is not None)


class DeviceCharts(QObject):
    """Feeds `panel` for the device `selected()` names; `live_end()` is the newest sample's
    time and `interval_s()` the sampling period, both for the live window's captions."""

    def __init__(self, panel: ChartPanel, history: HistoryService, ops: Operation,
                 selected: Callable[[], str | None], live_end: Callable[[], float],
                 interval_s: Callable[[], float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chart_panel = panel
        self._history, self.ops = history, ops
        self._selected, self._live_end, self._interval_s = selected, live_end, interval_s
        self.live: dict[str, dict[str, Series]] = {}
        self.keys: tuple[str, ...] = ()
        self.backfilled: set[str] = set()
        self._generation = 0
        self.theme = "light"
        self.history_loads = 0  # completed history reads (tests wait on it)
        self.history_timer = QTimer(self)  # re-reads a long window now and then
        self.history_timer.timeout.connect(self.request_history)
        panel.window_changed.connect(self._window_changed)

    @property
    def window_s(self) -> int:
        """The chart window in seconds (300, 3600, 86400 or 2592000)."""
        return self.chart_panel.window_s

    def append(self, t: float, device: DeviceSnapshot) -> None:
        """Add a snapshot's readings to the device's live rings."""
        rings = self.live.setdefault(device.device_id, {})
        for key in resolve_slots(device):
            if key is None:
                continue
            value = device.value(key)
            if value is None:
                continue
            ring = rings.get(key)
            if ring is None:
                ring = rings[key] = Series()
            if ring.ts and t <= ring.ts[-1]:
                continue  # the same snapshot twice (start-up), or the clock went back
            ring.ts.append(t)
            ring.vs.append(float(value))

    def forget(self, device_id: str) -> None:
        """A device went away: drop its rings."""
        self.live.pop(device_id, None)
        self.backfilled.discard(device_id)

    def stop(self) -> None:
        self.history_timer.stop()

    def configure(self, device: DeviceSnapshot | None) -> None:
        """One chart per reading of `device` (none: empty), filled for the current window."""
        keys = chart_keys(device) if device is not None else ()
        self.keys = keys
        series = []
        for key in keys:
            reading = device.readings[key]  # type: ignore[union-attr]
            series.append((key, service_text(reading.label), reading.unit))
        self.chart_panel.configure(series)
        self.chart_panel.apply_theme(self.theme)
        if not keys:
            self.chart_panel.set_caption("")
            return
        if self.window_s == LIVE_WINDOW_S:
            self.draw_live()
            if self._selected() not in self.backfilled:
                self.request_history()
        else:
            self.request_history()

    def _window_changed(self, seconds: int) -> None:
        if seconds == LIVE_WINDOW_S:
            self.history_timer.stop()
            self._generation += 1  # a long read still in flight is no longer wanted
            self.ops.drop("history")
            self.draw_live()
            if self._selected() not in self.backfilled:
                self.request_history()
            return
        self.history_timer.start(int(max(10.0, seconds / 360) * 1000))
        self.chart_panel.set_caption(
            self.tr("Reading the last {0}…").format(window_words(seconds)))
        self.request_history()

    def draw_live(self) -> None:
        rings = self.live.get(self._selected() or "", {})
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
        sampled = self._interval_s()
        self.chart_panel.set_caption(
            self.tr("Live · one point per {0:g} s").format(sampled),
            self.tr("The last 5 minutes as sampled, one point per {0:g} s sample; older "
                    "points come from the history kept on the box.").format(sampled))

    def request_history(self) -> None:
        """Read the selected device's chart series for the current window off the GUI thread."""
        device_id, keys, window = self._selected(), self.keys, self.window_s
        if device_id is None or not keys:
            return
        self._generation += 1
        generation = self._generation
        end = self._live_end() if window == LIVE_WINDOW_S else time.time()
        start = end - window
        history = self._history

        def read(progress: Any, cancelled: Any) -> dict[str, Any] | None:
            series = {}
            for key in keys:
                if cancelled():
                    return None
                series[key] = history.query(device_id, key, start, end, MAX_POINTS)
            return {"generation": generation, "device_id": device_id, "window": window,
                    "start": start, "end": end, "series": series}

        self.ops.read(read, self._history_loaded, self._history_failed, key="history")

    def _history_loaded(self, result: dict[str, Any] | None) -> None:
        if result is None or result["generation"] != self._generation:
            return  # cancelled, or the person moved on to another device or window
        self.history_loads += 1
        device_id, window = result["device_id"], result["window"]
        series: dict[str, list[tuple[float, float]]] = result["series"]
        if window == LIVE_WINDOW_S:
            self.backfilled.add(device_id)
            rings = self.live.setdefault(device_id, {})
            for key, points in series.items():
                rings.setdefault(key, Series()).prepend(points)
            if device_id == self._selected() and self.window_s == LIVE_WINDOW_S:
                self.draw_live()
            return
        if device_id != self._selected() or window != self.window_s:
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
        step = spacing(series)
        per = self.tr(" · {0} averages").format(duration(step)) if step else ""
        read_at = time.strftime("%H:%M:%S")
        self.chart_panel.set_caption(
            self.tr("History{0} · read {1}").format(per, read_at),
            self.tr("The last {0} from the history kept on the box: each point is the "
                    "average over its interval. Read at {1}; re-read every {2}.").format(
                        window_words(window), read_at,
                        duration(self.history_timer.interval() / 1000)))

    def _history_failed(self, error: BaseException) -> None:
        self.chart_panel.set_caption(self.tr("History could not be read"), error_text(error))
