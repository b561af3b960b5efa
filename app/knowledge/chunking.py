"""Split extracted paragraphs into overlapping passages for search and citation.

A chunk never crosses a heading or a page boundary, so every passage cites exactly one section
and one page. Paragraphs are packed up to ~800 characters; a longer paragraph is split at
sentence ends (。！？!?. and line breaks), never relying on spaces, so Chinese works; a sentence
longer than the target is cut hard. Consecutive chunks of a section overlap by ~100 characters
so an answer that straddles a cut is still found whole in one of them. Offsets refer to the
document text, i.e. the blocks joined by blank lines (see `document_text`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.knowledge.extract import Block

TARGET_CHARS = 800
OVERLAP_CHARS = 100
SEPARATOR = "\n\n"
HEADING_JOIN = " > "

_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’\"')）]*|\.(?=\s)|\n+")


@dataclass(frozen=True)
class Chunk:
    ordinal: int
    text: str
    page: int | None
    heading: str  # the heading path joined with ' > '
    char_start: int
    char_end: int


def document_text(blocks: Sequence[Block]) -> str:
    """The text chunk offsets point into: the blocks joined by blank lines."""
    return SEPARATOR.join(b.text for b in blocks)


def _sentences(text: str, start: int, limit: int) -> list[tuple[int, int]]:
    """(start, end) spans of sentences within one paragraph, none longer than `limit`."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end > pos:
            spans.append((pos, end))
            pos = end
    if pos < len(text):
        spans.append((pos, len(text)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while b - a > limit:
            cut = text.rfind(" ", a + limit * 4 // 5, a + limit) + 1 or a + limit  # a space
            out.append((start + a, start + cut))
            a = cut
        if text[a:b].strip():
            out.append((start + a, start + b))
    return out


def chunk_blocks(blocks: Sequence[Block], target: int = TARGET_CHARS,
                 overlap: int = OVERLAP_CHARS) -> list[Chunk]:
    """Chunks of ~`target` characters with ~`overlap` shared between neighbours."""
    full = document_text(blocks)
    # units: (start, end, section key) with section = (page, headings)
    units: list[tuple[int, int, tuple[int | None, tuple[str, ...]]]] = []
    offset = 0
    for block in blocks:
        key = (block.page, block.headings)
        if len(block.text) <= target:
            units.append((offset, offset + len(block.text), key))
        else:
            units.extend((a, b, key) for a, b in _sentences(block.text, offset,
                                                                 max(1, target - overlap)))
        offset += len(block.text) + len(SEPARATOR)

    chunks: list[Chunk] = []
    i = 0
    while i < len(units):
        key = units[i][2]
        section_end = i
        while section_end < len(units) and units[section_end][2] == key:
            section_end += 1
        start = units[i][0]
        j = i
        while j < section_end:
            # pack units [j, k) from `start`
            k = j + 1
            while k < section_end and units[k][1] - start <= target:
                k += 1
            end = units[k - 1][1]
            page, headings = key
            text = full[start:end].strip()
            if text:
                lead = len(full[start:end]) - len(full[start:end].lstrip())
                chunks.append(Chunk(len(chunks), text, page, HEADING_JOIN.join(headings),
                                    start + lead, start + lead + len(text)))
            if k >= section_end:
                break
            # the next chunk starts with the trailing units that fit in the overlap
            back = k
            while back > j + 1 and end - units[back - 1][0] <= overlap:
                back -= 1
            if back < k:
                start = units[back][0]
            else:  # the last unit is too long to repeat whole: overlap mid-unit
                start = max(units[k - 1][0], end - overlap) if overlap else units[k][0]
                if start >= units[k][0]:
                    start = units[k][0]
            start = max(start, units[k][1] - target)  # overlap plus next unit fits the target
            while (start < units[k][0] and full[start - 1].isascii() and full[start - 1].isalnum()
                   and full[start].isascii() and full[start].isalnum()):
                start += 1  # do not open a passage in the middle of an English word
            j = k
        i = section_end
    return chunks
