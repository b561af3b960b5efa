"""A strip showing what runs in the background: text, bar, elapsed time and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.ui.i18n_service import service_text
from app.ui.workers import Task, TaskFn


class ProgressPanel(QWidget):
    """Hidden until `run()`; one task at a time. app/ui/operation.py drives it for pages."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self._label = QLabel()
        self._bar = QProgressBar()
        self._bar.setMinimumWidth(200)
        self._elapsed = QLabel("0.0 s")
        self._elapsed.setMinimumWidth(70)
        self._elapsed.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._cancel = QPushButton(self.tr("Cancel"))
        self._cancel.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._bar)
        layout.addWidget(self._elapsed)
        layout.addWidget(self._cancel)
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(100)
        self._tick.timeout.connect(self._update_elapsed)
        self.task: Task | None = None
        self._callbacks: tuple[Any, Any] = (None, None)
        self.hide()

    @property
    def busy(self) -> bool:
        return self.task is not None

    def run(self, text: str, fn: TaskFn, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            cancellable: bool = True) -> Task:
        if self.task is not None:
            raise RuntimeError("a task is already running in this panel")
        task = Task(fn)
        self.begin(text, cancellable)
        self._callbacks = (on_done, on_error)
        # Bound methods, not lambdas: Qt drops the connection if this panel is destroyed.
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        self.task = task
        return task.start()

    def begin(self, text: str, cancellable: bool = True) -> None:
        """Show `text` with a busy bar and a running clock (run() does this for its task)."""
        self._label.setText(text)
        self._bar.setRange(0, 0)  # busy until the first progress report
        self._cancel.setEnabled(cancellable)
        self._cancel.setVisible(cancellable)
        self._clock.start()
        self._tick.start()
        self.show()

    def end(self) -> None:
        """Hide again (run()'s task does this when it ends)."""
        self._tick.stop()
        self._update_elapsed()
        self.hide()

    def cancel(self) -> None:
        if self.task:
            self.task.cancel()
            self._cancel.setEnabled(False)
            self._label.setText(self._label.text() + " — " + self.tr("cancelling…"))

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self._bar.setRange(0, total)
            self._bar.setValue(done)
        if text:
            self._label.setText(service_text(text))  # a service's progress line, translated

    def _update_elapsed(self) -> None:
        self._elapsed.setText(f"{self._clock.elapsed() / 1000:.1f} s")

    def _stop(self) -> None:
        self.end()
        self.task = None

    def _on_finished(self, result: Any) -> None:
        self._stop()
        on_done, _ = self._callbacks
        if on_done:
            on_done(result)
        self.finished.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        self._stop()
        _, on_error = self._callbacks
        if on_error:
            on_error(exc)
        self.failed.emit(exc)
