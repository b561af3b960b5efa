"""Sign-in under attack: parallel guesses, passwords typed into the name field, a full disk."""

from __future__ import annotations

import threading

import pytest

from app.auth.identity import Actor
from app.auth.users import UNKNOWN_USER_PREFIX
from app.errors import AuthenticationError, DiskFullError
from tests.conftest import ADMIN

SECRET = "Tr0ub4dor&3-in-the-wrong-field"


def _failed(ctx) -> int:
    return ctx.store.conn.execute("SELECT failed_logins FROM users WHERE username = 'admin'"
                                  ).fetchone()[0]


def test_parallel_wrong_passwords_each_count(ctx, admin):
    ctx.users.set_lockout_policy(admin, 20, 5)
    barrier = threading.Barrier(10)
    errors = []

    def attempt():
        barrier.wait()
        try:
            ctx.users.authenticate("admin", "not-the-password")
        except AuthenticationError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 10 and _failed(ctx) == 10


def test_parallel_failures_lock_the_account_at_the_threshold(ctx, admin):
    barrier = threading.Barrier(8)

    def attempt():
        barrier.wait()
        try:
            ctx.users.authenticate("admin", "not-the-password")
        except AuthenticationError:
            pass

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    locks = [r for r in ctx.audit_trail.iter_records() if r.action == "lockout"]
    assert len(locks) == 1  # one lock, however the attempts interleaved
    with pytest.raises(AuthenticationError, match="locked"):
        ctx.users.authenticate(*ADMIN)


def test_a_correct_password_cannot_clear_a_lock_set_while_it_was_checked(ctx, admin,
                                                                         monkeypatch):
    from app.auth import passwords

    real = passwords.verify_password

    def slow_verify(password, hashed):
        ok = real(password, hashed)
        ctx.store.conn.execute(  # meanwhile, other attempts locked the account
            "UPDATE users SET locked_until = '2999-01-01T00:00:00+00:00' WHERE username = "
            "'admin'")
        return ok

    monkeypatch.setattr(passwords, "verify_password", slow_verify)
    with pytest.raises(AuthenticationError, match="locked"):
        ctx.users.authenticate(*ADMIN)
    assert ctx.store.conn.execute("SELECT locked_until FROM users WHERE username = 'admin'"
                                  ).fetchone()[0].startswith("2999")


def test_a_password_typed_as_the_user_name_never_reaches_the_trail(ctx, admin):
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            ctx.users.authenticate(SECRET, "anything")
    with pytest.raises(AuthenticationError):
        ctx.users.authenticate("admin", "wrong-password")
    records = list(ctx.audit_trail.iter_records())
    unknown = [r for r in records if r.role == "none" and r.actor != "admin"]
    assert len(unknown) == 2 and unknown[0].actor == unknown[1].actor  # the same typo twice
    assert unknown[0].actor.startswith(UNKNOWN_USER_PREFIX)
    assert unknown[0].object == f"user:{unknown[0].actor}"
    known = [r for r in records if r.role == "none" and r.actor == "admin"]
    assert known and known[0].object == "user:admin"  # a real account stays readable
    dump = "\n".join(ctx.store.conn.iterdump())
    assert SECRET not in dump and SECRET[:12] not in dump
    log = (ctx.data_dir / "logs" / "edgedeck.log")
    assert not log.exists() or SECRET not in log.read_text(encoding="utf-8", errors="replace")


def test_a_full_disk_at_sign_in_is_said_plainly(ctx, admin):
    """SQLite's own limit stands in for a full disk: the same SQLITE_FULL error."""
    conn = ctx.store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    system = Actor.system("test")
    for size in (2000, 200, 20, 0):  # use up the free pages, then the room left in them
        with pytest.raises(DiskFullError):
            for _ in range(100_000):
                ctx.audit_trail.record(system, "test", "fill", "", "success",
                                       {"pad": "x" * size})
    with pytest.raises(DiskFullError) as caught:
        ctx.users.authenticate(*ADMIN)
    assert caught.value.exit_code == 74 and "full" in str(caught.value)
    assert "MiB free" in str(caught.value)
    conn.execute(f"PRAGMA max_page_count = {pages * 100}")  # space is back
    assert ctx.users.authenticate(*ADMIN).role == "admin"
    assert ctx.audit_trail.verify().ok
