"""Field kit page: what a technician at an offline site takes home or brings back on a USB stick
— a diagnostics bundle, a backup, a verified restore."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.ui.pages.base import Page, card, row
from app.ui.widgets.progress_panel import ProgressPanel


def _usb_guess() -> str:
    """Removable media usually mount under /media/<user> or /run/media/<user>."""
    for base in (Path("/media"), Path("/run/media")):
        if base.is_dir():
            mounts = [p for p in base.glob("*/*") if p.is_dir()] + [
                p for p in base.iterdir() if p.is_dir()]
            if mounts:
                return str(mounts[0])
    return str(Path.home())


def _flexible(progress: Callable[[int, int, str], None]) -> Callable[..., None]:
    """The field services report (done, total) or (done, total, text)."""
    return lambda done, total, text="": progress(done, total, text)


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


class FieldKitPage(Page):
    title = "Field kit"
    scrollable = True
    shutdown_wait_s = 30.0  # a backup finishes the file it is writing

    def __init__(self, ctx: AppContext, actor: Actor,
                 on_restored: Callable[[Any], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self._on_restored = on_restored or (lambda result: None)
        self.folder = QLineEdit(_usb_guess())
        self.folder.setObjectName("destinationFolder")
        browse = QPushButton(self.tr("Choose folder…"))
        browse.clicked.connect(self._browse)
        self.encrypt = QCheckBox(self.tr("Encrypt with a passphrase (USB sticks get lost)"))
        self.encrypt.setObjectName("encrypt")
        self.encrypt.setChecked(True)
        where, w_layout = card()
        heading = QLabel(self.tr("Destination"))
        heading.setObjectName("sectionTitle")
        w_layout.addWidget(heading)
        w_layout.addLayout(row(self.folder, browse, stretch_last=True))
        w_layout.addWidget(self.encrypt)
        self.layout_.addWidget(where)

        diag, d_layout = card()
        heading = QLabel(self.tr("Diagnostics bundle"))
        heading.setObjectName("sectionTitle")
        explain = QLabel(self.tr(
            "Versions, drivers, devices and a current snapshot, the last hour of history, "
            "alarms, models with checksums, which providers really load, a short benchmark, "
            "the audit chain's verification, recent logs and the configuration with secrets "
            "removed — in one zip with a checksum manifest."))
        explain.setWordWrap(True)
        explain.setObjectName("muted")
        self.benchmark = QCheckBox(self.tr("Include a short benchmark (about 10 s)"))
        self.benchmark.setChecked(True)
        self.bundle_button = QPushButton(self.tr("Write diagnostics bundle"))
        self.bundle_button.setObjectName("bundleButton")
        self.bundle_button.clicked.connect(lambda: self.write_bundle())
        d_layout.addWidget(heading)
        d_layout.addWidget(explain)
        d_layout.addWidget(self.benchmark)
        d_layout.addLayout(row(self.bundle_button))
        self.layout_.addWidget(diag)

        backup, b_layout = card()
        heading = QLabel(self.tr("Backup and restore"))
        heading.setObjectName("sectionTitle")
        explain = QLabel(self.tr(
            "A backup holds a consistent copy of the database, the models and the audit "
            "archive. Restoring checks the whole archive first and keeps a safety copy of the "
            "current data; EdgeDeck then restarts on the restored data."))
        explain.setWordWrap(True)
        explain.setObjectName("muted")
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.setObjectName("backupButton")
        self.backup_button.clicked.connect(lambda: self.write_backup())
        self.verify_button = QPushButton(self.tr("Check a backup…"))
        self.verify_button.setObjectName("verifyBackupButton")
        self.verify_button.clicked.connect(lambda: self.verify_backup())
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(lambda: self.restore_backup())
        self.restore_button.setVisible(self.can(Permission.DELETE_DATA))
        b_layout.addWidget(heading)
        b_layout.addWidget(explain)
        b_layout.addLayout(row(self.backup_button, self.verify_button, self.restore_button))
        self.layout_.addWidget(backup)

        self.panel = ProgressPanel(self)
        self.layout_.addWidget(self.panel)
        self.result = QLabel()
        self.result.setObjectName("fieldResult")
        self.result.setWordWrap(True)
        self.layout_.addWidget(self.result)
        self.ops = self.operation(
            self.panel, lambda text, kind: self.show_result(text, error=kind != "ok"),
            lambda: self.show_result(""))
        self.ops.busy_changed.connect(self._update_buttons)
        self.layout_.addStretch(1)

    # -- helpers ---------------------------------------------------------------------------

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Destination folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def ask_passphrase(self, confirm: bool) -> str | None:
        """A dialog; tests replace this method."""
        first, ok = QInputDialog.getText(self, self.tr("Passphrase"),
                                         self.tr("Passphrase (at least 8 characters):"),
                                         QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if confirm:
            again, ok = QInputDialog.getText(self, self.tr("Passphrase"),
                                             self.tr("Repeat the passphrase:"),
                                             QLineEdit.EchoMode.Password)
            if not ok:
                return None
            if again != first:
                self.show_result(self.tr("The two passphrases differ; nothing was written."),
                                 error=True)
                return None
        return first

    def show_result(self, text: str, error: bool = False) -> None:
        self.result.setStyleSheet("color: #d1242f; font-weight: 600;" if error else "")
        self.result.setText(text)

    def _run(self, text: str, work: Callable[..., Any], done: Callable[[Any], None]) -> None:
        """One job at a time; a failure is said in words (the service's, translated)."""
        if not self.ops.busy:
            self.ops.start(text, work, done)

    def _update_buttons(self) -> None:
        for button in (self.bundle_button, self.backup_button, self.verify_button,
                       self.restore_button):
            button.setEnabled(not self.ops.busy)

    def _passphrase_if_wanted(self) -> tuple[bool, str | None]:
        if not self.encrypt.isChecked():
            return True, None
        passphrase = self.ask_passphrase(confirm=True)
        return passphrase is not None, passphrase

    # -- actions ---------------------------------------------------------------------------

    def write_bundle(self) -> None:
        go, passphrase = self._passphrase_if_wanted()
        if not go:
            return
        out = Path(self.folder.text()) / f"edgedeck-diagnostics-{_stamp()}.zip"
        ctx, actor, bench = self.ctx, self.actor, self.benchmark.isChecked()

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return ctx.diagnostics.bundle(actor, out, _flexible(progress), cancelled,
                                          include_benchmark=bench, passphrase=passphrase)

        self._run(self.tr("Writing the diagnostics bundle…"), work, lambda r: self.show_result(
            self.tr("Wrote {0} ({1:.1f} MiB, {2} files, SHA-256 {3}…){4}").format(
                r.path, r.size / 2**20, r.files, r.sha256[:16],
                self.tr(" — sections that could not be collected: {0}").format(
                    "; ".join(r.problems)) if r.problems else "")))

    def write_backup(self) -> None:
        go, passphrase = self._passphrase_if_wanted()
        if not go:
            return
        out = Path(self.folder.text()) / f"edgedeck-backup-{_stamp()}.zip"
        ctx, actor = self.ctx, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return ctx.backups.backup(actor, out, passphrase, _flexible(progress), cancelled,
                                      include_keys=passphrase is not None)

        self._run(self.tr("Backing up…"), work, lambda r: self.show_result(
            self.tr("Backup written and read back: {0} ({1:.1f} MiB){2}.").format(
                r.path, r.size / 2**20,
                self.tr(", encrypted, with the audit signing key") if r.encrypted
                else self.tr(", not encrypted, without the audit signing key"))))

    def _choose_backup(self, path: str | None) -> str | None:
        if path:
            return path
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"),
                                              self.folder.text(),
                                              self.tr("EdgeDeck backups (*.zip *.enc)"))
        return path or None

    def _passphrase_for(self, path: str) -> tuple[bool, str | None]:
        from app.field.crypto import is_encrypted

        if not is_encrypted(Path(path)):
            return True, None
        passphrase = self.ask_passphrase(confirm=False)
        return passphrase is not None, passphrase

    def verify_backup(self, path: str | None = None) -> None:
        path = self._choose_backup(path)
        if not path:
            return
        go, passphrase = self._passphrase_for(path)
        if not go:
            return
        ctx, actor = self.ctx, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return ctx.backups.verify(actor, path, passphrase, _flexible(progress), cancelled)

        self._run(self.tr("Checking the backup…"), work,
                  lambda info: self.show_result(info.summary()))

    def confirm_restore(self, path: str) -> bool:
        """A question; tests replace this method."""
        answer = QMessageBox.question(
            self, self.tr("Restore a backup"),
            self.tr("Replace this appliance's data with {0}?\n\nThe current data is kept as a "
                    "safety copy in the data folder, and EdgeDeck restarts afterwards.").format(
                Path(path).name))
        return answer == QMessageBox.StandardButton.Yes

    def restore_backup(self, path: str | None = None) -> None:
        path = self._choose_backup(path)
        if not path or not self.confirm_restore(path):
            return
        go, passphrase = self._passphrase_for(path)
        if not go:
            return
        ctx, actor = self.ctx, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return ctx.backups.restore(actor, path, passphrase, _flexible(progress), cancelled)

        def done(result: Any) -> None:
            self.show_result(self.tr("Restored {0}; safety copy in {1}. {2}").format(
                Path(result.backup).name, result.safety_copy, result.audit_verification))
            self._on_restored(result)

        self._run(self.tr("Restoring…"), work, done)

