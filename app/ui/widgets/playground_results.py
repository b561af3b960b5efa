"""What a playground run shows: the picture with detection boxes, the top labels or the
embedding's size, the raw outputs as JSON, chosen by the run's input mode."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models import preprocess as io

TOP_K = 5
BOX_COLOUR = "#e8590c"


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


class ResultPanel(QSplitter):
    """The picture on the left; the summary, the label table and the raw outputs on the right.
    `top` holds the last classification's (index, probability, label) rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
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
        self.addWidget(self.image_view)
        self.addWidget(right)
        self.setSizes([520, 480])
        self.setChildrenCollapsible(False)
        self.top: list[tuple[int, float, str]] = []

    def show_mode(self, mode: str) -> None:
        """Only what `mode`'s results use: the picture, the table, the JSON."""
        self.image_view.setVisible(mode in (io.IMAGE, io.DETECTION))
        self.results.setVisible(mode != io.JSON_MODE)
        self.output_text.setVisible(mode in (io.JSON_MODE, io.DETECTION))

    def clear(self, keep_image: bool = False) -> None:
        self.results.setRowCount(0)
        self.summary.setText("")
        self.output_text.clear()
        self.top = []
        if not keep_image:
            self.image_view.show_image(None)

    def show_outcome(self, outcome: RunOutcome, labels: list[str] | None, task: str) -> None:
        """The run's results as its mode shows them (`task`: the model's, e.g. embeddings)."""
        if outcome.mode in (io.IMAGE, io.DETECTION):
            self.image_view.show_image(outcome.image)
        if outcome.mode == io.DETECTION:
            self._show_detections(outcome, labels)
        elif outcome.mode == io.JSON_MODE:
            self.output_text.setPlainText(io.outputs_json(outcome.result.outputs))
            self.summary.setText(self.tr("Outputs (each cut to {0} values):").format(
                io.SHOWN_VALUES))
        else:
            self._show_scores(outcome.result.outputs, labels, task)

    def _show_scores(self, outputs: dict[str, np.ndarray], labels: list[str] | None,
                     task: str) -> None:
        """Top-5 labels for classifiers; vector length and norm for embeddings."""
        from engines.inputs import top_k

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
