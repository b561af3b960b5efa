"""The playground's input forms, one per input mode: a picture file, a sentence, or tensors
written as JSON. A new kind of input is one more form in `InputForms` and one more mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.models import preprocess as io
from app.ui.widgets.controls import touch_button

Action = Callable[[], Any]


def _form(*parts: QWidget) -> tuple[QWidget, QHBoxLayout]:
    form = QWidget()
    row = QHBoxLayout(form)
    row.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        row.addWidget(part)
    return form, row


class InputForms(QStackedWidget):
    """Shows the form of the current mode, only as tall as that form."""

    def __init__(self, choose_image: Action, run_text: Action, run_json: Action,
                 fill_sample: Action, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_button = touch_button(self.tr("Open image…"), "openImageButton",
                                        choose_image, min_width=110)
        self.image_label = QLabel(self.tr("No image chosen."))
        self.image_label.setObjectName("muted")
        image_form, image_row = _form(self.open_button)
        image_row.addWidget(self.image_label, 1)

        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("playgroundText")
        self.text_edit.setPlaceholderText(self.tr("Type a sentence, e.g. “conveyor belt motor "
                                                  "error E42 on line 3”"))
        self.text_edit.setMaximumHeight(90)
        self.text_run = touch_button(self.tr("Run"), "runTextButton", run_text, min_width=110)
        text_form, text_row = _form()
        text_row.addWidget(self.text_edit, 1)
        text_row.addWidget(self.text_run, 0, Qt.AlignmentFlag.AlignTop)

        self.json_edit = QPlainTextEdit()
        self.json_edit.setObjectName("playgroundJson")
        self.json_edit.setPlaceholderText('{"input_name": [[...]]}')
        self.json_edit.setMaximumHeight(130)
        self.sample_button = touch_button(self.tr("Fill with sample"), "fillSampleButton",
                                          fill_sample, min_width=110)
        self.json_run = touch_button(self.tr("Run"), "runJsonButton", run_json, min_width=110)
        json_form, json_row = _form()
        json_row.addWidget(self.json_edit, 1)
        json_buttons = QVBoxLayout()
        json_buttons.addWidget(self.sample_button)
        json_buttons.addWidget(self.json_run)
        json_buttons.addStretch(1)
        json_row.addLayout(json_buttons)

        self.form_index = {io.IMAGE: self.addWidget(image_form),
                           io.TEXT: self.addWidget(text_form),
                           io.JSON_MODE: self.addWidget(json_form)}
        self.form_index[io.DETECTION] = self.form_index[io.IMAGE]

    def show_form(self, mode: str) -> None:
        self.setCurrentIndex(self.form_index[mode])
        # Only as tall as the current form: the result area gets the rest of the page.
        self.setFixedHeight(self.currentWidget().sizeHint().height())

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.open_button, self.text_run, self.json_run, self.sample_button):
            widget.setEnabled(enabled)
