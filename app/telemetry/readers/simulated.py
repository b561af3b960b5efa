"""Simulated accelerators for demos and screenshots on machines without a GPU or NPU.

Only ever used with `--simulate` (implied by `--demo`): the devices are named
"(simulated)", their details say so, and the values start from real recordings (an A100's
`nvidia-smi -q` limits and clocks, an RK3588's three-core `rknpu/load`). The GPU runs a heat
cycle so a demo shows an over-temperature alarm being raised and cleared.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from app.messages import msg
from app.telemetry.model import DeviceSnapshot, Reading

SIMULATED = msg("simulated for demonstration; not a real device")
_INSTANT = msg("instant")


def _walk(value: float, low: float, high: float, step: float, rng: random.Random) -> float:
    return min(high, max(low, value + rng.uniform(-step, step)))


class SimulatedGpuReader:
    """An A100-SXM4-80GB-like GPU: limits from a recorded `nvidia-smi -q`, load random-walked.

    Heat cycle: every `period_s` the temperature climbs to ~92 °C for `hot_s` seconds, starting
    `first_hot_s` after start-up, then cools back to the mid-50s.
    """

    name = "simulated-gpu"

    def __init__(self, clock: Callable[[], float] = time.time, seed: int = 7,
                 period_s: float = 600.0, first_hot_s: float = 60.0, hot_s: float = 45.0) -> None:
        self._clock = clock
        self._start = clock()
        self._rng = random.Random(seed)
        self._util = 35.0
        self._period, self._first_hot, self._hot = period_s, first_hot_s, hot_s
        self.forced_temperature: float | None = None

    def heat(self, elapsed: float) -> float:
        """0 outside the hot phase, rising to 1 within it."""
        if elapsed < self._first_hot:
            return 0.0
        phase = (elapsed - self._first_hot) % self._period
        if phase >= self._hot + 30:
            return 0.0
        if phase < self._hot:
            return min(1.0, phase / 10.0)
        return max(0.0, 1.0 - (phase - self._hot) / 30.0)

    def read(self) -> list[DeviceSnapshot]:
        now = self._clock()
        heat = self.heat(now - self._start)
        self._util = _walk(self._util, 10.0, 98.0, 8.0, self._rng)
        util = max(self._util, 90.0 * heat)
        temp = self.forced_temperature if self.forced_temperature is not None else (
            52.0 + util * 0.12 + 36.0 * heat + math.sin(now / 7) * 0.6)
        mem_used = 18_432.0 + util * 120.0
        power = 62.0 + util * 2.9 + 40.0 * heat

        def r(key: str, label: str, value: float | None, unit: str, meaning: str,
              window: str) -> Reading:
            return Reading(key, label, value, unit, meaning, window, value is not None)

        readings = [
            r("gpu.util", msg("GPU utilisation"), util, "%", msg("Time a kernel was running"),
              msg("driver sample period, 1/6 s to 1 s")),
            r("gpu.mem.used", msg("Memory used"), mem_used, "MiB",
              msg("Framebuffer memory allocated"), _INSTANT),
            r("gpu.mem.total", msg("Memory total"), 81_920.0, "MiB", msg("Framebuffer memory"),
              _INSTANT),
            r("gpu.mem.util", msg("Memory"), mem_used / 819.20, "%",
              msg("Share of memory allocated"), _INSTANT),
            r("gpu.temp", msg("Temperature"), temp, "C", msg("GPU die temperature"), _INSTANT),
            r("gpu.power", msg("Power"), power, "W", msg("Board power draw"),
              msg("1 s average")),
            r("gpu.power.limit", msg("Power limit"), 400.0, "W",
              msg("Power cap the driver enforces"), _INSTANT),
            r("gpu.clock.sm", msg("SM clock"), 1410.0 - 300.0 * heat, "MHz",
              msg("Current SM clock"), _INSTANT),
            r("gpu.clock.mem", msg("Memory clock"), 1593.0, "MHz", msg("Current memory clock"),
              _INSTANT),
            r("gpu.throttle.active", msg("Throttling"), 1.0 if heat > 0.8 else 0.0, "",
              msg("1 while power or temperature limits slow the GPU down"), _INSTANT),
            r("gpu.ecc.uncorrected", msg("ECC uncorrected"), 0.0, "errors",
              msg("Uncorrected memory errors"), msg("since the driver was loaded")),
            Reading("gpu.fan", msg("Fan"), None, "%", msg("Fan speed"), _INSTANT, False,
                    msg("not supported by this device (passively cooled SXM module)")),
        ]
        details = {"simulated": SIMULATED, "uuid": "GPU-00000000-5151-0000-0000-000000000000",
                   "driver": "555.42.02 (recorded)", "cuda": "12.5 (recorded)"}
        return [DeviceSnapshot("gpu0", "gpu", "NVIDIA A100-SXM4-80GB (simulated)",
                               {x.key: x for x in readings}, None, details)]


class SimulatedNpuReader:
    """An RK3588-like three-core NPU (load format and frequencies as recorded)."""

    name = "simulated-npu"

    def __init__(self, seed: int = 11) -> None:
        self._rng = random.Random(seed)
        self._cores = [63.0, 65.0, 64.0]

    def read(self) -> list[DeviceSnapshot]:
        self._cores = [_walk(c, 0.0, 100.0, 6.0, self._rng) for c in self._cores]
        window = msg("driver load window (~1 s)")
        readings = {
            "npu.util": Reading("npu.util", msg("NPU load"), sum(self._cores) / 3, "%",
                                msg("Average load of the three NPU cores"), window),
            "npu.freq": Reading("npu.freq", msg("Frequency"), 1000.0, "MHz",
                                msg("Current NPU clock"), _INSTANT),
            "npu.temp": Reading("npu.temp", msg("Temperature"), 48.0 + sum(self._cores) / 30,
                                "C", msg("NPU thermal zone"), _INSTANT),
        }
        for index, value in enumerate(self._cores):
            key = f"npu.core{index}.util"
            readings[key] = Reading(key, msg("Core {index} load", index=index), value, "%",
                                    msg("Load of NPU core {index}", index=index), window)
        return [DeviceSnapshot("npu-rk0", "npu", "Rockchip RK3588 NPU (simulated)", readings,
                               None, {"simulated": SIMULATED})]


def simulated_readers() -> list[SimulatedGpuReader | SimulatedNpuReader]:
    return [SimulatedGpuReader(), SimulatedNpuReader()]
