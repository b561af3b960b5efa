"""Make a model smaller or faster: graph optimization, int8 quantization, fp16, and export of a
Hugging Face model to ONNX.

Every function writes to a temporary file beside `dst` and renames it only when the result loads
in onnxruntime, so a failure or a Cancel never leaves half a model behind. Each returns an
OptimizationResult with what the registry needs for lineage (kind, parameters, tool versions).
torch and optimum are imported inside export_hf_to_onnx only: they take seconds to import and
are an optional extra.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.util
import os
import re
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engines.base import (
    CPU,
    CancelledFn,
    EngineCancelled,
    EngineError,
    InvalidModelError,
    ProgressFn,
    check_cancelled,
)

OPTIMIZE_EXTRA = "install the optimize extra: pip install 'edgedeck[optimize]'"
# What onnxruntime's dynamic quantizer handles; a model without any of these has nothing to gain.
DYNAMIC_QUANT_OPS = ("MatMul", "Gemm", "Conv", "Attention", "LSTM", "Gather",
                     "EmbedLayerNormalization")
STATIC_QUANT_OPS = ("MatMul", "Gemm", "Conv", "ConvTranspose", "Attention", "Gather", "Add", "Mul",
                    "Relu", "Clip", "MaxPool", "AveragePool", "GlobalAveragePool", "Concat",
                    "Resize", "Softmax", "Sigmoid", "Where", "Transpose", "Reshape", "Split")
QUANTIZED_OPS = ("MatMulInteger", "ConvInteger", "DynamicQuantizeLinear", "QuantizeLinear",
                 "DequantizeLinear", "QLinearMatMul", "QLinearConv", "DynamicQuantizeMatMul",
                 "MatMulIntegerToFloat", "QAttention", "DynamicQuantizeLSTM", "QGemm")


@dataclass
class OptimizationResult:
    kind: str  # graph-optimize | quantize-dynamic-int8 | quantize-static-int8 | fp16 | export
    source: str
    output: str
    parameters: dict[str, Any]
    source_bytes: int
    output_bytes: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    tools: dict[str, str] = field(default_factory=dict)  # package versions, for reproducibility

    @property
    def size_ratio(self) -> float:
        return self.output_bytes / self.source_bytes if self.source_bytes else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- shared checks --------------------------------------------------------------------------
def _versions(*packages: str) -> dict[str, str]:
    found = {}
    for name in packages:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return found


def _ort_versions() -> dict[str, str]:
    return _versions("onnxruntime-gpu", "onnxruntime", "onnx")


def load_onnx(src: str | Path) -> Any:  # noqa: ANN401 - onnx.ModelProto
    """Parse and check an ONNX file; InvalidModelError (with the reason) when it is not one."""
    import onnx
    from google.protobuf.message import DecodeError

    path = Path(src)
    if not path.is_file():
        raise InvalidModelError(f"model file not found: {path}")
    try:
        model = onnx.load(str(path))
    except (DecodeError, ValueError, RuntimeError) as exc:
        raise InvalidModelError(f"{path.name} is not an ONNX model ({exc})") from exc
    if not model.graph.node or not model.opset_import:
        raise InvalidModelError(f"{path.name} is not an ONNX model (it has no graph)")
    try:
        onnx.checker.check_model(str(path))
    except onnx.checker.ValidationError as exc:
        first = str(exc).strip().splitlines()[0][:300]
        raise InvalidModelError(f"{path.name} is not a valid ONNX model: {first}") from exc
    return model


def _op_types(model: Any) -> set[str]:  # noqa: ANN401
    types = set()
    graphs = [model.graph]
    while graphs:  # subgraphs (If/Loop bodies) too
        graph = graphs.pop()
        for node in graph.node:
            types.add(node.op_type)
            graphs += [a.g for a in node.attribute if a.HasField("g")]
    return types


def _check_paths(src: Path, dst: Path) -> None:
    if src.resolve() == dst.resolve():
        raise EngineError(f"the output must be a new file, not the source {src.name}")
    dst.parent.mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def _staged(dst: Path) -> Iterator[Path]:
    """A temporary path beside dst; renamed onto dst only if the block succeeds."""
    handle, name = tempfile.mkstemp(prefix=f".{dst.stem}-", suffix=".onnx.part", dir=dst.parent)
    os.close(handle)
    staged = Path(name)
    try:
        yield staged
        os.replace(staged, dst)
    finally:
        staged.unlink(missing_ok=True)


def verify_loads(path: Path, what: str) -> None:
    """Create a CPU session on the result: a model that does not load must not be registered."""
    import onnxruntime as ort

    from engines.onnxruntime import capture_output

    options = ort.SessionOptions()
    options.log_severity_level = 3
    try:
        with capture_output(native=False):
            ort.InferenceSession(str(path), options, providers=[CPU])
    except Exception as exc:  # noqa: BLE001 - explained for people below
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        hint = ""
        if "Could not find an implementation" in first:
            hint = (" - this onnxruntime has no CPU kernel for an operator the conversion "
                    "produced; try other options (e.g. MatMul only, or uint8 weights)")
        raise EngineError(f"the {what} model does not load in onnxruntime: {first[:300]}{hint}") \
            from exc


def _result(kind: str, src: Path, dst: Path, parameters: dict[str, Any], started: float,
            warnings: list[str], tools: dict[str, str] | None = None) -> OptimizationResult:
    return OptimizationResult(kind, str(src), str(dst), parameters, src.stat().st_size,
                              dst.stat().st_size, time.perf_counter() - started, warnings,
                              tools if tools is not None else _ort_versions())


def _progress(progress: ProgressFn | None, done: int, total: int, text: str) -> None:
    if progress is not None:
        progress(done, total, text)


# -- graph optimization ---------------------------------------------------------------------
def graph_optimize(src: str | Path, dst: str | Path, level: str = "extended",
                   progress: ProgressFn | None = None,
                   cancelled: CancelledFn | None = None) -> OptimizationResult:
    """Save onnxruntime's optimized graph (constant folding, fusions) so loading skips that work.

    The result is tuned for the CPU provider: 'extended' adds onnxruntime-only fused operators
    and 'all' adds layout changes for this CPU's instruction set, so keep the original for
    TensorRT (which does its own fusions) and run an 'all' model on the same kind of machine."""
    import onnxruntime as ort

    from engines.onnxruntime import capture_output, graph_optimization_level

    src, dst = Path(src), Path(dst)
    started = time.perf_counter()
    load_onnx(src)
    _check_paths(src, dst)
    ort_level = graph_optimization_level(level)
    check_cancelled(cancelled, "graph optimization")
    _progress(progress, 0, 0, f"optimizing the graph ({level})…")
    warnings = []
    if level in ("extended", "all"):
        warnings.append("optimized for the CPU provider; keep the original model for TensorRT")
    if level == "all":
        warnings.append("level 'all' uses layouts for this CPU: run the result on the same kind "
                        "of machine")
    with _staged(dst) as staged:
        options = ort.SessionOptions()
        options.graph_optimization_level = ort_level
        options.optimized_model_filepath = str(staged)
        options.log_severity_level = 3
        try:
            with capture_output(native=False):
                ort.InferenceSession(str(src), options, providers=[CPU])
        except Exception as exc:  # noqa: BLE001
            raise EngineError(f"onnxruntime could not optimize {src.name}: "
                              f"{str(exc).strip().splitlines()[0][:300]}") from exc
        check_cancelled(cancelled, "graph optimization")
        verify_loads(staged, "optimized")
    _progress(progress, 1, 1, "graph optimized")
    return _result("graph-optimize", src, dst, {"level": level}, started, warnings)


# -- int8 quantization ----------------------------------------------------------------------
_STRAY = re.compile(r"^(sym_shape_infer_temp\.onnx|[0-9a-f]{8}-[0-9a-f-]{27}\.data)$")


def _strays() -> set[str]:
    """Files onnxruntime's symbolic shape inference drops into the *current directory* when it
    gives up (sym_shape_infer_temp.onnx plus a <uuid>.data)."""
    try:
        return {p.name for p in Path.cwd().iterdir() if _STRAY.match(p.name)}
    except OSError:
        return set()


def _preprocess(src: Path, work: Path, warnings: list[str]) -> Path:
    """onnxruntime's recommended pre-pass (shape inference + optimization); optional.

    Symbolic shape inference (dynamic dims in transformers) needs sympy, which comes with torch;
    when it is missing or gives up, the pass is retried without it."""
    from onnxruntime.quantization.shape_inference import quant_pre_process

    from engines.onnxruntime import capture_output

    out = work / "preprocessed.onnx"
    attempts = [False, True] if importlib.util.find_spec("sympy") is not None else [True]
    error = ""
    for skip_symbolic in attempts:
        before = _strays()
        try:
            with capture_output(native=False):
                quant_pre_process(str(src), str(out), skip_symbolic_shape=skip_symbolic)
            return out
        except Exception as exc:  # noqa: BLE001 - quantization still works without it
            error = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else repr(exc)
        finally:
            for name in _strays() - before:
                (Path.cwd() / name).unlink(missing_ok=True)
    warnings.append(f"quantization pre-processing skipped: {error}")
    return src


def _count_quantized(path: Path) -> int:
    import onnx

    model = onnx.load(str(path), load_external_data=False)
    return sum(1 for node in model.graph.node if node.op_type in QUANTIZED_OPS)


def quantize_dynamic_int8(src: str | Path, dst: str | Path, per_channel: bool = False,
                          matmul_only: bool = False, reduce_range: bool = False,
                          weight_type: str = "int8", preprocess: bool = True,
                          progress: ProgressFn | None = None,
                          cancelled: CancelledFn | None = None) -> OptimizationResult:
    """Weights to int8, activations quantized on the fly: no calibration data needed.

    Best for transformers and MLPs on the CPU (MatMul-bound); `matmul_only` leaves embeddings
    (Gather) and attention alone, which keeps transformer accuracy. Convolutional models gain
    more from quantize_static_int8 (older onnxruntime builds have no int8-weight ConvInteger
    kernel: weight_type="uint8" then). `reduce_range` (7-bit weights) helps older x86 CPUs without
    VNNI avoid saturation."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from engines.onnxruntime import capture_output

    src, dst = Path(src), Path(dst)
    started = time.perf_counter()
    model = load_onnx(src)
    _check_paths(src, dst)
    ops = ["MatMul"] if matmul_only else list(DYNAMIC_QUANT_OPS)
    present = sorted(_op_types(model) & set(ops))
    if not present:
        raise EngineError(f"nothing to quantize in {src.name}: dynamic int8 quantization handles "
                          f"{', '.join(ops)} and the model has none of them")
    types = {"int8": QuantType.QInt8, "uint8": QuantType.QUInt8}
    if weight_type not in types:
        raise EngineError(f"weight type must be int8 or uint8, not {weight_type!r}")
    warnings: list[str] = []
    warnings: list[str] = []
    parameters = {"per_channel": per_channel, "matmul_only": matmul_only,
                  "reduce_range": reduce_range, "weight_type": weight_type, "op_types": ops}
    check_cancelled(cancelled, "quantization")
    with tempfile.TemporaryDirectory(prefix="edgedeck-quant-") as work:
        _progress(progress, 0, 3, "preparing the model (shape inference)…")
        source = _preprocess(src, Path(work), warnings) if preprocess else src
        check_cancelled(cancelled, "quantization")
        _progress(progress, 1, 3, "quantizing weights to int8…")
        with _staged(dst) as staged:
            try:
                with capture_output(native=False):
                    quantize_dynamic(str(source), str(staged), op_types_to_quantize=ops,
                                     per_channel=per_channel, reduce_range=reduce_range,
                                     weight_type=types[weight_type])
            except Exception as exc:  # noqa: BLE001
                raise EngineError(f"dynamic quantization of {src.name} failed: "
                                  f"{str(exc).strip().splitlines()[0][:300]}") from exc
            if _count_quantized(staged) == 0:
                raise EngineError(f"nothing was quantized in {src.name} (the {', '.join(present)}"
                                  " nodes have no constant weights)")
            check_cancelled(cancelled, "quantization")
            _progress(progress, 2, 3, "checking that the int8 model loads…")
            verify_loads(staged, "quantized")
    _progress(progress, 3, 3, "quantized")
    return _result("quantize-dynamic-int8", src, dst, parameters, started, warnings)


