"""Extraction per format: text, pages, headings, and a clear reason for every unusable file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.knowledge.extract import ExtractionError, extract
from tests.knowledge.helpers import (
    HTML,
    MARKDOWN,
    write_docx,
    write_encrypted_pdf,
    write_pdf,
)


def test_pdf_keeps_page_numbers(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "m.pdf", [["Alpha on page one"], ["Bravo on page two"],
                                          ["Charlie (three)"]])
    result = extract(path)
    assert result.kind == "pdf" and result.pages == 3
    assert [(b.page, b.text) for b in result.blocks] == [
        (1, "Alpha on page one"), (2, "Bravo on page two"), (3, "Charlie (three)")]


def test_markdown_headings_and_code_fences(tmp_path: Path) -> None:
    path = tmp_path / "m.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    result = extract(path)
    assert result.title == "Line 3 Packaging Manual" and result.pages is None
    e42 = next(b for b in result.blocks if "E42" in b.text)
    assert e42.headings == ("Line 3 Packaging Manual", "Faults", "Fault E42")
    assert all("not a heading" not in h for b in result.blocks for h in b.headings)


def test_setext_headings(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_text("Title\n=====\n\nBody text.\n\nSection\n-------\n\nMore text.\n")
    blocks = extract(path).blocks
    assert [(b.text, b.headings) for b in blocks] == [
        ("Body text.", ("Title",)), ("More text.", ("Title", "Section"))]


def test_html_drops_scripts_and_styles_and_keeps_headings(tmp_path: Path) -> None:
    path = tmp_path / "g.html"
    path.write_text(HTML, encoding="utf-8")
    result = extract(path)
    assert result.title == "Conveyor Guide"
    text = " ".join(b.text for b in result.blocks)
    assert "secretscript" not in text and "color" not in text
    assert result.blocks[-1].headings == ("Conveyor", "Maintenance")
    assert "rollers & chains" in result.blocks[-1].text


def test_docx_headings_by_style(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "d.docx", [("h1", "Pump Manual"), ("p", "General notes."),
                                            ("h2", "Priming"), ("p", "Open valve V3 first.")])
    result = extract(path)
    assert result.kind == "docx" and result.title == "Pump Manual"
    assert [(b.text, b.headings) for b in result.blocks] == [
        ("General notes.", ("Pump Manual",)), ("Open valve V3 first.", ("Pump Manual",
                                                                         "Priming"))]


def test_plain_text_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_bytes("第一段。\n\n第二段。".encode("gb18030"))
    assert [b.text for b in extract(path).blocks] == ["第一段。", "第二段。"]


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.pdf", b"", "empty"),
    ("garbage.pdf", b"\x00\x01 this is not a pdf at all" * 10, "no PDF header"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ngarbage",
     "malformed"),
    ("bad.docx", b"PK not really a zip", "malformed"),
    ("bin.txt", b"abc\x00def", "binary"),
    ("notes.xyz", b"hello", "Unsupported file type"),
])
def test_unusable_files_give_a_clear_reason(tmp_path: Path, name: str, content: bytes,
                                            reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExtractionError, match=reason):
        extract(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    plain = write_pdf(tmp_path / "p.pdf", [["Secret procedure"]])
    path = write_encrypted_pdf(tmp_path / "locked.pdf", plain)
    with pytest.raises(ExtractionError, match="encrypted with a password"):
        extract(path)


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [[], []])
    with pytest.raises(ExtractionError, match="no text layer"):
        extract(path)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2048)
    with pytest.raises(ExtractionError, match="too large"):
        extract(path, max_bytes=1024)
