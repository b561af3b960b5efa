"""Accounts: first-run setup, sign-in, and (admin only) adding users."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from app.audit.trail import AuditTrail
from app.auth import passwords
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission, Role
from app.config.settings import Settings
from app.errors import AuthenticationError, SetupError, ValidationError
from app.messages import msg
from app.store import Store

DEFAULT_LOCKOUT_THRESHOLD = 5
DEFAULT_LOCKOUT_MINUTES = 5
USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$")
WRONG_CREDENTIALS = "Wrong user name or password."
# Failed sign-ins under a name no account has are recorded as this prefix + a pseudonym.
UNKNOWN_USER_PREFIX = "unknown#"


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    enabled: bool
    created_at: str
    created_by: str
    last_login_at: str | None
    locked_until: str | None = None

    @property
    def locked(self) -> bool:
        return bool(self.locked_until) and datetime.fromisoformat(
            self.locked_until) > datetime.now(timezone.utc)


_USER_COLUMNS = ("id, username, role, enabled, created_at, created_by, last_login_at,"
                 " locked_until")


def _user(row: tuple) -> User:
    return User(row[0], row[1], row[2], bool(row[3]), row[4], row[5], row[6], row[7])


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _still_locked(locked_until: str | None) -> bool:
    return bool(locked_until) and datetime.fromisoformat(str(locked_until)) > datetime.now(
        timezone.utc)


def _locked_error(name: str, locked_until: str) -> AuthenticationError:
    return AuthenticationError(
        f"Too many failed sign-ins: the account '{name}' is locked until "
        f"{locked_until[11:16]} UTC. Try again then, or ask an administrator.")


def validate_username(username: str) -> str:
    name = username.strip()
    if not USERNAME_RE.match(name):
        raise ValidationError(
            msg("'{username}' is not a valid user name: use 2-32 letters, digits, '.', '_' or "
                "'-', starting with a letter or digit.", username=username)
        )
    return name


class UserService:
    def __init__(self, store: Store, audit: AuditTrail, guard: Guard) -> None:
        self._store = store
        self._audit = audit
        self._guard = guard
        self._settings = Settings(store)

    # -- first run -------------------------------------------------------------------------

    def needs_setup(self) -> bool:
        return self._store.conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0

    def setup_admin(self, username: str, password: str, source: str = "gui") -> Actor:
        """Create the first administrator; refused once any account exists."""
        name = validate_username(username)
        self._validate_for(name, password)
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
        """Check the password and return the signed-in actor; every attempt is audited.

        The counter, the lock and the success are each decided inside one write transaction
        that reads the account afresh, so parallel attempts count one by one and a sign-in
        cannot slip past a lock another attempt just set.
        """
        typed = username.strip()
        row = self._store.conn.execute(
            "SELECT id, username, role, password_hash, locked_until FROM users"
            " WHERE username = ?", [typed]).fetchone()
        if row is None:
            passwords.burn_time_like_a_real_check(password)
            self._login_failed_unknown(typed, source)
            raise AuthenticationError(WRONG_CREDENTIALS)
        user_id, name, role, hashed, locked_until = row
        if _still_locked(locked_until):
            passwords.burn_time_like_a_real_check(password)
            self._login_failed(name, source, "account locked")
            raise _locked_error(name, locked_until)
        if not passwords.verify_password(password, hashed):
            self._count_failure(user_id, name, source)
            raise AuthenticationError(WRONG_CREDENTIALS)
        actor = Actor(name, role, source, user_id=user_id)
        refusal: AuthenticationError | None = None
        with self._store.transaction(immediate=True) as conn:
            enabled, locked_until = conn.execute(
                "SELECT enabled, locked_until FROM users WHERE id = ?", [user_id]).fetchone()
            if _still_locked(locked_until):
                refusal = _locked_error(name, locked_until)
                self._login_failed(name, source, "account locked")
            elif not enabled:
                refusal = AuthenticationError(f"The account '{name}' is disabled; ask an "
                                              "administrator.")
                self._login_failed(name, source, "account disabled")
            else:
                conn.execute("UPDATE users SET last_login_at = ?, failed_logins = 0,"
                             " locked_until = NULL WHERE id = ?", [_now(), user_id])
                self._audit.record(actor, "auth", "login", f"user:{name}", "success")
        if refusal is not None:
            raise refusal
        return actor

    def _count_failure(self, user_id: int, name: str, source: str) -> None:
        """Read, check and increment in one write transaction: N parallel failures count N."""
        threshold, minutes = self.lockout_policy()
        with self._store.transaction(immediate=True) as conn:
            failed, locked_until = conn.execute(
                "SELECT failed_logins, locked_until FROM users WHERE id = ?", [user_id]
            ).fetchone()
            locked = _still_locked(locked_until)
            if locked_until and not locked:  # a served lock starts afresh
                failed, locked_until = 0, None
            failed = int(failed or 0) + 1
            lock = locked_until
            if not locked and failed >= threshold:
                lock = (datetime.now(timezone.utc) + timedelta(minutes=minutes)).isoformat(
                    timespec="seconds")
            conn.execute("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
                         [failed, lock, user_id])
            self._login_failed(name, source, "wrong password")
            if lock and lock != locked_until:
                self._audit.record(Actor.system(source), "auth", "lockout", f"user:{name}",
                                   "success", {"failed_logins": failed, "until": lock})

    def _login_failed(self, username: str, source: str, reason: str) -> None:
        self._audit.record(Actor.anonymous(username, source), "auth", "login",
                           f"user:{username}", "failure", {"reason": reason})

    def _login_failed_unknown(self, typed: str, source: str) -> None:
        """A name no account has is often a password typed one field too early: the trail
        keeps a keyed pseudonym (the same typo gives the same value on this box, so repeated
        attempts still show), never the text or its length."""
        label = f"{UNKNOWN_USER_PREFIX}{self._pseudonym(typed)}"
        self._audit.record(Actor.anonymous(label, source), "auth", "login", f"user:{label}",
                           "failure", {"reason": "unknown user"})

    def _pseudonym(self, text: str) -> str:
        key = self._audit.key
        if key is not None:
            return key.pseudonym(text)
        data = text.encode("utf-8", "surrogatepass")
        return hashlib.sha256(b"edgedeck-pseudonym:unkeyed\0" + data).hexdigest()[:12]

    def unlock_kiosk(self, username: str, password: str, source: str = "gui") -> Actor:
        """Leaving the operator kiosk: a technician or admin signs in; refusals are audited."""
        actor = self.authenticate(username, password, source)
        self._guard.require(actor, Permission.LEAVE_KIOSK, "kiosk")
        self._audit.record(actor, "auth", "kiosk_exit", "kiosk", "success")
        return actor

    def record_kiosk(self, actor: Actor) -> None:
        self._audit.record(actor, "auth", "kiosk_enter", "kiosk", "success")

    def record_lock(self, actor: Actor, idle_minutes: int) -> None:
        self._audit.record(actor, "auth", "lock", f"user:{actor.username}", "success",
                           {"reason": "idle", "minutes": idle_minutes})

    def record_logout(self, actor: Actor) -> None:
        self._audit.record(actor, "auth", "logout", f"user:{actor.username}", "success")

    # -- administration --------------------------------------------------------------------

    def add_user(self, actor: Actor, username: str, password: str, role: str) -> User:
        self._guard.require(actor, Permission.MANAGE_USERS, f"user:{username}")
        name = validate_username(username)
        parsed = Role.parse(role)
        self._validate_for(name, password)
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
            raise ValidationError(msg("A user named '{name}' already exists.", name=name)) from None
        return self._get(int(cur.lastrowid))

    def list_users(self, actor: Actor) -> list[User]:
        self._guard.require(actor, Permission.MANAGE_USERS, "users")
        rows = self._store.conn.execute(f"SELECT {_USER_COLUMNS} FROM users ORDER BY username")
        return [_user(r) for r in rows]

    def count_by_role(self) -> dict[str, int]:
        """Not sensitive (no names), so `edgedeck status` shows it without signing in."""
        counts = {role.value: 0 for role in Role}
        for role, n in self._store.conn.execute(
            "SELECT role, COUNT(*) FROM users WHERE enabled GROUP BY role"
        ):
            counts[role] = n
        return counts

    def _get(self, user_id: int) -> User:
        r = self._store.conn.execute(f"SELECT {_USER_COLUMNS} FROM users WHERE id = ?",
                                     [user_id]).fetchone()
        return _user(r)

    def _find(self, username: str) -> User:
        r = self._store.conn.execute(f"SELECT {_USER_COLUMNS} FROM users WHERE username = ?",
                                     [username.strip()]).fetchone()
        if r is None:
            raise ValidationError(msg("There is no user named '{username}'.", username=username))
        return _user(r)

    def lockout_policy(self) -> tuple[int, int]:
        """(failed attempts before a lock, minutes the lock lasts), admin-configurable."""
        values = self._settings.values(("lockout_threshold", "lockout_minutes"))
        return (int(values.get("lockout_threshold", DEFAULT_LOCKOUT_THRESHOLD)),
                int(values.get("lockout_minutes", DEFAULT_LOCKOUT_MINUTES)))

    def _enabled_admins(self, conn: sqlite3.Connection) -> int:
        return conn.execute("SELECT COUNT(*) FROM users WHERE role = 'admin' AND enabled"
                            ).fetchone()[0]

    def set_enabled(self, actor: Actor, username: str, enabled: bool) -> User:
        """Disable or re-enable an account; enabling also lifts a lockout."""
        self._guard.require(actor, Permission.MANAGE_USERS, f"user:{username}")
        user = self._find(username)
        with self._store.transaction(immediate=True) as conn:
            if not enabled and user.role == "admin" and user.enabled and (
                    self._enabled_admins(conn) <= 1):
                raise ValidationError("The last enabled administrator cannot be disabled.")
            conn.execute("UPDATE users SET enabled = ?, failed_logins = 0, locked_until = NULL"
                         " WHERE id = ?", [int(enabled), user.id])
            self._audit.record(actor, "user", "enable" if enabled else "disable",
                               f"user:{user.username}", "success")
        return self._get(user.id)

    def set_role(self, actor: Actor, username: str, role: str) -> User:
        self._guard.require(actor, Permission.MANAGE_USERS, f"user:{username}")
        user = self._find(username)
        new_role = Role.parse(role)
        if new_role.value == user.role:
            return user
        with self._store.transaction(immediate=True) as conn:
            if user.role == "admin" and user.enabled and self._enabled_admins(conn) <= 1:
                raise ValidationError("The last enabled administrator cannot lose the admin "
                                      "role; make another user admin first.")
            conn.execute("UPDATE users SET role = ? WHERE id = ?", [new_role.value, user.id])
            self._audit.record(actor, "user", "change_role", f"user:{user.username}",
                               "success", {"old": user.role, "new": new_role.value})
        return self._get(user.id)

    def reset_password(self, actor: Actor, username: str, new_password: str) -> None:
        """An administrator sets someone's password (e.g. forgotten); lifts any lockout."""
        self._guard.require(actor, Permission.MANAGE_USERS, f"user:{username}")
        user = self._find(username)
        self._validate_for(user.username, new_password)
        hashed = passwords.hash_password(new_password)
        with self._store.transaction(immediate=True) as conn:
            conn.execute("UPDATE users SET password_hash = ?, password_changed_at = ?,"
                         " failed_logins = 0, locked_until = NULL WHERE id = ?",
                         [hashed, _now(), user.id])
            self._audit.record(actor, "user", "reset_password", f"user:{user.username}")

    def change_own_password(self, actor: Actor, old_password: str, new_password: str) -> None:
        """Anyone signed in may change their own password, proving the old one first."""
        row = self._store.conn.execute("SELECT id, password_hash FROM users WHERE username = ?",
                                       [actor.username]).fetchone()
        if row is None or not passwords.verify_password(old_password, row[1]):
            self._audit.record(actor, "user", "change_password", f"user:{actor.username}",
                               "failure", {"reason": "current password wrong"})
            raise AuthenticationError("The current password is wrong; nothing was changed.")
        self._validate_for(actor.username, new_password)
        if new_password == old_password:
            raise ValidationError("The new password must differ from the current one.")
        hashed = passwords.hash_password(new_password)
        with self._store.transaction(immediate=True) as conn:
            conn.execute("UPDATE users SET password_hash = ?, password_changed_at = ?"
                         " WHERE id = ?", [hashed, _now(), row[0]])
            self._audit.record(actor, "user", "change_password", f"user:{actor.username}")

    def set_lockout_policy(self, actor: Actor, threshold: int, minutes: int) -> None:
        self._guard.require(actor, Permission.CHANGE_SETTINGS, "setting:lockout")
        if not (3 <= threshold <= 20 and 1 <= minutes <= 24 * 60):
            raise ValidationError("Lockout: 3-20 failed attempts and 1-1440 minutes.")
        with self._store.transaction(immediate=True):
            for key, value in (("lockout_threshold", threshold), ("lockout_minutes", minutes)):
                self._settings.put(key, value, actor.username)
            self._audit.record(actor, "settings", "change", "setting:lockout", "success",
                               {"threshold": threshold, "minutes": minutes})

    @staticmethod
    def _validate_for(username: str, password: str) -> None:
        passwords.validate_new_password(password)
        if password.lower() == username.lower():
            raise ValidationError("The password must not be the user name.")