class _Calibration:
    """CalibrationDataReader over caller-given samples, reporting progress and honouring Cancel
    (raising out of get_next stops onnxruntime's calibration loop)."""

    def __init__(self, samples: Sequence[Mapping[str, np.ndarray]], dtypes: dict[str, str],
                 progress: ProgressFn | None, cancelled: CancelledFn | None) -> None:
        self.samples = samples
        self.dtypes = dtypes
        self.index = 0
        self.progress = progress
        self.cancelled = cancelled

    def get_next(self) -> dict[str, np.ndarray] | None:
        check_cancelled(self.cancelled, "calibration")
        if self.index >= len(self.samples):
            return None
        feeds = {k: np.asarray(v).astype(self.dtypes.get(k, np.asarray(v).dtype), copy=False)
                 for k, v in self.samples[self.index].items()}
        self.index += 1
        _progress(self.progress, self.index, len(self.samples),
                  f"calibrating ({self.index} of {len(self.samples)} samples)")
        return feeds

    def rewind(self) -> None:
        self.index = 0


def quantize_static_int8(src: str | Path, dst: str | Path,
                         calibration_inputs: Sequence[Mapping[str, np.ndarray]],
                         per_channel: bool = False, for_tensorrt: bool = False,
                         calibrate_method: str = "minmax", preprocess: bool = True,
                         progress: ProgressFn | None = None,
                         cancelled: CancelledFn | None = None) -> OptimizationResult:
    """Weights and activations to int8 (QDQ format), with ranges measured on calibration samples
    that look like real inputs (a few dozen to a few hundred images).

    `for_tensorrt` makes activations and weights symmetric, which TensorRT's int8 needs."""
    from onnxruntime.quantization import CalibrationMethod, QuantFormat, QuantType, quantize_static

    from engines.onnxruntime import capture_output

    src, dst = Path(src), Path(dst)
    started = time.perf_counter()
    model = load_onnx(src)
    _check_paths(src, dst)
    if not calibration_inputs:
        raise EngineError("static quantization needs calibration samples (inputs that look like "
                          "real data); none were given")
    methods = {"minmax": CalibrationMethod.MinMax, "entropy": CalibrationMethod.Entropy,
               "percentile": CalibrationMethod.Percentile}
    if calibrate_method not in methods:
        raise EngineError(f"calibration method must be one of {', '.join(methods)}")
    present = sorted(_op_types(model) & set(STATIC_QUANT_OPS))
    if not present:
        raise EngineError(f"nothing to quantize in {src.name}: it has none of the operators "
                          "static int8 quantization handles")
    import onnx

    initializers = {init.name for init in model.graph.initializer}
    graph_inputs = [i for i in model.graph.input if i.name not in initializers]
    dtypes = {i.name: np.dtype(onnx.helper.tensor_dtype_to_np_dtype(
        i.type.tensor_type.elem_type)).name for i in graph_inputs}
    missing = [name for name in dtypes if name not in calibration_inputs[0]]
    if missing:
        raise EngineError(f"calibration samples lack the model input(s) {', '.join(missing)}")
    extra: dict[str, Any] = {}
    if for_tensorrt:
        extra.update(ActivationSymmetric=True, WeightSymmetric=True)
    parameters = {"per_channel": per_channel, "for_tensorrt": for_tensorrt,
                  "calibrate_method": calibrate_method, "format": "QDQ",
                  "calibration_samples": len(calibration_inputs)}
    warnings: list[str] = []
    check_cancelled(cancelled, "quantization")
    with tempfile.TemporaryDirectory(prefix="edgedeck-quant-") as work:
        _progress(progress, 0, 0, "preparing the model (shape inference)…")
        source = _preprocess(src, Path(work), warnings) if preprocess else src
        reader = _Calibration(calibration_inputs, dtypes, progress, cancelled)
        with _staged(dst) as staged:
            try:
                with capture_output(native=False):
                    quantize_static(str(source), str(staged), reader,
                                    quant_format=QuantFormat.QDQ, per_channel=per_channel,
                                    activation_type=QuantType.QInt8 if for_tensorrt
                                    else QuantType.QUInt8,
                                    weight_type=QuantType.QInt8,
                                    calibrate_method=methods[calibrate_method],
                                    extra_options=extra)
            except EngineCancelled:
                raise
            except Exception as exc:  # noqa: BLE001
                raise EngineError(f"static quantization of {src.name} failed: "
                                  f"{str(exc).strip().splitlines()[0][:300]}") from exc
            if _count_quantized(staged) == 0:
                raise EngineError(f"nothing was quantized in {src.name}")
            check_cancelled(cancelled, "quantization")
            _progress(progress, 0, 0, "checking that the int8 model loads…")
            verify_loads(staged, "quantized")
    _progress(progress, 1, 1, "quantized")
    return _result("quantize-static-int8", src, dst, parameters, started, warnings)


