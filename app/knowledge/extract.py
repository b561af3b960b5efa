"""Text extraction per file format, keeping page numbers and headings for citations.

Each extractor returns paragraphs (`Block`s) tagged with their page (None where a format has no
pages) and the heading path above them, which is all the chunker needs. Anything that makes a
file unusable raises ExtractionError with a reason a technician can act on; the batch goes on.
pypdf and python-docx are imported lazily so the rest of the console starts without them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from app.errors import ValidationError

MAX_FILE_BYTES = 200 * 1024 * 1024

KINDS: dict[str, tuple[str, str]] = {  # suffix -> (kind, mime)
    ".pdf": ("pdf", "application/pdf"),
    ".docx": ("docx",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".md": ("markdown", "text/markdown"),
    ".markdown": ("markdown", "text/markdown"),
    ".txt": ("text", "text/plain"),
    ".html": ("html", "text/html"),
    ".htm": ("html", "text/html"),
}
SUPPORTED_SUFFIXES = tuple(KINDS)


class ExtractionError(ValidationError):
    """The file cannot be turned into text; the message says why (shown as the file's result)."""


@dataclass(frozen=True)
class Block:
    """One paragraph of text, where it sits (page) and under which headings."""

    text: str
    page: int | None = None
    headings: tuple[str, ...] = ()


@dataclass
class Extracted:
    title: str
    kind: str
    mime: str
    pages: int | None
    blocks: list[Block] = field(default_factory=list)


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in KINDS


def extract(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Extracted:
    """Extract the text of one file; raises ExtractionError with a clear reason."""
    path = Path(path)
    kind, mime = KINDS.get(path.suffix.lower(), (None, None))
    if kind is None:
        raise ExtractionError(f"Unsupported file type '{path.suffix or path.name}': use PDF, "
                              "DOCX, Markdown, plain text or HTML.")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExtractionError(f"Cannot read the file: {exc.strerror}.") from exc
    if size == 0:
        raise ExtractionError("The file is empty.")
    if size > max_bytes:
        raise ExtractionError(f"The file is too large ({size / 1048576:.0f} MB); the limit is "
                              f"{max_bytes / 1048576:.0f} MB per file.")
    extractor: Callable[[Path], Extracted] = _EXTRACTORS[kind]
    result = extractor(path)
    result.kind, result.mime = kind, mime
    result.blocks = [b for b in result.blocks if b.text.strip()]
    if not result.blocks:
        raise ExtractionError("The file contains no text.")
    if not result.title:
        result.title = path.stem
    return result


# -- plain text and Markdown -----------------------------------------------------------------

def read_text(path: Path) -> str:
    """Decode UTF-8 (with or without BOM), else GB18030 (common for Chinese manuals)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"Cannot read the file: {exc.strerror}.") from exc
    if b"\x00" in data[:8192]:
        raise ExtractionError("The file looks binary, not text.")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _extract_text(path: Path) -> Extracted:
    text = read_text(path).replace("\r\n", "\n").replace("\r", "\n")
    return Extracted("", "", "", None, [Block(p) for p in _paragraphs(text)])


_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _extract_markdown(path: Path) -> Extracted:
    lines = read_text(path).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    stack: list[tuple[int, str]] = []
    paragraph: list[str] = []
    title = ""
    in_fence = False

    def flush() -> None:
        text = "\n".join(paragraph).strip()
        paragraph.clear()
        if text:
            blocks.append(Block(text, None, tuple(h for _, h in stack)))

    def heading(level: int, text: str) -> None:
        nonlocal title
        flush()
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, text))
        if level == 1 and not title:
            title = text

    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            paragraph.append(line)
            continue
        if in_fence:
            paragraph.append(line)
            continue
        match = _ATX.match(line)
        if match:
            heading(len(match.group(1)), match.group(2))
        elif (paragraph and len(paragraph) == 1 and line.strip()
              and set(line.strip()) <= {"="} | {"-"} and len(set(line.strip())) == 1
              and (i == 0 or lines[i - 1].strip())):
            text = paragraph.pop()
            heading(1 if "=" in line else 2, text.strip())
        elif not line.strip():
            flush()
        else:
            paragraph.append(line)
    flush()
    return Extracted(title, "", "", None, blocks)


# -- HTML --------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "li", "br", "tr", "td", "th", "section", "article", "pre", "table",
               "ul", "ol", "blockquote", "dd", "dt", "header", "footer", "main", "nav", "hr",
               "figcaption", "caption", "body"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._stack: list[tuple[int, str]] = []
        self._buffer: list[str] = []
        self._skip = 0
        self._in_title = False
        self._heading_level = 0

    def _flush(self) -> None:
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self._buffer)).strip()
        self._buffer.clear()
        if not text:
            return
        if self._heading_level:
            while self._stack and self._stack[-1][0] >= self._heading_level:
                self._stack.pop()
            self._stack.append((self._heading_level, text))
            if self._heading_level == 1 and not self.title.strip():
                self.title = text
        else:
            self.blocks.append(Block(text, None, tuple(h for _, h in self._stack)))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self._heading_level = int(tag[1])
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self._heading_level = 0
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._buffer.append(data)


def _extract_html(path: Path) -> Extracted:
    parser = _HtmlText()
    parser.feed(read_text(path))
    parser.close()
    parser._flush()
    title = re.sub(r"\s+", " ", parser.title).strip()
    return Extracted(title, "", "", None, parser.blocks)


# -- PDF ---------------------------------------------------------------------------------------

def _extract_pdf(path: Path) -> Extracted:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - a packaging fault
        raise ExtractionError("PDF support is not installed (the 'pypdf' package).") from exc
    try:
        with path.open("rb") as stream:
            if not stream.read(1024).lstrip().startswith(b"%PDF-"):
                raise ExtractionError("Not a PDF file: it has no PDF header (malformed or "
                                      "misnamed).")
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure means "cannot open it"
                unlocked = 0
            if not unlocked:
                raise ExtractionError("The PDF is encrypted with a password; remove the "
                                      "password and ingest it again.")
        blocks: list[Block] = []
        pages = len(reader.pages)
        for number, page in enumerate(reader.pages, start=1):
            text = (page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n")
            blocks.extend(Block(p, number) for p in _paragraphs(text))
        title = ""
        try:
            meta = reader.metadata
            title = str(meta.title).strip() if meta and meta.title else ""
        except Exception:  # noqa: BLE001 - a broken info dictionary is no reason to fail
            title = ""
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ExtractionError(f"The PDF is malformed or damaged and cannot be read ({exc})."
                              ) from exc
    if pages == 0:
        raise ExtractionError("The PDF has no pages.")
    if not blocks:
        raise ExtractionError("The PDF has no text layer (a scanned document?); text "
                              "recognition (OCR) is not supported.")
    return Extracted(title, "", "", pages, blocks)


# -- DOCX --------------------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def _extract_docx(path: Path) -> Extracted:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
    except ImportError as exc:  # pragma: no cover - a packaging fault
        raise ExtractionError("DOCX support is not installed (the 'python-docx' package)."
                              ) from exc
    import zipfile

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError("The DOCX file is malformed or damaged and cannot be read."
                              ) from exc
    blocks: list[Block] = []
    stack: list[tuple[int, str]] = []
    title = (document.core_properties.title or "").strip()
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [" | ".join(c.text.strip() for c in row.cells) for row in item.rows]
            text = "\n".join(r for r in rows if r.strip(" |"))
            if text:
                blocks.append(Block(text, None, tuple(h for _, h in stack)))
            continue
        text = item.text.strip()
        if not text:
            continue
        style = (item.style.name if item.style is not None else "") or ""
        match = _HEADING_STYLE.match(style)
        level = int(match.group(1)) if match else (1 if style.lower() == "title" else 0)
        if level:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, text))
            if not title and level == 1:
                title = text
        else:
            blocks.append(Block(text, None, tuple(h for _, h in stack)))
    return Extracted(title, "", "", None, blocks)


_EXTRACTORS: dict[str, Callable[[Path], Extracted]] = {
    "pdf": _extract_pdf,
    "docx": _extract_docx,
    "markdown": _extract_markdown,
    "text": _extract_text,
    "html": _extract_html,
}
