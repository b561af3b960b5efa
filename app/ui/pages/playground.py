"""Playground: run a model's active version on an image, a sentence or hand-written tensors.

Operators may use it ("run the inspection model on this image"). The page picks the input form
from the model's task and tensor shapes (image → top-5 labels or drawn boxes, text → labels or
the embedding's size, anything else → a JSON editor), runs through InferenceService in a Task
(the first run creates the session, shown with its elapsed time) and shows latency, the provider
that really ran it, and a loud warning when an accelerator was asked for but the CPU was used.
Bad input gets a message naming the problem; the page stays usable. The input forms and the
result views are app/ui/widgets/playground_inputs.py and playground_results.py: a new kind of
input or result is a form or view there plus a mode in app/models/preprocess.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QImage, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from app.auth.identity import Actor
from app.context import AppContext
from app.errors import EdgeDeckError, ValidationError
from app.events import MODELS
from app.models import preprocess as io
from app.models.registry import Model, ModelVersion
from app.ui.i18n_service import error_text
from app.ui.pages.base import Page
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.model_widgets import StatusLine, fallback_text, provider_combo
from app.ui.widgets.playground_inputs import InputForms
from app.ui.widgets.playground_results import ResultPanel, RunOutcome
from app.ui.widgets.progress_panel import ProgressPanel
from engines.base import TensorSpec, short_name

# io.MODE_NAMES, marked here so that lupdate extracts them (the combo translates them).
_MODE_NAMES = (
    QT_TRANSLATE_NOOP("PlaygroundPage", "Image classification"),
    QT_TRANSLATE_NOOP("PlaygroundPage", "Object detection"),
    QT_TRANSLATE_NOOP("PlaygroundPage", "Text"),
    QT_TRANSLATE_NOOP("PlaygroundPage", "Tensors (JSON)"),
)


class PlaygroundPage(Page):
    title = "Playground"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.models: list[Model] = []
        self.version: ModelVersion | None = None
        self.inputs: list[TensorSpec] = []
        self.outputs: list[TensorSpec] = []
        self.tokenizer: io.WordTokenizer | None = None
        self.mode = io.JSON_MODE
        self.loaded: set[tuple[str, int, tuple[str, ...]]] = set()
        self.last: RunOutcome | None = None
        self.image_path: Path | None = None
        self._listed = False

        self.model_combo = QComboBox()
        self.model_combo.setObjectName("playgroundModel")
        self.model_combo.setMinimumHeight(TOUCH_HEIGHT)
        self.model_combo.setMinimumWidth(260)
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.currentIndexChanged.connect(lambda _: self._model_chosen())
        self.provider_combo = provider_combo()
        self.provider_combo.setObjectName("playgroundProviders")
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("playgroundMode")
        self.mode_combo.setMinimumHeight(TOUCH_HEIGHT)
        for mode in io.MODES:
            self.mode_combo.addItem(self.tr(io.MODE_NAMES[mode]), mode)
        self.mode_combo.currentIndexChanged.connect(lambda _: self._mode_chosen())
        controls = QHBoxLayout()
        for text, widget in ((self.tr("Model"), self.model_combo),
                             (self.tr("Run on"), self.provider_combo),
                             (self.tr("Input"), self.mode_combo)):
            controls.addWidget(QLabel(text))
            controls.addWidget(widget)
        controls.addStretch(1)
        self.layout_.addLayout(controls)
        self.info = QLabel()
        self.info.setObjectName("muted")
        self.info.setWordWrap(True)
        self.layout_.addWidget(self.info)

        self.inputs_stack = InputForms(self.choose_image, self.run_text, self.run_json,
                                       self.fill_sample)
        forms = self.inputs_stack  # its widgets, by the names the page always had
        self.open_button, self.image_label = forms.open_button, forms.image_label
        self.text_edit, self.text_run = forms.text_edit, forms.text_run
        self.json_edit, self.json_run = forms.json_edit, forms.json_run
        self.sample_button = forms.sample_button
        self.layout_.addWidget(self.inputs_stack)

        # -- outcome -----------------------------------------------------------------------
        self.panel = ProgressPanel(self)
        self.layout_.addWidget(self.panel)
        self.status = StatusLine("playgroundStatus")
        self.warning = StatusLine("playgroundWarning")
        self.error = StatusLine("playgroundError")
        for line in (self.status, self.warning, self.error):
            self.layout_.addWidget(line)
        self.ops = self.operation(self.panel, self.error.say, failure=self._failure_words)
        self.ops.busy_changed.connect(lambda busy: self._set_enabled(self.version is not None))

        self.split = ResultPanel()
        self.image_view, self.results = self.split.image_view, self.split.results
        self.summary, self.output_text = self.split.summary, self.split.output_text
        self.layout_.addWidget(self.split, 1)
        self.empty = QLabel(self.tr("No model with an active version is registered yet; a "
                                    "technician imports one on the Models page."))
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.layout_.addWidget(self.empty)
        self.reload_models()
        self.watch((MODELS,), self.reload_models, busy=lambda: self.ops.busy)  # new versions

    @property
    def top(self) -> list[tuple[int, float, str]]:
        """The last classification's (index, probability, label) rows."""
        return self.split.top

    # -- choosing a model ---------------------------------------------------------------

    def refresh(self) -> None:
        self.reload_models()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Models imported on the Models page appear without pressing F5."""
        super().showEvent(event)
        if not self.ops.busy:
            self.reload_models()

    def reload_models(self) -> None:
        current = self.model_combo.currentData()
        try:
            models = [m for m in self.ctx.models.list_models(self.actor)
                      if m.active_version is not None]
        except EdgeDeckError as exc:
            self.error.say(error_text(exc), "alarm")
            models = []
        if self._listed and [(m.name, m.active_version) for m in models] == \
                [(m.name, m.active_version) for m in self.models]:
            return  # unchanged: keep the person's input and last result
        self._listed = True
        self.models = models
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for model in models:
            self.model_combo.addItem(f"{model.name} · v{model.active_version}",
                                     model.name)
        longest = max((len(self.model_combo.itemText(i)) for i in range(len(models))),
                      default=20)
        self.model_combo.setMinimumContentsLength(min(longest + 4, 60))
        index = self.model_combo.findData(current)
        self.model_combo.setCurrentIndex(index if index >= 0 else 0)
        self.model_combo.blockSignals(False)
        self.empty.setVisible(not models)
        self.split.setVisible(bool(models))
        self._model_chosen()

    def select_model(self, name: str) -> None:
        index = self.model_combo.findData(name)
        if index < 0:
            raise ValueError(f"no model {name} in the playground")
        self.model_combo.setCurrentIndex(index)

    def _model_chosen(self) -> None:
        name = self.model_combo.currentData()
        self.version, self.inputs, self.outputs, self.tokenizer = None, [], [], None
        self._clear_outcome()
        if name is None:
            self.info.setText("")
            self._set_enabled(False)
            return
        try:
            self.version = self.ctx.models.get_version(self.actor, name)
        except EdgeDeckError as exc:
            self.error.say(error_text(exc), "alarm")
            self._set_enabled(False)
            return
        model = next(m for m in self.models if m.name == name)
        if not io.modes_for(self.version.capabilities):  # chosen by what its engine can do
            self.info.setText(self.tr("{0} is a {1} model: the playground runs models that "
                                      "take tensors.").format(self.version.tag,
                                                              self.version.kind))
            self._set_enabled(False)
            return
        self.inputs = io.specs_of(self.version.inputs)
        self.outputs = io.specs_of(self.version.outputs)
        self.tokenizer = io.WordTokenizer.for_version(self.version)
        mode = io.choose_mode(model.task, self.inputs, self.outputs, self.tokenizer is not None)
        parts = [f"{self.version.tag} · {model.task}",
                 self.tr("inputs: {0}").format("; ".join(s.describe() for s in self.inputs)),
                 self.tr("outputs: {0}").format("; ".join(s.describe() for s in self.outputs))]
        warning = self.version.metadata.get("warning")
        if warning:
            parts.append(warning)
        self.info.setText(" · ".join(parts))
        self.json_edit.clear()
        self._set_enabled(True)
        self.set_mode(mode)

    def set_mode(self, mode: str) -> None:
        """Show the input form for `mode` (the person may override the guess, e.g. JSON)."""
        self.mode = mode
        self.mode_combo.blockSignals(True)
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode))
        self.mode_combo.blockSignals(False)
        self.inputs_stack.show_form(mode)
        self.split.show_mode(mode)

    def _mode_chosen(self) -> None:
        self.set_mode(self.mode_combo.currentData())

    def _set_enabled(self, enabled: bool) -> None:
        enabled = enabled and not self.ops.busy
        self.inputs_stack.set_enabled(enabled)
        for widget in (self.mode_combo, self.provider_combo):
            widget.setEnabled(enabled)

    # -- inputs -------------------------------------------------------------------------

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open an image"), "",
            self.tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;All files (*)"))
        if path:
            self.run_image(path)

    def run_image(self, path: str | Path) -> bool:
        """Run the model on a picture file (what Open image… does after the file dialog)."""
        if self.version is None or not self.inputs:
            return False
        self.image_path = Path(path)
        self.image_label.setText(str(path))
        version, spec, mode = self.version, self.inputs[0], self.mode
        if mode not in (io.IMAGE, io.DETECTION):
            mode = io.IMAGE

        def build() -> tuple[dict[str, np.ndarray], dict[str, Any]]:
            feeds = io.image_feeds(version, spec, path)
            tensor = feeds[spec.name]
            nchw = tensor.shape[1] in (1, 3)
            height, width = (tensor.shape[2], tensor.shape[3]) if nchw else \
                (tensor.shape[1], tensor.shape[2])
            image = QImage(str(path))  # QImage (not QPixmap) may be made off the GUI thread
            return feeds, {"image": None if image.isNull() else image,
                           "input_size": (int(width), int(height))}

        return self._start(mode, build)

    def run_text(self, text: str | None = None) -> bool:
        if text is not None:
            self.text_edit.setPlainText(text)
        if self.version is None:
            return False
        sentence = self.text_edit.toPlainText()
        tokenizer, specs = self.tokenizer, list(self.inputs)
        if tokenizer is None:
            self.error.say(self.tr("{0} ships no vocab.txt, so text cannot be turned into its "
                                   "input; use Tensors (JSON).").format(self.version.tag),
                           "alarm")
            return False
        try:  # cheap, and a typing mistake is best reported before any work starts
            feeds = io.text_feeds(tokenizer, specs, sentence)
        except ValidationError as exc:
            self._clear_outcome()
            self.error.say(error_text(exc), "alarm")
            return False
        return self._start(io.TEXT, lambda: (feeds, {}))

    def fill_sample(self) -> None:
        """Random tensors of the right shapes and dtypes, to edit from."""
        try:
            tokenizer = self.tokenizer
            self.json_edit.setPlainText(io.sample_json(
                self.inputs, len(tokenizer.ids) if tokenizer else None,
                min(tokenizer.max_tokens, 16) if tokenizer else 1))
        except ValidationError as exc:
            self.error.say(error_text(exc), "alarm")

    def run_json(self, text: str | None = None) -> bool:
        if text is not None:
            self.json_edit.setPlainText(text)
        if self.version is None:
            return False
        document, specs = self.json_edit.toPlainText(), list(self.inputs)
        try:
            feeds = io.json_feeds(specs, document)
        except ValidationError as exc:
            self._clear_outcome()
            self.error.say(error_text(exc), "alarm")
            return False
        return self._start(io.JSON_MODE, lambda: (feeds, {}))

    # -- running ------------------------------------------------------------------------

    def _start(self, mode: str, build: Any) -> bool:
        if self.ops.busy:
            self.error.say(self.tr("A run is still going; wait or cancel it."), "warn")
            return False
        version = self.version
        assert version is not None
        providers = list(self.provider_combo.currentData())
        key = (version.model, version.version, tuple(providers))
        inference, actor = self.ctx.inference, self.actor

        def work(progress, cancelled):  # noqa: ANN001, ANN202
            from engines.base import EngineError

            try:
                loaded = inference.load(actor, version.model, version.version, providers,
                                        progress, cancelled)
                progress(0, 0, QCoreApplication.translate("PlaygroundPage", "running…"))
                feeds, extra = build()
                result = inference.run(actor, version.model, feeds, version.version, providers)
            except EngineError as exc:  # engines speak to technicians; say it as a refusal
                raise ValidationError(str(exc)) from exc
            return RunOutcome(mode, result, loaded.report, extra.get("image"),
                              extra.get("input_size"))

        if key in self.loaded:
            text = self.tr("Running {0}…").format(version.tag)
        else:
            text = self.tr("Loading model… {0} on {1} (the first run creates the session)") \
                .format(version.tag, " → ".join(short_name(p) for p in providers))
        self._clear_outcome(keep_image=False)
        return self.ops.start(text, work, lambda outcome: self._finished(key, outcome))

    def _finished(self, key: tuple[str, int, tuple[str, ...]], outcome: RunOutcome) -> None:
        self.loaded.add(key)
        self.last = outcome
        result, report = outcome.result, outcome.report
        self.status.say(self.tr("{0:.2f} ms on {1} · {2}/v{3}").format(
            result.latency_ms, short_name(result.provider), result.model, result.version), "ok")
        if report is not None and report.fell_back_to_cpu:
            self.warning.say(fallback_text(report.requested, report.provider,
                                           report.warnings), "warn")
        labels = self.version.labels if self.version else None
        task = next((m.task for m in self.models if self.version
                     and m.name == self.version.model), "")
        self.split.show_outcome(outcome, labels, task)

    def _failure_words(self, exc: BaseException) -> str:
        return error_text(exc) if isinstance(exc, EdgeDeckError) else self.tr(
            "The run failed: {0}").format(exc)

    def _clear_outcome(self, keep_image: bool = False) -> None:
        for line in (self.status, self.warning, self.error):
            line.clear_line()
        self.split.clear(keep_image)

    def shutdown(self) -> None:
        super().shutdown()
