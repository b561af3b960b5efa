"""First-run setup: the first administrator and the appliance's name."""

from __future__ import annotations

import socket

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.passwords import MIN_LENGTH
from app.context import AppContext
from app.errors import EdgeDeckError
from app.ui.workers import Task


class SetupDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.actor: Actor | None = None
        self._task: Task | None = None
        self.setWindowTitle(self.tr("EdgeDeck — first-run setup"))
        self.setMinimumWidth(520)

        title = QLabel(self.tr("Welcome to EdgeDeck"))
        title.setObjectName("pageTitle")
        intro = QLabel(self.tr(
            "This appliance has no accounts yet. Create the first administrator; they can add "
            "technicians and operators afterwards. Data is kept in:\n{0}"
        ).format(ctx.data_dir))
        intro.setWordWrap(True)
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("at least {0} characters").format(MIN_LENGTH))
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.device_name = QLineEdit(ctx.settings.device_name or socket.gethostname())
        self.device_name.setObjectName("deviceName")
        form = QFormLayout()
        form.addRow(self.tr("Administrator name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        form.addRow(self.tr("Appliance name"), self.device_name)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Create administrator"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        if self._task is not None:
            return
        if self.password.text() != self.repeat.text():
            self._show_error(self.tr("The two passwords differ."))
            return
        name, password = self.username.text(), self.password.text()
        device_name = self.device_name.text()
        ctx = self._ctx

        def work(progress: object, cancelled: object) -> Actor:
            actor = ctx.users.setup_admin(name, password, source="gui")
            if device_name.strip() and device_name.strip() != ctx.settings.device_name:
                ctx.settings.set_device_name(actor, device_name)
            return actor

        self.buttons.setEnabled(False)
        self._task = Task(work)
        self._task.signals.finished.connect(self._succeeded)
        self._task.signals.failed.connect(self._failed)
        self._task.start()

    def _succeeded(self, actor: Actor) -> None:
        self._task = None
        self.actor = actor
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.buttons.setEnabled(True)
        self._show_error(str(exc) if isinstance(exc, EdgeDeckError) else repr(exc))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
