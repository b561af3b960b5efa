"""The Models page with real widgets: registry listing, import, activate/roll back, optimize,
benchmark (table + chart, loud provider fallback), role-dependent buttons and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.models.inference import CPU
from app.ui.pages.models import ModelsPage

WAIT_MS = 30_000


def tiny_model(path: Path, scale: float = 2.0) -> Path:
    """A one-node ONNX model (y = x * scale), different bytes for each scale."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper, save

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])
    k = numpy_helper.from_array(np.array([scale], np.float32), "k")
    graph = helper.make_graph([helper.make_node("Mul", ["x", "k"], ["y"])], "tiny", [x], [y],
                              [k])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    save(model, str(path))
    return path


@pytest.fixture
def make_page(page_factory):
    return lambda actor: page_factory(ModelsPage, actor, (1200, 800))


def wait_idle(qtbot, page: ModelsPage) -> None:
    qtbot.waitUntil(lambda: not page.work.busy, timeout=WAIT_MS)


def test_lists_models_versions_and_details(make_page, tech):
    page = make_page(tech)
    names = [page.models_model.cell(r, 0) for r in range(page.models_model.rowCount())]
    assert names == ["demo-inspector", "demo-text-classifier"]
    assert page.models_model.cell(0, 1) == "image-classification"
    assert page.models_model.cell(0, 2) == "v1"
    page.select_model("demo-inspector")
    assert page.versions_model.rowCount() == 1
    assert page.versions_model.cell(0, 1) == "● active"
    assert len(page.versions_model.cell(0, 3)) == 12  # short SHA-256
    details = page.details.toPlainText()
    assert "image: float [batch, 3, 64, 64]" in details
    assert "probabilities: float [batch, 5]" in details
    assert "5 labels" in details
    for button in (page.import_button, page.activate_button, page.optimize_button,
                   page.benchmark_button):
        assert not button.isHidden() and button.minimumHeight() >= 38
    assert page.delete_button.isHidden()  # technicians do not delete


def test_import_file_folder_and_package(qtbot, make_page, tech, tmp_path):
    page = make_page(tech)
    assert page.import_path(tiny_model(tmp_path / "scaler.onnx"))
    wait_idle(qtbot, page)
    assert page.message.kind == "ok" and "scaler/v1" in page.message.text()
    assert page.selected_model().name == "scaler"

    from app.models.package import PackageSource, build_package

    folder = tmp_path / "doubler"
    folder.mkdir()
    tiny_model(folder / "model.onnx", 3.0)
    zip_path = build_package(tmp_path / "doubler.zip",
                             [PackageSource("doubler", "other", folder, version_label="2024")])
    assert page.import_path(zip_path)
    wait_idle(qtbot, page)
    assert "doubler/v1" in page.message.text()
    assert page.versions_model.cell(0, 2) == "2024 · package"

    (tmp_path / "not-a-model.onnx").write_bytes(b"hello")
    page.import_path(tmp_path / "not-a-model.onnx")
    wait_idle(qtbot, page)
    assert page.message.kind == "alarm" and "Refused" in page.message.text()


def test_optimize_activate_and_roll_back(qtbot, make_page, tech, seeded):
    page = make_page(tech)
    page.select_model("demo-inspector")
    dialog = page.optimize_selected()
    assert dialog.kind.count() >= 4 and "int8" in dialog.explain.text()
    dialog.reject()
    assert page.start_optimize("int8-dynamic")
    assert not page.optimize_button.isEnabled()  # one task at a time
    qtbot.waitUntil(lambda: page.versions_model.rowCount() == 2, timeout=WAIT_MS)
    wait_idle(qtbot, page)
    new = page.versions_model.rows[1]
    assert new.parent_version == 1 and new.source == "optimize:int8-dynamic"
    assert "cosine" in page.versions_model.cell(1, 8)
    assert page.versions_model.cell(1, 7) == "v1"
    assert page.selected_version().version == 2
    assert "Lineage" in page.details.toPlainText()

    qtbot.mouseClick(page.activate_button, Qt.MouseButton.LeftButton)
    assert seeded.models.get_model(tech, "demo-inspector").active_version == 2
    assert "in service" in page.message.text()
    assert page.versions_model.cell(1, 1) == "● active"
    qtbot.mouseClick(page.rollback_button, Qt.MouseButton.LeftButton)
    assert seeded.models.get_model(tech, "demo-inspector").active_version == 1
    assert "Rolled back" in page.message.text()


def test_benchmark_fills_table_chart_and_warns_about_fallback(qtbot, make_page, tech):
    page = make_page(tech)
    page.select_model("demo-inspector")
    dialog = page.benchmark_selected()
    assert dialog.providers.itemText(0).startswith("Best available")
    dialog.reject()
    assert page.start_benchmark(["TensorrtExecutionProvider", "CUDAExecutionProvider", CPU],
                                runs=20)
    wait_idle(qtbot, page)
    result = page.last_benchmark
    assert result is not None and result.runs == 20
    assert page.bench_model.rowCount() == 1
    assert page.bench_model.cell(0, 1).startswith("TensorRT → ")
    assert float(page.bench_model.cell(0, 3)) > 0
    assert len(page.chart.bars) == 1 and page.chart.bars[0][1] == pytest.approx(result.p50_ms)
    if result.fell_back_to_cpu:  # a box without a usable GPU: the loud amber line
        assert page.message.kind == "warn"
        assert page.message.text().startswith("⚠ Asked for TensorRT, CUDA, really running on CPU")
    else:
        assert page.message.kind == "ok"

    page.start_benchmark([CPU], runs=20)
    wait_idle(qtbot, page)
    assert page.bench_model.rowCount() == 2
    assert page.bench_model.cell(0, 1) == "CPU → CPU"
    assert page.message.kind == "ok"
    assert len(page.chart.bars) == 2
    assert page.chart.bars[0][0] == "v1 CPU"


def test_operator_reads_only(make_page, operator):
    page = make_page(operator)
    assert page.models_model.rowCount() == 2
    for button in (page.import_button, page.activate_button, page.rollback_button,
                   page.optimize_button, page.benchmark_button, page.delete_button):
        assert button.isHidden()


def test_refusals_are_shown(make_page, tech):
    page = make_page(tech)
    page.select_model("demo-inspector")
    assert not page.rollback_selected()
    assert page.message.kind == "alarm" and "no earlier active version" in page.message.text()


def test_admin_deletes_a_version(qtbot, make_page, admin, seeded):
    page = make_page(admin)
    page.select_model("demo-inspector")
    page.start_optimize("graph")
    qtbot.waitUntil(lambda: page.versions_model.rowCount() == 2, timeout=WAIT_MS)
    wait_idle(qtbot, page)
    page.select_version(2)
    assert page.delete_button.isEnabled()
    box = page.delete_selected()
    box.reject()
    assert page.delete_selected(confirm=False)
    assert page.versions_model.cell(1, 1) == "deleted"
    page.select_version(1)
    assert not page.delete_button.isEnabled()  # the active version cannot be deleted
