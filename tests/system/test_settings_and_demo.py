from __future__ import annotations

import logging

import pytest

from app.errors import AuthenticationError, PermissionDenied, ValidationError
from app.logging_setup import RedactSecrets
from app.system.demo import DEMO_ACCOUNTS, seed_demo
from app.system.status import status_report


def test_admin_renames_the_appliance_and_it_is_audited(ctx, admin):
    ctx.settings.set_device_name(admin, "  Line 3 box ")
    assert ctx.settings.device_name == "Line 3 box"
    head = ctx.audit_trail.head()
    assert (head.category, head.action, head.object) == ("settings", "change",
                                                         "setting:device_name")
    assert head.details_dict["new"] == "Line 3 box"


@pytest.mark.parametrize("name", ["", "   ", "x" * 65, "tab\tname"])
def test_bad_device_names_change_nothing(ctx, admin, name):
    before = ctx.settings.device_name
    with pytest.raises(ValidationError):
        ctx.settings.set_device_name(admin, name)
    assert ctx.settings.device_name == before


def test_technician_may_not_change_settings(ctx, tech):
    with pytest.raises(PermissionDenied):
        ctx.settings.set_device_name(tech, "mine now")
    with pytest.raises(PermissionDenied):
        ctx.settings.set(tech, "sampling_interval_s", 2)
    assert ctx.audit_trail.head().outcome == "denied"


def test_generic_settings_round_trip(ctx, admin):
    assert ctx.settings.get("sampling_interval_s") == 1.0  # the documented default
    ctx.settings.set(admin, "sampling_interval_s", "2.5")
    assert ctx.settings.get("sampling_interval_s") == 2.5


@pytest.mark.parametrize("key,value,message", [
    ("no_such_setting", 1, "is not a setting"),
    ("idle_lock_minutes", "soon", "must be a number"),
    ("idle_lock_minutes", 100000, "between 0 and 240"),
    ("sampling_interval_s", 0.1, "between 0.5 and 10"),
])
def test_bad_settings_are_refused_and_change_nothing(ctx, admin, key, value, message):
    with pytest.raises(ValidationError, match=message):
        ctx.settings.set(admin, key, value)
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0


def test_demo_seeding_creates_one_account_per_role_once(ctx):
    assert seed_demo(ctx) is True
    assert ctx.users.count_by_role() == {"operator": 1, "technician": 1, "admin": 1}
    for name, password, role in DEMO_ACCOUNTS:
        assert ctx.users.authenticate(name, password).role == role
    assert seed_demo(ctx) is False


def test_status_report_shape(ctx, admin):
    report = status_report(ctx)
    assert report["setup_done"] and report["audit"]["records"] >= 1
    assert report["database"]["journal_mode"] == "wal"


def test_log_file_never_receives_a_password(ctx, admin):
    from tests.conftest import ADMIN

    ctx.users.authenticate(*ADMIN)
    with pytest.raises(AuthenticationError):
        ctx.users.authenticate("admin", "not-the-password")
    logging.getLogger("test").info("user typed password=hunter2-secret by mistake")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = ctx.log_path.read_text(encoding="utf-8")
    assert ADMIN[1] not in text and "not-the-password" not in text
    assert "hunter2-secret" not in text and "password=***" in text


def test_redaction_filter_handles_args():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "api_key: %s", ("abc123",),
                               None)
    RedactSecrets().filter(record)
    assert "abc123" not in record.getMessage()
