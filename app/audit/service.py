"""Role-checked access to the trail for people (the GUI's Audit page, the CLI)."""

from __future__ import annotations

from collections.abc import Callable

from app.audit.trail import AuditRecord, AuditTrail, VerifyResult
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission


class AuditService:
    def __init__(self, trail: AuditTrail, guard: Guard) -> None:
        self.trail = trail
        self._guard = guard

    def page(
        self, actor: Actor, before_seq: int | None = None, limit: int = 200
    ) -> list[AuditRecord]:
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        return self.trail.read_page(before_seq, limit)

    def verify(
        self,
        actor: Actor,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> VerifyResult:
        """Verify the whole chain and record who did it and what they found."""
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        result = self.trail.verify(progress, cancelled)
        if not result.cancelled:
            self.trail.record(
                actor,
                "audit",
                "verify",
                "audit_log",
                "success" if result.ok else "failure",
                {
                    "checked": result.checked,
                    "head_seq": result.head_seq,
                    "first_bad_seq": result.first_bad_seq,
                    "reason": result.reason,
                },
            )
        return result
