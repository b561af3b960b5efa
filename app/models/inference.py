"""Running registered models: load with the provider preference, run, benchmark, optimize.

The registry knows files and versions; the engines know onnxruntime; this service joins them
with the caller's role and the audit trail. A model that asked for an accelerator but really
runs on the CPU is recorded as an audited warning (and shown), never silently accepted.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from app.audit.trail import AuditTrail
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.errors import EdgeDeckError, ValidationError
from app.models.registry import ModelRegistry, ModelVersion

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]

CPU = "CPUExecutionProvider"
ACCELERATED = ("TensorrtExecutionProvider", "CUDAExecutionProvider", CPU)
OPTIMIZATIONS = ("int8-dynamic", "int8-dynamic-per-channel", "int8-static-per-channel", "fp16",
                 "graph")
ACCURACY_SAMPLES = 16


@dataclass
class LoadedModel:
    version: ModelVersion
    engine: Any  # engines.onnxruntime.OnnxRuntimeEngine
    report: Any  # engines.base.LoadReport
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class RunResult:
    model: str
    version: int
    provider: str
    latency_ms: float
    outputs: dict[str, np.ndarray]
    warnings: tuple[str, ...] = ()


def provider_preference(providers: list[str] | None) -> list[str]:
    """The caller's order, always ending with the CPU (the one provider that always loads)."""
    chosen = list(providers or ACCELERATED)
    if CPU not in chosen:
        chosen.append(CPU)
    return chosen


