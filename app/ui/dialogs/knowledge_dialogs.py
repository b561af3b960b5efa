"""Small forms of the Knowledge page: a new collection."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLineEdit, QWidget

from app.auth.identity import Actor
from app.knowledge.service import KnowledgeService
from app.ui.dialogs.user_dialogs import FormDialog


class NewCollectionDialog(FormDialog):
    """Name (and describe) a collection; `result_value` is the name once created."""

    def __init__(self, knowledge: KnowledgeService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(QT_TRANSLATE_NOOP("NewCollectionDialog", "New collection"), parent)
        self._knowledge, self._actor = knowledge, actor
        self.name = QLineEdit()
        self.name.setObjectName("collectionName")
        self.name.setPlaceholderText(self.tr("e.g. Line 3 manuals"))
        self.description = QLineEdit()
        self.description.setObjectName("collectionDescription")
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Description"), self.description)

    def check(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("Give the collection a name.")
        return None

    def action(self) -> Callable[[], str]:
        name, description = self.name.text().strip(), self.description.text().strip()

        def create() -> str:
            self._knowledge.create_collection(self._actor, name, description)
            return name

        return create
