"""A read-only Qt table model over a Python list, shared by the pages' tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A read-only table over a Python list; subclasses say what each cell shows."""

    headers: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.header_text(self.headers[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        item = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, index.column()) or self.text(item, index.column())
        return self.style(item, index.column(), role)

    def header_text(self, header: str) -> str:
        """Column title translated in the subclass's context (headers are marked with
        QT_TRANSLATE_NOOP(<class name>, ...)); a page with its own context overrides this."""
        return QCoreApplication.translate(type(self).__name__, header)

    def text(self, item: Any, column: int) -> str:
        """Each table model says how its rows read; the base only knows the mechanics."""
        raise TypeError(f"{type(self).__name__} must define text()")

    def tooltip(self, item: Any, column: int) -> str | None:
        return None

    def style(self, item: Any, column: int, role: int) -> Any:
        return None

    def cell(self, row: int, column: int) -> str:
        """What a person reads in that cell (tests, screen readers)."""
        return self.text(self.rows[row], column)
