"""The one place a service asks "may this actor do this?"; refusals are audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.auth.identity import Actor
from app.auth.permissions import MINIMUM_ROLE, Permission, check
from app.errors import PermissionDenied

if TYPE_CHECKING:
    from app.audit.trail import AuditTrail


class Guard:
    def __init__(self, audit: AuditTrail) -> None:
        self._audit = audit

    def require(self, actor: Actor, permission: Permission, object: str = "") -> None:  # noqa: A002
        """Return quietly when allowed; otherwise audit the refusal and raise PermissionDenied."""
        try:
            check(actor, permission)
        except PermissionDenied:
            self._audit.record(
                actor,
                "security",
                "permission_denied",
                object,
                "denied",
                {"permission": permission.value, "needed": MINIMUM_ROLE[permission].value},
            )
            raise
