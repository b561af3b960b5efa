"""Knowledge page: ask the appliance's manuals and see where each answer comes from; by role,
add documents, delete them, and manage blocked terms and embedding models.

Left, the collections; right, tabs: Ask (the question box, big enough for a gloved finger, the
answer with clickable [n] citations and its passages), Documents of the selected collection,
the last ingest's per-file results (technicians) and Manage (administrators). Ingest, resume,
ask, search, re-embed, model import, deletions and opening a source run in background tasks
with progress, elapsed time and Cancel. The page hides what the service would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.errors import EdgeDeckError
from app.knowledge.service import (
    NO_ANSWER,
    REFUSAL,
    Answer,
    Collection,
    Document,
    EmbeddingModelInfo,
    IngestReport,
    ReembedReport,
)
from app.ui.dialogs.knowledge_dialogs import NewCollectionDialog
from app.ui.dialogs.source_viewer import SourceViewer
from app.ui.i18n_service import error_text, failure_text, service_text
from app.ui.pages.base import Page, card, empty_state
from app.ui.time_text import local_when
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.controls import read_only_table, touch_button
from app.ui.widgets.knowledge_widgets import (
    DocumentsTableModel,
    EmbeddingModelsTableModel,
    IngestResultsModel,
    ResultView,
    embedded_share,
)
from app.ui.widgets.model_widgets import StatusLine
from app.ui.widgets.progress_panel import ProgressPanel
from app.ui.workers import Task

ASK_HEIGHT = 56  # px: the operator's main target, kiosk size even outside the kiosk
# (retrieval mode, label): technicians compare how each finds passages; operators get hybrid.
MODES = (
    ("hybrid", QT_TRANSLATE_NOOP("KnowledgePage", "Keywords + meaning (hybrid)")),
    ("bm25", QT_TRANSLATE_NOOP("KnowledgePage", "Keywords only (BM25)")),
    ("dense", QT_TRANSLATE_NOOP("KnowledgePage", "Meaning only (embeddings)")),
)


class FileProgressRelay(QObject):
    """Carries file_progress(path, done, total) from the ingest thread to the GUI thread."""

    changed = Signal(str, int, int)


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


class KnowledgePage(Page):
    title = QT_TRANSLATE_NOOP("KnowledgePage", "Knowledge")

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.kb = ctx.knowledge
        self.ingest_allowed = self.can(Permission.INGEST_DOCUMENTS)
        self.delete_allowed = self.can(Permission.DELETE_DATA)
        self.manage_allowed = self.can(Permission.MANAGE_KNOWLEDGE)
        self.collections: list[Collection] = []
        self.unfinished: list[dict[str, Any]] = []
        self.dialog: Any = None  # the open confirmation or form, if any
        self.viewer: SourceViewer | None = None
        self.last_report: IngestReport | None = None
        self.last_answer: Answer | None = None
        self.last_reembed: ReembedReport | None = None
        self._ask_task: Task | None = None
        self.file_relay = FileProgressRelay(self)
        self.file_relay.changed.connect(self._file_progress)

        self.layout_.addLayout(self._actions())
        self.message = StatusLine("knowledgeMessage")
        self.layout_.addWidget(self.message)
        self.work = ProgressPanel(self)
        self.work.setObjectName("knowledgeWork")
        self.layout_.addWidget(self.work)
        self.layout_.addWidget(self._file_progress_row())
        self.empty = empty_state(self._empty_text())
        self.empty.hide()
        self.layout_.addWidget(self.empty)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("knowledgeTabs")
        self.ask_tab = self._ask_section()
        self.tabs.addTab(self.ask_tab, self.tr("Ask"))
        self.documents_tab = self._documents_section()
        self.tabs.addTab(self.documents_tab, self.tr("Documents"))
        self.results_tab: QWidget | None = None
        self.manage_tab: QWidget | None = None
        if self.ingest_allowed:
            self.results_tab = self._results_section()
            self.tabs.addTab(self.results_tab, self.tr("Last ingest"))
        if self.manage_allowed:
            self.manage_tab = self._manage_section()
            self.tabs.addTab(self.manage_tab, self.tr("Manage"))
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self._collections_section())
        self.split.addWidget(self.tabs)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([240, 840])
        self.split.setChildrenCollapsible(False)
        self.layout_.addWidget(self.split, 1)
        self.refresh()

    # -- building --------------------------------------------------------------------------

    def _actions(self) -> QHBoxLayout:
        self.new_collection_button = touch_button(self.tr("New collection…"), "newCollectionButton",
                                                  self.new_collection)
        self.add_files_button = touch_button(self.tr("Add files…"), "addFilesButton",
                                             self.add_files)
        self.add_folder_button = touch_button(self.tr("Add folder…"), "addFolderButton",
                                              self.add_folder)
        self.add_folder_button.setToolTip(self.tr(
            "Every supported document in a folder and its subfolders, e.g. a USB stick."))
        self.resume_button = touch_button(self.tr("Resume interrupted ingest"), "resumeButton",
                                          self.resume_ingest)
        self.delete_collection_button = touch_button(self.tr("Delete collection"),
                                                     "deleteCollectionButton",
                                                     self.delete_collection)
        for button in (self.new_collection_button, self.add_files_button,
                       self.add_folder_button):
            button.setVisible(self.ingest_allowed)
        self.resume_button.hide()  # shown when an ingest stopped early
        self.delete_collection_button.setVisible(self.delete_allowed)
        layout = QHBoxLayout()
        for button in (self.new_collection_button, self.add_files_button,
                       self.add_folder_button, self.resume_button,
                       self.delete_collection_button):
            layout.addWidget(button)
        layout.addStretch(1)
        if not self.delete_allowed:
            self.role_note = _muted(
                self.tr("Technicians add documents; administrators delete them and manage "
                        "blocked terms and embedding models.") if not self.ingest_allowed else
                self.tr("Administrators delete documents and collections and manage blocked "
                        "terms and embedding models."))
            self.role_note.setWordWrap(False)
            layout.addWidget(self.role_note)
        return layout

    def _file_progress_row(self) -> QWidget:
        """The current file's own progress (pages read, embedding batches) under the overall
        files bar of the work panel."""
        self.file_row = QWidget()
        self.file_row.setObjectName("fileProgress")
        layout = QHBoxLayout(self.file_row)
        layout.setContentsMargins(0, 0, 0, 4)
        self.file_label = _muted()
        self.file_label.setWordWrap(False)
        self.file_bar = QProgressBar()
        self.file_bar.setObjectName("fileProgressBar")
        self.file_bar.setMinimumWidth(200)
        layout.addWidget(self.file_label, 1)
        layout.addWidget(self.file_bar)
        self.file_row.hide()
        return self.file_row

    def _empty_text(self) -> str:
        if self.ingest_allowed:
            return self.tr(
                "The knowledge base is empty. Add manuals and procedures with Add files… or Add "
                "folder… (for example a USB stick): PDF, Word (DOCX), Markdown, text and HTML, "
                "in English or Chinese. New collection… names a collection first; otherwise "
                "you are asked for one. Operators can then ask questions here.")
        return self.tr(
            "The knowledge base is empty: no manuals or procedures have been added to this "
            "appliance yet. Ask a technician to add them; then type your question here and the "
            "answer shows where it comes from.")

    def _collections_section(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 8, 0)
        heading = QLabel(self.tr("Collections"))
        heading.setObjectName("sectionTitle")
        self.collections_list = QListWidget()
        self.collections_list.setObjectName("knowledgeCollections")
        self.collections_list.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.collections_list.currentRowChanged.connect(lambda _: self._collection_changed())
        layout.addWidget(heading)
        layout.addWidget(self.collections_list, 1)
        box.setMinimumWidth(190)
        return box

    def _ask_section(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.question = QLineEdit()
        self.question.setObjectName("knowledgeQuestion")
        self.question.setMinimumHeight(ASK_HEIGHT)
        self.question.setClearButtonEnabled(True)
        self.question.setPlaceholderText(self.tr("Ask the manuals, e.g. “How do I clear fault "
                                                 "E42 on line 3?”"))
        self.question.returnPressed.connect(self.ask)
        self.ask_button = QPushButton(self.tr("Ask"))
        self.ask_button.setObjectName("askButton")
        self.ask_button.setMinimumHeight(ASK_HEIGHT)
        self.ask_button.setMinimumWidth(120)
        self.ask_button.clicked.connect(lambda _=False: self.ask())
        question_row = QHBoxLayout()
        question_row.addWidget(self.question, 1)
        question_row.addWidget(self.ask_button)
        layout.addLayout(question_row)

        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("knowledgeScope")
        self.scope_combo.setMinimumHeight(TOUCH_HEIGHT)
        self.scope_combo.setMinimumWidth(200)
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("knowledgeMode")
        self.mode_combo.setMinimumHeight(TOUCH_HEIGHT)
        for mode, label in MODES:
            self.mode_combo.addItem(self.tr(label), mode)
        self.mode_combo.setToolTip(self.tr(
            "How passages are found: exact words (BM25), similar meaning (embeddings) or both "
            "fused. Compare them when an answer is missing."))
        mode_label = QLabel(self.tr("Find by"))
        for widget in (mode_label, self.mode_combo):
            widget.setVisible(self.ingest_allowed)  # operators always get the answer
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Search in")))
        filters.addWidget(self.scope_combo)
        filters.addWidget(mode_label)
        filters.addWidget(self.mode_combo)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.ask_panel = ProgressPanel(self)
        self.ask_panel.setObjectName("askWork")
        layout.addWidget(self.ask_panel)
        self.answer_state = StatusLine("answerState")
        layout.addWidget(self.answer_state)
        self.result_view = ResultView()
        self.result_view.source_requested.connect(self.open_source)
        layout.addWidget(self.result_view, 1)
        return box

    def _documents_section(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.documents_heading = QLabel()
        self.documents_heading.setObjectName("sectionTitle")
        self.delete_document_button = touch_button(self.tr("Delete document"),
                                                   "deleteDocumentButton", self.delete_document)
        self.delete_document_button.setVisible(self.delete_allowed)
        top = QHBoxLayout()
        top.addWidget(self.documents_heading, 1)
        top.addWidget(self.delete_document_button)
        layout.addLayout(top)
        self.documents_model = DocumentsTableModel()
        self.documents_table = read_only_table("documentsTable", self.documents_model)
        self.documents_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._document_changed())
        layout.addWidget(self.documents_table, 1)
        self.documents_empty = _muted(self.tr("No documents in this collection yet."))
        layout.addWidget(self.documents_empty)
        self.document_detail = StatusLine("documentDetail")
        layout.addWidget(self.document_detail)
        return box

    def _results_section(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.results_summary = _muted(self.tr("No ingest in this session yet."))
        layout.addWidget(self.results_summary)
        self.results_model = IngestResultsModel()
        self.results_table = read_only_table("ingestResults", self.results_model)
        layout.addWidget(self.results_table, 1)
        return box

    def _manage_section(self) -> QWidget:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        layout = QVBoxLayout(inner)

        terms, terms_layout = card()
        heading = QLabel(self.tr("Blocked terms"))
        heading.setObjectName("sectionTitle")
        terms_layout.addWidget(heading)
        terms_layout.addWidget(_muted(self.tr(
            "A question or answer containing one of these words or phrases is refused, and the "
            "refusal is audited.")))
        self.blocked_list = QListWidget()
        self.blocked_list.setObjectName("blockedTerms")
        self.blocked_list.setMaximumHeight(150)
        self.blocked_list.currentRowChanged.connect(lambda _: self._update_buttons())
        terms_layout.addWidget(self.blocked_list)
        self.blocked_input = QLineEdit()
        self.blocked_input.setObjectName("blockedTermInput")
        self.blocked_input.setPlaceholderText(self.tr("word or phrase"))
        self.blocked_input.returnPressed.connect(self.add_blocked_term)
        self.add_term_button = touch_button(self.tr("Add"), "addTermButton", self.add_blocked_term)
        self.remove_term_button = touch_button(self.tr("Remove"), "removeTermButton",
                                               self.remove_blocked_term)
        term_row = QHBoxLayout()
        term_row.addWidget(self.blocked_input, 1)
        term_row.addWidget(self.add_term_button)
        term_row.addWidget(self.remove_term_button)
        terms_layout.addLayout(term_row)
        layout.addWidget(terms)

        models, models_layout = card()
        heading = QLabel(self.tr("Embedding models"))
        heading.setObjectName("sectionTitle")
        self.import_model_button = touch_button(self.tr("Import model folder…"),
                                                "importEmbeddingButton", self.choose_model_folder)
        models_top = QHBoxLayout()
        models_top.addWidget(heading, 1)
        models_top.addWidget(self.import_model_button)
        models_layout.addLayout(models_top)
        models_layout.addWidget(_muted(self.tr(
            "A sentence-embedding ONNX model with its tokenizer (e.g. a Chinese or multilingual "
            "one) from a folder; search compares a question with passages through it.")))
        self.models_model = EmbeddingModelsTableModel()
        self.models_table = read_only_table("embeddingModels", self.models_model)
        self.models_table.setMinimumHeight(120)
        models_layout.addWidget(self.models_table)
        layout.addWidget(models)

        reembed, reembed_layout = card()
        heading = QLabel(self.tr("Re-embed a collection"))
        heading.setObjectName("sectionTitle")
        reembed_layout.addWidget(heading)
        reembed_layout.addWidget(_muted(self.tr(
            "Computes every passage's vector with another model, without re-reading the "
            "documents. The collection keeps its current model until all passages are done.")))
        self.reembed_collection = QComboBox()
        self.reembed_collection.setObjectName("reembedCollection")
        self.reembed_collection.setMinimumHeight(TOUCH_HEIGHT)
        self.reembed_model = QComboBox()
        self.reembed_model.setObjectName("reembedModel")
        self.reembed_model.setMinimumHeight(TOUCH_HEIGHT)
        self.reembed_button = touch_button(self.tr("Re-embed"), "reembedButton", self.start_reembed)
        reembed_row = QHBoxLayout()
        reembed_row.addWidget(QLabel(self.tr("Collection")))
        reembed_row.addWidget(self.reembed_collection, 1)
        reembed_row.addWidget(QLabel(self.tr("Model")))
        reembed_row.addWidget(self.reembed_model, 1)
        reembed_row.addWidget(self.reembed_button)
        reembed_layout.addLayout(reembed_row)
        layout.addWidget(reembed)
        layout.addStretch(1)
        area.setWidget(inner)
        return area

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.reload_collections()
        if self.ingest_allowed:
            self.reload_unfinished()
        if self.manage_allowed:
            self.reload_manage()
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Documents added from the command line appear without pressing F5."""
        super().showEvent(event)
        if not self.work.busy:
            self.reload_collections()

    def reload_collections(self, select: str | None = None) -> None:
        """Re-read the collections, keeping (or moving to) the selected one."""
        keep = select or self.selected_collection()
        try:
            self.collections = self.kb.list_collections(self.actor)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            self.collections = []
        self.collections_list.blockSignals(True)
        self.collections_list.clear()
        for collection in self.collections:
            item = QListWidgetItem(self._collection_text(collection))
            item.setData(Qt.ItemDataRole.UserRole, collection.name)
            tip = self.tr("Created {0} by {1}").format(local_when(collection.created_at),
                                                       collection.created_by)
            item.setToolTip(f"{collection.description}\n{tip}" if collection.description
                            else tip)
            self.collections_list.addItem(item)
        names = [c.name for c in self.collections]
        if names:
            self.collections_list.setCurrentRow(names.index(keep) if keep in names else 0)
        self.collections_list.blockSignals(False)
        self._fill_combo(self.scope_combo, [(self.tr("All collections"), None)]
                         + [(name, name) for name in names])
        if self.manage_allowed:
            self._fill_combo(self.reembed_collection, [(name, name) for name in names])
        has = bool(names)
        self.empty.setVisible(not has)
        self.split.setVisible(has)
        self._collection_changed()

    def _collection_text(self, collection: Collection) -> str:
        counts = self.tr("{0} documents · {1} chunks").format(collection.documents,
                                                               collection.chunks)
        vectors = self.tr("{0} embedded").format(embedded_share(collection.chunks,
                                                                collection.embedded))
        # One fact a line: list items do not wrap, and a narrow panel must still show them.
        return f"{collection.name}\n{counts}\n{collection.embedding_model}\n{vectors}"

    @staticmethod
    def _fill_combo(combo: QComboBox, items: Sequence[tuple[str, Any]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(current) if current is not None else -1
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def reload_unfinished(self) -> None:
        try:
            self.unfinished = self.kb.unfinished_runs(self.actor)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            self.unfinished = []
        if self.unfinished:
            run = self.unfinished[0]
            self.resume_button.setToolTip(self.tr(
                "Ingest #{0} into {1} stopped with {2} of {3} files not done.").format(
                run["run_id"], run["collection"], run["pending"], run["files"]))
        self._update_buttons()

    def reload_manage(self) -> None:
        try:
            terms = self.kb.blocked_terms(self.actor)
            models = self.kb.embedding_models(self.actor)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            return
        self.blocked_list.clear()
        self.blocked_list.addItems(terms)
        self.models_model.set_rows(models)
        self.models_table.resizeColumnsToContents()
        self._fill_combo(self.reembed_model, [(m.name, m.name) for m in models])

    def selected_collection(self) -> str | None:
        item = self.collections_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select_collection(self, name: str) -> None:
        for row in range(self.collections_list.count()):
            if self.collections_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.collections_list.setCurrentRow(row)
                return
        raise ValueError(f"no collection {name} on the page")

    def selected_document(self) -> Document | None:
        index = self.documents_table.currentIndex()
        if not index.isValid() or index.row() >= len(self.documents_model.rows):
            return None
        return self.documents_model.rows[index.row()]

    def select_document(self, file_name: str) -> None:
        for row, document in enumerate(self.documents_model.rows):
            if document.file_name == file_name:
                self.documents_table.selectRow(row)
                return
        raise ValueError(f"no document {file_name} in the table")

    def _collection_changed(self) -> None:
        name = self.selected_collection()
        keep = self.selected_document()
        documents: list[Document] = []
        if name is not None:
            try:
                documents = self.kb.list_documents(self.actor, name)
            except EdgeDeckError as exc:
                self.message.say(error_text(exc), "alarm")
        self.documents_heading.setText(self.tr("Documents in {0}").format(name) if name else "")
        self.documents_model.set_rows(documents)
        self.documents_empty.setVisible(name is not None and not documents)
        if documents:
            ids = [d.id for d in documents]
            self.documents_table.selectRow(ids.index(keep.id) if keep and keep.id in ids else 0)
        self.documents_table.resizeColumnsToContents()
        self._document_changed()

    def _document_changed(self) -> None:
        document = self.selected_document()
        if document is not None and document.status == "failed":
            self.document_detail.say(self.tr("{0} could not be ingested: {1}").format(
                document.file_name, service_text(document.error or "")
                or self.tr("no reason recorded")), "alarm")
        else:
            self.document_detail.clear_line()
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.work.busy
        has_collection = self.selected_collection() is not None
        for button in (self.new_collection_button, self.add_files_button,
                       self.add_folder_button):
            button.setEnabled(idle)
        self.resume_button.setVisible(self.ingest_allowed and bool(self.unfinished))
        self.resume_button.setEnabled(idle)
        self.delete_collection_button.setEnabled(idle and has_collection)
        self.delete_document_button.setEnabled(idle and self.selected_document() is not None)
        self.delete_document_button.setToolTip(
            "" if self.selected_document() else self.tr("Select a document first."))
        if self.manage_allowed:
            self.remove_term_button.setEnabled(self.blocked_list.currentItem() is not None)
            self.import_model_button.setEnabled(idle)
            self.reembed_button.setEnabled(idle and self.reembed_collection.count() > 0
                                           and self.reembed_model.count() > 0)

    # -- background work -----------------------------------------------------------------

    def _start(self, text: str, fn: Callable[[Any, Any], Any],
               on_done: Callable[[Any], None], per_file: bool = False) -> bool:
        """Run a long job in the work panel (one at a time), then `on_done(result)`."""
        if self.work.busy:
            self.message.say(self.tr("Wait for the running task to finish (or cancel it)."),
                             "warn")
            return False
        self.message.clear_line()
        if per_file:
            self.file_label.setText(self.tr("Reading…"))
            self.file_bar.setRange(0, 0)
            self.file_row.show()
        self.work.run(text, fn, lambda result: self._finished(on_done, result), self._failed)
        self._update_buttons()
        return True

    def _finished(self, on_done: Callable[[Any], None], result: Any) -> None:
        self.file_row.hide()
        on_done(result)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.file_row.hide()
        text = failure_text(exc)
        self.message.say(text, "alarm")
        self.refresh()

    def _file_progress(self, path: str, done: int, total: int) -> None:
        """The service reports (path, 0, 0) while reading a file, then passages embedded."""
        name = Path(path).name
        if total > 0:
            self.file_bar.setRange(0, total)
            self.file_bar.setValue(min(done, total))
            self.file_label.setText(self.tr("{0}: {1} of {2} passages embedded").format(
                name, done, total))
        else:
            self.file_bar.setRange(0, 0)
            self.file_label.setText(self.tr("{0}: reading the text…").format(name))

    # -- collections and ingest ----------------------------------------------------------

    def new_collection(self, then: Callable[[str], Any] | None = None) -> NewCollectionDialog:
        """Ask for a name; `then(name)` continues (e.g. the ingest that needed one)."""
        dialog = NewCollectionDialog(self.kb, self.actor, self)
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        dialog.accepted.connect(lambda: self._collection_created(dialog.result_value, then))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _collection_created(self, name: str, then: Callable[[str], Any] | None) -> None:
        self.reload_collections(select=name)
        self.message.say(self.tr("Collection {0} is ready; add documents to it.").format(name),
                         "ok")
        if then is not None:
            then(name)

    def add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add documents"), "",
            self.tr("Documents (*.pdf *.docx *.md *.markdown *.txt *.html *.htm);;"
                    "All files (*)"))
        if paths:
            self.ingest_paths(paths)

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Add every document in a folder (e.g. a USB stick)"))
        if folder:
            self.ingest_paths([folder])

    def ingest_paths(self, paths: Sequence[str | Path], collection: str | None = None) -> bool:
        """Ingest files and folders into `collection` (the selected one by default; without
        any, the person names one first)."""
        target = collection or self.selected_collection()
        if target is None:
            self.new_collection(then=lambda name: self.ingest_paths(paths, name))
            return False
        sources = [str(p) for p in paths]
        kb, actor, relay = self.kb, self.actor, self.file_relay

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return kb.ingest(actor, sources, target, progress=progress, cancelled=cancelled,
                             file_progress=relay.changed.emit)

        names = ", ".join(Path(p).name for p in sources[:3]) + ("…" if len(sources) > 3 else "")
        return self._start(self.tr("Adding {0} to {1}…").format(names, target), work,
                           self._ingested, per_file=True)

    def resume_ingest(self) -> bool:
        """Continue the oldest ingest that stopped early with the files it had not done."""
        if not self.unfinished:
            return False
        run = self.unfinished[0]
        kb, actor, relay, run_id = self.kb, self.actor, self.file_relay, int(run["run_id"])

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return kb.resume(actor, run_id, progress=progress, cancelled=cancelled,
                             file_progress=relay.changed.emit)

        return self._start(self.tr("Resuming the ingest into {0} ({1} files left)…").format(
            run["collection"], run["pending"]), work, self._ingested, per_file=True)

    def _ingested(self, report: IngestReport) -> None:
        self.last_report = report
        summary = self.tr("{0} added, {1} skipped, {2} failed.").format(
            report.count("ok"), report.count("skipped"), report.count("failed"))
        if report.cancelled:
            text = self.tr("Ingest cancelled: {0} file(s) not done yet; Resume interrupted "
                           "ingest continues with them.").format(report.pending) + " " + summary
            kind = "warn"
        else:
            text = self.tr("Ingest into {0} finished: {1}").format(report.collection, summary)
            kind = "warn" if report.count("failed") else "ok"
        self.message.say(text, kind)
        if self.results_tab is not None:
            self.results_summary.setText(text)
            self.results_model.set_rows(report.results)
            self.results_table.resizeColumnsToContents()
            self.tabs.setCurrentWidget(self.results_tab)
        self.reload_collections(report.collection)
        self.reload_unfinished()

    def delete_collection(self, confirm: bool = True) -> QMessageBox | bool:
        """Delete the selected collection with its documents (admin), after a confirmation."""
        name = self.selected_collection()
        if name is None:
            return False
        if confirm:
            collection = next(c for c in self.collections if c.name == name)
            return self._confirm(
                self.tr("Delete collection"),
                self.tr("Delete the collection {0} with its {1} documents and {2} passages? "
                        "Answers will no longer cite them.").format(
                    name, collection.documents, collection.chunks),
                lambda: self.delete_collection(confirm=False))
        kb, actor = self.kb, self.actor
        return self._start(self.tr("Deleting the collection {0}…").format(name),
                           lambda progress, cancelled: kb.delete_collection(actor, name),
                           lambda _: self._deleted(self.tr("Collection {0} deleted.")
                                                   .format(name)))

    def delete_document(self, confirm: bool = True) -> QMessageBox | bool:
        """Delete the selected document, its passages and stored copy (admin)."""
        document = self.selected_document()
        if document is None:
            return False
        if confirm:
            return self._confirm(
                self.tr("Delete document"),
                self.tr("Delete {0} and its {1} passages from {2}? Answers will no longer "
                        "cite it.").format(document.file_name, document.chunk_count,
                                           document.collection),
                lambda: self.delete_document(confirm=False))
        kb, actor = self.kb, self.actor
        return self._start(self.tr("Deleting {0}…").format(document.file_name),
                           lambda progress, cancelled: kb.delete_document(actor, document.id),
                           lambda _: self._deleted(self.tr("{0} deleted.")
                                                   .format(document.file_name)))

    def _confirm(self, title: str, text: str, then: Callable[[], Any]) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(_: int) -> None:
            self.dialog = None
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                then()

        box.finished.connect(answered)
        self.dialog = box
        box.open()
        return box

    def _deleted(self, text: str) -> None:
        self.message.say(text, "ok")
        self.refresh()

    # -- asking --------------------------------------------------------------------------

    def ask(self, question: str | None = None) -> bool:
        """Answer the question in the background; the outcome replaces the previous one."""
        if question is not None:
            self.question.setText(question)
            self.question.setCursorPosition(0)  # show how the question starts
        text = self.question.text().strip()
        if not text:
            self.answer_state.say(self.tr("Type a question first, e.g. how to clear a fault."),
                                  "warn")
            return False
        if self.ask_panel.busy:
            return False
        collection = self.scope_combo.currentData()
        mode = self.mode_combo.currentData() if self.ingest_allowed else MODES[0][0]
        kb, actor = self.kb, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return kb.ask(actor, text, collection, mode=mode)

        self.answer_state.clear_line()
        self.result_view.clear_result()
        self.ask_button.setEnabled(False)
        self._ask_task = self.ask_panel.run(self.tr("Looking it up in the knowledge base…"),
                                            work, self._answered, self._ask_failed)
        return True

    def _answered(self, answer: Answer) -> None:
        self.ask_button.setEnabled(True)
        if self._ask_task is not None and self._ask_task.is_cancelled:
            self.answer_state.say(self.tr("Cancelled."), "warn")
            return
        self.last_answer = answer
        self.result_view.show_answer(answer)
        # The service's own sentence for "no answer" is said here in the page's language.
        note = service_text(answer.reason.removeprefix(NO_ANSWER).strip())
        if answer.outcome == "answered":
            text = self.tr("Answer from {0} cited passage(s). Tap a [n] marker or a source to "
                           "see it in its document.").format(len(answer.passages))
            self.answer_state.say(text + (f" {note}" if note else ""), "warn" if note else "ok")
        elif answer.outcome == "refused":
            text = service_text(answer.reason) if answer.reason != REFUSAL else self.tr(
                "Refused: the question touches a topic blocked by the administrator (a blocked "
                "term). The refusal is recorded in the audit trail.")
            self.answer_state.say(text, "alarm")
        else:
            text = self.tr("No reliable answer in the knowledge base.")
            if answer.closest:
                text += " " + self.tr("The closest passages are listed below, but they do not "
                                      "answer the question reliably.")
            self.answer_state.say(text + (f" {note}" if note else ""), "warn")

    def _ask_failed(self, exc: BaseException) -> None:
        self.ask_button.setEnabled(True)
        self.answer_state.say(error_text(exc) if isinstance(exc, EdgeDeckError) else self.tr(
            "The question could not be answered: {0}").format(str(exc) or repr(exc)), "alarm")

    def open_source(self, chunk_id: int) -> SourceViewer:
        """The cited passage in its document (one viewer at a time)."""
        if self.viewer is not None:
            self.viewer.close()
            self.viewer.deleteLater()
        self.viewer = SourceViewer(self.kb, self.actor, chunk_id, self)
        self.viewer.show()
        return self.viewer

    # -- administration ------------------------------------------------------------------

    def add_blocked_term(self, term: str | None = None) -> bool:
        term = (term if term is not None else self.blocked_input.text()).strip()
        if not term:
            self.message.say(self.tr("Type the word or phrase to block."), "warn")
            return False
        try:
            self.kb.add_blocked_term(self.actor, term)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            return False
        self.blocked_input.clear()
        self.reload_manage()
        self.message.say(self.tr("Questions and answers containing “{0}” are now refused.")
                         .format(term), "ok")
        return True

    def remove_blocked_term(self, term: str | None = None) -> bool:
        if term is None:
            item = self.blocked_list.currentItem()
            if item is None:
                return False
            term = item.text()
        try:
            self.kb.remove_blocked_term(self.actor, term)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            return False
        self.reload_manage()
        self.message.say(self.tr("“{0}” is no longer blocked.").format(term), "ok")
        self._update_buttons()
        return True

    def choose_model_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import an embedding model folder (ONNX + tokenizer)"))
        if folder:
            self.import_model_folder(folder)

    def import_model_folder(self, folder: str | Path, name: str | None = None) -> bool:
        kb, actor, source = self.kb, self.actor, Path(folder)

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return kb.import_embedding_model(actor, source, name=name)

        return self._start(self.tr("Checking and importing the embedding model {0}…").format(
            source.name), work, self._model_imported)

    def _model_imported(self, info: EmbeddingModelInfo) -> None:
        self.reload_manage()
        self.message.say(self.tr("Embedding model {0} imported ({1} dimensions). Re-embed a "
                                 "collection to use it.").format(info.name, info.dimensions),
                         "ok")

    def start_reembed(self, collection: str | None = None, model: str | None = None) -> bool:
        """Compute the collection's vectors again with `model` (progress, Cancel)."""
        if self.manage_allowed:
            collection = collection or self.reembed_collection.currentData()
            model = model or self.reembed_model.currentData()
        if not collection or not model:
            return False
        kb, actor = self.kb, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return kb.reembed(actor, collection, model, progress=progress, cancelled=cancelled)

        return self._start(self.tr("Re-embedding {0} with {1}…").format(collection, model),
                           work, self._reembedded)

    def _reembedded(self, report: ReembedReport) -> None:
        self.last_reembed = report
        if report.cancelled:
            self.message.say(self.tr("Re-embedding {0} cancelled with {1} passages still to "
                                     "do: it keeps searching with its previous model; Re-embed "
                                     "again continues.").format(report.collection,
                                                                report.remaining), "warn")
        else:
            self.message.say(self.tr("{0} now searches with {1}: {2} passages embedded in "
                                     "{3:.1f} s.").format(report.collection, report.model,
                                                          report.chunks, report.seconds), "ok")
        self.reload_collections(report.collection)

    # -- lifetime ------------------------------------------------------------------------

    def theme_changed(self, theme: str) -> None:
        self.result_view.apply_theme(theme)
        if self.viewer is not None:
            self.viewer.apply_theme(theme)

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
        if self.viewer is not None:
            self.viewer.close()
        for panel in (self.work, self.ask_panel):
            if panel.task:
                panel.task.cancel()
                panel.task.done.wait(10)

