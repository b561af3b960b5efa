"""Knowledge page: the appliance's local knowledge base."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.auth.identity import Actor
from app.context import AppContext
from app.ui.pages.base import Page, empty_state


class KnowledgePage(Page):
    title = QT_TRANSLATE_NOOP("KnowledgePage", "Knowledge")

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.layout_.addWidget(empty_state(self.tr(
            "The knowledge base is empty: no manuals or procedures have been added to this "
            "appliance.")))
        self.layout_.addStretch(1)
