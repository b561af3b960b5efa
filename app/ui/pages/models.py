"""Models page: the registry (import, versions, lineage, activate, roll back, optimize,
benchmark, delete) and which execution providers this box really has.

Technicians manage models, operators only read: the page hides what the registry would refuse
and shows any refusal it still gets. Everything slower than a database read (imports, optimizing,
benchmarks, the provider probe) runs in a ProgressPanel with elapsed time and Cancel; a benchmark
that asked for an accelerator but ran on the CPU says so in a loud amber line.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.context import AppContext
from app.errors import EdgeDeckError
from app.models.registry import Model, ModelVersion
from app.ui.i18n_service import error_text, failure_text
from app.ui.pages.base import Page, card, row
from app.ui.time_text import local_when
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.controls import read_only_table, touch_button
from app.ui.widgets.model_widgets import (
    BenchmarkChart,
    BenchmarkDialog,
    BenchmarksTableModel,
    ModelsTableModel,
    OptimizeDialog,
    StatusLine,
    VersionsTableModel,
    fallback_text,
    human_size,
    opset_text,
    shape_text,
    short_sha,
)
from app.ui.widgets.progress_panel import ProgressPanel
from engines.base import short_name


class ModelsPage(Page):
    title = "Models"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.manage = self.can(Permission.MANAGE_MODELS)
        self.delete_allowed = self.can(Permission.DELETE_DATA)
        self.dialog: Any = None
        self.last_benchmark: Any = None
        self.last_optimized: ModelVersion | None = None

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
        self.tabs.addTab(self._providers_section(), self.tr("Execution providers"))

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

    def _providers_section(self) -> QWidget:
        """Kept from the first Models page: which providers really load, probed on a tiny
        model, because onnxruntime-gpu lists providers whose libraries are missing."""
        section, layout = card()
        heading = QLabel(self.tr("Execution providers"))
        heading.setObjectName("sectionTitle")
        explain = QLabel(self.tr(
            "onnxruntime lists providers whose libraries may be missing; each one is tried with "
            "a tiny model to show which really load."))
        explain.setObjectName("muted")
        explain.setWordWrap(True)
        self.probe_button = touch_button(self.tr("Check again"), "probeButton",
                                         self.probe_providers)
        self.providers_table = QTableWidget(0, 3)
        self.providers_table.setObjectName("providersTable")
        self.providers_table.setHorizontalHeaderLabels(
            [self.tr("Provider"), self.tr("Really loads"), self.tr("Detail")])
        self.providers_table.verticalHeader().hide()
        self.providers_table.horizontalHeader().setStretchLastSection(True)
        self.providers_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table = self.providers_table  # the name the first Models page used
        self.panel = ProgressPanel(self)
        layout.addLayout(row(heading, self.probe_button))
        layout.addWidget(explain)
        layout.addWidget(self.panel)
        layout.addWidget(self.providers_table, 1)
        self.probes: list = []
        return section

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
        model = self.selected_model()
        esc = html.escape
        lines = [f"<h3>{esc(version.tag)}{' — in service' if version.active else ''}</h3>"]
        if model is not None and model.description:
            lines.append(f"<p>{esc(model.description)}</p>")
        rows = [
            ("Task", model.task if model else ""),
            ("Label", version.label or "—"),
            ("Source", version.source),
            ("SHA-256", version.sha256),
            ("Size", human_size(version.size_bytes)),
            ("ONNX IR / opset", f"{version.ir_version or '?'} / {opset_text(version.opset)}"),
            ("Producer", version.producer or "—"),
            ("Created", f"{local_when(version.created_at)} by {version.created_by}"),
            ("Classes", f"{len(version.labels)} labels" if version.labels else "no labels"),
            ("Status", version.status),
        ]
        try:
            chain = self.ctx.models.lineage(self.actor, version.model, version.version)
        except EdgeDeckError:
            chain = [version]
        if len(chain) > 1:
            rows.append(("Lineage", " ← ".join(f"v{v.version} ({v.source})" for v in chain)))
        if version.accuracy:
            rows.append(("Accuracy change", str(version.accuracy.get("summary", ""))))
        lines.append("<table cellspacing=4>" + "".join(
            f"<tr><td><b>{esc(k)}</b></td><td>{esc(str(v))}</td></tr>" for k, v in rows)
            + "</table>")
        lines.append("<p><b>Inputs</b><br>" + "<br>".join(
            esc(shape_text(t)) for t in version.inputs) + "</p>")
        lines.append("<p><b>Outputs</b><br>" + "<br>".join(
            esc(shape_text(t)) for t in version.outputs) + "</p>")
        if version.metadata:
            lines.append("<p><b>Metadata</b><br>" + "<br>".join(
                f"{esc(k)} = {esc(str(v)[:200])}" for k, v in sorted(version.metadata.items()))
                + "</p>")
        if version.labels:
            shown = ", ".join(version.labels[:20])
            more = f" … (+{len(version.labels) - 20})" if len(version.labels) > 20 else ""
            lines.append(f"<p><b>Labels</b><br>{esc(shown + more)}</p>")
        lines.append("<p><b>Files</b><br>" + "<br>".join(
            f"{esc(f['path'])} · {esc(f['role'])} · {human_size(f['size'])} · "
            f"{short_sha(f['sha256'])}" for f in version.files) + "</p>")
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        version = self.selected_version()
        model = self.selected_model()
        idle = not self.work.busy
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
        """Call the service on the GUI thread (a single transaction); show the outcome."""
        try:
            result = fn()
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            self._model_changed(self.selected_version().version
                                if self.selected_version() else None)
            return False
        self.message.say(done(result), "ok")
        model = self.selected_model()
        self.reload_models(model.name if model else None)
        return True

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

    # -- long work ----------------------------------------------------------------------

    def _start(self, text: str, fn: Callable[[Any, Any], Any],
               on_done: Callable[[Any], None]) -> bool:
        if self.work.busy:
            self.message.say(self.tr("Wait for the running task to finish (or cancel it)."),
                             "warn")
            return False
        self.message.clear_line()
        self.work.run(text, fn, lambda result: self._finished(on_done, result), self._failed)
        self._update_buttons()
        return True

    def _finished(self, on_done: Callable[[Any], None], result: Any) -> None:
        on_done(result)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        text = failure_text(exc)
        self.message.say(text, "alarm")
        self.reload_models()

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a model"), "",
            self.tr("ONNX models and packages (*.onnx *.zip);;All files (*)"))
        if path:
            self.import_path(path)

    def choose_import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a model folder"))
        if path:
            self.import_path(path)

    def import_path(self, path: str | Path, name: str | None = None) -> bool:
        """Import an .onnx file, a model folder or a model package (.zip) in the background."""
        source = Path(path)
        registry, actor = self.ctx.models, self.actor
        if source.suffix.lower() == ".zip":
            from app.models.package import import_package

            def work(progress, cancelled):  # noqa: ANN001, ANN202
                return import_package(registry, actor, source, progress, cancelled)

            text = self.tr("Checking and importing the package {0}…").format(source.name)
        else:
            def work(progress, cancelled):  # noqa: ANN001, ANN202
                return [registry.import_model(actor, source, name=name, progress=progress,
                                              cancelled=cancelled)]

            text = self.tr("Importing {0}…").format(source.name)
        return self._start(text, work, self._imported)

    def _imported(self, versions: list[ModelVersion]) -> None:
        tags = ", ".join(v.tag for v in versions)
        activated = [v.tag for v in versions if v.active]
        text = self.tr("Imported {0}.").format(tags)
        if len(activated) < len(versions):
            text += " " + self.tr("A new version of an existing model is not activated until "
                                  "you choose Activate.")
        self.message.say(text, "ok")
        if versions:
            self.reload_models(versions[-1].model)
            self.select_version(versions[-1].version)

    def optimize_selected(self) -> OptimizeDialog | None:
        version = self.selected_version()
        if version is None:
            return None
        dialog = OptimizeDialog(version.tag, self)
        dialog.accepted.connect(lambda: self.start_optimize(dialog.chosen(), version))
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def start_optimize(self, kind: str, version: ModelVersion | None = None) -> bool:
        """Make a new version (int8, fp16, graph) with lineage and measured accuracy change."""
        version = version or self.selected_version()
        if version is None:
            return False
        inference, actor = self.ctx.inference, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return inference.optimize(actor, version.model, kind, version.version, progress,
                                      cancelled)

        return self._start(self.tr("Optimizing {0} ({1})…").format(version.tag, kind), work,
                           self._optimized)

    def _optimized(self, new: ModelVersion) -> None:
        self.last_optimized = new
        summary = (new.accuracy or {}).get("summary", "")
        self.message.say(self.tr("{0} created from v{1}: {2}. Benchmark it, then Activate it "
                                 "if the change is acceptable.").format(
            new.tag, new.parent_version, summary), "ok")
        self.reload_models(new.model)
        self.select_version(new.version)

    def benchmark_selected(self) -> BenchmarkDialog | None:
        version = self.selected_version()
        if version is None:
            return None
        dialog = BenchmarkDialog(version.tag, self)
        dialog.accepted.connect(lambda: self.start_benchmark(*dialog.chosen(), version))
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def start_benchmark(self, providers: list[str], runs: int = 200,
                        version: ModelVersion | None = None) -> bool:
        """Time the version on the chosen providers; stored and compared in the table/chart."""
        version = version or self.selected_version()
        if version is None:
            return False
        inference, actor = self.ctx.inference, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return inference.benchmark(actor, version.model, version.version, providers,
                                       runs=runs, progress=progress, cancelled=cancelled)

        text = self.tr("Benchmarking {0} ({1} runs, {2})…").format(
            version.tag, runs, " → ".join(short_name(p) for p in providers))
        return self._start(text, work, lambda result: self._benchmarked(version, result))

    def _benchmarked(self, version: ModelVersion, result: Any) -> None:
        self.last_benchmark = result
        figures = self.tr("{0} on {1}: mean {2:.3f} ms, P50 {3:.3f} ms, P99 {4:.3f} ms, "
                          "{5:,.0f} inferences/s").format(
            version.tag, short_name(result.provider), result.mean_ms, result.p50_ms,
            result.p99_ms, result.inferences_per_s)
        if result.fell_back_to_cpu:
            self.message.say(fallback_text(result.requested_providers, result.provider,
                                           result.warnings) + "\n" + figures, "warn")
        else:
            self.message.say(figures, "ok")
        self._model_changed(version.version)
        self.tabs.setCurrentIndex(2)

    # -- batch jobs ---------------------------------------------------------------------

    def open_batch(self) -> Any:
        """The batch job dialog for the selected model (it runs, cancels and resumes jobs)."""
        from app.ui.dialogs.batch_dialog import BatchDialog

        model = self.selected_model()
        dialog = BatchDialog(self.ctx, self.actor, model.name if model else None, self)
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- provider probe -----------------------------------------------------------------

    def probe_providers(self) -> None:
        if self.panel.busy:
            return
        from engines.providers import probe_all

        self.probe_button.setEnabled(False)

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return probe_all(lambda d, t, name: progress(d, t, f"Trying {name}…"), cancelled)

        self.panel.run(self.tr("Trying each execution provider…"), work, self._show_probes,
                       self._probe_failed)

    def _show_probes(self, probes: list) -> None:
        self.probe_button.setEnabled(True)
        self.probes = probes
        self.providers_table.setRowCount(0)
        for probe in probes:
            r = self.providers_table.rowCount()
            self.providers_table.insertRow(r)
            self.providers_table.setItem(r, 0, QTableWidgetItem(probe.name))
            self.providers_table.setItem(r, 1, QTableWidgetItem(
                self.tr("yes") if probe.loads else self.tr("no")))
            self.providers_table.setItem(r, 2, QTableWidgetItem(probe.detail))
        self.providers_table.resizeColumnsToContents()
        self.providers_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)

    def _probe_failed(self, exc: BaseException) -> None:
        self.probe_button.setEnabled(True)
        self.providers_table.setRowCount(1)
        self.providers_table.setItem(0, 0, QTableWidgetItem(self.tr("onnxruntime")))
        self.providers_table.setItem(0, 2, QTableWidgetItem(str(exc)))

    def theme_changed(self, theme: str) -> None:
        self.chart.apply_theme(theme)

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
        for panel in (self.panel, self.work):
            if panel.task:
                panel.task.cancel()
                panel.task.done.wait(10)

