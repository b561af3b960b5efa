"""API keys: admin only, hashed, shown once, scoped, revocable, audited (never the secret)."""

from __future__ import annotations

import hashlib

import pytest

from app.errors import PermissionDenied, ValidationError
from app.models.demo import seed_demo_models


def test_a_key_is_stored_hashed_shown_once_and_audited(ctx, admin):
    key, secret = ctx.api_keys.add(admin, "line3-vision")
    assert secret.startswith(key.prefix + "_") and len(secret) == len(key.prefix) + 1 + 43
    assert key.models is None and key.active and key.created_by == admin.username
    stored = ctx.store.conn.execute("SELECT * FROM api_keys").fetchall()
    assert secret not in str(stored)
    assert hashlib.sha256(secret.encode()).hexdigest() in str(stored)
    assert ctx.api_keys.verify(secret) == key
    assert ctx.api_keys.verify(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert ctx.api_keys.verify("not-a-key") is None
    record = ctx.audit_trail.read_page(limit=1)[0]
    assert (record.category, record.action, record.object) == (
        "serving", "api_key_add", f"api-key:{key.prefix}")
    trail = "\n".join(str(r) for r in ctx.audit_trail.read_page(limit=50))
    assert secret not in trail and secret not in ctx.log_path.read_text()
    listed = ctx.api_keys.list(admin)
    assert [k.prefix for k in listed] == [key.prefix]


def test_scoped_keys_name_existing_models(ctx, admin):
    seed_demo_models(ctx.models, admin)
    key, _ = ctx.api_keys.add(admin, "text", ["DEMO-text-classifier"])
    assert key.models == ["demo-text-classifier"]
    assert key.allows("demo-text-classifier") and not key.allows("demo-inspector")
    with pytest.raises(ValidationError, match="no model named 'typo'"):
        ctx.api_keys.add(admin, "bad", ["typo"])
    with pytest.raises(ValidationError, match="at least one model"):
        ctx.api_keys.add(admin, "empty", [])
    with pytest.raises(ValidationError, match="exists"):
        ctx.api_keys.add(admin, "text")
    with pytest.raises(ValidationError, match="printable"):
        ctx.api_keys.add(admin, "  ")


def test_revoked_keys_stop_verifying_and_stay_listed(ctx, admin):
    key, secret = ctx.api_keys.add(admin, "temp")
    ctx.api_keys.revoke(admin, key.id)
    assert ctx.api_keys.verify(secret) is None
    listed = ctx.api_keys.list(admin)[0]
    assert listed.revoked_at is not None and not listed.active
    record = ctx.audit_trail.read_page(limit=1)[0]
    assert record.action == "api_key_revoke" and record.details and "temp" in record.details
    with pytest.raises(ValidationError, match="already revoked"):
        ctx.api_keys.revoke(admin, key.id)
    with pytest.raises(ValidationError, match="no API key"):
        ctx.api_keys.revoke(admin, 999)
    again, _ = ctx.api_keys.add(admin, "temp")  # the name is free again
    assert again.id != key.id


def test_keys_can_expire(ctx, admin):
    key, secret = ctx.api_keys.add(admin, "contractor", expires_days=7)
    assert key.expires_at is not None and key.state() == "active" and key.active
    assert key.created_at < key.expires_at
    assert ctx.api_keys.verify(secret) == key
    record = ctx.audit_trail.read_page(limit=1)[0]
    assert record.details and key.expires_at in record.details
    assert key.expired(key.expires_at) and not key.expired(key.created_at)
    with ctx.store.transaction() as conn:  # a week later
        conn.execute("UPDATE api_keys SET expires_at = ? WHERE id = ?",
                     ["2020-01-01T00:00:00.000Z", key.id])
    assert ctx.api_keys.verify(secret) is None
    stale = ctx.api_keys.identify(secret)
    assert stale is not None and stale.state() == "expired" and not stale.active
    again, _ = ctx.api_keys.add(admin, "contractor")  # an expired key frees its name
    assert again.expires_at is None and again.state() == "active"
    ctx.api_keys.revoke(admin, stale.id)  # revoking an expired key is allowed and wins
    assert ctx.api_keys.get(stale.id).state() == "revoked"


def test_expiry_text_has_the_shape_of_the_clock_it_is_compared_with():
    from datetime import datetime, timedelta, timezone

    from app.clock import utc_now
    from app.serving.keys import expiry_after

    tokyo = timezone(timedelta(hours=9))
    at = datetime(2026, 11, 22, 18, 30, 0, 250000, tzinfo=tokyo)
    assert expiry_after(3, at) == "2026-11-25T09:30:00.250Z"
    now = utc_now("milliseconds")
    assert len(expiry_after(1)) == len(now) and expiry_after(1) > now


@pytest.mark.parametrize("days", [0, -1, 3651, 1.5, True, "7"])
def test_expiry_must_be_whole_days_within_ten_years(ctx, admin, days):
    with pytest.raises(ValidationError, match="1-3650 whole days"):
        ctx.api_keys.add(admin, "odd", expires_days=days)
    assert ctx.api_keys.list(admin) == []


@pytest.mark.parametrize("who", ["tech", "operator"])
def test_only_admins_manage_keys(ctx, admin, request, who):
    actor = request.getfixturevalue(who)
    key, _ = ctx.api_keys.add(admin, "k")
    for call in (lambda: ctx.api_keys.add(actor, "x"), lambda: ctx.api_keys.list(actor),
                 lambda: ctx.api_keys.revoke(actor, key.id)):
        with pytest.raises(PermissionDenied):
            call()
    assert ctx.audit_trail.read_page(limit=1)[0].action == "permission_denied"
    assert ctx.api_keys.list(admin)[0].active
