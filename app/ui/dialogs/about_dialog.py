"""About: versions of everything, and which execution providers are claimed and really load."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import app
from app.system.versions import collect_versions
from app.ui.operation import Operation
from app.ui.widgets.progress_panel import ProgressPanel


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About EdgeDeck"))
        self.setMinimumSize(560, 560)
        title = QLabel(f"EdgeDeck {app.__version__}")
        title.setObjectName("pageTitle")
        blurb = QLabel(self.tr("The admin console of this edge AI appliance. It opens no "
                               "network connection of its own."))
        blurb.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Version")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for name, version in collect_versions().items():
            self._add_row(name, version or self.tr("not installed"))
        self.panel = ProgressPanel(self)
        self.ops = Operation(self, self.panel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.panel)
        layout.addWidget(buttons)
        self._probe()

    def _add_row(self, name: str, value: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(value))

    def _probe(self) -> None:
        from engines.providers import probe_all

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return probe_all(lambda d, t, name: progress(d, t, f"Probing {name}…"), cancelled)

        self.ops.start(self.tr("Checking which execution providers really load…"), work,
                       self._show_probes,
                       lambda exc: self._add_row("execution providers", f"check failed: {exc}"))

    def _show_probes(self, probes: list) -> None:
        for probe in probes:
            state = self.tr("loads") if probe.loads else self.tr("listed, does not load")
            self._add_row(probe.name, f"{state} — {probe.detail}")
        self.table.resizeColumnToContents(0)

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        self.ops.shutdown(10)
        super().done(result)
