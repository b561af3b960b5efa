"""Settings: personal appearance, the appliance's name (admin), where the data lives.

Settings saved elsewhere (another console, `edgedeck` on the command line) show up by themselves
in every field the person has not started editing here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.events import SETTINGS
from app.ui.i18n import LANGUAGES, cjk_font_hint, current_language, missing_translation_hint
from app.ui.pages.base import Page, card, row
from app.ui.theme import THEMES
from app.ui.widgets.progress_panel import ProgressPanel


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


def _value(widget: Any) -> Any:
    return widget.text() if isinstance(widget, QLineEdit) else widget.value()


def _size(num: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if num < 1024 or unit == "GiB":
            return f"{num:.0f} {unit}" if unit == "B" else f"{num:.1f} {unit}"
        num /= 1024
    return str(num)


class SettingsPage(Page):
    title = "Settings"
    scrollable = True

    def __init__(self, ctx: AppContext, actor: Actor, current_theme: str,
                 on_theme: Callable[[str], None], parent: QWidget | None = None,
                 on_language: Callable[[str], bool] | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self._on_language = on_language
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
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)  # each in its own script: findable by anyone
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.setEnabled(on_language is not None)
        self.language.currentIndexChanged.connect(lambda _: self._language_chosen())
        form.addRow(self.tr("Language"), self.language)
        self.language_hint = QLabel(cjk_font_hint() if current_language() != "en" else "")
        self.language_hint.setObjectName("errorText")
        self.language_hint.setWordWrap(True)
        self.language_hint.setVisible(bool(self.language_hint.text()))
        form.addRow(self.language_hint)
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

        security, sec_layout = card()
        heading = QLabel(self.tr("Security"))
        heading.setObjectName("sectionTitle")
        sec_layout.addWidget(heading)
        threshold, minutes = ctx.users.lockout_policy()
        self.idle_minutes = _spin(0, 240, int(ctx.settings.get("idle_lock_minutes")),
                                  self.tr(" min (0 = never)"))
        self.lockout_threshold = _spin(3, 20, threshold, self.tr(" failed sign-ins"))
        self.lockout_minutes = _spin(1, 1440, minutes, self.tr(" min"))
        self.audit_max = _spin(10_000, 100_000_000, int(ctx.settings.get("audit_max_records")),
                               self.tr(" records"))
        self.audit_max.setSingleStep(100_000)
        form = QFormLayout()
        form.addRow(self.tr("Lock the console after"), self.idle_minutes)
        form.addRow(self.tr("Lock an account after"), self.lockout_threshold)
        form.addRow(self.tr("…for"), self.lockout_minutes)
        form.addRow(self.tr("Warn when the audit trail holds 80 % of"), self.audit_max)
        sec_layout.addLayout(form)
        self.save_security = QPushButton(self.tr("Save security settings"))
        self.save_security.setObjectName("saveSecurity")
        self.save_security.clicked.connect(self.save_security_settings)
        sec_layout.addLayout(row(self.save_security))
        for widget in (self.idle_minutes, self.lockout_threshold, self.lockout_minutes,
                       self.audit_max):
            widget.setEnabled(allowed)
        self.save_security.setVisible(allowed)
        self.layout_.addWidget(security)

        monitoring, m_layout = card()
        heading = QLabel(self.tr("Monitoring"))
        heading.setObjectName("sectionTitle")
        m_layout.addWidget(heading)
        self.sampling = QDoubleSpinBox()
        self.sampling.setObjectName("samplingInterval")
        self.sampling.setRange(0.5, 10.0)
        self.sampling.setSingleStep(0.5)
        self.sampling.setSuffix(self.tr(" s"))
        self.sampling.setValue(float(ctx.settings.get("sampling_interval_s")))
        self.sampling.setEnabled(allowed)
        self.history_rows = _spin(100_000, 50_000_000, int(ctx.settings.get("history_max_rows")),
                                  self.tr(" rows"))
        self.history_rows.setSingleStep(500_000)
        self.history_rows.setEnabled(allowed)
        self.history_usage = QLabel(self.tr("Measuring…"))
        self.history_usage.setObjectName("historyUsage")
        self.history_usage.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Sample every"), self.sampling)
        form.addRow(self.tr("Keep at most"), self.history_rows)
        form.addRow(self.tr("History now"), self.history_usage)
        m_layout.addLayout(form)
        self.save_monitoring = QPushButton(self.tr("Save monitoring settings"))
        self.save_monitoring.setObjectName("saveMonitoring")
        self.save_monitoring.clicked.connect(self.save_monitoring_settings)
        self.save_monitoring.setVisible(allowed)
        m_layout.addLayout(row(self.save_monitoring))
        self.layout_.addWidget(monitoring)
        self.panel = ProgressPanel(self)  # shows a save only while it is slow
        self.layout_.addWidget(self.panel)
        self.ops = self.operation(self.panel)
        # What each field showed when last read: a field still showing it follows changes made
        # elsewhere, one the person edited keeps their edit.
        self._fields: list[tuple[Any, Callable[[], Any]]] = [
            (self.device_name, lambda: ctx.settings.device_name),
            (self.idle_minutes, lambda: int(ctx.settings.get("idle_lock_minutes"))),
            (self.lockout_threshold, lambda: ctx.users.lockout_policy()[0]),
            (self.lockout_minutes, lambda: ctx.users.lockout_policy()[1]),
            (self.audit_max, lambda: int(ctx.settings.get("audit_max_records"))),
            (self.sampling, lambda: float(ctx.settings.get("sampling_interval_s"))),
            (self.history_rows, lambda: int(ctx.settings.get("history_max_rows"))),
        ]
        self._shown = {id(widget): _value(widget) for widget, _ in self._fields}

        storage, s_layout = card()
        heading = QLabel(self.tr("Storage"))
        heading.setObjectName("sectionTitle")
        s_layout.addWidget(heading)
        self.storage_form = QFormLayout()
        s_layout.addLayout(self.storage_form)
        self.layout_.addWidget(storage)
        self.layout_.addStretch(1)
        self.refresh()
        self.watch((SETTINGS,))

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
        self._reload_fields()
        self._measure_history()

    def _reload_fields(self) -> None:
        """Show the stored values in every field the person has not edited since."""
        for widget, stored in self._fields:
            if _value(widget) != self._shown[id(widget)]:
                continue  # edited here and not saved: keep it
            value = stored()
            if isinstance(widget, QLineEdit):
                widget.setText(value)
            else:
                widget.setValue(value)
            self._shown[id(widget)] = _value(widget)

    def _saved(self, *widgets: Any) -> None:
        for widget in widgets:
            self._shown[id(widget)] = _value(widget)

    def _language_chosen(self) -> None:
        """Ask the session to switch (it rebuilds the window); say why when it cannot."""
        code = self.language.currentData()
        if self._on_language is None or self._on_language(code):
            return
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.blockSignals(False)
        self.language_hint.setText(missing_translation_hint(code))
        self.language_hint.show()

    def _measure_history(self) -> None:
        """Counting rows takes tens of ms on a full history: off the GUI thread."""
        if self.ops.reading("history"):
            return
        history = self.ctx.history
        self.ops.read(lambda progress, cancelled: history.size(), self._show_history,
                      key="history")

    def _show_history(self, size: object) -> None:
        days = size.retention_s.get("1m", 0) / 86400 if size.retention_s else 0
        self.history_usage.setText(self.tr(
            "{0:,} rows in {1} series, {2:.1f} MiB{3} — {4:.0f} % of the bound; per-minute "
            "averages reach back {5:.0f} days.").format(
            size.total_rows, size.series, size.bytes / 2**20,
            "" if size.bytes_exact else self.tr(" (estimated)"), size.fraction_used * 100,
            days))

    def _not_saved(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), self.ops.describe(exc))

    def _say_saved(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 5000)

    def save_monitoring_settings(self) -> bool:
        settings, actor = self.ctx.settings, self.actor
        sampling, rows = self.sampling.value(), self.history_rows.value()

        def save() -> None:
            settings.set(actor, "sampling_interval_s", sampling)
            settings.set(actor, "history_max_rows", rows)

        def saved(_: Any) -> None:
            self._saved(self.sampling, self.history_rows)
            self._say_saved(self.tr("Monitoring settings saved; they apply from the next start."))

        return self.ops.quick(save, saved, self._not_saved)

    def save_security_settings(self) -> bool:
        settings, users, actor = self.ctx.settings, self.ctx.users, self.actor
        idle, threshold = self.idle_minutes.value(), self.lockout_threshold.value()
        minutes, audit_max = self.lockout_minutes.value(), self.audit_max.value()

        def save() -> None:
            settings.set(actor, "idle_lock_minutes", idle)
            users.set_lockout_policy(actor, threshold, minutes)
            settings.set(actor, "audit_max_records", audit_max)

        def saved(_: Any) -> None:
            self._saved(self.idle_minutes, self.lockout_threshold, self.lockout_minutes,
                        self.audit_max)
            self._say_saved(self.tr("Security settings saved; the idle lock applies from the "
                                    "next sign-in."))

        return self.ops.quick(save, saved, self._not_saved)

    def save_device_name(self) -> bool:
        settings, actor, name = self.ctx.settings, self.actor, self.device_name.text()

        def refused(exc: BaseException) -> None:
            self._not_saved(exc)
            self.device_name.setText(self.ctx.settings.device_name)
            self._saved(self.device_name)

        def saved(_: Any) -> None:
            self._saved(self.device_name)
            self._say_saved(self.tr("Appliance name saved."))

        return self.ops.quick(lambda: settings.set_device_name(actor, name), saved, refused)
