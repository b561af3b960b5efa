"""Roles and the one permission table every service consults (the UI only mirrors it)."""

from __future__ import annotations

import enum

from app.auth.identity import Actor
from app.errors import PermissionDenied, ValidationError
from app.messages import msg


class Role(str, enum.Enum):
    OPERATOR = "operator"
    TECHNICIAN = "technician"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> Role:
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(r.value for r in cls)
            raise ValidationError(msg("Unknown role '{value}': use one of {names}.", value=value,
                                      names=names)) from None


_RANK = {Role.OPERATOR: 1, Role.TECHNICIAN: 2, Role.ADMIN: 3}


class Permission(str, enum.Enum):
    """Each value reads as the end of "may ..." in a refusal message."""

    VIEW_STATUS = "view_status"
    ACKNOWLEDGE_ALARMS = "acknowledge_alarms"
    RUN_PLAYGROUND = "run_playground"
    ASK_KNOWLEDGE = "ask_knowledge"
    MANAGE_MODELS = "manage_models"
    INGEST_DOCUMENTS = "ingest_documents"
    SHELVE_ALARMS = "shelve_alarms"
    RUN_DIAGNOSTICS = "run_diagnostics"
    VIEW_AUDIT = "view_audit"
    EXPORT_AUDIT = "export_audit"
    MANAGE_USERS = "manage_users"
    CHANGE_SETTINGS = "change_settings"
    DELETE_DATA = "delete_data"
    LEAVE_KIOSK = "leave_kiosk_mode"
    MANAGE_KNOWLEDGE = "manage_knowledge"  # embedding models, re-embed, blocked terms
    RUN_SERVICE = "run_inference_service"  # start/stop `serve`, see its access log
    MANAGE_API_KEYS = "manage_api_keys"
    RUN_BATCH_JOBS = "run_batch_jobs"


# The lowest role that holds each permission; higher roles inherit everything below them.
MINIMUM_ROLE: dict[Permission, Role] = {
    Permission.VIEW_STATUS: Role.OPERATOR,
    Permission.ACKNOWLEDGE_ALARMS: Role.OPERATOR,
    Permission.RUN_PLAYGROUND: Role.OPERATOR,
    Permission.ASK_KNOWLEDGE: Role.OPERATOR,
    Permission.MANAGE_MODELS: Role.TECHNICIAN,
    Permission.INGEST_DOCUMENTS: Role.TECHNICIAN,
    Permission.SHELVE_ALARMS: Role.TECHNICIAN,
    Permission.RUN_DIAGNOSTICS: Role.TECHNICIAN,
    Permission.VIEW_AUDIT: Role.TECHNICIAN,
    Permission.EXPORT_AUDIT: Role.ADMIN,
    Permission.MANAGE_USERS: Role.ADMIN,
    Permission.CHANGE_SETTINGS: Role.ADMIN,
    Permission.DELETE_DATA: Role.ADMIN,
    Permission.LEAVE_KIOSK: Role.TECHNICIAN,
    Permission.MANAGE_KNOWLEDGE: Role.ADMIN,
    Permission.RUN_SERVICE: Role.TECHNICIAN,
    Permission.MANAGE_API_KEYS: Role.ADMIN,
    Permission.RUN_BATCH_JOBS: Role.TECHNICIAN,
}


def allows(role: str, permission: Permission) -> bool:
    """True when `role` holds `permission`; unknown roles (e.g. 'none') hold nothing."""
    try:
        held = Role(role)
    except ValueError:
        return False
    return held.rank >= MINIMUM_ROLE[permission].rank


def check(actor: Actor, permission: Permission) -> None:
    """Raise PermissionDenied unless the actor's role holds the permission."""
    if not allows(actor.role, permission):
        raise PermissionDenied(
            actor.username, actor.role, permission.value, MINIMUM_ROLE[permission].value
        )
