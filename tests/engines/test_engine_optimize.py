from __future__ import annotations

import sys

import numpy as np
import pytest
from onnx import TensorProto, helper, save

from engines import optimize
from engines.accuracy import compare_models
from engines.base import EngineCancelled, EngineError, InvalidModelError
from engines.inputs import make_sample_inputs
from engines.onnxruntime import OnnxRuntimeEngine


def samples_for(path, n, batch=8, seed=0):
    engine = OnnxRuntimeEngine(path)
    engine.load()
    specs = engine.describe().inputs
    return [make_sample_inputs(specs, batch=batch, seed=seed + i) for i in range(n)]


def input_dtype(path):
    engine = OnnxRuntimeEngine(path)
    engine.load()
    return engine.describe().inputs[0].dtype


@pytest.fixture(scope="module")
def relu_only(tmp_path_factory):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])
    graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "relu", [x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    path = tmp_path_factory.mktemp("relu") / "relu.onnx"
    save(model, str(path))
    return path


@pytest.mark.parametrize("options", [{}, {"per_channel": True}, {"matmul_only": True}])
def test_dynamic_int8_is_smaller_and_close(matmul_path, tmp_path, options):
    dst = tmp_path / "int8.onnx"
    steps = []
    result = optimize.quantize_dynamic_int8(matmul_path, dst, progress=lambda *a: steps.append(a),
                                            **options)
    assert result.kind == "quantize-dynamic-int8" and result.output == str(dst)
    assert result.output_bytes < 0.35 * result.source_bytes and result.size_ratio < 0.35
    assert result.parameters["per_channel"] == options.get("per_channel", False)
    assert "onnx" in result.tools and steps[-1][:2] == (3, 3)
    report = compare_models(matmul_path, dst, samples_for(matmul_path, 4))
    assert report.within(max_abs=0.1, min_cosine=0.99, min_top1=0.9), report.summary()
    assert list(tmp_path.iterdir()) == [dst]  # no staging leftovers


def test_static_int8_with_calibration(small_cnn_path, tmp_path):
    dst = tmp_path / "cnn-int8.onnx"
    calibration = samples_for(small_cnn_path, 6, batch=4, seed=100)
    seen = []
    result = optimize.quantize_static_int8(small_cnn_path, dst, calibration, per_channel=True,
                                           progress=lambda *a: seen.append(a))
    assert result.kind == "quantize-static-int8" and result.parameters["format"] == "QDQ"
    assert result.parameters["calibration_samples"] == 6
    assert any("calibrating (6 of 6" in text for *_, text in seen)
    report = compare_models(small_cnn_path, dst, samples_for(small_cnn_path, 3))
    assert report.cosine > 0.99, report.summary()


def test_static_int8_for_tensorrt_is_symmetric(small_cnn_path, tmp_path):
    calibration = samples_for(small_cnn_path, 3, batch=2)
    result = optimize.quantize_static_int8(small_cnn_path, tmp_path / "trt.onnx", calibration,
                                           for_tensorrt=True)
    assert result.parameters["for_tensorrt"]
    assert OnnxRuntimeEngine(result.output).load().used


def test_static_int8_needs_fitting_calibration_data(small_cnn_path, tmp_path):
    with pytest.raises(EngineError, match="calibration samples"):
        optimize.quantize_static_int8(small_cnn_path, tmp_path / "x.onnx", [])
    with pytest.raises(EngineError, match="lack the model input"):
        optimize.quantize_static_int8(small_cnn_path, tmp_path / "x.onnx",
                                      [{"pixels": np.zeros((1, 3, 32, 32), np.float32)}])
    with pytest.raises(EngineError, match="calibration method"):
        optimize.quantize_static_int8(small_cnn_path, tmp_path / "x.onnx",
                                      samples_for(small_cnn_path, 1), calibrate_method="magic")


def test_fp16_keeps_float32_io_and_loads(small_cnn_path, tmp_path):
    result = optimize.convert_fp16(small_cnn_path, tmp_path / "fp16.onnx")
    assert result.kind == "fp16" and result.output_bytes < 0.65 * result.source_bytes
    assert input_dtype(result.output) == "float32"
    report = compare_models(small_cnn_path, result.output, samples_for(small_cnn_path, 2))
    assert report.within(max_abs=0.05, min_cosine=0.999), report.summary()
    # fp16 inputs too: compare_models casts the float32 samples to the child's dtype.
    half = optimize.convert_fp16(small_cnn_path, tmp_path / "fp16-io.onnx", keep_io_types=False)
    assert input_dtype(half.output) == "float16"
    assert compare_models(small_cnn_path, half.output,
                          samples_for(small_cnn_path, 1)).cosine > 0.999


@pytest.mark.parametrize("level", ["basic", "extended", "all"])
def test_graph_optimization_output_loads_and_agrees(small_cnn_path, tmp_path, level):
    result = optimize.graph_optimize(small_cnn_path, tmp_path / f"{level}.onnx", level)
    assert result.parameters == {"level": level}
    assert bool(result.warnings) == (level != "basic")
    report = compare_models(small_cnn_path, result.output, samples_for(small_cnn_path, 2))
    assert report.max_abs_diff < 1e-4


def test_bad_inputs_are_explained(tmp_path, matmul_path, relu_only):
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"\x00\xff" * 300)
    text = tmp_path / "readme.onnx"
    text.write_text("hello")
    for bad in (junk, text):
        for call in (lambda s: optimize.quantize_dynamic_int8(s, tmp_path / "o1.onnx"),
                     lambda s: optimize.convert_fp16(s, tmp_path / "o2.onnx"),
                     lambda s: optimize.graph_optimize(s, tmp_path / "o3.onnx"),
                     lambda s: optimize.quantize_static_int8(s, tmp_path / "o4.onnx", [{}])):
            with pytest.raises(InvalidModelError, match="not an ONNX model"):
                call(bad)
    with pytest.raises(InvalidModelError, match="not found"):
        optimize.convert_fp16(tmp_path / "missing.onnx", tmp_path / "o.onnx")
    with pytest.raises(EngineError, match="nothing to quantize"):
        optimize.quantize_dynamic_int8(relu_only, tmp_path / "o.onnx", matmul_only=True)
    with pytest.raises(EngineError, match="new file"):
        optimize.quantize_dynamic_int8(matmul_path, matmul_path)
    with pytest.raises(EngineError, match="weight type"):
        optimize.quantize_dynamic_int8(matmul_path, tmp_path / "o.onnx", weight_type="int4")
    with pytest.raises(EngineError, match="unknown graph optimization level"):
        optimize.graph_optimize(matmul_path, tmp_path / "o.onnx", "max")
    assert not any(p.name.startswith("o") for p in tmp_path.iterdir())


