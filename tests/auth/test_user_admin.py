"""User management, lockout and password changes — each refusal clear, each change audited."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.errors import AuthenticationError, PermissionDenied, ValidationError
from tests.conftest import ADMIN, OPERATOR, TECH


def _head(ctx):
    return ctx.audit_trail.head()


def test_disable_and_enable(ctx, admin, tech):
    ctx.users.set_enabled(admin, "tech", False)
    assert _head(ctx).action == "disable"
    with pytest.raises(AuthenticationError, match="disabled"):
        ctx.users.authenticate(*TECH)
    ctx.users.set_enabled(admin, "tech", True)
    assert ctx.users.authenticate(*TECH).role == "technician"


def test_the_last_admin_can_be_neither_disabled_nor_demoted(ctx, admin):
    with pytest.raises(ValidationError, match="last enabled administrator"):
        ctx.users.set_enabled(admin, "admin", False)
    with pytest.raises(ValidationError, match="last enabled administrator"):
        ctx.users.set_role(admin, "admin", "technician")
    ctx.users.add_user(admin, "second", "second-admin-pw", "admin")
    ctx.users.set_role(admin, "admin", "technician")
    assert _head(ctx).details_dict == {"old": "admin", "new": "technician"}


def test_unknown_user_is_named(ctx, admin):
    with pytest.raises(ValidationError, match="no user named 'ghost'"):
        ctx.users.set_enabled(admin, "ghost", False)


def test_reset_password_by_admin(ctx, admin, tech):
    ctx.users.reset_password(admin, "tech", "brand-new-pass")
    with pytest.raises(AuthenticationError):
        ctx.users.authenticate(*TECH)
    assert ctx.users.authenticate("tech", "brand-new-pass").username == "tech"
    ctx.users.add_user(admin, "longname1", "first-password", "operator")
    with pytest.raises(ValidationError, match="must not be the user name"):
        ctx.users.reset_password(admin, "longname1", "LONGNAME1")
    with pytest.raises(ValidationError, match="cracking list"):
        ctx.users.reset_password(admin, "tech", "password1")


def test_change_own_password_needs_the_current_one(ctx, operator):
    with pytest.raises(AuthenticationError, match="current password is wrong"):
        ctx.users.change_own_password(operator, "not-it-at-all", "new-operator-pw")
    assert _head(ctx).outcome == "failure"
    with pytest.raises(ValidationError, match="differ"):
        ctx.users.change_own_password(operator, OPERATOR[1], OPERATOR[1])
    ctx.users.change_own_password(operator, OPERATOR[1], "new-operator-pw")
    assert ctx.users.authenticate("operator", "new-operator-pw").role == "operator"
    assert _head(ctx).action == "login"


def test_lockout_after_repeated_failures_with_timed_release(ctx, admin, tech):
    threshold, minutes = ctx.users.lockout_policy()
    assert (threshold, minutes) == (5, 5)
    for _ in range(threshold):
        with pytest.raises(AuthenticationError):
            ctx.users.authenticate("tech", "bad-password")
    assert any(r.action == "lockout" for r in ctx.audit_trail.read_page(limit=3))
    with pytest.raises(AuthenticationError, match="locked until"):
        ctx.users.authenticate(*TECH)  # even the right password is refused while locked
    assert _head(ctx).details_dict == {"reason": "account locked"}
    listed = {u.username: u for u in ctx.users.list_users(admin)}
    assert listed["tech"].locked
    past = (datetime.now(timezone.utc) - timedelta(seconds=1)).isoformat(timespec="seconds")
    ctx.store.conn.execute("UPDATE users SET locked_until = ? WHERE username='tech'", [past])
    assert ctx.users.authenticate(*TECH).username == "tech"  # released after the time


def test_admin_enable_lifts_a_lockout(ctx, admin, tech):
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            ctx.users.authenticate("tech", "bad-password")
    ctx.users.set_enabled(admin, "tech", True)
    assert ctx.users.authenticate(*TECH).username == "tech"


def test_lockout_policy_is_admin_only_and_validated(ctx, admin, tech):
    with pytest.raises(PermissionDenied):
        ctx.users.set_lockout_policy(tech, 3, 10)
    with pytest.raises(ValidationError):
        ctx.users.set_lockout_policy(admin, 1, 10)
    ctx.users.set_lockout_policy(admin, 3, 10)
    assert ctx.users.lockout_policy() == (3, 10)


def test_admin_signs_in(ctx, admin):
    assert ctx.users.authenticate(*ADMIN).role == "admin"
