"""Pieces of the Knowledge page: table models over documents, ingest results and embedding
models, citation text, and the answer view whose [n] markers open the cited source."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.knowledge.service import Answer, Document, EmbeddingModelInfo, FileResult, SearchHit
from app.ui.i18n_service import service_text
from app.ui.theme import STATUS_COLOURS, rich_text_css
from app.ui.time_text import local_when
from app.ui.widgets.model_widgets import current_theme
from app.ui.widgets.rows_model import RowsModel

_CITE = re.compile(r"\[(\d+)\]")


def citation(hit: SearchHit) -> str:
    """"file name — page N — heading", leaving out what the passage does not have."""
    parts = [hit.file_name or hit.document_title]
    if hit.page is not None:
        parts.append(QCoreApplication.translate("KnowledgeCitation", "page {0}").format(hit.page))
    if hit.heading:  # the innermost heading: "Manual > Faults > E42 …" reads as "E42 …"
        parts.append(hit.heading.rsplit(" > ", 1)[-1])
    return " — ".join(parts)


def embedded_share(chunks: int, embedded: int) -> str:
    """How much of a collection has vectors, as people read it ("100 %", "—" when empty)."""
    if chunks <= 0:
        return "—"
    return f"{100 * min(embedded, chunks) / chunks:.0f} %"


_STATUS_WORDS = {
    "ok": QT_TRANSLATE_NOOP("KnowledgeStatus", "ok"),
    "failed": QT_TRANSLATE_NOOP("KnowledgeStatus", "failed"),
    "skipped": QT_TRANSLATE_NOOP("KnowledgeStatus", "skipped"),
}
_STATUS_COLOURS = {"ok": STATUS_COLOURS["ok"], "failed": STATUS_COLOURS["alarm"],
                   "skipped": STATUS_COLOURS["unknown"]}


def status_word(status: str) -> str:
    return QCoreApplication.translate("KnowledgeStatus", _STATUS_WORDS.get(status, status))


class DocumentsTableModel(RowsModel):
    headers = (
        QT_TRANSLATE_NOOP("DocumentsTableModel", "Document"),
        QT_TRANSLATE_NOOP("DocumentsTableModel", "Status"),
        QT_TRANSLATE_NOOP("DocumentsTableModel", "Pages"),
        QT_TRANSLATE_NOOP("DocumentsTableModel", "Chunks"),
        QT_TRANSLATE_NOOP("DocumentsTableModel", "Kind"),
        QT_TRANSLATE_NOOP("DocumentsTableModel", "Ingested"),
        QT_TRANSLATE_NOOP("DocumentsTableModel", "By"),
    )

    def text(self, item: Document, column: int) -> str:
        if column == 0:
            return item.title or item.file_name
        if column == 1:
            return status_word(item.status)
        if column == 2:
            return str(item.pages) if item.pages else "—"
        if column == 3:
            return str(item.chunk_count)
        if column == 4:
            return item.kind
        if column == 5:
            return local_when(item.ingested_at)
        return item.ingested_by

    def tooltip(self, item: Document, column: int) -> str | None:
        if item.status == "failed" and item.error:
            return service_text(item.error)
        if column == 0:
            return item.source_path
        return None

    def style(self, item: Document, column: int, role: int) -> Any:
        if column == 1 and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(_STATUS_COLOURS.get(item.status, STATUS_COLOURS["unknown"]))
        return None


class IngestResultsModel(RowsModel):
    """One row per file of the last ingest or resume: ok, skipped or failed and why."""

    headers = (
        QT_TRANSLATE_NOOP("IngestResultsModel", "File"),
        QT_TRANSLATE_NOOP("IngestResultsModel", "Result"),
        QT_TRANSLATE_NOOP("IngestResultsModel", "Chunks"),
        QT_TRANSLATE_NOOP("IngestResultsModel", "Reason"),
    )

    def text(self, item: FileResult, column: int) -> str:
        if column == 0:
            return Path(item.path).name
        if column == 1:
            return status_word(item.status)
        if column == 2:
            return str(item.chunks) if item.status == "ok" else ""
        if item.replaced and not item.reason:
            return QCoreApplication.translate("IngestResultsModel",
                                              "Replaced the older version of this file.")
        return service_text(item.reason)

    def tooltip(self, item: FileResult, column: int) -> str | None:
        return item.path if column == 0 else None

    def style(self, item: FileResult, column: int, role: int) -> Any:
        if column == 1 and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(_STATUS_COLOURS.get(item.status, STATUS_COLOURS["unknown"]))
        return None


class EmbeddingModelsTableModel(RowsModel):
    headers = (
        QT_TRANSLATE_NOOP("EmbeddingModelsTableModel", "Model"),
        QT_TRANSLATE_NOOP("EmbeddingModelsTableModel", "Dimensions"),
        QT_TRANSLATE_NOOP("EmbeddingModelsTableModel", "Max tokens"),
        QT_TRANSLATE_NOOP("EmbeddingModelsTableModel", "Source"),
        QT_TRANSLATE_NOOP("EmbeddingModelsTableModel", "Added"),
    )

    def text(self, item: EmbeddingModelInfo, column: int) -> str:
        if column == 0:
            return item.name
        if column == 1:
            return str(item.dimensions)
        if column == 2:
            return str(item.max_tokens)
        if column == 3:
            if item.builtin:
                return QCoreApplication.translate("EmbeddingModelsTableModel", "built in")
            return QCoreApplication.translate("EmbeddingModelsTableModel", "imported")
        return local_when(item.added_at) if item.added_at else "—"


class ResultView(QTextBrowser):
    """An answer with its [n] markers as links, then its passages (highlighted hits, one
    citation link each). Any link asks for the source viewer on that passage's chunk."""

    source_requested = Signal(int)  # chunk id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knowledgeAnswer")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.chunks: dict[int, int] = {}  # citation number → chunk id
        self._html = ""
        self.apply_theme(current_theme())

    def apply_theme(self, theme: str) -> None:
        """<mark> and links follow the theme; the shown result is re-rendered with it."""
        self.document().setDefaultStyleSheet(rich_text_css(theme))
        if self._html:
            self.setHtml(self._html)

    def clear_result(self) -> None:
        self.chunks = {}
        self._html = ""
        self.clear()

    def show_answer(self, answer: Answer) -> None:
        """The answer text with its [n] links and the passages it quotes; without an answer,
        the closest passages, labelled so nobody mistakes them for one; nothing if refused."""
        parts: list[str] = []
        if answer.outcome == "answered":
            self.chunks = {p.number: p.hit.chunk_id for p in answer.passages}
            if answer.text:
                parts.append(f'<p style="font-size:14pt; margin-bottom:6px">'
                             f"{self._linked(answer.text)}</p>")
            sources = self.tr("Sources")  # outside the f-string: lupdate reads it there
            parts.append(f"<h3>{html.escape(sources)}</h3>")
            parts += [self._passage(p.number, p.hit, p.quote_html or p.hit.snippet_html)
                      for p in answer.passages]
        elif answer.outcome == "no_answer" and answer.closest:
            self.chunks = {n: hit.chunk_id for n, hit in enumerate(answer.closest, start=1)}
            heading = self.tr("Closest passages — not a reliable answer")
            parts.append(f"<h3>{html.escape(heading)}</h3>")
            parts += [self._passage(n, hit, hit.snippet_html)
                      for n, hit in enumerate(answer.closest, start=1)]
        else:
            self.chunks = {}
        self._set(parts)

    def _linked(self, text: str) -> str:
        def link(match: re.Match[str]) -> str:
            number = int(match.group(1))
            if number not in self.chunks:
                return match.group(0)
            return f'<a href="cite:{number}"><b>[{number}]</b></a>'

        return _CITE.sub(link, html.escape(text)).replace("\n", "<br>")

    def _passage(self, number: int, hit: SearchHit, body_html: str) -> str:
        return (f'<p style="margin-top:12px; margin-bottom:2px">'
                f'<a href="cite:{number}" style="font-size:12pt; font-weight:600">'
                f"[{number}] {html.escape(citation(hit))}</a></p>"
                f'<p style="margin-top:0px">{body_html}</p>')

    def _set(self, parts: Sequence[str]) -> None:
        self._html = "\n".join(parts)
        self.setHtml(self._html)

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() != "cite":
            return
        try:
            number = int(url.path())
        except ValueError:
            return
        if number in self.chunks:
            self.source_requested.emit(self.chunks[number])
