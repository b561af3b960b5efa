"""Look inside an ONNX file before the appliance trusts it: identity, interface, loadability.

A model reaches the box on a USB stick or from a laptop; a truncated copy, a renamed PyTorch
checkpoint or a graph that onnxruntime cannot load must be refused at import with a reason a
technician can act on, not discovered later when the line asks for an inference. Pure `onnx` +
stdlib + engines.base (onnxruntime only inside `verify_loads`), imported lazily so start-up
stays fast.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from engines.base import InvalidModelError, ProgressFn

__all__ = ["InvalidModelError", "ModelInfo", "TensorInfo", "file_sha256", "inspect_model",
           "verify_loads"]

CHUNK = 1 << 20  # 1 MiB: large enough for throughput, small enough for a smooth progress bar
MAX_REASON = 400

# Leading bytes of files people mistake for (or rename to) .onnx, so the refusal can say what
# the file really is.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a zip archive (a PyTorch checkpoint or a model package?), not an ONNX file"),
    (b"\x89PNG", "a PNG image, not an ONNX model"),
    (b"\xff\xd8\xff", "a JPEG image, not an ONNX model"),
    (b"\x89HDF", "an HDF5 (Keras) file, not an ONNX model"),
    (b"GGUF", "a GGUF (llama.cpp) file, not an ONNX model"),
    (b"\x80\x02", "a Python pickle (a PyTorch checkpoint?), not an ONNX model"),
    (b"\x80\x04", "a Python pickle (a PyTorch checkpoint?), not an ONNX model"),
    (b"{", "a JSON/text file, not an ONNX model"),
    (b"<", "an XML/HTML file (an OpenVINO IR?), not an ONNX model"),
)

@dataclass(frozen=True)
class TensorInfo:
    """One graph input or output; dynamic dimensions are strings ('batch', '?')."""

    name: str
    shape: tuple[int | str, ...] | None  # None: rank unknown
    dtype: str  # 'float', 'int64', 'float16', ... or 'sequence(...)' / 'map(...)'

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "shape": None if self.shape is None else list(self.shape),
                "dtype": self.dtype}


@dataclass(frozen=True)
class ModelInfo:
    """What the registry records about one ONNX file."""

    path: str
    sha256: str  # of the .onnx file itself (what `sha256sum model.onnx` prints)
    size_bytes: int  # of the .onnx file; external data not included
    ir_version: int
    opset: dict[str, int]  # domain ('' is the default ONNX domain) -> version
    producer_name: str
    producer_version: str
    graph_name: str
    inputs: tuple[TensorInfo, ...]
    outputs: tuple[TensorInfo, ...]
    metadata_props: dict[str, str] = field(default_factory=dict)
    has_external_data: bool = False
    external_files: tuple[str, ...] = ()  # relative to the model's folder, POSIX separators
    weight_elements: dict[str, int] = field(default_factory=dict)  # dtype -> elements stored

    @property
    def precision(self) -> str:
        """What most stored weights are: int8 / fp16 / fp32 (int8 wins once quantized
        matrices hold a tenth of the weights: scales and biases stay float), or mixed."""
        total = sum(self.weight_elements.values())
        if not total:
            return ""
        share = {k: v / total for k, v in self.weight_elements.items()}
        if share.get("int8", 0) + share.get("uint8", 0) >= 0.1:
            return "int8"
        for dtype, word in (("float16", "fp16"), ("float", "fp32"), ("bfloat16", "bf16")):
            if share.get(dtype, 0) >= 0.9:
                return word
        return "mixed"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "sha256": self.sha256, "size_bytes": self.size_bytes,
            "ir_version": self.ir_version, "opset": dict(self.opset),
            "producer_name": self.producer_name, "producer_version": self.producer_version,
            "graph_name": self.graph_name,
            "inputs": [t.as_dict() for t in self.inputs],
            "outputs": [t.as_dict() for t in self.outputs],
            "metadata_props": dict(self.metadata_props),
            "has_external_data": self.has_external_data,
            "external_files": list(self.external_files),
        }


def file_sha256(path: str | Path, progress: ProgressFn | None = None) -> str:
    """Streamed SHA-256 (models can be gigabytes); `progress(done, total, text)` per chunk.

    A progress callback may raise to cancel: the exception propagates unchanged.
    """
    path = Path(path)
    total = path.stat().st_size
    digest = hashlib.sha256()
    done = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
            done += len(block)
            if progress is not None:
                progress(done, total, f"checksum of {path.name}")
    return digest.hexdigest()


def _reason(text: str) -> str:
    """Collapse a multi-line checker/runtime message into one readable line."""
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= MAX_REASON else flat[: MAX_REASON - 1] + "…"


def _sniff(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(8)
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    if len(head) >= 8 and head[4:8] == b"TFL3":
        return "a TensorFlow Lite model, not an ONNX model"
    return None


def _dtype_name(elem_type: int) -> str:
    from onnx import TensorProto

    try:
        return TensorProto.DataType.Name(elem_type).lower()
    except ValueError:
        return f"type{elem_type}"


def _type_name(type_proto: Any) -> tuple[str, tuple[int | str, ...] | None]:
    kind = type_proto.WhichOneof("value")
    if kind in ("tensor_type", "sparse_tensor_type"):
        tensor = getattr(type_proto, kind)
        shape: tuple[int | str, ...] | None = None
        if tensor.HasField("shape"):
            dims: list[int | str] = []
            for dim in tensor.shape.dim:
                if dim.HasField("dim_value"):
                    dims.append(int(dim.dim_value))
                else:
                    dims.append(dim.dim_param or "?")
            shape = tuple(dims)
        name = _dtype_name(tensor.elem_type)
        return (name if kind == "tensor_type" else f"sparse({name})"), shape
    if kind == "sequence_type":
        inner, _ = _type_name(type_proto.sequence_type.elem_type)
        return f"sequence({inner})", None
    if kind == "map_type":
        value, _ = _type_name(type_proto.map_type.value_type)
        return f"map({_dtype_name(type_proto.map_type.key_type)},{value})", None
    if kind == "optional_type":
        inner, shape = _type_name(type_proto.optional_type.elem_type)
        return f"optional({inner})", shape
    return "unknown", None


def _tensor_info(value_info: Any) -> TensorInfo:
    dtype, shape = _type_name(value_info.type)
    return TensorInfo(value_info.name, shape, dtype)


def _graphs(graph: Any) -> Iterator[Any]:
    """The graph and every subgraph (If/Loop/Scan bodies), depth first."""
    yield graph
    for node in graph.node:
        for attr in node.attribute:
            if attr.HasField("g"):
                yield from _graphs(attr.g)
            for sub in attr.graphs:
                yield from _graphs(sub)


def _tensors(model: Any) -> Iterator[Any]:
    for graph in _graphs(model.graph):
        yield from graph.initializer
        for sparse in graph.sparse_initializer:
            yield sparse.values
            yield sparse.indices
        for node in graph.node:
            for attr in node.attribute:
                if attr.HasField("t"):
                    yield attr.t
                yield from attr.tensors


def _safe_location(location: str) -> str | None:
    """The location as a POSIX relative path inside the model's folder, or None if it escapes."""
    if not location or "\\" in location or "\x00" in location:
        return None
    if location.startswith("/") or re.match(r"^[A-Za-z]:", location):
        return None
    parts = PurePosixPath(location).parts
    if any(part in ("..", "") for part in parts):
        return None
    return str(PurePosixPath(*parts))


