from __future__ import annotations

import threading
import time

import numpy as np
import onnxruntime as ort
import pytest
from recorded_output import RECORDED

from engines import onnxruntime as ortengine
from engines.base import (
    ACCELERATED,
    CPU,
    CUDA,
    TENSORRT,
    Engine,
    EngineCancelled,
    EngineError,
    EngineOptions,
    InvalidModelError,
)
from engines.inputs import make_sample_inputs
from engines.onnxruntime import OnnxRuntimeEngine, select_providers, tensorrt_options

GPU_LISTED = CUDA in ort.get_available_providers()



def loaded(path, **options) -> OnnxRuntimeEngine:
    engine = OnnxRuntimeEngine(path, EngineOptions(**options))
    engine.load()
    return engine


def test_provider_selection_keeps_offered_ones_in_order_and_ends_on_cpu():
    offered = [TENSORRT, CUDA, CPU]
    assert select_providers([CPU, CUDA, "NoSuchExecutionProvider", TENSORRT], offered) == [
        CUDA, TENSORRT, CPU]
    assert select_providers([], offered) == [CPU]
    assert select_providers([TENSORRT, TENSORRT], [CPU]) == [CPU]


def test_tensorrt_options_follow_the_installed_version(tmp_path, mlp_path):
    options = EngineOptions(providers=list(ACCELERATED), trt_fp16=True,
                            trt_engine_cache_dir=tmp_path / "engines",
                            trt_timing_cache_dir=tmp_path / "timing", trt_ep_context_dump=True,
                            dla_core=1)
    opts, notes, details = tensorrt_options(options, mlp_path, (1, 31))
    assert opts["trt_fp16_enable"] == "True" and opts["trt_engine_cache_enable"] == "True"
    assert opts["trt_timing_cache_path"] == str(tmp_path / "timing")
    assert opts["trt_dump_ep_context_model"] == "True"
    assert opts["trt_ep_context_file_path"] == str(tmp_path / "engines")
    assert opts["trt_dla_enable"] == "True" and opts["trt_dla_core"] == "1"
    assert details["ep_context_model"].endswith("mlp_ctx.onnx") and notes == []
    assert (tmp_path / "engines").is_dir()

    old, notes, _ = tensorrt_options(options, mlp_path, (1, 16))  # keys 1.16 would reject
    assert "trt_timing_cache_path" not in old and "trt_dump_ep_context_model" not in old
    assert old["trt_timing_cache_enable"] == "True" and len(notes) == 2

    profiled, _, _ = tensorrt_options(EngineOptions(trt_profiles={
        "x": ((1, 16), (4, 16), (8, 16)), "mask": ((1, 1), (4, 7), (8, 64))}), mlp_path, (1, 31))
    assert profiled["trt_profile_min_shapes"] == "x:1x16,mask:1x1"
    assert profiled["trt_profile_opt_shapes"] == "x:4x16,mask:4x7"
    assert profiled["trt_profile_max_shapes"] == "x:8x16,mask:8x64"

    no_cache, notes, _ = tensorrt_options(EngineOptions(trt_ep_context_dump=True), mlp_path,
                                          (1, 31))
    assert "trt_dump_ep_context_model" not in no_cache and "engine cache" in notes[0]


def test_cpu_model_loads_quietly_and_describes_itself(mlp_path, capfd):
    engine = OnnxRuntimeEngine(mlp_path)
    assert isinstance(engine, Engine)
    seen = []
    report = engine.load(progress=lambda *a: seen.append(a))
    assert report.used == [CPU] and not report.fell_back_to_cpu and report.missing == []
    assert report.warnings == [] and report.seconds > 0
    assert seen[0] == (0, 0, "creating session…") and seen[-1][:2] == (1, 1)
    description = engine.describe()
    assert [s.describe() for s in description.inputs] == ["x: float32[batch, 16]"]
    assert [s.name for s in description.outputs] == ["logits", "probs"]
    assert description.inputs[0].is_dynamic and description.providers == (CPU,)
    assert description.metadata["producer"] == "edgedeck-tests"
    out, err = capfd.readouterr()
    assert out == "" and err == ""


@pytest.mark.skipif(not GPU_LISTED, reason="this onnxruntime build does not list CUDA")
def test_accelerator_request_on_a_cpu_box_falls_back_loudly_but_prints_nothing(
        mlp_path, tmp_path, capfd):
    engine = OnnxRuntimeEngine(mlp_path, EngineOptions(
        providers=list(ACCELERATED), trt_fp16=True, trt_engine_cache_dir=tmp_path / "trt"))
    report = engine.load()
    out, err = capfd.readouterr()
    assert out == ""  # the binding's "EP Error" banner is captured, not printed
    assert "EP Error" not in err and "onnxruntime" not in err
    assert report.used == [CPU] and report.fell_back_to_cpu
    assert report.missing == [TENSORRT, CUDA]
    assert report.warnings[0].startswith("asked for TensorRT, CUDA but the model runs on the CPU")
    assert any("could not be started" in w or "Failed to" in w for w in report.warnings[1:])
    assert "asked for TensorRT, CUDA but running on the CPU" in report.summary()
    x = np.ones((1, 16), np.float32)
    assert engine.run({"x": x})[0].shape == (1, 10)


