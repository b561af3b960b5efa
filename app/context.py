"""AppContext: the database and every service, wired once per process (no module globals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.audit.service import AuditService
from app.audit.trail import AuditTrail
from app.auth.guard import Guard
from app.auth.users import UserService
from app.logging_setup import configure_logging
from app.paths import database_path, resolve_data_dir
from app.store import Store, open_store
from app.system.settings import SettingsService


@dataclass
class AppContext:
    data_dir: Path
    store: Store
    log_path: Path
    audit_trail: AuditTrail
    guard: Guard
    users: UserService
    audit: AuditService
    settings: SettingsService

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> AppContext:
        """Resolve the data folder, open/migrate the database, wire the services."""
        folder = resolve_data_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        log_path = configure_logging(folder)
        store = open_store(database_path(folder))
        device_id = store.conn.execute(
            "SELECT value FROM meta WHERE key = 'device_id'"
        ).fetchone()[0]
        trail = AuditTrail(store, device_id)
        guard = Guard(trail)
        return cls(
            data_dir=folder,
            store=store,
            log_path=log_path,
            audit_trail=trail,
            guard=guard,
            users=UserService(store, trail, guard),
            audit=AuditService(trail, guard),
            settings=SettingsService(store, trail, guard),
        )

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
