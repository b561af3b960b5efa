from __future__ import annotations

import itertools

import numpy as np
import onnxruntime as ort
import pytest

from engines.base import ACCELERATED, CPU, CUDA, EngineCancelled, EngineError, EngineOptions
from engines.bench import GpuSample, benchmark, percentile
from engines.onnxruntime import OnnxRuntimeEngine


def test_benchmark_reports_what_perf_test_reports(mlp_path):
    result = benchmark(mlp_path, warmup=5, runs=200)
    assert result.provider == CPU and result.providers_used == [CPU]
    assert not result.fell_back_to_cpu and not result.cancelled
    assert result.runs == 200 and result.warmup_runs == 5 and result.batch == 1
    assert result.session_creation_ms > 0 and result.first_inference_ms > 0
    assert 0 < result.min_ms <= result.p50_ms <= result.p90_ms <= result.p95_ms
    assert result.p95_ms <= result.p99_ms <= result.max_ms
    assert result.min_ms <= result.mean_ms <= result.max_ms
    assert result.inferences_per_s == pytest.approx(result.runs / result.duration_s)
    assert 0 <= result.cpu_percent <= 100 * 64
    assert result.peak_rss_mb > 20  # the whole process: Python, numpy, onnxruntime
    assert result.gpu_utilization_percent is None and result.energy_per_inference_mj is None
    assert result.gpu_note == "no NVML"
    assert set(result.to_dict()) >= {"p99_ms", "inferences_per_s", "peak_rss_mb"}
    assert "inferences/s" in result.summary()


def test_duration_bounds_the_timed_runs(mlp_path):
    result = benchmark(mlp_path, warmup=0, duration_s=0.2)
    assert 0.2 <= result.duration_s < 1.0 and result.runs > 10


def test_given_inputs_and_batch(mlp_path):
    x = np.random.default_rng(0).standard_normal((4, 16)).astype(np.float32)
    assert benchmark(mlp_path, {"x": x}, warmup=1, runs=5).batch == 4


def test_cancel_returns_what_was_measured(mlp_path):
    counter = itertools.count()
    result = benchmark(mlp_path, warmup=2, runs=10_000, cancelled=lambda: next(counter) > 52)
    assert result.cancelled and 0 < result.runs < 100
    with pytest.raises(EngineCancelled):
        benchmark(mlp_path, warmup=2, runs=10, cancelled=lambda: True)


def test_loaded_engine_is_reused_and_left_loaded(mlp_path):
    engine = OnnxRuntimeEngine(mlp_path)
    report = engine.load()
    result = benchmark(engine, warmup=1, runs=5)
    assert engine.loaded and result.session_creation_ms == pytest.approx(report.seconds * 1000)
    factory_engines = []

    def factory():
        factory_engines.append(OnnxRuntimeEngine(mlp_path))
        return factory_engines[-1]

    benchmark(factory, warmup=1, runs=5)
    assert not factory_engines[0].loaded  # created by the benchmark, so released by it
    with pytest.raises(EngineError, match="at least one run"):
        benchmark(mlp_path, runs=0)


@pytest.mark.skipif(CUDA not in ort.get_available_providers(), reason="CUDA not listed")
def test_provider_actually_used_is_reported(mlp_path):
    result = benchmark(mlp_path, options=EngineOptions(providers=list(ACCELERATED)), warmup=1,
                       runs=5)
    assert result.provider == CPU and result.fell_back_to_cpu
    assert result.warnings and result.requested_providers == list(ACCELERATED)


def test_gpu_sampler_gives_utilisation_and_energy(mlp_path):
    counter = itertools.count()

    def nvml_like():  # cumulative energy counter in mJ, as nvmlDeviceGetTotalEnergyConsumption
        n = next(counter)
        return GpuSample(utilization_percent=40.0 + n % 2 * 20, energy_mj=1000.0 * n)

    result = benchmark(mlp_path, warmup=0, duration_s=0.35, gpu_sampler=nvml_like)
    assert result.gpu_utilization_percent == pytest.approx(50, abs=10)
    assert result.energy_per_inference_mj is not None and result.energy_per_inference_mj > 0
    assert result.gpu_note == ""


def test_power_only_sampler_is_integrated_and_a_broken_one_is_named(mlp_path):
    result = benchmark(mlp_path, warmup=0, duration_s=0.3,
                       gpu_sampler=lambda: GpuSample(power_w=10.0))
    # 10 W for the run time, shared by the runs: 10 W * duration / runs, in mJ
    assert result.energy_per_inference_mj == pytest.approx(
        10.0 * result.duration_s * 1000 / result.runs, rel=0.5)
    assert "integrated" in result.gpu_note

    def broken():
        raise RuntimeError("NVMLError_NotSupported")

    result = benchmark(mlp_path, warmup=0, runs=5, gpu_sampler=broken)
    assert result.gpu_utilization_percent is None and "NotSupported" in result.gpu_note


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50 and percentile(values, 99) == 99
    assert percentile(values, 100) == 100 and percentile([3.0], 90) == 3.0
    assert np.isnan(percentile([], 50))
