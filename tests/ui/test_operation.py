"""The one background helper (app/ui/operation.py): long jobs in the panel, quick calls off the
GUI thread, reads that supersede each other, failures in words, and a clean stop."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from app.errors import ValidationError
from app.ui import operation as operation_module
from app.ui.operation import Operation
from app.ui.widgets.progress_panel import ProgressPanel

WAIT_MS = 10_000


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    panel = ProgressPanel(widget)
    said: list[tuple[str, str]] = []
    ops = Operation(widget, panel, lambda text, kind: said.append((text, kind)),
                    lambda: said.append(("", "cleared")))
    widget.show()
    yield ops, panel, said
    ops.shutdown(5)


def test_a_quick_call_runs_off_the_gui_thread_and_returns_its_outcome(owner):
    ops, _, said = owner
    threads: list[threading.Thread] = []
    results: list[int] = []

    def work() -> int:
        threads.append(threading.current_thread())
        return 42

    assert ops.quick(work, results.append)
    assert results == [42] and threads and threads[0] is not threading.main_thread()
    assert not ops.busy and said == []


def test_a_refused_quick_call_is_said_in_words(owner):
    ops, _, said = owner
    failures: list[BaseException] = []
    ops.failed.connect(failures.append)

    def refuse() -> None:
        raise ValidationError("There is no alarm #7 (it may have been cleared).")

    assert not ops.quick(refuse, lambda _: pytest.fail("no result for a refusal"))
    assert said == [("There is no alarm #7 (it may have been cleared).", "alarm")]
    assert isinstance(failures[0], ValidationError)
    assert not ops.quick(lambda: 1 / 0)
    assert said[-1][0].startswith("Failed: ") and "division" in said[-1][0]


def test_a_slow_quick_call_keeps_the_window_alive_and_shows_the_panel(owner, monkeypatch):
    """A call stuck behind another process's write lock: the GUI keeps handling events and
    the panel says something is going on, with its clock, without a Cancel it cannot honour."""
    ops, panel, _ = owner
    monkeypatch.setattr(operation_module, "QUICK_PANEL_MS", 20)
    gate = threading.Event()
    ticks: list[bool] = []
    seen_panel: list[bool] = []

    def on_tick() -> None:  # runs on the GUI thread while the call waits
        ticks.append(True)
        if len(ticks) == 10:
            seen_panel.append(panel.isVisible() and panel._cancel.isHidden())
            gate.set()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(on_tick)
    timer.start()
    try:
        assert ops.quick(lambda: gate.wait(WAIT_MS / 1000) and "saved", text="Saving…")
    finally:
        timer.stop()
    assert len(ticks) >= 10 and seen_panel == [True]
    assert panel.isHidden() and not ops.busy


def test_one_long_job_at_a_time_and_busy_is_announced(qtbot, owner):
    ops, panel, said = owner
    gate = threading.Event()
    states: list[bool] = []
    ops.busy_changed.connect(states.append)
    done: list[str] = []
    assert ops.start("Importing…", lambda progress, cancelled: gate.wait(10) and "imported",
                     done.append)
    assert ops.busy and panel.isVisible() and said == [("", "cleared")]
    assert not ops.start("Second…", lambda progress, cancelled: None)
    assert said[-1] == ("Wait for the running task to finish (or cancel it).", "warn")
    gate.set()
    qtbot.waitUntil(lambda: not ops.busy, timeout=WAIT_MS)
    assert done == ["imported"] and states == [True, False] and panel.isHidden()


def test_a_newer_read_supersedes_the_older_one(qtbot, owner):
    ops, _, _ = owner
    slow_gate = threading.Event()
    got: list[str] = []
    old = ops.read(lambda progress, cancelled: slow_gate.wait(10) and "old", got.append,
                   key="history")
    ops.read(lambda progress, cancelled: "new", got.append, key="history")
    assert old.is_cancelled
    qtbot.waitUntil(lambda: got == ["new"], timeout=WAIT_MS)
    slow_gate.set()
    qtbot.waitUntil(old.done.is_set, timeout=WAIT_MS)
    qtbot.wait(50)
    assert got == ["new"]  # the late, superseded result is dropped


def test_shutdown_cancels_waits_and_delivers_nothing_more(qtbot, owner):
    ops, _, _ = owner
    delivered: list[object] = []
    started = threading.Event()

    def job(progress, cancelled):  # noqa: ANN001, ANN202
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        return "stopped early"

    assert ops.start("Long job…", job, delivered.append)
    assert started.wait(5)
    ops.shutdown(5)
    assert ops.job is None or ops.job.done.is_set()
    qtbot.wait(50)
    assert delivered == [] and not ops.quick(lambda: 1) and not ops.start("x", job)
