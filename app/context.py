"""AppContext: the database and every service, wired once per process (no module globals)."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.alarms.service import AlarmService
from app.audit.anchor_sinks import attach_anchor_sinks
from app.audit.service import AuditService
from app.audit.signing import DeviceKey
from app.audit.trail import ANCHOR_FILE, AuditTrail
from app.auth.guard import Guard
from app.auth.users import UserService
from app.config.meta import ApplianceMeta
from app.errors import StoreError
from app.knowledge.service import KnowledgeService
from app.logging_setup import configure_logging
from app.models.engines import ModelEngines
from app.models.inference import InferenceService
from app.models.registry import ModelRegistry
from app.paths import database_path, resolve_data_dir
from app.store import Store, open_store
from app.store.migrations import AUDIT_SEALS_MIGRATION
from app.system.data_folder import OpenedFolder, open_data_folder, schema_behind_message
from app.system.settings import SettingsService
from app.telemetry.history import HistoryConfig, HistoryService

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.field.backup import BackupService
    from app.field.diagnostics import DiagnosticsService
    from app.models.batch import BatchService
    from app.serving.control import ServingControl
    from app.serving.keys import ApiKeyService


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
    history: HistoryService
    alarms: AlarmService
    models: ModelRegistry
    inference: InferenceService
    knowledge: KnowledgeService
    engines: ModelEngines
    # What opening the folder did that the person should hear (a restore completed, ...).
    startup_notes: list[str] = field(default_factory=list)
    opened_folder: OpenedFolder | None = None
    read_only: bool = False

    @classmethod
    def open(cls, data_dir: str | Path | None = None, create: bool = True,
             read_only: bool = False) -> AppContext:
        """Resolve the data folder, open/migrate the database, wire the services.

        `create=False`: a missing folder or database is an error, never made (a typo in
        --data-dir must not make a new appliance). `read_only`: also no start-up repairs, no
        restore recovery (a folder mid-restore is refused) and no schema upgrade."""
        folder = resolve_data_dir(data_dir)
        opened = open_data_folder(folder, create=create, read_only=read_only)
        log_path = configure_logging(folder)
        store = _open_database(folder, opened, read_only)
        device_id = ApplianceMeta(store).device_id
        trail = AuditTrail(store, device_id, DeviceKey.load_or_create(folder / "keys"),
                           anchor_path=folder / ANCHOR_FILE)
        if not read_only:  # finish an interrupted anchor update, sign an upgraded head
            trail.start_up(upgraded=AUDIT_SEALS_MIGRATION in store.migrated_now)
        guard = Guard(trail)
        settings = SettingsService(store, trail, guard)
        models = ModelRegistry(store, trail, guard, folder / "models")
        engines = ModelEngines(trail, folder)  # every model's engines, one pool per process
        trail.max_records = int(settings.get("audit_max_records", trail.max_records))
        attach_anchor_sinks(trail, settings)
        return cls(
            data_dir=folder,
            store=store,
            log_path=log_path,
            audit_trail=trail,
            guard=guard,
            users=UserService(store, trail, guard),
            audit=AuditService(trail, guard, folder, lambda: settings.device_name),
            settings=settings,
            history=HistoryService(store, HistoryConfig(
                max_rows=int(settings.get("history_max_rows", HistoryConfig.max_rows)))),
            alarms=AlarmService(store, trail, guard),
            models=models,
            inference=InferenceService(models, trail, guard, folder, engines),
            knowledge=KnowledgeService(store, trail, guard, folder / "knowledge",
                                       engines=engines),
            engines=engines,
            startup_notes=list(opened.notes),
            opened_folder=opened,
            read_only=read_only,
        )

    @property
    def diagnostics(self) -> DiagnosticsService:
        from app.field.diagnostics import DiagnosticsService

        return DiagnosticsService(self)

    @functools.cached_property
    def batch(self) -> BatchService:
        """One per context: it knows which of its jobs run in this process."""
        from app.models.batch import BatchService

        return BatchService(self.store, self.audit_trail, self.guard, self.inference)

    @property
    def backups(self) -> BackupService:
        from app.field.backup import BackupService

        return BackupService(self)

    @property
    def serving(self) -> ServingControl:
        from app.serving.control import ServingControl

        return ServingControl(self.store, self.audit_trail, self.guard, self.data_dir)

    @property
    def api_keys(self) -> ApiKeyService:
        from app.serving.keys import ApiKeyService

        return ApiKeyService(self.store, self.audit_trail, self.guard)

    def close(self) -> None:
        """Sign the chain head on the way out, so the anchor file is as fresh as possible."""
        if self.store.closed:
            return
        self.inference.unload_all()
        self.knowledge.close()
        try:
            self.audit_trail.checkpoint()
        finally:
            self.store.close()
            if self.opened_folder is not None:
                self.opened_folder.release()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc is None:
            self.close()
            return
        try:  # the error in flight is the one to report (e.g. a full disk mid-ingest)
            self.close()
        except Exception:  # noqa: BLE001 - logged; must not replace the error in flight
            log.warning("closing the data folder after an error failed too", exc_info=True)


def _open_database(folder: Path, opened: OpenedFolder, read_only: bool) -> Store:
    """The store; a read-only open neither creates nor upgrades it. Drops the folder lock
    when the database cannot be used."""
    from app.store.migrations import latest_version

    try:
        store = open_store(database_path(folder), migrate=not read_only)
        if read_only and store.schema_version() < latest_version():
            current = store.schema_version()
            store.close()
            raise StoreError(schema_behind_message(store.path, current, latest_version()))
    except BaseException:
        opened.release()
        raise
    return store
