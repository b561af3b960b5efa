"""ONNX Runtime engine: TensorRT -> CUDA -> CPU, and the truth about which one really runs.

onnxruntime-gpu offers CUDA and TensorRT even where their libraries cannot load; the python
binding then prints an "EP Error" banner to stdout and quietly retries on the next provider. So
the engine (1) passes only providers this build offers, always ending on the CPU, (2) captures
whatever the runtime prints while the session is created and turns it into LoadReport.warnings,
and (3) compares what was asked for with `session.get_providers()`.

onnxruntime is imported inside the functions: the application's start-up must not pay for it.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engines.base import (
    CPU,
    CUDA,
    TENSORRT,
    CancelledFn,
    EngineCancelled,
    EngineDescription,
    EngineError,
    EngineOptions,
    InvalidModelError,
    LoadReport,
    ProgressFn,
    TensorSpec,
    short_name,
)

if TYPE_CHECKING:
    import numpy as np
    import onnxruntime as ort

log = logging.getLogger(__name__)

ORT_TYPES = {
    "tensor(float)": "float32", "tensor(float16)": "float16", "tensor(double)": "float64",
    "tensor(bfloat16)": "bfloat16", "tensor(int64)": "int64", "tensor(int32)": "int32",
    "tensor(int16)": "int16", "tensor(int8)": "int8", "tensor(uint64)": "uint64",
    "tensor(uint32)": "uint32", "tensor(uint16)": "uint16", "tensor(uint8)": "uint8",
    "tensor(bool)": "bool", "tensor(string)": "object",
}
GRAPH_LEVELS = ("disabled", "basic", "extended", "all")
HEARTBEAT_S = 1.0
MAX_WARNINGS = 20
_CAPTURE_LOCK = threading.Lock()  # fds 1 and 2 are process-wide: one capture at a time


def ort_version() -> tuple[int, int]:
    import onnxruntime as ort

    major, minor = (re.findall(r"\d+", ort.__version__) + ["0", "0"])[:2]
    return int(major), int(minor)


def graph_optimization_level(level: str) -> ort.GraphOptimizationLevel:
    import onnxruntime as ort

    levels = {
        "disabled": ort.GraphOptimizationLevel.ORT_DISABLE_ALL,
        "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
    }
    try:
        return levels[level]
    except KeyError:
        raise EngineError(
            f"unknown graph optimization level {level!r}; use one of {', '.join(GRAPH_LEVELS)}"
        ) from None


def select_providers(requested: Sequence[str], offered: Sequence[str]) -> list[str]:
    """Requested providers this build offers, in the requested order, always ending on the CPU."""
    chosen = [p for p in dict.fromkeys(requested) if p in offered and p != CPU]
    return [*chosen, CPU]


def tensorrt_options(options: EngineOptions, model_path: Path,
                     version: tuple[int, int]) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """TensorRT provider options the installed onnxruntime understands (older builds reject
    unknown keys), plus warnings for what had to be left out and details worth showing."""
    opts = {"device_id": str(options.device_id)}
    notes: list[str] = []
    details: dict[str, str] = {}
    if options.trt_fp16:
        opts["trt_fp16_enable"] = "True"
    if options.trt_max_workspace_bytes:
        opts["trt_max_workspace_size"] = str(int(options.trt_max_workspace_bytes))
    if options.trt_engine_cache_dir is not None:
        cache = Path(options.trt_engine_cache_dir)
        cache.mkdir(parents=True, exist_ok=True)
        opts["trt_engine_cache_enable"] = "True"
        opts["trt_engine_cache_path"] = str(cache)
        details["tensorrt_engine_cache"] = str(cache)
    if options.trt_timing_cache_dir is not None:
        if version >= (1, 15):
            opts["trt_timing_cache_enable"] = "True"
            if version >= (1, 17):  # trt_timing_cache_path came in 1.17 (#17865)
                timing = Path(options.trt_timing_cache_dir)
                timing.mkdir(parents=True, exist_ok=True)
                opts["trt_timing_cache_path"] = str(timing)
                details["tensorrt_timing_cache"] = str(timing)
            else:
                notes.append("this onnxruntime keeps the TensorRT timing cache in the engine "
                             "cache folder (trt_timing_cache_path needs onnxruntime >= 1.17)")
        else:
            notes.append("TensorRT timing cache needs onnxruntime >= 1.15; not used")
    if options.trt_ep_context_dump:
        if version < (1, 17):  # trt_dump_ep_context_model came in 1.17 (#18217)
            notes.append("TensorRT EP context model needs onnxruntime >= 1.17; not written")
        elif options.trt_engine_cache_dir is None:
            notes.append("TensorRT EP context model needs an engine cache folder; not written")
        else:
            # With a folder, TensorRT writes <stem>_ctx.onnx there and keeps the engine beside it.
            opts["trt_dump_ep_context_model"] = "True"
            opts["trt_ep_context_file_path"] = opts["trt_engine_cache_path"]
            opts["trt_ep_context_embed_mode"] = "0"
            details["ep_context_model"] = str(
                Path(opts["trt_engine_cache_path"]) / f"{model_path.stem}_ctx.onnx")
    if options.trt_profiles:
        if version >= (1, 15):  # explicit profiles came in 1.15 (#15546)
            for key, index in (("min", 0), ("opt", 1), ("max", 2)):
                opts[f"trt_profile_{key}_shapes"] = ",".join(
                    f"{name}:{'x'.join(str(int(d)) for d in shapes[index])}"
                    for name, shapes in options.trt_profiles.items())
        else:
            notes.append("explicit TensorRT profiles need onnxruntime >= 1.15; not used")
    if options.dla_core is not None:
        opts["trt_dla_enable"] = "True"
        opts["trt_dla_core"] = str(int(options.dla_core))
    return opts, notes, details


def cuda_options(options: EngineOptions) -> dict[str, str]:
    # HEURISTIC: the default EXHAUSTIVE cuDNN search makes the first inference take seconds.
    # kSameAsRequested: edge boxes share little memory; do not grow the arena in powers of two.
    return {
        "device_id": str(options.device_id),
        "cudnn_conv_algo_search": "HEURISTIC",
        "arena_extend_strategy": "kSameAsRequested",
    }


def spec_of(node_arg: Any) -> TensorSpec:  # noqa: ANN401 - onnxruntime.NodeArg
    shape = tuple(dim if isinstance(dim, (int, str)) else None for dim in (node_arg.shape or ()))
    return TensorSpec(node_arg.name, shape, ORT_TYPES.get(node_arg.type, node_arg.type))


class OnnxRuntimeEngine:
    """One ONNX model in one onnxruntime session.

    `run` is the hot path: output names are computed once, feeds go straight to the session and
    the session's own list of arrays comes back (no copies, no dict). Errors are translated only
    on the exception path, which costs nothing when nothing goes wrong.
    """

    def __init__(self, model_path: str | Path, options: EngineOptions | None = None) -> None:
        self.model_path = Path(model_path)
        self.options = options or EngineOptions()
        self.report: LoadReport | None = None
        self._session: ort.InferenceSession | None = None
        self._run: Any = None
        self._output_names: list[str] = []
        self._run_options: Any = None
        self._description: EngineDescription | None = None

    # -- loading -------------------------------------------------------------------------
    def load(self, progress: ProgressFn | None = None,
             cancelled: CancelledFn | None = None) -> LoadReport:
        """Create the session. A TensorRT engine build can take minutes: `progress` is called
        about once a second meanwhile (from a helper thread). onnxruntime cannot be interrupted,
        so Cancel takes effect once creation returns: the finished session is then discarded."""
        import onnxruntime as ort

        if cancelled is not None and cancelled():
            raise EngineCancelled("loading cancelled before the session was created")
        if not self.model_path.is_file():
            raise InvalidModelError(f"model file not found: {self.model_path}")
        self.unload()
        self.report = None
        opts = self.options
        requested = list(dict.fromkeys(opts.providers or [CPU]))
        offered = ort.get_available_providers()
        chosen = select_providers(requested, offered)
        warnings = [f"{short_name(p)} was requested but this onnxruntime build does not offer it"
                    for p in requested if p not in offered]
        provider_options: list[dict[str, str]] = []
        details: dict[str, str] = {"onnxruntime": ort.__version__}
        for name in chosen:
            if name == TENSORRT:
                trt, notes, trt_details = tensorrt_options(opts, self.model_path, ort_version())
                provider_options.append(trt)
                warnings += notes
                details.update(trt_details)
            elif name == CUDA:
                provider_options.append(cuda_options(opts))
            else:
                provider_options.append({})

        session_options = ort.SessionOptions()
        session_options.graph_optimization_level = graph_optimization_level(
            opts.graph_optimization)
        # Warnings (e.g. nodes not assigned to the accelerator) are wanted while creating - they
        # are captured - but a run must print nothing: RunOptions raise the bar for runs.
        session_options.log_severity_level = 2 if opts.capture_native_output else 3
        if opts.intra_op_threads:
            session_options.intra_op_num_threads = int(opts.intra_op_threads)
        run_options = ort.RunOptions()
        run_options.log_severity_level = 3

        text = "creating session…"
        if TENSORRT in chosen:
            text += " (TensorRT engine build can take minutes)"
        stop = threading.Event()
        captured = _Captured()
        started = time.perf_counter()
        if progress is not None:
            progress(0, 0, text)
            threading.Thread(target=_heartbeat, args=(progress, text, stop, started),
                             name="engine-load-heartbeat", daemon=True).start()
        try:
            with capture_output(opts.capture_native_output) as captured:
                session = _create_session(ort, self.model_path, session_options, chosen,
                                          provider_options, warnings)
        except Exception as exc:  # noqa: BLE001 - translated for people, original chained
            raise _load_error(self.model_path, exc, captured.text) from exc
        finally:
            stop.set()
        seconds = time.perf_counter() - started
        if cancelled is not None and cancelled():
            del session
            raise EngineCancelled(
                f"loading cancelled; the session finished after {seconds:.1f} s and was discarded")

        used = list(session.get_providers())
        accelerators = [p for p in requested if p != CPU]
        fell_back = bool(accelerators) and used == [CPU]
        missing = [p for p in requested if p not in used]
        if fell_back:
            warnings.insert(0, f"asked for {', '.join(short_name(p) for p in accelerators)} but "
                               "the model runs on the CPU: the accelerator could not be used")
        elif [p for p in accelerators if p in offered and p not in used]:
            lost = [short_name(p) for p in accelerators if p in offered and p not in used]
            warnings.insert(0, f"{', '.join(lost)} could not be used; the model runs on "
                               f"{short_name(used[0])}")
        warnings += parse_runtime_output(captured.text)
        if used[0] == TENSORRT and not opts.trt_profiles and any(
                spec_of(i).is_dynamic for i in session.get_inputs()):
            warnings.append("TensorRT builds its engine at the first inference (the model has "
                            "dynamic input shapes and no TensorRT profiles were given): the "
                            "first run can take minutes")
        if captured.text.strip():
            details["runtime_output"] = _ANSI.sub("", captured.text).strip()[-20000:]
        try:
            applied = {k: dict(v) for k, v in session.get_provider_options().items()}
        except Exception:  # noqa: BLE001 - diagnostics only
            applied = {}
        self.report = LoadReport(requested, used, fell_back, missing, seconds,
                                 list(dict.fromkeys(warnings)), applied, details)
        self._session = session
        self._output_names = [o.name for o in session.get_outputs()]
        self._run_options = run_options
        self._run = session.run
        self._description = None
        for warning in self.report.warnings:
            log.warning("%s: %s", self.model_path.name, warning)
        if progress is not None:
            progress(1, 1, self.report.summary())
        return self.report

    def unload(self) -> None:
        """Release the session (and its GPU memory). Safe to call twice."""
        self._session = None
        self._run = None
        self._description = None

    @property
    def loaded(self) -> bool:
        return self._session is not None

    @property
    def session(self) -> ort.InferenceSession:
        """The raw session, for IOBinding on a GPU or other runtime-specific work."""
        if self._session is None:
            raise EngineError(f"model {self.model_path.name} is not loaded")
        return self._session

    def describe(self) -> EngineDescription:
        if self._description is None:
            session = self.session
            meta = session.get_modelmeta()
            metadata = dict(meta.custom_metadata_map)
            metadata.update(producer=meta.producer_name, graph=meta.graph_name)
            if 0 <= meta.version < 2**63 - 1:  # int64 max means "not set"
                metadata["version"] = str(meta.version)
            self._description = EngineDescription(
                tuple(spec_of(i) for i in session.get_inputs()),
                tuple(spec_of(o) for o in session.get_outputs()),
                tuple(session.get_providers()), metadata)
        return self._description

    # -- running -------------------------------------------------------------------------
    @property
    def output_names(self) -> list[str]:
        return list(self._output_names)

    def run(self, feeds: Mapping[str, np.ndarray]) -> list[np.ndarray]:
        """Outputs in the order of describe().outputs; the arrays are the session's own."""
        try:
            return self._run(self._output_names, feeds, self._run_options)
        except Exception as exc:  # noqa: BLE001 - the slow path: explain, or fall back
            return self._run_failed(feeds, exc)

    def run_named(self, feeds: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Outputs by name (for people and protocols); run() is the fast path."""
        return dict(zip(self._output_names, self.run(feeds), strict=True))

    def _run_failed(self, feeds: Mapping[str, np.ndarray], exc: Exception) -> list[np.ndarray]:
        if self._session is None:
            raise EngineError(f"model {self.model_path.name} is not loaded") from exc
        from onnxruntime.capi import onnxruntime_pybind11_state as C

        if isinstance(exc, C.EPFail) and self._session.get_providers() != [CPU]:
            provider = self._session.get_providers()[0]
            with capture_output(self.options.capture_native_output):
                self._session.set_providers([CPU])
            note = (f"{short_name(provider)} failed during inference ({_first_line(exc)}); "
                    "switched to the CPU")
            log.warning("%s: %s", self.model_path.name, note)
            if self.report is not None:
                self.report.used = [CPU]
                self.report.fell_back_to_cpu = True
                self.report.missing = [p for p in self.report.requested if p != CPU]
                self.report.warnings.append(note)
            self._description = None
            return self._run(self._output_names, feeds, self._run_options)
        raise EngineError(_run_error(self.model_path, exc, self._description_or_none())) from exc

    def _description_or_none(self) -> EngineDescription | None:
        try:
            return self.describe()
        except EngineError:
            return None


def _create_session(ort: Any, path: Path, session_options: Any,  # noqa: ANN401
                    providers: list[str], provider_options: list[dict[str, str]],
                    warnings: list[str]) -> ort.InferenceSession:
    """Create the session, doing the binding's provider fallback ourselves.

    The binding's own fallback (enable_fallback=1) prints a banner and retries *without* any
    provider options, so CUDA would lose its settings when TensorRT fails. A provider whose
    libraries are missing may also just be skipped by the C++ layer with a log line; both
    cases end up in the LoadReport. With fallback off, run() raises EPFail instead of
    printing and switching, and OnnxRuntimeEngine records the switch itself."""
    remaining, options = list(providers), list(provider_options)
    while True:
        try:
            return ort.InferenceSession(str(path), session_options, providers=remaining,
                                        provider_options=options, enable_fallback=0)
        except Exception as exc:
            if len(remaining) == 1 or type(exc).__name__ in (
                    "InvalidProtobuf", "NoSuchFile", "InvalidGraph", "NotImplemented"):
                raise
            warnings.append(f"{short_name(remaining[0])} could not be started: "
                            f"{_first_line(exc)}")
            remaining, options = remaining[1:], options[1:]


# -- capturing what the runtime prints ---------------------------------------------------------
class _Captured:
    text = ""


@contextlib.contextmanager
def capture_output(native: bool = True) -> Iterator[_Captured]:
    """Collect what is printed meanwhile: Python's sys.stdout/stderr always, and with `native`
    also file descriptors 1 and 2, where onnxruntime's C++ logger writes. The descriptors are
    process-wide, so captures are serialised; a line that is not onnxruntime's is written back
    to stderr afterwards."""
    captured = _Captured()
    python_text = io.StringIO()
    if not native:
        try:
            with contextlib.redirect_stdout(python_text), contextlib.redirect_stderr(python_text):
                yield captured
        finally:
            captured.text = python_text.getvalue()
        return
    with _CAPTURE_LOCK, tempfile.TemporaryFile() as sink:
        saved: dict[int, int] = {}
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        try:
            for fd in (1, 2):
                with contextlib.suppress(OSError):  # a windowed app may have no fd 1/2
                    saved[fd] = os.dup(fd)
                    os.dup2(sink.fileno(), fd)
            with contextlib.redirect_stdout(python_text), contextlib.redirect_stderr(python_text):
                yield captured
        finally:
            for fd, copy in saved.items():
                os.dup2(copy, fd)
                os.close(copy)
            sink.seek(0)
            native_text = sink.read().decode("utf-8", "replace")
            captured.text = python_text.getvalue() + native_text
            foreign = _foreign_lines(native_text)
            if foreign and sys.stderr is not None:
                with contextlib.suppress(Exception):
                    sys.stderr.write(foreign)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LOG_LINE = re.compile(r"^\S+ \S+ \[([EWIVF]):onnxruntime:[^\]]*\] ?(.*)$")
_SOURCE = re.compile(r"^(?:/\S+|\S+\.(?:cc|cpp|h)):\d+ .*?(?:\[ONNXRuntimeError\] : \d+ : \w+ : "
                     r"|\w[\w:<>&*, ]*\([^()]*\) )")


def _foreign_lines(text: str) -> str:
    """Lines in captured native output that onnxruntime did not write (other threads')."""
    out, banner = [], False
    for raw in _ANSI.sub("", text).splitlines():
        if raw.startswith("*****"):
            banner = not banner
        elif not banner and raw.strip() and not _LOG_LINE.match(raw):
            out.append(raw)
    return "\n".join(out) + "\n" if out else ""


def parse_runtime_output(text: str) -> list[str]:
    """Turn onnxruntime's log lines and the binding's EP Error banner into short warnings."""
    messages: list[str] = []
    lines = _ANSI.sub("", text).splitlines()
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        match = _LOG_LINE.match(line)
        if line.startswith("EP Error"):
            block = [line.removeprefix("EP Error").lstrip(": ")]
            while index < len(lines) and not lines[index].startswith(("Falling back", "*****")):
                block.append(lines[index].strip())
                index += 1
            message = " ".join(block)
            message = message.split(" when using [")[0].split(" using [")[0]
            messages.append("EP error: " + _clean(message))
        elif line.startswith("Falling back to"):
            names = re.findall(r"'(\w+)'", line)
            messages.append("onnxruntime retried with " + ", ".join(short_name(n) for n in names))
        elif match and match.group(1) in "EWF":
            messages.append(_clean(match.group(2)))
    unique = list(dict.fromkeys(m for m in messages if m))
    if len(unique) > MAX_WARNINGS:  # a TensorRT build can log hundreds of lines
        more = len(unique) - MAX_WARNINGS + 1
        unique = [*unique[:MAX_WARNINGS - 1],
                  f"{more} more runtime messages (see details['runtime_output'])"]
    return unique


_ORT_STATUS = re.compile(r"^\[ONNXRuntimeError\] : \d+ : \w+ : ")
_LIBRARY_PATH = re.compile(
    r"(?:[A-Za-z]:)?[\\/]\S*[\\/]((?:lib)?onnxruntime_providers_\w+\.(?:so|dll))")


def _clean(message: str) -> str:
    message = _ORT_STATUS.sub("", _SOURCE.sub("", message.strip()))
    return _LIBRARY_PATH.sub(r"\1", message)[:400]


def _heartbeat(progress: ProgressFn, text: str, stop: threading.Event, started: float) -> None:
    while not stop.wait(HEARTBEAT_S):
        try:
            progress(0, 0, f"{text} {time.perf_counter() - started:.0f} s")
        except Exception:  # noqa: BLE001 - a broken progress callback must not kill the load
            log.exception("progress callback failed")
            return


# -- error messages --------------------------------------------------------------------------
def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return _clean(re.sub(r"^\[ONNXRuntimeError\] : \d+ : \w+ : ", "", lines[0]))[:300] \
        if lines else type(exc).__name__


def _load_error(path: Path, exc: Exception, output: str) -> EngineError:
    text = str(exc)
    name = type(exc).__name__
    if name == "InvalidProtobuf" or "Protobuf parsing failed" in text:
        return InvalidModelError(f"{path.name} is not an ONNX model (it could not be parsed)")
    if name in ("InvalidGraph", "NotImplemented") or "opset" in text.lower():
        return InvalidModelError(f"{path.name} cannot be loaded by onnxruntime: "
                                 f"{_first_line(exc)}")
    if name == "NoSuchFile":
        return InvalidModelError(f"model file not found: {path}")
    detail = parse_runtime_output(output)
    hint = f" ({detail[-1]})" if detail else ""
    return EngineError(f"could not create a session for {path.name}: {_first_line(exc)}{hint}")


def _run_error(path: Path, exc: Exception, description: EngineDescription | None) -> str:
    message = f"inference failed for {path.name}: {_first_line(exc)}"
    about_inputs = isinstance(exc, (ValueError, KeyError, TypeError)) or type(exc).__name__ in (
        "InvalidArgument", "InvalidArgumentError")
    if description is not None and about_inputs:
        expected = "; ".join(spec.describe() for spec in description.inputs)
        message += f" (the model expects {expected})"
    return message
