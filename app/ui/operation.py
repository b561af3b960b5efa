"""The one helper every page and dialog runs its background work through.

Services stay plain Python; this is where their calls leave the GUI thread. Three kinds:

- `start(text, fn, done)`: a long job (import, ingest, benchmark, backup) shown in the owner's
  ProgressPanel with its progress, elapsed time and Cancel; one at a time, a second is refused
  with a sentence instead of being queued behind the first.
- `quick(fn, done)`: a short call (one transaction: activate, acknowledge, save). It still runs
  off the GUI thread, which waits in a local event loop so the window keeps painting; the caller
  gets the outcome as from a plain call. When it takes longer than QUICK_PANEL_MS (the database
  is locked by another process) the panel says so with its elapsed time.
- `read(fn, done, key)`: a background read with no panel (chart history, status polls, sizes);
  a newer read under the same key replaces an older one, whose late result is dropped.

A failure is said through `say(text, "alarm")` as failure_text() words it (a service's own
message, translated) unless the call passes its own `failed`; `failed` is then also emitted so
a page can re-read what may have changed. `shutdown()` cancels everything and waits for it, so
no work outlives the window or touches a closed database, and nothing is delivered afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal, Slot

from app.ui.i18n_service import failure_text
from app.ui.widgets.progress_panel import ProgressPanel
from app.ui.workers import Task, TaskFn

QUICK_PANEL_MS = 400  # a quick call still running after this is shown in the panel
Say = Callable[[str, str], None]  # (text, kind): kind ok / warn / alarm, as StatusLine.say
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Operation(QObject):
    """A page's or dialog's background work (see the module docstring)."""

    busy_changed = Signal(bool)  # a long job or a quick call began (True) or ended (False)
    failed = Signal(object)  # the exception, after it was said (start and quick only)

    def __init__(self, owner: QObject, panel: ProgressPanel | None = None,
                 say: Say | None = None, clear: Callable[[], None] | None = None,
                 failure: Callable[[BaseException], str] = failure_text) -> None:
        super().__init__(owner)
        self.panel = panel
        self._say, self._clear = say, clear
        self._failure = failure
        self._job: Task | None = None  # start() without a panel
        self._quick: Task | None = None
        self._loop: QEventLoop | None = None
        self._reads: dict[str, Task] = {}
        # What to call when a task ends (start() without a panel, reads): by task.
        self._callbacks: dict[Task, tuple[Done | None, Failed | None]] = {}
        self._started: list[Task] = []  # every task not yet known to be done
        self.last_job: Task | None = None  # the newest long job (was it cancelled?)
        self._waiting = False  # a slow quick call is shown in the panel
        self.closed = False

    # -- state ---------------------------------------------------------------------------

    @property
    def job(self) -> Task | None:
        """The long job running now, if any."""
        if self.panel is not None:
            return self.panel.task
        return self._job

    @property
    def busy(self) -> bool:
        """A long job or a quick call is running (reads do not count)."""
        return self.job is not None or self._quick is not None

    def reading(self, key: str = "read") -> bool:
        return key in self._reads

    def say(self, text: str, kind: str) -> None:
        if self._say is not None and not self.closed:
            self._say(text, kind)

    def describe(self, exc: BaseException) -> str:
        """What the person reads for a failure (failure_text() unless the owner words it)."""
        return self._failure(exc)

    def say_failure(self, exc: BaseException) -> None:
        """Say what went wrong, in the owner's words for it, then tell `failed` listeners."""
        self.say(self.describe(exc), "alarm")
        self.failed.emit(exc)

    def _busy_refusal(self) -> bool:
        self.say(self.tr("Wait for the running task to finish (or cancel it)."), "warn")
        return False

    # -- long jobs -----------------------------------------------------------------------

    def start(self, text: str, fn: TaskFn, done: Done | None = None,
              failed: Failed | None = None, cancellable: bool = True) -> bool:
        """Run `fn(progress, cancelled)` as the one long job; False when one already runs."""
        if self.closed:
            return False
        if self.job is not None:
            return self._busy_refusal()
        if self._clear is not None:
            self._clear()
        finish = self._ending(done)
        fail = self._ending(failed or self.say_failure)
        if self.panel is not None:
            self.last_job = self.panel.run(text, fn, finish, fail, cancellable)
        else:
            self.last_job = self._job = self._deliver(Task(fn), finish, fail)
            self.last_job.start()
        self._track(self.last_job)
        self.busy_changed.emit(True)
        return True

    def _ending(self, callback: Callable[[Any], None] | None) -> Callable[[Any], None]:
        """`callback`, then busy_changed(False); nothing once the owner has shut down."""

        def ended(value: Any) -> None:
            self._job = None
            if self.closed:
                return
            try:
                if callback is not None:
                    callback(value)
            finally:
                self.busy_changed.emit(self.busy)

        return ended

    def cancel(self) -> None:
        """Ask the long job to stop (as its Cancel button does)."""
        task = self.job
        if self.panel is not None and task is not None:
            self.panel.cancel()
        elif task is not None:
            task.cancel()

    # -- quick calls ---------------------------------------------------------------------

    def quick(self, fn: Callable[[], Any], done: Done | None = None,
              failed: Failed | None = None, text: str = "") -> bool:
        """Call `fn()` off the GUI thread and wait for it with the window still painting;
        `done(result)` or the failure follows before this returns. True when it succeeded."""
        if self.closed:
            return False
        if self._quick is not None:  # called again from inside the wait (a timer, a click)
            return self._busy_refusal()
        task = Task(lambda progress, cancelled: fn())
        loop = QEventLoop()
        task.signals.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        task.signals.failed.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        self._quick, self._loop = task, loop
        shown = QTimer(self)
        shown.setSingleShot(True)
        shown.timeout.connect(lambda: self._show_waiting(text))
        self.busy_changed.emit(True)
        shown.start(QUICK_PANEL_MS)
        self._track(task.start())
        loop.exec()
        shown.stop()
        shown.deleteLater()
        if self._waiting and self.panel is not None and self.panel.task is None:
            self.panel.end()
        self._quick = self._loop = None
        self._waiting = False
        if self.closed:
            return False
        self.busy_changed.emit(self.busy)
        if task.error is not None:
            (failed or self.say_failure)(task.error)
            return False
        if done is not None:
            done(task.result)
        return True

    def _show_waiting(self, text: str) -> None:
        if self.panel is not None and self.panel.task is None and self._quick is not None:
            self._waiting = True
            self.panel.begin(text or self.tr("Working…"), cancellable=False)

    # -- reads ---------------------------------------------------------------------------

    def read(self, fn: TaskFn, done: Done, failed: Failed | None = None,
             key: str = "read") -> Task:
        """Read in the background; an older read under `key` is cancelled and its result
        dropped. A failure goes to `failed` only (a read has no message line of its own)."""
        self.drop(key)
        task = self._reads[key] = self._deliver(Task(fn), done, failed)
        self._track(task.start())
        return task

    def drop(self, key: str = "read") -> None:
        """Cancel the read under `key`; its result, should it still come, is ignored."""
        task = self._reads.pop(key, None)
        if task is not None:
            self._callbacks.pop(task, None)
            task.cancel()

    def _track(self, task: Task) -> None:
        """Remember `task` until it is done, for wait() and shutdown()."""
        self._started = [t for t in self._started if not t.done.is_set()]
        self._started.append(task)

    def _deliver(self, task: Task, done: Done | None, failed: Failed | None) -> Task:
        """Have `done(result)` or `failed(exc)` called on the GUI thread when `task` ends."""
        self._callbacks[task] = (done, failed)
        task.signals.ended.connect(self._ended)  # queued: this object lives on the GUI thread
        return task

    @Slot(object)
    def _ended(self, task: Task) -> None:
        callbacks = self._callbacks.pop(task, None)
        for key, current in list(self._reads.items()):
            if current is task:
                del self._reads[key]
        self._started = [t for t in self._started if not t.done.is_set() and t is not task]
        if callbacks is None or self.closed:
            return  # dropped (superseded), or the owner shut down
        done, failed = callbacks
        if task.error is not None:
            if failed is not None:
                failed(task.error)
        elif done is not None:
            done(task.result)

    # -- lifetime ------------------------------------------------------------------------

    def wait(self, wait_s: float = 10.0) -> None:
        """Cancel everything still running and wait for it (up to `wait_s` each)."""
        tasks = [t for t in self._started if not t.done.is_set()]
        for task in tasks:
            task.cancel()
        if self._loop is not None:
            self._loop.quit()
        for task in tasks:
            task.done.wait(wait_s)
        self._started = [t for t in self._started if not t.done.is_set()]

    def shutdown(self, wait_s: float = 10.0) -> None:
        """Stop for good (the window or dialog closes): cancel, wait, deliver nothing more."""
        self.closed = True
        self.wait(wait_s)
