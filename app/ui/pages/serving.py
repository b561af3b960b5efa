"""Serving page: the box's models as a local inference service (KServe v2 / Triton HTTP).

Start and stop `edgedeck serve` (a separate process, so the console and the service restart
independently), see its status, live request rate and latency, recent requests and errors, and
— administrators only — its API keys. Starting and stopping take seconds (a process starts and
drains), so they run in a ProgressPanel; the page polls status and rates every 2 s in a
background task while it is on screen. The page only reflects what the service allows: the
service checks the roles again.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.errors import EdgeDeckError
from app.ui.dialogs.api_key_dialogs import AddKeyDialog, SecretDialog
from app.ui.i18n_service import error_text, failure_text, service_text
from app.ui.pages.base import Page, card
from app.ui.theme import STATUS_COLOURS, plot_colours
from app.ui.time_text import local_time, parse_utc
from app.ui.widgets.controls import read_only_table, touch_button
from app.ui.widgets.model_widgets import StatusLine, current_theme
from app.ui.widgets.progress_panel import ProgressPanel
from app.ui.widgets.rows_model import RowsModel
from app.ui.workers import Task

POLL_MS = 2000
LIVE_WINDOW_S = 10  # the request rate and the chart: the last 10 s
LATENCY_WINDOW_S = 60  # p50 / p99 over the last minute
CHART_SPAN_S = 300
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TRITON_TYPES = {"float": "FP32", "float32": "FP32", "float16": "FP16", "double": "FP64",
                "float64": "FP64", "int64": "INT64", "int32": "INT32", "int16": "INT16",
                "int8": "INT8", "uint8": "UINT8", "bool": "BOOL"}


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


def _ms(value: float | None) -> str:
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
                  _ms(item.latency_ms), _ms(item.queue_ms),
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


# -- the page ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """One poll's worth of what the service says, gathered off the GUI thread."""

    status: Any
    live: Any | None
    minute: Any | None
    requests: list
    errors: list
    taken: float
    problem: str = ""


