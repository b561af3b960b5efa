"""The main window with real widgets: navigation by click and shortcut, status bar, state."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

PAGE_TITLES = ["Dashboard", "Playground", "Models", "Knowledge", "Alarms", "Audit", "Field kit",
               "Serving", "Users", "Settings"]


def test_window_shows_user_role_and_data_folder(make_window, admin, ctx):
    window = make_window(admin)
    assert "admin (admin)" in window.user_label.text()
    assert str(ctx.data_dir) in window.data_label.text()
    assert ctx.settings.device_name in window.windowTitle()


def test_every_page_is_reachable_by_clicking_the_navigation(qtbot, make_window, admin):
    window = make_window(admin)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == PAGE_TITLES
    for index in reversed(range(window.nav.count())):
        rect = window.nav.visualItemRect(window.nav.item(index))
        qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
        assert window.stack.currentIndex() == index
        assert window.current_page().title == PAGE_TITLES[index]


def test_page_shortcuts_refresh_and_quit_are_bound(qtbot, make_window, admin):
    window = make_window(admin)
    shortcuts = [a.shortcut().toString() for a in window.page_actions]
    assert shortcuts == [f"Ctrl+{(i + 1) % 10}" for i in range(len(PAGE_TITLES))]
    assert window.refresh_action.shortcut().toString() == "F5"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    # Offscreen Qt has no active window for key dispatch; the bindings above are what we own.
    window.page_actions[5].trigger()
    assert window.current_page().title == "Audit"
    window.page_actions[3].trigger()
    assert window.current_page().title == "Knowledge"
    window.refresh_action.trigger()
    assert "Refreshed" in window.statusBar().currentMessage()


def test_audit_page_lists_records_and_verifies(qtbot, make_window, admin, ctx):
    window = make_window(admin)
    page = window.page("Audit")
    window.show_page(window.pages.index(page))
    assert page.model.rowCount() == ctx.audit_trail.count() >= 1
    page.table.selectRow(0)
    assert '"action": "setup"' in page.detail.toPlainText()
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "intact" in page.verdict.text(), timeout=5000)
    assert ctx.audit_trail.head().action == "verify"
    assert page.model.rowCount() == ctx.audit_trail.count()


def test_audit_page_pages_lazily(qtbot, make_window, admin, ctx):
    for i in range(450):
        ctx.audit_trail.record(admin, "test", "fill", str(i))
    window = make_window(admin)
    page = window.page("Audit")
    assert page.model.rowCount() == 200
    page.model.fetchMore(page.model.index(-1, -1))
    assert page.model.rowCount() == 400


def test_operator_sees_no_audit_trail(make_window, operator):
    window = make_window(operator)
    assert "Audit" not in [p.title for p in window.pages]  # the role never gets the page
    assert "operator (operator)" in window.user_label.text()


def test_settings_device_name_admin_only(qtbot, make_window, admin, tech, ctx):
    window = make_window(admin)
    settings = window.page("Settings")
    settings.device_name.setText("Press line 7")
    qtbot.mouseClick(settings.save_name, Qt.MouseButton.LeftButton)
    assert ctx.settings.device_name == "Press line 7"
    assert ctx.audit_trail.head().object == "setting:device_name"
    tech_window = make_window(tech)
    tech_settings = tech_window.page("Settings")
    assert tech_settings.device_name.isReadOnly() and tech_settings.save_name.isHidden()


def test_theme_switch_applies_and_is_remembered(qtbot, make_window, admin, ui_settings):
    window = make_window(admin)
    combo = window.page("Settings").theme
    changed = []
    window._on_theme = changed.append
    combo.setCurrentIndex(combo.findData("dark"))
    assert changed == ["dark"] and ui_settings.value("theme") == "dark"
    plot = window.pages[0].charts[0]
    assert plot.backgroundBrush().color().lightness() < 100  # the charts follow the theme


def test_apply_theme_changes_the_palette(qapp):
    from app.ui.theme import apply_theme, current_theme

    apply_theme(qapp, "dark")
    dark = qapp.palette().color(QPalette.ColorRole.Window).lightness()
    assert current_theme(qapp) == "dark"
    apply_theme(qapp, "light")
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > dark
    assert apply_theme(qapp, "neon") == "light"


def test_window_state_and_page_are_remembered(qtbot, make_window, admin, ui_settings):
    window = make_window(admin)
    window.resize(790, 580)
    window.move(QPoint(30, 40))
    window.show_page(4)
    window.close()
    again = make_window(admin)
    assert again.current_page().title == "Alarms"
    assert (again.width(), again.height()) == (790, 580)


def test_sign_out_is_audited_and_signals(qtbot, make_window, admin, ctx):
    window = make_window(admin)
    with qtbot.waitSignal(window.signed_out, timeout=2000):
        window.sign_out_action.trigger()
    head = ctx.audit_trail.head()
    assert (head.action, head.actor) == ("logout", "admin")


def test_models_page_shows_which_providers_really_load(qtbot, make_window, admin):
    window = make_window(admin)
    page = window.page("Models")
    qtbot.waitUntil(lambda: page.table.rowCount() > 0 and not page.panel.busy, timeout=15000)
    rows = {page.table.item(r, 0).text(): page.table.item(r, 1).text()
            for r in range(page.table.rowCount())}
    assert rows["CPUExecutionProvider"] == "yes"


def test_about_dialog_lists_versions_and_providers(qtbot, make_window, admin):
    window = make_window(admin)
    dialog = window.show_about()  # deletes itself on close
    names = lambda: [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]  # noqa: E731
    assert "qt (PySide6)" in names() and "onnxruntime" in names()
    qtbot.waitUntil(lambda: "CPUExecutionProvider" in names(), timeout=15000)
    dialog.close()


def test_quit_closes_the_application_loop(qtbot, make_window, admin, monkeypatch):
    window = make_window(admin)
    quits = []
    monkeypatch.setattr(QApplication.instance(), "quit", lambda: quits.append(True))
    window.quit_action.trigger()
    assert quits == [True] and not window.isVisible()
