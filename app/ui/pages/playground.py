"""Playground: run a model's active version on an image, a sentence or hand-written tensors.

Operators may use it ("run the inspection model on this image"). The page picks the input form
from the model's task and tensor shapes (image → top-5 labels or drawn boxes, text → labels or
the embedding's size, anything else → a JSON editor), runs through InferenceService in a Task
(the first run creates the session, shown with its elapsed time) and shows latency, the provider
that really ran it, and a loud warning when an accelerator was asked for but the CPU was used.
Bad input gets a message naming the problem; the page stays usable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPen, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.auth.identity import Actor
from app.context import AppContext
from app.errors import EdgeDeckError, ValidationError
from app.models import preprocess as io
from app.models.registry import Model, ModelVersion
from app.ui.i18n_service import error_text
from app.ui.pages.base import Page
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.model_widgets import StatusLine, fallback_text, provider_combo
from app.ui.widgets.progress_panel import ProgressPanel
from engines.base import TensorSpec, short_name

TOP_K = 5
BOX_COLOUR = "#e8590c"
# io.MODE_NAMES, marked here so that lupdate extracts them (the combo translates them).
_MODE_NAMES = (
    QT_TRANSLATE_NOOP("PlaygroundPage", "Image classification"),
    QT_TRANSLATE_NOOP("PlaygroundPage", "Object detection"),
    QT_TRANSLATE_NOOP("PlaygroundPage", "Text"),
    QT_TRANSLATE_NOOP("PlaygroundPage", "Tensors (JSON)"),
)


@dataclass
class RunOutcome:
    """What one run produced, handed from the worker thread to the page."""

    mode: str
    result: Any  # app.models.inference.RunResult
    report: Any  # engines.base.LoadReport
    image: QImage | None = None
    input_size: tuple[int, int] | None = None  # model input (width, height) for boxes


class ImageView(QGraphicsView):
    """The picture with detection boxes drawn over it; keeps it fitted when resized."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playgroundImage")
        self.setScene(QGraphicsScene(self))
        self.setMinimumSize(240, 200)
        self.pixmap_item: QGraphicsPixmapItem | None = None
        self.box_items: list[QGraphicsRectItem] = []

    def show_image(self, image: QImage | None) -> None:
        self.scene().clear()
        self.box_items = []
        self.pixmap_item = None
        if image is None or image.isNull():
            return
        self.pixmap_item = self.scene().addPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(QRectF(image.rect()))
        self._fit()

    def draw_boxes(self, found: list[io.Detection], scale_x: float, scale_y: float) -> None:
        """One rectangle and caption per detection, in the picture's own pixels."""
        pen = QPen(QColor(BOX_COLOUR))
        pen.setWidthF(2)
        pen.setCosmetic(True)  # stays 2 px whatever the zoom
        font = QFont()
        font.setBold(True)
        for det in found:
            rect = QRectF(det.x1 * scale_x, det.y1 * scale_y, (det.x2 - det.x1) * scale_x,
                          (det.y2 - det.y1) * scale_y)
            item = self.scene().addRect(rect, pen)
            caption = QGraphicsSimpleTextItem(f"{det.label} {det.score:.0%}", item)
            caption.setBrush(QBrush(QColor(BOX_COLOUR)))
            caption.setFont(font)
            caption.setFlag(QGraphicsSimpleTextItem.GraphicsItemFlag.ItemIgnoresTransformations)
            caption.setPos(rect.topLeft())
            self.box_items.append(item)

    def _fit(self) -> None:
        if self.pixmap_item is not None:
            self.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()


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
        self.top: list[tuple[int, float, str]] = []
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

        # -- input forms (one per mode) --------------------------------------------------
        self.inputs_stack = QStackedWidget()
        self.open_button = self._button(self.tr("Open image…"), "openImageButton",
                                        self.choose_image)
        self.image_label = QLabel(self.tr("No image chosen."))
        self.image_label.setObjectName("muted")
        image_form = QWidget()
        image_row = QHBoxLayout(image_form)
        image_row.setContentsMargins(0, 0, 0, 0)
        image_row.addWidget(self.open_button)
        image_row.addWidget(self.image_label, 1)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("playgroundText")
        self.text_edit.setPlaceholderText(self.tr("Type a sentence, e.g. “conveyor belt motor "
                                                  "error E42 on line 3”"))
        self.text_edit.setMaximumHeight(90)
        self.text_run = self._button(self.tr("Run"), "runTextButton", self.run_text)
        text_form = QWidget()
        text_row = QHBoxLayout(text_form)
        text_row.setContentsMargins(0, 0, 0, 0)
        text_row.addWidget(self.text_edit, 1)
        text_row.addWidget(self.text_run, 0, Qt.AlignmentFlag.AlignTop)
        self.json_edit = QPlainTextEdit()
        self.json_edit.setObjectName("playgroundJson")
        self.json_edit.setPlaceholderText('{"input_name": [[...]]}')
        self.json_edit.setMaximumHeight(130)
        self.sample_button = self._button(self.tr("Fill with sample"), "fillSampleButton",
                                          self.fill_sample)
        self.json_run = self._button(self.tr("Run"), "runJsonButton", self.run_json)
        json_form = QWidget()
        json_row = QHBoxLayout(json_form)
        json_row.setContentsMargins(0, 0, 0, 0)
        json_row.addWidget(self.json_edit, 1)
        json_buttons = QVBoxLayout()
        json_buttons.addWidget(self.sample_button)
        json_buttons.addWidget(self.json_run)
        json_buttons.addStretch(1)
        json_row.addLayout(json_buttons)
        self._form_index = {io.IMAGE: self.inputs_stack.addWidget(image_form),
                            io.TEXT: self.inputs_stack.addWidget(text_form),
                            io.JSON_MODE: self.inputs_stack.addWidget(json_form)}
        self._form_index[io.DETECTION] = self._form_index[io.IMAGE]
        self.layout_.addWidget(self.inputs_stack)

        # -- outcome -----------------------------------------------------------------------
        self.panel = ProgressPanel(self)
        self.layout_.addWidget(self.panel)
        self.status = StatusLine("playgroundStatus")
        self.warning = StatusLine("playgroundWarning")
        self.error = StatusLine("playgroundError")
        for line in (self.status, self.warning, self.error):
            self.layout_.addWidget(line)

        self.image_view = ImageView()
        self.results = QTableWidget(0, 2)
        self.results.setObjectName("playgroundResults")
        self.results.setHorizontalHeaderLabels([self.tr("Label"), self.tr("Probability")])
        self.results.verticalHeader().hide()
        self.results.verticalHeader().setDefaultSectionSize(34)
        self.results.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.results.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary = QLabel()
        self.summary.setObjectName("playgroundSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.output_text = QPlainTextEdit()
        self.output_text.setObjectName("playgroundOutput")
        self.output_text.setReadOnly(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.results, 1)
        right_layout.addWidget(self.output_text, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.image_view)
        self.split.addWidget(right)
        self.split.setSizes([520, 480])
        self.split.setChildrenCollapsible(False)
        self.layout_.addWidget(self.split, 1)
        self.empty = QLabel(self.tr("No model with an active version is registered yet; a "
                                    "technician imports one on the Models page."))
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.layout_.addWidget(self.empty)
        self.reload_models()

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(TOUCH_HEIGHT)
        button.setMinimumWidth(110)
        button.clicked.connect(lambda _=False: slot())
        return button

    # -- choosing a model ---------------------------------------------------------------

    def refresh(self) -> None:
        self.reload_models()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Models imported on the Models page appear without pressing F5."""
        super().showEvent(event)
        if not self.panel.busy:
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
        self.inputs_stack.setCurrentIndex(self._form_index[mode])
        # Only as tall as the current form: the result area gets the rest of the page.
        self.inputs_stack.setFixedHeight(self.inputs_stack.currentWidget().sizeHint().height())
        image_like = mode in (io.IMAGE, io.DETECTION)
        self.image_view.setVisible(image_like)
        self.results.setVisible(mode != io.JSON_MODE)
        self.output_text.setVisible(mode in (io.JSON_MODE, io.DETECTION))

    def _mode_chosen(self) -> None:
        self.set_mode(self.mode_combo.currentData())

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.open_button, self.text_run, self.json_run, self.sample_button,
                       self.mode_combo, self.provider_combo):
            widget.setEnabled(enabled and not self.panel.busy)

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
        if self.panel.busy:
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
        self._set_enabled(False)
        self.panel.run(text, work, lambda outcome: self._finished(key, outcome), self._failed)
        return True

    def _finished(self, key: tuple[str, int, tuple[str, ...]], outcome: RunOutcome) -> None:
        self.loaded.add(key)
        self._set_enabled(True)
        self.last = outcome
        result, report = outcome.result, outcome.report
        self.status.say(self.tr("{0:.2f} ms on {1} · {2}/v{3}").format(
            result.latency_ms, short_name(result.provider), result.model, result.version), "ok")
        if report is not None and report.fell_back_to_cpu:
            self.warning.say(fallback_text(report.requested, report.provider,
                                           report.warnings), "warn")
        labels = self.version.labels if self.version else None
        if outcome.mode in (io.IMAGE, io.DETECTION):
            self.image_view.show_image(outcome.image)
        if outcome.mode == io.DETECTION:
            self._show_detections(outcome, labels)
        elif outcome.mode == io.JSON_MODE:
            self.output_text.setPlainText(io.outputs_json(result.outputs))
            self.summary.setText(self.tr("Outputs (each cut to {0} values):").format(
                io.SHOWN_VALUES))
        else:
            self._show_scores(result.outputs, labels)

    def _show_scores(self, outputs: dict[str, np.ndarray], labels: list[str] | None) -> None:
        """Top-5 labels for classifiers; vector length and norm for embeddings."""
        from engines.inputs import top_k

        task = next((m.task for m in self.models if self.version
                     and m.name == self.version.model), "")
        scores = io.class_scores(outputs, labels)
        if task == "text-embedding" or (scores is None and not labels):
            found = io.embedding_summary(outputs)
            self.results.setRowCount(0)
            self.results.hide()
            if found is None:
                self.summary.setText(self.tr("The model returned no float output to show."))
            else:
                name, size, norm = found
                self.summary.setText(self.tr("Embedding '{0}': {1} values, L2 norm {2:.4f}")
                                     .format(name, size, norm))
            self.output_text.setPlainText(io.outputs_json(outputs, 16))
            self.output_text.show()
            return
        if scores is None:
            self.summary.setText(self.tr("No class scores in the outputs; see them as JSON."))
            self.output_text.setPlainText(io.outputs_json(outputs))
            self.output_text.show()
            return
        self.top = top_k(scores, TOP_K, labels)
        self.results.show()
        self.results.setRowCount(len(self.top))
        for row_index, (_, probability, label) in enumerate(self.top):
            self.results.setItem(row_index, 0, QTableWidgetItem(label))
            cell = QTableWidgetItem(f"{probability:.1%}")
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.results.setItem(row_index, 1, cell)
        best = self.top[0]
        self.summary.setText(self.tr("Top {0} of {1} classes — best: {2} ({3:.1%})").format(
            len(self.top), scores.size, best[2], best[1]))

    def _show_detections(self, outcome: RunOutcome, labels: list[str] | None) -> None:
        width, height = outcome.input_size or (1, 1)
        found = io.detections(outcome.result.outputs, width, height, labels)
        image = outcome.image
        scale_x = image.width() / width if image is not None else 1.0
        scale_y = image.height() / height if image is not None else 1.0
        self.image_view.draw_boxes(found, scale_x, scale_y)
        self.results.show()
        self.results.setRowCount(len(found))
        for row_index, det in enumerate(found):
            self.results.setItem(row_index, 0, QTableWidgetItem(
                f"{det.label} @ ({det.x1:.0f}, {det.y1:.0f}, {det.x2:.0f}, {det.y2:.0f})"))
            self.results.setItem(row_index, 1, QTableWidgetItem(f"{det.score:.1%}"))
        self.summary.setText(self.tr("{0} object(s) with score ≥ {1:.0%}").format(
            len(found), io.BOX_THRESHOLD))
        self.output_text.setPlainText(io.outputs_json(outcome.result.outputs, 32))

    def _failed(self, exc: BaseException) -> None:
        self._set_enabled(True)
        text = error_text(exc) if isinstance(exc, EdgeDeckError) else self.tr(
            "The run failed: {0}").format(exc)
        self.error.say(text, "alarm")

    def _clear_outcome(self, keep_image: bool = False) -> None:
        for line in (self.status, self.warning, self.error):
            line.clear_line()
        self.results.setRowCount(0)
        self.summary.setText("")
        self.output_text.clear()
        self.top = []
        if not keep_image:
            self.image_view.show_image(None)

    def shutdown(self) -> None:
        if self.panel.task:
            self.panel.task.cancel()
            self.panel.task.done.wait(10)
