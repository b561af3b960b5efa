"""Running registered models: load with the provider preference, run, benchmark, optimize.

The registry knows files and versions; the engines know onnxruntime; this service joins them
with the caller's role and the audit trail. A model that asked for an accelerator but really
runs on the CPU is recorded as an audited warning (and shown), never silently accepted.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.audit.trail import AuditTrail
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.errors import EdgeDeckError, ValidationError
from app.messages import msg
from app.models.engines import ACCELERATED, LoadedModel, ModelEngines, provider_preference
from app.models.registry import ModelRegistry, ModelVersion
from engines.base import CPU

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]

__all__ = ["ACCELERATED", "CPU", "OPTIMIZATIONS", "InferenceService", "LoadedModel",
           "RunResult", "nvml_gpu_sampler", "provider_preference"]

OPTIMIZATIONS = ("int8-dynamic", "int8-dynamic-per-channel", "int8-static-per-channel", "fp16",
                 "graph")
ACCURACY_SAMPLES = 16


@dataclass(frozen=True)
class RunResult:
    model: str
    version: int
    provider: str
    latency_ms: float
    outputs: dict[str, np.ndarray]
    warnings: tuple[str, ...] = ()


class InferenceService:
    def __init__(self, registry: ModelRegistry, audit: AuditTrail, guard: Guard,
                 data_dir: Path, engines: ModelEngines | None = None) -> None:
        self.registry = registry
        self._audit = audit
        self._guard = guard
        self._data_dir = data_dir
        self.engines = engines or ModelEngines(audit, data_dir)

    # -- loading ---------------------------------------------------------------------------

    def _options(self, version: ModelVersion, providers: list[str], fp16: bool = False) -> Any:
        return self.engines.options(version, providers, fp16)

    def load(self, actor: Actor, name: str, version: int | None = None,
             providers: list[str] | None = None, progress: ProgressFn | None = None,
             cancelled: CancelledFn | None = None) -> LoadedModel:
        """Load (or find loaded) the active or given version through the engine pool; slow:
        call off the GUI thread (a TensorRT engine build can take minutes, reported through
        `progress`). The engine stays in the pool until it has been idle a while."""
        with self.hold(actor, name, version, providers, progress, cancelled) as loaded:
            return loaded

    @contextlib.contextmanager
    def hold(self, actor: Actor, name: str, version: int | None = None,
             providers: list[str] | None = None, progress: ProgressFn | None = None,
             cancelled: CancelledFn | None = None) -> Iterator[LoadedModel]:
        """`load`, with the engine held (never unloaded as idle) until the block ends: for
        work that runs longer than the pool's idle time, such as a batch job."""
        from engines.base import EngineError

        self._guard.require(actor, Permission.RUN_PLAYGROUND, f"model:{name}")
        target = self.registry.get_version(actor, name, version)
        self._require_tensors(target)
        try:
            lease = self.engines.lease(actor, target, providers, progress, cancelled)
            loaded = lease.__enter__()
        except EngineError as exc:
            self._audit.record(actor, "model", "load", target.tag, "failure",
                               {"providers": provider_preference(providers),
                                "error": str(exc)})
            raise EdgeDeckError(msg("{tag} could not be loaded: {exc}", tag=target.tag,
                                    exc=exc)) from exc
        try:
            yield loaded
        finally:
            lease.__exit__(None, None, None)

    @staticmethod
    def _require_tensors(target: ModelVersion) -> None:
        from engines.backends import TENSORS

        if TENSORS not in target.capabilities:
            raise ValidationError(msg("{tag} is a {kind} model: it does not take tensors (use the "
                                      "page or route made for its kind).", tag=target.tag,
                                      kind=target.kind))

    def unload_all(self) -> None:
        self.engines.close()

    # -- running ---------------------------------------------------------------------------

    def run(self, actor: Actor, name: str, feeds: Mapping[str, np.ndarray],
            version: int | None = None, providers: list[str] | None = None) -> RunResult:
        """One inference, audited (who ran which model, where, how fast — not the data)."""
        from engines.base import EngineError

        self._guard.require(actor, Permission.RUN_PLAYGROUND, f"model:{name}")
        target = self.registry.get_version(actor, name, version)
        self._require_tensors(target)
        try:
            with self.engines.lease(actor, target, providers) as loaded:
                return self._run_loaded(actor, loaded, feeds)
        except EngineError as exc:  # only loading raises it: a run's errors are the input's
            self._audit.record(actor, "model", "load", target.tag, "failure",
                               {"providers": provider_preference(providers),
                                "error": str(exc)})
            raise EdgeDeckError(msg("{tag} could not be loaded: {exc}", tag=target.tag,
                                    exc=exc)) from exc

    def _run_loaded(self, actor: Actor, loaded: LoadedModel,
                    feeds: Mapping[str, np.ndarray]) -> RunResult:
        description = loaded.engine.describe()
        expected = {spec.name for spec in description.inputs}
        missing = expected - set(feeds)
        if missing:
            raise ValidationError(msg("{tag} needs input(s) {missing}.", tag=loaded.version.tag,
                                      missing=', '.join(sorted(missing))))
        started = time.perf_counter()
        try:
            with loaded.lock:
                outputs = loaded.engine.run_named(feeds)
        except Exception as exc:  # noqa: BLE001 - a wrong tensor is the person's input error
            self._audit.record(actor, "model", "run", loaded.version.tag, "failure",
                               {"error": str(exc)[:300]})
            raise ValidationError(msg("{tag} refused the input: {exc}", tag=loaded.version.tag,
                                      exc=exc)) from exc
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
        from engines.backends import backend
        from engines.bench import benchmark

        self._guard.require(actor, Permission.MANAGE_MODELS, f"model:{name}")
        target = self.registry.get_version(actor, name, version)
        self._require_tensors(target)
        chosen = provider_preference(providers)
        options = self._options(target, chosen)
        inputs = sample_feeds(target, self.describe(actor, name, target.version).inputs)
        opener = backend(target.runtime)  # a benchmark measures its own fresh session
        result = benchmark(lambda: opener.open(target.path, options), inputs, options,
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
            raise ValidationError(msg("Unknown optimization '{kind}': use one of {optimizations}.",
                                      kind=kind, optimizations=', '.join(OPTIMIZATIONS)))
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
                raise EdgeDeckError(msg("Optimizing {tag} ({kind}) failed: {exc}", tag=parent.tag,
                                        kind=kind, exc=exc)) from exc
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
