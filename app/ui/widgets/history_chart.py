"""Time charts for one device: window buttons (5 min / 1 h / 24 h / 30 d) over 2-3 plots.

The panel only draws; the page decides where points come from (live snapshots for 5 min,
the history service for longer windows), so no query ever runs on the GUI thread from here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui.i18n_service import unit_text
from app.ui.theme import plot_colours

# (button text, seconds). The first one is live.
WINDOWS: tuple[tuple[str, int], ...] = (
    (QT_TRANSLATE_NOOP("ChartPanel", "5 min"), 300), (QT_TRANSLATE_NOOP("ChartPanel", "1 h"), 3600),
    (QT_TRANSLATE_NOOP("ChartPanel", "24 h"), 86_400),
    (QT_TRANSLATE_NOOP("ChartPanel", "30 d"), 30 * 86_400),
)
LIVE_WINDOW_S = WINDOWS[0][1]
CURVE_COLOURS = ("#2b6cb0", "#8e44ad", "#c0392b")
DARK_CURVE_COLOURS = ("#63a4ff", "#c39bd3", "#ff7b72")
_BOUNDED_UNITS = {"%": 100.0, "°C": 100.0}
ACCENT = {"light": "#2b6cb0", "dark": "#3b82c4"}  # the palette's Highlight per theme


class HistoryChart(pg.PlotWidget):
    """One reading over time: a date axis, a fixed 0-100 scale for % and °C, a title."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.index = index
        self.key: str | None = None
        self.label = ""
        self.unit = ""
        self.setObjectName(f"historyChart{index}")
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseEnabled(x=False, y=False)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.showGrid(x=True, y=True, alpha=0.2)
        self.getAxis("left").setWidth(48)
        # Show the 0 and 100 labels at the very ends of the scale (hidden by default).
        self.getAxis("left").setStyle(hideOverlappingLabels=False)
        self.curve = self.plot(pen=pg.mkPen(CURVE_COLOURS[index % 3], width=2))
        self.curve.setClipToView(True)
        self._theme = "light"
        self._y_top: float | None = None
        self._empty = True
        self._foreground = plot_colours("light")["foreground"]

    def configure(self, key: str, label: str, unit: str) -> None:
        """Point the chart at another reading (keeps the widget: no rebuild per device).

        `label` is shown as given (the page translates it); `unit` stays the reader's, which
        decides the scale, and is translated only in the title."""
        self.key, self.label, self.unit = key, label, unit
        self._y_top = None
        self.curve.setData([], [])
        self._empty = True
        self._set_title()

    def set_points(self, xs: Sequence[float] | np.ndarray, ys: Sequence[float] | np.ndarray,
                   start: float, end: float) -> None:
        """Draw (t, value) points over [start, end] (epoch seconds)."""
        xs = np.asarray(xs, dtype=float)
        ys = np.asarray(ys, dtype=float)
        self.curve.setData(xs, ys)
        self.setXRange(start, end, padding=0)
        top = _BOUNDED_UNITS.get(self.unit)
        if top is not None and (len(ys) == 0 or ys.max() <= top):
            wanted = top
        else:
            peak = float(ys.max()) if len(ys) else 1.0
            wanted = _nice_ceiling(max(peak * 1.1, 1e-9))
        if wanted != self._y_top:
            self._y_top = wanted
            # Room above the top and below 0 so both end labels fit inside the axis.
            self.setYRange(-0.04 * wanted, 1.1 * wanted, padding=0)
        empty = len(xs) == 0
        if empty != self._empty:
            self._empty = empty
            self._set_title()

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """The drawn points (tests and diagnostics)."""
        xs, ys = self.curve.getData()
        if xs is None:
            return np.array([]), np.array([])
        return xs, ys

    def apply_theme(self, theme: str) -> None:
        colours = plot_colours(theme)
        self._theme = theme
        self._foreground = colours["foreground"]
        self.setBackground(colours["background"])
        palette = DARK_CURVE_COLOURS if theme == "dark" else CURVE_COLOURS
        self.curve.setPen(pg.mkPen(palette[self.index % 3], width=2))
        for name in ("left", "bottom"):
            axis = self.getAxis(name)
            axis.setTextPen(colours["foreground"])
            axis.setPen(colours["foreground"])
        self._set_title()

    def _set_title(self) -> None:
        if not self.key:
            self.setTitle("")
            return
        unit = f" ({unit_text(self.unit)})" if self.unit else ""
        suffix = QCoreApplication.translate(
            "ChartPanel", " — no data in this window") if self._empty else ""
        self.setTitle(f"{self.label}{unit}{suffix}", color=self._foreground, size="11pt")


def _nice_ceiling(value: float) -> float:
    """1, 2, 2.5, 5 or 10 times a power of ten: axis tops people can read."""
    exponent = np.floor(np.log10(value))
    base = 10 ** exponent
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * base:
            return float(step * base)
    return float(10 * base)


class ChartPanel(QWidget):
    """Window buttons, a caption saying what the points are, and up to three charts."""

    window_changed = Signal(int)  # seconds

    def __init__(self, parent: QWidget | None = None, charts: int = 3) -> None:
        super().__init__(parent)
        self.buttons: dict[int, QPushButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for text, seconds in WINDOWS:
            button = QPushButton(self.tr(text))
            button.setCheckable(True)
            button.setMinimumHeight(40)
            button.setMinimumWidth(72)
            button.setObjectName(f"window_{seconds}")
            button.setToolTip(self.tr("Show the last {0}").format(self.tr(text)))
            self.group.addButton(button, seconds)
            self.buttons[seconds] = button
            bar.addWidget(button)
        self.caption = QLabel()
        self.caption.setObjectName("muted")
        self.caption.setWordWrap(True)
        bar.addSpacing(8)
        bar.addWidget(self.caption, 1)
        self.buttons[LIVE_WINDOW_S].setChecked(True)
        self.group.idToggled.connect(self._toggled)

        self.charts = [HistoryChart(i) for i in range(charts)]
        self.empty = QLabel(self.tr("This device reports nothing that can be charted."))
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(bar)
        for chart in self.charts:
            layout.addWidget(chart, 1)
            chart.hide()
        layout.addWidget(self.empty)

    @property
    def window_s(self) -> int:
        return self.group.checkedId()

    def set_window(self, seconds: int) -> None:
        self.buttons[seconds].setChecked(True)

    def _toggled(self, seconds: int, checked: bool) -> None:
        if checked:
            self.window_changed.emit(seconds)

    def configure(self, series: Sequence[tuple[str, str, str]]) -> None:
        """(key, label, unit) per chart; charts beyond len(series) are hidden."""
        for i, chart in enumerate(self.charts):
            if i < len(series):
                chart.configure(*series[i])
                chart.show()
            else:
                chart.hide()
                chart.key = None
        self.empty.setVisible(not series)

    def set_caption(self, text: str, tooltip: str = "") -> None:
        if text != self.caption.text():
            self.caption.setText(text)
        if tooltip != self.caption.toolTip():
            self.caption.setToolTip(tooltip)

    def chart_for(self, key: str) -> HistoryChart | None:
        return next((c for c in self.charts if c.key == key and c.isVisibleTo(self)), None)

    def apply_theme(self, theme: str) -> None:
        accent = ACCENT.get(theme, ACCENT["light"])
        for button in self.buttons.values():  # the chosen window must be obvious
            button.setStyleSheet(f"QPushButton:checked {{ background: {accent}; color: white; "
                                 "font-weight: 600; }")
        for chart in self.charts:
            chart.apply_theme(theme)
