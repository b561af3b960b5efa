"""Benchmark a model the way `onnxruntime_perf_test` reports it, plus the provider really used.

Reported: session creation time, first inference time, mean and P50/P90/P95/P99 latency,
inferences per second, the process's CPU use and peak resident memory during the timed runs,
and - when the caller passes a GPU sampler (the app passes an NVML-based one) - GPU utilisation
and energy per inference. Memory and CPU are process-wide: they include the rest of the app.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Union

import numpy as np

from engines.base import (
    CancelledFn,
    Engine,
    EngineCancelled,
    EngineError,
    EngineOptions,
    ProgressFn,
)

DEFAULT_RUNS = 100
SAMPLE_INTERVAL_S = 0.1


@dataclass(frozen=True)
class GpuSample:
    """One reading from a GPU sampler. `energy_mj` is a cumulative counter (NVML's
    nvmlDeviceGetTotalEnergyConsumption); without it energy is integrated from `power_w`."""

    utilization_percent: float | None = None
    power_w: float | None = None
    energy_mj: float | None = None


GpuSampler = Callable[[], GpuSample]
EngineSource = Union[Engine, Callable[[], Engine], str, Path]


@dataclass
class BenchResult:
    model: str
    provider: str  # the provider that really ran the model
    providers_used: list[str]
    requested_providers: list[str]
    fell_back_to_cpu: bool
    session_creation_ms: float
    first_inference_ms: float
    warmup_runs: int
    runs: int
    duration_s: float
    mean_ms: float
    std_ms: float
    min_ms: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    inferences_per_s: float
    cpu_percent: float  # process CPU during the timed runs; 100 = one core busy
    peak_rss_mb: float  # process-wide resident memory, highest seen during the benchmark
    gpu_utilization_percent: float | None = None
    energy_per_inference_mj: float | None = None
    gpu_note: str = ""  # why the GPU fields are None
    batch: int = 1
    cancelled: bool = False  # stopped early; statistics cover the runs done
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        return (f"{self.provider}: mean {self.mean_ms:.3f} ms, p50 {self.p50_ms:.3f}, "
                f"p99 {self.p99_ms:.3f} ms, {self.inferences_per_s:.0f} inferences/s, "
                f"CPU {self.cpu_percent:.0f} %, peak RSS {self.peak_rss_mb:.0f} MB")


def percentile(sorted_ms: list[float], q: float) -> float:
    """Nearest-rank percentile (what onnxruntime_perf_test prints)."""
    if not sorted_ms:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_ms)))
    return sorted_ms[min(rank, len(sorted_ms)) - 1]


class _Monitor:
    """Samples RSS (and the GPU, when given) on a thread while the timed runs go on."""

    def __init__(self, sampler: GpuSampler | None) -> None:
        import psutil

        self.process = psutil.Process()
        self.sampler = sampler
        self.peak_rss = self._rss()
        self.gpu: list[tuple[float, GpuSample]] = []
        self.gpu_error = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="bench-monitor", daemon=True)

    def _rss(self) -> int:
        info = self.process.memory_info()
        return max(info.rss, getattr(info, "peak_wset", 0))  # Windows keeps its own peak

    def sample(self) -> None:
        self.peak_rss = max(self.peak_rss, self._rss())
        if self.sampler is not None and not self.gpu_error:
            try:
                self.gpu.append((time.perf_counter(), self.sampler()))
            except Exception as exc:  # noqa: BLE001 - a broken sampler costs its fields only
                self.gpu_error = f"GPU sampler failed: {exc}"

    def _loop(self) -> None:
        while not self._stop.wait(SAMPLE_INTERVAL_S):
            self.sample()

    def __enter__(self) -> _Monitor:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def benchmark(source: EngineSource, inputs: Mapping[str, np.ndarray] | None = None,
              options: EngineOptions | None = None, warmup: int = 10, runs: int | None = None,
              duration_s: float | None = None, cancelled: CancelledFn | None = None,
              progress: ProgressFn | None = None, gpu_sampler: GpuSampler | None = None,
              batch: int = 1) -> BenchResult:
    """Load (timed), run once (timed), warm up, then time single runs.

    `source` is a model path (with `options`), an Engine, or a factory returning one; an Engine
    that is already loaded is used as it is (its LoadReport gives the creation time). Stops
    after `runs` or `duration_s`, whichever comes first (DEFAULT_RUNS when neither is given).
    Cancel stops between runs and returns what was measured, marked cancelled."""
    import psutil

    from engines.inputs import make_sample_inputs
    from engines.onnxruntime import OnnxRuntimeEngine

    if runs is None and duration_s is None:
        runs = DEFAULT_RUNS
    if runs is not None and runs < 1:
        raise EngineError("a benchmark needs at least one run")
    owned = False
    if isinstance(source, (str, Path)):
        engine: Engine = OnnxRuntimeEngine(source, options)
        owned = True
    elif hasattr(source, "run") and hasattr(source, "load"):
        engine = source  # type: ignore[assignment]
    elif callable(source):
        engine = source()
        owned = True
    else:
        raise EngineError(f"cannot benchmark {source!r}: give a model path, an Engine or a "
                          "factory")
    model = str(getattr(engine, "model_path", type(engine).__name__))
    try:
        report = engine.report
        if report is None or not getattr(engine, "loaded", True):
            report = engine.load(progress, cancelled)
        if inputs is None:
            inputs = make_sample_inputs(engine.describe().inputs, batch=batch)
        run = engine.run
        started = time.perf_counter()
        run(inputs)
        first_ms = (time.perf_counter() - started) * 1000
        for index in range(warmup):
            if cancelled is not None and cancelled():
                raise EngineCancelled("benchmark cancelled during warm-up")
            run(inputs)
            if progress is not None and index % 10 == 0:
                progress(0, 0, f"warming up ({index + 1} of {warmup})")

        process = psutil.Process()
        times: list[float] = []
        was_cancelled = False
        limit = runs if runs is not None else 2**62
        total_hint = runs or 0
        next_report = time.perf_counter() + 0.25
        perf = time.perf_counter
        with _Monitor(gpu_sampler) as monitor:
            cpu_before = process.cpu_times()
            wall_before = perf()
            deadline = math.inf if duration_s is None else wall_before + duration_s
            while len(times) < limit:
                if cancelled is not None and cancelled():
                    was_cancelled = True
                    break
                t0 = perf()
                run(inputs)
                t1 = perf()
                times.append(t1 - t0)
                if t1 >= deadline:
                    break
                if progress is not None and t1 >= next_report:
                    progress(len(times), total_hint, f"{len(times)} runs")
                    next_report = t1 + 0.25
            wall = perf() - wall_before
            cpu_after = process.cpu_times()
        if not times:
            raise EngineCancelled("benchmark cancelled before the first timed run")
        cpu_s = (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system)
        ms = sorted(t * 1000 for t in times)
        gpu_util, energy, note = _gpu_figures(monitor, len(times))
        if progress is not None:
            progress(len(times), len(times), "benchmark done")
        return BenchResult(
            model=model,
            provider=report.provider,
            providers_used=list(report.used),
            requested_providers=list(report.requested),
            fell_back_to_cpu=report.fell_back_to_cpu,
            session_creation_ms=report.seconds * 1000,
            first_inference_ms=first_ms,
            warmup_runs=warmup,
            runs=len(times),
            duration_s=wall,
            mean_ms=float(np.mean(ms)),
            std_ms=float(np.std(ms)),
            min_ms=ms[0],
            p50_ms=percentile(ms, 50),
            p90_ms=percentile(ms, 90),
            p95_ms=percentile(ms, 95),
            p99_ms=percentile(ms, 99),
            max_ms=ms[-1],
            inferences_per_s=len(times) / wall if wall > 0 else math.inf,
            cpu_percent=100 * cpu_s / wall if wall > 0 else 0.0,
            peak_rss_mb=monitor.peak_rss / 2**20,
            gpu_utilization_percent=gpu_util,
            energy_per_inference_mj=energy,
            gpu_note=note,
            batch=_batch_of(inputs, batch),
            cancelled=was_cancelled,
            warnings=list(report.warnings),
        )
    finally:
        if owned:
            engine.unload()


def _gpu_figures(monitor: _Monitor, runs: int) -> tuple[float | None, float | None, str]:
    if monitor.sampler is None:
        return None, None, "no NVML"
    if monitor.gpu_error:
        return None, None, monitor.gpu_error
    samples = monitor.gpu
    utils = [s.utilization_percent for _, s in samples if s.utilization_percent is not None]
    utilization = float(np.mean(utils)) if utils else None
    energy = None
    notes = []
    first, last = samples[0][1], samples[-1][1]
    if first.energy_mj is not None and last.energy_mj is not None and len(samples) > 1:
        energy = (last.energy_mj - first.energy_mj) / runs
    else:
        powered = [(t, s.power_w) for t, s in samples if s.power_w is not None]
        if len(powered) > 1:
            joules = sum((t1 - t0) * (p0 + p1) / 2
                         for (t0, p0), (t1, p1) in zip(powered, powered[1:], strict=False))
            energy = joules * 1000 / runs
            notes.append("energy integrated from power draw samples")
    if utilization is None:
        notes.append("utilisation not reported by the sampler")
    if energy is None:
        notes.append("neither an energy counter nor power draw reported")
    return utilization, energy, "; ".join(notes)


def _batch_of(inputs: Mapping[str, np.ndarray], default: int) -> int:
    for value in inputs.values():
        if np.ndim(value):
            return int(np.shape(value)[0])
    return default
