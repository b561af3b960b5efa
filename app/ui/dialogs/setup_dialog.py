"""First-run setup: the first administrator and the appliance's name."""

from __future__ import annotations

import socket
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget

from app.auth.identity import Actor
from app.auth.passwords import MIN_LENGTH
from app.context import AppContext
from app.ui.dialogs.user_dialogs import FormDialog


class SetupDialog(FormDialog):
    """The form runs off the GUI thread (scrypt) and stays open with the reason on refusal."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("SetupDialog", "EdgeDeck — first-run setup"), parent)
        self._ctx = ctx
        self.setMinimumWidth(520)
        title = QLabel(self.tr("Welcome to EdgeDeck"))
        title.setObjectName("pageTitle")
        intro = QLabel(self.tr(
            "This appliance has no accounts yet. Create the first administrator; they can add "
            "technicians and operators afterwards. Data is kept in:\n{0}"
        ).format(ctx.data_dir))
        intro.setWordWrap(True)
        self.form.addRow(title)
        self.form.addRow(intro)
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.password = self.password_field("password")
        self.password.setPlaceholderText(self.tr("at least {0} characters").format(MIN_LENGTH))
        self.repeat = self.password_field("repeat")
        self.device_name = QLineEdit(ctx.settings.device_name or socket.gethostname())
        self.device_name.setObjectName("deviceName")
        self.form.addRow(self.tr("Administrator name"), self.username)
        self.form.addRow(self.tr("Password"), self.password)
        self.form.addRow(self.tr("Repeat password"), self.repeat)
        self.form.addRow(self.tr("Appliance name"), self.device_name)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Create administrator"))

    @property
    def actor(self) -> Actor | None:
        return self.result_value

    def check(self) -> str | None:
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return None

    def action(self) -> Callable[[], Actor]:
        name, password = self.username.text(), self.password.text()
        device_name, ctx = self.device_name.text(), self._ctx

        def work() -> Actor:
            actor = ctx.users.setup_admin(name, password, source="gui")
            if device_name.strip() and device_name.strip() != ctx.settings.device_name:
                ctx.settings.set_device_name(actor, device_name)
            return actor

        return work
