"""The Knowledge page's Ask tab: the operator's question box, the answer with its cited
passages, and the source viewer a citation opens.

The question runs in the background (progress, Cancel) in this tab's own Operation, so asking
works while a technician's ingest runs in the page's. The answer's state line says in the
page's language whether it was answered, refused (a blocked term) or not reliably answerable.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.errors import EdgeDeckError
from app.knowledge.service import NO_ANSWER, REFUSAL, Answer, KnowledgeService
from app.ui.dialogs.source_viewer import SourceViewer
from app.ui.i18n_service import error_text, service_text
from app.ui.operation import Operation
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.controls import StatusLine
from app.ui.widgets.knowledge_widgets import ResultView
from app.ui.widgets.progress_panel import ProgressPanel

ASK_HEIGHT = 56  # px: the operator's main target, kiosk size even outside the kiosk
# (retrieval mode, label): technicians compare how each finds passages; operators get hybrid.
MODES = (
    ("hybrid", QT_TRANSLATE_NOOP("AskTab", "Keywords + meaning (hybrid)")),
    ("bm25", QT_TRANSLATE_NOOP("AskTab", "Keywords only (BM25)")),
    ("dense", QT_TRANSLATE_NOOP("AskTab", "Meaning only (embeddings)")),
)


class AskTab(QWidget):
    """Question, scope and mode, the answer and its sources; `last_answer` is the newest."""

    def __init__(self, kb: KnowledgeService, actor: Actor, choose_mode: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb, self.actor, self.choose_mode = kb, actor, choose_mode
        self.last_answer: Answer | None = None
        self.viewer: SourceViewer | None = None
        layout = QVBoxLayout(self)
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
            widget.setVisible(choose_mode)  # operators always get the answer
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
        self.ops = Operation(self, self.ask_panel, self.answer_state.say,
                             failure=self._failure_words)
        self.ops.busy_changed.connect(lambda busy: self.ask_button.setEnabled(not busy))

    def set_collections(self, names: Sequence[str]) -> None:
        """Offer 'All collections' and each one; the chosen scope stays if it still exists."""
        current = self.scope_combo.currentData()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        self.scope_combo.addItem(self.tr("All collections"), None)
        for name in names:
            self.scope_combo.addItem(name, name)
        index = self.scope_combo.findData(current) if current is not None else -1
        self.scope_combo.setCurrentIndex(index if index >= 0 else 0)
        self.scope_combo.blockSignals(False)

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
        if self.ops.busy:
            return False
        collection = self.scope_combo.currentData()
        mode = self.mode_combo.currentData() if self.choose_mode else MODES[0][0]
        kb, actor = self.kb, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return kb.ask(actor, text, collection, mode=mode)

        self.answer_state.clear_line()
        self.result_view.clear_result()
        return self.ops.start(self.tr("Looking it up in the knowledge base…"), work,
                              self._answered)

    def _answered(self, answer: Answer) -> None:
        if self.ops.last_job is not None and self.ops.last_job.is_cancelled:
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

    def _failure_words(self, exc: BaseException) -> str:
        return error_text(exc) if isinstance(exc, EdgeDeckError) else self.tr(
            "The question could not be answered: {0}").format(str(exc) or repr(exc))

    def open_source(self, chunk_id: int) -> SourceViewer:
        """The cited passage in its document (one viewer at a time)."""
        if self.viewer is not None:
            self.viewer.close()
            self.viewer.deleteLater()
        self.viewer = SourceViewer(self.kb, self.actor, chunk_id, self)
        self.viewer.show()
        return self.viewer

    def apply_theme(self, theme: str) -> None:
        self.result_view.apply_theme(theme)
        if self.viewer is not None:
            self.viewer.apply_theme(theme)

    def shutdown(self, wait_s: float = 10.0) -> None:
        if self.viewer is not None:
            self.viewer.close()
        self.ops.shutdown(wait_s)
