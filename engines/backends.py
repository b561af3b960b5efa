"""The one door every model comes through: a registry of backends, one per runtime.

A backend knows one runtime (ONNX Runtime today; ONNX Runtime GenAI for language models next):
it says whether it accepts an artefact (a file or folder), inspects it — what kind of model it
is, what it takes and gives, its size, precision and metadata — proves it loads, and opens it as
an engine. The registry of models asks `inspect_artefact` at import and refuses what no backend
accepts, with every backend's reason; serving and the playground ask a version's backend what
it can do (`capabilities`) instead of assuming tensors.

Adding a runtime is one module with a class satisfying `Backend`, its tests, and one line in
`_BACKENDS` below. Nothing here imports a runtime at module level: start-up stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from engines.base import (
    CAPABILITIES,
    EMBED,
    EMBEDDING_MODEL,
    GENERATE,
    LANGUAGE_MODEL,
    TENSOR_MODEL,
    TENSORS,
    Artefact,
    Engine,
    EngineOptions,
    InvalidModelError,
    ProgressFn,
)

__all__ = ["CAPABILITIES", "EMBED", "EMBEDDING_MODEL", "GENERATE", "LANGUAGE_MODEL",
           "TENSOR_MODEL", "TENSORS", "Artefact", "Backend", "backend", "backends",
           "inspect_artefact"]

@runtime_checkable
class Backend(Protocol):
    """One runtime behind the door."""

    runtime: str  # stored with each model version
    platform: str  # the KServe/Triton platform name its models are served as
    kinds: frozenset[str]  # artefact kinds it opens

    def accepts(self, path: Path) -> str | None:
        """None when this backend can try `path`; otherwise a short reason why not (cheap:
        a suffix, a marker file, a magic number — no parsing)."""
        ...

    def inspect(self, path: Path, progress: ProgressFn | None = None) -> Artefact:
        """Describe the artefact; InvalidModelError says why it is not usable."""
        ...

    def verify(self, path: Path) -> None:
        """Prove it loads on the CPU (the checker accepts graphs the runtime cannot run)."""
        ...

    def capabilities(self, kind: str) -> frozenset[str]:
        """What an engine of this kind can do."""
        ...

    def open(self, path: Path, options: EngineOptions) -> Engine:
        """An engine for the artefact; not loaded yet (the pool loads it)."""
        ...


def _backends() -> tuple[Backend, ...]:
    from engines.onnxruntime_backend import OnnxRuntimeBackend

    return (OnnxRuntimeBackend(),)  # one line per runtime


_BACKENDS: tuple[Backend, ...] | None = None


def backends() -> tuple[Backend, ...]:
    global _BACKENDS  # built once, lazily: importing this module stays free of runtimes
    if _BACKENDS is None:
        _BACKENDS = _backends()
    return _BACKENDS


def backend(runtime: str) -> Backend:
    """The backend of a stored runtime name; InvalidModelError for one this build lacks."""
    for candidate in backends():
        if candidate.runtime == runtime:
            return candidate
    known = ", ".join(b.runtime for b in backends())
    raise InvalidModelError(f"no backend for the runtime '{runtime}' in this build (it has: "
                            f"{known})")


def inspect_artefact(path: str | Path, progress: ProgressFn | None = None) -> Artefact:
    """The first backend that accepts `path` inspects it; InvalidModelError otherwise, naming
    every backend's reason (so a person learns what the box can and cannot run)."""
    target = Path(path)
    reasons = []
    for candidate in backends():
        reason = candidate.accepts(target)
        if reason is None:
            return candidate.inspect(target, progress)
        reasons.append(f"{candidate.runtime}: {reason}")
    raise InvalidModelError(f"{target.name} is not a model this box can run ("
                            + "; ".join(reasons) + ")")
