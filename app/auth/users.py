"""Accounts: first-run setup, sign-in, and (admin only) adding users."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from app.audit.trail import AuditTrail
from app.auth import passwords
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission, Role
from app.errors import AuthenticationError, SetupError, ValidationError
from app.store import Store

USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$")
WRONG_CREDENTIALS = "Wrong user name or password."


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    enabled: bool
    created_at: str
    created_by: str
    last_login_at: str | None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def validate_username(username: str) -> str:
    name = username.strip()
    if not USERNAME_RE.match(name):
        raise ValidationError(
            f"'{username}' is not a valid user name: use 2-32 letters, digits, '.', '_' or '-',"
            " starting with a letter or digit."
        )
    return name


class UserService:
    def __init__(self, store: Store, audit: AuditTrail, guard: Guard) -> None:
        self._store = store
        self._audit = audit
        self._guard = guard

    # -- first run -------------------------------------------------------------------------

    def needs_setup(self) -> bool:
        return self._store.conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0

    def setup_admin(self, username: str, password: str, source: str = "gui") -> Actor:
        """Create the first administrator; refused once any account exists."""
        name = validate_username(username)
        passwords.validate_new_password(password)
        hashed = passwords.hash_password(password)
        actor = Actor(username=name, role=Role.ADMIN.value, source=source)
        with self._store.transaction(immediate=True) as conn:
            if conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]:
                raise SetupError("Setup was already done: this appliance has accounts. "
                                 "Sign in as an administrator to add users.")
            cur = conn.execute(
                "INSERT INTO users (username, role, password_hash, created_at, created_by)"
                " VALUES (?, ?, ?, ?, ?)",
                [name, Role.ADMIN.value, hashed, _now(), "setup"],
            )
            self._audit.record(actor, "auth", "setup", f"user:{name}", "success",
                               {"role": Role.ADMIN.value})
        return Actor(name, Role.ADMIN.value, source, user_id=cur.lastrowid)

    # -- sign-in ---------------------------------------------------------------------------

    def authenticate(self, username: str, password: str, source: str = "gui") -> Actor:
        """Check the password and return the signed-in actor; every attempt is audited."""
        typed = username.strip()
        row = self._store.conn.execute(
            "SELECT id, username, role, password_hash, enabled FROM users WHERE username = ?",
            [typed],
        ).fetchone()
        if row is None:
            passwords.burn_time_like_a_real_check(password)
            self._login_failed(typed, source, "unknown user")
            raise AuthenticationError(WRONG_CREDENTIALS)
        user_id, name, role, hashed, enabled = row
        if not passwords.verify_password(password, hashed):
            with self._store.transaction(immediate=True) as conn:
                conn.execute("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?",
                             [user_id])
                self._login_failed(name, source, "wrong password")
            raise AuthenticationError(WRONG_CREDENTIALS)
        if not enabled:
            self._login_failed(name, source, "account disabled")
            raise AuthenticationError(f"The account '{name}' is disabled; ask an administrator.")
        actor = Actor(name, role, source, user_id=user_id)
        with self._store.transaction(immediate=True) as conn:
            conn.execute("UPDATE users SET last_login_at = ?, failed_logins = 0 WHERE id = ?",
                         [_now(), user_id])
            self._audit.record(actor, "auth", "login", f"user:{name}", "success")
        return actor

    def _login_failed(self, username: str, source: str, reason: str) -> None:
        self._audit.record(Actor.anonymous(username, source), "auth", "login",
                           f"user:{username}", "failure", {"reason": reason})

    def record_logout(self, actor: Actor) -> None:
        self._audit.record(actor, "auth", "logout", f"user:{actor.username}", "success")

    # -- administration --------------------------------------------------------------------

    def add_user(self, actor: Actor, username: str, password: str, role: str) -> User:
        self._guard.require(actor, Permission.MANAGE_USERS, f"user:{username}")
        name = validate_username(username)
        parsed = Role.parse(role)
        passwords.validate_new_password(password)
        hashed = passwords.hash_password(password)
        try:
            with self._store.transaction(immediate=True) as conn:
                cur = conn.execute(
                    "INSERT INTO users (username, role, password_hash, created_at, created_by)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [name, parsed.value, hashed, _now(), actor.username],
                )
                self._audit.record(actor, "user", "add", f"user:{name}", "success",
                                   {"role": parsed.value})
        except sqlite3.IntegrityError:
            raise ValidationError(f"A user named '{name}' already exists.") from None
        return self._get(int(cur.lastrowid))

    def list_users(self, actor: Actor) -> list[User]:
        self._guard.require(actor, Permission.MANAGE_USERS, "users")
        rows = self._store.conn.execute(
            "SELECT id, username, role, enabled, created_at, created_by, last_login_at"
            " FROM users ORDER BY username"
        )
        return [User(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6]) for r in rows]

    def count_by_role(self) -> dict[str, int]:
        """Not sensitive (no names), so `edgedeck status` shows it without signing in."""
        counts = {role.value: 0 for role in Role}
        for role, n in self._store.conn.execute(
            "SELECT role, COUNT(*) FROM users WHERE enabled GROUP BY role"
        ):
            counts[role] = n
        return counts

    def _get(self, user_id: int) -> User:
        r = self._store.conn.execute(
            "SELECT id, username, role, enabled, created_at, created_by, last_login_at"
            " FROM users WHERE id = ?",
            [user_id],
        ).fetchone()
        return User(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6])
