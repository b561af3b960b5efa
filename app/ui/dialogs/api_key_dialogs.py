"""API keys of the inference service: create one (name, model scope, expiry), then show its
secret exactly once with a Copy button, because only its hash is stored."""

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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.serving.keys import MAX_EXPIRY_DAYS
from app.ui.dialogs.user_dialogs import FormDialog
from app.ui.theme import STATUS_COLOURS
from app.ui.time_text import local_when


class AddKeyDialog(FormDialog):
    """Name the key after who uses it; scope it to some models or let it use every model; let
    it expire on its own (a contractor's rig, a trial) or never."""

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
        self.expires = QSpinBox()
        self.expires.setObjectName("keyExpiresDays")
        self.expires.setRange(0, MAX_EXPIRY_DAYS)
        self.expires.setSpecialValueText(self.tr("never"))  # shown for 0
        self.expires.setSuffix(self.tr(" days"))
        self.expires.setValue(0)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Models"), self.all_models)
        self.form.addRow("", self.models)
        self.form.addRow(self.tr("Expires after"), self.expires)

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

    def expires_days(self) -> int | None:
        return self.expires.value() or None

    def action(self) -> Callable[[], Any]:
        name, models, days = self.name.text().strip(), self.chosen_models(), self.expires_days()
        return lambda: self._keys.add(self._actor, name, models, days)


class SecretDialog(QDialog):
    """The new key's secret, shown once: copy it now, it cannot be shown again."""

    def __init__(self, key: Any, secret: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secretDialog")
        self.setWindowTitle(self.tr("New API key"))
        self.setMinimumWidth(560)
        self.copied = False
        scope = ", ".join(key.models) if key.models else self.tr("every model")
        text = self.tr("Key {0} ({1}) for {2}.").format(key.name, key.prefix, scope)
        if key.expires_at:
            text += " " + self.tr("Valid until {0}.").format(local_when(key.expires_at))
        intro = QLabel(text)
        intro.setObjectName("secretIntro")
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
