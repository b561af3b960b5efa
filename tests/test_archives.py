"""app/archives.py: the shared bound for zip-based formats (DOCX, model packages)."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from app.archives import ZipBudget, check_zip
from tests.models.registry_helpers import patch_declared_size, patch_encrypted_flag

SMALL = ZipBudget(max_members=5, max_total_bytes=4 << 20, max_member_bytes=3 << 20,
                  max_ratio=50.0, ratio_from_bytes=1 << 20, max_name_depth=4)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _problems(path: Path, budget: ZipBudget = SMALL, inflate: bool = True) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return check_zip(zf, budget, inflate=inflate)


def test_an_ordinary_archive_passes(tmp_path: Path) -> None:
    import random

    noise = random.Random(1).randbytes(2 << 20)  # does not compress: ratio ~1
    assert _problems(_zip(tmp_path / "ok.zip", {"a/b.xml": b"<x/>" * 100, "c.bin": noise})) == []


@pytest.mark.parametrize("members, match", [
    ({f"f{i}": b"x" for i in range(6)}, "at most 5 are accepted"),
    ({"a.xml": b" " * (2 << 20)}, "more than 50 times its packed size"),
    ({"a/b/c/d/e.xml": b"x"}, "nested deeper than 4 folders"),
    ({"big.bin": b" " * (3 << 20) + b"!"}, "above the limit of 3.0 MiB per member"),
])
def test_header_problems_name_the_member(tmp_path: Path, members: dict[str, bytes],
                                         match: str) -> None:
    budget = SMALL if "times" in match else ZipBudget(**{**SMALL.__dict__, "max_ratio": None})
    problems = _problems(_zip(tmp_path / "x.zip", members), budget, inflate=False)
    assert problems and match in problems[0]


def test_total_expansion_is_bounded(tmp_path: Path) -> None:
    import random

    rng = random.Random(2)
    path = _zip(tmp_path / "t.zip", {"a": rng.randbytes(3 << 20), "b": rng.randbytes(2 << 20)})
    assert "its members expand to 5.0 MiB, above the limit of 4.0 MiB" in _problems(path)[0]


def test_an_encrypted_member_is_named(tmp_path: Path) -> None:
    path = _zip(tmp_path / "e.zip", {"word/document.xml": b"<x/>"})
    patch_encrypted_flag(path, "word/document.xml")
    assert _problems(path) == ["member 'word/document.xml' is encrypted (password-protected)"]


def test_declared_sizes_are_never_trusted(tmp_path: Path) -> None:
    """A header that claims 1000 bytes for 2 MiB of spaces: the inflating pass stops it."""
    path = _zip(tmp_path / "bomb.zip", {"a.xml": b" " * (2 << 20)})
    patch_declared_size(path, "a.xml", 1000)
    lenient = ZipBudget(**{**SMALL.__dict__, "max_ratio": None})
    problems = _problems(path, lenient)
    assert len(problems) == 1 and "member 'a.xml'" in problems[0]


def test_a_damaged_member_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    data = bytearray(_zip(tmp_path / "d.zip", {"a.txt": b"hello world " * 1000}).read_bytes())
    offset = 30 + len("a.txt") + 5  # inside the deflated stream
    struct.pack_into("<I", data, offset, 0xDEADBEEF)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        problems = check_zip(zf, SMALL)
    assert problems and "damaged" in problems[0]
