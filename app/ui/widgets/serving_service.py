"""The Serving page's service card: where the service listens (address, port, TLS files),
a loud warning when that is not this box only, whether it runs, and Start / Stop."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.i18n_service import service_text
from app.ui.theme import STATUS_COLOURS
from app.ui.time_text import parse_utc
from app.ui.widgets.controls import card, touch_button
from app.ui.widgets.serving_widgets import duration_text, is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class ServiceCard(QWidget):
    """`address_changed` fires when the address, port or TLS files change."""

    address_changed = Signal()

    def __init__(self, start: Callable[[], Any], stop: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        section, layout = card()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(section)
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
        self.port_spin.valueChanged.connect(lambda _: self.address_changed.emit())
        self.cert_edit = QLineEdit()
        self.cert_edit.setObjectName("servingCert")
        self.cert_edit.setPlaceholderText(self.tr("none: plain HTTP"))
        self.cert_edit.textChanged.connect(lambda _: self.address_changed.emit())
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

        self.start_button = touch_button(self.tr("Start"), "servingStart", start)
        self.stop_button = touch_button(self.tr("Stop"), "servingStop", stop)
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

    def set_state(self, idle: bool, running: bool) -> None:
        """Start when stopped, Stop when running; the address of a running service is fixed."""
        self.start_button.setEnabled(idle and not running)
        self.stop_button.setEnabled(idle and running)
        for widget in (self.host_edit, self.port_spin, self.cert_edit, self.key_edit):
            widget.setEnabled(idle and not running)

    def _choose(self, edit: QLineEdit, title: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, title, "",
                                              self.tr("PEM files (*.pem *.crt *.key);;"
                                                      "All files (*)"))
        if path:
            edit.setText(path)

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
        self.address_changed.emit()

    def base_url(self, status: Any) -> str:
        """The running service's URL, else the one the address fields would give."""
        if status is not None and status.running and status.url:
            return str(status.url).rstrip("/")
        host = self.host_edit.text().strip() or DEFAULT_HOST
        if host in ("0.0.0.0", "::", "[::]"):
            host = DEFAULT_HOST
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        scheme = "https" if self.cert_edit.text().strip() else "http"
        return f"{scheme}://{host}:{self.port_spin.value()}"

    def show_status(self, status: Any) -> None:
        """Running where, since when, serving what; or why the last start failed."""
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
