"""The audit trail as a table: newest first, read page by page as the reader scrolls."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.audit.trail import AuditFilter, AuditRecord
from app.auth.identity import Actor
from app.context import AppContext
from app.ui.i18n import role_word
from app.ui.i18n_service import audit_word

PAGE_SIZE = 200
COLUMNS = (
    ("seq", "#"),
    ("ts", QT_TRANSLATE_NOOP("AuditTableModel", "Time (UTC)")),
    ("actor", QT_TRANSLATE_NOOP("AuditTableModel", "Actor")),
    ("role", QT_TRANSLATE_NOOP("AuditTableModel", "Role")),
    ("source", QT_TRANSLATE_NOOP("AuditTableModel", "Source")),
    ("category", QT_TRANSLATE_NOOP("AuditTableModel", "Category")),
    ("action", QT_TRANSLATE_NOOP("AuditTableModel", "Event")),
    ("object", QT_TRANSLATE_NOOP("AuditTableModel", "Object")),
    ("outcome", QT_TRANSLATE_NOOP("AuditTableModel", "Outcome")),
)
_OUTCOME_COLOURS = {"failure": "#d1242f", "denied": "#d98e04"}
# Columns whose stored English word is shown translated (the record itself is never changed).
_WORD_COLUMNS = frozenset({"source", "category", "action", "outcome"})
Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    """Keyset paging through the service: only the rows scrolled into view are ever read."""

    def __init__(self, ctx: AppContext, actor: Actor) -> None:
        super().__init__()
        self._ctx = ctx
        self._actor = actor
        self.records: list[AuditRecord] = []
        self.filters = AuditFilter()
        self._exhausted = False

    def reload(self) -> None:
        self.beginResetModel()
        self.records = self._ctx.audit.page(self._actor, None, PAGE_SIZE, self.filters)
        self._exhausted = len(self.records) < PAGE_SIZE
        self.endResetModel()

    def add_newer(self) -> list[AuditRecord]:
        """Put the records newer than the top row in front (rows below, the selection and the
        scroll position stay); returns them. More than a page: read again from the top."""
        if not self.records:
            self.reload()
            return list(self.records)
        newest = self.records[0].seq
        fresh = [r for r in self._ctx.audit.page(self._actor, None, PAGE_SIZE, self.filters)
                 if r.seq > newest]
        if len(fresh) >= PAGE_SIZE:
            self.reload()
        elif fresh:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self.records[0:0] = fresh
            self.endInsertRows()
        return fresh

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        field = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(record, field)
            if field == "ts":
                return value.replace("T", " ").rstrip("Z")[:19]
            if field in _WORD_COLUMNS:
                return audit_word(value)
            if field == "role":
                return role_word(value)
            return value
        if role == Qt.ItemDataRole.ToolTipRole and field in _WORD_COLUMNS | {"role"}:
            return getattr(record, field)  # the stored word, as filters and exports use it
        if role == Qt.ItemDataRole.ForegroundRole and field == "outcome":
            colour = _OUTCOME_COLOURS.get(record.outcome)
            return QColor(colour) if colour else None
        return None

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted and bool(self.records)

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        more = self._ctx.audit.page(self._actor, self.records[-1].seq, PAGE_SIZE, self.filters)
        self._exhausted = len(more) < PAGE_SIZE
        if more:
            start = len(self.records)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self.records.extend(more)
            self.endInsertRows()
