"""The sampler keeps its rhythm whatever a reader does."""

from __future__ import annotations

import threading
import time

from app.telemetry.model import DeviceSnapshot, Reading
from app.telemetry.sampler import Sampler


class Steady:
    name = "steady"

    def read(self):
        return [DeviceSnapshot("host", "host", "h", {
            "cpu.util": Reading("cpu.util", "CPU", 5.0, "%", "busy", "1 s")})]


class Flaky:
    name = "nvml"

    def __init__(self):
        self.calls = 0
        self.closed = False

    def read(self):
        self.calls += 1
        if self.calls == 2:
            raise RuntimeError("NVML: Unknown Error")
        return [DeviceSnapshot("gpu0", "gpu", "GPU 0"), DeviceSnapshot("gpu1", "gpu", "GPU 1")]

    def close(self):
        self.closed = True


class Hanging:
    name = "npu-smi"

    def __init__(self):
        self.release = threading.Event()
        self.calls = 0

    def read(self):
        self.calls += 1
        if self.calls == 1:
            return [DeviceSnapshot("npu-ascend0-chip0", "npu", "Ascend 0")]
        self.release.wait(5)
        return [DeviceSnapshot("npu-ascend0-chip0", "npu", "Ascend 0")]


def test_a_failing_reader_reports_under_its_own_device_ids():
    flaky = Flaky()
    sampler = Sampler([Steady(), flaky])
    sampler.sample_once()
    snap = sampler.sample_once()
    errors = {d.device_id: d.error for d in snap.devices}
    assert errors["host"] is None
    assert errors["gpu0"] == errors["gpu1"] == "reader failed: NVML: Unknown Error"
    assert all(d.device_id != "nvml" for d in snap.devices)
    assert {d.device_id for d in sampler.sample_once().devices} == {"host", "gpu0", "gpu1"}
    sampler.stop()
    assert flaky.closed


def test_a_hanging_reader_does_not_hold_up_the_others():
    hanging = Hanging()
    sampler = Sampler([Steady(), hanging], interval_s=0.5)
    sampler.sample_once()
    started = time.monotonic()
    snap = sampler.sample_once(deadline_s=0.2)
    assert time.monotonic() - started < 1.0
    npu = snap.device("npu-ascend0-chip0")
    assert npu.error.startswith("reader 'npu-smi' has not answered")
    assert snap.device("host").error is None
    sampler.sample_once(deadline_s=0.1)
    assert hanging.calls == 2  # not resubmitted while the first call still hangs
    hanging.release.set()
    time.sleep(0.05)
    assert sampler.sample_once(deadline_s=1.0).device("npu-ascend0-chip0").error is None
    sampler.stop()


def test_thread_delivers_snapshots_and_stops():
    sampler = Sampler([Steady()], interval_s=0.5)
    got = []
    sampler.subscribe(got.append)
    sampler.start()
    time.sleep(1.2)
    sampler.stop()
    count = len(got)
    assert 2 <= count <= 4
    time.sleep(0.6)
    assert len(got) == count


def test_interval_bounds():
    import pytest

    with pytest.raises(ValueError):
        Sampler([Steady()], interval_s=0.1)
