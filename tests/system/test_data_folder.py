"""The data folder's life: owner-only modes, leftovers of killed work, and what counts as new."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.context import AppContext
from app.errors import StoreError
from app.system import data_folder, doctor

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def loose_umask():
    """The shell's usual umask: EdgeDeck must not rely on it."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(proc.stdout)


# -- modes -----------------------------------------------------------------------------------


@posix_only
def test_a_new_data_folder_and_everything_in_it_is_owner_only(data_dir, loose_umask, admin,
                                                              ctx):
    ctx.audit_trail.checkpoint()
    assert _mode(data_dir) == 0o700
    for name in ("edgedeck.db", "logs/edgedeck.log", "keys/audit-signing.key",
                 "audit-anchor.json", "edgedeck.db-wal", "edgedeck.db-shm"):
        path = data_dir / name
        assert path.exists(), name
        assert _mode(path) & 0o077 == 0, (name, oct(_mode(path)))
    for folder in ("logs", "keys"):
        assert _mode(data_dir / folder) == 0o700


@posix_only
def test_exports_the_user_asks_for_are_owner_only_too(ctx, admin, tmp_path, loose_umask):
    os.umask(0o022)  # as a shell would leave it; the open context set its own
    AppContext.open(ctx.data_dir).close()
    result = ctx.audit.export(admin, "jsonl", tmp_path / "trail.jsonl")
    assert _mode(Path(result.path)) == 0o600


@posix_only
def test_loose_modes_are_repaired_on_start_with_one_warning(data_dir, caplog, tmp_path):
    AppContext.open(data_dir).close()
    outside = tmp_path / "outside.txt"
    outside.write_text("not EdgeDeck's")
    os.chmod(outside, 0o644)
    (data_dir / "models" / "det").mkdir(parents=True)
    (data_dir / "models" / "det" / "model.onnx").write_bytes(b"onnx")
    (data_dir / "models" / "link").symlink_to(outside)
    for path, mode in ((data_dir, 0o755), (data_dir / "edgedeck.db", 0o644),
                       (data_dir / "models", 0o755), (data_dir / "models" / "det", 0o775),
                       (data_dir / "models" / "det" / "model.onnx", 0o666)):
        os.chmod(path, mode)
    assert len(data_folder.loose_modes(data_dir)) == 5
    doctor_check = {c.name: c for c in doctor.run_doctor(data_dir, ["data"])}["permissions"]
    assert doctor_check.level == "fail" and "edgedeck.db" in doctor_check.message

    with caplog.at_level(logging.WARNING), AppContext.open(data_dir) as ctx:
        notes = ctx.startup_notes
    assert any("5 files or folders" in n and "made private" in n for n in notes), notes
    warnings = [r for r in caplog.records if "owner-only" in r.getMessage()]
    assert len(warnings) == 1
    assert _mode(data_dir) == 0o700 and _mode(data_dir / "edgedeck.db") == 0o600
    assert _mode(data_dir / "models" / "det") == 0o700
    assert _mode(data_dir / "models" / "det" / "model.onnx") == 0o600
    assert _mode(outside) == 0o644  # a link is never followed out of the folder
    assert data_folder.loose_modes(data_dir) == []
    assert {c.name: c for c in doctor.run_doctor(data_dir, ["data"])}["permissions"].level == "ok"


@posix_only
def test_doctor_warns_about_loose_files_inside_a_private_folder(ctx):
    os.chmod(ctx.data_dir / "logs" / "edgedeck.log", 0o644)
    check = {c.name: c for c in doctor.run_doctor(ctx.data_dir, ["data"])}["permissions"]
    assert check.level == "warn" and "edgedeck.log" in check.message and check.fix


# -- leftovers -------------------------------------------------------------------------------


def _leftovers(data_dir: Path, pid: int | str = "") -> list[Path]:
    tag = f"{pid}-" if pid else ""
    staging = data_dir / f".restore-{tag}1a2b"
    (staging / "data").mkdir(parents=True)
    (staging / "data" / "edgedeck.db").write_bytes(b"plaintext of a backup")
    (staging / "backup.zip").write_bytes(b"decrypted")
    scratch = data_dir / f".field-backup-{tag}x9"
    scratch.mkdir()
    (scratch / "edgedeck.db").write_bytes(b"copy")
    part = data_dir / f".b.zip.{tag}abc.part"
    part.write_bytes(b"half")
    nested = data_dir / "knowledge" / f".{tag}0f0f.part"
    nested.parent.mkdir(parents=True, exist_ok=True)
    nested.write_bytes(b"half a manual")
    anchor_tmp = data_dir / "audit-anchor.tmp"
    anchor_tmp.write_text("{")
    return [staging, scratch, part, nested, anchor_tmp]


