"""The Models page's long jobs: import, optimize, benchmark, and opening batch jobs.

Each runs in the page's Operation (progress, elapsed time, Cancel) and leaves the page showing
its outcome: the imported or optimized version selected, the benchmark in the table and chart
with a loud line when an accelerator was asked for but the CPU ran it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from app.models.registry import ModelVersion
from app.ui.widgets.model_widgets import BenchmarkDialog, OptimizeDialog, fallback_text
from engines.base import short_name

if TYPE_CHECKING:
    from app.ui.pages.models import ModelsPage


class ModelJobs(QObject):
    """Import, optimize, benchmark and batch for one ModelsPage."""

    def __init__(self, page: ModelsPage) -> None:
        super().__init__(page)
        self.page = page
        self.last_benchmark: Any = None
        self.last_optimized: ModelVersion | None = None

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.page, self.tr("Import a model"), "",
            self.tr("ONNX models and packages (*.onnx *.zip);;All files (*)"))
        if path:
            self.import_path(path)

    def choose_import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self.page, self.tr("Import a model folder"))
        if path:
            self.import_path(path)

    def import_path(self, path: str | Path, name: str | None = None) -> bool:
        """Import an .onnx file, a model folder or a model package (.zip) in the background."""
        source = Path(path)
        registry, actor = self.page.ctx.models, self.page.actor
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
        return self.page.ops.start(text, work, self._imported)

    def _imported(self, versions: list[ModelVersion]) -> None:
        tags = ", ".join(v.tag for v in versions)
        activated = [v.tag for v in versions if v.active]
        text = self.tr("Imported {0}.").format(tags)
        if len(activated) < len(versions):
            text += " " + self.tr("A new version of an existing model is not activated until "
                                  "you choose Activate.")
        self.page.message.say(text, "ok")
        if versions:
            self.page.reload_models(versions[-1].model)
            self.page.select_version(versions[-1].version)

    def optimize_selected(self) -> OptimizeDialog | None:
        version = self.page.selected_version()
        if version is None:
            return None
        dialog = OptimizeDialog(version.tag, self.page)
        dialog.accepted.connect(lambda: self.start_optimize(dialog.chosen(), version))
        dialog.finished.connect(lambda _: setattr(self.page, "dialog", None))
        self.page.dialog = dialog
        dialog.open()
        return dialog

    def start_optimize(self, kind: str, version: ModelVersion | None = None) -> bool:
        """Make a new version (int8, fp16, graph) with lineage and measured accuracy change."""
        version = version or self.page.selected_version()
        if version is None:
            return False
        inference, actor = self.page.ctx.inference, self.page.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return inference.optimize(actor, version.model, kind, version.version, progress,
                                      cancelled)

        return self.page.ops.start(self.tr("Optimizing {0} ({1})…").format(version.tag, kind), work,
                           self._optimized)

    def _optimized(self, new: ModelVersion) -> None:
        self.last_optimized = new
        summary = (new.accuracy or {}).get("summary", "")
        self.page.message.say(self.tr("{0} created from v{1}: {2}. Benchmark it, then Activate it "
                                 "if the change is acceptable.").format(
            new.tag, new.parent_version, summary), "ok")
        self.page.reload_models(new.model)
        self.page.select_version(new.version)

    def benchmark_selected(self) -> BenchmarkDialog | None:
        version = self.page.selected_version()
        if version is None:
            return None
        dialog = BenchmarkDialog(version.tag, self.page)
        dialog.accepted.connect(lambda: self.start_benchmark(*dialog.chosen(), version))
        dialog.finished.connect(lambda _: setattr(self.page, "dialog", None))
        self.page.dialog = dialog
        dialog.open()
        return dialog

    def start_benchmark(self, providers: list[str], runs: int = 200,
                        version: ModelVersion | None = None) -> bool:
        """Time the version on the chosen providers; stored and compared in the table/chart."""
        version = version or self.page.selected_version()
        if version is None:
            return False
        inference, actor = self.page.ctx.inference, self.page.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return inference.benchmark(actor, version.model, version.version, providers,
                                       runs=runs, progress=progress, cancelled=cancelled)

        text = self.tr("Benchmarking {0} ({1} runs, {2})…").format(
            version.tag, runs, " → ".join(short_name(p) for p in providers))
        return self.page.ops.start(text, work, lambda result: self._benchmarked(version, result))

    def _benchmarked(self, version: ModelVersion, result: Any) -> None:
        self.last_benchmark = result
        figures = self.tr("{0} on {1}: mean {2:.3f} ms, P50 {3:.3f} ms, P99 {4:.3f} ms, "
                          "{5:,.0f} inferences/s").format(
            version.tag, short_name(result.provider), result.mean_ms, result.p50_ms,
            result.p99_ms, result.inferences_per_s)
        if result.fell_back_to_cpu:
            self.page.message.say(fallback_text(result.requested_providers, result.provider,
                                           result.warnings) + "\n" + figures, "warn")
        else:
            self.page.message.say(figures, "ok")
        self.page._model_changed(version.version)  # noqa: SLF001 - its page
        self.page.tabs.setCurrentIndex(2)

    def open_batch(self) -> Any:
        """The batch job dialog for the selected model (it runs, cancels and resumes jobs)."""
        from app.ui.dialogs.batch_dialog import BatchDialog

        model = self.page.selected_model()
        dialog = BatchDialog(self.page.ctx, self.page.actor, model.name if model else None,
                             self.page)
        dialog.finished.connect(lambda _: setattr(self.page, "dialog", None))
        self.page.dialog = dialog
        dialog.open()
        return dialog
