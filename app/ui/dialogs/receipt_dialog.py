"""The audit receipt: the signed head, to print, copy into a ticket or save for an auditor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ReceiptDialog(QDialog):
    def __init__(self, text: str, data: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit receipt"))
        self.setMinimumSize(640, 360)
        self.data = data
        blurb = QLabel(self.tr(
            "Keep this off the box (a ticket, a printout, the auditor's files). Verifying "
            "against it later detects a trail rolled back or rewritten, even by someone who "
            "holds the whole data folder."))
        blurb.setWordWrap(True)
        self.text = QPlainTextEdit(text)
        self.text.setObjectName("receiptText")
        self.text.setReadOnly(True)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(font)
        self.saved = QLabel()
        self.saved.setObjectName("muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(
            self.text.toPlainText()))
        save = QPushButton(self.tr("Save as JSON…"))
        save.clicked.connect(lambda: self.save())
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(blurb)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.saved)
        layout.addWidget(buttons)

    def save(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the receipt"),
                f"audit-receipt-{self.data.get('seq', 0)}.json", "JSON (*.json)")
            if not path:
                return
        try:
            Path(path).write_text(json.dumps(self.data, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            self.saved.setText(self.tr("Cannot write {0}: {1}").format(path, exc.strerror))
            return
        self.saved.setText(self.tr("Saved to {0}.").format(path))
