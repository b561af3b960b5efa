"""First-run setup, sign-in and the role checks every service relies on."""

from __future__ import annotations

import pytest

from app.auth.identity import Actor
from app.auth.permissions import MINIMUM_ROLE, Permission, Role, allows, check
from app.errors import AuthenticationError, PermissionDenied, SetupError, ValidationError
from tests.conftest import ADMIN, OPERATOR, TECH


def _last(ctx):
    return ctx.audit_trail.head()


def test_first_run_needs_setup_and_creates_an_admin(ctx):
    assert ctx.users.needs_setup()
    actor = ctx.users.setup_admin("Boss", "boss-password", source="gui")
    assert (actor.username, actor.role) == ("Boss", "admin")
    assert not ctx.users.needs_setup()
    record = _last(ctx)
    assert (record.category, record.action, record.outcome, record.actor) == (
        "auth", "setup", "success", "Boss")
    stored = ctx.store.conn.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("scrypt$") and "boss-password" not in stored


def test_setup_is_refused_once_an_account_exists(ctx, admin):
    with pytest.raises(SetupError, match="already done"):
        ctx.users.setup_admin("second", "another-password")


@pytest.mark.parametrize("name", ["", "a", "-dash", "has space", "x" * 40, "semi;colon"])
def test_bad_user_names_are_refused(ctx, name):
    with pytest.raises(ValidationError, match="not a valid user name"):
        ctx.users.setup_admin(name, "good-password")
    assert ctx.users.needs_setup()


def test_login_success_is_audited(ctx, admin):
    actor = ctx.users.authenticate(*ADMIN, source="cli")
    assert actor.role == "admin" and actor.source == "cli"
    record = _last(ctx)
    assert (record.action, record.outcome, record.source) == ("login", "success", "cli")
    last_login = ctx.store.conn.execute("SELECT last_login_at FROM users").fetchone()[0]
    assert last_login is not None


@pytest.mark.parametrize("username,password,reason", [
    ("admin", "wrong-password", "wrong password"),
    ("nobody", "whatever-pass", "unknown user"),
])
def test_login_failure_says_nothing_specific_and_is_audited(ctx, admin, username, password,
                                                            reason):
    with pytest.raises(AuthenticationError, match="Wrong user name or password"):
        ctx.users.authenticate(username, password)
    record = _last(ctx)
    assert (record.action, record.outcome, record.role) == ("login", "failure", "none")
    assert record.details_dict == {"reason": reason}
    assert "wrong-password" not in record.details and "whatever-pass" not in record.details


def test_failed_logins_are_counted_and_reset(ctx, admin):
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            ctx.users.authenticate("admin", "bad-password")
    count = ctx.store.conn.execute("SELECT failed_logins FROM users").fetchone()[0]
    assert count == 2
    ctx.users.authenticate(*ADMIN)
    assert ctx.store.conn.execute("SELECT failed_logins FROM users").fetchone()[0] == 0


def test_user_names_are_case_insensitive_for_sign_in(ctx, admin):
    assert ctx.users.authenticate("ADMIN", ADMIN[1]).username == "admin"


def test_admin_adds_users_and_duplicates_are_refused(ctx, admin):
    user = ctx.users.add_user(admin, "tech", "tech-password", "technician")
    assert (user.username, user.role, user.created_by) == ("tech", "technician", "admin")
    assert _last(ctx).action == "add"
    with pytest.raises(ValidationError, match="already exists"):
        ctx.users.add_user(admin, "TECH", "tech-password", "operator")
    with pytest.raises(ValidationError, match="Unknown role"):
        ctx.users.add_user(admin, "someone", "some-password", "superuser")


def test_wrong_role_is_refused_with_a_clear_message_and_audited(ctx, tech):
    with pytest.raises(PermissionDenied) as info:
        ctx.users.add_user(tech, "intruder", "intruder-pass", "admin")
    assert "'tech' (technician) may not manage users" in str(info.value)
    assert "admin role" in str(info.value)
    record = _last(ctx)
    assert (record.category, record.action, record.outcome, record.object) == (
        "security", "permission_denied", "denied", "user:intruder")
    names = [u.username for u in ctx.users.list_users(
        ctx.users.authenticate(*ADMIN))]
    assert "intruder" not in names


def test_operator_may_not_list_users(ctx, operator):
    with pytest.raises(PermissionDenied):
        ctx.users.list_users(operator)


def test_count_by_role(ctx, admin, tech, operator):
    assert ctx.users.count_by_role() == {"operator": 1, "technician": 1, "admin": 1}


def test_permission_table_is_monotonic_by_rank():
    for permission, minimum in MINIMUM_ROLE.items():
        for role in Role:
            assert allows(role.value, permission) == (role.rank >= minimum.rank)
    assert not allows("none", Permission.VIEW_STATUS)
    assert not allows("system", Permission.MANAGE_USERS)


def test_check_raises_for_unknown_roles():
    with pytest.raises(PermissionDenied):
        check(Actor("ghost", "none", "cli"), Permission.VIEW_STATUS)


def test_every_permission_has_a_minimum_role():
    assert set(MINIMUM_ROLE) == set(Permission)


def test_disabled_account_cannot_sign_in(ctx, admin):
    ctx.users.add_user(admin, *OPERATOR, "operator")
    ctx.store.conn.execute("UPDATE users SET enabled = 0 WHERE username = 'operator'")
    with pytest.raises(AuthenticationError, match="disabled"):
        ctx.users.authenticate(*OPERATOR)
    assert _last(ctx).details_dict == {"reason": "account disabled"}


def test_tech_fixture_role(tech):
    assert tech.role == "technician" and tech.username == TECH[0]
