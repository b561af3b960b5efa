"""Audit page: the trail, newest first, paged lazily; record detail; chain verification."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from app.audit.trail import AuditRecord, VerifyResult
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.ui.pages.base import Page, empty_state, row
from app.ui.widgets.progress_panel import ProgressPanel

PAGE_SIZE = 200
COLUMNS = (
    ("seq", "#"),
    ("ts", "Time (UTC)"),
    ("actor", "Actor"),
    ("role", "Role"),
    ("source", "Source"),
    ("category", "Category"),
    ("action", "Event"),
    ("object", "Object"),
    ("outcome", "Outcome"),
)
_OUTCOME_COLOURS = {"failure": "#d1242f", "denied": "#d98e04"}
Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    """Keyset paging through the service: only the rows scrolled into view are ever read."""

    def __init__(self, ctx: AppContext, actor: Actor) -> None:
        super().__init__()
        self._ctx = ctx
        self._actor = actor
        self.records: list[AuditRecord] = []
        self._exhausted = False

    def reload(self) -> None:
        self.beginResetModel()
        self.records = self._ctx.audit.page(self._actor, None, PAGE_SIZE)
        self._exhausted = len(self.records) < PAGE_SIZE
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        field = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(record, field)
            return value.replace("T", " ").rstrip("Z")[:19] if field == "ts" else value
        if role == Qt.ItemDataRole.ForegroundRole and field == "outcome":
            colour = _OUTCOME_COLOURS.get(record.outcome)
            return QColor(colour) if colour else None
        return None

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted and bool(self.records)

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        more = self._ctx.audit.page(self._actor, self.records[-1].seq, PAGE_SIZE)
        self._exhausted = len(more) < PAGE_SIZE
        if more:
            start = len(self.records)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self.records.extend(more)
            self.endInsertRows()


class AuditPage(Page):
    title = "Audit"

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
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.layout_.addLayout(row(self.summary, self.verify_button, self.verdict))
        self.panel = ProgressPanel(self)
        self.layout_.addWidget(self.panel)

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
        self.refresh()

    def refresh(self) -> None:
        if self.model is None:
            return
        self.model.reload()
        for column, width in ((0, 56), (1, 200), (2, 100), (3, 90), (4, 64), (5, 84), (6, 130),
                              (7, 150)):
            self.table.setColumnWidth(column, width)
        count = self.ctx.audit_trail.count()
        head = self.ctx.audit_trail.head()
        self.summary.setText(self.tr("{0} records · head #{1} {2}").format(
            count, head.seq if head else 0, (head.hash[:12] + "…") if head else "–"))

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.model is None:
            self.detail.clear()
            return
        record = self.model.records[current.row()].as_dict()
        record["details"] = self.model.records[current.row()].details_dict
        self.detail.setPlainText(json.dumps(record, indent=2, ensure_ascii=False))

    def verify(self) -> None:
        if self.panel.busy:
            return
        self.verify_button.setEnabled(False)
        ctx, actor = self.ctx, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return ctx.audit.verify(actor, lambda done, total: progress(done, total, ""),
                                    cancelled)

        self.panel.run(self.tr("Verifying the audit chain…"), work, self._verified,
                       self._verify_failed)

    def _verified(self, result: VerifyResult) -> None:
        self.verify_button.setEnabled(True)
        colour = "#2e9e4f" if result.ok else "#d1242f"
        self.verdict.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.verdict.setText(result.summary())
        self.refresh()

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verdict.setText(self.tr("Verification could not run: {0}").format(exc))

    def shutdown(self) -> None:
        if getattr(self, "panel", None) and self.panel.task:
            self.panel.task.cancel()
            self.panel.task.done.wait(10)
