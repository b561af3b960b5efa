"""The Serving page's pieces: request, error and API-key tables, the live request-rate chart,
and durations and latencies as people read them."""

from __future__ import annotations

import ipaddress
import math
from collections import deque
from datetime import datetime, timezone
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.ui.theme import STATUS_COLOURS, plot_colours
from app.ui.time_text import local_time, parse_utc
from app.ui.widgets.model_widgets import current_theme
from app.ui.widgets.rows_model import RowsModel

POLL_MS = 2000  # the page polls the service this often: one chart point each time
CHART_SPAN_S = 300
def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and 'localhost' stay on this box; anything else is on a network."""
    text = host.strip().strip("[]").lower()
    if text == "localhost":
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


EXPIRY_SOON_DAYS = 7  # a key closer than this to its expiry is shown amber


def duration_text(seconds: float) -> str:
    """3 s, 4 min, 2 h 5 min, 3 d 4 h (literal translate() calls: lupdate reads them)."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return QCoreApplication.translate("ServingPage", "{0} s").format(seconds)
    minutes = seconds // 60
    if minutes < 60:
        return QCoreApplication.translate("ServingPage", "{0} min").format(minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return QCoreApplication.translate("ServingPage", "{0} h {1} min").format(hours,
                                                                                 minutes)
    days, hours = divmod(hours, 24)
    return QCoreApplication.translate("ServingPage", "{0} d {1} h").format(days, hours)


def ms_text(value: float | None) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{value:.1f}"


# -- tables ------------------------------------------------------------------------------------

# The access log's outcome words (app/serving/access_log.py outcome_of): shown as stored in
# English, translated in other languages.
OUTCOME_WORDS = frozenset((
    QT_TRANSLATE_NOOP("RequestsTableModel", "ok"),
    QT_TRANSLATE_NOOP("RequestsTableModel", "bad_request"),
    QT_TRANSLATE_NOOP("RequestsTableModel", "unauthorized"),
    QT_TRANSLATE_NOOP("RequestsTableModel", "forbidden"),
    QT_TRANSLATE_NOOP("RequestsTableModel", "not_found"),
    QT_TRANSLATE_NOOP("RequestsTableModel", "too_large"),
    QT_TRANSLATE_NOOP("RequestsTableModel", "timeout"),
    QT_TRANSLATE_NOOP("RequestsTableModel", "unavailable"),
    QT_TRANSLATE_NOOP("RequestsTableModel", "client_error"),
    QT_TRANSLATE_NOOP("RequestsTableModel", "error"),
))


def outcome_word(outcome: str) -> str:
    """An access-log outcome in the interface language (unknown words as stored)."""
    if outcome in OUTCOME_WORDS:
        return QCoreApplication.translate("RequestsTableModel", outcome)
    return outcome


class RequestsTableModel(RowsModel):
    headers = (
        QT_TRANSLATE_NOOP("RequestsTableModel", "Time"),
        QT_TRANSLATE_NOOP("RequestsTableModel", "Key"),
        QT_TRANSLATE_NOOP("RequestsTableModel", "Model"),
        QT_TRANSLATE_NOOP("RequestsTableModel", "Version"),
        QT_TRANSLATE_NOOP("RequestsTableModel", "Status"),
        QT_TRANSLATE_NOOP("RequestsTableModel", "Outcome"),
        QT_TRANSLATE_NOOP("RequestsTableModel", "Latency (ms)"),
        QT_TRANSLATE_NOOP("RequestsTableModel", "Queue (ms)"),
        QT_TRANSLATE_NOOP("RequestsTableModel", "Batch"),
    )

    def text(self, item: Any, column: int) -> str:
        values = (local_time(item.time), item.key or "—", item.model or "—",
                  f"v{item.version}" if item.version else "—", str(item.status),
                  outcome_word(item.outcome),
                  ms_text(item.latency_ms), ms_text(item.queue_ms),
                  str(item.batch_size) if item.batch_size else "—")
        return values[column]

    def tooltip(self, item: Any, column: int) -> str | None:
        if column == 0:
            return local_time(item.time, with_date=True)
        return item.error or None

    def style(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and item.status >= 400:
            return QBrush(QColor(STATUS_COLOURS["alarm"]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ErrorsTableModel(RowsModel):
    headers = (
        QT_TRANSLATE_NOOP("ErrorsTableModel", "Time"),
        QT_TRANSLATE_NOOP("ErrorsTableModel", "Key"),
        QT_TRANSLATE_NOOP("ErrorsTableModel", "Model"),
        QT_TRANSLATE_NOOP("ErrorsTableModel", "Status"),
        QT_TRANSLATE_NOOP("ErrorsTableModel", "Error"),
    )

    def text(self, item: Any, column: int) -> str:
        values = (local_time(item.time, with_date=True), item.key or "—", item.model or "—",
                  str(item.status), item.error or outcome_word(item.outcome))
        return values[column]


class KeysTableModel(RowsModel):
    headers = (
        QT_TRANSLATE_NOOP("KeysTableModel", "Name"),
        QT_TRANSLATE_NOOP("KeysTableModel", "Prefix"),
        QT_TRANSLATE_NOOP("KeysTableModel", "Models"),
        QT_TRANSLATE_NOOP("KeysTableModel", "Created"),
        QT_TRANSLATE_NOOP("KeysTableModel", "Created by"),
        QT_TRANSLATE_NOOP("KeysTableModel", "Last used"),
        QT_TRANSLATE_NOOP("KeysTableModel", "State"),
    )

    def text(self, item: Any, column: int) -> str:
        models = ", ".join(item.models) if item.models else QCoreApplication.translate(
            "KeysTableModel", "every model")
        state = self.state_text(item)
        values = (item.name, item.prefix, models, local_time(item.created_at, True),
                  item.created_by,
                  local_time(item.last_used_at, True) if item.last_used_at else "—", state)
        return values[column]

    @staticmethod
    def state_text(item: Any) -> str:
        """active / active until … / expired … / revoked … (literal translate() calls)."""
        state = item.state()
        if state == "revoked":
            return QCoreApplication.translate("KeysTableModel", "revoked {0}").format(
                local_time(item.revoked_at, True))
        if state == "expired":
            return QCoreApplication.translate("KeysTableModel", "expired {0}").format(
                local_time(item.expires_at, True))
        if item.expires_at:
            return QCoreApplication.translate("KeysTableModel", "active until {0}").format(
                local_time(item.expires_at, True))
        return QCoreApplication.translate("KeysTableModel", "active")

    def style(self, item: Any, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.ForegroundRole:
            return None
        if item.state() != "active":
            return QBrush(QColor(STATUS_COLOURS["unknown"]))
        expires = parse_utc(item.expires_at) if column == 6 else None
        if expires is not None and (expires - datetime.now(timezone.utc)).days < EXPIRY_SOON_DAYS:
            return QBrush(QColor(STATUS_COLOURS["warn"]))  # renew before the line stops
        return None


# -- the rate chart ----------------------------------------------------------------------------


class RateChart(pg.PlotWidget):
    """Requests per second (left axis) over the last five minutes, one point per poll."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.setObjectName("servingRateChart")
        self.setMinimumHeight(110)
        self.setMaximumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseEnabled(x=False, y=False)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.showGrid(x=True, y=True, alpha=0.2)
        self.getAxis("left").setWidth(48)
        self.curve = self.plot(pen=pg.mkPen("#2b6cb0", width=2))
        self.points: deque[tuple[float, float]] = deque(maxlen=CHART_SPAN_S * 1000 // POLL_MS)
        self.apply_theme(current_theme())

    def apply_theme(self, theme: str) -> None:
        colours = plot_colours(theme)
        self.setBackground(colours["background"])
        for name in ("left", "bottom"):
            axis = self.getAxis(name)
            axis.setTextPen(colours["foreground"])
            axis.setPen(colours["foreground"])

    def add(self, when: float, per_second: float) -> None:
        self.points.append((when, per_second))
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        self.curve.setData(xs, ys)
        # The points there are (at least a minute), up to five minutes: not a flat line
        # squeezed into the right edge while the page has been open for a few seconds.
        start = max(when - CHART_SPAN_S, min(xs[0], when - 60))
        self.setXRange(start, when, padding=0)
        self.setYRange(0, max(1.0, max(ys) * 1.2), padding=0)
