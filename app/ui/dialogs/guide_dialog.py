"""Help → User guide: the README rendered offline, with its screenshots when present."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.system.guide import guide_base_dir, user_guide_markdown


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("EdgeDeck user guide"))
        self.resize(900, 700)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(False)  # offline by design: no link leaves the app
        self.browser.setOpenLinks(False)
        base = guide_base_dir()
        if base is not None:
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(base) + "/"))
        self.browser.setMarkdown(user_guide_markdown())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
