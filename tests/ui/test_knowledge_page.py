"""The Knowledge page with real widgets: collections and ingest with progress and per-file
results, answers whose citations open the source viewer on the right page, the no-answer and
blocked-term states, cancel and resume, and what each role may see."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QTextBrowser

from app.knowledge import service as knowledge_service
from app.ui.dialogs import source_viewer
from app.ui.pages.knowledge import KnowledgePage
from app.ui.theme import rich_text_css
from tests.knowledge.helpers import CHINESE, MARKDOWN, write_pdf

WAIT_MS = 30_000
QUESTION = "How long does bleeding the hydraulic circuit take?"


@pytest.fixture
def manuals(tmp_path: Path) -> Path:
    """A USB stick: an English PDF (3 pages), Markdown, a Chinese manual and a broken PDF."""
    folder = tmp_path / "usb"
    folder.mkdir()
    write_pdf(folder / "press.pdf", [["Hydraulic press overview"],
                                     ["Bleeding the hydraulic circuit takes ten minutes."],
                                     ["Replace the hydraulic filter every 500 hours."]])
    (folder / "line3.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "故障手册.md").write_text(CHINESE, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"\x89garbage bytes" * 50)
    return folder


@pytest.fixture
def make_page(qtbot, ctx):
    pages: list[KnowledgePage] = []

    def make(actor, size: tuple[int, int] = (1200, 800)) -> KnowledgePage:
        page = KnowledgePage(ctx, actor)
        qtbot.addWidget(page)
        page.resize(*size)
        page.show()
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.shutdown()


@pytest.fixture
def ingested(ctx, tech, manuals):
    """The manuals already in the collection "Manuals" (through the service: quick)."""
    ctx.knowledge.ingest(tech, [manuals], "Manuals")
    return ctx


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def idle(qtbot, page: KnowledgePage) -> None:
    qtbot.waitUntil(lambda: not page.work.busy, timeout=WAIT_MS)


def answered(qtbot, page: KnowledgePage) -> None:
    qtbot.waitUntil(lambda: not page.ask_panel.busy, timeout=WAIT_MS)


def text_rect(browser: QTextBrowser, text: str) -> QRect:
    """Where `text` is drawn in the browser's viewport (scrolled into view first)."""
    found = browser.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart() + 1)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    return browser.cursorRect(cursor)


def click_text(qtbot, browser: QTextBrowser, text: str) -> None:
    rect = text_rect(browser, text)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.center().x() + 2, rect.center().y()))


def test_technician_creates_a_collection_and_ingests_a_folder(qtbot, make_page, tech, manuals,
                                                              monkeypatch):
    page = make_page(tech)
    assert page.empty.isVisible() and "Add folder" in page.empty.text()
    assert page.split.isHidden()
    click(qtbot, page.new_collection_button)
    dialog = page.dialog
    dialog.name.setText("Manuals")
    dialog.description.setText("Line 3, English and Chinese")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: page.selected_collection() == "Manuals", timeout=WAIT_MS)
    assert page.split.isVisible() and not page.empty.isVisible()
    assert not page.documents_empty.isHidden()  # on the Documents tab

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(manuals))
    click(qtbot, page.add_folder_button)
    assert page.work.isVisible() and page.file_row.isVisible()  # overall and per-file bars
    assert not page.add_files_button.isEnabled()  # one ingest at a time
    idle(qtbot, page)
    assert not page.work.isVisible() and not page.file_row.isVisible()
    assert page.file_bar.maximum() > 0  # the per-file bar counted passages being embedded
    assert page.tabs.currentWidget() is page.results_tab
    results = {page.results_model.cell(r, 0): (page.results_model.cell(r, 1),
                                                page.results_model.cell(r, 3))
               for r in range(page.results_model.rowCount())}
    assert results["press.pdf"] == ("ok", "")
    assert results["故障手册.md"][0] == "ok"
    assert results["broken.pdf"][0] == "failed" and "no PDF header" in results["broken.pdf"][1]
    assert page.message.kind == "warn" and "3 added, 0 skipped, 1 failed" in page.message.text()

    item = page.collections_list.currentItem().text()
    assert "Manuals" in item and "3 documents" in item and "100 % embedded" in item
    page.select_document("broken.pdf")
    assert page.documents_model.cell(page.documents_table.currentIndex().row(), 1) == "failed"
    assert page.document_detail.kind == "alarm"
    assert "no PDF header" in page.document_detail.text()
    page.select_document("press.pdf")
    assert page.documents_model.cell(page.documents_table.currentIndex().row(), 2) == "3"
    assert page.document_detail.isHidden()
    assert page.delete_document_button.isHidden()  # technicians do not delete