def _external_files(model: Any, folder: Path) -> tuple[str, ...]:
    """Check every external-data reference; the tuple of files they name (sorted)."""
    from onnx import TensorProto

    needed: dict[str, int] = {}
    for tensor in _tensors(model):
        if tensor.data_location != TensorProto.EXTERNAL:
            continue
        entries = {e.key: e.value for e in tensor.external_data}
        location = entries.get("location", "")
        safe = _safe_location(location)
        if safe is None:
            raise InvalidModelError(
                f"the tensor '{tensor.name}' keeps its data at '{location}', outside the "
                "model's folder; external data must sit beside the .onnx file")
        try:
            end = int(entries.get("offset", 0) or 0) + int(entries.get("length", 0) or 0)
        except ValueError:
            raise InvalidModelError(
                f"the tensor '{tensor.name}' has an unreadable external data offset/length"
            ) from None
        needed[safe] = max(needed.get(safe, 0), end)
    for name, end in sorted(needed.items()):
        data = folder / name
        if not data.is_file():
            raise InvalidModelError(
                f"its external data file '{name}' is missing (expected at {data}); copy it "
                "next to the .onnx file")
        size = data.stat().st_size
        if size < end:
            raise InvalidModelError(
                f"its external data file '{name}' is truncated ({size} bytes, the model "
                f"needs at least {end})")
    return tuple(sorted(needed))


