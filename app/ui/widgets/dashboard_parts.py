"""The dashboard's arithmetic: live rings of readings, how many cards fit a row, how far apart
history points are, and chart windows and periods in words."""

from __future__ import annotations

from collections import deque

import numpy as np
from PySide6.QtCore import QCoreApplication

from app.ui.widgets.device_card import DeviceCard
from app.ui.widgets.history_chart import LIVE_WINDOW_S, WINDOWS

LIVE_POINTS = 2 * LIVE_WINDOW_S + 60  # enough for 5 minutes at the fastest 0.5 s interval
_WINDOW_WORDS = {seconds: text for text, seconds in WINDOWS}


class Series:
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


def rows_fit(cards: list[DeviceCard], columns: int, compact: bool, width: int,
              spacing: int) -> bool:
    """Whether every row of `columns` cards fits: a grid column is as wide as its widest card."""
    widths = [max(c.min_widths[compact] for c in cards[i::columns]) for i in range(columns)]
    return sum(widths) + spacing * (columns - 1) <= width


def spacing(series: dict[str, list[tuple[float, float]]]) -> float:
    """Typical seconds between points (the tier or re-bucketing the service chose)."""
    gaps = [b[0] - a[0] for points in series.values() for a, b in zip(points, points[1:],
                                                                        strict=False)]
    return float(np.median(gaps)) if gaps else 0.0


def window_words(seconds: int) -> str:
    """A chart window's name as its button shows it ("5 min", translated)."""
    return QCoreApplication.translate("ChartPanel", _WINDOW_WORDS[seconds])


def duration(seconds: float) -> str:
    """A spacing or re-read period in the largest whole unit, translated."""
    if seconds >= 3600:
        return QCoreApplication.translate("DashboardPage", "{0:g} h").format(seconds / 3600)
    if seconds >= 60:
        return QCoreApplication.translate("DashboardPage", "{0:g} min").format(seconds / 60)
    return QCoreApplication.translate("DashboardPage", "{0:g} s").format(seconds)
