"""Guards against Qt binding defects that would crash a console that runs for months."""

from __future__ import annotations

import gc
import sys
import threading

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    value = Signal(object)


def test_signal_emit_keeps_the_refcount_of_true(qapp):
    """PySide6 6.12.0 returned True from emit() without a reference (pyproject excludes it)."""
    emitter = _Emitter()
    received = []
    emitter.value.connect(received.append)
    gc.collect()
    before = sys.getrefcount(True)

    def emit_many():
        for i in range(200):
            emitter.value.emit(i)

    emit_many()
    worker = threading.Thread(target=emit_many)
    worker.start()
    worker.join()
    qapp.processEvents()
    gc.collect()
    assert len(received) == 400
    assert sys.getrefcount(True) - before > -50
