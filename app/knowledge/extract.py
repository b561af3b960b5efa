"""Text extraction per file format, keeping page numbers and headings for citations.

Each extractor returns paragraphs (`Block`s) tagged with their page (None where a format has no
pages) and the heading path above them, which is all the chunker needs. Anything that makes a
file unusable raises ExtractionError with a reason a technician can act on; the batch goes on.
pypdf and python-docx are imported lazily so the rest of the console starts without them.

Files come from USB sticks, so every reader is written for crafted input: the Markdown and
HTML readers are linear in the file's size (no backtracking regex, no rescanning parser; a line
too long to be a heading stays text), a DOCX is checked against `DOCX_BUDGET` (app/archives.py)
before python-docx opens it, and `extract(..., reader=...)` runs the whole extraction in a child
process within a `Budget` of time and memory (app/bounded_worker.py), so a file that would take
minutes or gigabytes fails alone with the limit named.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.archives import MIB, ZipBudget
from app.errors import ValidationError
from app.messages import msg

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_HEADING_CHARS = 300  # a longer "heading" is a paragraph (its text is kept, once)
# A DOCX is XML and pictures: 512 MiB expanded is far beyond any manual; XML that inflates more
# than 200x is a bomb, not a document.
DOCX_BUDGET = ZipBudget(max_members=10_000, max_total_bytes=512 * MIB,
                        max_member_bytes=256 * MIB, max_ratio=200.0)
PRELOAD = ("app.knowledge.extract", "pypdf", "docx", "lxml.etree")

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


@dataclass(frozen=True)
class Budget:
    """What reading one file may take: wall-clock seconds and memory (beyond the reader's own).

    A file over either fails alone with the limit named; the batch goes on."""

    seconds: float = 120.0
    memory_bytes: int = 1 << 30


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


def kind_of(path: Path) -> tuple[str, str]:
    """(kind, mime) from the file's suffix; ExtractionError for a type that is not read."""
    kind, mime = KINDS.get(path.suffix.lower(), (None, None))
    if kind is None or mime is None:
        from app.chosen_files import shown

        suffix = shown(path.suffix or path.name)
        raise ExtractionError(msg("Unsupported file type '{suffix}': use PDF, DOCX, Markdown, "
                                  "plain text or HTML.", suffix=suffix))
    return kind, mime


def extract(path: Path, max_bytes: int = MAX_FILE_BYTES, reader: Any = None,  # noqa: ANN401
            cancelled: Callable[[], bool] | None = None,
            read_from: Path | None = None) -> Extracted:
    """Extract the text of one file; raises ExtractionError with a clear reason.

    `path` names the file (its type, the title when it has none); the bytes come from
    `read_from` when given (the service's private copy, so nothing can swap the file between
    its checks and the read). With a `reader` (see `bounded_reader`) the work runs in that
    child process: over its budget the file fails with the limit named, and a cancel raises
    app.bounded_worker.Cancelled."""
    if reader is not None:
        return reader.call(extract, Path(path), max_bytes, None, None, read_from,
                           cancelled=cancelled)
    path = Path(path)
    kind, mime = kind_of(path)
    source = Path(read_from) if read_from is not None else path
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ExtractionError(msg("Cannot read the file: {strerror}.",
                                  strerror=exc.strerror)) from exc
    if size == 0:
        raise ExtractionError("The file is empty.")
    if size > max_bytes:
        raise ExtractionError(msg("The file is too large ({size:.0f} MB); the limit is "
                                  "{max_bytes:.0f} MB per file.", size=size / 1048576,
                                  max_bytes=max_bytes / 1048576))
    extractor: Callable[[Path], Extracted] = _EXTRACTORS[kind]
    result = extractor(source)
    result.kind, result.mime = kind, mime
    result.blocks = [Block(_clean(b.text), b.page, tuple(_clean(h) for h in b.headings))
                     for b in result.blocks if b.text.strip()]
    if not result.blocks:
        raise ExtractionError("The file contains no text.")
    result.title = _clean(result.title)
    if not result.title:
        from app.chosen_files import shown

        result.title = shown(path.stem)
    return result


def bounded_reader(budget: Budget) -> Any:  # noqa: ANN401 - a BoundedWorker
    """A child process for `extract(..., reader=...)`; close it (or use `with`) when done."""
    from app.bounded_worker import BoundedWorker

    return BoundedWorker(budget.seconds, budget.memory_bytes, preload=PRELOAD)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clean(text: str) -> str:
    """Lone surrogates (from a PDF's broken character map) cannot be stored as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if text else text


# -- plain text and Markdown -----------------------------------------------------------------

def read_text(path: Path) -> str:
    """Decode UTF-8 (with or without BOM), else GB18030 (common for Chinese manuals)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(msg("Cannot read the file: {strerror}.",
                                  strerror=exc.strerror)) from exc
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


_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def _atx(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading ('## Text ##'), or None; linear in the line (the regex
    it replaces backtracked cubically on long runs of blanks)."""
    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or len(line) == level or not line[level].isspace():
        return None
    text = line[level:].strip()
    closing = text.rstrip("#")
    if closing != text and (not closing or closing[-1].isspace()):
        text = closing.rstrip()
    if len(text) > MAX_HEADING_CHARS:
        return None  # a whole page on one line is no heading: keep it as text
    return level, text


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
        found = _atx(line) if line.startswith("#") else None
        if found is not None:
            heading(*found)
        elif (paragraph and len(paragraph) == 1 and line.strip()
              and len(paragraph[0].strip()) <= MAX_HEADING_CHARS
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


_HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
_FEED = 1 << 16


class _HtmlText:
    """lxml parser target: text per block element, headings as the path above it.

    libxml2's HTML parser is linear and recovers from any tag soup; as a target it builds no
    tree, so nesting depth costs nothing. (Python's html.parser rescans unclosed '<' and
    comments from the start, quadratic on crafted pages.)"""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.title = ""
        self._title_parts: list[str] = []
        self._stack: list[tuple[int, str]] = []
        self._buffer: list[str] = []
        self._skip = 0
        self._in_title = False
        self._heading_level = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer.clear()
        if not text:
            return
        if self._heading_level and len(text) <= MAX_HEADING_CHARS:
            while self._stack and self._stack[-1][0] >= self._heading_level:
                self._stack.pop()
            self._stack.append((self._heading_level, text))
            if self._heading_level == 1 and not self.title.strip():
                self.title = text
        else:
            self.blocks.append(Block(text, None, tuple(h for _, h in self._stack)))

    def start(self, tag: str, _attrib: Any) -> None:  # noqa: ANN401 - lxml's attribute map
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _HEADING_TAGS:
            self._flush()
            self._heading_level = _HEADING_TAGS[tag]
        elif tag in _BLOCK_TAGS:
            self._flush()

    def end(self, tag: str) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag == "title":
            self._in_title = False
            if not self.title.strip():
                self.title = " ".join("".join(self._title_parts).split())
        elif tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _HEADING_TAGS:
            self._flush()
            self._heading_level = 0
        elif tag in _BLOCK_TAGS:
            self._flush()

    def data(self, data: str) -> None:
        if self._in_title:
            if sum(map(len, self._title_parts)) < MAX_HEADING_CHARS:
                self._title_parts.append(data)
        elif not self._skip:
            self._buffer.append(data)

    def comment(self, _text: str) -> None:
        pass

    def close(self) -> None:
        self._flush()


def _extract_html(path: Path) -> Extracted:
    from lxml import etree

    target = _HtmlText()
    parser = etree.HTMLParser(target=target, encoding="utf-8", recover=True, no_network=True,
                              remove_comments=True, remove_pis=True)
    data = read_text(path).replace("\x00", " ").encode("utf-8")
    try:
        for start in range(0, len(data), _FEED):
            parser.feed(data[start:start + _FEED])
        parser.close()
    except etree.LxmlError as exc:
        raise ExtractionError(msg("The HTML file is malformed and cannot be read ({exc}).",
                                  exc=exc)) from None
    target.close()
    title = " ".join(target.title.split())
    return Extracted(title, "", "", None, target.blocks)


_TOO_DEEP = "The file is nested too deeply to be read (malformed or crafted)."


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
    except RecursionError:
        raise ExtractionError(_TOO_DEEP) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ExtractionError(msg("The PDF is malformed or damaged and cannot be read ({exc}).",
                                  exc=exc)
                              ) from exc
    if pages == 0:
        raise ExtractionError("The PDF has no pages.")
    if not blocks:
        raise ExtractionError("The PDF has no text layer (a scanned document?); text "
                              "recognition (OCR) is not supported.")
    return Extracted(title, "", "", pages, blocks)


# -- DOCX --------------------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def _check_docx_package(path: Path) -> None:
    """Refuse before python-docx reads every part into memory: an encrypted DOCX (Word wraps
    it in an OLE file), a zip past DOCX_BUDGET (inflated once here, counting real bytes)."""
    from app.archives import check_zip

    with path.open("rb") as stream:
        head = stream.read(8)
    if head == _OLE_MAGIC:
        raise ExtractionError("The DOCX file is protected with a password; remove the password "
                              "and ingest it again.")
    try:
        with zipfile.ZipFile(path) as package:
            problems = check_zip(package, DOCX_BUDGET)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ExtractionError("The DOCX file is malformed or damaged and cannot be read."
                              ) from exc
    if problems:
        raise ExtractionError(msg("The DOCX file cannot be read safely: {problems}.",
                                  problems=problems[0]))


def _extract_docx(path: Path) -> Extracted:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
    except ImportError as exc:  # pragma: no cover - a packaging fault
        raise ExtractionError("DOCX support is not installed (the 'python-docx' package)."
                              ) from exc
    _check_docx_package(path)
    from lxml import etree

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.LxmlError) as exc:
        raise ExtractionError("The DOCX file is malformed or damaged and cannot be read."
                              ) from exc
    except RecursionError:
        raise ExtractionError(_TOO_DEEP) from None
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
        if level and len(text) <= MAX_HEADING_CHARS:
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
