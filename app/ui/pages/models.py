"""Models page: the registry (import, versions, lineage, activate, roll back, optimize,
benchmark, delete) and which execution providers this box really has.

Technicians manage models, operators only read: the page hides what the registry would refuse
and shows any refusal it still gets. Everything slower than a database read (imports, optimizing,
benchmarks, the provider probe) runs in a ProgressPanel with elapsed time and Cancel; a benchmark
that asked for an accelerator but ran on the CPU says so in a loud amber line. Models imported
or activated elsewhere (another page, the CLI) appear by themselves ("models" changes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.errors import EdgeDeckError
from app.events import MODELS
from app.models.registry import Model, ModelVersion
from app.ui.flows.model_jobs import ModelJobs
from app.ui.i18n_service import error_text
from app.ui.pages.base import Page
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.controls import StatusLine, read_only_table, touch_button
from app.ui.widgets.model_details import version_details_html
from app.ui.widgets.model_widgets import (
    BenchmarkChart,
    BenchmarksTableModel,
    ModelsTableModel,
    VersionsTableModel,
)
from app.ui.widgets.progress_panel import ProgressPanel
from app.ui.widgets.provider_probe import ProviderProbe


class ModelsPage(Page):
    title = "Models"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.manage = self.can(Permission.MANAGE_MODELS)
        self.delete_allowed = self.can(Permission.DELETE_DATA)
        self.dialog: Any = None
        self.jobs = ModelJobs(self)  # the long jobs; the page keeps offering them by name
        self.choose_import_file = self.jobs.choose_import_file
        self.choose_import_folder = self.jobs.choose_import_folder
        self.import_path = self.jobs.import_path
        self.optimize_selected = self.jobs.optimize_selected
        self.start_optimize = self.jobs.start_optimize
        self.benchmark_selected = self.jobs.benchmark_selected
        self.start_benchmark = self.jobs.start_benchmark
        self.open_batch = self.jobs.open_batch

        # -- actions ---------------------------------------------------------------------
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setObjectName("importButton")
        self.import_button.setMinimumHeight(TOUCH_HEIGHT)
        menu = QMenu(self.import_button)
        menu.addAction(self.tr("ONNX file or model package (.zip)…"), self.choose_import_file)
        menu.addAction(self.tr("Model folder (.onnx with labels, vocab, config)…"),
                       self.choose_import_folder)
        self.import_button.setMenu(menu)
        self.activate_button = touch_button(self.tr("Activate"), "activateButton",
                                            self.activate_selected)
        self.rollback_button = touch_button(self.tr("Roll back"), "rollbackButton",
                                            self.rollback_selected)
        self.optimize_button = touch_button(self.tr("Optimize…"), "optimizeButton",
                                            self.optimize_selected)
        self.benchmark_button = touch_button(self.tr("Benchmark…"), "benchmarkButton",
                                             self.benchmark_selected)
        self.delete_button = touch_button(self.tr("Delete version"), "deleteVersionButton",
                                          self.delete_selected)
        self.batch_button = touch_button(self.tr("Batch job…"), "batchButton", self.open_batch)
        self.batch_button.setVisible(self.can(Permission.RUN_BATCH_JOBS))
        for button in (self.import_button, self.activate_button, self.rollback_button,
                       self.optimize_button, self.benchmark_button):
            button.setVisible(self.manage)
        self.delete_button.setVisible(self.delete_allowed)
        actions = QHBoxLayout()
        for button in (self.import_button, self.activate_button, self.rollback_button,
                       self.optimize_button, self.benchmark_button, self.delete_button,
                       self.batch_button):
            actions.addWidget(button)
        actions.addStretch(1)
        if not self.manage:
            note = QLabel(self.tr("Read-only: technicians import, activate and tune models."))
            note.setObjectName("muted")
            actions.addWidget(note)
        self.layout_.addLayout(actions)

        self.message = StatusLine("modelsMessage")
        self.layout_.addWidget(self.message)
        self.work = ProgressPanel(self)
        self.work.setObjectName("modelsWork")
        self.layout_.addWidget(self.work)
        self.ops = self.operation(self.work, self.message.say, self.message.clear_line)
        self.ops.busy_changed.connect(self._update_buttons)
        self.ops.failed.connect(lambda _: self.reload_models())

        # -- models and their versions ---------------------------------------------------
        self.models_model = ModelsTableModel()
        self.models_table = read_only_table("modelsTable", self.models_model)
        self.models_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._model_changed())
        self.models_table.setMinimumHeight(110)
        self.empty = QLabel(self.tr("No models are registered on this appliance. A technician "
                                    "imports one with Import… (an .onnx file, a folder, or a "
                                    "model package from a USB stick)."))
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.versions_model = VersionsTableModel()
        self.versions_table = read_only_table("versionsTable", self.versions_model)
        self.versions_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._version_changed())
        self.details = QTextBrowser()
        self.details.setObjectName("versionDetails")
        self.details.setOpenLinks(False)

        self.bench_model = BenchmarksTableModel()
        self.bench_table = read_only_table("benchmarksTable", self.bench_model)
        self.chart = BenchmarkChart()
        bench_box = QSplitter(Qt.Orientation.Horizontal)
        bench_box.addWidget(self.bench_table)
        bench_box.addWidget(self.chart)
        bench_box.setSizes([640, 360])

        self.tabs = QTabWidget()
        self.tabs.setObjectName("modelTabs")
        self.tabs.addTab(self.versions_table, self.tr("Versions"))
        self.tabs.addTab(self.details, self.tr("Details"))
        self.tabs.addTab(bench_box, self.tr("Benchmarks"))
        self.provider_probe = ProviderProbe()
        self.tabs.addTab(self.provider_probe, self.tr("Execution providers"))
        # The names the page used before the probe became a widget of its own.
        self.probe_button = self.provider_probe.probe_button
        self.providers_table = self.table = self.provider_probe.table
        self.panel = self.provider_probe.panel
        self.probe_providers = self.provider_probe.probe

        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.models_table)
        top_layout.addWidget(self.empty)
        split.addWidget(top)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        self.layout_.addWidget(split, 1)

        self.reload_models()
        self.probe_providers()
        self.watch((MODELS,), self._models_changed, busy=lambda: self.ops.busy)

    @property
    def probes(self) -> list:
        return self.provider_probe.probes

    @property
    def last_benchmark(self) -> Any:
        return self.jobs.last_benchmark

    @property
    def last_optimized(self) -> ModelVersion | None:
        return self.jobs.last_optimized

    def _models_changed(self) -> None:
        """Imported, activated or deleted elsewhere: re-read, keeping the selected version."""
        version = self.selected_version()
        self.reload_models()
        if version is not None and self.selected_model() is not None \
                and self.selected_model().name == version.model:
            self.select_version(version.version)

    # -- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        self.reload_models()

    def reload_models(self, select: str | None = None) -> None:
        """Re-read the registry, keeping (or moving to) the selected model."""
        keep = select or (self.selected_model().name if self.selected_model() else None)
        try:
            models = self.ctx.models.list_models(self.actor)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            models = []
        self.models_model.set_rows(models)
        self.empty.setVisible(not models)
        self.models_table.setVisible(bool(models))
        if models:
            index = next((i for i, m in enumerate(models) if m.name == keep), 0)
            self.models_table.selectRow(index)
        self.models_table.resizeColumnsToContents()
        self._model_changed()

    def selected_model(self) -> Model | None:
        index = self.models_table.currentIndex()
        if not index.isValid() or index.row() >= len(self.models_model.rows):
            return None
        return self.models_model.rows[index.row()]

    def selected_version(self) -> ModelVersion | None:
        index = self.versions_table.currentIndex()
        if not index.isValid() or index.row() >= len(self.versions_model.rows):
            return None
        return self.versions_model.rows[index.row()]

    def select_model(self, name: str) -> None:
        for i, model in enumerate(self.models_model.rows):
            if model.name == name:
                self.models_table.selectRow(i)
                return

    def select_version(self, version: int) -> None:
        for i, item in enumerate(self.versions_model.rows):
            if item.version == version:
                self.versions_table.selectRow(i)
                return

    def _model_changed(self, keep_version: int | None = None) -> None:
        model = self.selected_model()
        versions, benchmarks = [], []
        if model is not None:
            try:
                versions = self.ctx.models.versions(self.actor, model.name)
                benchmarks = self.ctx.models.benchmarks(self.actor, model.name)
            except EdgeDeckError as exc:
                self.message.say(error_text(exc), "alarm")
        self.versions_model.set_rows(versions)
        self.bench_model.set_rows(benchmarks)
        self.chart.set_benchmarks(benchmarks)
        wanted = keep_version or (model.active_version if model else None)
        if versions:
            index = next((i for i, v in enumerate(versions) if v.version == wanted),
                         len(versions) - 1)
            self.versions_table.selectRow(index)
        self.versions_table.resizeColumnsToContents()
        self.bench_table.resizeColumnsToContents()
        self._version_changed()

    def _version_changed(self) -> None:
        version = self.selected_version()
        self.details.setHtml(self.details_html(version) if version else "")
        self._update_buttons()

    def details_html(self, version: ModelVersion) -> str:
        """Everything a technician checks before activating: tensors, lineage, files."""
        try:
            chain = self.ctx.models.lineage(self.actor, version.model, version.version)
        except EdgeDeckError:
            chain = [version]
        return version_details_html(version, self.selected_model(), chain)

    def _update_buttons(self) -> None:
        version = self.selected_version()
        model = self.selected_model()
        idle = not self.ops.busy
        usable = version is not None and version.status == "active"
        self.import_button.setEnabled(idle)
        self.activate_button.setEnabled(idle and usable and not version.active)
        self.rollback_button.setEnabled(idle and model is not None
                                        and model.version_count > 1)
        self.optimize_button.setEnabled(idle and usable)
        self.benchmark_button.setEnabled(idle and usable)
        self.delete_button.setEnabled(idle and usable and not version.active)

    # -- quick actions (one database transaction) -----------------------------------------

    def _quick(self, fn: Callable[[], Any], done: Callable[[Any], str]) -> bool:
        """One transaction off the GUI thread; show the outcome and re-read."""
        def succeeded(result: Any) -> None:
            self.message.say(done(result), "ok")
            model = self.selected_model()
            self.reload_models(model.name if model else None)

        def refused(exc: BaseException) -> None:
            self.ops.say(self.ops.describe(exc), "alarm")
            self._model_changed(self.selected_version().version
                                if self.selected_version() else None)

        return self.ops.quick(fn, succeeded, refused)

    def activate_selected(self) -> bool:
        version = self.selected_version()
        if version is None:
            return False
        return self._quick(
            lambda: self.ctx.models.activate(self.actor, version.model, version.version),
            lambda _: self.tr("{0} is now in service.").format(version.tag))

    def rollback_selected(self) -> bool:
        model = self.selected_model()
        if model is None:
            return False
        return self._quick(
            lambda: self.ctx.models.rollback(self.actor, model.name),
            lambda m: self.tr("Rolled back: {0}/v{1} is in service again.").format(
                m.name, m.active_version))

    def delete_selected(self, confirm: bool = True) -> QMessageBox | bool:
        """Delete the selected version's files (admin); the row stays for lineage."""
        version = self.selected_version()
        if version is None:
            return False
        if confirm:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete version"),
                              self.tr("Delete the files of {0}? Its record stays for lineage "
                                      "and benchmarks; it cannot be activated again.")
                              .format(version.tag),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                              self)
            box.finished.connect(lambda _: self._delete_answered(box, version))
            self.dialog = box
            box.open()
            return box
        return self._quick(
            lambda: self.ctx.models.delete_version(self.actor, version.model, version.version),
            lambda _: self.tr("{0} deleted.").format(version.tag))

    def _delete_answered(self, box: QMessageBox, version: ModelVersion) -> None:
        self.dialog = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.select_version(version.version)
            self.delete_selected(confirm=False)

    def theme_changed(self, theme: str) -> None:
        self.chart.apply_theme(theme)

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.provider_probe.shutdown(self.shutdown_wait_s)
        super().shutdown()