def test_answer_cites_sources_and_opens_the_viewer_on_the_page(qtbot, make_page, operator,
                                                               ingested, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(source_viewer, "open_url", lambda url: opened.append(url) or True)
    page = make_page(operator)
    page.question.setText(QUESTION)
    click(qtbot, page.ask_button)
    answered(qtbot, page)
    answer = page.last_answer
    assert answer.outcome == "answered" and page.answer_state.kind == "ok"
    first = answer.passages[0]
    assert (first.hit.file_name, first.hit.page) == ("press.pdf", 2)
    shown = page.result_view.toPlainText()
    assert "[1]" in shown and "ten minutes" in shown
    assert "[1] press.pdf — page 2" in shown  # the citation: file — page — heading

    click_text(qtbot, page.result_view, "[1]")  # the marker in the answer text
    viewer = page.viewer
    assert viewer is not None and viewer.isVisible()
    qtbot.waitUntil(lambda: viewer.view is not None, timeout=WAIT_MS)
    assert viewer.view.page == 2 and viewer.view.chunk_id == first.hit.chunk_id
    assert "press.pdf — page 2" in viewer.where.text()
    assert "Bleeding the hydraulic circuit" in viewer.text.toPlainText()
    qtbot.wait(50)  # the scroll to the passage runs once the text is laid out
    passage = text_rect(viewer.text, "Bleeding the hydraulic")
    assert viewer.text.viewport().rect().intersects(passage)
    assert viewer.open_button.isVisible()
    click(qtbot, viewer.open_button)
    assert [Path(u.toLocalFile()) for u in opened] == [viewer.view.file_path]
    page.theme_changed("dark")  # <mark> and the passage band follow the theme
    for document in (page.result_view.document(), viewer.text.document()):
        assert document.defaultStyleSheet() == rich_text_css("dark")
    assert "[1] press.pdf — page 2" in page.result_view.toPlainText()
    viewer.close()

    page.ask("三号线故障E42怎么清除？")  # Chinese, answered from the Chinese manual
    answered(qtbot, page)
    assert page.last_answer.outcome == "answered"
    assert page.last_answer.passages[0].hit.file_name == "故障手册.md"
    assert "复位" in page.result_view.toPlainText()


def test_no_reliable_answer_is_said_plainly(qtbot, make_page, operator, ingested):
    page = make_page(operator)
    assert page.ask("What is the boiling point of mercury in kelvin?")
    answered(qtbot, page)
    assert page.last_answer.outcome == "no_answer"
    assert page.answer_state.kind == "warn"
    assert page.answer_state.text().startswith("No reliable answer in the knowledge base.")
    shown = page.result_view.toPlainText()
    assert "[1]" not in shown or "not a reliable answer" in shown
    assert not page.ask("   ")  # nothing typed: says so, asks nothing
    assert "Type a question" in page.answer_state.text()


def test_admin_blocks_a_term_and_the_question_is_refused(qtbot, make_page, admin, ingested,
                                                         ctx):
    page = make_page(admin)
    page.tabs.setCurrentWidget(page.manage_tab)
    page.blocked_input.setText("hydraulic")
    click(qtbot, page.add_term_button)
    assert [page.blocked_list.item(i).text() for i in range(page.blocked_list.count())] == [
        "hydraulic"]
    page.tabs.setCurrentWidget(page.ask_tab)
    page.ask(QUESTION)
    answered(qtbot, page)
    assert page.last_answer.outcome == "refused"
    assert page.answer_state.kind == "alarm" and "blocked" in page.answer_state.text()
    assert page.result_view.toPlainText().strip() == ""
    head = ctx.audit_trail.head()
    assert (head.action, head.outcome, head.actor) == ("ask", "denied", "admin")

    page.tabs.setCurrentWidget(page.manage_tab)
    page.blocked_list.setCurrentRow(0)
    click(qtbot, page.remove_term_button)
    assert page.blocked_list.count() == 0
    page.ask(QUESTION)
    answered(qtbot, page)
    assert page.last_answer.outcome == "answered"


def test_operator_sees_no_ingest_or_delete_controls(qtbot, make_page, operator, tech, manuals,
                                                    ctx):
    page = make_page(operator)
    assert page.empty.isVisible() and "Ask a technician" in page.empty.text()
    ctx.knowledge.ingest(tech, [manuals], "Manuals")
    page.refresh()
    assert page.split.isVisible()
    for widget in (page.new_collection_button, page.add_files_button, page.add_folder_button,
                   page.resume_button, page.delete_collection_button,
                   page.delete_document_button, page.mode_combo):
        assert widget.isHidden()
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Ask", "Documents"]
    assert page.results_tab is None and page.manage_tab is None
    assert "Technicians add documents" in page.role_note.text()
    assert page.question.height() >= 56 and page.ask_button.height() >= 56  # touch targets
    assert page.documents_model.rowCount() == 4  # reading the library is allowed


def test_admin_deletes_a_document_and_a_collection(qtbot, make_page, admin, ingested, ctx):
    page = make_page(admin)
    page.tabs.setCurrentWidget(page.documents_tab)
    page.select_document("press.pdf")
    assert page.delete_document_button.isVisible() and page.delete_document_button.isEnabled()
    click(qtbot, page.delete_document_button)
    box = page.dialog
    assert isinstance(box, QMessageBox) and "press.pdf" in box.text()
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    assert page.dialog is None and not page.work.busy
    click(qtbot, page.delete_document_button)
    click(qtbot, page.dialog.button(QMessageBox.StandardButton.Yes))
    idle(qtbot, page)
    assert "press.pdf deleted" in page.message.text()
    names = [d.file_name for d in page.documents_model.rows]
    assert "press.pdf" not in names and len(names) == 3
    assert ctx.audit_trail.head().action == "delete_document"

    page.tabs.setCurrentWidget(page.manage_tab)  # re-embed with the model it already has
    assert page.models_model.cell(0, 3) == "built in"
    assert page.start_reembed("Manuals", page.models_model.rows[0].name)
    idle(qtbot, page)
    assert page.last_reembed is not None and not page.last_reembed.cancelled
    assert page.message.kind == "ok"

    click(qtbot, page.delete_collection_button)
    click(qtbot, page.dialog.button(QMessageBox.StandardButton.Yes))
    idle(qtbot, page)
    assert page.empty.isVisible() and page.collections_list.count() == 0


def test_cancel_a_running_ingest_then_resume_it(qtbot, make_page, tech, tmp_path, monkeypatch):
    folder = tmp_path / "stick"
    folder.mkdir()
    for i in range(5):
        (folder / f"doc-{i:02d}.md").write_text(f"# Note {i}\n\nValve {i} opens at {i} bar.\n",
                                                encoding="utf-8")
    gate = threading.Event()
    real_extract = knowledge_service.extract

    def held_extract(path, *args, **kwargs):  # noqa: ANN001, ANN202 - holds the third file
        if path.name == "doc-02.md":
            gate.wait(WAIT_MS / 1000)
        return real_extract(path, *args, **kwargs)

    monkeypatch.setattr(knowledge_service, "extract", held_extract)
    page = make_page(tech)
    assert page.ingest_paths([folder], "Notes")
    qtbot.waitUntil(lambda: "doc-02.md" in page.work._label.text(), timeout=WAIT_MS)
    click(qtbot, page.work._cancel)
    gate.set()
    idle(qtbot, page)
    report = page.last_report
    assert report.cancelled and report.pending == 3 and report.count("ok") == 2
    assert page.message.kind == "warn" and "Ingest cancelled" in page.message.text()
    assert page.resume_button.isVisible() and "3 of 5" in page.resume_button.toolTip()

    click(qtbot, page.resume_button)
    idle(qtbot, page)
    assert not page.last_report.cancelled and page.last_report.count("ok") == 3
    assert page.resume_button.isHidden()
    assert page.documents_model.rowCount() == 5


def test_adding_files_without_a_collection_asks_for_one_first(qtbot, make_page, tech, manuals,
                                                              monkeypatch):
    chosen = [str(manuals / "line3.md"), str(manuals / "press.pdf")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    page = make_page(tech)
    click(qtbot, page.add_files_button)
    dialog = page.dialog
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert "name" in dialog.error.text()  # an empty name is refused in the form
    dialog.name.setText("Line 3")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: page.work.busy or page.last_report is not None, timeout=WAIT_MS)
    idle(qtbot, page)
    assert page.last_report.collection == "Line 3" and page.last_report.count("ok") == 2
    assert page.selected_collection() == "Line 3"
    assert sorted(d.file_name for d in page.documents_model.rows) == ["line3.md", "press.pdf"]
