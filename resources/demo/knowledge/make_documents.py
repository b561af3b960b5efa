"""Write the demo manuals that are not plain text files: one DOCX and three PDFs.

    .venv/bin/python -m resources.demo.knowledge.make_documents [--out DIR]

The Markdown, HTML and text manuals in this folder are written by hand; the DOCX and PDF ones are
generated from manual_text.py so their text stays reviewable in the repository. The output is
deterministic (fixed dates, fixed zip timestamps), so running this again changes nothing unless
the text changed. The generated files are committed: the demo and the tests need no generator.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from resources.demo.knowledge import manual_text  # noqa: E402
from resources.demo.knowledge.pdfgen import Part, write_pdf  # noqa: E402

HERE = Path(__file__).resolve().parent
FIXED_DATE = datetime(2026, 1, 15, 8, 0, tzinfo=timezone.utc)
_ITEM = re.compile(r"^(\d+\.|-)\s")

# (output file, source text, title, CJK)
DOCUMENTS = [
    ("maintenance-handbook.docx", "MAINTENANCE_HANDBOOK", "EdgeDeck Line Maintenance Handbook",
     False),
    ("compute-module-care.pdf", "COMPUTE_CARE", "EdgeDeck Compute Module Care Guide", False),
    ("checkweigher-labeller-manual.pdf", "CHECKWEIGHER_LABELLER",
     "Checkweigher and Label Printer-Applicator Manual", False),
    ("zh-line3-f250-commissioning.pdf", "ZH_COMMISSIONING",
     "三号线新纸箱规格 F-250 调试与视觉检测部署手册", True),
]


def parse(text: str) -> list[tuple[str, object]]:
    """Markup -> parts: ('h1'..'h3', str), ('p', str), ('li', str), ('table', rows), ('page',)."""
    parts: list[tuple[str, object]] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.rstrip() for line in block.strip().split("\n")]
        first = lines[0]
        if first.strip() == "=== page ===":
            parts.append(("page", ""))
        elif first.startswith("#"):
            level = len(first) - len(first.lstrip("#"))
            parts.append((f"h{level}", first[level:].strip()))
            if len(lines) > 1:
                parts.append(("p", " ".join(line.strip() for line in lines[1:])))
        elif first.startswith("|"):
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
                    for line in lines]
            parts.append(("table", rows))
        elif _ITEM.match(first):
            items: list[str] = []
            for line in lines:
                if _ITEM.match(line) or not items:
                    items.append(line.strip())
                else:
                    items[-1] += " " + line.strip()
            parts += [("li", item) for item in items]
        else:
            parts.append(("p", " ".join(line.strip() for line in lines)))
    return parts


def pdf_parts(parts: list[tuple[str, object]]) -> list[Part]:
    out: list[Part] = []
    for kind, value in parts:
        if kind == "h1" and not out:
            out.append(("title", str(value)))
        elif kind in ("h1", "h2", "h3"):
            out.append((kind, str(value)))
        elif kind == "page":
            out.append(("page", ""))
        elif kind == "table":
            out += [("p", "   ".join(row)) for row in value]  # type: ignore[union-attr]
        else:
            out.append(("p", str(value)))
    return out


def write_docx(path: Path, parts: list[tuple[str, object]], title: str) -> None:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title, props.author, props.revision = title, "EdgeDeck", 1
    props.created = props.modified = props.last_printed = FIXED_DATE.replace(tzinfo=None)
    props.last_modified_by = "EdgeDeck"
    for kind, value in parts:
        if kind == "h1" and value == title:
            document.add_heading(str(value), level=0)  # the Title style
        elif kind in ("h1", "h2", "h3"):
            document.add_heading(str(value), level=int(kind[1]))
        elif kind == "li":
            text = str(value)
            numbered = re.match(r"^\d+\.\s", text)
            document.add_paragraph(text if numbered else text[2:],
                                   style=None if numbered else "List Bullet")
        elif kind == "table":
            rows = value  # type: ignore[assignment]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif kind == "p":
            document.add_paragraph(str(value))
    buffer = io.BytesIO()
    document.save(buffer)
    _deterministic_zip(buffer.getvalue(), path)


def _deterministic_zip(data: bytes, path: Path) -> None:
    """Rewrite a zip with fixed timestamps so regenerating gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 15, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    path.write_bytes(out.getvalue())


def make(out_dir: Path = HERE) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, attribute, title, cjk in DOCUMENTS:
        parts = parse(getattr(manual_text, attribute))
        path = out_dir / name
        if path.suffix == ".docx":
            write_docx(path, parts, title)
        else:
            pages = write_pdf(path, pdf_parts(parts), title=title, cjk=cjk)
            print(f"{name}: {pages} pages")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    for path in make(args.out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
