"""What every page has: a title, a scrollable body, and refresh()."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission, allows
from app.context import AppContext


class Page(QWidget):
    title = "Page"
    scrollable = False  # long forms scroll instead of squeezing on 1024x600 panels

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        heading = QLabel(self.tr(self.title))
        heading.setObjectName("pageTitle")
        self.layout_.addWidget(heading)
        if self.scrollable:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            inner = QWidget()
            inner.setObjectName("pageBody")
            self.layout_.addWidget(area, 1)
            self.layout_ = QVBoxLayout(inner)
            self.layout_.setContentsMargins(0, 0, 8, 0)
            area.setWidget(inner)

    def can(self, permission: Permission) -> bool:
        """Mirror of the service's rule, used only to hide what would be refused anyway."""
        return allows(self.actor.role, permission)

    def refresh(self) -> None:
        """Re-read from the services (F5)."""

    def shutdown(self) -> None:
        """Stop timers and background work before the window closes."""

    def theme_changed(self, theme: str) -> None:
        """Restyle what the palette does not reach (e.g. pyqtgraph plots)."""


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
