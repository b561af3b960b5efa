"""Errors a person may see. Each message says what happened and what to do about it."""

from __future__ import annotations


class EdgeDeckError(Exception):
    """Base of every error meant to be shown to a person (CLI one-liner, GUI message box)."""

    exit_code = 1


class StoreError(EdgeDeckError):
    """The database cannot be used as it is; it was left untouched."""

    exit_code = 3


class SchemaTooNewError(StoreError):
    """The database was written by a newer EdgeDeck; opening it here could damage it."""


class AuthenticationError(EdgeDeckError):
    """Wrong user name or password (deliberately not saying which)."""

    exit_code = 4


class PermissionDenied(EdgeDeckError):
    """The signed-in role may not do this."""

    exit_code = 5

    def __init__(self, user: str, role: str, permission: str, needed: str) -> None:
        self.user = user
        self.role = role
        self.permission = permission
        self.needed = needed
        super().__init__(
            f"Permission denied: '{user}' ({role}) may not {permission.replace('_', ' ')}; "
            f"this needs the {needed} role."
        )


class ValidationError(EdgeDeckError):
    """Input a person typed or a file they gave does not make sense; nothing was changed."""

    exit_code = 2


class SetupError(EdgeDeckError):
    """First-run setup cannot proceed (already done, or the preseed is unusable)."""

    exit_code = 2