# -- fp16 -----------------------------------------------------------------------------------
def _float16_module() -> Any:  # noqa: ANN401
    """onnxruntime ships the converter (onnxruntime.transformers.float16); onnxconverter-common
    has the same one. Note: importing onnxruntime.transformers (onnxruntime.quantization does it
    too) appends its folder to sys.path, because its modules import each other by bare name."""
    try:
        from onnxruntime.transformers import float16
        return float16
    except ImportError:
        try:
            from onnxconverter_common import float16
            return float16
        except ImportError as exc:
            raise EngineError("fp16 conversion needs onnxruntime's converter "
                              "(onnxruntime.transformers.float16) or onnxconverter-common") \
                from exc


def convert_fp16(src: str | Path, dst: str | Path, keep_io_types: bool = True,
                 op_block_list: Sequence[str] | None = None, progress: ProgressFn | None = None,
                 cancelled: CancelledFn | None = None) -> OptimizationResult:
    """Weights and activations to float16: half the size, faster on GPUs with tensor cores
    (TensorRT can also do this itself with trt_fp16). On the CPU most operators run through
    inserted casts, so an fp16 model is usually slower there.

    keep_io_types leaves inputs and outputs float32, so callers feed the same arrays."""
    import onnx

    src, dst = Path(src), Path(dst)
    started = time.perf_counter()
    model = load_onnx(src)
    _check_paths(src, dst)
    float16 = _float16_module()
    check_cancelled(cancelled, "fp16 conversion")
    _progress(progress, 0, 0, "converting to float16…")
    kwargs: dict[str, Any] = {"keep_io_types": keep_io_types}
    if op_block_list is not None:
        kwargs["op_block_list"] = list(op_block_list)
    try:
        converted = float16.convert_float_to_float16(model, **kwargs)
    except Exception as exc:  # noqa: BLE001
        raise EngineError(f"fp16 conversion of {src.name} failed: "
                          f"{str(exc).strip().splitlines()[0][:300]}") from exc
    check_cancelled(cancelled, "fp16 conversion")
    with _staged(dst) as staged:
        onnx.save(converted, str(staged))
        verify_loads(staged, "fp16")
    _progress(progress, 1, 1, "converted")
    return _result("fp16", src, dst, {"keep_io_types": keep_io_types,
                                      "op_block_list": list(op_block_list or [])},
                   started, [])


