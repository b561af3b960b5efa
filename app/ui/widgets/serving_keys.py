"""The Serving page's API keys tab (administrators): list, add (the secret shown once) and
revoke. Every call to the service needs a key; the service checks the role again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from app.auth.identity import Actor
from app.errors import EdgeDeckError
from app.ui.dialogs.api_key_dialogs import AddKeyDialog, SecretDialog
from app.ui.i18n_service import error_text
from app.ui.operation import Operation
from app.ui.widgets.controls import StatusLine, read_only_table, touch_button
from app.ui.widgets.serving_widgets import KeysTableModel


class ApiKeysTab(QWidget):
    """`model_names()` lists what a new key may be limited to."""

    def __init__(self, keys: Any, actor: Actor, manage: bool, ops: Operation,
                 message: StatusLine, model_names: Callable[[], list[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys, self.actor, self.manage_keys = keys, actor, manage
        self.ops, self.message, self._model_names = ops, message, model_names
        self.dialog: Any = None
        self.last_secret_dialog: SecretDialog | None = None
        layout = QVBoxLayout(self)
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

    def reload_keys(self) -> None:
        if not self.manage_keys:
            return
        try:
            keys = self.keys.list(self.actor)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            keys = []
        chosen = self.selected_key()
        self.keys_model.set_rows(keys)
        self.keys_table.resizeColumnsToContents()
        if chosen is not None:  # the selected key stays selected (a change elsewhere re-reads)
            for row, key in enumerate(keys):
                if key.id == chosen.id:
                    self.keys_table.selectRow(row)
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
        dialog = AddKeyDialog(self.keys, self.actor, self._model_names(), self)
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

        def revoked(_: Any) -> None:
            self.message.say(self.tr("Key {0} ({1}) revoked.").format(key.name, key.prefix),
                             "ok")
            self.reload_keys()

        return self.ops.quick(lambda: self.keys.revoke(self.actor, key.id), revoked)

    def _revoke_answered(self, box: QMessageBox, key: Any) -> None:
        self.dialog = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            for row, item in enumerate(self.keys_model.rows):
                if item.id == key.id:
                    self.keys_table.selectRow(row)
            self.revoke_selected(confirm=False)

    def close_dialogs(self) -> None:
        for dialog in (self.dialog, self.last_secret_dialog):
            if dialog is not None:
                dialog.close()
