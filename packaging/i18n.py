"""Keep EdgeDeck's translations in step with the code and compile them for the app.

    python packaging/i18n.py update            # re-extract tr() texts; translations are kept
    python packaging/i18n.py compile [--out D] # .ts -> .qm (build outputs, not in git)
    python packaging/i18n.py check             # fail if any text is untranslated

`update` runs pyside6-lupdate over every .py under app/ui and merges into
resources/i18n/edgedeck_<lang>.ts; new texts arrive marked unfinished for a translator (Qt
Linguist: `pyside6-linguist resources/i18n/edgedeck_zh_CN.ts`). Texts gone from the code are
dropped. Locations are left out so that moving code does not rewrite the file.
`compile` runs pyside6-lrelease; unfinished texts are left out and show in English.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "app" / "ui"
I18N_DIR = ROOT / "resources" / "i18n"
TRANSLATED = ("zh_CN",)  # English is the source language and needs no file


def ts_path(code: str) -> Path:
    return I18N_DIR / f"edgedeck_{code}.ts"


def tool(name: str) -> str:
    """The PySide6 tool from this interpreter's environment first, so a venv works unactivated."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6-Essentials (pip install -e .) first")
    return found


def update() -> None:
    """Re-extract the texts from the code into each .ts, keeping existing translations."""
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    for code in TRANSLATED:
        subprocess.run([tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete",
                        *sources, "-ts", str(ts_path(code).relative_to(ROOT))],
                       cwd=ROOT, check=True)
    check(strict=False)


def compile_all(out: Path | None = None) -> list[Path]:
    """Compile each .ts into a .qm (in `out`, default beside the .ts); returns the files."""
    built = []
    for code in TRANSLATED:
        qm = (out or I18N_DIR) / f"edgedeck_{code}.qm"
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([tool("pyside6-lrelease"), "-silent", "-nounfinished",
                        str(ts_path(code)), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def untranslated(code: str) -> list[str]:
    """Source texts of `code` that are unfinished or empty (they would show in English)."""
    missing = []
    for message in ET.parse(ts_path(code)).getroot().iter("message"):
        translation = message.find("translation")
        forms = [] if translation is None else (
            [f.text for f in translation.findall("numerusform")] or [translation.text])
        if translation is None or translation.get("type") == "unfinished" \
                or not all(f and f.strip() for f in forms):
            missing.append(message.findtext("source") or "")
    return missing


def check(strict: bool = True) -> bool:
    ok = True
    for code in TRANSLATED:
        missing = untranslated(code)
        if missing:
            ok = False
            print(f"{ts_path(code).name}: {len(missing)} text(s) to translate, e.g. "
                  f"{missing[0]!r}", file=sys.stderr)
    if strict and not ok:
        sys.exit(1)
    return ok


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="re-extract texts into the .ts files")
    build = sub.add_parser("compile", help="compile .ts into .qm")
    build.add_argument("--out", type=Path, help="folder for the .qm files")
    sub.add_parser("check", help="fail when a text is untranslated")
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
    elif args.command == "compile":
        for qm in compile_all(args.out):
            print(qm)
    else:
        check()


if __name__ == "__main__":
    main()