def test_cancel_leaves_nothing_behind(matmul_path, small_cnn_path, tmp_path):
    with pytest.raises(EngineCancelled):
        optimize.quantize_dynamic_int8(matmul_path, tmp_path / "a.onnx", cancelled=lambda: True)
    with pytest.raises(EngineCancelled):
        optimize.convert_fp16(matmul_path, tmp_path / "b.onnx", cancelled=lambda: True)
    with pytest.raises(EngineCancelled):
        optimize.graph_optimize(matmul_path, tmp_path / "c.onnx", cancelled=lambda: True)
    calls = []

    def cancel_during_calibration():
        calls.append(1)
        return len(calls) > 4

    with pytest.raises(EngineCancelled, match="calibration"):
        optimize.quantize_static_int8(small_cnn_path, tmp_path / "d.onnx",
                                      samples_for(small_cnn_path, 10, batch=1),
                                      cancelled=cancel_during_calibration)
    assert list(tmp_path.iterdir()) == []


def test_export_without_optimum_says_how_to_install_it(tmp_path, monkeypatch):
    model_dir = tmp_path / "bert"
    model_dir.mkdir()
    with pytest.raises(InvalidModelError, match="config.json"):
        optimize.export_hf_to_onnx(model_dir, tmp_path / "out")
    (model_dir / "config.json").write_text("{}")
    monkeypatch.setitem(sys.modules, "optimum.exporters.onnx", None)  # import fails
    with pytest.raises(EngineError, match=r"pip install 'edgedeck\[optimize\]'"):
        optimize.export_hf_to_onnx(model_dir, tmp_path / "out")
    assert not (tmp_path / "out").exists()
