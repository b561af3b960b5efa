"""Pieces of the Models and Playground pages: table models over registry records, the
benchmark bar chart, the provider-fallback warning line and the optimize/benchmark choosers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models.inference import ACCELERATED, CPU, OPTIMIZATIONS
from app.models.registry import Benchmark, Model, ModelVersion
from app.ui.theme import STATUS_COLOURS, plot_colours
from app.ui.time_text import local_when
from app.ui.widgets.alarm_banner import TOUCH_HEIGHT
from app.ui.widgets.controls import StatusLine  # noqa: F401 - re-exported: pages import it here
from app.ui.widgets.rows_model import RowsModel
from engines.base import short_name

Index = QModelIndex | QPersistentModelIndex

# Texts without a widget of their own: context "ModelWidgets" (QT_TRANSLATE_NOOP for lupdate).
CONTEXT = "ModelWidgets"
PROVIDER_CHOICES: tuple[tuple[str, list[str]], ...] = (
    (QT_TRANSLATE_NOOP("ModelWidgets", "Best available (TensorRT → CUDA → CPU)"),
     list(ACCELERATED)),
    (QT_TRANSLATE_NOOP("ModelWidgets", "CPU only"), [CPU]),
)
OPTIMIZATION_HELP = {
    "int8-dynamic": QT_TRANSLATE_NOOP(
        "OptimizeDialog", "Weights stored as int8, activations quantized at run time: about 4× "
                          "smaller, faster on CPUs; no calibration data needed."),
    "int8-dynamic-per-channel": QT_TRANSLATE_NOOP(
        "OptimizeDialog", "Like int8-dynamic with one scale per output channel: usually closer "
                          "to the original for convolutions."),
    "int8-static-per-channel": QT_TRANSLATE_NOOP(
        "OptimizeDialog", "Weights and activations int8, calibrated on sample inputs: fastest on "
                          "int8 hardware, the largest accuracy risk."),
    "fp16": QT_TRANSLATE_NOOP(
        "OptimizeDialog", "Half-precision floats: half the size, fast on GPUs with tensor cores; "
                          "little change in accuracy."),
    "graph": QT_TRANSLATE_NOOP(
        "OptimizeDialog", "onnxruntime's graph optimizations (fused operators, folded constants) "
                          "saved to a file: same numbers, quicker session start."),
}
_MUTED = "#7b8594"


def current_theme() -> str:
    """'dark' or 'light' from the application palette (pages are built before any
    theme_changed call)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.palette().window().color().lightness() < 128:
        return "dark"
    return "light"


def short_sha(sha256: str) -> str:
    return sha256[:12] if sha256 else "—"


def human_size(size: int | None) -> str:
    if size is None:
        return "—"
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover - the loop always returns


def opset_text(opset: dict[str, int]) -> str:
    if not opset:
        return "—"
    return ", ".join(f"{domain or 'ai.onnx'} {version}" if domain else str(version)
                     for domain, version in sorted(opset.items()))


def shape_text(record: dict[str, Any]) -> str:
    shape = record.get("shape")
    dims = "?" if shape is None else ", ".join(str(d) for d in shape)
    return f"{record.get('name', '')}: {record.get('dtype', '?')} [{dims}]"


def fallback_reason(warnings: Sequence[str]) -> str:
    """The most telling line: the first that is not the generic 'asked for … but …' one."""
    for line in warnings:
        if not line.startswith("asked for"):
            return line
    return warnings[0] if warnings else QCoreApplication.translate(
        "ModelWidgets", "the accelerator could not be used")


def fallback_text(requested: Sequence[str], used: str, warnings: Sequence[str]) -> str:
    """'Asked for TensorRT, CUDA — really running on CPU: <reason>' (the loud line); the
    engine's reason stays as it wrote it."""
    asked = ", ".join(short_name(p) for p in requested if p != CPU) or \
        QCoreApplication.translate("ModelWidgets", "an accelerator")
    return QCoreApplication.translate(
        "ModelWidgets", "⚠ Asked for {0}, really running on {1}: {2}").format(
        asked, short_name(used) or "CPU", fallback_reason(warnings))


def bench_value(bench: Benchmark, key: str) -> float | None:
    value = bench.results.get(key)
    return float(value) if isinstance(value, (int, float)) else None


def _number(value: float | None, digits: int = 3) -> str:
    if value is None:
        return "—"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}g}" if digits else f"{value:.0f}"


# -- the loud line ------------------------------------------------------------------------------


class ModelsTableModel(RowsModel):
    headers = (
        QT_TRANSLATE_NOOP("ModelsTableModel", "Model"),
        QT_TRANSLATE_NOOP("ModelsTableModel", "Task"),
        QT_TRANSLATE_NOOP("ModelsTableModel", "Active version"),
        QT_TRANSLATE_NOOP("ModelsTableModel", "Versions"),
    )

    def text(self, item: Model, column: int) -> str:
        if column == 0:
            return item.name
        if column == 1:
            return item.task
        if column == 2:
            return f"v{item.active_version}" if item.active_version else \
                QCoreApplication.translate("ModelsTableModel", "none")
        return str(item.version_count)

    def tooltip(self, item: Model, column: int) -> str | None:
        return item.description or None


