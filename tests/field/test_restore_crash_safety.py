"""A restore killed at any step: the next start completes or undoes it, and says which.

Every rename (the journal's own writes, each move, the anchor file's updates) is a step; the
restore is killed in-process at each one in turn (SystemExit from os.replace skips every
`except Exception`, as a kill would), then for real with kill -9 at random moments. After each,
the folder must open with a database in the old or the new state as a whole, an audit chain that
verifies, no leftovers, and a start-up note that says what was done.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from app.context import AppContext
from app.errors import EdgeDeckError, StoreError
from app.field import backup as backup_module
from app.field.backup import BackupRejected, BackupService, verify_backup
from tests.conftest import ADMIN

PASS = "usb sticks get lost"
ROOT = Path(__file__).resolve().parents[2]
OLD_IDLE, NEW_IDLE = 42, 15


def _pristine(tmp_path: Path) -> tuple[Path, Path]:
    """A box with data, an encrypted backup of it (keys included), then changes after it."""
    folder = tmp_path / "pristine"
    with AppContext.open(folder) as ctx:
        admin = ctx.users.setup_admin(*ADMIN, source="test")
        (folder / "models" / "det").mkdir(parents=True)
        (folder / "models" / "det" / "model.onnx").write_bytes(b"\x08\x01onnx" * 100)
        (folder / "knowledge").mkdir()
        (folder / "knowledge" / "manual.pdf").write_bytes(b"%PDF-1.7 E42")
        ctx.settings.set(admin, "idle_lock_minutes", NEW_IDLE)
        backup = BackupService(ctx).backup(admin, tmp_path / "b.zip", PASS)
        ctx.settings.set(admin, "idle_lock_minutes", OLD_IDLE)
        (folder / "models" / "det" / "model.onnx").unlink()
        (folder / "knowledge" / "later.md").write_text("added after the backup")
    return folder, Path(backup.path)


def _leftovers(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if relative.parts[0] in ("safety-copies", "logs"):
            continue
        if path.name.startswith((".restore-", ".field-")) or path.name.endswith(
                (".part", ".tmp")) or path.name == "restore-journal.json":
            found.append(str(relative))
    return found


def _check(folder: Path) -> tuple[str, list[str]]:
    """Open again: a whole old or new state, a verifying chain, no leftovers."""
    with AppContext.open(folder) as ctx:
        notes = list(ctx.startup_notes)
        assert (folder / "edgedeck.db").is_file()
        idle = ctx.settings.get("idle_lock_minutes")
        assert idle in (OLD_IDLE, NEW_IDLE)
        state = "new" if idle == NEW_IDLE else "old"
        assert (folder / "models" / "det" / "model.onnx").exists() == (state == "new")
        assert (folder / "knowledge" / "later.md").exists() == (state == "old")
        assert (folder / "knowledge" / "manual.pdf").exists()
        result = ctx.audit_trail.verify()
        assert result.ok, result.summary()
        assert ctx.users.authenticate(*ADMIN, source="test").role == "admin"
        assert _leftovers(folder) == []
    return state, notes


def after_db_out(src: str, dst: str, seen: dict) -> bool:
    """The first rename after the database went into the safety copy (no database left)."""
    if seen.get("db_out"):
        return True
    seen["db_out"] = Path(dst).name == "edgedeck.db" and "safety-copies" in str(dst)
    return False


def after_all_in(src: str, dst: str, seen: dict) -> bool:
    """The first rename after every entry of the backup is in place (roll forward)."""
    incoming = ".restore-" in str(src) and "/data/" in str(src)
    if seen.get("in") and not incoming:
        return True
    seen["in"] = seen.get("in") or incoming
    return False


def _restore_killed_at(folder: Path, backup: Path, k, monkeypatch) -> bool:
    """Run a restore whose k-th rename (or the first where the predicate `k` says so) never
    happens: the process 'dies' there. True when it finished before that."""
    real = os.replace
    calls = [0]
    seen: dict = {}

    def replace(src, dst):
        calls[0] += 1
        if (calls[0] == k) if isinstance(k, int) else k(src, dst, seen):
            raise SystemExit(f"killed at rename {calls[0]}")
        return real(src, dst)

    with AppContext.open(folder) as ctx:
        actor = ctx.users.authenticate(*ADMIN, source="test")
        monkeypatch.setattr(os, "replace", replace)
        try:
            BackupService(ctx).restore(actor, backup, PASS)
            return True
        except SystemExit:
            return False
        finally:
            monkeypatch.setattr(os, "replace", real)


def test_a_restore_killed_at_every_step_is_completed_or_undone(tmp_path, monkeypatch):
    pristine, backup = _pristine(tmp_path)
    seen = {"old": 0, "new": 0}
    k = 1
    while True:
        folder = tmp_path / f"k{k}"
        shutil.copytree(pristine, folder, symlinks=True)
        finished = _restore_killed_at(folder, backup, k, monkeypatch)
        journal = (folder / "restore-journal.json").exists()
        state, notes = _check(folder)
        seen[state] += 1
        copies = sorted((folder / "safety-copies").glob("*"))
        if state == "old":  # undone: no half safety copy either
            assert copies == [], k
        else:  # the replaced data is whole in the safety copy
            assert len(copies) == 1 and (copies[0] / "knowledge" / "later.md").exists()
            assert (copies[0] / "edgedeck.db").exists() and (copies[0] / "keys").is_dir()
        if finished:
            assert state == "new" and not journal and notes == []
            break
        if journal:  # the start-up said what it did
            word = "completed" if state == "new" else "undone"
            assert any(word in n and str(backup) in n for n in notes), (k, notes)
        else:
            assert state == "old", k
        k += 1
        assert k < 200, "the restore never finished"
    assert seen["old"] > 3 and seen["new"] > 1, seen  # both directions were exercised


def test_recovery_killed_at_every_step_is_resumed(tmp_path, monkeypatch):
    """Kill the restore mid-swap (moving out, then moving in), then kill its recovery at
    each of its renames in turn: the start after still ends in one whole state."""
    pristine, backup = _pristine(tmp_path)
    real = os.replace
    for k, expected in ((after_db_out, "old"), (after_all_in, "new")):
        j = 1
        while True:
            folder = tmp_path / f"{k.__name__}-j{j}"
            shutil.copytree(pristine, folder, symlinks=True)
            assert not _restore_killed_at(folder, backup, k, monkeypatch)
            assert (folder / "restore-journal.json").exists()
            calls = [0]

            def replace(src, dst, _j=j, _calls=calls):
                _calls[0] += 1
                if _calls[0] == _j:
                    raise SystemExit("killed during recovery")
                return real(src, dst)

            monkeypatch.setattr(os, "replace", replace)
            try:
                AppContext.open(folder).close()
                recovered = True
            except SystemExit:
                recovered = False
            finally:
                monkeypatch.setattr(os, "replace", real)
            state, notes = _check(folder)
            assert state == expected, (k.__name__, j)  # a resumed recovery keeps its course
            if recovered:
                break
            assert any("interrupted restore" in n for n in notes), notes
            j += 1
            assert j < 60


def test_a_restored_database_that_cannot_be_used_is_undone_at_once(tmp_path, monkeypatch):
    from app.field import restore_journal

    pristine, backup = _pristine(tmp_path)
    real = restore_journal.record_in

    def broken(folder, actor, backup_path, outcome, details, verify=False):
        if details.get("phase") == "restored":
            raise StoreError("The database could not be prepared: migration 14 failed.")
        return real(folder, actor, backup_path, outcome, details, verify)

    monkeypatch.setattr(restore_journal, "record_in", broken)
    with AppContext.open(pristine) as ctx:
        actor = ctx.users.authenticate(*ADMIN, source="test")
        with pytest.raises(StoreError, match="migration 14"):
            BackupService(ctx).restore(actor, backup, PASS)
    monkeypatch.setattr(restore_journal, "record_in", real)
    assert not (pristine / "restore-journal.json").exists()
    with AppContext.open(pristine) as ctx:
        head = ctx.audit_trail.head()
        assert (head.action, head.outcome) == ("restore", "failure")
        assert head.details_dict["rolled_back"] is True
    state, notes = _check(pristine)
    assert state == "old" and notes == []
    assert not (pristine / "safety-copies").exists()


def test_read_only_commands_refuse_a_folder_mid_restore_and_change_nothing(
        tmp_path, monkeypatch, capsys):
    pristine, backup = _pristine(tmp_path)
    folder = tmp_path / "box"
    shutil.copytree(pristine, folder, symlinks=True)
    assert not _restore_killed_at(folder, backup, after_db_out, monkeypatch)
    assert not (folder / "edgedeck.db").exists()
    before = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    d = ["--data-dir", str(folder)]
    for argv in (["status"], ["monitor", "--once"], ["metrics", "--prometheus"],
                 ["--user", "admin", "audit", "verify"]):
        monkeypatch.setattr(sys, "stdin", io.StringIO("admin-password\n"))
        code = main([*d, *argv])
        err = capsys.readouterr().err
        assert code == 3 and "unfinished restore" in err and "changed nothing" in err, argv
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main([*d, "doctor", "--only", "data,database"]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] restore" in out and "unfinished restore" in out
    after = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    assert after == before  # nothing written, nothing recovered, no database created

    # `setup --admin` on that folder never makes whoever stands at the box an administrator:
    # the start completes or undoes the restore first, and then the box has its accounts.
    monkeypatch.setattr(sys, "stdin", io.StringIO("mallory-password\n"))
    code = main([*d, "setup", "--admin", "mallory"])
    err = capsys.readouterr().err
    assert code == 2 and "already done" in err
    assert "note: An interrupted restore" in err and "undone" in err
    with AppContext.open(folder) as ctx:
        assert sum(ctx.users.count_by_role().values()) == 1
        with pytest.raises(EdgeDeckError):
            ctx.users.authenticate("mallory", "mallory-password", source="test")
        assert ctx.settings.get("idle_lock_minutes") == OLD_IDLE


def test_a_journal_whose_owner_is_alive_is_not_touched(tmp_path, monkeypatch):
    """A restore running in another process holds the folder exclusively: an opening waits,
    then refuses, and never 'recovers' a restore that is still going on."""
    from app.system import folder_lock

    pristine, backup = _pristine(tmp_path)
    folder = tmp_path / "box"
    shutil.copytree(pristine, folder, symlinks=True)
    assert not _restore_killed_at(folder, backup, after_db_out, monkeypatch)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a'); "
         "fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
         str(folder / ".edgedeck.lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(folder_lock, "LOCK_WAIT_S", 0.2)
        with pytest.raises(folder_lock.FolderBusyError, match="restoring or repairing"):
            AppContext.open(folder)
        with pytest.raises(StoreError, match="unfinished restore"):
            AppContext.open(folder, read_only=True)
        assert (folder / "restore-journal.json").exists()  # left to its live owner
        assert not (folder / "edgedeck.db").exists()
    finally:
        holder.kill()
        holder.wait()
    state, notes = _check(folder)
    assert state == "old" and any("undone" in n for n in notes)


def _cli_restore(folder: Path, backup: Path) -> subprocess.Popen:
    env = {**os.environ, "EDGEDECK_DATA_DIR": str(folder)}
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(folder), "--user", "admin", "backup",
         "restore", str(backup)], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, cwd=ROOT, env=env)


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
def test_kill_9_of_a_real_restore_at_random_moments(tmp_path):
    pristine, backup = _pristine(tmp_path)
    secrets = f"{ADMIN[1]}\n{PASS}\n".encode()
    full = tmp_path / "full"
    shutil.copytree(pristine, full, symlinks=True)
    started = time.monotonic()
    proc = _cli_restore(full, backup)
    proc.communicate(secrets, timeout=120)
    duration = time.monotonic() - started
    assert proc.returncode == 0
    assert _check(full)[0] == "new"
    rng = random.Random()
    for i in range(6):
        folder = tmp_path / f"kill{i}"
        shutil.copytree(pristine, folder, symlinks=True)
        proc = _cli_restore(folder, backup)
        proc.stdin.write(secrets)
        proc.stdin.close()
        if i % 2:  # anywhere in the run
            time.sleep(rng.uniform(0.3, 1.0) * duration)
        else:  # somewhere in the swap: once the journal is there
            while proc.poll() is None and not (folder / "restore-journal.json").exists():
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.02))
        proc.kill()  # SIGKILL: no finally, no atexit
        proc.wait()
        journal = (folder / "restore-journal.json").exists()
        state, notes = _check(folder)
        if journal:
            assert any(("completed" if state == "new" else "undone") in n for n in notes)


# -- archive bounds --------------------------------------------------------------------------


def test_a_member_larger_than_its_manifest_says_is_refused(ctx, admin, tmp_path):
    plain = Path(BackupService(ctx).backup(admin, tmp_path / "b.zip",
                                           include_keys=False).path)
    with zipfile.ZipFile(plain) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    bomb = b"\0" * (4 * 1024 * 1024)  # deflates to a few KiB
    members["data/models/bomb.bin"] = bomb
    manifest["files"].append({"path": "data/models/bomb.bin", "size": 10,
                              "sha256": "0" * 64})
    forged = tmp_path / "bomb.zip"
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr("manifest.json", json.dumps(manifest))
    with pytest.raises(BackupRejected, match="size|expands"):  # before inflating it
        verify_backup(forged)
    with pytest.raises(BackupRejected, match="size|expands"):
        BackupService(ctx).restore(admin, forged)
    assert not ctx.store.closed
    assert not [p for p in ctx.data_dir.iterdir() if p.name.startswith(".restore-")]


def test_streaming_stops_one_byte_past_the_listed_size(tmp_path):
    """Whatever a member's header claims, no more than its listed size is ever written."""
    class Lying:
        filename = "data/models/x.bin"
        file_size = 10

    class Archive:
        def open(self, info):
            return io.BytesIO(b"y" * (1024 * 1024))

    target = tmp_path / "x.bin"
    with pytest.raises(BackupRejected, match="expands beyond"):
        backup_module._copy_member(Archive(), Lying(), target, tmp_path, False, 10)
    assert target.stat().st_size <= 10


def test_member_count_is_bounded(ctx, admin, tmp_path, monkeypatch):
    (ctx.data_dir / "knowledge").mkdir()
    for i in range(5):
        (ctx.data_dir / "knowledge" / f"{i}.md").write_text(str(i))
    plain = BackupService(ctx).backup(admin, tmp_path / "b.zip", include_keys=False).path
    monkeypatch.setattr(backup_module, "MAX_MEMBERS", 3)
    with pytest.raises(BackupRejected, match="more than 3"):
        verify_backup(plain)


def test_a_damaged_journal_is_refused_not_guessed(tmp_path, monkeypatch):
    pristine, backup = _pristine(tmp_path)
    folder = tmp_path / "box"
    shutil.copytree(pristine, folder, symlinks=True)
    assert not _restore_killed_at(folder, backup, after_db_out, monkeypatch)
    journal = folder / "restore-journal.json"
    data = json.loads(journal.read_text())
    data["move_in"].append("../../etc")
    journal.write_text(json.dumps(data))
    with pytest.raises(StoreError, match="unreadable"):
        AppContext.open(folder)
    assert journal.exists() and (folder / data["staging"]).exists()
