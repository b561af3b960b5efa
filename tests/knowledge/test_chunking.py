"""Chunking: size, overlap, heading/page boundaries and offsets, for English and Chinese."""

from __future__ import annotations

from app.knowledge.chunking import chunk_blocks, document_text
from app.knowledge.extract import Block


def test_long_chinese_paragraph_is_split_at_sentence_ends_with_overlap() -> None:
    sentence = "设备运行时请保持防护门关闭并定期检查传感器状态。"  # 24 characters, no spaces
    blocks = [Block(sentence * 80, None, ("手册", "安全"))]
    chunks = chunk_blocks(blocks, target=800, overlap=100)
    full = document_text(blocks)
    assert len(chunks) >= 3
    for chunk in chunks:
        assert len(chunk.text) <= 800
        assert chunk.text.endswith("。")
        assert full[chunk.char_start:chunk.char_end] == chunk.text
        assert chunk.heading == "手册 > 安全"
    for prev, nxt in zip(chunks, chunks[1:], strict=False):
        assert 0 < prev.char_end - nxt.char_start <= 100  # they overlap, by at most ~100


def test_sentence_without_any_break_is_cut_hard() -> None:
    blocks = [Block("无" * 2000)]
    chunks = chunk_blocks(blocks, target=800, overlap=100)
    assert max(len(c.text) for c in chunks) <= 800
    assert chunks[-1].char_end == 2000
    assert all(a.char_end > b.char_start for a, b in zip(chunks, chunks[1:], strict=False))


def test_paragraphs_are_packed_but_never_cross_headings_or_pages() -> None:
    blocks = [Block("First paragraph.", 1, ("A",)), Block("Second paragraph.", 1, ("A",)),
              Block("Third, new page.", 2, ("A",)), Block("Fourth, new section.", 2, ("B",))]
    chunks = chunk_blocks(blocks)
    assert [(c.page, c.heading) for c in chunks] == [(1, "A"), (2, "A"), (2, "B")]
    assert chunks[0].text == "First paragraph.\n\nSecond paragraph."
    assert [c.ordinal for c in chunks] == [0, 1, 2]


def test_english_paragraphs_overlap_by_whole_sentences() -> None:
    para = " ".join(f"Sentence number {i} explains one step of the procedure." for i in range(60))
    chunks = chunk_blocks([Block(para)], target=300, overlap=100)
    assert len(chunks) > 3
    assert chunks[1].text.startswith("Sentence number")
    assert chunks[0].char_end > chunks[1].char_start
