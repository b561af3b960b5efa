"""The user guide shown inside the app, so a technician at an offline site needs no web page.

It is the README (one text to keep true): read from the source tree when running from a
checkout, else from the installed package's metadata (its long description).
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import resources

FALLBACK = ("# EdgeDeck\n\nThe user guide is not included in this installation. It is the "
            "README.md of the EdgeDeck source.")


def user_guide_markdown() -> str:
    checkout = Path(resources.__file__).resolve().parent.parent / "README.md"
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8")
    try:
        text = importlib.metadata.metadata("edgedeck").get_payload()  # type: ignore[attr-defined]
    except importlib.metadata.PackageNotFoundError:
        return FALLBACK
    return text or FALLBACK


def guide_base_dir() -> Path | None:
    """Where the guide's relative image links (docs/*.png) resolve, when they exist."""
    root = Path(resources.__file__).resolve().parent.parent
    return root if (root / "docs").is_dir() else None
