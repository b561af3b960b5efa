"""Settings: personal appearance, the appliance's name (admin), where the data lives."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.errors import EdgeDeckError
from app.ui.pages.base import Page, card, row
from app.ui.theme import THEMES


def _size(num: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if num < 1024 or unit == "GiB":
            return f"{num:.0f} {unit}" if unit == "B" else f"{num:.1f} {unit}"
        num /= 1024
    return str(num)


class SettingsPage(Page):
    title = "Settings"

    def __init__(self, ctx: AppContext, actor: Actor, current_theme: str,
                 on_theme: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        appearance, a_layout = card()
        heading = QLabel(self.tr("Appearance (this desktop only)"))
        heading.setObjectName("sectionTitle")
        a_layout.addWidget(heading)
        self.theme = QComboBox()
        self.theme.setObjectName("themeCombo")
        for name in THEMES:
            self.theme.addItem(self.tr(name.capitalize()), name)
        self.theme.setCurrentIndex(max(0, THEMES.index(current_theme)
                                       if current_theme in THEMES else 0))
        self.theme.currentIndexChanged.connect(lambda _: on_theme(self.theme.currentData()))
        form = QFormLayout()
        form.addRow(self.tr("Theme"), self.theme)
        a_layout.addLayout(form)
        self.layout_.addWidget(appearance)

        appliance, p_layout = card()
        heading = QLabel(self.tr("Appliance"))
        heading.setObjectName("sectionTitle")
        p_layout.addWidget(heading)
        self.device_name = QLineEdit(ctx.settings.device_name)
        self.device_name.setObjectName("deviceName")
        self.save_name = QPushButton(self.tr("Save name"))
        self.save_name.setObjectName("saveDeviceName")
        self.save_name.clicked.connect(self.save_device_name)
        allowed = self.can(Permission.CHANGE_SETTINGS)
        self.device_name.setReadOnly(not allowed)
        self.save_name.setVisible(allowed)
        if not allowed:
            self.device_name.setToolTip(self.tr("Only an administrator can rename the appliance."))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.device_name)
        form.addRow(self.tr("Device id"), QLabel(ctx.settings.device_id))
        p_layout.addLayout(form)
        p_layout.addLayout(row(self.save_name))
        self.layout_.addWidget(appliance)

        storage, s_layout = card()
        heading = QLabel(self.tr("Storage"))
        heading.setObjectName("sectionTitle")
        s_layout.addWidget(heading)
        self.storage_form = QFormLayout()
        s_layout.addLayout(self.storage_form)
        self.layout_.addWidget(storage)
        self.layout_.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        while self.storage_form.rowCount():
            self.storage_form.removeRow(0)
        store = self.ctx.store
        for label, value in (
            (self.tr("Data folder"), str(self.ctx.data_dir)),
            (self.tr("Database"), str(store.path)),
            (self.tr("Schema version"), str(store.schema_version())),
            (self.tr("Journal mode"), store.journal_mode()),
            (self.tr("Database size"), _size(store.size_bytes())),
            (self.tr("Log file"), str(self.ctx.log_path)),
        ):
            value_label = QLabel(value)
            value_label.setWordWrap(True)
            self.storage_form.addRow(label, value_label)
        self.device_name.setText(self.ctx.settings.device_name)

    def save_device_name(self) -> None:
        try:
            self.ctx.settings.set_device_name(self.actor, self.device_name.text())
        except EdgeDeckError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            self.device_name.setText(self.ctx.settings.device_name)
            return
        self.window().statusBar().showMessage(self.tr("Appliance name saved."), 5000)
