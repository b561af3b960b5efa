"""First-run setup, sign-in and start-up as a person meets them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.ui.app import SessionController, run_gui
from app.ui.dialogs.login_dialog import LoginDialog
from app.ui.dialogs.setup_dialog import SetupDialog
from tests.conftest import ADMIN


def _click_ok(qtbot, dialog):
    from PySide6.QtWidgets import QDialogButtonBox

    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_setup_dialog_creates_the_admin(qtbot, ctx):
    dialog = SetupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.username.setText("chief")
    dialog.password.setText("chief-password")
    dialog.repeat.setText("chief-password")
    dialog.device_name.setText("Inspection cell 2")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _click_ok(qtbot, dialog)
    assert dialog.actor.username == "chief" and dialog.actor.role == "admin"
    assert ctx.settings.device_name == "Inspection cell 2"
    assert not ctx.users.needs_setup()


def test_setup_dialog_explains_bad_input_and_creates_nothing(qtbot, ctx):
    dialog = SetupDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.password.setText("chief-password")
    dialog.repeat.setText("chief-passwort")
    _click_ok(qtbot, dialog)
    assert "differ" in dialog.error.text()
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    _click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "at least 8" in dialog.error.text(), timeout=5000)
    assert ctx.users.needs_setup() and dialog.result() == 0


def test_login_dialog_refuses_then_accepts(qtbot, ctx, admin):
    dialog = LoginDialog(ctx.users, hint="Demo accounts: …", device_name="box")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.username.setText("admin")
    dialog.password.setText("nope-nope")
    _click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "Wrong user name or password" in dialog.error.text(),
                    timeout=5000)
    assert dialog.password.text() == "" and dialog.buttons.isEnabled()
    assert ctx.audit_trail.head().outcome == "failure"
    dialog.password.setText(ADMIN[1])
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor.role == "admin"


def test_login_dialog_asks_for_both_fields(qtbot, ctx, admin):
    dialog = LoginDialog(ctx.users)
    qtbot.addWidget(dialog)
    _click_ok(qtbot, dialog)
    assert "Enter your user name and password" in dialog.error.text()


def test_session_controller_runs_setup_then_main_window(qtbot, ctx, bridge):
    controller = SessionController(ctx, bridge)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, SetupDialog)
    qtbot.addWidget(dialog)
    dialog.password.setText("first-password")
    dialog.repeat.setText("first-password")
    qtbot.waitUntil(lambda: dialog.isVisible())
    _click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5000)
    window = controller.window  # owned (and deleted on sign-out) by the controller
    assert window.actor.role == "admin"
    window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=5000)
    qtbot.addWidget(controller.dialog)
    controller.dialog.reject()


def test_session_controller_goes_to_login_when_set_up(qtbot, ctx, admin, bridge):
    controller = SessionController(ctx, bridge, demo_hint="Demo accounts: x")
    controller.start()
    qtbot.addWidget(controller.dialog)
    assert isinstance(controller.dialog, LoginDialog)
    controller.dialog.reject()


def test_run_gui_explains_an_unusable_database(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "broken"
    data.mkdir()
    (data / "edgedeck.db").write_bytes(b"garbage" * 100)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text: shown.append((title, text)))
    assert run_gui(data_dir=data) == 3
    assert shown and "left untouched" in shown[0][1]
