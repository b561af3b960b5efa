"""What every page builds with: the touch-sized button, the read-only table, the one-line
status message, cards, rows and the empty-state text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.theme import STATUS_COLOURS
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


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    return frame, layout


def empty_state(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("emptyState")
    label.setWordWrap(True)
    return label


def row(*widgets: QWidget, stretch_last: bool = False) -> QHBoxLayout:
    layout = QHBoxLayout()
    for widget in widgets:
        layout.addWidget(widget)
    if not stretch_last:
        layout.addStretch(1)
    return layout


class StatusLine(QLabel):
    """One line that says what happened: green for done, amber/red for fallbacks and refusals.
    Word-wrapped and selectable (a technician copies the reason into a ticket)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.hide()

    def say(self, text: str, kind: str = "ok") -> None:
        """kind: ok (green text), warn (filled amber band: provider fallback), alarm (filled
        red band: refusal / error). Filled bands read on light and dark themes alike."""
        if kind == "warn":
            style = f"background: {STATUS_COLOURS['warn']}; color: #1b1b1b;"
        elif kind == "alarm":
            style = f"background: {STATUS_COLOURS['alarm']}; color: #ffffff;"
        else:
            style = f"color: {STATUS_COLOURS['ok']};"
        self.setStyleSheet(f"QLabel {{ {style} font-weight: 600; border-radius: 4px;"
                           " padding: 4px 8px; }")
        self.kind = kind
        self.setText(text)
        self.show()

    def clear_line(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()


def muted(text: str = "") -> QLabel:
    """A word-wrapped secondary line (explanations, notes)."""
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label
