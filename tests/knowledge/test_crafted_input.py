"""Crafted input on a USB stick (issue 12): links out of the chosen folder, FIFOs, names that
are not UTF-8, files that swap under a resume, zip bombs, pathological Markdown/HTML, per-file
time and memory budgets, and a disk that fills up during an ingest."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from app.auth.identity import Actor
from app.context import AppContext
from app.errors import DiskFullError
from app.knowledge import service as service_module
from app.knowledge.chunking import chunk_blocks
from app.knowledge.extract import Budget, ExtractionError, extract
from app.knowledge.service import KnowledgeService
from tests.knowledge.helpers import bomb_docx, deadline, docx_with_dtd, write_pdf

SECRET = "zebracorn"  # a word only the files outside the chosen folder contain


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "etc"
    folder.mkdir()
    (folder / "passwd").write_text(f"root:x:0:0:{SECRET}:/root:/bin/bash\n", encoding="utf-8")
    (folder / "notes.md").write_text(f"# Notes\n\nThe {SECRET} notes.\n", encoding="utf-8")
    return folder


def _texts(ctx: AppContext) -> str:
    return " ".join(row[0] for row in ctx.store.conn.execute("SELECT text FROM kb_chunks"))


def _stored_copies(kb: KnowledgeService) -> str:
    return " ".join(p.read_bytes().decode("utf-8", "replace")
                    for p in kb.files_dir.rglob("*") if p.is_file())


def test_links_out_of_the_chosen_folder_are_refused_and_never_read(
        ctx: AppContext, kb: KnowledgeService, tech: Actor, tmp_path: Path,
        outside: Path) -> None:
    usb = tmp_path / "usb"
    (usb / "real").mkdir(parents=True)
    (usb / "real" / "manual.md").write_text("# Manual\n\nOpen the valve slowly.\n",
                                            encoding="utf-8")
    (usb / "passwd.txt").symlink_to(outside / "passwd")
    (usb / "etc").symlink_to(outside)  # a linked folder
    (usb / "relative.md").symlink_to("../etc/notes.md")
    (usb / "latest.md").symlink_to(usb / "real" / "manual.md")  # inside: followed, read once
    (usb / "dangling.md").symlink_to(usb / "gone.md")

    report = kb.ingest(tech, [usb], "usb")
    by_name = {Path(r.path).name: r for r in report.results}
    assert set(by_name) == {"manual.md", "passwd.txt", "etc", "relative.md", "dangling.md"}
    assert by_name["manual.md"].status == "ok"
    for name in ("passwd.txt", "etc", "relative.md"):
        assert by_name[name].status == "failed"
        assert "outside the folder you chose" in by_name[name].reason
    assert "points nowhere" in by_name["dangling.md"].reason
    assert SECRET not in _texts(ctx) and SECRET not in _stored_copies(kb)
    failed = [d.file_name for d in kb.list_documents(tech, "usb") if d.status == "failed"]
    assert "passwd.txt" in failed  # the documents list shows the refusal too


def test_a_named_path_through_a_linked_folder_is_refused(ctx: AppContext, kb: KnowledgeService,
                                                         tech: Actor, tmp_path: Path,
                                                         outside: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "docs").symlink_to(outside)  # looks like an ordinary folder in a file dialog
    (usb / "ok.md").write_text("# Ok\n\nFine text.\n", encoding="utf-8")
    report = kb.ingest(tech, [usb / "docs" / "notes.md", usb / "docs", usb / "ok.md"], "usb")
    assert [r.status for r in report.results] == ["failed", "failed", "ok"]
    assert "through the link" in report.results[0].reason
    assert "outside the folder" in report.results[1].reason
    assert SECRET not in _texts(ctx)


def test_fifos_are_refused_without_blocking(kb: KnowledgeService, tech: Actor,
                                           tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    os.mkfifo(usb / "pipe.md")
    (usb / "manual.md").write_text("# Manual\n\nGrease the bearings.\n", encoding="utf-8")
    with deadline(60, "ingesting a folder holding a FIFO"):
        report = kb.ingest(tech, [usb, usb / "pipe.md"], "usb")
    statuses = sorted((Path(r.path).name, r.status) for r in report.results)
    assert statuses == [("manual.md", "ok"), ("pipe.md", "failed"), ("pipe.md", "failed")]
    assert all("device, pipe or socket" in r.reason for r in report.results
               if r.status == "failed")


def _cancel_after_first_file() -> tuple[object, object]:
    state = {"stop": False}

    def progress(done: int, _total: int, _text: str) -> None:
        state["stop"] = state["stop"] or done >= 1

    return progress, (lambda: state["stop"])


def test_files_swapped_for_links_before_a_resume_are_refused(
        ctx: AppContext, kb: KnowledgeService, tech: Actor, tmp_path: Path,
        outside: Path) -> None:
    usb = tmp_path / "usb"
    (usb / "sub").mkdir(parents=True)
    for name in ("a.md", "b.md", "sub/notes.md"):
        (usb / name).write_text(f"# {name}\n\nHarmless text.\n", encoding="utf-8")
    progress, cancelled = _cancel_after_first_file()
    report = kb.ingest(tech, [usb], "usb", progress=progress, cancelled=cancelled)
    assert report.cancelled and report.pending == 2
    (usb / "b.md").unlink()
    (usb / "b.md").symlink_to(outside / "passwd")  # the file itself
    (usb / "sub").rename(usb / "old-sub")
    (usb / "sub").symlink_to(outside)  # a folder on its way
    resumed = kb.resume(tech, report.run_id)
    assert [r.status for r in resumed.results] == ["failed", "failed"]
    assert all("changed into a link" in r.reason for r in resumed.results)
    assert SECRET not in _texts(ctx) and SECRET not in _stored_copies(kb)


def test_names_that_are_not_utf8_are_ingested_shown_and_resumed(
        ctx: AppContext, kb: KnowledgeService, tech: Actor, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "a.md").write_text("# A\n\nThe first file.\n", encoding="utf-8")
    for raw in (b"caf\xe9.md", b"line\x1b[2J\xff.md"):  # Latin-1, and a terminal escape
        with open(os.fsencode(usb) + b"/" + raw, "wb") as handle:
            handle.write(b"# Espresso\n\nDescale the espresso unit every month.\n" + raw)
    progress, cancelled = _cancel_after_first_file()
    report = kb.ingest(tech, [usb], "usb", progress=progress, cancelled=cancelled)
    assert report.pending == 2
    resumed = kb.resume(tech, report.run_id)
    assert [r.status for r in resumed.results] == ["ok", "ok"], resumed.results
    shown = [r.path for r in resumed.results]
    assert shown[0].endswith("/caf\\xe9.md")
    assert shown[1].endswith("/line\\x1b[2J\\xff.md")  # no raw escape reaches a terminal
    for text in shown:
        text.encode("utf-8")
    names = {d.file_name for d in kb.list_documents(tech, "usb")}
    assert names == {"a.md", "caf\\xe9.md", "line\\x1b[2J\\xff.md"}
    assert kb.search(tech, "descale espresso").hits
    rows = ctx.store.conn.execute("SELECT details FROM audit_log WHERE category = 'knowledge'")
    assert all(json.loads(row[0]) is not None for row in rows)
    # a second run finds them unchanged, by the same shown path
    again = kb.ingest(tech, [usb], "usb")
    assert [r.status for r in again.results] == ["skipped"] * 3


def test_a_10_mb_single_line_markdown_file_is_read_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "line.md"
    # a heading marker, then words between long runs of blanks: the shape that made the
    # heading regex backtrack cubically (one line of ~10 MB)
    path.write_text("# Heading " + ("word" + " " * 996) * 10_000, encoding="utf-8")
    with deadline(60, "extracting and chunking a 10 MB line"):
        extracted = extract(path)
        chunks = chunk_blocks(extracted.blocks)
    assert len(chunks) > 1000
    assert all(len(c.heading) < 1000 for c in chunks)  # a line this long is no heading


def test_chunking_work_grows_linearly_with_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counts the characters the chunker slices out: ~constant per character of input."""
    from app.knowledge import chunking
    from app.knowledge.extract import Block

    sliced = {"n": 0}
    real = chunking.document_text

    class Counting(str):
        def __getitem__(self, key):  # noqa: ANN001, ANN204 - str's own signature
            part = str.__getitem__(self, key)
            sliced["n"] += len(part)
            return part

    monkeypatch.setattr(chunking, "document_text", lambda blocks: Counting(real(blocks)))
    per_char = []
    for size in (200_000, 800_000):
        sliced["n"] = 0
        chunk_blocks([Block(("word " * (size // 5)).strip())])
        per_char.append(sliced["n"] / size)
    assert per_char[1] < per_char[0] * 1.5


@pytest.mark.parametrize("body", [
    "<a" * 300_000,  # unclosed tags: Python's HTMLParser rescans from the start each time
    "<!--" * 200_000,  # unclosed comments
    "</" * 300_000,
    "<div>" * 200_000 + "deep text",  # nesting far past any real page
    "<p>" + "x" * 5_000_000 + "</p>",  # one huge line
])
def test_pathological_html_is_read_in_linear_time(tmp_path: Path, body: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(body, encoding="utf-8")  # unclosed at the end: the costly case
    with deadline(30, "extracting pathological HTML"):
        try:
            extracted = extract(path)
        except ExtractionError:
            return
    assert sum(len(b.text) for b in extracted.blocks) < 6_000_000


def test_a_docx_that_inflates_far_beyond_its_size_is_refused(tmp_path: Path) -> None:
    path = bomb_docx(tmp_path / "bomb.docx", expanded_mib=64)
    assert path.stat().st_size < 1 << 20
    with pytest.raises(ExtractionError, match="expands to"):
        extract(path)


LAUGHS = ('<!DOCTYPE d [<!ENTITY l0 "lollollollol">' + "".join(
    f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10)) + "]>")


def test_docx_entities_are_never_expanded_or_resolved(tmp_path: Path) -> None:
    laughs = docx_with_dtd(tmp_path / "laughs.docx", LAUGHS, "Start &l9; end")
    with deadline(30, "reading a billion-laughs DOCX"):
        try:
            text = " ".join(b.text for b in extract(laughs).blocks)
        except ExtractionError:
            text = ""
    assert "lollollol" not in text
    xxe = docx_with_dtd(tmp_path / "xxe.docx", '<!DOCTYPE d [<!ENTITY x SYSTEM '
                        '"file:///etc/passwd">]>', "Start &x; end")
    try:
        text = " ".join(b.text for b in extract(xxe).blocks)
    except ExtractionError:
        text = ""
    assert "root:" not in text


def test_a_password_protected_docx_says_so(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"  # Word writes encrypted DOCX as an OLE compound file
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 1024)
    with pytest.raises(ExtractionError, match="password"):
        extract(path)


def test_deeply_nested_pdf_fails_alone_and_a_huge_line_is_read(kb: KnowledgeService, tech: Actor,
                                       tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    write_pdf(usb / "good.pdf", [["Check the oil level daily."]])
    nested = b"[" * 100_000 + b"]" * 100_000
    write_pdf(usb / "nested.pdf", [["Nested."]], page_extra=b"/Annots " + nested)
    write_pdf(usb / "wide.pdf", [["x" * 1_000_000]])  # one huge line of text
    report = kb.ingest(tech, [usb], "usb")
    assert sorted((Path(r.path).name, r.status) for r in report.results) == [
        ("good.pdf", "ok"), ("nested.pdf", "failed"), ("wide.pdf", "ok")]


def _budget_service(ctx: AppContext, budget: Budget) -> KnowledgeService:
    return KnowledgeService(ctx.store, ctx.audit_trail, ctx.guard, ctx.data_dir / "knowledge",
                            extract_budget=budget)


def test_a_file_over_its_memory_budget_fails_alone(ctx: AppContext, tech: Actor,
                                                   tmp_path: Path) -> None:
    kb = _budget_service(ctx, Budget(seconds=120, memory_bytes=64 << 20))
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "a-big.txt").write_text("Grease the bearings.\n\n" * 2_000_000, encoding="utf-8")
    (usb / "b-small.md").write_text("# Small\n\nCheck the belt.\n", encoding="utf-8")
    try:
        report = kb.ingest(tech, [usb], "usb")
    finally:
        kb.close()
    big, small = report.results
    assert big.status == "failed" and "needed more than 64 MiB" in big.reason
    assert small.status == "ok"  # a fresh reader after the one that was stopped


def test_a_file_over_its_time_budget_fails_with_the_limit_named(ctx: AppContext, tech: Actor,
                                                                tmp_path: Path) -> None:
    kb = _budget_service(ctx, Budget(seconds=0.01, memory_bytes=1 << 30))
    path = tmp_path / "slow.md"
    path.write_text("# Slow\n\n" + "Line of text.\n" * 2_000_000, encoding="utf-8")
    try:
        [result] = kb.ingest(tech, [path], "usb").results
    finally:
        kb.close()
    assert result.status == "failed" and "took longer than 0.01 s" in result.reason


# -- disk full ---------------------------------------------------------------------------------


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    usb = tmp_path / "usb"
    usb.mkdir()
    for i in range(4):
        (usb / f"doc-{i}.md").write_text(f"# Doc {i}\n\n" + f"Valve {i} opens at {i} bar. " * 40,
                                         encoding="utf-8")
    return usb


def _ok_documents(kb: KnowledgeService, tech: Actor) -> list[str]:
    return sorted(d.file_name for d in kb.list_documents(tech) if d.status == "ok")


def test_a_full_database_stops_the_run_keeps_what_was_committed_and_resumes(
        ctx: AppContext, kb: KnowledgeService, tech: Actor, stick: Path) -> None:
    conn = ctx.store.conn

    def fill_up(done: int, _total: int, _text: str) -> None:
        if done == 2:  # the database is "full" from the third file on
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(DiskFullError) as raised:
        kb.ingest(tech, [stick], "usb", progress=fill_up)
    assert raised.value.exit_code == 74 and "is full while ingesting doc-2.md" in str(
        raised.value)
    assert _ok_documents(kb, tech) == ["doc-0.md", "doc-1.md"]
    conn.execute("PRAGMA max_page_count = 1073741823")  # space is back
    [run] = kb.unfinished_runs(tech)
    assert run["pending"] == 2
    resumed = kb.resume(tech, run["run_id"])
    assert [r.status for r in resumed.results] == ["ok", "ok"]
    assert _ok_documents(kb, tech) == [f"doc-{i}.md" for i in range(4)]
    assert kb.unfinished_runs(tech) == []


def _full_disk_on_third_copy(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"n": 0}
    real = service_module.copy_and_hash

    def copy(source, target, *args, **kwargs):  # noqa: ANN001, ANN202
        calls["n"] += 1
        if calls["n"] == 3:
            Path(target).write_bytes(b"half a file")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(service_module, "copy_and_hash", copy)
    return calls


def test_a_full_disk_while_keeping_the_copy_stops_the_run_and_resumes(
        kb: KnowledgeService, tech: Actor, stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _full_disk_on_third_copy(monkeypatch)
    with pytest.raises(DiskFullError) as raised:
        kb.ingest(tech, [stick], "usb")
    assert "while ingesting doc-2.md" in str(raised.value)
    assert _ok_documents(kb, tech) == ["doc-0.md", "doc-1.md"]
    assert not [p for p in kb.files_dir.rglob("*") if p.is_file() and p.name.endswith(".part")]
    [run] = kb.unfinished_runs(tech)
    assert kb.resume(tech, run["run_id"]).count("ok") == 2
    assert _ok_documents(kb, tech) == [f"doc-{i}.md" for i in range(4)]


def test_an_embedding_model_folder_is_read_only_inside_itself(ctx: AppContext, admin: Actor,
                                                              tmp_path: Path, outside: Path):
    """The admin's model folder follows the same rules: a tokenizer linked out is refused."""
    from tests.knowledge.embedding_models import write_tiny_embedding_model

    folder = write_tiny_embedding_model(tmp_path / "tiny")
    (folder / "tokenizer.json").unlink()
    (folder / "tokenizer.json").symlink_to(outside / "passwd")
    with pytest.raises(Exception, match="outside the folder you chose") as caught:
        ctx.knowledge.import_embedding_model(admin, folder, "tiny")
    assert "tokenizer.json" in str(caught.value)
    assert not (ctx.data_dir / "knowledge" / "embedding-models" / "tiny").exists()
    (tmp_path / "usb").mkdir()
    linked = tmp_path / "usb" / "linked-model"  # a link on the stick to a folder off it
    linked.symlink_to(write_tiny_embedding_model(tmp_path / "elsewhere" / "m"))
    with pytest.raises(Exception, match="outside the folder holding the link|link"):
        ctx.knowledge.import_embedding_model(admin, linked, "tiny")
