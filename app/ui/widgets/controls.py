"""The touch-sized button and the read-only table every page builds its lists from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableView

from app.ui.widgets.alarm_banner import TOUCH_HEIGHT

ROW_HEIGHT = 34  # px: a row a finger can hit


def touch_button(text: str, name: str, slot: Callable[[], Any],
                 min_width: int = 0) -> QPushButton:
    """A button at least TOUCH_HEIGHT tall (gloved fingers) whose click calls `slot()`."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setMinimumHeight(TOUCH_HEIGHT)
    if min_width:
        button.setMinimumWidth(min_width)
    button.clicked.connect(lambda _=False: slot())
    return button


def read_only_table(name: str, model: QAbstractItemModel, row_height: int | None = ROW_HEIGHT,
                    stretch: int | None = None) -> QTableView:
    """Whole-row single selection, no editing, alternating rows; `stretch` is the column that
    takes the spare width (default: the last), `row_height` None keeps Qt's default."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    if row_height is not None:
        view.verticalHeader().setDefaultSectionSize(row_height)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
