"""The demo manuals (resources/demo/knowledge) ingest cleanly and answer their questions.

One ingest per module (real MiniLM embeddings, a few seconds); the evaluation set of the
knowledge benchmark is checked against the documents so an edit cannot silently orphan a
question.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.auth import passwords
from app.auth.identity import Actor
from app.context import AppContext
from app.knowledge.chunking import chunk_blocks
from app.knowledge.extract import extract, is_supported
from resources.demo.knowledge.make_documents import DOCUMENTS, make
from tests.conftest import CHEAP_COST

CORPUS = Path(__file__).resolve().parents[2] / "resources" / "demo" / "knowledge"
EVAL = Path(__file__).resolve().parents[1] / "bench" / "knowledge_eval.jsonl"
COLLECTION = "demo manuals"
# questions of the evaluation set checked with bm25 and hybrid: two English, one Chinese
SPOT_CHECKS = ["en-01", "en-12", "zh-21"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _eval() -> list[dict[str, Any]]:
    return [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file() and is_supported(p))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, Actor, Any]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "DEFAULT_COST", CHEAP_COST)
        context = AppContext.open(tmp_path_factory.mktemp("demo-kb") / "data")
        admin = context.users.setup_admin("admin", "admin-password", source="test")
        report = context.knowledge.ingest(admin, [CORPUS], COLLECTION)
        yield context, admin, report
        context.close()


def test_the_corpus_has_every_format_in_both_languages() -> None:
    names = [p.name for p in _files()]
    english = [n for n in names if not n.startswith("zh-")]
    chinese = [n for n in names if n.startswith("zh-")]
    for language, files, needed in (("en", english, {".md", ".html", ".txt", ".docx", ".pdf"}),
                                    ("zh", chinese, {".md", ".html", ".txt", ".pdf"})):
        assert needed <= {Path(n).suffix for n in files}, language
    assert sum(n.endswith(".md") for n in english) >= 2


def test_every_file_ingests_with_sensible_pages(demo) -> None:
    ctx, admin, report = demo
    assert len(report.results) == len(_files())
    assert [r for r in report.results if r.status != "ok"] == []
    documents = {d.file_name: d for d in ctx.knowledge.list_documents(admin, COLLECTION)}
    for name, document in documents.items():
        assert document.chunk_count >= 2, name
        if name.endswith(".pdf"):
            assert 5 <= document.pages <= 10, (name, document.pages)
        else:
            assert document.pages is None, name
    embedded = ctx.store.conn.execute("SELECT COUNT(*) FROM kb_embeddings").fetchone()[0]
    assert embedded == sum(d.chunk_count for d in documents.values())


def test_the_chinese_pdf_extracts_as_chinese_with_page_numbers(demo) -> None:
    ctx, _, _ = demo
    rows = ctx.store.conn.execute(
        "SELECT k.page, k.text FROM kb_chunks k JOIN kb_documents d ON d.id = k.document_id"
        " WHERE d.file_name = 'zh-line3-f250-commissioning.pdf' ORDER BY k.ordinal").fetchall()
    text = "".join(t for _, t in rows)
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    assert cjk / len(_squash(text)) > 0.6
    assert "\ufffd" not in text
    pages = {page for page, _ in rows}
    assert pages == set(range(1, 8))
    # section five (the reject thresholds) is on page 5
    assert {p for p, t in rows if _squash("剔除阈值设为 0.45") in _squash(t)} == {5}
    title = ctx.store.conn.execute("SELECT title FROM kb_documents WHERE file_name = "
                                   "'zh-line3-f250-commissioning.pdf'").fetchone()[0]
    assert title.startswith("三号线新纸箱规格 F-250")


@pytest.mark.parametrize("mode", ["bm25", "hybrid"])
def test_evaluation_questions_find_their_passage(demo, mode: str) -> None:
    ctx, admin, _ = demo
    items = {i["id"]: i for i in _eval()}
    for qid in SPOT_CHECKS:
        item = items[qid]
        hits = ctx.knowledge.search(admin, item["question"], COLLECTION, limit=5,
                                    mode=mode).hits
        texts = dict(ctx.store.conn.execute(
            f"SELECT id, text FROM kb_chunks WHERE id IN ({','.join('?' * len(hits))})",
            [h.chunk_id for h in hits]).fetchall())
        assert any(h.file_name == item["doc"]
                   and _squash(item["answer"]) in _squash(texts[h.chunk_id])
                   for h in hits), (qid, mode, [(h.file_name, h.page) for h in hits])


def test_the_pdf_answer_cites_its_page(demo) -> None:
    ctx, admin, _ = demo
    answer = ctx.knowledge.ask(admin, "When does the nightly incremental backup run?",
                               COLLECTION)
    assert answer.outcome == "answered"
    cited = {(p.hit.file_name, p.hit.page) for p in answer.passages}
    assert ("compute-module-care.pdf", 4) in cited  # section 7, Backups


def test_the_evaluation_set_matches_the_documents() -> None:
    items = _eval()
    assert len({i["id"] for i in items}) == len(items)
    answerable = [i for i in items if i["answer"] is not None]
    assert sum(i["lang"] == "en" for i in answerable) >= 30
    assert sum(i["lang"] == "zh" for i in answerable) >= 25
    assert sum(i["answer"] is None for i in items) >= 4
    chunks = {p.name: [_squash(c.text) for c in chunk_blocks(extract(p).blocks)]
              for p in _files()}
    for item in answerable:
        phrase = _squash(item["answer"])
        assert len(item["answer"]) >= 6, item["id"]
        assert any(phrase in c for c in chunks[item["doc"]]), item["id"]
        others = [n for n, cs in chunks.items() if n != item["doc"] and any(phrase in c
                                                                             for c in cs)]
        assert others == [], (item["id"], others)  # one right document per question


def test_generated_documents_are_up_to_date(tmp_path: Path) -> None:
    """make_documents.py is deterministic and the committed DOCX/PDF files match it."""
    for path in make(tmp_path):
        assert path.read_bytes() == (CORPUS / path.name).read_bytes(), path.name
    assert len(DOCUMENTS) == len(list(tmp_path.iterdir()))
