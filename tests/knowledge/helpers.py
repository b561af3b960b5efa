"""Test documents built in place: a hand-written PDF (no reportlab here), DOCX, HTML, Markdown."""

from __future__ import annotations

from pathlib import Path

from resources.demo.knowledge.pdfgen import assemble


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A minimal valid PDF: one Helvetica text line per string, one list per page.

    An empty list gives a page without any text layer (like a scanned page).
    """
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
                            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
        for line in lines:
            ops += [f"({_escape(line)}) Tj", "T*"]
        ops.append("ET")
        content = "\n".join(ops).encode("latin-1") if lines else b""
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content
                       + b"\nendstream")
        content_id = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       b"<< /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id)
        kids.append(len(objects))
    objects[1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                  + b"] /Count %d >>" % len(kids))
    path.write_bytes(assemble(objects, 1))
    return path


def write_encrypted_pdf(path: Path, source: Path, password: str = "secret") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(password, algorithm="AES-128")
    with path.open("wb") as stream:
        writer.write(stream)
    return path


def write_docx(path: Path, parts: list[tuple[str, str]]) -> Path:
    """parts: (kind, text) with kind 'h1'..'h3' for headings or 'p' for a paragraph."""
    import docx

    document = docx.Document()
    for kind, text in parts:
        if kind.startswith("h"):
            document.add_heading(text, level=int(kind[1:]))
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path


MARKDOWN = """# Line 3 Packaging Manual

Intro paragraph about the packaging line.

## Faults

### Fault E42

To clear fault E42, open the guard door, remove the jammed carton and press RESET twice.

### Fault E17

Fault E17 means the glue tank temperature is too low; wait for the heater.

```
# not a heading inside code
```
"""

HTML = """<html><head><title>Conveyor Guide</title><style>.x{color:red}</style>
<script>var hidden = "secretscript";</script></head>
<body><h1>Conveyor</h1><p>The conveyor belt runs at 2 m/s.</p>
<h2>Maintenance</h2><p>Lubricate the rollers &amp; chains weekly.</p></body></html>
"""

CHINESE = """# 三号线故障手册

## 故障E42

当设备显示故障E42时，请先打开防护门，取出卡住的纸箱，然后按两次复位键以清除故障。如果故障仍然存在，请联系维修人员。

## 日常保养

每周润滑滚筒和链条。保持传感器清洁，避免灰尘影响检测精度。
"""