class ServingPage(Page):
    title = QT_TRANSLATE_NOOP("ServingPage", "Serving")
    scrollable = True

    def __init__(self, ctx: AppContext, actor: Actor, control: Any = None, keys: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.control = control if control is not None else ctx.serving
        self.keys = keys if keys is not None else ctx.api_keys
        self.manage_keys = self.can(Permission.MANAGE_API_KEYS)
        self.status: Any = None
        self.snapshot: Snapshot | None = None
        self.dialog: Any = None
        self.poll_task: Task | None = None
        self.last_secret_dialog: SecretDialog | None = None

        top = QHBoxLayout()  # side by side: a 1280x800 screen still shows the tables
        top.addWidget(self._service_section(), 1)
        top.addWidget(self._live_section(), 1)
        self.layout_.addLayout(top)
        self.message = StatusLine("servingMessage")
        self.layout_.addWidget(self.message)
        self.work = ProgressPanel(self)
        self.work.setObjectName("servingWork")
        self.layout_.addWidget(self.work)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("servingTabs")
        self.requests_model = RequestsTableModel()
        self.requests_table = read_only_table("requestsTable", self.requests_model, None)
        self.errors_model = ErrorsTableModel()
        self.errors_table = read_only_table("errorsTable", self.errors_model, None)
        self.tabs.addTab(self.requests_table, self.tr("Recent requests"))
        self.tabs.addTab(self.errors_table, self.tr("Recent errors"))
        self.tabs.addTab(self._keys_section(), self.tr("API keys"))
        self.tabs.addTab(self._example_section(), self.tr("Try it"))
        self.tabs.setMinimumHeight(300)
        self.layout_.addWidget(self.tabs, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self.reload_keys()
        self.update_example()
        self.poll()

    # -- building ------------------------------------------------------------------------

    def _service_section(self) -> QWidget:
        section, layout = card()
        heading = QLabel(self.tr("Inference service"))
        heading.setObjectName("sectionTitle")
        self.state_label = QLabel()
        self.state_label.setObjectName("servingState")
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("servingDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.host_edit = QLineEdit(DEFAULT_HOST)
        self.host_edit.setObjectName("servingHost")
        self.host_edit.textChanged.connect(self._host_changed)
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("servingPort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.port_spin.valueChanged.connect(lambda _: self.update_example())
        self.cert_edit = QLineEdit()
        self.cert_edit.setObjectName("servingCert")
        self.cert_edit.setPlaceholderText(self.tr("none: plain HTTP"))
        self.cert_edit.textChanged.connect(lambda _: self.update_example())
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("servingKeyFile")
        self.key_edit.setPlaceholderText(self.tr("none: plain HTTP"))
        cert_button = touch_button(self.tr("Choose…"), "servingCertChoose",
                                   lambda: self._choose(self.cert_edit,
                                   self.tr("TLS certificate (PEM)")))
        key_button = touch_button(self.tr("Choose…"), "servingKeyChoose",
                                  lambda: self._choose(self.key_edit,
                                  self.tr("TLS private key (PEM)")))
        self.exposure_warning = QLabel()
        self.exposure_warning.setObjectName("servingExposure")
        self.exposure_warning.setWordWrap(True)
        self.exposure_warning.setStyleSheet(
            f"QLabel {{ background: {STATUS_COLOURS['warn']}; color: #1b1b1b; font-weight: 600;"
            " border-radius: 4px; padding: 4px 8px; }")
        self.exposure_warning.hide()

        address = QHBoxLayout()
        address.addWidget(self.host_edit, 1)
        address.addWidget(QLabel(self.tr("Port")))
        address.addWidget(self.port_spin)
        cert_line = QHBoxLayout()
        cert_line.addWidget(self.cert_edit, 1)
        cert_line.addWidget(cert_button)
        key_line = QHBoxLayout()
        key_line.addWidget(self.key_edit, 1)
        key_line.addWidget(key_button)
        form = QFormLayout()
        form.addRow(self.tr("Address"), address)
        form.addRow(self.tr("TLS certificate"), cert_line)
        form.addRow(self.tr("TLS key"), key_line)

        self.start_button = touch_button(self.tr("Start"), "servingStart", self.start_service)
        self.stop_button = touch_button(self.tr("Stop"), "servingStop", self.stop_service)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)

        layout.addWidget(heading)
        layout.addWidget(self.state_label)
        layout.addWidget(self.detail_label)
        layout.addLayout(form)
        layout.addWidget(self.exposure_warning)
        layout.addLayout(buttons)
        return section

    def _live_section(self) -> QWidget:
        section, layout = card()
        heading = QLabel(self.tr("Live traffic"))
        heading.setObjectName("sectionTitle")
        self.rate_label = QLabel()
        self.rate_label.setObjectName("servingRate")
        self.rate_label.setWordWrap(True)
        self.per_model_label = QLabel()
        self.per_model_label.setObjectName("muted")
        self.per_model_label.setWordWrap(True)
        self.chart = RateChart()
        layout.addWidget(heading)
        layout.addWidget(self.rate_label)
        layout.addWidget(self.per_model_label)
        layout.addWidget(self.chart)
        return section

    def _keys_section(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.keys_model = KeysTableModel()
        self.keys_table = read_only_table("keysTable", self.keys_model, None)
        self.keys_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_key_buttons())
        self.add_key_button = touch_button(self.tr("Add key…"), "addKey", self.add_key)
        self.revoke_key_button = touch_button(self.tr("Revoke"), "revokeKey",
                                              self.revoke_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_key_button)
        buttons.addWidget(self.revoke_key_button)
        buttons.addStretch(1)
        self.keys_note = QLabel(self.tr(
            "Only administrators add, list and revoke API keys. Every call to the service "
            "needs a key (only the health checks do not)."))
        self.keys_note.setObjectName("muted")
        self.keys_note.setWordWrap(True)
        layout.addWidget(self.keys_note)
        layout.addLayout(buttons)
        layout.addWidget(self.keys_table, 1)
        for widget in (self.add_key_button, self.revoke_key_button, self.keys_table):
            widget.setVisible(self.manage_keys)
        self.keys_note.setVisible(not self.manage_keys)
        return box

    def _example_section(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        explain = QLabel(self.tr(
            "The service speaks the KServe v2 / Triton HTTP protocol, so existing clients work "
            "unchanged. Replace <key> with an API key."))
        explain.setObjectName("muted")
        explain.setWordWrap(True)
        self.example = QPlainTextEdit()
        self.example.setObjectName("servingExample")
        self.example.setReadOnly(True)
        self.example.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(explain)
        layout.addWidget(self.example, 1)
        return box

    def _choose(self, edit: QLineEdit, title: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, title, "",
                                              self.tr("PEM files (*.pem *.crt *.key);;"
                                                      "All files (*)"))
        if path:
            edit.setText(path)

    # -- address -------------------------------------------------------------------------

    def _host_changed(self, text: str) -> None:
        host = text.strip()
        exposed = bool(host) and not is_loopback(host)
        if exposed:
            wildcard = host in ("0.0.0.0", "::", "[::]")
            where = (self.tr("every network interface of this box") if wildcard
                     else self.tr("the network at {0}").format(host))
            self.exposure_warning.setText(self.tr(
                "Not a loopback address: the service will be reachable from {0}. Every call "
                "still needs an API key; give a TLS certificate and key so keys and data do not "
                "cross the network in clear text.").format(where))
        self.exposure_warning.setVisible(exposed)
        self.update_example()

    def base_url(self) -> str:
        """The running service's URL, else the one the address fields would give."""
        if self.status is not None and self.status.running and self.status.url:
            return str(self.status.url).rstrip("/")
        host = self.host_edit.text().strip() or DEFAULT_HOST
        if host in ("0.0.0.0", "::", "[::]"):
            host = DEFAULT_HOST
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        scheme = "https" if self.cert_edit.text().strip() else "http"
        return f"{scheme}://{host}:{self.port_spin.value()}"

    # -- polling -------------------------------------------------------------------------

    def poll(self) -> bool:
        """Read status, rates and the access log off the GUI thread (skipped while hidden or
        while the previous poll is still out)."""
        if self.poll_task is not None or (not self.isVisible() and self.status is not None):
            return False
        control, actor = self.control, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            status = control.status()
            try:
                live = control.rates(actor, LIVE_WINDOW_S)
                minute = control.rates(actor, LATENCY_WINDOW_S)
                requests = control.recent_requests(actor, 200)
                errors = control.recent_errors(actor, 50)
            except EdgeDeckError as exc:
                return Snapshot(status, None, None, [], [], time.time(), str(exc))
            return Snapshot(status, live, minute, requests, errors, time.time())

        task = Task(work)
        task.signals.finished.connect(self._polled)
        task.signals.failed.connect(self._poll_failed)
        self.poll_task = task.start()
        return True

    @property
    def polling(self) -> bool:
        return self.poll_task is not None

    def _polled(self, snapshot: Snapshot) -> None:
        self.poll_task = None
        self.snapshot = snapshot
        self.show_status(snapshot.status)
        if snapshot.problem:
            self.rate_label.setText(service_text(snapshot.problem))
            return
        live, minute = snapshot.live, snapshot.minute
        self.rate_label.setText(self.tr(
            "{0:.1f} requests/s (last {1} s) · p50 {2} ms · p99 {3} ms · {4} error(s) in the "
            "last {5} s").format(live.per_second, live.window_s, _ms(minute.p50_ms),
                                 _ms(minute.p99_ms), minute.errors, minute.window_s))
        if minute.per_model:
            self.per_model_label.setText(self.tr("Last minute per model: {0}").format(
                ", ".join(f"{name or '—'} {count}" for name, count in
                          sorted(minute.per_model.items(), key=lambda kv: -kv[1]))))
        else:
            self.per_model_label.setText(self.tr("No requests in the last minute."))
        self.chart.add(snapshot.taken, live.per_second)
        self._set_rows(self.requests_model, self.requests_table, snapshot.requests)
        self._set_rows(self.errors_model, self.errors_table, snapshot.errors)

    @staticmethod
    def _set_rows(model: RowsModel, view: QTableView, rows: Sequence[Any]) -> None:
        """Replace only when something changed: a reset loses the reader's place."""
        if list(rows) == model.rows:
            return
        model.set_rows(rows)
        view.resizeColumnsToContents()

    def _poll_failed(self, exc: BaseException) -> None:
        self.poll_task = None
        self.rate_label.setText(self.tr("Cannot read the service's state: {0}").format(
            error_text(exc)))

    def show_status(self, status: Any) -> None:
        """The status line and which buttons apply."""
        self.status = status
        if status.running:
            started = parse_utc(status.started_at)
            uptime = duration_text((datetime.now(timezone.utc) - started).total_seconds()) \
                if started else "—"
            self.state_label.setText(self.tr("● Running at {0}").format(status.url or "?"))
            self.state_label.setStyleSheet(f"color: {STATUS_COLOURS['ok']}; font-weight: 600;")
            models = ", ".join(status.models) if status.models else self.tr("no model yet")
            self.detail_label.setText(self.tr(
                "pid {0} · up {1} · TLS {2} · serving: {3}").format(
                status.pid, uptime, self.tr("on") if status.tls else self.tr("off"), models))
        else:
            self.state_label.setText(self.tr("○ Stopped"))
            self.state_label.setStyleSheet(f"color: {STATUS_COLOURS['unknown']};"
                                           " font-weight: 600;")
            self.detail_label.setText(self.tr("Last start failed: {0}").format(
                service_text(status.error))
                                      if status.error else self.tr(
                "Start it to serve the active model versions to the line's software."))
        self.update_example()
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.work.busy
        running = bool(self.status is not None and self.status.running)
        self.start_button.setEnabled(idle and not running)
        self.stop_button.setEnabled(idle and running)
        for widget in (self.host_edit, self.port_spin, self.cert_edit, self.key_edit):
            widget.setEnabled(idle and not running)

    # -- start / stop --------------------------------------------------------------------

    def start_service(self) -> bool:
        if self.work.busy:
            return False
        host = self.host_edit.text().strip()
        if not host:
            self.message.say(self.tr("Give the address to listen on (127.0.0.1 keeps the "
                                     "service on this box)."), "warn")
            return False
        cert = self.cert_edit.text().strip() or None
        key = self.key_edit.text().strip() or None
        if (cert is None) != (key is None):
            self.message.say(self.tr("TLS needs both the certificate and its private key."),
                             "warn")
            return False
        port, control, actor = self.port_spin.value(), self.control, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return control.start(actor, host=host, port=port, tls_cert=cert, tls_key=key)

        self.message.clear_line()
        self.work.run(self.tr("Starting the service on {0}:{1}…").format(host, port), work,
                      self._started, self._failed)
        self._update_buttons()
        return True

    def _started(self, status: Any) -> None:
        self.show_status(status)
        if status.running:
            self.message.say(self.tr("The service runs at {0}.").format(status.url), "ok")
        else:
            self.message.say(self.tr("The service did not start: {0}").format(
                service_text(status.error) or self.tr("no reason given")), "alarm")
        self.poll()

    def stop_service(self) -> bool:
        if self.work.busy:
            return False
        control, actor = self.control, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            control.stop(actor)
            return control.status()

        self.message.clear_line()
        self.work.run(self.tr("Stopping the service (in-flight requests finish first)…"), work,
                      self._stopped, self._failed)
        self._update_buttons()
        return True

    def _stopped(self, status: Any) -> None:
        self.show_status(status)
        self.message.say(self.tr("The service stopped.") if not status.running else
                         self.tr("The service is still running."),
                         "ok" if not status.running else "warn")

    def _failed(self, exc: BaseException) -> None:
        text = failure_text(exc)
        self.message.say(text, "alarm")
        self._update_buttons()

    # -- API keys ------------------------------------------------------------------------

    def reload_keys(self) -> None:
        if not self.manage_keys:
            return
        try:
            keys = self.keys.list(self.actor)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            keys = []
        self.keys_model.set_rows(keys)
        self.keys_table.resizeColumnsToContents()
        self._update_key_buttons()

    def selected_key(self) -> Any:
        index = self.keys_table.currentIndex()
        if not index.isValid() or index.row() >= len(self.keys_model.rows):
            return None
        return self.keys_model.rows[index.row()]

    def _update_key_buttons(self) -> None:
        key = self.selected_key()
        self.revoke_key_button.setEnabled(key is not None and not key.revoked_at)

    def add_key(self) -> AddKeyDialog:
        try:
            names = [m.name for m in self.ctx.models.list_models(self.actor)]
        except EdgeDeckError:
            names = []
        dialog = AddKeyDialog(self.keys, self.actor, names, self)
        dialog.accepted.connect(lambda: self._key_added(dialog.result_value))
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _key_added(self, result: tuple[Any, str]) -> None:
        key, secret = result
        self.reload_keys()
        self.message.say(self.tr("Key {0} ({1}) added.").format(key.name, key.prefix), "ok")
        dialog = SecretDialog(key, secret, self)
        dialog.finished.connect(lambda _: dialog.secret.clear())
        self.last_secret_dialog = dialog
        dialog.open()

    def revoke_selected(self, confirm: bool = True) -> QMessageBox | bool:
        key = self.selected_key()
        if key is None or key.revoked_at:
            return False
        if confirm:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Revoke API key"),
                              self.tr("Revoke {0} ({1})? Software using it is refused from its "
                                      "next request on; this cannot be undone.").format(
                                  key.name, key.prefix),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                              self)
            box.finished.connect(lambda _: self._revoke_answered(box, key))
            self.dialog = box
            box.open()
            return box
        try:
            self.keys.revoke(self.actor, key.id)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            return False
        self.message.say(self.tr("Key {0} ({1}) revoked.").format(key.name, key.prefix), "ok")
        self.reload_keys()
        return True

    def _revoke_answered(self, box: QMessageBox, key: Any) -> None:
        self.dialog = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            for row, item in enumerate(self.keys_model.rows):
                if item.id == key.id:
                    self.keys_table.selectRow(row)
            self.revoke_selected(confirm=False)

    # -- example -------------------------------------------------------------------------

    def _example_model(self) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
        """A served (else any active) model's name, inputs and outputs for the example."""
        served = list(self.status.models) if self.status is not None and self.status.models \
            else []
        try:
            names = served or [m.name for m in self.ctx.models.list_models(self.actor)
                               if m.active_version]
            if names:
                version = self.ctx.models.get_version(self.actor, names[0])
                return names[0], list(version.inputs), list(version.outputs)
        except EdgeDeckError:
            pass
        return (served[0] if served else "MODEL"), [], []

    def update_example(self) -> None:
        """curl and tritonclient calls for the current address and a model it serves."""
        url = self.base_url()
        name, inputs, outputs = self._example_model()
        first = inputs[0] if inputs else {"name": "INPUT", "shape": [1, 4], "dtype": "float"}
        shape = [d if isinstance(d, int) and d > 0 else 1 for d in first.get("shape") or [1]]
        dtype = TRITON_TYPES.get(str(first.get("dtype", "float")), "FP32")
        output = outputs[0]["name"] if outputs else "OUTPUT"
        count = math.prod(shape)
        numpy_type = {"FP32": "np.float32", "FP16": "np.float16", "FP64": "np.float64",
                      "INT64": "np.int64", "INT32": "np.int32", "INT16": "np.int16",
                      "INT8": "np.int8", "UINT8": "np.uint8", "BOOL": "np.bool_"}[dtype]
        tls = url.startswith("https")
        hostport = url.split("://", 1)[-1]
        cacert = ' --cacert "$CERT"' if tls else ""
        zero = "false" if dtype == "BOOL" else "0"
        lines = [
            "# " + self.tr("Is it up? (no key needed)"),
            f"curl{cacert} {url}/v2/health/ready",
            "",
            "# " + self.tr("The model's inputs and outputs"),
            f'curl{cacert} -H "Authorization: Bearer <key>" {url}/v2/models/{name}',
            "",
            "# " + self.tr("One inference (JSON tensors, flattened)"),
            f'curl{cacert} -H "Authorization: Bearer <key>" -H "Content-Type: application/json" \\',
            f"  -d '{{\"inputs\": [{{\"name\": \"{first['name']}\", \"shape\": {shape}, "
            f"\"datatype\": \"{dtype}\", \"data\": [{', '.join([zero] * min(count, 4))}"
            f"{', ...' if count > 4 else ''}]}}]}}' \\",
            f"  {url}/v2/models/{name}/infer",
            "",
            "# " + self.tr("Python (pip install tritonclient[http]):"),
            "import numpy as np",
            "import tritonclient.http as httpclient",
            "",
            f'client = httpclient.InferenceServerClient("{hostport}", ssl={tls})',
            'headers = {"Authorization": "Bearer <key>"}',
            f"x = np.zeros({tuple(shape)}, {numpy_type})",
            f'tensor = httpclient.InferInput("{first["name"]}", list(x.shape), "{dtype}")',
            "tensor.set_data_from_numpy(x)",
            f'result = client.infer("{name}", [tensor], headers=headers)',
            f'print(result.as_numpy("{output}"))',
        ]
        text = "\n".join(lines)
        if self.example.toPlainText() != text:
            self.example.setPlainText(text)

    # -- page life -----------------------------------------------------------------------

    def refresh(self) -> None:
        self.reload_keys()
        self.poll()

    def theme_changed(self, theme: str) -> None:
        self.chart.apply_theme(theme)

    def shutdown(self) -> None:
        self.timer.stop()
        for dialog in (self.dialog, self.last_secret_dialog):
            if dialog is not None:
                dialog.close()
        for task in (self.poll_task, self.work.task):
            if task is not None:
                task.cancel()
                task.done.wait(35)
