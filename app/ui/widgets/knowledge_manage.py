"""The Knowledge page's Manage tab (administrators): blocked terms, embedding models and
re-embedding a collection with another model.

Term changes are quick calls; a model import and a re-embed are long jobs in the page's
Operation (its progress panel and message line), so only one long job runs at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.knowledge.service import EmbeddingModelInfo, KnowledgeService, ReembedReport
from app.ui.operation import Operation
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.controls import StatusLine, card, muted, read_only_table, touch_button
from app.ui.widgets.knowledge_widgets import EmbeddingModelsTableModel


def fill_combo(combo: QComboBox, items: Sequence[tuple[str, Any]]) -> None:
    """Replace a combo's items, keeping the chosen one when it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


class ManageTab(QScrollArea):
    """`reembedded(collection)` is called once a re-embed ends (finished or cancelled)."""

    def __init__(self, kb: KnowledgeService, actor: Actor, ops: Operation, message: StatusLine,
                 reembedded: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb, self.actor, self.ops, self.message = kb, actor, ops, message
        self._reembedded_cb = reembedded
        self.last_reembed: ReembedReport | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        layout = QVBoxLayout(inner)

        terms, terms_layout = card()
        terms_layout.addWidget(_heading(self.tr("Blocked terms")))
        terms_layout.addWidget(muted(self.tr(
            "A question or answer containing one of these words or phrases is refused, and the "
            "refusal is audited.")))
        self.blocked_list = QListWidget()
        self.blocked_list.setObjectName("blockedTerms")
        self.blocked_list.setMaximumHeight(150)
        self.blocked_list.currentRowChanged.connect(lambda _: self.update_buttons())
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
        self.import_model_button = touch_button(self.tr("Import model folder…"),
                                                "importEmbeddingButton", self.choose_model_folder)
        models_top = QHBoxLayout()
        models_top.addWidget(_heading(self.tr("Embedding models")), 1)
        models_top.addWidget(self.import_model_button)
        models_layout.addLayout(models_top)
        models_layout.addWidget(muted(self.tr(
            "A sentence-embedding ONNX model with its tokenizer (e.g. a Chinese or multilingual "
            "one) from a folder; search compares a question with passages through it.")))
        self.models_model = EmbeddingModelsTableModel()
        self.models_table = read_only_table("embeddingModels", self.models_model)
        self.models_table.setMinimumHeight(120)
        models_layout.addWidget(self.models_table)
        layout.addWidget(models)

        reembed, reembed_layout = card()
        reembed_layout.addWidget(_heading(self.tr("Re-embed a collection")))
        reembed_layout.addWidget(muted(self.tr(
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
        self.setWidget(inner)

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the blocked terms and embedding models."""
        try:
            terms = self.kb.blocked_terms(self.actor)
            models = self.kb.embedding_models(self.actor)
        except Exception as exc:  # noqa: BLE001 - said, the tab keeps what it showed
            self.message.say(self.ops.describe(exc), "alarm")
            return
        chosen = self.blocked_list.currentItem()
        keep = chosen.text() if chosen is not None else None
        self.blocked_list.clear()
        self.blocked_list.addItems(terms)
        if keep in terms:
            self.blocked_list.setCurrentRow(terms.index(keep))
        self.models_model.set_rows(models)
        self.models_table.resizeColumnsToContents()
        fill_combo(self.reembed_model, [(m.name, m.name) for m in models])

    def set_collections(self, names: Sequence[str]) -> None:
        fill_combo(self.reembed_collection, [(name, name) for name in names])

    def update_buttons(self, idle: bool | None = None) -> None:
        idle = not self.ops.busy if idle is None else idle
        self.remove_term_button.setEnabled(self.blocked_list.currentItem() is not None)
        self.import_model_button.setEnabled(idle)
        self.reembed_button.setEnabled(idle and self.reembed_collection.count() > 0
                                       and self.reembed_model.count() > 0)

    # -- blocked terms -------------------------------------------------------------------

    def add_blocked_term(self, term: str | None = None) -> bool:
        term = (term if term is not None else self.blocked_input.text()).strip()
        if not term:
            self.message.say(self.tr("Type the word or phrase to block."), "warn")
            return False

        def added(_: Any) -> None:
            self.blocked_input.clear()
            self.reload()
            self.message.say(self.tr("Questions and answers containing “{0}” are now refused.")
                             .format(term), "ok")

        return self.ops.quick(lambda: self.kb.add_blocked_term(self.actor, term), added)

    def remove_blocked_term(self, term: str | None = None) -> bool:
        if term is None:
            item = self.blocked_list.currentItem()
            if item is None:
                return False
            term = item.text()

        def removed(_: Any) -> None:
            self.reload()
            self.message.say(self.tr("“{0}” is no longer blocked.").format(term), "ok")
            self.update_buttons()

        return self.ops.quick(lambda: self.kb.remove_blocked_term(self.actor, term), removed)

    # -- embedding models ----------------------------------------------------------------

    def choose_model_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import an embedding model folder (ONNX + tokenizer)"))
        if folder:
            self.import_model_folder(folder)

    def import_model_folder(self, folder: str | Path, name: str | None = None) -> bool:
        kb, actor, source = self.kb, self.actor, Path(folder)

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return kb.import_embedding_model(actor, source, name=name)

        return self.ops.start(self.tr("Checking and importing the embedding model {0}…").format(
            source.name), work, self._model_imported)

    def _model_imported(self, info: EmbeddingModelInfo) -> None:
        self.reload()
        self.message.say(self.tr("Embedding model {0} imported ({1} dimensions). Re-embed a "
                                 "collection to use it.").format(info.name, info.dimensions),
                         "ok")

    def start_reembed(self, collection: str | None = None, model: str | None = None) -> bool:
        """Compute the collection's vectors again with `model` (progress, Cancel)."""
        collection = collection or self.reembed_collection.currentData()
        model = model or self.reembed_model.currentData()
        if not collection or not model:
            return False
        kb, actor = self.kb, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return kb.reembed(actor, collection, model, progress=progress, cancelled=cancelled)

        return self.ops.start(self.tr("Re-embedding {0} with {1}…").format(collection, model),
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
        self._reembedded_cb(report.collection)
