"""The main window: navigation, pages, status bar, menus and shortcuts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission, allows
from app.context import AppContext
from app.events import SETTINGS
from app.ui.alarm_bridge import AlarmBridge
from app.ui.change_relay import ChangeRelay, PageWatch
from app.ui.dialogs.about_dialog import AboutDialog
from app.ui.dialogs.guide_dialog import GuideDialog
from app.ui.dialogs.kiosk_dialog import KioskExitDialog
from app.ui.dialogs.user_dialogs import ChangeOwnPasswordDialog, UnlockDialog
from app.ui.i18n import role_word
from app.ui.pages.alarms import AlarmsPage
from app.ui.pages.audit import AuditPage
from app.ui.pages.base import Page
from app.ui.pages.dashboard import DashboardPage
from app.ui.pages.field_kit import FieldKitPage
from app.ui.pages.knowledge import KnowledgePage
from app.ui.pages.models import ModelsPage
from app.ui.pages.playground import PlaygroundPage
from app.ui.pages.serving import ServingPage
from app.ui.pages.settings import SettingsPage
from app.ui.pages.users import UsersPage
from app.ui.sampler_bridge import SamplerBridge
from app.ui.widgets.alarm_banner import AlarmBanner

# An operator station shows only what the line needs; leaving it takes a technician.
KIOSK_PAGES = ("Dashboard", "Alarms", "Playground", "Knowledge")


class MainWindow(QMainWindow):
    signed_out = Signal()
    kiosk_left = Signal(object)  # the technician who unlocked it
    kiosk_requested = Signal()
    restart_requested = Signal()  # after a restore: the process must reopen its data

    def __init__(self, ctx: AppContext, actor: Actor, bridge: SamplerBridge,
                 ui_settings: QSettings, theme: str,
                 on_theme: Callable[[str], None] | None = None, kiosk: bool = False,
                 on_language: Callable[[str], bool] | None = None) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.setProperty("kiosk", kiosk)  # before any child is polished: QSS enlarges targets
        self.ctx = ctx
        self.actor = actor
        self._ui_settings = ui_settings
        self._on_theme = on_theme or (lambda name: None)
        self._signing_out = False
        self._replaced = False
        self.setObjectName("mainWindow")
        self._show_device_name()
        self.setMinimumSize(760, 540)  # 1024x600 industrial panels must fit

        self.alarm_bridge = AlarmBridge(ctx.alarms, self)
        # (title, who may see it, how to make it): a page the role cannot use is never built.
        catalogue: list[tuple[str, Permission, Callable[[], Page]]] = [
            ("Dashboard", Permission.VIEW_STATUS, lambda: DashboardPage(ctx, actor, bridge)),
            ("Playground", Permission.RUN_PLAYGROUND, lambda: PlaygroundPage(ctx, actor)),
            ("Models", Permission.VIEW_STATUS, lambda: ModelsPage(ctx, actor)),
            ("Knowledge", Permission.ASK_KNOWLEDGE, lambda: KnowledgePage(ctx, actor)),
            ("Alarms", Permission.VIEW_STATUS,
             lambda: AlarmsPage(ctx, actor, self.alarm_bridge)),
            ("Audit", Permission.VIEW_AUDIT, lambda: AuditPage(ctx, actor)),
            ("Field kit", Permission.RUN_DIAGNOSTICS,
             lambda: FieldKitPage(ctx, actor, self._restored)),
            ("Serving", Permission.RUN_SERVICE, lambda: ServingPage(ctx, actor)),
            ("Users", Permission.MANAGE_USERS, lambda: UsersPage(ctx, actor)),
            ("Settings", Permission.VIEW_STATUS,
             lambda: SettingsPage(ctx, actor, theme, self._theme_changed,
                                  on_language=on_language)),
        ]
        self.pages: list[Page] = [
            make() for title, permission, make in catalogue
            if allows(actor.role, permission) and (not kiosk or title in KIOSK_PAGES)]
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(200)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.nav.addItem(page.tr(page.title))
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.nav, 1)
        self.leave_kiosk_button = QPushButton(self.tr("Leave kiosk mode…"))
        self.leave_kiosk_button.setObjectName("leaveKiosk")
        self.leave_kiosk_button.clicked.connect(self.leave_kiosk)
        self.leave_kiosk_button.setVisible(kiosk)
        left.addWidget(self.leave_kiosk_button)
        layout.addLayout(left)
        # Unacknowledged alarms stay in view above every page.
        self.alarm_banner = AlarmBanner(ctx.alarms, actor, self.alarm_bridge)
        self.alarm_banner.show_alarms.connect(
            lambda: self.show_page(self.pages.index(self.page("Alarms"))))
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.alarm_banner)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

        self._build_menus()
        if kiosk:
            self.menuBar().hide()
            self.quit_action.setEnabled(False)
            self.sign_out_action.setEnabled(False)
            self.nav.setFixedWidth(240)
        self.user_label = QLabel(self.tr("Signed in: {0} ({1})").format(
            actor.username, role_word(actor.role)))
        self.user_label.setObjectName("statusUser")
        self.data_label = QLabel(self.tr("Data: {0}").format(ctx.data_dir))
        self.data_label.setObjectName("statusData")
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.data_label)
        self._restore_state()

        # Idle lock: any key, click or touch anywhere in the app restarts the countdown.
        self.idle_minutes = int(ctx.settings.get("idle_lock_minutes"))
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self.unlock_dialog: UnlockDialog | None = None
        if self.idle_minutes > 0:
            self.idle_timer.start(self.idle_minutes * 60_000)
            QApplication.instance().installEventFilter(self)
        # The appliance renamed (here, in another console, on the command line): the title says.
        self.settings_watch = PageWatch(self, ChangeRelay.of(ctx), (SETTINGS,),
                                        self._show_device_name)

    def _show_device_name(self) -> None:
        self.setWindowTitle(f"EdgeDeck — {self.ctx.settings.device_name}")

    # -- menus and shortcuts -------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.password_action = QAction(self.tr("Change my password…"), self)
        self.password_action.triggered.connect(self.change_password)
        file_menu.addAction(self.password_action)
        self.lock_action = QAction(self.tr("Lock now"), self)
        self.lock_action.triggered.connect(self.lock)
        file_menu.addAction(self.lock_action)
        self.sign_out_action = QAction(self.tr("Sign out"), self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+L"))
        self.sign_out_action.triggered.connect(self.sign_out)
        file_menu.addAction(self.sign_out_action)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.page_actions: list[QAction] = []
        for index, page in enumerate(self.pages):
            action = QAction(page.tr(page.title), self)
            if index < 10:  # Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth page
                action.setShortcut(QKeySequence(f"Ctrl+{(index + 1) % 10}"))
            action.triggered.connect(lambda _=False, i=index: self.show_page(i))
            view_menu.addAction(action)
            self.page_actions.append(action)
        view_menu.addSeparator()
        self.kiosk_action = QAction(self.tr("Operator kiosk mode"), self)
        self.kiosk_action.triggered.connect(self._enter_kiosk)
        view_menu.addAction(self.kiosk_action)
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh_current)
        view_menu.addAction(self.refresh_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = QAction(self.tr("User guide"), self)
        self.guide_action.setShortcut(QKeySequence("F1"))
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)
        self.about_action = QAction(self.tr("About EdgeDeck"), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _enter_kiosk(self) -> None:
        self.close_quietly()
        self.kiosk_requested.emit()

    def leave_kiosk(self) -> KioskExitDialog:
        """A technician (or admin) signs in here; the console then opens for them."""
        dialog = KioskExitDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self._kiosk_exit(dialog.result_value))
        dialog.open()
        return dialog

    def _kiosk_exit(self, technician: Actor) -> None:
        self.close_quietly()
        self.kiosk_left.emit(technician)

    def _restored(self, result: object) -> None:
        QMessageBox.information(
            self, self.tr("Backup restored"),
            self.tr("The data was restored. EdgeDeck restarts now to open it."))
        self.restart_requested.emit()

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def page(self, title: str) -> Page:
        return next(p for p in self.pages if p.title == title)

    def change_password(self) -> ChangeOwnPasswordDialog:
        dialog = ChangeOwnPasswordDialog(self.ctx.users, self.actor, self)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(self.tr("Password changed."), 5000))
        dialog.open()
        return dialog

    # -- idle lock -----------------------------------------------------------------------

    _ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                 QEvent.Type.Wheel, QEvent.Type.TouchBegin)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in self._ACTIVITY and self.unlock_dialog is None and self.idle_minutes:
            self.idle_timer.start(self.idle_minutes * 60_000)
        return False

    def lock(self) -> UnlockDialog:
        """Hide the console behind a password prompt; audited. Cancel signs out."""
        if self.unlock_dialog is not None:
            return self.unlock_dialog
        self.ctx.users.record_lock(self.actor, self.idle_minutes)
        # Pages hide; the alarm banner stays in view (read-only) so a locked console still
        # announces alarms, as ISA-18.2 expects of an operator station.
        self._set_locked(True)
        self.unlock_dialog = UnlockDialog(self.ctx.users, self.actor.username, self)
        self.unlock_dialog.finished.connect(self._unlock_finished)
        self.unlock_dialog.open()
        return self.unlock_dialog

    def _set_locked(self, locked: bool) -> None:
        self.nav.setVisible(not locked)
        self.stack.setVisible(not locked)
        self.alarm_banner.ack_button.setEnabled(not locked)
        self.menuBar().setEnabled(not locked)

    @property
    def locked(self) -> bool:
        return self.unlock_dialog is not None

    def _unlock_finished(self, result: int) -> None:
        self.unlock_dialog = None
        if result:
            self._set_locked(False)
            if self.idle_minutes:
                self.idle_timer.start(self.idle_minutes * 60_000)
        else:
            self.sign_out()

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def refresh_current(self) -> None:
        self.current_page().refresh()
        self.statusBar().showMessage(self.tr("Refreshed."), 2000)

    def show_guide(self) -> GuideDialog:
        dialog = GuideDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _theme_changed(self, theme: str) -> None:
        self._ui_settings.setValue("theme", theme)
        self._on_theme(theme)
        for page in self.pages:
            page.theme_changed(theme)

    # -- state and lifetime --------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self._ui_settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self._ui_settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        page = int(self._ui_settings.value("window/page", 0) or 0)
        self.show_page(page if 0 <= page < len(self.pages) else 0)

    def _save_state(self) -> None:
        self._ui_settings.setValue("window/geometry", self.saveGeometry())
        self._ui_settings.setValue("window/state", self.saveState())
        self._ui_settings.setValue("window/page", self.stack.currentIndex())
        self._ui_settings.sync()

    def close_quietly(self) -> None:
        """Close for a rebuild (a language switch, entering or leaving kiosk mode): state is
        saved and pages stop as on any close, but nobody is signed out and the app runs on."""
        self._replaced = True
        self.close()

    def sign_out(self) -> None:
        self._signing_out = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.kiosk and not (self._replaced or self._signing_out):
            event.ignore()  # an operator station only closes through a technician sign-in
            return
        self.idle_timer.stop()
        QApplication.instance().removeEventFilter(self)
        self._save_state()
        self.settings_watch.stop()
        for page in self.pages:
            page.shutdown()
        self.alarm_bridge.close()
        super().closeEvent(event)
        if self._signing_out:
            self.ctx.users.record_logout(self.actor)
            self.signed_out.emit()
        elif not self._replaced:
            QApplication.instance().quit()
