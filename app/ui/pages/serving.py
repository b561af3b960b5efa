"""Serving page: the box's models as a local inference service (KServe v2 / Triton HTTP).

Start and stop `edgedeck serve` (a separate process, so the console and the service restart
independently), see its status, live request rate and latency, recent requests and errors, and
— administrators only — its API keys. Starting and stopping take seconds (a process starts and
drains), so they run in a ProgressPanel; the page polls status and rates every 2 s in a
background read while it is on screen, and keys added or revoked elsewhere appear by
themselves. The page only reflects what the service allows: the service checks the roles again.
Its parts are in app/ui/widgets/serving_*.py: the service card, the tables and chart, the API
keys tab and the example.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.errors import EdgeDeckError
from app.events import SERVING
from app.ui.i18n_service import error_text, service_text
from app.ui.pages.base import Page, card
from app.ui.widgets.controls import StatusLine, read_only_table
from app.ui.widgets.progress_panel import ProgressPanel
from app.ui.widgets.rows_model import RowsModel
from app.ui.widgets.serving_example import client_example
from app.ui.widgets.serving_keys import ApiKeysTab
from app.ui.widgets.serving_service import ServiceCard
from app.ui.widgets.serving_widgets import (
    OUTCOME_WORDS,
    POLL_MS,
    ErrorsTableModel,
    RateChart,
    RequestsTableModel,
    duration_text,
    is_loopback,
    ms_text,
)

__all__ = ["OUTCOME_WORDS", "ServingPage", "duration_text", "is_loopback"]  # as before

LIVE_WINDOW_S = 10  # the request rate and the chart: the last 10 s
LATENCY_WINDOW_S = 60  # p50 / p99 over the last minute


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
    shutdown_wait_s = 35.0  # stopping drains in-flight requests

    def __init__(self, ctx: AppContext, actor: Actor, control: Any = None, keys: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.control = control if control is not None else ctx.serving
        self.keys = keys if keys is not None else ctx.api_keys
        self.manage_keys = self.can(Permission.MANAGE_API_KEYS)
        self.status: Any = None
        self.snapshot: Snapshot | None = None

        top = QHBoxLayout()  # side by side: a 1280x800 screen still shows the tables
        self.service = ServiceCard(self.start_service, self.stop_service)
        self.service.address_changed.connect(self.update_example)
        service = self.service  # its widgets, by the names the page always had
        self.state_label, self.detail_label = service.state_label, service.detail_label
        self.host_edit, self.port_spin = service.host_edit, service.port_spin
        self.cert_edit, self.key_edit = service.cert_edit, service.key_edit
        self.exposure_warning = service.exposure_warning
        self.start_button, self.stop_button = service.start_button, service.stop_button
        top.addWidget(self.service, 1)
        top.addWidget(self._live_section(), 1)
        self.layout_.addLayout(top)
        self.message = StatusLine("servingMessage")
        self.layout_.addWidget(self.message)
        self.work = ProgressPanel(self)
        self.work.setObjectName("servingWork")
        self.layout_.addWidget(self.work)
        self.ops = self.operation(self.work, self.message.say, self.message.clear_line)
        self.ops.busy_changed.connect(lambda _: self._update_buttons())

        self.tabs = QTabWidget()
        self.tabs.setObjectName("servingTabs")
        self.requests_model = RequestsTableModel()
        self.requests_table = read_only_table("requestsTable", self.requests_model, None)
        self.errors_model = ErrorsTableModel()
        self.errors_table = read_only_table("errorsTable", self.errors_model, None)
        self.tabs.addTab(self.requests_table, self.tr("Recent requests"))
        self.tabs.addTab(self.errors_table, self.tr("Recent errors"))
        self.keys_tab = ApiKeysTab(self.keys, actor, self.manage_keys, self.ops, self.message,
                                   self._model_names)
        self.tabs.addTab(self.keys_tab, self.tr("API keys"))
        self.keys_model, self.keys_table = self.keys_tab.keys_model, self.keys_tab.keys_table
        self.add_key_button = self.keys_tab.add_key_button
        self.revoke_key_button = self.keys_tab.revoke_key_button
        self.keys_note = self.keys_tab.keys_note
        self.reload_keys, self.selected_key = self.keys_tab.reload_keys, self.keys_tab.selected_key
        self.add_key, self.revoke_selected = self.keys_tab.add_key, self.keys_tab.revoke_selected
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
        self.watch((SERVING,), self.reload_keys)  # keys added or revoked elsewhere

    # -- building ------------------------------------------------------------------------

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

    # -- polling -------------------------------------------------------------------------

    def poll(self) -> bool:
        """Read status, rates and the access log off the GUI thread (skipped while hidden or
        while the previous poll is still out)."""
        if self.polling or (not self.isVisible() and self.status is not None):
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

        self.ops.read(work, self._polled, self._poll_failed, key="poll")
        return True

    @property
    def polling(self) -> bool:
        return self.ops.reading("poll")

    def _polled(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.show_status(snapshot.status)
        if snapshot.problem:
            self.rate_label.setText(service_text(snapshot.problem))
            return
        live, minute = snapshot.live, snapshot.minute
        self.rate_label.setText(self.tr(
            "{0:.1f} requests/s (last {1} s) · p50 {2} ms · p99 {3} ms · {4} error(s) in the "
            "last {5} s").format(live.per_second, live.window_s, ms_text(minute.p50_ms),
                                 ms_text(minute.p99_ms), minute.errors, minute.window_s))
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
        self.rate_label.setText(self.tr("Cannot read the service's state: {0}").format(
            error_text(exc)))

    def show_status(self, status: Any) -> None:
        """The status line and which buttons apply."""
        self.status = status
        self.service.show_status(status)
        self.update_example()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.service.set_state(not self.ops.busy,
                               bool(self.status is not None and self.status.running))

    def base_url(self) -> str:
        """The running service's URL, else the one the address fields would give."""
        return self.service.base_url(self.status)

    # -- start / stop --------------------------------------------------------------------

    def start_service(self) -> bool:
        if self.ops.busy:
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

        return self.ops.start(self.tr("Starting the service on {0}:{1}…").format(host, port),
                              work, self._started)

    def _started(self, status: Any) -> None:
        self.show_status(status)
        if status.running:
            self.message.say(self.tr("The service runs at {0}.").format(status.url), "ok")
        else:
            self.message.say(self.tr("The service did not start: {0}").format(
                service_text(status.error) or self.tr("no reason given")), "alarm")
        self.poll()

    def stop_service(self) -> bool:
        if self.ops.busy:
            return False
        control, actor = self.control, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            control.stop(actor)
            return control.status()

        return self.ops.start(self.tr("Stopping the service (in-flight requests finish first)…"),
                              work, self._stopped)

    def _stopped(self, status: Any) -> None:
        self.show_status(status)
        self.message.say(self.tr("The service stopped.") if not status.running else
                         self.tr("The service is still running."),
                         "ok" if not status.running else "warn")

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
        text = client_example(self.base_url(), *self._example_model())
        if self.example.toPlainText() != text:
            self.example.setPlainText(text)

    # -- page life -----------------------------------------------------------------------

    def refresh(self) -> None:
        self.reload_keys()
        self.poll()

    def theme_changed(self, theme: str) -> None:
        self.chart.apply_theme(theme)

    @property
    def last_secret_dialog(self) -> Any:
        return self.keys_tab.last_secret_dialog

    def _model_names(self) -> list[str]:
        try:
            return [m.name for m in self.ctx.models.list_models(self.actor)]
        except EdgeDeckError:
            return []

    def shutdown(self) -> None:
        self.timer.stop()
        self.keys_tab.close_dialogs()
        super().shutdown()
