"""Sign-in. The password check (scrypt, a few hundred ms) runs off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
from app.auth.users import UserService
from app.errors import EdgeDeckError
from app.ui.i18n_service import error_text
from app.ui.operation import Operation


class LoginDialog(QDialog):
    def __init__(self, users: UserService, hint: str = "", device_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self.actor: Actor | None = None
        self.ops = Operation(self)
        self.ops.busy_changed.connect(self._set_busy)
        self.setWindowTitle(self.tr("EdgeDeck — sign in"))
        self.setMinimumWidth(460)

        title = QLabel(self.tr("Sign in to EdgeDeck"))
        title.setObjectName("pageTitle")
        subtitle = QLabel(device_name)
        subtitle.setObjectName("muted")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if device_name:
            layout.addWidget(subtitle)
        layout.addLayout(form)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setObjectName("demoHint")
            hint_label.setWordWrap(True)
            layout.addWidget(hint_label)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        if self.ops.busy:
            return
        name, password = self.username.text(), self.password.text()
        if not name.strip() or not password:
            self._show_error(self.tr("Enter your user name and password."))
            return
        users = self._users
        self.ops.start("", lambda progress, cancelled: users.authenticate(name, password),
                       self._succeeded, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        self.username.setEnabled(not busy)
        self.password.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Checking…"))
            self.error.show()

    def _succeeded(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)  # before the focus moves: a disabled field takes none
        self.password.clear()
        self.password.setFocus()
        message = error_text(exc) if isinstance(exc, EdgeDeckError) else self.tr(
            "Sign-in failed unexpectedly: {0}").format(exc)
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
