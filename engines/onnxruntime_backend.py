"""ONNX Runtime behind the door: tensor models (and the sentence-embedding models knowledge uses).

`inspect` is engines.onnx_model's import gate (corrupt, truncated, foreign files and external
data that escapes its folder are refused with the reason); `open` gives an OnnxRuntimeEngine
(TensorRT -> CUDA -> CPU, with the truth about which provider really runs).
"""

from __future__ import annotations

from pathlib import Path

from engines.base import (
    EMBED,
    EMBEDDING_MODEL,
    TENSOR_MODEL,
    TENSORS,
    Artefact,
    Engine,
    EngineOptions,
    ProgressFn,
    TensorSpec,
)

RUNTIME = "onnxruntime"
PLATFORM = "onnxruntime_onnx"  # the name KServe and Triton use for this runtime


def _spec(info: object) -> TensorSpec:
    """As inspected: ONNX type names ('float') and symbolic dimensions ('batch', '?') kept."""
    shape = getattr(info, "shape", None)
    return TensorSpec(getattr(info, "name", ""), tuple(shape) if shape else (),
                      getattr(info, "dtype", ""))


class OnnxRuntimeBackend:
    runtime = RUNTIME
    platform = PLATFORM
    kinds = frozenset({TENSOR_MODEL, EMBEDDING_MODEL})

    def accepts(self, path: Path) -> str | None:
        """Any regular file: inspection tells a truncated ONNX file from a foreign one, and
        says which (a folder is another runtime's, e.g. a language model's)."""
        if Path(path).is_dir():
            return "it opens a single .onnx file, not a folder"
        return None

    def inspect(self, path: Path, progress: ProgressFn | None = None) -> Artefact:
        from engines.onnx_model import inspect_model

        info = inspect_model(path, progress)
        return Artefact(
            runtime=RUNTIME, kind=TENSOR_MODEL, path=Path(info.path), sha256=info.sha256,
            size_bytes=info.size_bytes, capabilities=self.capabilities(TENSOR_MODEL),
            inputs=tuple(_spec(t) for t in info.inputs),
            outputs=tuple(_spec(t) for t in info.outputs),
            precision=info.precision,
            licence=info.metadata_props.get("license", info.metadata_props.get("licence", "")),
            metadata=dict(info.metadata_props), external_files=info.external_files,
            record={
                "ir_version": info.ir_version, "opset": dict(info.opset),
                "producer": " ".join(p for p in (info.producer_name, info.producer_version)
                                     if p),
                "inputs": [t.as_dict() for t in info.inputs],
                "outputs": [t.as_dict() for t in info.outputs],
                "metadata": dict(info.metadata_props)},
            details=info)

    def verify(self, path: Path) -> None:
        from engines.onnx_model import verify_loads

        verify_loads(path)

    def capabilities(self, kind: str) -> frozenset[str]:
        return frozenset({EMBED}) if kind == EMBEDDING_MODEL else frozenset({TENSORS})

    def open(self, path: Path, options: EngineOptions) -> Engine:
        from engines.onnxruntime import OnnxRuntimeEngine

        return OnnxRuntimeEngine(path, options)
