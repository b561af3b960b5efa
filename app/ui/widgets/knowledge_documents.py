"""The Knowledge page's Documents tab: the selected collection's documents, why a failed one
could not be ingested, and (administrators) Delete document."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.knowledge.service import Document
from app.ui.i18n_service import service_text
from app.ui.widgets.controls import StatusLine, muted, read_only_table, touch_button
from app.ui.widgets.knowledge_widgets import DocumentsTableModel


class DocumentsTab(QWidget):
    """`selection_changed` fires when another document (or none) is selected."""

    selection_changed = Signal()

    def __init__(self, delete: Callable[[], Any], may_delete: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.delete_button = touch_button(self.tr("Delete document"), "deleteDocumentButton",
                                          delete)
        self.delete_button.setVisible(may_delete)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.delete_button)
        layout.addLayout(top)
        self.model = DocumentsTableModel()
        self.table = read_only_table("documentsTable", self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._changed())
        layout.addWidget(self.table, 1)
        self.empty = muted(self.tr("No documents in this collection yet."))
        layout.addWidget(self.empty)
        self.detail = StatusLine("documentDetail")
        layout.addWidget(self.detail)

    def show_documents(self, collection: str | None, documents: Sequence[Document]) -> None:
        """List `collection`'s documents, keeping the selected one where it still is."""
        keep = self.selected()
        self.heading.setText(self.tr("Documents in {0}").format(collection)
                             if collection else "")
        self.model.set_rows(list(documents))
        self.empty.setVisible(collection is not None and not documents)
        if documents:
            ids = [d.id for d in documents]
            self.table.selectRow(ids.index(keep.id) if keep and keep.id in ids else 0)
        self.table.resizeColumnsToContents()
        self._changed()

    def selected(self) -> Document | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def select(self, file_name: str) -> None:
        for row, document in enumerate(self.model.rows):
            if document.file_name == file_name:
                self.table.selectRow(row)
                return
        raise ValueError(f"no document {file_name} in the table")

    def set_idle(self, idle: bool) -> None:
        """Delete only when nothing else runs and a document is selected."""
        chosen = self.selected() is not None
        self.delete_button.setEnabled(idle and chosen)
        self.delete_button.setToolTip("" if chosen else self.tr("Select a document first."))

    def _changed(self) -> None:
        document = self.selected()
        if document is not None and document.status == "failed":
            self.detail.say(self.tr("{0} could not be ingested: {1}").format(
                document.file_name, service_text(document.error or "")
                or self.tr("no reason recorded")), "alarm")
        else:
            self.detail.clear_line()
        self.selection_changed.emit()
