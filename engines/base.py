"""What every inference engine promises, independent of the runtime behind it.

The services layer (model registry, playground, benchmarks, serving) talks to an `Engine` only;
ONNX Runtime is one implementation. Everything here is plain data so that reports can be stored,
shown and audited without knowing which runtime produced them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np

# Same shape as app/ui/workers.py: progress(done, total, text); total 0 = "busy, no estimate".
ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]

CPU = "CPUExecutionProvider"
CUDA = "CUDAExecutionProvider"
TENSORRT = "TensorrtExecutionProvider"
# "The best accelerator this box has": TensorRT, then CUDA, always ending on the CPU.
ACCELERATED = (TENSORRT, CUDA, CPU)

SHORT_NAMES = {TENSORRT: "TensorRT", CUDA: "CUDA", CPU: "CPU"}


def short_name(provider: str) -> str:
    """'CUDAExecutionProvider' -> 'CUDA', for messages people read."""
    return SHORT_NAMES.get(provider, provider.removesuffix("ExecutionProvider"))


class EngineError(Exception):
    """Something about a model or an engine that a person has to act on; the message says what."""


class InvalidModelError(EngineError):
    """The file is missing, is not an ONNX model, or is a model this operation cannot handle."""


class EngineCancelled(EngineError):
    """The person pressed Cancel; partial results were discarded."""


@dataclass(frozen=True)
class TensorSpec:
    """One model input or output. A str dim is symbolic ('batch'), None is unknown."""

    name: str
    shape: tuple[int | str | None, ...]
    dtype: str  # numpy dtype name: float32, float16, int64, uint8, bool, ...

    @property
    def is_dynamic(self) -> bool:
        return any(not isinstance(dim, int) or dim < 0 for dim in self.shape)

    def describe(self) -> str:
        dims = ", ".join("?" if dim is None else str(dim) for dim in self.shape)
        return f"{self.name}: {self.dtype}[{dims}]"


@dataclass(frozen=True)
class EngineDescription:
    """What a loaded model takes and gives, and where it really runs."""

    inputs: tuple[TensorSpec, ...]
    outputs: tuple[TensorSpec, ...]
    providers: tuple[str, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass
class EngineOptions:
    """How to run a model. Only options the installed runtime understands are passed on.

    The caller chooses the TensorRT cache folders: engines are specific to the model version, the
    GPU, TensorRT version and precision, so one folder per such combination keeps them apart.
    """

    providers: list[str] = field(default_factory=lambda: [CPU])  # preference order
    trt_fp16: bool = False
    trt_engine_cache_dir: Path | None = None
    trt_timing_cache_dir: Path | None = None  # shareable across models on the same GPU
    trt_ep_context_dump: bool = False  # write <model>_ctx.onnx next to the engine cache
    trt_max_workspace_bytes: int | None = None
    # input name -> (min, opt, max) shapes. With a profile for every dynamic input TensorRT
    # builds its engine while the session is created; without, at the first inference.
    trt_profiles: Mapping[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]] | None \
        = None
    dla_core: int | None = None  # Jetson DLA core (NVIDIA's NPU); None = GPU only
    device_id: int = 0
    intra_op_threads: int | None = None  # None = onnxruntime's default (one per core)
    graph_optimization: str = "all"  # disabled | basic | extended | all
    # Capture what the runtime prints while creating a session (the python binding's "EP Error"
    # banner, the C++ log's "Failed to load library libcublas...") into LoadReport.warnings.
    capture_native_output: bool = True


@dataclass
class LoadReport:
    """What was asked for, what really runs, and why they differ. Shown to the technician."""

    requested: list[str]
    used: list[str]
    fell_back_to_cpu: bool
    missing: list[str]  # requested providers that are not in use
    seconds: float
    warnings: list[str] = field(default_factory=list)
    provider_options: dict[str, dict[str, str]] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)

    @property
    def provider(self) -> str:
        """The provider that runs (most of) the model."""
        return self.used[0] if self.used else ""

    @property
    def accelerated(self) -> bool:
        return bool(self.used) and self.used[0] != CPU

    def summary(self) -> str:
        text = f"running on {short_name(self.provider)}"
        if self.fell_back_to_cpu:
            asked = ", ".join(short_name(p) for p in self.requested if p != CPU)
            text = f"asked for {asked} but running on the CPU"
        elif self.missing:
            text += f" ({', '.join(short_name(p) for p in self.missing)} not available)"
        return f"{text}; session created in {self.seconds:.2f} s"

    def to_dict(self) -> dict[str, Any]:
        return {
            "requested": list(self.requested), "used": list(self.used),
            "fell_back_to_cpu": self.fell_back_to_cpu, "missing": list(self.missing),
            "seconds": round(self.seconds, 4), "warnings": list(self.warnings),
            "provider_options": self.provider_options, "details": dict(self.details),
        }


# What an engine can do; serving routes and playground modes are chosen by these.
TENSORS = "tensors"  # named tensors in, named tensors out (KServe v2 / Triton infer)
EMBED = "embed"  # text in, one vector per text out
GENERATE = "generate"  # a prompt in, tokens streamed out (language models)
CAPABILITIES = (TENSORS, EMBED, GENERATE)

# What kind of artefact a model version is (stored with the version).
TENSOR_MODEL = "tensor"
EMBEDDING_MODEL = "embedding"
LANGUAGE_MODEL = "language"


@dataclass(frozen=True)
class Artefact:
    """What a backend found in a file or folder, before anything is registered."""

    runtime: str  # the backend that accepted it, e.g. "onnxruntime"
    kind: str  # TENSOR_MODEL, EMBEDDING_MODEL, LANGUAGE_MODEL
    path: Path  # the file the runtime opens (a folder's main file)
    sha256: str
    size_bytes: int  # the main file; companion files are listed by the caller
    capabilities: frozenset[str]
    inputs: tuple[TensorSpec, ...] = ()
    outputs: tuple[TensorSpec, ...] = ()
    precision: str = ""  # fp32, fp16, int8, int4, mixed: what most weights are stored in
    context_length: int | None = None  # language models
    vocabulary_size: int | None = None
    licence: str = ""  # where the artefact says so
    metadata: Mapping[str, str] = field(default_factory=dict)
    external_files: tuple[str, ...] = ()  # relative to the artefact's folder
    # What the model registry stores for the version, in its column names: ir_version,
    # opset ({domain: version}), producer, inputs/outputs ([{name, shape, dtype}]), metadata.
    record: Mapping[str, Any] = field(default_factory=dict)
    details: Any = None  # the backend's own full description (e.g. engines.onnx_model.ModelInfo)

    def as_dict(self) -> dict[str, Any]:
        return {
            "runtime": self.runtime, "kind": self.kind, "path": str(self.path),
            "sha256": self.sha256, "size_bytes": self.size_bytes,
            "capabilities": sorted(self.capabilities),
            "inputs": [s.describe() for s in self.inputs],
            "outputs": [s.describe() for s in self.outputs],
            "precision": self.precision, "context_length": self.context_length,
            "vocabulary_size": self.vocabulary_size, "licence": self.licence,
            "metadata": dict(self.metadata), "external_files": list(self.external_files),
        }


@runtime_checkable
class Engine(Protocol):
    """A model that can be loaded, described, run and unloaded.

    `load` may take minutes (a TensorRT engine build) and reports progress; `run` is the hot
    path and must add nothing measurable over the runtime's own call.
    """

    report: LoadReport | None

    def load(self, progress: ProgressFn | None = None,
             cancelled: CancelledFn | None = None) -> LoadReport: ...

    def describe(self) -> EngineDescription: ...

    def run(self, feeds: Mapping[str, np.ndarray]) -> list[np.ndarray]:
        """Outputs in the order of describe().outputs."""
        ...

    def unload(self) -> None: ...


def check_cancelled(cancelled: CancelledFn | None, what: str) -> None:
    if cancelled is not None and cancelled():
        raise EngineCancelled(f"{what} cancelled")
