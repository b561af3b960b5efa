"""Which execution providers really load on this box, probed on a tiny model.

onnxruntime-gpu lists providers whose libraries are missing, so the list alone proves nothing;
each one is tried in the background (progress, Cancel) and the outcome shown in a table.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.operation import Operation
from app.ui.widgets.controls import card, row, touch_button
from app.ui.widgets.progress_panel import ProgressPanel


class ProviderProbe(QWidget):
    """A card: heading, Check again, the probe's progress and a provider/loads/detail table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        section, layout = card()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(section)
        heading = QLabel(self.tr("Execution providers"))
        heading.setObjectName("sectionTitle")
        explain = QLabel(self.tr(
            "onnxruntime lists providers whose libraries may be missing; each one is tried with "
            "a tiny model to show which really load."))
        explain.setObjectName("muted")
        explain.setWordWrap(True)
        self.probe_button = touch_button(self.tr("Check again"), "probeButton", self.probe)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("providersTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Provider"), self.tr("Really loads"), self.tr("Detail")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.panel = ProgressPanel(self)
        self.ops = Operation(self, self.panel)
        self.ops.busy_changed.connect(lambda busy: self.probe_button.setEnabled(not busy))
        layout.addLayout(row(heading, self.probe_button))
        layout.addWidget(explain)
        layout.addWidget(self.panel)
        layout.addWidget(self.table, 1)
        self.probes: list = []

    def probe(self) -> None:
        """Try each provider (a few seconds; TensorRT may take longer)."""
        if self.ops.busy:
            return
        from engines.providers import probe_all

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return probe_all(lambda d, t, name: progress(d, t, f"Trying {name}…"), cancelled)

        self.ops.start(self.tr("Trying each execution provider…"), work, self._show,
                       self._failed)

    def _show(self, probes: list) -> None:
        self.probes = probes
        self.table.setRowCount(0)
        for probe in probes:
            r = self.table.rowCount()
            self.table.insertRow(r)
            self.table.setItem(r, 0, QTableWidgetItem(probe.name))
            self.table.setItem(r, 1, QTableWidgetItem(
                self.tr("yes") if probe.loads else self.tr("no")))
            self.table.setItem(r, 2, QTableWidgetItem(probe.detail))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _failed(self, exc: BaseException) -> None:
        self.table.setRowCount(1)
        self.table.setItem(0, 0, QTableWidgetItem(self.tr("onnxruntime")))
        self.table.setItem(0, 2, QTableWidgetItem(str(exc)))

    def shutdown(self, wait_s: float = 10.0) -> None:
        self.ops.shutdown(wait_s)
