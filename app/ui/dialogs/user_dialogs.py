"""Small forms for accounts: add a user, set a password, change one's own password, unlock."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import EdgeDeckError
from app.ui.i18n_service import error_text
from app.ui.operation import Operation


class FormDialog(QDialog):
    """A form whose OK runs `action()` off the GUI thread (password hashing takes ~0.3 s) and
    stays open with the reason when the service refuses."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr(title))
        self.setMinimumWidth(440)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.result_value: Any = None
        self.ops = Operation(self, say=lambda text, kind: self.show_error(text),
                             failure=lambda exc: error_text(exc)
                             if isinstance(exc, EdgeDeckError) else repr(exc))
        self.ops.busy_changed.connect(lambda busy: self.buttons.setEnabled(not busy))

    def password_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def check(self) -> str | None:
        """Form-level validation before calling the service; returns a message or None."""
        return None

    def action(self) -> Callable[[], Any]:
        raise TypeError(f"{type(self).__name__} must define action()")

    def submit(self) -> None:
        if self.ops.busy:
            return
        problem = self.check()
        if problem:
            self.show_error(problem)
            return
        work = self.action()
        self.ops.start("", lambda progress, cancelled: work(), self._done)

    def _done(self, value: Any) -> None:
        self.result_value = value
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


class AddUserDialog(FormDialog):
    def __init__(self, users: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("AddUserDialog", "Add user"), parent)
        self._users, self._actor = users, actor
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in ("operator", "technician", "admin"):
            self.role.addItem(role, role)
        self.password = self.password_field("password")
        self.repeat = self.password_field("repeat")
        self.form.addRow(self.tr("User name"), self.username)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("Password"), self.password)
        self.form.addRow(self.tr("Repeat password"), self.repeat)

    def check(self) -> str | None:
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return None

    def action(self) -> Callable[[], Any]:
        name, password, role = self.username.text(), self.password.text(), self.role.currentData()
        return lambda: self._users.add_user(self._actor, name, password, role)


class SetPasswordDialog(FormDialog):
    """An administrator resets someone else's password."""

    def __init__(self, users: Any, actor: Any, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("SetPasswordDialog", "Reset password"), parent)
        self.setWindowTitle(self.tr("Reset password of {0}").format(username))
        self._users, self._actor, self._username = users, actor, username
        self.password = self.password_field("password")
        self.repeat = self.password_field("repeat")
        self.form.addRow(self.tr("New password"), self.password)
        self.form.addRow(self.tr("Repeat password"), self.repeat)

    def check(self) -> str | None:
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return None

    def action(self) -> Callable[[], Any]:
        password = self.password.text()
        return lambda: self._users.reset_password(self._actor, self._username, password)


class ChangeOwnPasswordDialog(FormDialog):
    def __init__(self, users: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("ChangeOwnPasswordDialog", "Change my password"),
                         parent)
        self._users, self._actor = users, actor
        self.current = self.password_field("current")
        self.password = self.password_field("password")
        self.repeat = self.password_field("repeat")
        self.form.addRow(self.tr("Current password"), self.current)
        self.form.addRow(self.tr("New password"), self.password)
        self.form.addRow(self.tr("Repeat new password"), self.repeat)

    def check(self) -> str | None:
        if self.password.text() != self.repeat.text():
            return self.tr("The two new passwords differ.")
        return None

    def action(self) -> Callable[[], Any]:
        old, new = self.current.text(), self.password.text()
        return lambda: self._users.change_own_password(self._actor, old, new)


class UnlockDialog(FormDialog):
    """Shown over the idle-locked window: the same person proves it is still them."""

    def __init__(self, users: Any, username: str, parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("UnlockDialog", "EdgeDeck is locked"), parent)
        self._users, self._username = users, username
        note = QLabel(self.tr("Locked after inactivity. Enter the password of {0} to go on, "
                              "or sign out.").format(username))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.password = self.password_field("password")
        self.form.addRow(self.tr("Password"), self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Sign out"))

    def action(self) -> Callable[[], Any]:
        password = self.password.text()
        return lambda: self._users.authenticate(self._username, password)

