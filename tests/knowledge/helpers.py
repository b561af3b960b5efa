"""Test documents built in place: a hand-written PDF (no reportlab here), DOCX, HTML, Markdown."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from resources.demo.knowledge.pdfgen import assemble


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(path: Path, pages: list[list[str]], page_extra: bytes = b"") -> Path:
    """A minimal valid PDF: one Helvetica text line per string, one list per page.

    An empty list gives a page without any text layer (like a scanned page); `page_extra` is
    added to every page dictionary (crafted entries).
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
                       b"<< /Font << /F1 3 0 R >> >> /Contents %d 0 R " % content_id
                       + page_extra + b">>")
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


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Fail (instead of hanging the suite) when the block runs past `seconds`: a blocked open
    of a FIFO or a regex stuck backtracking is interrupted by SIGALRM. A generous bound on a
    shared CI box, meant to catch minutes, not to time anything."""
    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"{what} took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def bomb_docx(path: Path, expanded_mib: int = 64) -> Path:
    """A DOCX whose document.xml inflates from a few dozen KiB to `expanded_mib` MiB."""
    import zipfile

    source = path.with_name(path.stem + "-source.docx")
    write_docx(source, [("p", "Seed paragraph.")])
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                filler = " " * (expanded_mib << 20)
                data = text.replace("<w:body>", "<w:body>" + filler, 1).encode("utf-8")
            zout.writestr(info.filename, data)
    source.unlink()
    return path


def docx_with_dtd(path: Path, dtd: str, body_text: str) -> Path:
    """A DOCX whose document.xml declares `dtd` and says `body_text` (entities allowed)."""
    import zipfile

    source = path.with_name(path.stem + "-source.docx")
    write_docx(source, [("p", "Seed paragraph.")])
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                head, rest = data.decode("utf-8").split("?>", 1)
                data = (head + "?>" + dtd + rest.replace("Seed paragraph.", body_text)).encode()
            zout.writestr(info.filename, data)
    source.unlink()
    return path
