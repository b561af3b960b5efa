"""The rings stay apart: Qt only in app/ui, heavy imports never at start-up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph")
HEAVY = ("torch", "optimum", "transformers")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _python_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in (ROOT / folder).rglob("*.py")]


def test_qt_is_imported_only_under_app_ui():
    offenders = [
        str(path.relative_to(ROOT))
        for path in _python_files("app", "engines")
        if path.relative_to(ROOT).parts[:2] != ("app", "ui")
        if any(module in _imports(path) for module in QT_MODULES)
    ]
    assert offenders == [], f"Qt imported outside app/ui: {offenders}"


def test_engines_know_nothing_of_users_sqlite_or_qt():
    for path in _python_files("engines"):
        imports = _imports(path)
        assert "app" not in imports, f"{path.name} imports the application"
        assert not imports & {"sqlite3", "sqlite_utils", *QT_MODULES}, path.name


def test_store_never_imports_a_service():
    for path in _python_files("app/store"):
        source = path.read_text(encoding="utf-8")
        for service in ("app.auth", "app.audit", "app.system", "app.ui", "app.telemetry"):
            assert f"from {service}" not in source and f"import {service}" not in source, (
                f"{path.name} (storage) imports {service}")


def test_cli_start_up_imports_no_qt_and_nothing_heavy():
    code = (
        "import sys, app.cli, app.context\n"
        f"bad = [m for m in {QT_MODULES + HEAVY + ('onnxruntime',)!r} if m in sys.modules]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_gui_module_does_not_pull_heavy_ml_imports():
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "import app.ui.app\n"
        f"bad = [m for m in {HEAVY + ('onnxruntime',)!r} if m in sys.modules]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


RUNTIMES = ("onnxruntime", "onnxruntime_genai", "tensorrt", "openvino")


def runtime_importers(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths
            if _imports(p) & set(RUNTIMES) or any(
                m.split(".")[0] in RUNTIMES for m in _all_imports(p))]


def _all_imports(path: Path) -> set[str]:
    """Every imported module name, lazy imports inside functions included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_engines_import_a_runtime():
    """Every model enters through the door in engines/ (backends, pool, engines)."""
    assert runtime_importers(_python_files("app", "packaging", "docs")) == []


def test_the_runtime_check_catches_an_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    import onnxruntime.quantization\n", encoding="utf-8")
    assert _all_imports(probe) == {"onnxruntime.quantization"}
    assert runtime_importers([ROOT / "engines" / "onnxruntime.py"]) == ["engines/onnxruntime.py"]
