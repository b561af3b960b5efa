"""Which ONNX Runtime execution providers *really* load on this box.

onnxruntime-gpu lists CUDA and TensorRT as available even where their libraries cannot load; it
then falls back to the CPU with only a log line. The only trustworthy answer is to create a
session on a tiny model and read `session.get_providers()` back.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.metadata
import io
import logging
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


# -- why a provider does not load ------------------------------------------------------------

# The library each provider lives in (onnxruntime-gpu 1.31 builds); the loader is asked
# directly when onnxruntime's own message names no missing library.
PROVIDER_LIBRARIES = {
    "CUDAExecutionProvider": "onnxruntime_providers_cuda",
    "TensorrtExecutionProvider": "onnxruntime_providers_tensorrt",
    "OpenVINOExecutionProvider": "onnxruntime_providers_openvino",
    "DnnlExecutionProvider": "onnxruntime_providers_dnnl",
    "ROCMExecutionProvider": "onnxruntime_providers_rocm",
    "MIGraphXExecutionProvider": "onnxruntime_providers_migraphx",
}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@contextlib.contextmanager
def _captured_output() -> Iterator[io.StringIO]:
    """Everything written to stdout/stderr, by Python or by C++ (file descriptors 1 and 2)."""
    captured = io.StringIO()
    with tempfile.TemporaryFile() as sink:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        saved = [os.dup(1), os.dup(2)]
        try:
            os.dup2(sink.fileno(), 1)
            os.dup2(sink.fileno(), 2)
            with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
                yield captured
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
        sink.seek(0)
        captured.write(sink.read().decode("utf-8", "replace"))


def provider_error_text(name: str,
                        ask_loader: Callable[[str], bool] = lambda text: True) -> str:
    """What onnxruntime (or failing that, the loader) says when `name` does not load.

    The session is retried with onnxruntime's error log switched on and both streams captured,
    so nothing reaches the terminal; when `ask_loader(text)` says that text names no missing
    library, the provider library is opened with ctypes to read the loader's own error.
    """
    import onnxruntime as ort

    text = ""
    try:
        ort.set_default_logger_severity(3)  # errors: "Failed to load library ... with error: ..."
        with _captured_output() as out:
            try:
                ort.InferenceSession(_tiny_model_bytes(),
                                     providers=[name, "CPUExecutionProvider"])
            except Exception as exc:  # noqa: BLE001 - the text is what we want
                print(exc)
        text = out.getvalue()
    except OSError:
        pass  # no usable file descriptors (e.g. a service without stdio): use the loader
    finally:
        ort.set_default_logger_severity(4)  # what engines.providers.probe_all leaves set
    if ask_loader(text) and name in PROVIDER_LIBRARIES:
        stem = PROVIDER_LIBRARIES[name]
        filename = {"win32": f"{stem}.dll", "darwin": f"lib{stem}.dylib"}.get(
            sys.platform, f"lib{stem}.so")
        path = Path(ort.__file__).parent / "capi" / filename
        if path.exists():
            try:
                ctypes.CDLL(str(path))
            except OSError as exc:
                text += f"\nFailed to load library {filename} with error: {exc}"
    return _ANSI.sub("", text)


# -- a fixed workload on every provider -----------------------------------------------------


def matmul_benchmark(runs: int = 50) -> list[dict[str, Any]]:
    """A 256x256 MatMul on every provider that really loads (asked for vs used)."""
    import numpy as np
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    weight = numpy_helper.from_array(np.random.default_rng(0).standard_normal(
        (256, 256)).astype(np.float32), "w")
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 256])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 256])
    graph = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["y"])], "bench", [x],
                              [y], [weight])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    data = model.SerializeToString()
    feed = {"x": np.ones((1, 256), dtype=np.float32)}
    ort.set_default_logger_severity(4)
    rows = []
    for name in ort.get_available_providers():
        options = ort.SessionOptions()
        options.log_severity_level = 4
        providers = [name] if name == "CPUExecutionProvider" else [name, "CPUExecutionProvider"]
        started = time.perf_counter()
        try:
            # The binding print()s an "EP Error" banner when it falls back; it is no output.
            with contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()):
                session = ort.InferenceSession(data, options, providers=providers)
            created = time.perf_counter() - started
            started = time.perf_counter()
            session.run(None, feed)
            first = time.perf_counter() - started
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                session.run(None, feed)
                times.append(time.perf_counter() - started)
        except Exception as exc:  # noqa: BLE001 - the failure is the result
            rows.append({"requested": name, "error": str(exc).splitlines()[0][:300]})
            continue
        times.sort()
        rows.append({
            "requested": name, "used": session.get_providers()[0],
            "session_creation_ms": round(created * 1000, 3),
            "first_inference_ms": round(first * 1000, 3),
            "mean_ms": round(statistics.fmean(times) * 1000, 4),
            "p50_ms": round(times[len(times) // 2] * 1000, 4),
            "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))] * 1000, 4),
            "inferences_per_s": round(len(times) / sum(times), 1),
        })
    return rows
