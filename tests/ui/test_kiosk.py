"""Operator kiosk: full screen, only what the line needs, and a technician to leave it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.ui.app import SessionController
from app.ui.main_window import KIOSK_PAGES, MainWindow
from app.ui.theme import apply_theme
from tests.conftest import OPERATOR, TECH


def _kiosk(qtbot, ctx, actor, bridge, ui_settings):
    apply_theme(QApplication.instance(), "light")
    window = MainWindow(ctx, actor, bridge, ui_settings, "light", kiosk=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_kiosk_shows_only_operator_pages_with_big_targets(qtbot, ctx, operator, bridge,
                                                          ui_settings):
    window = _kiosk(qtbot, ctx, operator, bridge, ui_settings)
    titles = [p.title for p in window.pages]
    assert set(titles) <= set(KIOSK_PAGES) and "Dashboard" in titles and "Alarms" in titles
    assert "Settings" not in titles and "Audit" not in titles
    assert window.menuBar().isHidden() and not window.quit_action.isEnabled()
    assert window.leave_kiosk_button.isVisible()
    assert window.leave_kiosk_button.height() >= 56  # ≥ 10 mm at 96 dpi, primary larger
    window.close()
    assert window.isVisible()  # an operator cannot close the station


def test_an_operator_cannot_leave_a_technician_can(qtbot, ctx, operator, tech, bridge,
                                                   ui_settings):
    window = _kiosk(qtbot, ctx, operator, bridge, ui_settings)
    dialog = window.leave_kiosk()
    dialog.username.setText(OPERATOR[0])
    dialog.password.setText(OPERATOR[1])
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "may not leave kiosk mode" in dialog.error.text(), timeout=5000)
    head = ctx.audit_trail.head()
    assert (head.action, head.outcome, head.actor) == ("permission_denied", "denied",
                                                       "operator")
    dialog.username.setText(TECH[0])
    dialog.password.setText(TECH[1])
    with qtbot.waitSignal(window.kiosk_left, timeout=5000) as left:
        _ok(qtbot, dialog)
    assert left.args[0].username == "tech"
    assert ctx.audit_trail.head().action == "kiosk_exit"
    assert not window.isVisible()


def test_controller_opens_kiosk_full_screen_and_audits_it(qtbot, ctx, operator, tech, bridge):
    controller = SessionController(ctx, bridge, kiosk=True)
    window = controller.show_main(operator)  # the controller owns (and deletes) it
    assert window.kiosk and window.isFullScreen()
    assert ctx.audit_trail.head().action == "kiosk_enter"
    window._kiosk_exit(ctx.users.authenticate(*TECH))
    assert controller.window is not window and not controller.window.kiosk
    assert controller.window.actor.username == "tech"
    controller.window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: controller.dialog is not None, timeout=5000)
    qtbot.addWidget(controller.dialog)
    controller.dialog.reject()
