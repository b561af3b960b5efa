"""API keys of the inference service: create one (name and model scope), then show its secret
exactly once with a Copy button, because only its hash is stored."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.dialogs.user_dialogs import FormDialog
from app.ui.theme import STATUS_COLOURS


class AddKeyDialog(FormDialog):
    """Name the key after who uses it; scope it to some models or let it use every model."""

    def __init__(self, keys: Any, actor: Any, models: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("AddKeyDialog", "Add API key"), parent)
        self._keys, self._actor = keys, actor
        self.name = QLineEdit()
        self.name.setObjectName("keyName")
        self.name.setPlaceholderText(self.tr("who uses it, e.g. line3-vision"))
        self.all_models = QCheckBox(self.tr("Every model (also models imported later)"))
        self.all_models.setObjectName("keyAllModels")
        self.all_models.setChecked(True)
        self.models = QListWidget()
        self.models.setObjectName("keyModels")
        self.models.setMaximumHeight(140)
        for name in models:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.models.addItem(item)
        self.models.setEnabled(False)
        self.all_models.toggled.connect(lambda on: self.models.setEnabled(not on))
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Models"), self.all_models)
        self.form.addRow("", self.models)

    def chosen_models(self) -> list[str] | None:
        """None: every model; else the ticked names."""
        if self.all_models.isChecked():
            return None
        return [self.models.item(i).text() for i in range(self.models.count())
                if self.models.item(i).checkState() == Qt.CheckState.Checked]

    def check(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("Give the key a name that says who uses it.")
        if self.chosen_models() == []:
            return self.tr("Tick at least one model, or allow every model.")
        return None

    def action(self) -> Callable[[], Any]:
        name, models = self.name.text().strip(), self.chosen_models()
        return lambda: self._keys.add(self._actor, name, models)


class SecretDialog(QDialog):
    """The new key's secret, shown once: copy it now, it cannot be shown again."""

    def __init__(self, key: Any, secret: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secretDialog")
        self.setWindowTitle(self.tr("New API key"))
        self.setMinimumWidth(560)
        self.copied = False
        scope = ", ".join(key.models) if key.models else self.tr("every model")
        intro = QLabel(self.tr("Key {0} ({1}) for {2}.").format(key.name, key.prefix, scope))
        intro.setWordWrap(True)
        warning = QLabel(self.tr(
            "Copy this key now and store it safely. You won't see it again: only its hash is "
            "kept. If it is lost, revoke it and add a new one."))
        warning.setObjectName("secretWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet(f"QLabel {{ background: {STATUS_COLOURS['warn']}; color: #1b1b1b;"
                              " font-weight: 600; border-radius: 4px; padding: 6px 8px; }")
        self.secret = QLineEdit(secret)
        self.secret.setObjectName("secretText")
        self.secret.setReadOnly(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.secret.setFont(mono)
        self.secret.setCursorPosition(0)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("copySecret")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        self.copied_label = QLabel()
        self.copied_label.setObjectName("muted")
        line = QHBoxLayout()
        line.addWidget(self.secret, 1)
        line.addWidget(self.copy_button)
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(self.tr("I have stored it"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(warning)
        layout.addLayout(line)
        layout.addWidget(self.copied_label)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.secret.text())
        self.copied = True
        self.copied_label.setText(self.tr("Copied to the clipboard."))
