"""The source viewer: a cited passage in its document, with the text before and after it.

Opening reads the document's neighbouring passages (and may touch a large stored copy), so it
runs in a background task with progress and Cancel; the passage is highlighted and scrolled
into view, and "Open original file" hands the stored copy to the desktop's viewer.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.knowledge.answer import is_cjk
from app.knowledge.service import KnowledgeService, SourceView
from app.ui.i18n_service import failure_text
from app.ui.operation import Operation
from app.ui.theme import rich_text_css
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.model_widgets import StatusLine, current_theme
from app.ui.widgets.progress_panel import ProgressPanel

PASSAGE_ANCHOR = "passage"


def open_url(url: QUrl) -> bool:
    """Hand a local file to the desktop (a PDF viewer, a browser); tests replace this."""
    return QDesktopServices.openUrl(url)


_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)、])\s*")


def _reflow(paragraph: str) -> str:
    """Join the lines of a paragraph (a PDF breaks them where its page did), keeping list
    items on their own lines and adding no space between two Chinese characters."""
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    out = html.escape(lines[0]) if lines else ""
    for previous, line in zip(lines, lines[1:], strict=False):
        if _LIST_ITEM.match(line):
            joint = "<br>"
        elif is_cjk(previous[-1]) and is_cjk(line[0]):
            joint = ""
        else:
            joint = " "
        out += joint + html.escape(line)
    return out


def text_html(text: str) -> str:
    """Plain document text as HTML paragraphs (split at blank lines)."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{_reflow(p)}</p>" for p in paragraphs)


class SourceViewer(QDialog):
    """Shows one chunk in context; `view` holds the SourceView once loaded."""

    def __init__(self, knowledge: KnowledgeService, actor: Actor, chunk_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceViewer")
        self.setWindowTitle(self.tr("Source"))
        self.resize(860, 620)
        self.chunk_id = chunk_id
        self.view: SourceView | None = None
        self._html = ""
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.where = QLabel()
        self.where.setObjectName("sourceWhere")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panel = ProgressPanel(self)
        self.error = StatusLine("sourceError")
        self.text = QTextBrowser()
        self.text.setObjectName("sourceText")
        self.text.setOpenLinks(False)
        self.text.document().setDefaultStyleSheet(rich_text_css(current_theme()))
        self.open_button = QPushButton(self.tr("Open original file"))
        self.open_button.setObjectName("openOriginalButton")
        self.open_button.setMinimumHeight(TOUCH_HEIGHT)
        self.open_button.clicked.connect(lambda _=False: self.open_original())
        self.open_button.hide()
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setMinimumHeight(TOUCH_HEIGHT)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addWidget(self.panel)
        layout.addWidget(self.error)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return knowledge.passage_context(actor, chunk_id)

        self.title.setText(self.tr("Opening the document…"))
        self.ops = Operation(self, self.panel, self.error.say)
        self.ops.start(self.tr("Opening the document…"), work, self._loaded, self._failed)

    @property
    def loading(self) -> bool:
        return self.ops.busy

    def _loaded(self, view: SourceView) -> None:
        self.view = view
        document = view.document
        self.title.setText(document.title or document.file_name)
        parts = [document.file_name]
        if view.page is not None:
            parts.append(self.tr("page {0}").format(view.page))
        if view.heading:
            parts.append(view.heading)
        parts.append(self.tr("collection {0}").format(document.collection))
        self.where.setText(" — ".join(parts))
        self._html = (
            text_html(view.before)
            + f'<table class="passage" width="100%" cellpadding="10" cellspacing="0">'
            f'<tr><td><a name="{PASSAGE_ANCHOR}"></a>{text_html(view.passage)}</td></tr>'
            "</table>"
            + text_html(view.after))
        self.text.setHtml(self._html)
        path = self.original_path()
        self.open_button.setVisible(path is not None)
        if path is not None:
            self.open_button.setToolTip(str(path))
        # After the layout has run, or the scroll position is computed for an empty view.
        QTimer.singleShot(0, self.scroll_to_passage)

    def apply_theme(self, theme: str) -> None:
        """The passage highlight follows the theme (re-rendered, scrolled back to it)."""
        self.text.document().setDefaultStyleSheet(rich_text_css(theme))
        if self._html:
            self.text.setHtml(self._html)
            QTimer.singleShot(0, self.scroll_to_passage)

    def scroll_to_passage(self) -> None:
        self.text.scrollToAnchor(PASSAGE_ANCHOR)

    def _failed(self, exc: BaseException) -> None:
        self.title.setText(self.tr("The source cannot be shown"))
        self.error.say(failure_text(exc), "alarm")

    def original_path(self) -> Path | None:
        """The stored copy of the document, when it is still there."""
        path = self.view.file_path if self.view is not None else None
        return path if path is not None and path.is_file() else None

    def open_original(self) -> bool:
        path = self.original_path()
        if path is None:
            self.error.say(self.tr("The original file is not stored on this appliance."),
                           "warn")
            return False
        if not open_url(QUrl.fromLocalFile(str(path))):
            self.error.say(self.tr("No program on this appliance opens {0}.").format(
                path.name), "warn")
            return False
        return True

    def done(self, result: int) -> None:  # noqa: D102 - Qt override: stop the load first
        self.ops.shutdown(5)
        super().done(result)
