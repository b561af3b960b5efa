"""app/chosen_files.py: the one walker and opener for files a person chose (a USB stick)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from app.chosen_files import (
    RefusedFile,
    check_inside,
    chosen_path,
    from_storable,
    open_regular,
    shown,
    storable,
    walk,
)
from app.files import copy_and_hash, stream_sha256


def _md(name: str) -> bool:
    return name.endswith(".md")


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """usb/ with files, sub-folders, hidden things, links in and out, a FIFO."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("secret")
    usb = tmp_path / "usb"
    (usb / "b-sub").mkdir(parents=True)
    (usb / ".hidden-dir").mkdir()
    (usb / "a.md").write_text("a")
    (usb / "z.md").write_text("z")
    (usb / "notes.txt").write_text("not a candidate")
    (usb / ".hidden.md").write_text("hidden")
    (usb / ".hidden-dir" / "x.md").write_text("x")
    (usb / "b-sub" / "c.md").write_text("c")
    (usb / "again.md").symlink_to(usb / "b-sub" / "c.md")  # inside: c.md once
    (usb / "out.md").symlink_to(outside / "secret.md")
    (usb / "out-folder").symlink_to(outside)
    (usb / "in-folder").symlink_to(usb / "b-sub")  # inside: not entered, walked anyway
    (usb / "broken.md").symlink_to(usb / "missing.md")
    (usb / "out.txt").symlink_to(outside / "secret.md")  # not a candidate: not reported
    os.mkfifo(usb / "pipe.md")
    return usb


def test_walk_lists_real_files_once_and_refuses_what_leaves_the_tree(stick: Path) -> None:
    walked = walk([stick], _md)
    assert [p.relative_to(stick).as_posix() for p in walked.files] == [
        "a.md", "b-sub/c.md", "z.md"]
    assert walked.found[1].path == stick / "again.md"  # found under the link's name
    reasons = {r.path.name: r.reason for r in walked.refused}
    assert set(reasons) == {"out.md", "out-folder", "broken.md", "pipe.md"}
    assert "outside the folder you chose" in reasons["out.md"]
    assert "outside the folder you chose" in reasons["out-folder"]
    assert "points nowhere" in reasons["broken.md"]
    assert "device, pipe or socket" in reasons["pipe.md"]


def test_walk_without_unique_keeps_every_name_and_not_recursive_stays_on_top(
        stick: Path) -> None:
    names = [f.path.name for f in walk([stick], _md, unique=False).found]
    assert names == ["a.md", "again.md", "z.md", "c.md"]
    flat = walk([stick], _md, recursive=False)
    assert [f.path.name for f in flat.found] == ["a.md", "again.md", "z.md"]


def test_named_paths_follow_the_same_rules(stick: Path, tmp_path: Path) -> None:
    walked = walk([stick / "a.md", stick / "notes.txt", stick / "out.md",
                   stick / "out-folder" / "secret.md", stick / "nothing.md",
                   stick / "pipe.md"], _md)
    assert [p.name for p in walked.files] == ["a.md", "notes.txt"]  # named: always listed
    reasons = [r.reason for r in walked.refused]
    assert "outside the folder you chose" in reasons[0]
    assert "reached through the link" in reasons[1]
    assert reasons[2] == "There is no such file or folder."
    assert "device, pipe or socket" in reasons[3]
    # a link whose target stays in its own folder is fine, file or folder
    assert chosen_path(stick / "again.md") == stick / "b-sub" / "c.md"
    assert chosen_path(stick / "in-folder") == stick / "b-sub"
    with pytest.raises(RefusedFile, match="outside the folder"):
        chosen_path(stick / "out-folder")


def test_an_unreadable_folder_is_a_reason_and_the_walk_goes_on(stick: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    (stick / "b-sub").chmod(0)
    try:
        walked = walk([stick], _md)
    finally:
        (stick / "b-sub").chmod(0o755)
    assert "cannot be read" in next(r.reason for r in walked.refused if r.path.name == "b-sub")
    assert [p.name for p in walked.files] == ["a.md", "z.md"]


def test_open_regular_reads_only_what_was_checked(stick: Path, tmp_path: Path) -> None:
    with open_regular(stick / "a.md") as handle:
        assert handle.read() == b"a"
    for path in (stick / "out.md", stick / "out-folder" / "secret.md"):
        with pytest.raises(RefusedFile, match="changed into a link"):
            open_regular(path)
    with pytest.raises(RefusedFile, match="device, pipe or socket"):
        open_regular(stick / "pipe.md")  # returns at once: a FIFO is never opened
    with pytest.raises(RefusedFile, match="folder"):
        open_regular(stick / "b-sub")
    with pytest.raises(RefusedFile, match="Cannot read"):
        open_regular(stick / "missing.md")


def test_check_inside_resolves_within_the_root(stick: Path) -> None:
    assert check_inside(stick / "again.md", stick) == stick / "b-sub" / "c.md"
    with pytest.raises(RefusedFile, match="outside the folder"):
        check_inside(stick / "out-folder" / "secret.md", stick)
    with pytest.raises(RefusedFile, match="device, pipe or socket"):
        check_inside(stick / "pipe.md", stick)


def test_undecodable_names_are_shown_safely_and_stored_exactly(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9\x1b[31m\xe2\x80\xae.md"
    Path(os.fsdecode(raw)).write_text("x")
    [path] = walk([tmp_path], _md).files
    text = shown(path)
    assert text.endswith("/caf\\xe9\\x1b[31m\\u202e.md")
    text.encode("ascii")
    assert shown("plain/名字.md") == "plain/名字.md"
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (path TEXT NOT NULL)")
    conn.executemany("INSERT INTO t VALUES (?)", [(storable(path),), (storable("名字.md"),)])
    back = [from_storable(row[0]) for row in conn.execute("SELECT path FROM t")]
    assert back == [path, Path("名字.md")] and back[0].read_text() == "x"


def test_copy_and_hash_removes_a_partial_copy(tmp_path: Path) -> None:
    source = tmp_path / "a.bin"
    source.write_bytes(b"x" * 3_000_000)
    with source.open("rb") as handle:
        size, digest = copy_and_hash(handle, tmp_path / "copy.bin")
    with (tmp_path / "copy.bin").open("rb") as handle:
        assert stream_sha256(handle) == (size, digest) and size == 3_000_000

    class Failing:
        def __init__(self) -> None:
            self.calls = 0

        def read(self, _n: int) -> bytes:
            self.calls += 1
            if self.calls > 1:
                raise OSError(28, "No space left on device")
            return b"y" * 100

    with pytest.raises(OSError, match="No space"):
        copy_and_hash(Failing(), tmp_path / "partial.bin")  # type: ignore[arg-type]
    assert not (tmp_path / "partial.bin").exists()