def test_provider_this_build_does_not_offer_is_named(mlp_path):
    report = loaded(mlp_path, providers=["NoSuchExecutionProvider", CPU]).report
    assert report.fell_back_to_cpu and report.missing == ["NoSuchExecutionProvider"]
    assert "NoSuch was requested but this onnxruntime build does not offer it" in report.warnings


@pytest.mark.parametrize("fixture", ["mlp_path", "cnn_path"])
def test_run_gives_what_the_raw_session_gives(fixture, request):
    path = request.getfixturevalue(fixture)
    engine = loaded(path)
    raw = ort.InferenceSession(str(path), providers=[CPU])
    feeds = make_sample_inputs(engine.describe().inputs, batch=2, seed=3)
    ours = engine.run(feeds)
    theirs = raw.run(None, feeds)
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)
    named = engine.run_named(feeds)
    assert list(named) == engine.output_names


def test_bad_feeds_are_explained(mlp_path):
    engine = loaded(mlp_path)
    with pytest.raises(EngineError, match=r"expects x: float32\[batch, 16\]"):
        engine.run({"x": np.ones((1, 5), np.float32)})
    with pytest.raises(EngineError, match="missing"):
        engine.run({"y": np.ones((1, 16), np.float32)})
    with pytest.raises(EngineError, match="tensor\\(double\\)"):
        engine.run({"x": np.ones((1, 16), np.float64)})


def test_unloaded_engine_refuses_to_run(mlp_path):
    engine = loaded(mlp_path)
    engine.unload()
    engine.unload()
    assert not engine.loaded
    with pytest.raises(EngineError, match="not loaded"):
        engine.run({"x": np.ones((1, 16), np.float32)})
    with pytest.raises(EngineError, match="not loaded"):
        engine.describe()


def test_missing_and_non_onnx_files(tmp_path):
    with pytest.raises(InvalidModelError, match="not found"):
        OnnxRuntimeEngine(tmp_path / "nope.onnx").load()
    junk = tmp_path / "junk.onnx"
    junk.write_text("this is a text file, not a model\n" * 20)
    with pytest.raises(InvalidModelError, match="not an ONNX model"):
        OnnxRuntimeEngine(junk).load()


def test_cancel_before_creation_and_after_it(mlp_path):
    engine = OnnxRuntimeEngine(mlp_path)
    with pytest.raises(EngineCancelled, match="before"):
        engine.load(cancelled=lambda: True)
    answers = iter([False, True])  # not cancelled at the start, cancelled while creating
    with pytest.raises(EngineCancelled, match="discarded"):
        engine.load(cancelled=lambda: next(answers))
    assert not engine.loaded and engine.report is None


def test_heartbeat_reports_while_the_session_is_being_created(monkeypatch):
    monkeypatch.setattr(ortengine, "HEARTBEAT_S", 0.01)
    seen, stop = [], threading.Event()
    thread = threading.Thread(target=ortengine._heartbeat,
                              args=(lambda *a: seen.append(a), "creating session…", stop,
                                    time.perf_counter()))
    thread.start()
    time.sleep(0.1)
    stop.set()
    thread.join()
    assert len(seen) >= 2 and seen[0][:2] == (0, 0) and seen[0][2].endswith(" s")


def test_runtime_output_becomes_short_warnings():
    warnings = ortengine.parse_runtime_output(RECORDED)
    assert warnings[0].startswith("EP error: Please install TensorRT libraries")
    assert warnings[1] == "onnxruntime retried with CUDA, CPU"
    assert warnings[2] == ("Failed to load library libonnxruntime_providers_tensorrt.so with "
                           "error: libcublas.so.13: cannot open shared object file: No such "
                           "file or directory")
    assert warnings[3].startswith("Failed to create CUDAExecutionProvider. Require cuDNN 9")
    flood = "".join(f"2026-01-01 00:00:00.0 [W:onnxruntime:Default, trt.cc:{i} f] layer {i}\n"
                    for i in range(300))
    capped = ortengine.parse_runtime_output(flood)
    assert len(capped) == ortengine.MAX_WARNINGS and capped[-1].startswith("281 more")


def test_capture_hands_back_lines_that_are_not_onnxruntimes(capfd):
    import os

    with ortengine.capture_output() as captured:
        print("EP Error something broke")
        os.write(2, RECORDED.split("****************************************\n")[1].encode())
        os.write(2, b"a line from another thread\n")
    out, err = capfd.readouterr()
    assert "EP Error something broke" in captured.text and "libcublas" in captured.text
    assert out == "" and err == "a line from another thread\n"


def test_provider_failing_during_a_run_switches_to_cpu_and_says_so(mlp_path, monkeypatch):
    from onnxruntime.capi import onnxruntime_pybind11_state as C

    engine = loaded(mlp_path)
    real_run, calls = engine._run, []

    def failing_once(*args):
        calls.append(1)
        if len(calls) == 1:
            raise C.EPFail("CUDA failure 700: an illegal memory access")
        return real_run(*args)

    engine._run = failing_once
    engine.report.used = [CUDA, CPU]
    engine.report.fell_back_to_cpu = False
    monkeypatch.setattr(engine._session, "get_providers", lambda: [CUDA, CPU])
    out = engine.run({"x": np.ones((1, 16), np.float32)})
    assert out[0].shape == (1, 10) and len(calls) == 2
    assert engine.report.fell_back_to_cpu and engine.report.used == [CPU]
    assert "CUDA failed during inference" in engine.report.warnings[-1]
