"""Start the GUI: open the data folder, first-run setup or sign-in, then the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME, __version__
from app.context import AppContext
from app.errors import EdgeDeckError
from app.telemetry.monitor import Monitor
from app.ui.dialogs.login_dialog import LoginDialog
from app.ui.dialogs.setup_dialog import SetupDialog
from app.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, install_language
from app.ui.main_window import MainWindow
from app.ui.sampler_bridge import SamplerBridge
from app.ui.theme import apply_theme
from resources import resource_path

log = logging.getLogger(__name__)


def ui_settings_for(data_dir: Path) -> QSettings:
    """Per-desktop view preferences live beside the database, not in the user's home."""
    return QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat)


class SessionController(QObject):
    """Setup → sign-in → main window → (sign out → sign-in …). Non-blocking, so tests drive it."""

    def __init__(self, ctx: AppContext, bridge: SamplerBridge, demo_hint: str = "",
                 kiosk: bool = False) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.ctx = ctx
        self.bridge = bridge
        self.demo_hint = demo_hint
        self.ui_settings = ui_settings_for(ctx.data_dir)
        # Before any widget exists: Qt translates a text only when a widget is built with it.
        wanted = str(self.ui_settings.value("language", DEFAULT_LANGUAGE))
        self.language = wanted if install_language(QApplication.instance(), wanted) \
            else DEFAULT_LANGUAGE
        self.theme = apply_theme(QApplication.instance(),
                                 str(self.ui_settings.value("theme", "light")))
        self.dialog: SetupDialog | LoginDialog | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        if self.ctx.users.needs_setup():
            self.dialog = SetupDialog(self.ctx)
            self.dialog.finished.connect(self._setup_finished)
        else:
            self._show_login()
            return
        self.dialog.open()

    def _show_login(self) -> None:
        self.dialog = LoginDialog(self.ctx.users, self.demo_hint, self.ctx.settings.device_name)
        self.dialog.finished.connect(self._login_finished)
        self.dialog.open()

    def _setup_finished(self, result: int) -> None:
        dialog = self.dialog
        if result and dialog is not None and dialog.actor is not None:
            self.show_main(dialog.actor)
        else:
            QApplication.instance().quit()

    def _login_finished(self, result: int) -> None:
        dialog = self.dialog
        if result and dialog is not None and dialog.actor is not None:
            self.show_main(dialog.actor)
        else:
            QApplication.instance().quit()

    def show_main(self, actor: object, kiosk: bool | None = None) -> MainWindow:
        kiosk = self.kiosk if kiosk is None else kiosk
        self.dialog = None
        old, self.window = self.window, MainWindow(
            self.ctx, actor, self.bridge, self.ui_settings, self.theme, self._set_theme,
            kiosk=kiosk, on_language=self.set_language)
        if old is not None:
            old.deleteLater()
        self.window.signed_out.connect(self._signed_out)
        self.window.restart_requested.connect(self.restart)
        self.window.kiosk_left.connect(lambda technician: self.show_main(technician, False))
        self.window.kiosk_requested.connect(lambda: self.show_main(actor, True))
        if kiosk:
            self.ctx.users.record_kiosk(actor)
            self.window.showFullScreen()
        else:
            self.window.show()
        return self.window

    def _set_theme(self, theme: str) -> None:
        self.theme = apply_theme(QApplication.instance(), theme)

    def set_language(self, code: str) -> bool:
        """Switch the interface language now and remember it in ui.ini.

        Qt cannot re-translate texts already set on widgets, so the main window is rebuilt: it
        closes quietly (not a sign-out, no audit record: the same person stays signed in) and a
        new one opens on the same page. The rebuild waits for the event loop because the call
        usually comes from a widget inside the window being replaced. Returns False, keeping
        the current language, when the new one cannot be loaded (e.g. its .qm is missing).
        """
        app = QApplication.instance()
        if code == self.language:
            return True
        if code not in LANGUAGES or not install_language(app, code):
            install_language(app, self.language)
            return False
        self.language = code
        self.ui_settings.setValue("language", code)
        if self.window is not None:
            QTimer.singleShot(0, self._rebuild_window)
        return True

    def _rebuild_window(self) -> None:
        old = self.window
        if old is None:
            return
        old.close_quietly()  # saves geometry and page, stops the pages' timers and threads
        old.deleteLater()
        self.window = None
        # Switched from Settings, which a kiosk window does not have: the new one is not kiosk.
        self.show_main(old.actor, kiosk=False)

    def restart(self) -> None:
        """Start a fresh EdgeDeck on the same data folder and quit this one (after a restore,
        every service must reopen the restored database)."""
        from app.system.doctor import self_command

        command = self_command()
        args = [*command[1:], *sys.argv[1:]]
        if "--data-dir" not in args:
            args = [*command[1:], "--data-dir", str(self.ctx.data_dir), *sys.argv[1:]]
        QProcess.startDetached(command[0], args)
        QApplication.instance().quit()

    def _signed_out(self) -> None:
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        self._show_login()


def run_gui(data_dir: str | Path | None = None, demo: bool = False,
            simulate: bool = False, kiosk: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(QIcon(str(resource_path("icons", "edgedeck.svg"))))
    app.setQuitOnLastWindowClosed(False)  # signing out closes the window but not the app
    try:
        ctx = AppContext.open(data_dir)
    except EdgeDeckError as exc:
        QMessageBox.critical(None, "EdgeDeck cannot start", str(exc))
        return exc.exit_code
    if ctx.startup_notes:  # e.g. an interrupted restore completed or undone: say which
        QMessageBox.information(None, "EdgeDeck", "\n\n".join(ctx.startup_notes))
    hint = ""
    if demo:
        from app.system.demo import demo_hint, seed_demo

        seed_demo(ctx)
        hint = demo_hint()
    monitor = Monitor(ctx, simulate=simulate or demo)
    bridge = SamplerBridge(monitor.sampler)
    monitor.start()
    controller = SessionController(ctx, bridge, hint, kiosk=kiosk)
    controller.start()
    try:
        return app.exec()
    finally:
        monitor.stop()
        ctx.close()
