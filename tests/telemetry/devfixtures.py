"""Helpers for the recorded device fixtures (a unique module name: test dirs are not packages)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

DEVICES = Path(__file__).resolve().parents[1] / "fixtures" / "devices"


def split_samples(path: Path) -> list[tuple[str, str]]:
    """(label, text) per sample: the header ends at the first '# ---- ' line, and each further
    '# ---- <label> ----' line starts a sample. Other '#' lines (dmon headers, '# cat' prompts)
    belong to the sample, as the fixtures README says."""
    samples: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("# ---- "):
            samples.append((line.strip("# -\n"), []))
        elif samples:
            samples[-1][1].append(line)
    return [(label, "".join(lines)) for label, lines in samples if "".join(lines).strip()]


def sample_lines(path: Path) -> list[str]:
    """Every non-empty line of every sample (tegrastats files: one reading per line)."""
    return [ln for _, text in split_samples(path) for ln in text.splitlines() if ln.strip()]


def sample(path: Path, label_part: str) -> str:
    return next(text for label, text in split_samples(path) if label_part in label)


def denying_opener(*denied: str) -> Callable[[Path], str]:
    """An opener that raises PermissionError for paths containing any of `denied`: chmod 000
    does not stop root, and the tests may run as root."""

    def opener(path: Path) -> str:
        if any(part in str(path) for part in denied):
            raise PermissionError(13, "Permission denied", str(path))
        return path.read_text(encoding="utf-8")

    return opener


def denying_lister(*denied: str) -> Callable[[Path], list[str]]:
    def listdir(path: Path) -> list[str]:
        if any(part in str(path) for part in denied):
            raise PermissionError(13, "Permission denied", str(path))
        return sorted(p.name for p in path.iterdir())

    return listdir


def build_tree(root: Path, files: dict[str, str]) -> Path:
    """Write a fake root: {'sys/class/devfreq/x/cur_freq': '306000000\\n', ...}."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return root
