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
    ended = Signal(object)  # the task itself, after finished or failed (outcome on the task)


class Task(QRunnable):
    """One unit of background work; connect to `signals` before `start()`.

    A started task keeps itself alive until it has run: the pool holds only the C++ side, and
    the Python object (with its signals) must outlive whatever started it (a dialog closed
    mid-way, a page dropped).
    """

    _running: set[Task] = set()  # started and not yet let go
    _running_lock = threading.Lock()

    def __init__(self, fn: TaskFn) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Python side owns it; keeps signals alive until done
        self._fn = fn
        self._cancel = threading.Event()
        self.signals = _Signals()
        self.done = threading.Event()
        # The outcome, readable once `done` is set (a caller may wait instead of listening).
        self.result: Any = None
        self.error: BaseException | None = None

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
            self.error = exc
            self.signals.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 - reported to the person, logged with trace
            log.exception("background task failed")
            self.error = exc
            self.signals.failed.emit(exc)
        else:
            self.result = result
            self.signals.finished.emit(result)
        finally:
            self.signals.ended.emit(self)
            self.done.set()  # after the signals: whoever waits may then drop this task

    def start(self, pool: QThreadPool | None = None) -> Task:
        with Task._running_lock:  # tasks that ended are let go here, on the starting thread
            Task._running = {t for t in Task._running if not t.done.is_set()}
            Task._running.add(self)
        (pool or QThreadPool.globalInstance()).start(self)
        return self