class InferenceService:
    def __init__(self, registry: ModelRegistry, audit: AuditTrail, guard: Guard,
                 data_dir: Path) -> None:
        self.registry = registry
        self._audit = audit
        self._guard = guard
        self._data_dir = data_dir
        self._loaded: dict[tuple[str, int, tuple[str, ...]], LoadedModel] = {}
        self._lock = threading.Lock()

    # -- loading ---------------------------------------------------------------------------

    def _options(self, version: ModelVersion, providers: list[str], fp16: bool = False) -> Any:
        from engines.base import EngineOptions

        cache = self._data_dir / "engine-cache" / version.model / f"v{version.version}"
        precision = "fp16" if fp16 else "fp32"
        return EngineOptions(
            providers=providers, trt_fp16=fp16,
            trt_engine_cache_dir=cache / "tensorrt" / precision,
            trt_timing_cache_dir=cache / "tensorrt" / "timing",
            trt_ep_context_dump=True)

    def load(self, actor: Actor, name: str, version: int | None = None,
             providers: list[str] | None = None, progress: ProgressFn | None = None,
             cancelled: CancelledFn | None = None) -> LoadedModel:
        """Create (or reuse) a session for the active or given version; slow: call off the
        GUI thread (a TensorRT engine build can take minutes, reported through `progress`)."""
        from engines.base import EngineError
        from engines.onnxruntime import OnnxRuntimeEngine

        self._guard.require(actor, Permission.RUN_PLAYGROUND, f"model:{name}")
        target = self.registry.get_version(actor, name, version)
        chosen = tuple(provider_preference(providers))
        key = (target.model, target.version, chosen)
        with self._lock:
            loaded = self._loaded.get(key)
        if loaded is not None:
            return loaded
        engine = OnnxRuntimeEngine(target.path, self._options(target, list(chosen)))
        try:
            report = engine.load(progress, cancelled)
        except EngineError as exc:
            self._audit.record(actor, "model", "load", target.tag, "failure",
                               {"providers": list(chosen), "error": str(exc)})
            raise EdgeDeckError(f"{target.tag} could not be loaded: {exc}") from exc
        if report.fell_back_to_cpu:
            # The loud, visible, audited warning the brief asks for.
            self._audit.record(actor, "model", "provider_fallback", target.tag, "failure",
                               {"requested": list(report.requested), "used": list(report.used),
                                "warnings": list(report.warnings)[:5]})
            log.warning("%s asked for %s but runs on %s", target.tag, report.requested[0],
                        report.provider)
        loaded = LoadedModel(target, engine, report)
        with self._lock:
            self._loaded[key] = loaded
        return loaded

    def unload_all(self) -> None:
        with self._lock:
            loaded, self._loaded = list(self._loaded.values()), {}
        for item in loaded:
            item.engine.unload()

    # -- running ---------------------------------------------------------------------------

    def run(self, actor: Actor, name: str, feeds: Mapping[str, np.ndarray],
            version: int | None = None, providers: list[str] | None = None) -> RunResult:
        """One inference, audited (who ran which model, where, how fast — not the data)."""
        loaded = self.load(actor, name, version, providers)
        description = loaded.engine.describe()
        expected = {spec.name for spec in description.inputs}
        missing = expected - set(feeds)
        if missing:
            raise ValidationError(f"{loaded.version.tag} needs input(s) "
                                  f"{', '.join(sorted(missing))}.")
        started = time.perf_counter()
        try:
            with loaded.lock:
                outputs = loaded.engine.run_named(feeds)
        except Exception as exc:  # noqa: BLE001 - a wrong tensor is the person's input error
            self._audit.record(actor, "model", "run", loaded.version.tag, "failure",
                               {"error": str(exc)[:300]})
            raise ValidationError(f"{loaded.version.tag} refused the input: {exc}") from exc
        latency = (time.perf_counter() - started) * 1000
        self._audit.record(actor, "model", "run", loaded.version.tag, "success",
                           {"provider": loaded.report.provider,
                            "latency_ms": round(latency, 3)})
        return RunResult(loaded.version.model, loaded.version.version, loaded.report.provider,
                         latency, outputs, tuple(loaded.report.warnings))

    def describe(self, actor: Actor, name: str, version: int | None = None) -> Any:
        return self.load(actor, name, version, [CPU]).engine.describe()

    # -- benchmarking ----------------------------------------------------------------------

    def benchmark(self, actor: Actor, name: str, version: int | None = None,
                  providers: list[str] | None = None, runs: int | None = 200,
                  duration_s: float | None = None, warmup: int = 10,
                  progress: ProgressFn | None = None,
                  cancelled: CancelledFn | None = None) -> Any:
        """perf_test-style figures for one version and provider preference; stored and
        audited so versions and providers can be compared later."""
        from app.models.preprocess import sample_feeds
        from engines.bench import benchmark
        from engines.onnxruntime import OnnxRuntimeEngine

        self._guard.require(actor, Permission.MANAGE_MODELS, f"model:{name}")
        target = self.registry.get_version(actor, name, version)
        chosen = provider_preference(providers)
        options = self._options(target, chosen)
        inputs = sample_feeds(target, self.describe(actor, name, target.version).inputs)
        result = benchmark(lambda: OnnxRuntimeEngine(target.path, options), inputs, options,
                           warmup=warmup, runs=runs, duration_s=duration_s,
                           cancelled=cancelled, progress=progress,
                           gpu_sampler=nvml_gpu_sampler())
        if result.cancelled:
            raise EdgeDeckError("Benchmark cancelled; nothing was recorded.")
        self.registry.record_benchmark(actor, target.model, target.version, {
            "provider_requested": chosen[0], "provider_used": result.provider,
            "settings": {"runs": runs, "duration_s": duration_s, "warmup": warmup,
                         "providers": chosen},
            "results": result.to_dict()})
        if result.fell_back_to_cpu:
            self._audit.record(actor, "model", "provider_fallback", target.tag, "failure",
                               {"requested": chosen, "used": result.providers_used})
        return result

    # -- optimizing ------------------------------------------------------------------------

    def optimize(self, actor: Actor, name: str, kind: str, version: int | None = None,
                 progress: ProgressFn | None = None,
                 cancelled: CancelledFn | None = None) -> ModelVersion:
        """Make a new version (int8, fp16, optimized graph) with its lineage and the accuracy
        change measured against its parent on the same sample inputs."""
        from app.models.preprocess import sample_feeds
        from engines import optimize as opt
        from engines.accuracy import compare_models
        from engines.base import EngineError

        self._guard.require(actor, Permission.MANAGE_MODELS, f"model:{name}")
        if kind not in OPTIMIZATIONS:
            raise ValidationError(f"Unknown optimization '{kind}': use one of "
                                  f"{', '.join(OPTIMIZATIONS)}.")
        parent = self.registry.get_version(actor, name, version)
        specs = self.describe(actor, name, parent.version).inputs
        samples = [sample_feeds(parent, specs, seed=i) for i in range(ACCURACY_SAMPLES)]
        work = Path(tempfile.mkdtemp(prefix="edgedeck-optimize-",
                                     dir=self._data_dir))
        output = work / f"{parent.path.stem}-{kind}.onnx"
        try:
            try:
                if kind.startswith("int8-dynamic"):
                    result = opt.quantize_dynamic_int8(
                        parent.path, output, per_channel=kind.endswith("per-channel"),
                        progress=progress, cancelled=cancelled)
                elif kind == "int8-static-per-channel":
                    result = opt.quantize_static_int8(parent.path, output, samples,
                                                      per_channel=True, progress=progress,
                                                      cancelled=cancelled)
                elif kind == "fp16":
                    result = opt.convert_fp16(parent.path, output, progress=progress,
                                              cancelled=cancelled)
                else:
                    result = opt.graph_optimize(parent.path, output, progress=progress,
                                                cancelled=cancelled)
                accuracy = compare_models(parent.path, output, samples, progress=progress,
                                          cancelled=cancelled)
            except EngineError as exc:
                self._audit.record(actor, "model", "optimize", parent.tag, "failure",
                                   {"kind": kind, "error": str(exc)})
                raise EdgeDeckError(f"Optimizing {parent.tag} ({kind}) failed: {exc}") from exc
            details = {**accuracy.to_dict(), "summary": accuracy.summary(),
                       "optimization": result.to_dict()}
            details.pop("per_output", None)
            new = self.registry.add_version(
                actor, parent.model, output, f"optimize:{kind}", parent.version, details,
                notes=f"{kind} of v{parent.version}: {accuracy.summary()}",
                progress=progress, cancelled=cancelled)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return new


def nvml_gpu_sampler() -> Any:
    """GPU utilisation and energy for benchmarks when an NVIDIA GPU is present, else None."""
    from app.telemetry.readers.nvml import NvmlReader
    from engines.bench import GpuSample

    reader = NvmlReader.probe()
    if reader is None or reader.state != "ok":
        return None

    def sample() -> GpuSample:
        devices = reader.read()
        if not devices:
            return GpuSample()
        gpu = devices[0]
        return GpuSample(gpu.value("gpu.util"), gpu.value("gpu.power"))

    return sample
