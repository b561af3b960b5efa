"""Open the appliance database safely: refuse what we must not touch, migrate what we may.

A corrupt file, a SQLite file that is not EdgeDeck's, or a schema newer than this build are
refused with a clear message *before* anything is written, so a wrong `--data-dir` or a
downgrade can never damage an appliance's history.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from app.errors import DiskFullError, SchemaTooNewError, StoreError, is_disk_full
from app.store.migrations import MIGRATIONS, latest_version

log = logging.getLogger(__name__)

MIGRATIONS_TABLE = "schema_migrations"
BUSY_TIMEOUT_MS = 10_000


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we open transactions ourselves (BEGIN IMMEDIATE where order matters).
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


class Store:
    """One database file, one connection per thread (SQLite in WAL mode handles the rest)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        self._functions: dict[str, tuple[int, Callable[..., object]]] = {}
        # Migrations this process applied when it opened the file (some need a follow-up
        # step by the service that owns the table, e.g. signing an upgraded audit trail).
        self.migrated_now: list[int] = []

    @property
    def db(self) -> sqlite_utils.Database:
        """The calling thread's sqlite-utils handle."""
        if self._closed:
            raise StoreError(f"The database {self.path} is closed.")
        handle = getattr(self._local, "db", None)
        if handle is None:
            conn = _connect(self.path)
            with self._lock:
                self._all.append(conn)
                for name, (nargs, fn) in self._functions.items():
                    conn.create_function(name, nargs, fn)
            handle = sqlite_utils.Database(conn)
            self._local.db = handle
        return handle

    def register_function(self, name: str, nargs: int, fn: Callable[..., object]) -> None:
        """An SQL function on every connection of this store, now and later.

        The audit trail's triggers call functions that only EdgeDeck registers, so a statement
        from any other program (the sqlite3 shell, a script) that would insert or delete audit
        records fails in SQLite itself.
        """
        with self._lock:
            self._functions[name] = (nargs, fn)
            for conn in self._all:
                with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile
                    conn.create_function(name, nargs, fn)

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextlib.contextmanager
    def transaction(self, immediate: bool = False) -> Iterator[sqlite3.Connection]:
        """All-or-nothing block; `immediate` takes the write lock first (needed for chains)."""
        conn = self.conn
        if conn.in_transaction:  # nested: the outer block owns commit/rollback
            yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
            try:
                yield conn
            except BaseException:
                with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back itself
                    conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if is_disk_full(exc):
                raise DiskFullError(self.path, what="saving to the database") from exc
            raise

    def schema_version(self) -> int:
        row = self.conn.execute(f"SELECT MAX(version) FROM {MIGRATIONS_TABLE}").fetchone()
        return int(row[0] or 0)

    def applied_migrations(self) -> list[dict]:
        return list(self.db[MIGRATIONS_TABLE].rows_where(order_by="version"))

    def size_bytes(self) -> int:
        total = 0
        for suffix in ("", "-wal", "-shm"):
            candidate = Path(str(self.path) + suffix)
            if candidate.exists():
                total += candidate.stat().st_size
        return total

    def journal_mode(self) -> str:
        return str(self.conn.execute("PRAGMA journal_mode").fetchone()[0])

    def quick_check(self) -> str:
        return str(self.conn.execute("PRAGMA quick_check").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
            self._closed = True


def _inspect_existing(path: Path) -> int:
    """Read-only look at an existing file: its schema version, or a StoreError."""
    uri = f"file:{path}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot open the database {path}: {exc}.") from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return 0
        if MIGRATIONS_TABLE not in tables:
            raise StoreError(
                f"{path} is a SQLite database but not an EdgeDeck one (no {MIGRATIONS_TABLE} "
                "table). It was left untouched; point --data-dir at an EdgeDeck data folder."
            )
        row = conn.execute(f"SELECT MAX(version) FROM {MIGRATIONS_TABLE}").fetchone()
        return int(row[0] or 0)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"The database {path} is damaged or not a database ({exc}). It was left untouched: "
            "restore a backup, or move the file away to start a new one."
        ) from exc
    finally:
        conn.close()


def open_store(path: Path, migrate: bool = True) -> Store:
    """Open (creating if absent) and bring the schema up to date."""
    path.parent.mkdir(parents=True, exist_ok=True)
    exists = path.exists() and path.stat().st_size > 0
    current = _inspect_existing(path) if exists else 0
    newest = latest_version()
    if current > newest:
        raise SchemaTooNewError(
            f"The database {path} has schema version {current}, newer than this EdgeDeck "
            f"understands ({newest}). It was left untouched: use a newer EdgeDeck."
        )
    store = Store(path)
    try:
        mode = store.conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("journal_mode is %s, not WAL (file system without shared memory?)", mode)
        if migrate:
            store.migrated_now = migrate_store(store)
    except sqlite3.DatabaseError as exc:
        store.close()
        raise StoreError(f"The database {path} could not be prepared: {exc}.") from exc
    except BaseException:
        store.close()
        raise
    return store


def migrate_store(store: Store) -> list[int]:
    """Apply every pending migration, each in its own transaction; returns what was applied."""
    db = store.db
    if MIGRATIONS_TABLE not in db.table_names():
        with store.transaction(immediate=True):
            db.execute(
                f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
    applied: list[int] = []
    for migration in MIGRATIONS:
        with store.transaction(immediate=True):
            done = db.execute(
                f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE version = ?", [migration.version]
            ).fetchone()
            if done:
                continue
            log.info("applying migration %04d %s", migration.version, migration.name)
            migration.apply(db)
            db[MIGRATIONS_TABLE].insert(
                {
                    "version": migration.version,
                    "name": migration.name,
                    "applied_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                }
            )
            applied.append(migration.version)
    return applied