class VersionsTableModel(RowsModel):
    headers = (
        QT_TRANSLATE_NOOP("VersionsTableModel", "Version"),
        QT_TRANSLATE_NOOP("VersionsTableModel", "In service"),
        QT_TRANSLATE_NOOP("VersionsTableModel", "Label / source"),
        QT_TRANSLATE_NOOP("VersionsTableModel", "SHA-256"),
        QT_TRANSLATE_NOOP("VersionsTableModel", "Size"),
        QT_TRANSLATE_NOOP("VersionsTableModel", "Opset"),
        QT_TRANSLATE_NOOP("VersionsTableModel", "Created"),
        QT_TRANSLATE_NOOP("VersionsTableModel", "Derived from"),
        QT_TRANSLATE_NOOP("VersionsTableModel", "Accuracy change"),
    )

    def text(self, item: ModelVersion, column: int) -> str:
        if column == 0:
            return f"v{item.version}"
        if column == 1:
            if item.status != "active":
                return QCoreApplication.translate("VersionsTableModel", "deleted")
            return QCoreApplication.translate("VersionsTableModel", "● active") \
                if item.active else ""
        if column == 2:
            return " · ".join(p for p in (item.label, item.source) if p)
        if column == 3:
            return short_sha(item.sha256)
        if column == 4:
            return human_size(item.size_bytes)
        if column == 5:
            return opset_text(item.opset)
        if column == 6:
            return f"{local_when(item.created_at)} · {item.created_by}"
        if column == 7:
            return f"v{item.parent_version}" if item.parent_version else "—"
        return str((item.accuracy or {}).get("summary", "")) or "—"

    def tooltip(self, item: ModelVersion, column: int) -> str | None:
        if column == 3:
            return item.sha256
        if column == 8 and item.accuracy:
            return str(item.accuracy.get("summary", ""))
        return item.notes or None

    def style(self, item: ModelVersion, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and item.active:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.status != "active":
                return QColor(_MUTED)
            if column == 1 and item.active:
                return QColor(STATUS_COLOURS["ok"])
        return None


class BenchmarksTableModel(RowsModel):
    headers = (
        QT_TRANSLATE_NOOP("BenchmarksTableModel", "Version"),
        QT_TRANSLATE_NOOP("BenchmarksTableModel", "Provider asked → used"),
        QT_TRANSLATE_NOOP("BenchmarksTableModel", "Mean ms"),
        QT_TRANSLATE_NOOP("BenchmarksTableModel", "P50 ms"),
        QT_TRANSLATE_NOOP("BenchmarksTableModel", "P99 ms"),
        QT_TRANSLATE_NOOP("BenchmarksTableModel", "Inferences/s"),
        QT_TRANSLATE_NOOP("BenchmarksTableModel", "CPU %"),
        QT_TRANSLATE_NOOP("BenchmarksTableModel", "Peak MB"),
        QT_TRANSLATE_NOOP("BenchmarksTableModel", "When"),
    )

    def text(self, item: Benchmark, column: int) -> str:
        if column == 0:
            return f"v{item.version}"
        if column == 1:
            asked, used = short_name(item.provider_requested), short_name(item.provider_used)
            fell = item.results.get("fell_back_to_cpu")
            return f"{asked} → {used}" + (" ⚠" if fell else "")
        keys = {2: "mean_ms", 3: "p50_ms", 4: "p99_ms", 5: "inferences_per_s",
                6: "cpu_percent", 7: "peak_rss_mb"}
        if column in keys:
            digits = 0 if column in (5, 6, 7) else 3
            return _number(bench_value(item, keys[column]), digits)
        return f"{local_when(item.created_at)} · {item.created_by}"

    def tooltip(self, item: Benchmark, column: int) -> str | None:
        warnings = item.results.get("warnings") or []
        if column == 1 and item.results.get("fell_back_to_cpu"):
            return fallback_text([item.provider_requested], item.provider_used, warnings)
        return None

    def style(self, item: Benchmark, column: int, role: int) -> Any:
        if column == 1 and role == Qt.ItemDataRole.ForegroundRole and \
                item.results.get("fell_back_to_cpu"):
            return QColor(STATUS_COLOURS["warn"])
        if column >= 2 and role == Qt.ItemDataRole.TextAlignmentRole and column < 8:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def bar_label(version: int, requested: str, used: str) -> str:
    """'v2 CUDA', or 'v2 TensorRT→CPU' when the run fell back (so both runs stay apart)."""
    asked, ran = short_name(requested), short_name(used)
    return f"v{version} {ran}" if asked == ran else f"v{version} {asked}→{ran}"


# -- chart --------------------------------------------------------------------------------------


class BenchmarkChart(pg.PlotWidget):
    """P50 latency of the newest run per (version, provider used): lower is better.
    `bars` holds what is drawn, as (label, value) pairs, for tests and screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("benchmarkChart")
        self.setMinimumHeight(160)
        self.setMouseEnabled(x=False, y=False)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.showGrid(x=False, y=True, alpha=0.2)
        self.setLabel("left", self.tr("P50 latency"), units="ms")
        self.getAxis("left").enableAutoSIPrefix(False)
        self.bars: list[tuple[str, float]] = []
        self._item: pg.BarGraphItem | None = None
        self.apply_theme(current_theme())

    def apply_theme(self, theme: str) -> None:
        """pyqtgraph ignores the Qt palette: colour the plot like the rest of the page."""
        colours = plot_colours(theme)
        self.setBackground(colours["background"])
        for name in ("left", "bottom"):
            axis = self.getAxis(name)
            axis.setTextPen(colours["foreground"])
            axis.setPen(colours["foreground"])

    def set_benchmarks(self, benchmarks: Sequence[Benchmark]) -> None:
        latest: dict[tuple[int, str, str], float] = {}
        for bench in benchmarks:  # newest first: keep the first seen per key
            value = bench_value(bench, "p50_ms")
            key = (bench.version, bench.provider_requested, bench.provider_used)
            if value is not None and key not in latest:
                latest[key] = value
        self.bars = [(bar_label(*key), latest[key]) for key in sorted(latest)]
        if self._item is not None:
            self.removeItem(self._item)
            self._item = None
        axis = self.getAxis("bottom")
        if not self.bars:
            axis.setTicks([[]])
            return
        x = np.arange(len(self.bars), dtype=float)
        heights = np.array([value for _, value in self.bars], dtype=float)
        brushes = [pg.mkBrush(STATUS_COLOURS["warn"] if "→" in label else
                              "#8a94a3" if label.endswith("CPU") else "#2b6cb0")
                   for label, _ in self.bars]
        self._item = pg.BarGraphItem(x=x, height=heights, width=0.6, brushes=brushes)
        self.addItem(self._item)
        axis.setTicks([[(i, label) for i, (label, _) in enumerate(self.bars)]])
        self.setXRange(-0.6, len(self.bars) - 0.4, padding=0)
        self.setYRange(0, float(heights.max()) * 1.15 or 1.0, padding=0)


# -- choosers -----------------------------------------------------------------------------------


def _touch(box: QDialogButtonBox) -> None:
    for button in box.buttons():
        button.setMinimumHeight(TOUCH_HEIGHT)
        button.setMinimumWidth(110)


def provider_combo(parent: QWidget | None = None) -> QComboBox:
    """'Best available' or 'CPU only'; currentData() is the preference list for the service."""
    combo = QComboBox(parent)
    for text, providers in PROVIDER_CHOICES:
        combo.addItem(QCoreApplication.translate(CONTEXT, text), providers)
    combo.setMinimumHeight(TOUCH_HEIGHT)
    return combo


class OptimizeDialog(QDialog):
    """Choose how to optimize; one line says what each kind trades."""

    def __init__(self, tag: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Optimize {0}").format(tag))
        self.setMinimumWidth(480)
        self.kind = QComboBox()
        self.kind.setObjectName("optimizeKind")
        self.kind.setMinimumHeight(TOUCH_HEIGHT)
        for kind in OPTIMIZATIONS:
            self.kind.addItem(kind, kind)
        self.explain = QLabel()
        self.explain.setObjectName("muted")
        self.explain.setWordWrap(True)
        self.kind.currentIndexChanged.connect(self._explain)
        note = QLabel(self.tr("The result becomes a new version beside the original, with its "
                              "lineage and the accuracy change measured on sample inputs. It "
                              "is not activated."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Optimization"), self.kind)
        form.addRow("", self.explain)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        _touch(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._explain()

    def _explain(self) -> None:
        self.explain.setText(self.tr(OPTIMIZATION_HELP.get(self.kind.currentData(), "")))

    def chosen(self) -> str:
        return str(self.kind.currentData())


class BenchmarkDialog(QDialog):
    """Provider preference and number of timed runs."""

    def __init__(self, tag: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Benchmark {0}").format(tag))
        self.setMinimumWidth(440)
        self.providers = provider_combo()
        self.providers.setObjectName("benchmarkProviders")
        self.runs = QSpinBox()
        self.runs.setObjectName("benchmarkRuns")
        self.runs.setRange(10, 100_000)
        self.runs.setValue(200)
        self.runs.setMinimumHeight(TOUCH_HEIGHT)
        note = QLabel(self.tr("10 warm-up runs, then the timed runs on random inputs of the "
                              "model's shape. A TensorRT engine build can take minutes the "
                              "first time; its progress is shown."))
        note.setWordWrap(True)
        note.setObjectName("muted")
        form = QFormLayout()
        form.addRow(self.tr("Execution provider"), self.providers)
        form.addRow(self.tr("Timed runs"), self.runs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        _touch(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[list[str], int]:
        return list(self.providers.currentData()), int(self.runs.value())
