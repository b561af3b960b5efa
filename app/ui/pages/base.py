"""What every page has: a title, a scrollable body, refresh(), its background work and the
change topics it follows, both stopped by shutdown()."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.auth.identity import Actor
from app.auth.permissions import Permission, allows
from app.context import AppContext
from app.ui.change_relay import ChangeRelay, PageWatch
from app.ui.i18n_service import failure_text
from app.ui.operation import Operation, Say
from app.ui.widgets.controls import card, empty_state, row
from app.ui.widgets.progress_panel import ProgressPanel

__all__ = ["Page", "card", "empty_state", "row"]  # the helpers every page builds with


class Page(QWidget):
    title = "Page"
    scrollable = False  # long forms scroll instead of squeezing on 1024x600 panels
    shutdown_wait_s = 10.0  # how long closing waits for a running task to stop

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.watches: list[PageWatch] = []
        self.operations: list[Operation] = []
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

    def operation(self, panel: ProgressPanel | None = None, say: Say | None = None,
                  clear: Callable[[], None] | None = None,
                  failure: Callable[[BaseException], str] = failure_text) -> Operation:
        """Background work for this page (app/ui/operation.py), stopped by shutdown()."""
        operation = Operation(self, panel, say, clear, failure)
        self.operations.append(operation)
        return operation

    def watch(self, topics: Iterable[str], refresh: Callable[[], None] | None = None,
              busy: Callable[[], bool] | None = None) -> PageWatch:
        """Re-read (`refresh`, default refresh()) when a service says one of `topics`
        changed (app/events.py): at once while on screen, else when next shown."""
        watch = PageWatch(self, ChangeRelay.of(self.ctx), topics, refresh or self.refresh, busy)
        self.watches.append(watch)
        return watch

    def shutdown(self) -> None:
        """Stop following changes and stop background work before the window closes."""
        for watch in self.watches:
            watch.stop()
        for operation in self.operations:
            operation.shutdown(self.shutdown_wait_s)

    def theme_changed(self, theme: str) -> None:
        """Restyle what the palette does not reach (e.g. pyqtgraph plots)."""
