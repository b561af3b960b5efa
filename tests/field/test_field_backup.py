"""Backup, verification and restore: round trips, refusals, and nothing changed on refusal."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from app.context import AppContext
from app.errors import EdgeDeckError, PermissionDenied, SchemaTooNewError, ValidationError
from app.field.backup import BackupRejected, BackupService, verify_backup
from app.field.crypto import OperationCancelled, WrongPassphraseError

PASS = "usb sticks get lost"


@pytest.fixture
def service(ctx) -> BackupService:
    return BackupService(ctx)


@pytest.fixture
def populated(ctx) -> AppContext:
    """Data a later capability keeps beside the database."""
    (ctx.data_dir / "models" / "det").mkdir(parents=True)
    (ctx.data_dir / "models" / "det" / "model.onnx").write_bytes(b"\x08\x01onnx" * 100)
    (ctx.data_dir / "knowledge").mkdir()
    (ctx.data_dir / "knowledge" / "manual.pdf").write_bytes(b"%PDF-1.7 E42")
    (ctx.data_dir / "audit-archive").mkdir()
    (ctx.data_dir / "audit-archive" / "audit-x.jsonl").write_text("{}\n")
    (ctx.data_dir / "models" / ".staging" / "half").mkdir(parents=True)
    (ctx.data_dir / "models" / ".staging" / "half" / "model.onnx").write_bytes(b"half")
    return ctx


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def _rewrite(src: Path, dst: Path, tmp: Path, mutate_db=None, extra=None) -> Path:
    """Copy an unencrypted backup, optionally editing its database or adding members, and
    recompute the manifest so only the content (not the checksums) is wrong."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    if mutate_db:
        db = tmp / "edit.db"
        db.write_bytes(members["data/edgedeck.db"])
        conn = sqlite3.connect(db)
        mutate_db(conn)
        conn.commit()
        conn.close()
        members["data/edgedeck.db"] = db.read_bytes()
    members.update(extra or {})
    manifest["files"] = [{"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                         for n, d in members.items() if not n.endswith("/")]
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr("manifest.json", json.dumps(manifest))
    return dst


def _setting(data_dir: Path, key: str):
    conn = sqlite3.connect(data_dir / "edgedeck.db")
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    finally:
        conn.close()
    return json.loads(row[0]) if row else None


# -- backup ------------------------------------------------------------------------------------


def test_unencrypted_backup_must_leave_the_keys_out(ctx, admin, service, tmp_path):
    with pytest.raises(ValidationError, match="signing key"):
        service.backup(admin, tmp_path / "b.zip")
    assert not (tmp_path / "b.zip").exists()
    result = service.backup(admin, tmp_path / "b.zip", include_keys=False)
    with zipfile.ZipFile(result.path) as zf:
        names = zf.namelist()
    assert not any(n.startswith("data/keys/") for n in names)
    assert not result.includes_keys and not result.encrypted


def test_backup_holds_a_consistent_copy_and_every_data_folder_entry(populated, admin,
                                                                    service, tmp_path):
    (populated.data_dir / "ui.ini").write_text("[view]\ntheme=dark\n")
    result = service.backup(admin, tmp_path / "b.zip", include_keys=False)
    with zipfile.ZipFile(result.path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    assert {"data/edgedeck.db", "data/audit-anchor.json", "data/models/det/model.onnx",
            "data/knowledge/manual.pdf", "data/audit-archive/audit-x.jsonl",
            "data/ui.ini"} <= set(members)
    assert not any(n.startswith(("data/logs/", "data/safety-copies/", "data/models/.staging"))
                   or n.endswith(
        ("-wal", "-shm")) for n in members)
    for entry in manifest["files"]:
        assert hashlib.sha256(members[entry["path"]]).hexdigest() == entry["sha256"]
    assert manifest["device_id"] == populated.settings.device_id
    assert manifest["created_by"] == "admin" and manifest["schema_version"] == result.\
        schema_version
    anchor = json.loads(members["data/audit-anchor.json"])
    copy = tmp_path / "copy.db"
    copy.write_bytes(members["data/edgedeck.db"])
    conn = sqlite3.connect(copy)
    head = conn.execute("SELECT MAX(seq) FROM audit_checkpoints").fetchone()[0]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert anchor["seq"] == head  # the anchor matches the copy, not the live database
    record = populated.audit_trail.head()
    assert (record.category, record.action, record.outcome) == ("backup", "create", "success")
    assert record.details_dict["sha256"] == result.sha256


def test_technician_may_back_up_operator_may_not(ctx, tech, operator, service, tmp_path):
    service.backup(tech, tmp_path / "t.zip", include_keys=False)
    with pytest.raises(PermissionDenied):
        service.backup(operator, tmp_path / "o.zip", include_keys=False)
    assert ctx.audit_trail.head().action == "permission_denied"
    assert not (tmp_path / "o.zip").exists()


def test_cancelled_backup_leaves_nothing(ctx, admin, populated, service, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    ticks = []

    with pytest.raises(OperationCancelled):
        service.backup(admin, stick / "b.zip", PASS,
                       cancelled=lambda: ticks.append(1) or len(ticks) > 2)
    assert os.listdir(stick) == []
    assert not [p for p in ctx.data_dir.iterdir() if p.name.startswith(".field-")]


def test_verify_checks_everything_and_touches_no_data(populated, admin, service, tmp_path):
    result = service.backup(admin, tmp_path / "b", PASS)
    before = _tree(populated.data_dir)
    info = verify_backup(result.path, PASS, expected_device_id=populated.settings.device_id)
    assert info.same_device and info.encrypted and info.includes_keys
    assert info.files == result.files and info.created_by == "admin"
    assert _tree(populated.data_dir) == before
    with pytest.raises(ValidationError, match="passphrase"):
        verify_backup(result.path)


# -- restore -----------------------------------------------------------------------------------


def test_round_trip_restores_data_and_keeps_a_safety_copy(populated, admin, service,
                                                          tmp_path):
    data_dir = populated.data_dir
    populated.settings.set(admin, "idle_lock_minutes", 15)
    backup = service.backup(admin, tmp_path / "b.zip", PASS)
    # Change things after the backup.
    populated.settings.set(admin, "idle_lock_minutes", 42)
    (data_dir / "models" / "det" / "model.onnx").unlink()
    (data_dir / "knowledge" / "later.md").write_text("added after the backup")
    key_before = (data_dir / "keys" / "audit-signing.key").read_bytes()

    result = service.restore(admin, backup.path, PASS)

    assert result.needs_reopen and populated.store.closed
    with pytest.raises(EdgeDeckError, match="open it again"):
        service.backup(admin, tmp_path / "again.zip", PASS)
    assert _setting(data_dir, "idle_lock_minutes") == 15
    assert (data_dir / "models" / "det" / "model.onnx").exists()
    assert not (data_dir / "knowledge" / "later.md").exists()
    safety = Path(result.safety_copy)
    assert safety.parent == data_dir / "safety-copies"
    assert (safety / "knowledge" / "later.md").exists()
    assert _setting(safety, "idle_lock_minutes") == 42
    assert (data_dir / "keys" / "audit-signing.key").read_bytes() == key_before
    if os.name == "posix":
        assert stat.S_IMODE((data_dir / "keys").stat().st_mode) == 0o700
        assert stat.S_IMODE((data_dir / "keys" / "audit-signing.key").stat().st_mode) == 0o600
    assert (data_dir / "logs").is_dir()
    assert result.audit_verification.startswith("Audit trail intact"), result
    assert not [p for p in data_dir.iterdir() if p.name.startswith((".restore-", ".field-"))]

    with AppContext.open(data_dir) as reopened:
        restored = reopened.audit_trail.head()
        assert (restored.actor, restored.category, restored.action, restored.object,
                restored.outcome) == ("admin", "backup", "restore", backup.path, "success")
        assert restored.details_dict["safety_copy"] == result.safety_copy
        assert reopened.audit_trail.verify().ok
        assert reopened.settings.get("idle_lock_minutes") == 15
    old = sqlite3.connect(safety / "edgedeck.db")
    last = old.execute("SELECT action, object FROM audit_log ORDER BY seq DESC LIMIT 1"
                       ).fetchone()
    old.close()
    assert last == ("restore", backup.path)  # the replaced database says what replaced it


def test_restore_needs_an_admin(ctx, admin, tech, service, tmp_path):
    backup = service.backup(admin, tmp_path / "b.zip", PASS)
    with pytest.raises(PermissionDenied):
        service.restore(tech, backup.path, PASS)
    assert not ctx.store.closed and ctx.audit_trail.head().action == "permission_denied"


def test_wrong_passphrase_is_refused_and_nothing_changes(ctx, admin, populated, service,
                                                         tmp_path):
    backup = service.backup(admin, tmp_path / "b.zip", PASS)
    ctx.settings.set(admin, "idle_lock_minutes", 42)
    before = _tree(ctx.data_dir / "models")
    with pytest.raises(WrongPassphraseError):
        service.restore(admin, backup.path, "not the right passphrase")
    assert not ctx.store.closed
    assert ctx.settings.get("idle_lock_minutes") == 42
    assert _tree(ctx.data_dir / "models") == before
    assert not (ctx.data_dir / "safety-copies").exists()
    assert not [p for p in ctx.data_dir.iterdir() if p.name.startswith(".restore-")]
    record = ctx.audit_trail.head()
    assert (record.action, record.outcome) == ("restore", "failure")


def test_newer_schema_is_refused_with_a_clear_message(ctx, admin, service, tmp_path):
    plain = service.backup(admin, tmp_path / "b.zip", include_keys=False)
    newer = _rewrite(Path(plain.path), tmp_path / "newer.zip", tmp_path, mutate_db=lambda c: (
        c.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")))
    # The manifest says the old version; fix it so only the schema is the problem.
    with zipfile.ZipFile(newer) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["schema_version"] = 999
    with zipfile.ZipFile(newer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, json.dumps(manifest) if name == "manifest.json" else data)
    with pytest.raises(SchemaTooNewError, match="newer than this EdgeDeck"):
        verify_backup(newer)
    with pytest.raises(SchemaTooNewError):
        service.restore(admin, newer)
    assert not ctx.store.closed and not (ctx.data_dir / "safety-copies").exists()


def test_another_devices_backup_needs_explicit_consent(ctx, admin, populated, service,
                                                       tmp_path):
    backup = service.backup(admin, tmp_path / "b.zip", PASS)
    other_dir = tmp_path / "replacement-box"
    other = AppContext.open(other_dir)
    try:
        other_admin = other.users.setup_admin("chief", "chief-password", source="test")
        other_service = BackupService(other)
        with pytest.raises(ValidationError, match="another device"):
            other_service.restore(other_admin, backup.path, PASS)
        assert not other.store.closed
        result = other_service.restore(other_admin, backup.path, PASS,
                                       allow_other_device=True)
    finally:
        other.close()
    assert result.device_id == ctx.settings.device_id
    with AppContext.open(other_dir) as reopened:
        assert reopened.settings.device_id == ctx.settings.device_id
        assert (reopened.data_dir / "models" / "det" / "model.onnx").exists()
        assert reopened.audit_trail.verify().ok  # the signing key came with the backup
        assert reopened.audit_trail.head().actor == "chief"


@pytest.mark.parametrize("name", ["data/../evil.txt", "data/../../evil.txt", "/etc/evil",
                                  "data//evil", "data/logs/edgedeck.log", "evil.txt",
                                  "data\\..\\evil.txt", "data/C:/evil"])
def test_unsafe_member_names_are_refused(ctx, admin, service, tmp_path, name):
    plain = service.backup(admin, tmp_path / "b.zip", include_keys=False)
    forged = _rewrite(Path(plain.path), tmp_path / "forged.zip", tmp_path,
                      extra={name: b"pwned"})
    with pytest.raises(BackupRejected, match="unsafe member"):
        service.restore(admin, forged)
    assert not (tmp_path / "evil.txt").exists() and not (ctx.data_dir.parent / "evil.txt"
                                                         ).exists()
    assert not ctx.store.closed


def test_symlink_member_is_refused(ctx, admin, service, tmp_path):
    plain = service.backup(admin, tmp_path / "b.zip", include_keys=False)
    forged = _rewrite(Path(plain.path), tmp_path / "forged.zip", tmp_path)
    with zipfile.ZipFile(forged, "a") as zf:
        info = zipfile.ZipInfo("data/models/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(BackupRejected, match="symbolic link"):
        verify_backup(forged)


def test_damaged_or_unlisted_members_are_refused(ctx, admin, populated, service, tmp_path):
    plain = Path(service.backup(admin, tmp_path / "b.zip", include_keys=False).path)
    with zipfile.ZipFile(plain) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(damaged, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data + b"x" if name.endswith("model.onnx") else data)
    with pytest.raises(BackupRejected, match="checksum"):
        verify_backup(damaged)
    unlisted = tmp_path / "unlisted.zip"
    with zipfile.ZipFile(unlisted, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr("data/extra.bin", b"?")
    with pytest.raises(BackupRejected, match="not listed"):
        verify_backup(unlisted)


def test_restore_refuses_while_another_process_holds_the_database(ctx, admin, service,
                                                                  tmp_path):
    backup = service.backup(admin, tmp_path / "b.zip", PASS)
    other = sqlite3.connect(ctx.data_dir / "edgedeck.db")  # e.g. the service process
    other.execute("SELECT COUNT(*) FROM audit_log").fetchone()
    try:
        with pytest.raises(EdgeDeckError, match="still has the database open"):
            service.restore(admin, backup.path, PASS)
    finally:
        other.close()
    assert not (ctx.data_dir / "safety-copies").exists()
    with AppContext.open(ctx.data_dir) as reopened:
        assert reopened.audit_trail.head().outcome == "failure"


def test_older_schema_is_restored_and_migrated(ctx, admin, service, tmp_path):
    import sqlite_utils

    from app.store.migrations import MIGRATIONS, latest_version

    newest = latest_version()
    reference = sqlite_utils.Database(tmp_path / "reference.db")
    for migration in MIGRATIONS[:-1]:
        migration.apply(reference)
    older_tables = set(reference.table_names())
    older_triggers = {r[0] for r in reference.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    older_columns = {t: {c.name for c in reference[t].columns} for t in older_tables}
    reference.close()
    plain = service.backup(admin, tmp_path / "b.zip", include_keys=False)

    def downgrade(conn: sqlite3.Connection) -> None:  # as if made before the last migration
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in names:
            if name not in older_tables and name != "schema_migrations":
                with contextlib.suppress(sqlite3.OperationalError):  # FTS shadow tables
                    conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        triggers = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")]
        for name in set(triggers) - older_triggers:  # triggers on tables that stay
            conn.execute(f'DROP TRIGGER "{name}"')
        for table, columns in older_columns.items():  # columns added to tables that stay
            present = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            for column in set(present) - columns:
                conn.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
        conn.execute("DELETE FROM schema_migrations WHERE version = ?", [newest])

    older = _rewrite(Path(plain.path), tmp_path / "older.zip", tmp_path, mutate_db=downgrade)
    with zipfile.ZipFile(older) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["schema_version"] = newest - 1
    with zipfile.ZipFile(older, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, json.dumps(manifest) if name == "manifest.json" else data)
    assert verify_backup(older).schema_version == newest - 1
    result = service.restore(admin, older)
    assert result.schema_version == newest - 1
    with AppContext.open(ctx.data_dir) as reopened:
        assert reopened.store.schema_version() == newest
        assert reopened.audit_trail.head().action == "restore"
        migrated = {t: [r[1] for r in reopened.store.conn.execute(f'PRAGMA table_info("{t}")')]
                    for t in older_columns}
    fresh = sqlite_utils.Database(tmp_path / "fresh.db")
    for migration in MIGRATIONS:
        migration.apply(fresh)
    assert migrated == {t: [c.name for c in fresh[t].columns] for t in older_columns}
    fresh.close()
