"""Which ONNX Runtime execution providers *really* load on this box.

onnxruntime-gpu lists CUDA and TensorRT as available even where their libraries cannot load; it
then falls back to the CPU with only a log line. The only trustworthy answer is to create a
session on a tiny model and read `session.get_providers()` back.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Preference order when a model asks for "the best accelerator".
PREFERENCE = (
    "TensorrtExecutionProvider",
    "CUDAExecutionProvider",
    "CPUExecutionProvider",
)


@dataclass(frozen=True)
class ProviderProbe:
    name: str
    loads: bool
    seconds: float
    detail: str = ""


def onnxruntime_distribution() -> tuple[str, str] | None:
    """(distribution name, version) without importing onnxruntime; None when absent."""
    for dist in ("onnxruntime-gpu", "onnxruntime", "onnxruntime-directml", "onnxruntime-openvino"):
        try:
            return dist, importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def available_providers() -> list[str]:
    """What onnxruntime *claims*; may include providers whose libraries are missing."""
    import onnxruntime as ort

    return list(ort.get_available_providers())


def _tiny_model_bytes() -> bytes:
    from onnx import TensorProto, helper

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])
    graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "probe", [x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8  # readable by onnxruntime >= 1.14
    return model.SerializeToString()


def probe_provider(name: str) -> ProviderProbe:
    """Create a session asking for `name` first and report whether it was really used."""
    import numpy as np
    import onnxruntime as ort

    if name not in ort.get_available_providers():
        return ProviderProbe(name, False, 0.0, "not offered by this onnxruntime build")
    options = ort.SessionOptions()
    options.log_severity_level = 4  # the fallback "EP Error" block is our result, not noise
    started = time.perf_counter()
    try:
        providers = [name] if name == "CPUExecutionProvider" else [name, "CPUExecutionProvider"]
        # The binding print()s an "EP Error" banner on fallback; it would corrupt --json output.
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            session = ort.InferenceSession(_tiny_model_bytes(), options, providers=providers)
        session.run(None, {"x": np.zeros((1, 4), dtype=np.float32)})
        used = session.get_providers()
    except Exception as exc:  # noqa: BLE001 - any failure means "does not load"
        return ProviderProbe(name, False, time.perf_counter() - started, _first_line(exc))
    elapsed = time.perf_counter() - started
    if used and used[0] == name:
        return ProviderProbe(name, True, elapsed, "session created and ran")
    return ProviderProbe(
        name, False, elapsed, f"asked for {name}, onnxruntime fell back to {', '.join(used)}"
    )


def probe_all(
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ProviderProbe]:
    import onnxruntime as ort

    ort.set_default_logger_severity(4)
    names = available_providers()
    results: list[ProviderProbe] = []
    for index, name in enumerate(names):
        if cancelled and cancelled():
            break
        if progress:
            progress(index, len(names), name)
        results.append(probe_provider(name))
        log.info("provider probe %s: %s", name, results[-1])
    if progress:
        progress(len(results), len(names), "")
    return results


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