def test_leftovers_are_removed_on_start_and_nothing_else(data_dir, caplog, tmp_path):
    AppContext.open(data_dir).close()
    leftovers = _leftovers(data_dir)
    keep = [data_dir / "knowledge" / "manual.pdf", data_dir / "models" / ".staging" / "x.part",
            data_dir / "safety-copies" / "20260101T000000Z" / "x.part",
            data_dir / "logs" / "old.part"]
    for path in keep:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"kept")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious").write_text("x")
    (data_dir / ".restore-evil").symlink_to(outside)

    with caplog.at_level(logging.WARNING), AppContext.open(data_dir):
        pass
    for path in leftovers:
        assert not os.path.lexists(path), path
    assert not os.path.lexists(data_dir / ".restore-evil")
    assert (outside / "precious").exists()  # removing a link never follows it
    for path in keep:
        assert path.exists(), path
    removed = [r.getMessage() for r in caplog.records if "interrupted EdgeDeck task" in
               r.getMessage()]
    assert len(removed) == len(leftovers) + 1


def test_while_another_process_has_the_folder_open_only_dead_owners_leftovers_go(ctx,
                                                                                  data_dir):
    dead = _leftovers(data_dir, _dead_pid())
    live = data_dir / f".field-backup-{os.getppid()}-live"  # a process that is running
    live.mkdir()
    untagged = data_dir / ".restore-untagged"
    untagged.mkdir()
    with AppContext.open(data_dir):  # ctx still holds the folder: not alone
        pass
    for path in dead:
        if path.parent == data_dir and "-" in path.name and path.name != "audit-anchor.tmp":
            assert not path.exists(), path
    assert live.exists() and untagged.exists()
    ctx.close()
    with AppContext.open(data_dir):  # alone now: everything goes
        pass
    assert not live.exists() and not untagged.exists()


def test_the_next_backup_removes_what_a_killed_one_left(ctx, admin, tmp_path):
    from app.field.backup import BackupService

    usb = tmp_path / "usb"
    usb.mkdir()
    dead = _dead_pid()
    stale_scratch = ctx.data_dir / f".field-backup-{dead}-abcd"
    stale_scratch.mkdir()
    (stale_scratch / "edgedeck.db").write_bytes(b"copy of the data")
    partials = [usb / f".b.zip.{dead}-q1w2.part", usb / ".b.zip.enc.k3j4h5g6.part"]
    for path in partials:
        path.write_bytes(b"half a backup")
    unrelated = [usb / ".other.zip.abc.part", usb / "notes.part", usb / "b.zip.part"]
    for path in unrelated:
        path.write_bytes(b"the user's")
    BackupService(ctx).backup(admin, usb / "b.zip", "usb sticks get lost")
    assert not stale_scratch.exists()
    assert not any(p.exists() for p in partials)
    assert all(p.exists() for p in unrelated)
    assert sorted(p.name for p in usb.iterdir() if not p.name.endswith(".part")) == ["b.zip.enc"]


# -- new or not ------------------------------------------------------------------------------


@pytest.mark.parametrize("evidence", ["safety-copies/20260101T000000Z/edgedeck.db",
                                      "restore-journal.json", "audit-anchor.json",
                                      "keys/audit-signing.key", "audit-archive/seg.jsonl",
                                      "models/det/model.onnx"])
def test_a_folder_that_lost_its_database_is_not_new(data_dir, evidence):
    AppContext.open(data_dir).close()
    for name in ("edgedeck.db", "keys", "audit-anchor.json"):
        path = data_dir / name
        if path.is_dir():
            for child in path.iterdir():
                child.unlink()
            path.rmdir()
        else:
            path.unlink(missing_ok=True)
    target = data_dir / evidence
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("{}" if evidence.endswith(".json") else "x")
    with pytest.raises(StoreError) as caught:
        AppContext.open(data_dir)
    message = str(caught.value)
    assert "not a new appliance" in message or "unreadable" in message, message
    assert not (data_dir / "edgedeck.db").exists()
    if evidence.startswith("safety-copies"):
        assert "20260101T000000Z" in message


def test_a_folder_full_of_other_things_never_gets_a_database(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.odt").write_text("years of work")
    os.chmod(home / "thesis.odt", 0o644)
    with pytest.raises(StoreError, match="not an EdgeDeck data folder"):
        AppContext.open(home)
    assert sorted(p.name for p in home.iterdir()) == ["thesis.odt"]
    assert _mode(home / "thesis.odt") == 0o644


def test_create_false_never_makes_a_folder_or_database(tmp_path):
    missing = tmp_path / "typo"
    with pytest.raises(StoreError, match="No EdgeDeck data folder"):
        AppContext.open(missing, create=False)
    assert not missing.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StoreError, match="No EdgeDeck database"):
        AppContext.open(empty, create=False)
    assert list(empty.iterdir()) == []
