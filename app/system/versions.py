"""Versions of everything a technician asks about, read without importing heavy modules."""

from __future__ import annotations

import importlib.metadata
import platform
import sqlite3
import sys

import app
from engines.providers import onnxruntime_distribution


def _dist_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def collect_versions() -> dict[str, str | None]:
    ort = onnxruntime_distribution()
    return {
        "edgedeck": app.__version__,
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.release()} {platform.machine()}",
        "frozen": "yes" if getattr(sys, "frozen", False) else "no",
        "qt (PySide6)": _dist_version("PySide6-Essentials") or _dist_version("PySide6"),
        "pyqtgraph": _dist_version("pyqtgraph"),
        "onnxruntime": f"{ort[1]} ({ort[0]})" if ort else None,
        "onnx": _dist_version("onnx"),
        "numpy": _dist_version("numpy"),
        "nvidia-ml-py": _dist_version("nvidia-ml-py"),
        "psutil": _dist_version("psutil"),
        "sqlite": sqlite3.sqlite_version,
        "sqlite-utils": _dist_version("sqlite-utils"),
    }
