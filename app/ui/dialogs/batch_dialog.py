"""Batch job dialog: a model over a folder of images or a JSONL file, results to CSV/JSONL.

The job runs in a ProgressPanel (progress, elapsed time, Cancel); a cancelled or interrupted job
is offered for resuming, and the finished job's counts and first failures (input and reason)
are shown so a technician can fix the inputs. Closing the dialog while a job runs cancels it
cleanly: every row written so far is kept and the job can be resumed later.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.context import AppContext
from app.errors import EdgeDeckError
from app.models.batch import BatchJob
from app.models.inference import CPU
from app.ui.i18n_service import error_text, service_text
from app.ui.operation import Operation
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.model_widgets import StatusLine
from app.ui.widgets.progress_panel import ProgressPanel
from app.ui.widgets.rows_model import RowsModel

FAILURES_SHOWN = 50


class FailuresTableModel(RowsModel):
    """The failed rows of the last job: which input, and why."""

    headers = (
        QT_TRANSLATE_NOOP("FailuresTableModel", "#"),
        QT_TRANSLATE_NOOP("FailuresTableModel", "Input"),
        QT_TRANSLATE_NOOP("FailuresTableModel", "Reason"),
    )

    def text(self, item: dict[str, Any], column: int) -> str:
        if column == 0:
            return str(item.get("index") or "")
        if column == 1:
            return str(item.get("path", item.get("line", "")))
        return service_text(str(item.get("error", "")))  # the service's reason, translated

    def tooltip(self, item: dict[str, Any], column: int) -> str | None:
        if column != 2:
            return None
        return service_text(str(item.get("error", ""))) or None  # a long reason, whole


class BatchDialog(QDialog):
    """Pick the model, the input and the results file; run, cancel, resume, read the summary."""

    def __init__(self, ctx: AppContext, actor: Actor, model: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.setObjectName("batchDialog")
        self.setWindowTitle(self.tr("Batch job"))
        self.setMinimumWidth(640)
        self.last_job: BatchJob | None = None
        self.unfinished: BatchJob | None = None
        self.overwrite_confirmed = False  # the Save as… dialog asked about an existing file

        explain = QLabel(self.tr(
            "Runs a model over every image in a folder (sub-folders too) or every line of a "
            "JSONL file (one JSON object of input tensors per line), writing one result row per "
            "input. A bad input fails only its own row, with the reason."))
        explain.setObjectName("muted")
        explain.setWordWrap(True)

        self.model_combo = QComboBox()
        self.model_combo.setObjectName("batchModel")
        self.version_combo = QComboBox()
        self.version_combo.setObjectName("batchVersion")
        self.model_combo.currentIndexChanged.connect(self._model_changed)
        self.input_edit = QLineEdit()
        self.input_edit.setObjectName("batchInput")
        self.input_edit.setPlaceholderText(self.tr("A folder of images or a .jsonl file"))
        folder_button = self._button(self.tr("Folder…"), "batchInputFolder", self.choose_folder)
        file_button = self._button(self.tr("JSONL file…"), "batchInputFile", self.choose_jsonl)
        self.output_edit = QLineEdit()
        self.output_edit.setObjectName("batchOutput")
        self.output_edit.setPlaceholderText(self.tr("results.csv or results.jsonl"))
        self.output_edit.textChanged.connect(self._output_changed)
        output_button = self._button(self.tr("Save as…"), "batchOutputChoose",
                                     self.choose_output)
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("batchFormat")
        self.format_combo.addItem(self.tr("CSV"), "csv")
        self.format_combo.addItem(self.tr("JSON Lines"), "jsonl")
        self.cpu_check = QCheckBox(self.tr("CPU only (default: TensorRT → CUDA → CPU)"))
        self.cpu_check.setObjectName("batchCpu")

        form = QFormLayout()
        form.addRow(self.tr("Model"), self._line(self.model_combo, self.version_combo))
        form.addRow(self.tr("Input"), self._line(self.input_edit, folder_button, file_button))
        form.addRow(self.tr("Results"), self._line(self.output_edit, output_button))
        form.addRow(self.tr("Format"), self._line(self.format_combo))
        form.addRow("", self.cpu_check)

        # -- an unfinished job ------------------------------------------------------------
        self.resume_label = QLabel()
        self.resume_label.setObjectName("batchUnfinished")
        self.resume_label.setWordWrap(True)
        self.resume_button = self._button(self.tr("Resume"), "batchResume", self.resume)
        self.resume_box = QWidget()
        resume_line = QHBoxLayout(self.resume_box)
        resume_line.setContentsMargins(0, 0, 0, 0)
        resume_line.addWidget(self.resume_label, 1)
        resume_line.addWidget(self.resume_button)

        self.message = StatusLine("batchMessage")
        self.work = ProgressPanel(self)
        self.work.setObjectName("batchWork")
        self.ops = Operation(self, self.work, self.message.say, self.message.clear_line)
        self.ops.busy_changed.connect(lambda _: self._update_buttons())
        self.ops.failed.connect(lambda _: self.refresh_unfinished())
        self.summary = QLabel()
        self.summary.setObjectName("batchSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.failures_model = FailuresTableModel()
        self.failures_table = QTableView()
        self.failures_table.setObjectName("batchFailures")
        self.failures_table.setModel(self.failures_model)
        self.failures_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.failures_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.failures_table.verticalHeader().hide()
        self.failures_table.horizontalHeader().setStretchLastSection(True)
        self.failures_table.setMinimumHeight(120)
        self.failures_table.hide()

        self.start_button = self._button(self.tr("Start"), "batchStart", self.start)
        self.start_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.resume_box)
        layout.addWidget(self.message)
        layout.addWidget(self.work)
        layout.addWidget(self.summary)
        layout.addWidget(self.failures_table, 1)
        layout.addWidget(self.buttons)

        self._load_models(model)
        self.refresh_unfinished()

    # -- building ------------------------------------------------------------------------

    @staticmethod
    def _button(text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(TOUCH_HEIGHT)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _=False: slot())
        return button

    @staticmethod
    def _line(*widgets: QWidget) -> QHBoxLayout:
        line = QHBoxLayout()
        for index, widget in enumerate(widgets):
            line.addWidget(widget, 1 if index == 0 else 0)
        return line

    def _load_models(self, selected: str | None) -> None:
        try:
            models = [m for m in self.ctx.models.list_models(self.actor) if m.active_version]
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            models = []
        for model in models:
            self.model_combo.addItem(f"{model.name} ({model.task})", model.name)
        index = self.model_combo.findData(selected) if selected else 0
        self.model_combo.setCurrentIndex(max(index, 0))
        self._model_changed()
        if not models:
            self.message.say(self.tr("No model is in service: import and activate one first."),
                             "warn")
        self._update_buttons()

    def _model_changed(self) -> None:
        self.version_combo.clear()
        name = self.model_combo.currentData()
        if name is None:
            return
        try:
            versions = self.ctx.models.versions(self.actor, name)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            return
        for version in reversed(versions):
            if version.status != "active":
                continue
            text = (self.tr("v{0} (in service)").format(version.version) if version.active
                    else f"v{version.version}")
            self.version_combo.addItem(text, version.version)
            if version.active:
                self.version_combo.setCurrentIndex(self.version_combo.count() - 1)

    # -- choosing files ------------------------------------------------------------------

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder of images"))
        if path:
            self.input_edit.setText(path)

    def choose_jsonl(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("JSONL file of inputs"), "",
            self.tr("JSON Lines (*.jsonl *.ndjson *.json);;All files (*)"))
        if path:
            self.input_edit.setText(path)

    def choose_output(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save results as"), "",
            self.tr("CSV (*.csv);;JSON Lines (*.jsonl)"))
        if path:
            if not Path(path).suffix:
                path += ".jsonl" if "jsonl" in chosen else ".csv"
            self.output_edit.setText(path)
            self.overwrite_confirmed = Path(path).exists()  # the file dialog asked

    def _output_changed(self, text: str) -> None:
        self.overwrite_confirmed = False
        suffix = Path(text.strip()).suffix.lower()
        index = self.format_combo.findData({".csv": "csv", ".jsonl": "jsonl",
                                            ".ndjson": "jsonl"}.get(suffix, ""))
        if index >= 0:
            self.format_combo.setCurrentIndex(index)

    # -- running -------------------------------------------------------------------------

    def refresh_unfinished(self) -> None:
        """Offer the newest job that stopped before its end (cancelled, interrupted, failed)."""
        try:
            self.unfinished = self.ctx.batch.last_unfinished(self.actor)
        except EdgeDeckError as exc:
            self.message.say(error_text(exc), "alarm")
            self.unfinished = None
        job = self.unfinished
        self.resume_box.setVisible(job is not None)
        if job is not None:
            self.resume_label.setText(self.tr(
                "Job {0} ({1}) stopped at {2} of {3} inputs ({4}): {5} → {6}").format(
                job.id, job.tag, job.done, job.total, self.state_word(job.state),
                Path(job.input_path).name, job.output_path))
        self._update_buttons()

    def state_word(self, state: str) -> str:
        return {"new": self.tr("not started"), "running": self.tr("running"),
                "cancelled": self.tr("cancelled"), "interrupted": self.tr("interrupted"),
                "failed": self.tr("failed"), "done": self.tr("finished")}.get(state, state)

    def _update_buttons(self) -> None:
        idle = not self.ops.busy
        self.start_button.setEnabled(idle and self.model_combo.count() > 0)
        self.resume_button.setEnabled(idle and self.unfinished is not None)
        for widget in (self.model_combo, self.version_combo, self.input_edit, self.output_edit,
                       self.format_combo, self.cpu_check):
            widget.setEnabled(idle)

    def start(self) -> bool:
        """Create the job from the form and run it in the background."""
        if self.ops.busy:
            return False
        name = self.model_combo.currentData()
        source, output = self.input_edit.text().strip(), self.output_edit.text().strip()
        if name is None:
            self.message.say(self.tr("Choose a model."), "warn")
            return False
        if not source or not output:
            self.message.say(self.tr("Choose the input (a folder or a JSONL file) and where "
                                     "the results go."), "warn")
            return False
        batch, actor = self.ctx.batch, self.actor
        version = self.version_combo.currentData()
        fmt = self.format_combo.currentData()
        providers = [CPU] if self.cpu_check.isChecked() else None
        overwrite = self.overwrite_confirmed

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            job = batch.create(actor, name, source, output, fmt, version, providers,
                               overwrite=overwrite, progress=progress, cancelled=cancelled)
            return self._finish(batch, actor, batch.run(actor, job.id, progress, cancelled))

        return self._run(self.tr("Batch job: {0} over {1}…").format(name, Path(source).name),
                         work)

    def resume(self) -> bool:
        """Continue the unfinished job from its last committed row."""
        job = self.unfinished
        if job is None or self.ops.busy:
            return False
        batch, actor = self.ctx.batch, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            return self._finish(batch, actor, batch.run(actor, job.id, progress, cancelled))

        return self._run(self.tr("Resuming job {0} ({1} of {2} done)…").format(
            job.id, job.done, job.total), work)

    @staticmethod
    def _finish(batch: Any, actor: Actor, job: BatchJob) -> tuple[BatchJob, list]:
        """Still on the worker thread: read the first failures while the file is warm."""
        try:
            failures = batch.failures(actor, job.id, FAILURES_SHOWN) if job.failed else []
        except EdgeDeckError:
            failures = []
        return job, failures

    def _run(self, text: str, work: Any) -> bool:
        self.summary.hide()
        self.failures_table.hide()
        return self.ops.start(text, work, self._done)

    def _done(self, result: tuple[BatchJob, list]) -> None:
        job, failures = result
        self.last_job = job
        rate = job.done / job.elapsed_s if job.elapsed_s > 0 else 0.0
        self.summary.setText(self.tr(
            "Job {0} {1}: {2} of {3} inputs — {4} ok, {5} failed — {6:.1f} s ({7:.1f} inputs/s)"
            "\nResults: {8}").format(job.id, self.state_word(job.state), job.done, job.total,
                                     job.ok, job.failed, job.elapsed_s, rate, job.output_path))
        self.summary.show()
        self.failures_model.set_rows(failures)
        self.failures_table.setVisible(bool(failures))
        self.failures_table.resizeColumnsToContents()
        if job.state == "done":
            kind = "warn" if job.failed else "ok"
            self.message.say(self.tr("Finished; {0} input(s) failed, see the reasons below.")
                             .format(job.failed) if job.failed else self.tr("Finished."), kind)
        else:
            self.message.say(self.tr("Cancelled after {0} of {1} inputs; every row so far is "
                                     "kept. Resume continues from there.").format(
                job.done, job.total), "warn")
        self.refresh_unfinished()

    # -- closing -------------------------------------------------------------------------

    def stop(self) -> None:
        """Cancel a running job and wait for its last commit (rows stay, it can resume)."""
        self.ops.wait(30)

    def reject(self) -> None:
        self.stop()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.stop()
        super().closeEvent(event)
