"""A small, dependency-free PDF writer for the demo manuals and the knowledge benchmark.

Good enough for text: headings and wrapped paragraphs laid out on Letter pages, with a text
layer that pypdf extracts with the right page numbers. Latin text uses the standard Helvetica
fonts (WinAnsiEncoding, nothing embedded). Chinese text uses a Type0 font over the Adobe-GB1
character collection (STSong-Light with the predefined UniGB-UCS2-H CMap, the "Asian font
pack" approach of PDF readers, no font file embedded) plus a /ToUnicode CMap, so text
extraction maps every code straight back to its Unicode character and viewers substitute a
system CJK font for display.

A paragraph is followed by a line holding one space: pypdf turns it into a blank line, which
is where app.knowledge.extract splits paragraphs.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

PAGE_W, PAGE_H = 612, 792  # US Letter, points
MARGIN_X, TOP, BOTTOM = 72, 730, 72
STYLES = {  # kind -> (font size, leading, space before in lines)
    "title": (20, 26, 0),
    "h1": (16, 21, 1),
    "h2": (13, 17, 1),
    "h3": (11.5, 15, 1),
    "p": (10.5, 14, 0),
}

Part = tuple[str, str]  # (kind, text): kind in title/h1/h2/h3/p, or ("page", "") for a break


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _width(text: str, size: float) -> float:
    """Approximate advance width: 1 em for CJK, ~0.5 em for Latin (Helvetica averages)."""
    return sum(size if _is_wide(ch) else size * 0.52 for ch in text)


_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)")


def wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of at most `width` points: Latin breaks at spaces, CJK between any characters."""
    lines: list[str] = []
    current = ""
    tokens: list[str] = []
    word = ""
    for ch in text.replace("\n", " "):
        if _is_wide(ch):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch == " ":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(" ")
        else:
            word += ch
    if word:
        tokens.append(word)
    for token in tokens:
        if not current and token == " ":
            continue
        if _width(current + token, size) <= width or not current:
            current += token
        elif token in _NO_LINE_START:  # keep punctuation on the line it closes
            current += token
        else:
            lines.append(current.rstrip())
            current = "" if token == " " else token
    if current.strip():
        lines.append(current.rstrip())
    return lines


class _Fonts:
    """Font resources and the string encoding each one needs."""

    def __init__(self, cjk: bool) -> None:
        self.cjk = cjk
        self.used: set[int] = set()

    def encode(self, text: str, bold: bool) -> tuple[str, bytes]:
        if self.cjk:
            codes = [ord(ch) for ch in text if ord(ch) <= 0xFFFF]
            self.used.update(codes)
            return "/F3", b"<" + "".join(f"{c:04X}" for c in codes).encode("ascii") + b">"
        raw = text.encode("cp1252", errors="replace")
        escaped = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        return ("/F2" if bold else "/F1"), b"(" + escaped + b")"


def _to_unicode_cmap(codes: Iterable[int]) -> bytes:
    codes = sorted(set(codes))
    out = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
           b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
           b"1 begincodespacerange", b"<0000> <FFFF>", b"endcodespacerange"]
    for i in range(0, len(codes), 100):
        block = codes[i:i + 100]
        out.append(b"%d beginbfchar" % len(block))
        out += [b"<%04X> <%04X>" % (c, c) for c in block]
        out.append(b"endbfchar")
    out += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(out)


def _stream(body: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    if compress:
        body = zlib.compress(body, 6)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(body), extra) + body + b"\nendstream"


def layout(parts: Sequence[Part], cjk: bool = False) -> list[list[tuple[str, float, float, str]]]:
    """Pages of (kind, size, y, line) placed top to bottom, headings kept with what follows."""
    width = PAGE_W - 2 * MARGIN_X
    pages: list[list[tuple[str, float, float, str]]] = [[]]
    y = TOP
    for kind, text in parts:
        if kind == "page":
            if pages[-1]:
                pages.append([])
                y = TOP
            continue
        size, leading, before = STYLES[kind]
        lines = wrap(text, size, width)
        if not lines:
            continue
        needed = leading * (len(lines) if kind == "p" else len(lines) + 3)
        if kind == "p" and len(lines) > 4:
            needed = leading * 3  # a long paragraph may break across pages
        if pages[-1] and y - before * leading - needed < BOTTOM:
            pages.append([])
            y = TOP
        elif pages[-1]:
            y -= before * leading
        for line in lines:
            if y - leading < BOTTOM:
                pages.append([])
                y = TOP
            y -= leading
            pages[-1].append((kind, size, y, line))
        # the paragraph separator: a line with one space (a blank line for pypdf)
        y -= leading * 0.9
        pages[-1].append(("gap", STYLES["p"][0], y, " "))
    return [p for p in pages if any(k != "gap" for k, *_ in p)]


def write_pdf(path: Path, parts: Sequence[Part], title: str = "", cjk: bool = False,
              compress: bool = True) -> int:
    """Write `parts` as a PDF; returns the number of pages."""
    pages = layout(parts, cjk)
    fonts = _Fonts(cjk)
    contents: list[bytes] = []
    for page in pages:
        ops: list[bytes] = []
        for kind, size, y, line in page:
            font, encoded = fonts.encode(line, kind not in ("p", "gap"))
            ops.append(b"BT %s %.1f Tf 1 0 0 1 %d %.1f Tm %s Tj ET"
                       % (font.encode(), size, MARGIN_X, y, encoded))
        contents.append(b"\n".join(ops))

    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    font_refs = []
    if cjk:
        to_unicode = add(_stream(_to_unicode_cmap(fonts.used), compress=compress))
        descriptor = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6"
                         b" /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880"
                         b" /Descent -120 /CapHeight 880 /StemV 93 >>")
        descendant = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
                         b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4"
                         b" >> /FontDescriptor %d 0 R /DW 1000 /W [1 95 500] >>" % descriptor)
        cjk_font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H"
                       b" /Encoding /UniGB-UCS2-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>"
                       % (descendant, to_unicode))
        font_refs.append(b"/F3 %d 0 R" % cjk_font)
    else:
        regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
                      b" /Encoding /WinAnsiEncoding >>")
        bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold"
                   b" /Encoding /WinAnsiEncoding >>")
        font_refs += [b"/F1 %d 0 R" % regular, b"/F2 %d 0 R" % bold]
    resources = b"<< /Font << " + b" ".join(font_refs) + b" >> >>"
    kids = []
    for content in contents:
        content_id = add(_stream(content, compress=compress))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources %s"
                        b" /Contents %d 0 R >>"
                        % (pages_id, PAGE_W, PAGE_H, resources, content_id)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                             + b"] /Count %d >>" % len(kids))
    info = add(b"<< /Title " + _text_string(title) + b" /Producer (EdgeDeck pdfgen) >>")

    Path(path).write_bytes(assemble(objects, catalog, info))
    return len(pages)


def assemble(objects: Sequence[bytes], root: int, info: int | None = None) -> bytes:
    """A whole PDF file from its numbered object bodies (1-based): header, objects, xref
    table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _text_string(text: str) -> bytes:
    """A PDF text string: PDFDocEncoding-safe ASCII as a literal, anything else UTF-16BE."""
    if text.isascii():
        return b"(" + text.encode("ascii").replace(b"\\", b"\\\\").replace(
            b"(", b"\\(").replace(b")", b"\\)") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"
