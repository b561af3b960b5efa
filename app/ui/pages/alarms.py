"""Alarms page: active alarms and their history."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.auth.identity import Actor
from app.context import AppContext
from app.ui.pages.base import Page, empty_state


class AlarmsPage(Page):
    title = "Alarms"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.layout_.addWidget(empty_state(self.tr(
            "No alarm rules are configured on this appliance, so no alarms are raised. The "
            "Dashboard colours the host amber or red when memory or disk run short.")))
        self.layout_.addStretch(1)
