"""The monitor: discovered readers → sampler thread → history, alarms and any view.

One object shared by the GUI, `edgedeck monitor` and `edgedeck metrics --serve`, so every
entry point samples the same devices the same way.
"""

from __future__ import annotations

from typing import Any

from app.telemetry.discovery import discover_readers
from app.telemetry.model import Snapshot
from app.telemetry.readers.simulated import simulated_readers
from app.telemetry.sampler import Sampler


class Monitor:
    def __init__(self, ctx: Any, simulate: bool = False, interval_s: float | None = None,
                 record: bool = True, readers: list[Any] | None = None) -> None:
        """`record=False` samples without writing history or evaluating alarms (one-shot CLI
        snapshots must not disturb the running appliance's alarm state)."""
        found = readers if readers is not None else discover_readers(data_dir=ctx.data_dir)
        if simulate:
            found = [*found, *simulated_readers()]
        interval = interval_s or float(ctx.settings.get("sampling_interval_s"))
        self.sampler = Sampler(found, interval)
        if record:
            self.sampler.subscribe(ctx.history.on_snapshot)
            self.sampler.subscribe(ctx.alarms.on_snapshot)

    @property
    def readers(self) -> list[Any]:
        return self.sampler.readers

    def start(self) -> None:
        self.sampler.start()

    def stop(self) -> None:
        self.sampler.stop()

    def snapshot(self) -> Snapshot:
        """One fresh sample now (some rates need two reads: the CLI takes two, 1 s apart)."""
        return self.sampler.sample_once(deadline_s=5.0)
