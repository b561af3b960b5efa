"""Every privileged service call, as every role: allowed exactly per the permission table."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.auth.permissions import MINIMUM_ROLE, Permission, Role
from app.errors import PermissionDenied
from app.models.demo import seed_demo_models

# (permission, call) — each call performs a real privileged action through the service.
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "models"

CALLS = [
    (Permission.MANAGE_USERS, lambda ctx, a, t: ctx.users.list_users(a)),
    (Permission.MANAGE_USERS,
     lambda ctx, a, t: ctx.users.add_user(a, f"new-{a.username}", "new-user-pass", "operator")),
    (Permission.MANAGE_USERS, lambda ctx, a, t: ctx.users.set_enabled(a, "victim", True)),
    (Permission.MANAGE_USERS, lambda ctx, a, t: ctx.users.set_role(a, "victim", "operator")),
    (Permission.MANAGE_USERS,
     lambda ctx, a, t: ctx.users.reset_password(a, "victim", "victim-new-pass")),
    (Permission.CHANGE_SETTINGS, lambda ctx, a, t: ctx.settings.set_device_name(a, "box x")),
    (Permission.CHANGE_SETTINGS, lambda ctx, a, t: ctx.settings.set(a, "idle_lock_minutes", 5)),
    (Permission.CHANGE_SETTINGS, lambda ctx, a, t: ctx.users.set_lockout_policy(a, 5, 5)),
    (Permission.VIEW_AUDIT, lambda ctx, a, t: ctx.audit.page(a)),
    (Permission.VIEW_AUDIT, lambda ctx, a, t: ctx.audit.verify(a)),
    (Permission.VIEW_AUDIT, lambda ctx, a, t: ctx.audit.storage(a)),
    (Permission.EXPORT_AUDIT,
     lambda ctx, a, t: ctx.audit.export(a, "jsonl", t / f"export-{a.username}.jsonl")),
    (Permission.DELETE_DATA, lambda ctx, a, t: ctx.audit.archive(a, 1, t / a.username)),
    (Permission.MANAGE_MODELS, lambda ctx, a, t: ctx.models.import_model(
        a, DEMO / "demo-inspector", name=f"copy-{a.username}")),
    (Permission.MANAGE_MODELS, lambda ctx, a, t: ctx.models.activate(a, "demo-inspector", 1)),
    (Permission.MANAGE_MODELS, lambda ctx, a, t: ctx.inference.benchmark(
        a, "demo-inspector", providers=["CPUExecutionProvider"], runs=3, warmup=1)),
    (Permission.DELETE_DATA, lambda ctx, a, t: ctx.models.delete_model(a, "demo-text-classifier")),
    (Permission.RUN_PLAYGROUND, lambda ctx, a, t: ctx.inference.load(
        a, "demo-inspector", providers=["CPUExecutionProvider"])),
    (Permission.RUN_DIAGNOSTICS, lambda ctx, a, t: ctx.diagnostics.bundle(
        a, t / f"bundle-{a.username}.zip", include_benchmark=False)),
    (Permission.MANAGE_KNOWLEDGE, lambda ctx, a, t: ctx.knowledge.add_blocked_term(a, "x")),
    (Permission.INGEST_DOCUMENTS, lambda ctx, a, t: ctx.knowledge.create_collection(a, "c")),
    (Permission.LEAVE_KIOSK, lambda ctx, a, t: ctx.users.unlock_kiosk(
        a.username, f"{a.role}-password-1")),
    (Permission.RUN_BATCH_JOBS, lambda ctx, a, t: _batch_job(ctx, a, t)),
    (Permission.MANAGE_API_KEYS, lambda ctx, a, t: ctx.api_keys.add(a, f"key-{a.username}")),
    (Permission.MANAGE_API_KEYS, lambda ctx, a, t: ctx.api_keys.list(a)),
    (Permission.RUN_SERVICE, lambda ctx, a, t: ctx.serving.recent_requests(a)),
    (Permission.RUN_SERVICE, lambda ctx, a, t: ctx.serving.rates(a)),
    (Permission.RUN_SERVICE, lambda ctx, a, t: ctx.serving.stop(a)),  # not running: a no-op
]


def _batch_job(ctx, actor, tmp_path):
    """A whole batch job (create and run) over one line of JSON tensors."""
    source = tmp_path / "inputs.jsonl"
    source.write_text('{"input_ids": [[1, 2, 3]]}\n', encoding="utf-8")
    job = ctx.batch.create(actor, "demo-text-classifier", source,
                           tmp_path / f"batch-{actor.username}.jsonl")
    return ctx.batch.run(actor, job.id)


PENDING: set[Permission] = set()

FIRST_MODEL_CALL = next(i for i, (p, _) in enumerate(CALLS) if p is Permission.MANAGE_MODELS)


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize("index", range(len(CALLS)))
def test_role_matrix(ctx, admin, tmp_path, role, index):
    ctx.users.add_user(admin, "victim", "victim-pass-1", "operator")
    if index >= FIRST_MODEL_CALL:
        seed_demo_models(ctx.models, admin)
    ctx.users.add_user(admin, f"as-{role}", f"{role}-password-1", role)
    actor = ctx.users.authenticate(f"as-{role}", f"{role}-password-1")
    permission, call = CALLS[index]
    allowed = Role(role).rank >= MINIMUM_ROLE[permission].rank
    before = ctx.audit_trail.head().seq
    if allowed:
        call(ctx, actor, tmp_path)
    else:
        with pytest.raises(PermissionDenied):
            call(ctx, actor, tmp_path)
        denied = [r for r in ctx.audit_trail.read_page(limit=5) if r.seq > before]
        assert denied and denied[0].action == "permission_denied"
        assert denied[0].actor == f"as-{role}"


def test_matrix_covers_every_privileged_permission():
    covered = {permission for permission, _ in CALLS}
    privileged = {p for p, r in MINIMUM_ROLE.items() if r is not Role.OPERATOR}
    # INGEST_DOCUMENTS joins with the knowledge base; SHELVE_ALARMS is checked in tests/alarms
    # (it needs a raised alarm)
    # Permissions whose services are still being built are listed in PENDING until their calls
    # join CALLS.
    assert privileged - covered <= {Permission.INGEST_DOCUMENTS, Permission.SHELVE_ALARMS,
                                    *PENDING}
    assert {Permission.MANAGE_USERS, Permission.CHANGE_SETTINGS, Permission.VIEW_AUDIT,
            Permission.EXPORT_AUDIT, Permission.DELETE_DATA, Permission.MANAGE_MODELS,
            Permission.RUN_DIAGNOSTICS, Permission.LEAVE_KIOSK} <= covered
