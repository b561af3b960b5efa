"""Start the GUI: open the data folder, first-run setup or sign-in, then the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME, __version__
from app.context import AppContext
from app.errors import EdgeDeckError
from app.telemetry.monitor import Monitor
from app.ui.dialogs.login_dialog import LoginDialog
from app.ui.dialogs.setup_dialog import SetupDialog
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

    def __init__(self, ctx: AppContext, bridge: SamplerBridge, demo_hint: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        self.bridge = bridge
        self.demo_hint = demo_hint
        self.ui_settings = ui_settings_for(ctx.data_dir)
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

    def show_main(self, actor: object) -> MainWindow:
        self.dialog = None
        self.window = MainWindow(self.ctx, actor, self.bridge, self.ui_settings, self.theme,
                                 self._set_theme)
        self.window.signed_out.connect(self._signed_out)
        self.window.show()
        return self.window

    def _set_theme(self, theme: str) -> None:
        self.theme = apply_theme(QApplication.instance(), theme)

    def _signed_out(self) -> None:
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        self._show_login()


def run_gui(data_dir: str | Path | None = None, demo: bool = False,
            simulate: bool = False) -> int:
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
    hint = ""
    if demo:
        from app.system.demo import demo_hint, seed_demo

        seed_demo(ctx)
        hint = demo_hint()
    monitor = Monitor(ctx, simulate=simulate or demo)
    bridge = SamplerBridge(monitor.sampler)
    monitor.start()
    controller = SessionController(ctx, bridge, hint)
    controller.start()
    try:
        return app.exec()
    finally:
        monitor.stop()
        ctx.close()