def inspect_model(path: str | Path, progress: ProgressFn | None = None) -> ModelInfo:
    """Identify and describe an ONNX file; InvalidModelError says why it is not usable.

    Checks, in order: a regular non-empty file, a parseable ModelProto that is really an ONNX
    model (has a graph, IR version and opsets), external data present and inside its folder,
    and the ONNX checker. The SHA-256 is streamed first (`progress` sees its bytes).
    """
    import onnx
    from google.protobuf.message import DecodeError

    path = Path(path)
    if not path.exists():
        raise InvalidModelError(f"{path} does not exist")
    if not path.is_file():
        raise InvalidModelError(f"{path} is not a file")
    size = path.stat().st_size
    if size == 0:
        raise InvalidModelError(f"{path.name} is empty (0 bytes): the copy is incomplete")
    digest = file_sha256(path, progress)
    try:
        model = onnx.load(str(path), load_external_data=False)
    except (DecodeError, RuntimeError, ValueError) as exc:
        what = _sniff(path)
        if what:
            raise InvalidModelError(f"{path.name} is {what}") from None
        with path.open("rb") as handle:
            first = handle.read(1)
        if first == b"\x08":  # ONNX files start with the ir_version field
            raise InvalidModelError(
                f"{path.name} is truncated or corrupt ({size} bytes; the protobuf does not "
                f"parse: {_reason(str(exc)) or type(exc).__name__}); copy it again") from None
        raise InvalidModelError(
            f"{path.name} is not an ONNX model (not an ONNX protobuf)") from None
    missing = [what for what, ok in (("graph", model.HasField("graph")),
                                     ("IR version", model.ir_version > 0),
                                     ("opset imports", len(model.opset_import) > 0)) if not ok]
    if missing:
        what = _sniff(path)
        if what:
            raise InvalidModelError(f"{path.name} is {what}")
        raise InvalidModelError(
            f"{path.name} is not an ONNX model, or is truncated: it has no "
            f"{' and no '.join(missing)}")
    external = _external_files(model, path.parent)
    try:
        onnx.checker.check_model(str(path))
    except onnx.checker.ValidationError as exc:
        raise InvalidModelError(
            f"{path.name} fails the ONNX checker: {_reason(str(exc))}") from None
    except (DecodeError, ValueError, RuntimeError) as exc:
        raise InvalidModelError(
            f"{path.name} could not be checked: {_reason(str(exc))}") from None
    initializers = {t.name for t in model.graph.initializer}
    weights: dict[str, int] = {}
    for tensor in _tensors(model):
        count = 1
        for dim in tensor.dims:
            count *= int(dim)
        dtype = _dtype_name(tensor.data_type)
        weights[dtype] = weights.get(dtype, 0) + count
    return ModelInfo(
        path=str(path),
        sha256=digest,
        size_bytes=size,
        ir_version=int(model.ir_version),
        opset={o.domain or "": int(o.version) for o in model.opset_import},
        producer_name=model.producer_name,
        producer_version=model.producer_version,
        graph_name=model.graph.name,
        # Before IR 4 initializers were also listed as inputs; they are not inputs to feed.
        inputs=tuple(_tensor_info(v) for v in model.graph.input if v.name not in initializers),
        outputs=tuple(_tensor_info(v) for v in model.graph.output),
        metadata_props={p.key: p.value for p in model.metadata_props},
        has_external_data=bool(external),
        external_files=external,
        weight_elements=weights,
    )


def verify_loads(path: str | Path) -> None:
    """Create a CPU onnxruntime session to prove the model really loads (kernels, shapes).

    The checker accepts graphs onnxruntime cannot run (unsupported opset, missing kernels);
    finding out at import is far cheaper than at the first inference on the line.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 4  # our exception carries the message; keep stderr clean
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            session = ort.InferenceSession(str(path), options,
                                           providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises many unrelated classes
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        first = lines[0] if lines else type(exc).__name__
        raise InvalidModelError(
            f"{Path(path).name} does not load in onnxruntime: {_reason(first)}") from None
    del session
