"""Knowledge page: ask the appliance's manuals and see where each answer comes from; by role,
add documents, delete them, and manage blocked terms and embedding models.

Left, the collections; right, tabs: Ask (app/ui/widgets/knowledge_ask.py), Documents of the
selected collection, the last ingest's per-file results (technicians; the ingest flow is
app/ui/flows/knowledge_ingest.py) and Manage (administrators). Ingest, resume, re-embed, model
import and deletions run one at a time in the page's Operation with progress, elapsed time and
Cancel; questions run in the Ask tab's own. Documents added elsewhere (the CLI, another
console) appear by themselves. The page hides what the service would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.errors import EdgeDeckError
from app.events import KNOWLEDGE
from app.knowledge.service import Collection, Document
from app.ui.dialogs.knowledge_dialogs import NewCollectionDialog
from app.ui.flows.knowledge_ingest import IngestFlow, IngestResultsTab
from app.ui.i18n_service import error_text
from app.ui.pages.base import Page, empty_state
from app.ui.time_text import local_when
from app.ui.widgets.controls import StatusLine, muted, touch_button
from app.ui.widgets.knowledge_ask import MODES, AskTab
from app.ui.widgets.knowledge_documents import DocumentsTab
from app.ui.widgets.knowledge_manage import ManageTab
from app.ui.widgets.knowledge_widgets import embedded_share
from app.ui.widgets.progress_panel import ProgressPanel

__all__ = ["MODES", "KnowledgePage"]


class KnowledgePage(Page):
    title = QT_TRANSLATE_NOOP("KnowledgePage", "Knowledge")

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.kb = ctx.knowledge
        self.ingest_allowed = self.can(Permission.INGEST_DOCUMENTS)
        self.delete_allowed = self.can(Permission.DELETE_DATA)
        self.manage_allowed = self.can(Permission.MANAGE_KNOWLEDGE)
        self.collections: list[Collection] = []
        self.dialog: Any = None  # the open confirmation or form, if any

        self.layout_.addLayout(self._actions())
        self.message = StatusLine("knowledgeMessage")
        self.layout_.addWidget(self.message)
        self.work = ProgressPanel(self)
        self.work.setObjectName("knowledgeWork")
        self.layout_.addWidget(self.work)
        self.ops = self.operation(self.work, self.message.say, self.message.clear_line)
        self.ops.busy_changed.connect(lambda _: self.update_buttons())
        self.ops.failed.connect(lambda _: self.refresh())
        self.ingest = IngestFlow(self)
        self.file_row = self.ingest.file_row
        self.file_label, self.file_bar = self.file_row.label, self.file_row.bar
        self.layout_.addWidget(self.file_row)
        self.empty = empty_state(self._empty_text())
        self.empty.hide()
        self.layout_.addWidget(self.empty)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("knowledgeTabs")
        self.ask_tab = AskTab(self.kb, actor, choose_mode=self.ingest_allowed)
        self.tabs.addTab(self.ask_tab, self.tr("Ask"))
        self.documents_tab = DocumentsTab(self.delete_document, self.delete_allowed)
        self.documents_tab.selection_changed.connect(self.update_buttons)
        self.tabs.addTab(self.documents_tab, self.tr("Documents"))
        self.results_tab: IngestResultsTab | None = None
        self.manage_tab: ManageTab | None = None
        if self.ingest_allowed:
            self.results_tab = IngestResultsTab()
            self.tabs.addTab(self.results_tab, self.tr("Last ingest"))
        if self.manage_allowed:
            self.manage_tab = ManageTab(self.kb, actor, self.ops, self.message,
                                        self.reload_collections)
            self.tabs.addTab(self.manage_tab, self.tr("Manage"))
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self._collections_section())
        self.split.addWidget(self.tabs)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([240, 840])
        self.split.setChildrenCollapsible(False)
        self.layout_.addWidget(self.split, 1)
        self._expose_parts()
        self.refresh()
        self.watch((KNOWLEDGE,), busy=lambda: self.ops.busy)

    def _expose_parts(self) -> None:
        """The names the page had before its tabs became widgets of their own (callers and
        tests reach the same widgets and actions through the page)."""
        ask, documents = self.ask_tab, self.documents_tab
        self.question, self.ask_button = ask.question, ask.ask_button
        self.scope_combo, self.mode_combo = ask.scope_combo, ask.mode_combo
        self.ask_panel, self.answer_state = ask.ask_panel, ask.answer_state
        self.result_view, self.ask, self.open_source = ask.result_view, ask.ask, ask.open_source
        self.documents_heading, self.documents_model = documents.heading, documents.model
        self.documents_table, self.documents_empty = documents.table, documents.empty
        self.document_detail = documents.detail
        self.delete_document_button = documents.delete_button
        self.selected_document, self.select_document = documents.selected, documents.select
        self.add_files, self.add_folder = self.ingest.add_files, self.ingest.add_folder
        self.ingest_paths, self.resume_ingest = self.ingest.ingest_paths, self.ingest.resume_ingest
        if self.results_tab is not None:
            self.results_summary = self.results_tab.summary
            self.results_model, self.results_table = self.results_tab.model, self.results_tab.table
        manage = self.manage_tab
        if manage is not None:
            self.blocked_list, self.blocked_input = manage.blocked_list, manage.blocked_input
            self.add_term_button = manage.add_term_button
            self.remove_term_button = manage.remove_term_button
            self.add_blocked_term = manage.add_blocked_term
            self.remove_blocked_term = manage.remove_blocked_term
            self.import_model_button = manage.import_model_button
            self.choose_model_folder = manage.choose_model_folder
            self.import_model_folder = manage.import_model_folder
            self.models_model, self.models_table = manage.models_model, manage.models_table
            self.reembed_collection, self.reembed_model = (manage.reembed_collection,
                                                           manage.reembed_model)
            self.reembed_button = manage.reembed_button

    # The state the parts keep, read through the page as before.
    viewer = property(lambda self: self.ask_tab.viewer)
    last_answer = property(lambda self: self.ask_tab.last_answer)
    last_report = property(lambda self: self.ingest.last_report)
    unfinished = property(lambda self: self.ingest.unfinished)
    last_reembed = property(lambda self: self.manage_tab.last_reembed if self.manage_tab
                            else None)

    # -- building --------------------------------------------------------------------------

    def _actions(self) -> QHBoxLayout:
        self.new_collection_button = touch_button(self.tr("New collection…"), "newCollectionButton",
                                                  self.new_collection)
        self.add_files_button = touch_button(self.tr("Add files…"), "addFilesButton",
                                             lambda: self.add_files())
        self.add_folder_button = touch_button(self.tr("Add folder…"), "addFolderButton",
                                              lambda: self.add_folder())
        self.add_folder_button.setToolTip(self.tr(
            "Every supported document in a folder and its subfolders, e.g. a USB stick."))
        self.resume_button = touch_button(self.tr("Resume interrupted ingest"), "resumeButton",
                                          lambda: self.resume_ingest())
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
            self.role_note = muted(
                self.tr("Technicians add documents; administrators delete them and manage "
                        "blocked terms and embedding models.") if not self.ingest_allowed else
                self.tr("Administrators delete documents and collections and manage blocked "
                        "terms and embedding models."))
            self.role_note.setWordWrap(False)
            layout.addWidget(self.role_note)
        return layout

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

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.reload_collections()
        if self.ingest_allowed:
            self.ingest.reload_unfinished()
        if self.manage_tab is not None:
            self.manage_tab.reload()
        self.update_buttons()

    def reload_unfinished(self) -> None:
        self.ingest.reload_unfinished()

    def reload_manage(self) -> None:
        if self.manage_tab is not None:
            self.manage_tab.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Documents added from the command line appear without pressing F5."""
        super().showEvent(event)
        if not self.ops.busy:
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
        self.ask_tab.set_collections(names)
        if self.manage_tab is not None:
            self.manage_tab.set_collections(names)
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

    def selected_collection(self) -> str | None:
        item = self.collections_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select_collection(self, name: str) -> None:
        for row in range(self.collections_list.count()):
            if self.collections_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.collections_list.setCurrentRow(row)
                return
        raise ValueError(f"no collection {name} on the page")

    def _collection_changed(self) -> None:
        name = self.selected_collection()
        documents: list[Document] = []
        if name is not None:
            try:
                documents = self.kb.list_documents(self.actor, name)
            except EdgeDeckError as exc:
                self.message.say(error_text(exc), "alarm")
        self.documents_tab.show_documents(name, documents)

    def update_buttons(self) -> None:
        idle = not self.ops.busy
        has_collection = self.selected_collection() is not None
        for button in (self.new_collection_button, self.add_files_button,
                       self.add_folder_button):
            button.setEnabled(idle)
        self.resume_button.setVisible(self.ingest_allowed and bool(self.unfinished))
        self.resume_button.setEnabled(idle)
        self.delete_collection_button.setEnabled(idle and has_collection)
        self.documents_tab.set_idle(idle)
        if self.manage_tab is not None:
            self.manage_tab.update_buttons(idle)

    # -- collections and deletions ---------------------------------------------------------

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
        return self.ops.start(self.tr("Deleting the collection {0}…").format(name),
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
        return self.ops.start(self.tr("Deleting {0}…").format(document.file_name),
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

    def start_reembed(self, collection: str | None = None, model: str | None = None) -> bool:
        """Compute the collection's vectors again with `model` (administrators)."""
        if self.manage_tab is None:
            return False
        return self.manage_tab.start_reembed(collection, model)

    # -- lifetime ------------------------------------------------------------------------

    def theme_changed(self, theme: str) -> None:
        self.ask_tab.apply_theme(theme)

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.ask_tab.shutdown(self.shutdown_wait_s)
        super().shutdown()
