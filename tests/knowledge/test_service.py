"""KnowledgeService: ingest (folders, duplicates, replace, failures, cancel/resume), search,
roles and audit."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from app.auth.identity import Actor
from app.context import AppContext
from app.errors import PermissionDenied, ValidationError
from app.knowledge.service import KnowledgeService
from tests.knowledge.helpers import (
    CHINESE,
    HTML,
    MARKDOWN,
    write_docx,
    write_encrypted_pdf,
    write_pdf,
)


@pytest.fixture
def manuals(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    (folder / "sub").mkdir(parents=True)
    write_pdf(folder / "press.pdf", [["Hydraulic press overview"],
                                     ["Bleeding the hydraulic circuit takes ten minutes"],
                                     ["Replace the hydraulic filter every 500 hours"]])
    (folder / "line3.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "sub" / "conveyor.html").write_text(HTML, encoding="utf-8")
    (folder / "sub" / "故障手册.md").write_text(CHINESE, encoding="utf-8")
    write_docx(folder / "sub" / "pump.docx", [("h1", "Pump Manual"),
                                              ("p", "Prime the pump before starting.")])
    (folder / "photo.jpg").write_bytes(b"\xff\xd8 not a document")  # ignored in folders
    (folder / ".hidden.md").write_text("# hidden")
    return folder


def _chunks(ctx: AppContext, document_id: int) -> list[tuple]:
    return ctx.store.conn.execute(
        "SELECT ordinal, page, heading, text FROM kb_chunks WHERE document_id = ? "
        "ORDER BY ordinal", [document_id]).fetchall()


def _audit(ctx: AppContext, action: str) -> list[dict]:
    rows = ctx.store.conn.execute(
        "SELECT actor, outcome, details FROM audit_log WHERE category = 'knowledge' AND "
        "action = ? ORDER BY seq", [action]).fetchall()
    return [{"actor": a, "outcome": o, "details": json.loads(d)} for a, o, d in rows]


def test_ingest_folder_recursively(ctx: AppContext, kb: KnowledgeService, tech: Actor,
                                   manuals: Path) -> None:
    progress: list[tuple[int, int, str]] = []
    report = kb.ingest(tech, [manuals], "manuals", progress=lambda *a: progress.append(a))
    assert [Path(r.path).name for r in report.results] == [
        "line3.md", "press.pdf", "conveyor.html", "pump.docx", "故障手册.md"]
    assert all(r.status == "ok" and r.chunks > 0 for r in report.results)
    assert progress[0][:2] == (0, 5) and progress[-1][:2] == (5, 5)
    docs = {d.file_name: d for d in kb.list_documents(tech, "manuals")}
    assert docs["press.pdf"].pages == 3 and docs["press.pdf"].kind == "pdf"
    assert [(c[1], c[3]) for c in _chunks(ctx, docs["press.pdf"].id)] == [
        (1, "Hydraulic press overview"), (2, "Bleeding the hydraulic circuit takes ten minutes"),
        (3, "Replace the hydraulic filter every 500 hours")]
    md = _chunks(ctx, docs["line3.md"].id)
    assert any(c[2] == "Line 3 Packaging Manual > Faults > Fault E42" and c[1] is None
               for c in md)
    assert (kb.files_dir / docs["press.pdf"].stored_file).exists()
    [collection] = kb.list_collections(tech)
    assert (collection.name, collection.documents) == ("manuals", 5)
    [entry] = _audit(ctx, "ingest")
    assert entry["actor"] == "tech" and entry["details"]["ok"] == 5


def test_duplicate_is_skipped_and_unchanged_file_too(kb: KnowledgeService, tech: Actor,
                                                      manuals: Path, tmp_path: Path) -> None:
    kb.ingest(tech, [manuals / "line3.md"], "manuals")
    copy = tmp_path / "copy-of-line3.md"
    copy.write_bytes((manuals / "line3.md").read_bytes())
    report = kb.ingest(tech, [copy, manuals / "line3.md"], "manuals")
    assert [r.status for r in report.results] == ["skipped", "skipped"]
    assert "Duplicate of 'line3.md'" in report.results[0].reason
    assert "Unchanged" in report.results[1].reason
    assert len(kb.list_documents(tech)) == 1
    # another collection is independent
    assert kb.ingest(tech, [copy], "other").results[0].status == "ok"


def test_changed_file_replaces_its_old_chunks(ctx: AppContext, kb: KnowledgeService,
                                              tech: Actor, tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nThe old valve is model Zeta.\n")
    first = kb.ingest(tech, [path], "c").results[0]
    path.write_text("# Notes\n\nThe new valve is model Omega.\n")
    second = kb.ingest(tech, [path], "c").results[0]
    assert second.status == "ok" and second.replaced and second.document_id != first.document_id
    assert [d.id for d in kb.list_documents(tech)] == [second.document_id]
    assert _chunks(ctx, first.document_id) == []
    assert kb.search(tech, "Zeta", mode="bm25").hits == []  # the index forgot the old text
    assert kb.search(tech, "Omega").hits[0].document_id == second.document_id


def test_failures_have_reasons_and_do_not_stop_the_batch(ctx: AppContext, kb: KnowledgeService,
                                                         tech: Actor, tmp_path: Path) -> None:
    good = write_pdf(tmp_path / "good.pdf", [["Readable text"]])
    locked = write_encrypted_pdf(tmp_path / "locked.pdf", good)
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "garbage.pdf").write_bytes(b"\x89garbage bytes" * 50)
    scan = write_pdf(tmp_path / "scan.pdf", [[]])
    report = kb.ingest(tech, [locked, tmp_path / "empty.md", tmp_path / "garbage.pdf", scan,
                              good], "c")
    reasons = {Path(r.path).name: (r.status, r.reason) for r in report.results}
    assert reasons["good.pdf"][0] == "ok"
    assert "encrypted" in reasons["locked.pdf"][1]
    assert "empty" in reasons["empty.md"][1]
    assert "no PDF header" in reasons["garbage.pdf"][1]
    assert "no text layer" in reasons["scan.pdf"][1]
    assert report.count("failed") == 4
    failed = [d for d in kb.list_documents(tech) if d.status == "failed"]
    assert len(failed) == 4 and all(d.error for d in failed)
    [entry] = _audit(ctx, "ingest")
    assert entry["outcome"] == "failure" and entry["details"]["failed"] == 4


def test_size_limit_reason(ctx: AppContext, tech: Actor, tmp_path: Path) -> None:
    kb = KnowledgeService(ctx.store, ctx.audit_trail, ctx.guard, tmp_path / "f",
                          max_file_bytes=100)
    (tmp_path / "big.txt").write_text("x " * 100)
    [result] = kb.ingest(tech, [tmp_path / "big.txt"], "c").results
    assert result.status == "failed" and "too large" in result.reason


def test_cancel_midway_leaves_whole_documents_and_resume_finishes(
        ctx: AppContext, kb: KnowledgeService, tech: Actor, manuals: Path) -> None:
    calls = {"n": 0}

    def cancel_after_two() -> bool:
        calls["n"] += 1
        return len(kb.list_documents(tech)) >= 2

    report = kb.ingest(tech, [manuals], "manuals", cancelled=cancel_after_two)
    assert report.cancelled and len(report.results) == 2 and report.pending == 3
    docs = kb.list_documents(tech)
    assert len(docs) == 2
    for doc in docs:  # every stored document is complete
        assert len(_chunks(ctx, doc.id)) == doc.chunk_count > 0
    [run] = kb.unfinished_runs(tech)
    assert (run["run_id"], run["status"], run["pending"]) == (report.run_id, "cancelled", 3)

    resumed = kb.resume(tech, report.run_id)
    assert not resumed.cancelled and resumed.pending == 0
    assert [r.status for r in resumed.results] == ["ok", "ok", "ok"]
    assert len(kb.list_documents(tech)) == 5
    assert kb.unfinished_runs(tech) == []
    with pytest.raises(ValidationError, match="already complete"):
        kb.resume(tech, report.run_id)


def test_crash_during_a_file_leaves_nothing_half_written(ctx: AppContext, kb: KnowledgeService,
                                                         tech: Actor, manuals: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import app.knowledge.service as service

    real = service.chunk_blocks
    seen = {"n": 0}

    def explode_on_third(blocks, *a, **k):
        seen["n"] += 1
        if seen["n"] == 3:
            raise KeyboardInterrupt  # like a power cut: nothing catches it
        return real(blocks, *a, **k)

    monkeypatch.setattr(service, "chunk_blocks", explode_on_third)
    with pytest.raises(KeyboardInterrupt):
        kb.ingest(tech, [manuals], "manuals")
    assert len(kb.list_documents(tech)) == 2
    [run] = kb.unfinished_runs(tech)
    assert run["status"] == "running" and run["pending"] == 3
    monkeypatch.setattr(service, "chunk_blocks", real)
    assert kb.resume(tech, run["run_id"]).count("ok") == 3


def test_chinese_query_finds_the_chinese_chunk(kb: KnowledgeService, tech: Actor,
                                               operator: Actor, manuals: Path) -> None:
    kb.ingest(tech, [manuals], "manuals")
    result = kb.search(operator, "清除故障")
    assert result.mode == "bm25" and result.hits  # MiniLM is English-only: words decide
    top = result.hits[0]
    assert top.file_name == "故障手册.md" and top.heading == "三号线故障手册 > 故障E42"
    assert "[清除故障]" in top.snippet and "<mark>清除故障</mark>" in top.snippet_html
    # a whole question without spaces still finds it through its 4-character pieces
    assert kb.search(operator, "怎样清除故障E42代码").hits[0].file_name == "故障手册.md"


def test_english_bm25_ranks_the_right_chunk_first(kb: KnowledgeService, tech: Actor,
                                                  operator: Actor, manuals: Path) -> None:
    kb.ingest(tech, [manuals], "manuals")
    hits = kb.search(operator, "hydraulic filter replace").hits
    assert hits[0].file_name == "press.pdf" and hits[0].page == 3
    assert hits[0].score > hits[1].score
    assert "[hyd" in hits[0].snippet.lower() or "[rep" in hits[0].snippet.lower()
    hits = kb.search(operator, "clear fault E42").hits
    assert hits[0].heading.endswith("Fault E42")


def test_collection_filter(kb: KnowledgeService, tech: Actor, manuals: Path) -> None:
    kb.ingest(tech, [manuals / "line3.md"], "a")
    kb.ingest(tech, [manuals / "press.pdf"], "b")
    assert {h.collection for h in kb.search(tech, "the").hits} == {"a", "b"}
    assert {h.collection for h in kb.search(tech, "the", collection="b").hits} == {"b"}
    with pytest.raises(ValidationError, match="no collection"):
        kb.search(tech, "the", collection="nope")


def test_short_query_falls_back_to_substring(kb: KnowledgeService, tech: Actor,
                                             manuals: Path) -> None:
    kb.ingest(tech, [manuals], "manuals")
    result = kb.search(tech, "复位")
    assert result.mode == "substring" and "shorter than 3" in result.note
    assert result.hits and "[复位]" in result.hits[0].snippet
    assert kb.search(tech, "5%").hits == []  # LIKE wildcards are escaped


def test_search_is_audited_by_hash_unless_full_text_enabled(ctx: AppContext,
                                                             kb: KnowledgeService, tech: Actor,
                                                             operator: Actor,
                                                             manuals: Path) -> None:
    kb.ingest(tech, [manuals], "manuals")
    kb.search(operator, "clear fault E42", collection="manuals")
    [entry] = _audit(ctx, "search")
    assert entry["actor"] == "operator"
    assert entry["details"]["query_sha256"] == hashlib.sha256(b"clear fault E42").hexdigest()
    assert "clear fault" not in json.dumps(entry["details"])
    assert entry["details"]["collection"] == "manuals"
    # the administrator's switch, through the settings service (audited like any setting)
    admin = ctx.users.authenticate("admin", "admin-password")
    ctx.settings.set(admin, "knowledge_audit_full_text", 1)
    kb.search(operator, "clear fault E42")
    assert _audit(ctx, "search")[-1]["details"]["query"] == "clear fault E42"


def test_roles(ctx: AppContext, kb: KnowledgeService, admin: Actor, tech: Actor,
               operator: Actor, manuals: Path) -> None:
    with pytest.raises(PermissionDenied):
        kb.ingest(operator, [manuals], "manuals")
    report = kb.ingest(tech, [manuals], "manuals")
    assert kb.search(operator, "hydraulic").hits
    doc_id = report.results[0].document_id
    with pytest.raises(PermissionDenied):
        kb.delete_document(tech, doc_id)
    with pytest.raises(PermissionDenied):
        kb.resume(operator, report.run_id)
    denied = ctx.store.conn.execute("SELECT COUNT(*) FROM audit_log WHERE action = "
                                    "'permission_denied'").fetchone()[0]
    assert denied == 3


def test_admin_deletes_a_document_with_its_passages(ctx: AppContext, kb: KnowledgeService,
                                                    admin: Actor, tech: Actor,
                                                    manuals: Path) -> None:
    report = kb.ingest(tech, [manuals / "press.pdf"], "manuals")
    doc = kb.list_documents(tech)[0]
    kb.delete_document(admin, report.results[0].document_id)
    assert kb.list_documents(tech) == []
    assert kb.search(tech, "hydraulic").hits == []
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM kb_chunks").fetchone()[0] == 0
    assert not (kb.files_dir / doc.stored_file).exists()
    [entry] = _audit(ctx, "delete_document")
    assert entry["actor"] == "admin" and entry["details"]["title"] == doc.title
    with pytest.raises(ValidationError, match="no document"):
        kb.delete_document(admin, doc.id)


def test_empty_inputs(kb: KnowledgeService, tech: Actor, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="No supported files"):
        kb.ingest(tech, [tmp_path], "c")
    with pytest.raises(ValidationError, match="Type a question"):
        kb.search(tech, "   ")
