"""Audit page: the trail, newest first, paged lazily; record detail; chain verification.

New records appear on top by themselves (the page follows the "audit" change topic), keeping
the record being read selected; verification, receipts, exports and archiving run in the
background with progress and Cancel.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from app.audit.trail import AuditFilter, AuditRecord, VerifyResult
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.errors import EdgeDeckError
from app.events import AUDIT
from app.ui.i18n_service import audit_word, error_text, service_text
from app.ui.pages.base import Page, empty_state, row
from app.ui.widgets.audit_table import COLUMNS, AuditTableModel
from app.ui.widgets.progress_panel import ProgressPanel

__all__ = ["COLUMNS", "AuditPage", "AuditTableModel"]

EXPORT_FILTERS = {
    "JSON Lines (*.jsonl)": "jsonl",
    "CSV (*.csv)": "csv",
    "CEF (*.cef)": "cef",
    "Syslog RFC 5424 (*.log)": "syslog",
}
_CHOICE_COLUMNS = ("actor", "category", "outcome")


class AuditPage(Page):
    title = QT_TRANSLATE_NOOP("AuditPage", "Audit")

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        if not self.can(Permission.VIEW_AUDIT):
            self.layout_.addWidget(empty_state(self.tr(
                "The audit trail is visible to technicians and administrators.")))
            self.layout_.addStretch(1)
            self.model = None
            return
        self.summary = QLabel()
        self.verify_button = QPushButton(self.tr("Verify chain"))
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(lambda: self.export())
        self.export_button.setVisible(self.can(Permission.EXPORT_AUDIT))
        self.archive_button = QPushButton(self.tr("Archive…"))
        self.archive_button.setObjectName("archiveButton")
        self.archive_button.clicked.connect(lambda: self.archive())
        self.archive_button.setVisible(self.can(Permission.DELETE_DATA))
        self.receipt_button = QPushButton(self.tr("Receipt…"))
        self.receipt_button.setObjectName("receiptButton")
        self.receipt_button.setToolTip(self.tr(
            "Sign the newest record and show a receipt to keep off the box"))
        self.receipt_button.clicked.connect(lambda: self.receipt())
        self.accept_button = QPushButton(self.tr("Accept anchor…"))
        self.accept_button.setObjectName("acceptAnchorButton")
        self.accept_button.setToolTip(self.tr(
            "The anchor file was lost or rolled back: accept the current head (audited)"))
        self.accept_button.clicked.connect(lambda: self.accept_anchor())
        self.accept_button.hide()  # offered to admins once verification blames the anchor
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.layout_.addLayout(row(self.summary, self.verify_button, self.receipt_button,
                                   self.export_button, self.archive_button,
                                   self.accept_button, self.verdict))
        self.storage = QLabel()
        self.storage.setObjectName("muted")
        self.layout_.addWidget(self.storage)

        self.since = QLineEdit()
        self.since.setPlaceholderText(self.tr("from (UTC) 2026-11-01"))
        self.until = QLineEdit()
        self.until.setPlaceholderText(self.tr("until (UTC)"))
        self.actor_filter = QComboBox()
        self.category_filter = QComboBox()
        self.outcome_filter = QComboBox()
        for combo in (self.actor_filter, self.category_filter, self.outcome_filter):
            combo.setMinimumWidth(120)
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText(self.tr("text in event, object or details"))
        self.apply_button = QPushButton(self.tr("Filter"))
        self.apply_button.setObjectName("applyFilter")
        self.apply_button.clicked.connect(self.apply_filters)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear_filters)
        for edit in (self.since, self.until, self.text_filter):
            edit.returnPressed.connect(self.apply_filters)
        filters = QHBoxLayout()
        for widget in (self.since, self.until, self.actor_filter, self.category_filter,
                       self.outcome_filter, self.text_filter, self.apply_button,
                       self.clear_button):
            filters.addWidget(widget)
        self.layout_.addLayout(filters)
        self.filter_error = QLabel()
        self.filter_error.setObjectName("errorText")
        self.filter_error.hide()
        self.layout_.addWidget(self.filter_error)
        self.panel = ProgressPanel(self)
        self.layout_.addWidget(self.panel)
        self.ops = self.operation(self.panel, self._say)
        self.ops.busy_changed.connect(self._update_buttons)

        self.model = AuditTableModel(ctx, actor)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("auditDetail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("Select a record to see all its fields."))
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 330])
        self.layout_.addWidget(splitter, 1)
        self._choices: dict[str, set[str]] = {}
        self.refresh()
        self.watch((AUDIT,), self.show_newer)

    def _fill_choices(self) -> None:
        for combo, column, everyone in ((self.actor_filter, "actor", self.tr("all actors")),
                                        (self.category_filter, "category",
                                         self.tr("all categories")),
                                        (self.outcome_filter, "outcome",
                                         self.tr("all outcomes"))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            values = self.ctx.audit.choices(self.actor, column)
            self._choices[column] = set(values)
            for value in values:
                combo.addItem(value if column == "actor" else audit_word(value), value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filters(self) -> AuditFilter:
        return AuditFilter(
            since=self.since.text().strip() or None, until=self.until.text().strip() or None,
            actor=self.actor_filter.currentData(), category=self.category_filter.currentData(),
            outcome=self.outcome_filter.currentData(),
            text=self.text_filter.text().strip() or None)

    def apply_filters(self) -> None:
        filters = self.current_filters()
        try:
            filters.where()  # validates the dates
        except EdgeDeckError as exc:
            self.filter_error.setText(error_text(exc))
            self.filter_error.show()
            return
        self.filter_error.hide()
        self.model.filters = filters
        self.refresh()

    def clear_filters(self) -> None:
        for edit in (self.since, self.until, self.text_filter):
            edit.clear()
        for combo in (self.actor_filter, self.category_filter, self.outcome_filter):
            combo.setCurrentIndex(0)
        self.apply_filters()

    def refresh(self) -> None:
        if self.model is None:
            return
        self._fill_choices()
        self.model.reload()
        for column, width in ((0, 56), (1, 200), (2, 100), (3, 90), (4, 64), (5, 84), (6, 130),
                              (7, 150)):
            self.table.setColumnWidth(column, width)
        self._show_counts()

    def show_newer(self) -> None:
        """Records written since (here, by the CLI, by the service) go on top; the reader's
        place and selection stay. An archive removed rows: then everything is read again."""
        if self.model is None:
            return
        fresh = self.model.add_newer()
        if any(r.category == "audit" and r.action == "archive" for r in fresh):
            self.refresh()
            return
        if self._new_choices(fresh):
            self._fill_choices()
        self._show_counts()

    def _new_choices(self, records: list[AuditRecord]) -> bool:
        return any(getattr(r, column) not in self._choices.get(column, ())
                   for r in records for column in _CHOICE_COLUMNS)

    def _show_counts(self) -> None:
        count = self.ctx.audit.count(self.actor, self.model.filters)
        head = self.ctx.audit.head(self.actor)
        shown = self.tr("{0} records").format(count) if not self.model.filters.as_dict() else (
            self.tr("{0} matching records").format(count))
        self.summary.setText(self.tr("{0} · head #{1} {2}").format(
            shown, head.seq if head else 0, (head.hash[:12] + "…") if head else "–"))
        storage = self.ctx.audit.storage(self.actor)
        self.storage.setText(self.tr(
            "Storage: {0} of {1} records kept in the database ({2:.0f} %); the database file "
            "is {3:.1f} MiB.").format(storage.records, storage.max_records,
                                      storage.fraction * 100, storage.database_bytes / 2**20))
        colour = {"ok": "", "warn": "color: #d98e04;", "full": "color: #d1242f;"}[storage.level]
        self.storage.setStyleSheet(colour)

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.model is None:
            self.detail.clear()
            return
        record = self.model.records[current.row()].as_dict()
        record["details"] = self.model.records[current.row()].details_dict
        self.detail.setPlainText(json.dumps(record, indent=2, ensure_ascii=False))

    def _say(self, text: str, kind: str) -> None:
        """The verdict line says how a task ended (red when it failed)."""
        self.verdict.setStyleSheet("color: #d1242f;" if kind != "ok" else "")
        self.verdict.setText(text)

    def _update_buttons(self) -> None:
        idle = not self.ops.busy
        for button in (self.verify_button, self.receipt_button, self.export_button,
                       self.archive_button, self.accept_button):
            button.setEnabled(idle)

    def verify(self) -> None:
        ctx, actor = self.ctx, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return ctx.audit.verify(actor, lambda done, total: progress(done, total, ""),
                                    cancelled)

        self.ops.start(self.tr("Verifying the audit chain…"), work, self._verified)

    def _verified(self, result: VerifyResult) -> None:
        colour = "#2e9e4f" if result.ok else "#d1242f"
        self.verdict.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.verdict.setText(service_text(result.summary()))
        self.accept_button.setVisible(self.can(Permission.DELETE_DATA) and not result.ok
                                      and "anchor file" in result.reason)
        self.refresh()

    def receipt(self, show: bool = True) -> None:
        """Sign the head and show the receipt (the service verifies first and audits it)."""
        ctx, actor = self.ctx, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return ctx.audit.receipt(actor)

        self.ops.start(self.tr("Signing the head and checking the trail…"), work,
                       lambda result: self._receipt_ready(result, show))

    def _receipt_ready(self, result: tuple[Any, str], show: bool) -> None:
        from app.audit.anchor import receipt_dict
        from app.ui.dialogs.receipt_dialog import ReceiptDialog

        anchor, text = result
        self.verdict.setStyleSheet("")
        self.verdict.setText(self.tr("Receipt for record #{0} issued.").format(anchor.seq))
        self.receipt_dialog = ReceiptDialog(
            text, receipt_dict(anchor, self.ctx.settings.device_name, self.actor.username),
            self)
        if show:
            self.receipt_dialog.open()
        self.refresh()

    def accept_anchor(self, reason: str | None = None) -> None:
        """Admin: accept the head after the anchor file was lost or rolled back (audited)."""
        if self.ops.busy:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, self.tr("Accept the anchor"),
                self.tr("The anchor file does not match the audit trail. Accept the current "
                        "head only if you know why (e.g. the disk was replaced). Reason, "
                        "stored in the trail:"))
            if not ok:
                return
        ctx, actor = self.ctx, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return ctx.audit.accept_anchor(actor, reason)

        self.ops.start(self.tr("Accepting the head as the anchor…"), work, self._verified)

    def export(self, path: str | None = None, fmt: str | None = None) -> None:
        """Export what the filters show; the service checks the role and audits it."""
        if self.ops.busy:
            return
        if path is None:
            path, chosen = QFileDialog.getSaveFileName(
                self, self.tr("Export audit records"), "audit-export.jsonl",
                ";;".join(EXPORT_FILTERS))
            if not path:
                return
            fmt = EXPORT_FILTERS.get(chosen, "jsonl")
        ctx, actor, filters = self.ctx, self.actor, self.model.filters

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return ctx.audit.export(actor, fmt, Path(path), filters,
                                    lambda done, total: progress(done, total, ""), cancelled)

        self.ops.start(self.tr("Exporting to {0}…").format(path), work, self._exported)

    def _exported(self, result: object) -> None:
        self.verdict.setStyleSheet("")
        self.verdict.setText(self.tr("Exported {0} records to {1}.").format(result.records,
                                                                           result.path))
        self.refresh()

    def archive(self, upto: int | None = None) -> None:
        if self.ops.busy:
            return
        if upto is None:
            head = self.ctx.audit.head(self.actor)
            first = self.ctx.audit.archived_upto(self.actor) + 1
            if head is None or head.seq - 1 < first:
                self.verdict.setText(self.tr("Nothing to archive."))
                return
            upto, ok = QInputDialog.getInt(
                self, self.tr("Archive audit records"),
                self.tr("Seal records #{0} up to this number into a signed file in the data "
                        "folder's audit-archive, then remove them from the database:").format(
                    first), max(first, head.seq // 2), first, head.seq - 1)
            if not ok:
                return
        ctx, actor = self.ctx, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return ctx.audit.archive(actor, upto, cancelled=cancelled)

        self.ops.start(self.tr("Sealing records into an archive segment…"), work,
                       self._archived)

    def _archived(self, result: object) -> None:
        self.verdict.setStyleSheet("")
        self.verdict.setText(self.tr("Sealed #{0}–#{1} into {2}.").format(
            result.first_seq, result.last_seq, Path(result.path).name))
        self.refresh()
