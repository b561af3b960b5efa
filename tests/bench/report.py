"""Replace one benchmark's section of BENCHMARKS.md, leaving the others as they are."""

from __future__ import annotations

import platform
import re
from datetime import datetime, timezone
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "BENCHMARKS.md"
HEADER = """# Benchmarks

Measured by `make bench` (each section also names its own command). Figures are ratios against
a baseline measured in the same run wherever one exists, so they carry over between machines
better than absolute times. Sections are rewritten independently by their benchmark.
"""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (f"{psutil.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} "
            f"GiB RAM, Python {platform.python_version()}, "
            f"{datetime.now(timezone.utc):%Y-%m-%d}")


def write_section(key: str, title: str, body: str) -> None:
    text = FILE.read_text(encoding="utf-8") if FILE.exists() else HEADER
    begin, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    section = f"{begin}\n## {title}\n\n{body.strip()}\n\n_Machine: {machine()}._\n{end}"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    FILE.write_text(text, encoding="utf-8")