# -- export from Hugging Face ---------------------------------------------------------------
def export_hf_to_onnx(model_dir: str | Path, dst_dir: str | Path, task: str = "auto",
                      opset: int | None = None, progress: ProgressFn | None = None,
                      cancelled: CancelledFn | None = None,
                      validate: bool = True) -> OptimizationResult:
    """Export a Hugging Face model folder (config.json + weights) to ONNX with optimum.

    Strictly offline: HF_HUB_OFFLINE/TRANSFORMERS_OFFLINE are set for the process (they are read
    when huggingface_hub is first imported, and the appliance never goes online anyway) and
    only local files are used. The export itself cannot be interrupted; Cancel is checked
    before and after it, and a cancelled export leaves nothing in dst_dir."""
    model_dir, dst_dir = Path(model_dir), Path(dst_dir)
    if not (model_dir / "config.json").is_file():
        raise InvalidModelError(f"{model_dir} is not a Hugging Face model folder "
                                "(no config.json)")
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    check_cancelled(cancelled, "export")
    _progress(progress, 0, 0, "loading optimum and torch (takes a few seconds)…")
    try:
        from optimum.exporters.onnx import main_export
    except ImportError as exc:
        raise EngineError(f"exporting to ONNX needs optimum and torch: {OPTIMIZE_EXTRA} "
                          f"({exc})") from exc
    started = time.perf_counter()
    check_cancelled(cancelled, "export")
    if dst_dir.exists() and any(dst_dir.iterdir()):
        raise EngineError(f"the export folder {dst_dir} is not empty")
    staging = Path(tempfile.mkdtemp(prefix=f".{dst_dir.name}-", dir=dst_dir.parent
                                    if dst_dir.parent.exists() else None))
    try:
        _progress(progress, 0, 0, f"exporting {model_dir.name} to ONNX (task {task})…")
        try:
            main_export(str(model_dir), output=staging, task=task, opset=opset, device="cpu",
                        local_files_only=True, do_validation=validate)
        except Exception as exc:  # noqa: BLE001 - optimum raises many kinds
            raise EngineError(f"export of {model_dir.name} failed: "
                              f"{str(exc).strip().splitlines()[0][:300]}") from exc
        check_cancelled(cancelled, "export")
        models = sorted(staging.glob("*.onnx"))
        if not models:
            raise EngineError(f"optimum wrote no ONNX file for {model_dir.name}")
        dst_dir.mkdir(parents=True, exist_ok=True)
        for item in staging.iterdir():
            os.replace(item, dst_dir / item.name)
    finally:
        import shutil

        shutil.rmtree(staging, ignore_errors=True)
    output = dst_dir / models[0].name
    source_bytes = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file())
    tools = _versions("optimum", "optimum-onnx", "transformers", "torch", "onnx",
                      "onnxruntime-gpu", "onnxruntime")
    _progress(progress, 1, 1, "exported")
    return OptimizationResult("export", str(model_dir), str(output),
                              {"task": task, "opset": opset, "validated": validate},
                              source_bytes, output.stat().st_size,
                              time.perf_counter() - started,
                              [f"also wrote {p.name}" for p in models[1:]], tools)
