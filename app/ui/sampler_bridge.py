"""Carries snapshots from the sampler thread to the GUI thread through a queued signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.telemetry.model import Snapshot
from app.telemetry.sampler import Sampler


class SamplerBridge(QObject):
    snapshot = Signal(object)

    def __init__(self, sampler: Sampler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sampler = sampler
        sampler.subscribe(self._from_thread)

    def _from_thread(self, snapshot: Snapshot) -> None:
        self.snapshot.emit(snapshot)  # cross-thread emit is queued by Qt
