"""Leaving kiosk mode: a technician or administrator signs in (an operator cannot)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.ui.dialogs.user_dialogs import FormDialog


class KioskExitDialog(FormDialog):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__("Leave kiosk mode", parent)
        self._users = ctx.users
        note = QLabel(self.tr("A technician or administrator signs in to leave kiosk mode."))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = self.password_field("password")
        self.form.addRow(self.tr("User name"), self.username)
        self.form.addRow(self.tr("Password"), self.password)

    def action(self) -> Callable[[], Any]:
        name, password = self.username.text(), self.password.text()
        return lambda: self._users.unlock_kiosk(name, password)
