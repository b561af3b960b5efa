"""Dense vectors at ingest, hybrid search, answers with citations, no-answer, blocked terms,
the source viewer's context, collections deleted, embedding models imported and re-embedding."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from app.auth.identity import Actor
from app.context import AppContext
from app.errors import PermissionDenied, ValidationError
from app.knowledge.embedding import BUILTIN_MODEL
from app.knowledge.retrieval import rrf
from app.knowledge.service import KnowledgeService
from tests.knowledge.embedding_models import write_tiny_embedding_model
from tests.knowledge.helpers import CHINESE, MARKDOWN, write_pdf

PUMP = """# Pump Manual

## Priming

Prime the pump before starting. Open the bleed screw until water flows without air bubbles,
then close it with a quarter turn.

## Seals

Replace the mechanical seal every 4000 operating hours or when it drips more than ten drops
per minute.
"""


@pytest.fixture
def library(kb: KnowledgeService, tech: Actor, tmp_path: Path) -> KnowledgeService:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "line3.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "pump.md").write_text(PUMP, encoding="utf-8")
    (folder / "故障手册.md").write_text(CHINESE, encoding="utf-8")
    write_pdf(folder / "press.pdf", [["Hydraulic press overview"],
                                     ["Bleeding the hydraulic circuit takes ten minutes."],
                                     ["Replace the hydraulic filter every 500 hours."]])
    report = kb.ingest(tech, [folder], "manuals")
    assert report.count("ok") == 4, report.results
    return kb


@dataclass
class _Entry:
    outcome: str
    details: dict


def _audit(ctx: AppContext, action: str) -> list[_Entry]:
    """Newest first."""
    return [_Entry(r.outcome, json.loads(r.details) if isinstance(r.details, str) else r.details)
            for r in ctx.audit_trail.read_page(limit=200) if r.action == action]


def test_ingest_stores_one_unit_vector_per_chunk(ctx: AppContext, library: KnowledgeService,
                                                 tech: Actor):
    rows = ctx.store.conn.execute(
        "SELECT e.model, e.vector FROM kb_embeddings e JOIN kb_chunks k ON k.id = e.chunk_id"
    ).fetchall()
    chunks = ctx.store.conn.execute("SELECT COUNT(*) FROM kb_chunks").fetchone()[0]
    assert len(rows) == chunks > 0
    assert {model for model, _ in rows} == {BUILTIN_MODEL}
    vectors = np.stack([np.frombuffer(blob, np.float32) for _, blob in rows])
    assert vectors.shape[1] == 384
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    [collection] = library.list_collections(tech)
    assert collection.embedding_model == BUILTIN_MODEL and collection.embedded == chunks


def test_dense_search_finds_a_paraphrase_that_shares_no_words(library: KnowledgeService,
                                                              operator: Actor):
    question = "seal leaking drops maintenance interval"
    dense = library.search(operator, question, mode="dense")
    assert dense.mode == "dense" and dense.hits[0].file_name == "pump.md"
    assert dense.hits[0].cosine is not None and dense.hits[0].dense_rank == 1
    paraphrase = library.search(operator, "how often should the gasket be swapped", mode="dense")
    assert paraphrase.hits and paraphrase.hits[0].file_name == "pump.md"


def test_hybrid_fuses_both_lists_and_keeps_each_rank(library: KnowledgeService, operator: Actor):
    result = library.search(operator, "clear fault E42 jammed carton", mode="hybrid")
    assert result.mode == "hybrid"
    top = result.hits[0]
    assert top.file_name in {"line3.md", "故障手册.md"} and "E42" in top.snippet
    assert top.bm25_rank is not None and top.cosine is not None
    assert "<mark>" in top.snippet_html
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_reciprocal_rank_fusion_rewards_agreement():
    fused = dict(rrf([[1, 2, 3], [3, 1, 4]], k=60))
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[3] == pytest.approx(1 / 63 + 1 / 61)
    assert max(fused, key=fused.get) == 1 and fused[4] == pytest.approx(1 / 63)


def test_unknown_mode_and_empty_or_huge_questions_are_refused_clearly(library, operator):
    with pytest.raises(ValidationError, match="Unknown search mode"):
        library.search(operator, "pump", mode="fuzzy")
    with pytest.raises(ValidationError, match="Type a question"):
        library.ask(operator, "   ")
    with pytest.raises(ValidationError, match="too long"):
        library.ask(operator, "pump " * 1000)


def test_ask_quotes_the_passage_with_its_citation(ctx: AppContext, library: KnowledgeService,
                                                  operator: Actor):
    answer = library.ask(operator, "How do I clear fault E42?")
    assert answer.outcome == "answered", answer.reason
    first = answer.passages[0]
    assert first.number == 1 and "[1]" in answer.text
    assert any("RESET" in s or "复位" in s for p in answer.passages for s in p.sentences)
    assert first.hit.file_name in {"line3.md", "故障手册.md"}
    assert "<mark>" in first.quote_html
    for passage in answer.passages:
        assert f"[{passage.number}]" in answer.text
    record = _audit(ctx, "ask")[0]
    assert record.outcome == "success" and record.details["outcome"] == "answered"
    assert "query" not in record.details and len(record.details["query_sha256"]) == 64
    assert record.details["citations"][0][0] == first.hit.document_id


def test_ask_cites_the_pdf_page(library: KnowledgeService, operator: Actor):
    answer = library.ask(operator, "When should the hydraulic filter be replaced?")
    assert answer.outcome == "answered"
    assert answer.passages[0].hit.file_name == "press.pdf" and answer.passages[0].hit.page == 3


def test_ask_in_chinese_finds_the_chinese_manual(library: KnowledgeService, operator: Actor):
    answer = library.ask(operator, "传感器需要怎样保养")
    assert answer.outcome == "answered", answer.reason
    assert answer.passages[0].hit.file_name == "故障手册.md"
    assert "传感器" in answer.text


def test_unrelated_question_gets_no_reliable_answer_not_a_guess(
        ctx: AppContext, library: KnowledgeService, operator: Actor):
    answer = library.ask(operator, "What is the capital city of Australia?")
    assert answer.outcome == "no_answer"
    assert answer.text == "" and not answer.passages
    assert "No reliable answer" in answer.reason
    assert _audit(ctx, "ask")[0].details["outcome"] == "no_answer"


def test_blocked_term_refuses_the_question_and_is_audited(ctx: AppContext,
                                                          library: KnowledgeService,
                                                          admin: Actor, operator: Actor):
    library.add_blocked_term(admin, "  Bypass  ")
    library.add_blocked_term(admin, "绕过")
    assert library.blocked_terms(admin) == ["Bypass", "绕过"]
    refused = library.ask(operator, "how to bypass the guard door interlock?")
    assert refused.outcome == "refused" and not refused.passages and not refused.closest
    assert "blocked" in refused.reason
    chinese = library.ask(operator, "怎样绕过防护门")
    assert chinese.outcome == "refused"
    assert library.search(operator, "BYPASS guard").mode == "refused"
    denied = _audit(ctx, "ask")[0]
    assert denied.outcome == "denied" and denied.details["blocked_term"] == "绕过"
    assert "query" not in denied.details
    assert library.ask(operator, "bypassed").outcome != "refused"  # whole words only
    library.remove_blocked_term(admin, "bypass")
    assert library.ask(operator, "how to bypass the guard door?").outcome != "refused"
    with pytest.raises(ValidationError, match="not a blocked term"):
        library.remove_blocked_term(admin, "never added")
    assert [r.details["term"] for r in _audit(ctx, "add_blocked_term")] == ["绕过", "Bypass"]


def test_blocked_term_in_a_passage_withholds_that_passage(library: KnowledgeService,
                                                          admin: Actor, operator: Actor):
    library.add_blocked_term(admin, "carton")
    answer = library.ask(operator, "How do I clear fault E42 on line 3?")
    assert all("carton" not in p.quote.lower() for p in answer.passages)
    assert all("carton" not in h.snippet.lower() for h in answer.closest)
    result = library.search(operator, "jammed E42", mode="bm25")
    assert all("carton" not in h.snippet.lower() for h in result.hits)


def test_only_admins_manage_blocked_terms_and_models(library: KnowledgeService, tech: Actor,
                                                     operator: Actor, tmp_path: Path):
    with pytest.raises(PermissionDenied):
        library.add_blocked_term(tech, "x")
    with pytest.raises(PermissionDenied):
        library.blocked_terms(operator)
    with pytest.raises(PermissionDenied):
        library.import_embedding_model(tech, write_tiny_embedding_model(tmp_path / "m"))
    with pytest.raises(PermissionDenied):
        library.reembed(tech, "manuals", BUILTIN_MODEL)


def test_passage_context_has_the_text_around_the_passage(library: KnowledgeService,
                                                         operator: Actor):
    hit = library.search(operator, "Fault E17 glue tank", mode="bm25").hits[0]
    view = library.passage_context(operator, hit.chunk_id)
    assert view.document.file_name == "line3.md" and view.chunk_id == hit.chunk_id
    assert "E17" in view.passage and view.heading.endswith("Fault E17")
    assert view.file_path is not None and view.file_path.read_text().startswith("# Line 3")
    page = library.search(operator, "hydraulic filter", mode="bm25").hits[0]
    assert library.passage_context(operator, page.chunk_id).page == 3
    with pytest.raises(ValidationError, match="no longer exists"):
        library.passage_context(operator, 987654)


def test_passage_context_trims_the_overlap_with_neighbours(kb: KnowledgeService, tech: Actor,
                                                           tmp_path: Path):
    sentences = [f"Step {i}: tighten bolt number {i} to {10 + i} newton metres." for i in range(60)]
    (tmp_path / "long.md").write_text("# Torque\n\n" + " ".join(sentences), encoding="utf-8")
    kb.ingest(tech, [tmp_path / "long.md"], "c")
    middle = kb._store.conn.execute("SELECT id FROM kb_chunks WHERE ordinal = 1").fetchone()[0]
    view = kb.passage_context(tech, middle)
    assert view.before and view.after
    whole = view.before + view.passage + view.after
    for sentence in sentences[25:36]:
        assert whole.count(sentence) <= 1


def test_delete_collection_removes_everything_and_is_admin_only(ctx: AppContext,
                                                                library: KnowledgeService,
                                                                tech: Actor, admin: Actor):
    with pytest.raises(PermissionDenied):
        library.delete_collection(tech, "manuals")
    stored = list((library.files_dir).rglob("*.md"))
    assert stored
    library.delete_collection(admin, "manuals")
    assert library.list_collections(admin) == []
    for table in ("kb_documents", "kb_chunks", "kb_embeddings"):
        assert ctx.store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    assert not any(p.exists() for p in stored)
    assert _audit(ctx, "delete_collection")[0].details["documents"] == 4
    with pytest.raises(ValidationError, match="no collection"):
        library.delete_collection(admin, "manuals")


def test_import_model_then_reembed_switches_the_collection(ctx: AppContext,
                                                           library: KnowledgeService,
                                                           admin: Actor, operator: Actor,
                                                           tmp_path: Path):
    folder = write_tiny_embedding_model(tmp_path / "tiny")
    info = library.import_embedding_model(admin, folder, "tiny-words")
    assert info.dimensions == 16 and not info.builtin
    assert [m.name for m in library.embedding_models(operator)] == [BUILTIN_MODEL, "tiny-words"]
    with pytest.raises(ValidationError, match="already exists"):
        library.import_embedding_model(admin, folder, "tiny-words")
    seen = []
    report = library.reembed(admin, "manuals", "tiny-words",
                             progress=lambda d, t, _: seen.append((d, t)))
    chunks = ctx.store.conn.execute("SELECT COUNT(*) FROM kb_chunks").fetchone()[0]
    assert report.chunks == chunks and report.remaining == 0 and not report.cancelled
    assert seen[-1] == (chunks, chunks)
    [collection] = library.list_collections(admin)
    assert collection.embedding_model == "tiny-words" and collection.embedded == chunks
    hit = library.search(operator, "pump", mode="dense").hits[0]
    assert hit.file_name == "pump.md"
    again = library.reembed(admin, "manuals", "tiny-words")
    assert again.chunks == 0  # nothing left to do
    assert _audit(ctx, "reembed")[0].details["model"] == "tiny-words"
    assert _audit(ctx, "import_embedding_model")[0].details["dimensions"] == 16


def test_cancelled_reembed_keeps_the_old_model_until_complete(library: KnowledgeService,
                                                              admin: Actor, tmp_path: Path):
    library.import_embedding_model(admin, write_tiny_embedding_model(tmp_path / "t"), "t")
    report = library.reembed(admin, "manuals", "t", cancelled=lambda: True)
    assert report.cancelled and report.remaining > 0
    assert library.list_collections(admin)[0].embedding_model == BUILTIN_MODEL


@pytest.mark.parametrize("output", ["sentence", "tokens"])
def test_model_folders_with_token_states_or_sentence_vectors_import(library, admin, tmp_path,
                                                                    output):
    info = library.import_embedding_model(
        admin, write_tiny_embedding_model(tmp_path / output, 12, output), f"m-{output}")
    assert info.dimensions == 12


def test_bad_model_folders_are_refused_with_reasons(library: KnowledgeService, admin: Actor,
                                                    tmp_path: Path):
    with pytest.raises(ValidationError, match="not a folder"):
        library.import_embedding_model(admin, tmp_path / "missing", "x")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValidationError, match="no .onnx"):
        library.import_embedding_model(admin, empty, "x")
    no_tok = write_tiny_embedding_model(tmp_path / "no-tok")
    (no_tok / "tokenizer.json").unlink()
    with pytest.raises(ValidationError, match="tokenizer.json"):
        library.import_embedding_model(admin, no_tok, "x")
    no_mask = write_tiny_embedding_model(tmp_path / "no-mask", with_mask=False)
    with pytest.raises(ValidationError, match="attention_mask"):
        library.import_embedding_model(admin, no_mask, "x")
    flat = write_tiny_embedding_model(tmp_path / "flat", output="bad")
    with pytest.raises(ValidationError):
        library.import_embedding_model(admin, flat, "x")
    broken = write_tiny_embedding_model(tmp_path / "broken")
    (broken / "model.onnx").write_bytes(b"not onnx")
    with pytest.raises(ValidationError, match="Cannot load"):
        library.import_embedding_model(admin, broken, "x")
    with pytest.raises(ValidationError, match="name may use"):
        library.import_embedding_model(admin, write_tiny_embedding_model(tmp_path / "ok"), "a/b")
    assert [m.name for m in library.embedding_models(admin)] == [BUILTIN_MODEL]


def test_a_missing_model_keeps_documents_searchable_by_words(ctx: AppContext,
                                                             library: KnowledgeService,
                                                             admin: Actor, tech: Actor,
                                                             tmp_path: Path):
    library.import_embedding_model(admin, write_tiny_embedding_model(tmp_path / "t"), "t")
    library.reembed(admin, "manuals", "t")
    for item in (library.files_dir / "embedding-models" / "t").iterdir():
        item.unlink()
    (tmp_path / "new.md").write_text("# Belt\n\nThe belt speed is 2 m/s.\n", encoding="utf-8")
    result = library.ingest(tech, [tmp_path / "new.md"], "manuals").results[0]
    assert result.status == "ok" and "words only" in result.reason
    found = library.search(tech, "belt speed")
    assert found.hits and "Dense search unavailable" in found.note
    assert library.list_collections(tech)[0].embedded < library.list_collections(tech)[0].chunks


def test_file_progress_reports_embedding_batches(kb: KnowledgeService, tech: Actor,
                                                 tmp_path: Path):
    text = "\n\n".join(f"## Part {i}\n\n" + f"Paragraph {i} about the conveyor. " * 30
                       for i in range(40))
    (tmp_path / "big.md").write_text("# Big\n\n" + text, encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    kb.ingest(tech, [tmp_path / "big.md"], "c", file_progress=lambda *a: seen.append(a))
    assert seen[0][1:] == (0, 0)  # reading
    totals = {t for _, _, t in seen if t}
    assert len(totals) == 1 and seen[-1][1] == seen[-1][2] == totals.pop() > 32


def test_cancel_while_embedding_leaves_the_file_pending(ctx: AppContext, kb: KnowledgeService,
                                                        tech: Actor, tmp_path: Path):
    text = "\n\n".join(f"## Part {i}\n\n" + f"Paragraph {i} about valves. " * 30
                       for i in range(40))
    (tmp_path / "big.md").write_text("# Big\n\n" + text, encoding="utf-8")
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 2  # during the embedding batches

    report = kb.ingest(tech, [tmp_path / "big.md"], "c", cancelled=cancelled)
    assert report.cancelled and report.pending == 1
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM kb_chunks").fetchone()[0] == 0
    finished = kb.resume(tech, report.run_id)
    assert finished.count("ok") == 1


def test_a_flattened_table_is_quoted_around_the_question_words():
    from app.knowledge.answer import MAX_QUOTE_CHARS, best_sentences, question_terms

    rows = " | ".join(f"task {i} | every {i} hours | operator" for i in range(40))
    table = rows + " | clean the dust filter | 500 hours | technician | " + rows
    [quote] = best_sentences(question_terms("How often is the dust filter cleaned?"), table)
    assert len(quote) <= MAX_QUOTE_CHARS + 20 and quote.startswith("…") and quote.endswith("…")
    assert "clean the dust filter | 500 hours" in quote
