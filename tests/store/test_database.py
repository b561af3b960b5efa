"""Opening the appliance database: fresh, existing, newer, corrupt, foreign — never damaged."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app.errors import SchemaTooNewError, StoreError
from app.store import open_store
from app.store.database import MIGRATIONS_TABLE, migrate_store
from app.store.migrations import MIGRATIONS, latest_version


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_gets_every_migration_wal_and_foreign_keys(tmp_path):
    store = open_store(tmp_path / "new" / "edgedeck.db")
    try:
        assert store.schema_version() == latest_version()
        assert [m["version"] for m in store.applied_migrations()] == [
            m.version for m in MIGRATIONS]
        assert store.journal_mode() == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"meta", "settings", "users", "audit_log"} <= set(store.db.table_names())
        device_id = store.conn.execute("SELECT value FROM meta WHERE key='device_id'").fetchone()
        assert len(device_id[0]) == 36
    finally:
        store.close()


def test_migration_versions_are_unique_and_ordered():
    versions = [m.version for m in MIGRATIONS]
    assert versions == sorted(set(versions))


def test_existing_database_is_reopened_without_reapplying(tmp_path):
    path = tmp_path / "edgedeck.db"
    first = open_store(path)
    device_id = first.conn.execute("SELECT value FROM meta WHERE key='device_id'").fetchone()[0]
    first.close()
    second = open_store(path)
    try:
        assert migrate_store(second) == []
        again = second.conn.execute("SELECT value FROM meta WHERE key='device_id'").fetchone()[0]
        assert again == device_id
    finally:
        second.close()


def test_pending_migrations_are_applied_to_an_older_database(tmp_path, monkeypatch):
    from app.store import database, migrations

    path = tmp_path / "edgedeck.db"
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:1])
    old = open_store(path)
    assert old.schema_version() == 1
    assert "users" not in old.db.table_names()
    old.close()
    monkeypatch.undo()
    new = open_store(path)
    try:
        assert new.schema_version() == latest_version()
        assert "users" in new.db.table_names()
    finally:
        new.close()


def test_failed_migration_rolls_back_and_leaves_version(tmp_path, monkeypatch):
    from app.store import database
    from app.store.migrations import Migration

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(database, "MIGRATIONS",
                        [*MIGRATIONS, Migration(999, "broken", broken)])
    with pytest.raises(StoreError, match="could not be prepared"):
        open_store(tmp_path / "edgedeck.db")
    monkeypatch.undo()
    store = open_store(tmp_path / "edgedeck.db")
    try:
        assert "half_done" not in store.db.table_names()
        assert store.schema_version() == latest_version()
    finally:
        store.close()


def test_newer_schema_is_refused_and_untouched(tmp_path):
    path = tmp_path / "edgedeck.db"
    store = open_store(path)
    store.conn.execute(f"INSERT INTO {MIGRATIONS_TABLE} VALUES (?, 'from the future', 'x')",
                       [latest_version() + 5])
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    before = _digest(path)
    with pytest.raises(SchemaTooNewError, match="newer than this EdgeDeck"):
        open_store(path)
    assert _digest(path) == before


def test_corrupt_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "edgedeck.db"
    path.write_bytes(b"this is not a database at all\x00" * 200)
    before = _digest(path)
    with pytest.raises(StoreError, match="damaged or not a database") as info:
        open_store(path)
    assert "left untouched" in str(info.value)
    assert _digest(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "edgedeck.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(StoreError, match="not an EdgeDeck one"):
        open_store(path)
    assert _digest(path) == before


def test_transaction_rolls_back_on_error(tmp_path):
    store = open_store(tmp_path / "edgedeck.db")
    try:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.conn.execute("INSERT INTO meta VALUES ('k', 'v')")
                raise RuntimeError("boom")
        assert store.conn.execute("SELECT 1 FROM meta WHERE key='k'").fetchone() is None
    finally:
        store.close()


def test_each_thread_gets_its_own_connection(tmp_path):
    import threading

    store = open_store(tmp_path / "edgedeck.db")
    seen = []
    try:
        thread = threading.Thread(target=lambda: seen.append(store.conn))
        thread.start()
        thread.join()
        assert seen[0] is not store.conn
    finally:
        store.close()
