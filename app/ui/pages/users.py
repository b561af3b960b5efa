"""Users page (administrators): accounts, roles, enable/disable, password resets.

Accounts changed elsewhere (the CLI, a lockout, a sign-in) show up by themselves; the selected
account stays selected.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.users import User
from app.context import AppContext
from app.events import USERS
from app.ui.dialogs.user_dialogs import AddUserDialog, SetPasswordDialog
from app.ui.i18n import role_word
from app.ui.pages.base import Page, row
from app.ui.widgets.progress_panel import ProgressPanel

COLUMNS = (QT_TRANSLATE_NOOP("UsersPage", "User"), QT_TRANSLATE_NOOP("UsersPage", "Role"),
           QT_TRANSLATE_NOOP("UsersPage", "State"),
           QT_TRANSLATE_NOOP("UsersPage", "Last sign-in"),
           QT_TRANSLATE_NOOP("UsersPage", "Created by"))


class UsersPage(Page):
    title = QT_TRANSLATE_NOOP("UsersPage", "Users")

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("Add user…"))
        self.add_button.setObjectName("addUser")
        self.add_button.clicked.connect(self.add_user)
        self.toggle_button = QPushButton(self.tr("Disable"))
        self.toggle_button.setObjectName("toggleUser")
        self.toggle_button.clicked.connect(self.toggle_enabled)
        self.password_button = QPushButton(self.tr("Reset password…"))
        self.password_button.setObjectName("resetPassword")
        self.password_button.clicked.connect(self.reset_password)
        self.role_button = QPushButton(self.tr("Change role…"))
        self.role_button.setObjectName("changeRole")
        self.role_button.clicked.connect(self.change_role)
        self.layout_.addLayout(row(self.add_button, self.toggle_button, self.password_button,
                                   self.role_button))
        self.panel = ProgressPanel(self)  # shows a change only while it is slow
        self.layout_.addWidget(self.panel)
        self.layout_.addWidget(self.table, 1)
        self.ops = self.operation(self.panel)
        self.users: list[User] = []
        self.refresh()
        self.watch((USERS,))

    def refresh(self) -> None:
        chosen = self.selected()
        self.users = self.ctx.users.list_users(self.actor)
        self.table.setRowCount(0)
        for user in self.users:
            r = self.table.rowCount()
            self.table.insertRow(r)
            state = (self.tr("disabled") if not user.enabled
                     else self.tr("locked until {0}").format(user.locked_until[11:16])
                     if user.locked else self.tr("enabled"))
            for c, value in enumerate((user.username, role_word(user.role), state,
                                       (user.last_login_at or "never").replace("T", " ")[:16],
                                       user.created_by)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if chosen is not None:
            self.select(chosen.username)
        self._update_buttons()

    def selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows and rows[0].row() < len(self.users) else None

    def select(self, username: str) -> None:
        for index, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(index)

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.toggle_button, self.password_button, self.role_button):
            button.setEnabled(user is not None)
        if user is not None:
            locked_or_off = not user.enabled or user.locked
            self.toggle_button.setText(self.tr("Enable") if locked_or_off else self.tr("Disable"))

    def _run(self, fn: Callable[[], Any]) -> bool:
        """Change an account off the GUI thread; a refusal is shown; the table is re-read."""
        def refused(exc: BaseException) -> None:
            self.refresh()
            QMessageBox.warning(self, self.tr("Not changed"), self.ops.describe(exc))

        return self.ops.quick(fn, lambda _: self.refresh(), refused)

    def add_user(self) -> AddUserDialog:
        dialog = AddUserDialog(self.ctx.users, self.actor, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def toggle_enabled(self) -> None:
        user = self.selected()
        if user is None:
            return
        enable = not user.enabled or user.locked
        self._run(lambda: self.ctx.users.set_enabled(self.actor, user.username, enable))
        self.select(user.username)

    def reset_password(self) -> SetPasswordDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = SetPasswordDialog(self.ctx.users, self.actor, user.username, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def change_role(self, role: str | None = None) -> None:
        user = self.selected()
        if user is None:
            return
        if not role:
            roles = ["operator", "technician", "admin"]
            role, ok = QInputDialog.getItem(self, self.tr("Change role"),
                                            self.tr("Role of {0}").format(user.username),
                                            roles, roles.index(user.role), False)
            if not ok:
                return
        self._run(lambda: self.ctx.users.set_role(self.actor, user.username, role))
        self.select(user.username)


