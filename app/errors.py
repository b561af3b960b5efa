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
        from app.messages import msg

        super().__init__(msg("Permission denied: '{user}' ({role}) may not {permission}; this "
                             "needs the {needed} role.", user=user, role=role,
                             permission=permission.replace("_", " "), needed=needed))


class ValidationError(EdgeDeckError):
    """Input a person typed or a file they gave does not make sense; nothing was changed."""

    exit_code = 2


class SetupError(EdgeDeckError):
    """First-run setup cannot proceed (already done, or the preseed is unusable)."""

    exit_code = 2


class DiskFullError(EdgeDeckError):
    """The data disk (or the target of a write) has no room left; what was committed is kept.

    Exit code 74 is sysexits' EX_IOERR: scripts can tell "free some space and run again" from
    a bug (70) or bad input (2).
    """

    exit_code = 74

    def __init__(self, path: object, need_bytes: int | None = None, what: str = "") -> None:
        import shutil

        self.path = str(path)
        self.need_bytes = need_bytes
        try:
            free = shutil.disk_usage(self.path).free
        except OSError:
            free = None
        self.free_bytes = free
        from app.messages import msg

        mib = 1024 * 1024
        have = msg("{mib:.1f} MiB free", mib=free / mib) if free is not None else msg(
            "free space unknown")
        need = msg(", need about {mib:.1f} MiB", mib=need_bytes / mib) if need_bytes else ""
        doing = msg(" while {what}", what=what) if what else ""
        super().__init__(msg(
            "The disk holding {path} is full{doing} ({have}{need}). What was saved before is "
            "kept; free some space, then run the same command again to go on.",
            path=self.path, doing=doing, have=have, need=need))


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL or the OS's ENOSPC/EDQUOT, however it was wrapped."""
    import errno
    import sqlite3

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DiskFullError):
            return True
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if isinstance(current, sqlite3.Error) and (
                getattr(current, "sqlite_errorcode", None) == 13  # SQLITE_FULL
                or "database or disk is full" in str(current)):
            return True
        current = current.__cause__ or current.__context__
    return False
