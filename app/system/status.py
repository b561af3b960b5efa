"""`edgedeck status`: one report that the CLI prints and the About box reuses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.store.migrations import latest_version
from app.system.versions import collect_versions

if TYPE_CHECKING:  # the whole appliance is handed in; never imported back
    from app.context import AppContext


def status_report(ctx: AppContext) -> dict[str, Any]:
    head = ctx.audit_trail.head()
    return {
        "versions": collect_versions(),
        "data_dir": str(ctx.data_dir),
        "database": {
            "path": str(ctx.store.path),
            "schema_version": ctx.store.schema_version(),
            "schema_latest": latest_version(),
            "journal_mode": ctx.store.journal_mode(),
            "size_bytes": ctx.store.size_bytes(),
        },
        "device": {"id": ctx.settings.device_id, "name": ctx.settings.device_name},
        "users": ctx.users.count_by_role(),
        "setup_done": not ctx.users.needs_setup(),
        "audit": {
            "records": ctx.audit_trail.count(),
            "head_seq": head.seq if head else 0,
            "head_hash": head.hash if head else None,
            "head_ts": head.ts if head else None,
        },
        "log_file": str(ctx.log_path),
    }
