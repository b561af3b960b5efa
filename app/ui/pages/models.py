"""Models page: the execution providers this box really has (the registry joins later)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QTableWidgetItem, QWidget

from app.auth.identity import Actor
from app.context import AppContext
from app.ui.pages.base import Page, card, empty_state, row
from app.ui.widgets.progress_panel import ProgressPanel


class ModelsPage(Page):
    title = "Models"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        registry, r_layout = card()
        heading = QLabel(self.tr("Model registry"))
        heading.setObjectName("sectionTitle")
        r_layout.addWidget(heading)
        r_layout.addWidget(empty_state(self.tr("No models are registered on this appliance.")))
        self.layout_.addWidget(registry)

        providers, p_layout = card()
        heading = QLabel(self.tr("Execution providers"))
        heading.setObjectName("sectionTitle")
        explain = QLabel(self.tr(
            "onnxruntime lists providers whose libraries may be missing; each one is tried with "
            "a tiny model to show which really load."))
        explain.setObjectName("muted")
        explain.setWordWrap(True)
        self.probe_button = QPushButton(self.tr("Check again"))
        self.probe_button.setObjectName("probeButton")
        self.probe_button.clicked.connect(self.refresh)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("providersTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Provider"), self.tr("Really loads"), self.tr("Detail")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(180)
        self.panel = ProgressPanel(self)
        p_layout.addLayout(row(heading, self.probe_button))
        p_layout.addWidget(explain)
        p_layout.addWidget(self.panel)
        p_layout.addWidget(self.table)
        self.layout_.addWidget(providers, 1)
        self.probes: list = []
        self.refresh()

    def refresh(self) -> None:
        if self.panel.busy:
            return
        from engines.providers import probe_all

        self.probe_button.setEnabled(False)

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return probe_all(lambda d, t, name: progress(d, t, f"Trying {name}…"), cancelled)

        self.panel.run(self.tr("Trying each execution provider…"), work, self._show,
                       self._failed)

    def _show(self, probes: list) -> None:
        self.probe_button.setEnabled(True)
        self.probes = probes
        self.table.setRowCount(0)
        for probe in probes:
            r = self.table.rowCount()
            self.table.insertRow(r)
            self.table.setItem(r, 0, QTableWidgetItem(probe.name))
            self.table.setItem(r, 1, QTableWidgetItem(self.tr("yes") if probe.loads
                                                      else self.tr("no")))
            self.table.setItem(r, 2, QTableWidgetItem(probe.detail))
        self.table.resizeColumnsToContents()

    def _failed(self, exc: BaseException) -> None:
        self.probe_button.setEnabled(True)
        self.table.setRowCount(1)
        self.table.setItem(0, 0, QTableWidgetItem(self.tr("onnxruntime")))
        self.table.setItem(0, 2, QTableWidgetItem(str(exc)))

    def shutdown(self) -> None:
        if self.panel.task:
            self.panel.task.cancel()
            self.panel.task.done.wait(10)
