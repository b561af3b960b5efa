"""Run slow work off the GUI thread with progress, elapsed time and cancel.

A task is a plain function `fn(progress, cancelled)`: `progress(done, total, text)` reports and
`cancelled()` says whether the person pressed Cancel. Services stay Qt-free; only this module
knows the work runs in a QThreadPool.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import EdgeDeckError

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]
TaskFn = Callable[[ProgressFn, CancelledFn], Any]


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)  # the exception


class Task(QRunnable):
    """One unit of background work; connect to `signals` before `start()`."""

    def __init__(self, fn: TaskFn) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Python side owns it; keeps signals alive until done
        self._fn = fn
        self._cancel = threading.Event()
        self.signals = _Signals()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._fn(self.signals.progress.emit, self._cancel.is_set)
        except EdgeDeckError as exc:  # expected: a person's mistake or a refusal
            log.info("background task refused: %s", exc)
            self.signals.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 - reported to the person, logged with trace
            log.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)
        finally:
            self.done.set()

    def start(self, pool: QThreadPool | None = None) -> Task:
        (pool or QThreadPool.globalInstance()).start(self)
        return self
