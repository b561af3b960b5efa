"""In Simplified Chinese, the Knowledge and Serving pages and the batch job dialog speak Chinese:
their own words (tabs, buttons, status lines) and what the services hand them (an ingest
file's reason, the no-answer outcome, a start failure, a batch row's reason, refusals), while
file names, numbers and addresses stay as they are and what is stored stays English."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt

from app.ui.pages.knowledge import KnowledgePage
from app.ui.pages.models import ModelsPage
from app.ui.pages.serving import ServingPage
from tests.knowledge.helpers import CHINESE, MARKDOWN, write_pdf
from tests.ui.test_serving_page import FakeControl, FakeKeys

WAIT_MS = 30_000
NO_PDF_HEADER = "不是 PDF 文件：缺少 PDF 文件头（文件格式错误或扩展名有误）。"


@pytest.fixture
def manuals(tmp_path: Path) -> Path:
    """A USB stick: an English PDF, Markdown, a Chinese manual and a broken PDF."""
    folder = tmp_path / "usb"
    folder.mkdir()
    write_pdf(folder / "press.pdf", [["Hydraulic press overview"],
                                     ["Bleeding the hydraulic circuit takes ten minutes."]])
    (folder / "line3.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "故障手册.md").write_text(CHINESE, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"\x89garbage bytes" * 50)
    return folder


@pytest.fixture
def pages(qtbot):
    made = []

    def add(page, size=(1200, 800)):
        qtbot.addWidget(page)
        page.resize(*size)
        page.show()
        made.append(page)
        return page

    yield add
    for page in made:
        page.shutdown()


# -- Knowledge -------------------------------------------------------------------------------


def test_knowledge_page_words_and_a_failed_ingest_reason_are_chinese(chinese, qtbot, ctx, tech,
                                                                     manuals, pages):
    page = pages(KnowledgePage(ctx, tech))
    assert page.empty.isVisible() and "添加文件夹…" in page.empty.text()
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "提问", "文档", "最近导入"]
    assert page.new_collection_button.text() == "新建文档集…"
    assert page.add_files_button.text() == "添加文件…"
    assert page.add_folder_button.text() == "添加文件夹…"
    assert page.ask_button.text() == "提问"
    assert page.mode_combo.itemText(0) == "关键词 + 语义（混合）"

    ctx.knowledge.create_collection(tech, "Manuals")
    page.reload_collections(select="Manuals")
    assert page.ingest_paths([manuals])
    qtbot.waitUntil(lambda: not page.work.busy, timeout=WAIT_MS)
    assert page.message.text() == "导入到 Manuals 已完成：已添加 3 个，跳过 0 个，失败 1 个。"
    results = page.results_model
    assert results.headerData(3, Qt.Orientation.Horizontal) == "原因"
    rows = {results.cell(r, 0): (results.cell(r, 1), results.cell(r, 3))
            for r in range(results.rowCount())}
    assert rows["broken.pdf"] == ("失败", NO_PDF_HEADER)
    assert rows["故障手册.md"] == ("已导入", "")
    counts = page.collections_list.item(0).text().splitlines()[1]
    assert re.fullmatch(r"3 个文档 · \d+ 个段落", counts), counts  # chunking is tuned elsewhere

    page.tabs.setCurrentWidget(page.documents_tab)
    page.select_document("broken.pdf")
    assert page.document_detail.text() == f"broken.pdf 无法导入：{NO_PDF_HEADER}"
    documents = page.documents_model
    row = next(r for r, d in enumerate(documents.rows) if d.file_name == "broken.pdf")
    assert documents.cell(row, 1) == "失败"
    assert documents.data(documents.index(row, 0), Qt.ItemDataRole.ToolTipRole) == \
        NO_PDF_HEADER
    stored = ctx.knowledge.list_documents(tech, "Manuals")
    assert next(d for d in stored if d.file_name == "broken.pdf").error.startswith(
        "Not a PDF file")  # the database keeps the English


def test_no_answer_and_refusals_are_chinese(chinese, qtbot, ctx, tech, admin, operator, manuals,
                                            pages):
    ctx.knowledge.ingest(tech, [manuals], "Manuals")
    page = pages(KnowledgePage(ctx, operator))
    assert page.ask("What is the boiling point of mercury in kelvin?")
    qtbot.waitUntil(lambda: not page.ask_panel.busy, timeout=WAIT_MS)
    assert page.last_answer.outcome == "no_answer"
    assert page.answer_state.text().startswith("知识库中没有可靠的答案。")
    assert "No reliable" not in page.answer_state.text()
    shown = page.result_view.toPlainText()
    assert "[1]" not in shown or "最接近的段落 — 并非可靠答案" in shown
    assert not page.ask("   ")
    assert page.answer_state.text() == "请先输入问题，例如如何清除某个故障。"

    ctx.knowledge.add_blocked_term(admin, "hydraulic")
    assert page.ask("How long does bleeding the hydraulic circuit take?")
    qtbot.waitUntil(lambda: not page.ask_panel.busy, timeout=WAIT_MS)
    assert page.last_answer.outcome == "refused"
    assert page.answer_state.text().startswith("已拒绝：该问题涉及管理员屏蔽的主题")

    admin_page = pages(KnowledgePage(ctx, admin))
    assert admin_page.tabs.tabText(admin_page.tabs.count() - 1) == "管理"
    assert not admin_page.remove_blocked_term("no-such-term")
    assert admin_page.message.text() == "“no-such-term”不是屏蔽词。"  # a service refusal


# -- Serving ---------------------------------------------------------------------------------


def test_serving_status_lines_and_tables_are_chinese(chinese, qtbot, seeded, tech, pages):
    fake, keys = FakeControl(), FakeKeys()
    page = pages(ServingPage(seeded, tech, fake, keys), (1200, 900))
    qtbot.waitUntil(lambda: not page.polling, timeout=WAIT_MS)
    assert page.state_label.text() == "○ 已停止"
    assert page.detail_label.text() == "启动后即可向产线软件提供在用的模型版本。"
    assert page.start_button.text() == "启动" and page.stop_button.text() == "停止"
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "最近请求", "最近错误", "API 密钥", "试用"]

    fake.error = "the service exited with code 2"  # what ServingControl records
    page.poll()
    qtbot.waitUntil(lambda: not page.polling, timeout=WAIT_MS)
    assert page.detail_label.text() == "上次启动失败：服务已退出，退出码 2"

    page.port_spin.setValue(8123)
    assert page.start_service()
    qtbot.waitUntil(lambda: not page.work.busy, timeout=WAIT_MS)
    assert page.state_label.text() == "● 运行中：http://127.0.0.1:8123"
    detail = page.detail_label.text()
    assert detail.startswith("PID 4242 · 已运行 1 小时 1 分钟 · TLS 关 · 提供的模型：")
    assert page.message.text() == "服务运行于 http://127.0.0.1:8123。"
    qtbot.waitUntil(lambda: not page.polling, timeout=WAIT_MS)
    assert "每秒 12.5 个请求" in page.rate_label.text()
    requests = page.requests_model
    assert [requests.cell(r, 5) for r in range(requests.rowCount())] == ["成功", "未授权"]
    assert fake.requests[1].outcome == "unauthorized"  # stored as the service wrote it

    page.cert_edit.setText("/etc/cert.pem")
    page.stop_service()
    qtbot.waitUntil(lambda: not page.work.busy, timeout=WAIT_MS)
    assert page.message.text() == "服务已停止。"
    assert not page.start_service()
    assert page.message.text() == "TLS 需要同时提供证书及其私钥。"


# -- Batch jobs ------------------------------------------------------------------------------


def test_batch_dialog_reasons_and_refusals_are_chinese(chinese, qtbot, page_factory, tech,
                                                       tmp_path):
    page = page_factory(ModelsPage, tech, (1200, 800))
    assert page.batch_button.text() == "批处理任务…"
    page.select_model("demo-inspector")
    qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.windowTitle() == "批处理任务"
    folder = tmp_path / "photos"
    folder.mkdir()
    Image.fromarray(np.zeros((20, 30, 3), np.uint8)).save(folder / "good.png")
    (folder / "broken.jpg").write_bytes(b"garbage")
    out = tmp_path / "results.jsonl"
    dialog.input_edit.setText(str(folder))
    dialog.output_edit.setText(str(out))
    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.work.busy, timeout=WAIT_MS)
    assert dialog.message.text() == "已完成；1 个输入失败，原因见下方。"
    assert dialog.failures_model.cell(0, 1) == "broken.jpg"
    assert dialog.failures_model.cell(0, 2).startswith("无法使用 broken.jpg：")

    dialog.output_edit.setText(str(out))  # the same file again: the service refuses
    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.work.busy, timeout=WAIT_MS)
    assert dialog.message.kind == "alarm"
    assert dialog.message.text() == (f"{out} 已存在；请另选名称（或覆盖它）。"
                                     "若要接着处理未完成的任务，请改为继续该任务。")
    dialog.reject()
