"""Issue #6 as a person meets it: users page, audit filters and export, idle lock."""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.conftest import ADMIN, TECH


def _ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_users_page_is_for_admins_only(make_window, admin, tech, operator):
    assert "Users" in [p.title for p in make_window(admin).pages]
    for actor in (tech, operator):
        assert "Users" not in [p.title for p in make_window(actor).pages]


def test_admin_creates_a_technician_who_is_refused_an_admin_action(qtbot, make_window, admin,
                                                                    ctx):
    window = make_window(admin)
    page = window.page("Users")
    dialog = page.add_user()
    dialog.username.setText("field-tech")
    dialog.role.setCurrentIndex(dialog.role.findData("technician"))
    dialog.password.setText("field-tech-pass")
    dialog.repeat.setText("field-tech-pass")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _ok(qtbot, dialog)
    assert "field-tech" in [u.username for u in page.users]
    tech = ctx.users.authenticate("field-tech", "field-tech-pass")
    tech_window = make_window(tech)
    audit = tech_window.page("Audit")
    assert audit.export_button.isHidden() and audit.archive_button.isHidden()
    try:  # the UI hides it; the service refuses it anyway, and records the refusal
        ctx.audit.export(tech, "jsonl", ctx.data_dir / "x.jsonl")
    except Exception as exc:  # noqa: BLE001
        assert "may not export audit" in str(exc)
    head = ctx.audit_trail.head()
    assert (head.actor, head.action, head.outcome) == ("field-tech", "permission_denied",
                                                       "denied")


def test_disable_reset_and_role_from_the_users_page(qtbot, make_window, admin, tech, ctx):
    page = make_window(admin).page("Users")
    page.select("tech")
    assert page.toggle_button.text() == "Disable"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert not {u.username: u for u in page.users}["tech"].enabled
    page.select("tech")
    assert page.toggle_button.text() == "Enable"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    page.select("tech")
    page.change_role("operator")
    assert {u.username: u.role for u in page.users}["tech"] == "operator"
    page.select("tech")
    dialog = page.reset_password()
    dialog.password.setText("reset-by-admin")
    dialog.repeat.setText("reset-by-admin")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _ok(qtbot, dialog)
    assert ctx.users.authenticate("tech", "reset-by-admin").role == "operator"


def test_refusal_is_shown_not_swallowed(qtbot, make_window, admin, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    page = make_window(admin).page("Users")
    page.select("admin")
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert shown and "last enabled administrator" in shown[0]


def test_audit_filters_narrow_the_table(qtbot, make_window, admin, ctx):
    for i in range(30):
        ctx.audit_trail.record(admin, "model", "activate", f"model:m{i}",
                               "failure" if i % 3 else "success")
    page = make_window(admin).page("Audit")
    page.outcome_filter.setCurrentIndex(page.outcome_filter.findData("success"))
    page.category_filter.setCurrentIndex(page.category_filter.findData("model"))
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 10
    assert all(r.outcome == "success" and r.category == "model" for r in page.model.records)
    assert "10 matching records" in page.summary.text()
    page.text_filter.setText("m12")
    page.apply_filters()
    assert [r.object for r in page.model.records] == ["model:m12"]
    page.since.setText("yesterday-ish")
    page.apply_filters()
    assert "not a date/time" in page.filter_error.text() and page.filter_error.isVisibleTo(page)
    page.clear_filters()
    assert page.model.rowCount() == min(200, ctx.audit_trail.count())


def test_export_from_the_audit_page_writes_and_audits(qtbot, make_window, admin, ctx, tmp_path):
    page = make_window(admin).page("Audit")
    out = tmp_path / "trail.jsonl"
    page.export(str(out), "jsonl")
    qtbot.waitUntil(lambda: "Exported" in page.verdict.text(), timeout=10000)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["type"] == "edgedeck.audit.export" and lines[0]["verified_ok"] is True
    assert ctx.audit_trail.head().action == "export"
    assert "Storage:" in page.storage.text()


def test_archive_from_the_audit_page(qtbot, make_window, admin, ctx):
    for i in range(40):
        ctx.audit_trail.record(admin, "test", "fill", str(i))
    page = make_window(admin).page("Audit")
    page.archive(20)
    qtbot.waitUntil(lambda: "Sealed" in page.verdict.text(), timeout=10000)
    assert ctx.audit_trail.archived_upto() == 20
    assert (ctx.data_dir / "audit-archive").is_dir()


def test_idle_lock_hides_the_console_and_unlocks_with_the_password(qtbot, make_window, admin,
                                                                   ctx):
    window = make_window(admin)
    assert window.idle_timer.isActive() and window.idle_minutes == 10
    window.idle_timer.stop()
    click = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(5, 5), QPointF(5, 5),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.nav.viewport(), click)
    assert window.idle_timer.isActive()  # activity restarts the countdown
    dialog = window.lock()
    assert window.locked and not window.stack.isVisible() and not window.nav.isVisible()
    assert not window.alarm_banner.ack_button.isEnabled()
    assert ctx.audit_trail.head().action == "lock"
    dialog.password.setText("wrong-password-x")
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "Wrong user name" in dialog.error.text(), timeout=5000)
    dialog.password.setText(ADMIN[1])
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _ok(qtbot, dialog)
    assert window.stack.isVisible() and not window.locked


def test_cancelling_the_lock_signs_out(qtbot, make_window, admin, ctx):
    window = make_window(admin)
    dialog = window.lock()
    with qtbot.waitSignal(window.signed_out, timeout=5000):
        dialog.reject()
    assert ctx.audit_trail.head().action == "logout"


def test_change_own_password_dialog(qtbot, make_window, tech, ctx):
    window = make_window(tech)
    dialog = window.change_password()
    dialog.current.setText(TECH[1])
    dialog.password.setText("tech-new-password")
    dialog.repeat.setText("tech-new-password-typo")
    _ok(qtbot, dialog)
    assert "differ" in dialog.error.text()
    dialog.repeat.setText("tech-new-password")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _ok(qtbot, dialog)
    assert ctx.users.authenticate("tech", "tech-new-password").username == "tech"


def test_security_settings_admin_saves_technician_cannot(qtbot, make_window, admin, tech, ctx):
    settings = make_window(admin).page("Settings")
    settings.idle_minutes.setValue(3)
    settings.lockout_threshold.setValue(4)
    assert settings.save_security_settings()
    assert ctx.settings.get("idle_lock_minutes") == 3 and ctx.users.lockout_policy()[0] == 4
    tech_settings = make_window(tech).page("Settings")
    assert not tech_settings.idle_minutes.isEnabled() and tech_settings.save_security.isHidden()
