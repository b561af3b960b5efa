"""Running registered models: inputs, runs, provider fallback, benchmarks and optimization."""

from __future__ import annotations

import io
import json
import sys

import numpy as np
import pytest
from PIL import Image

from app.cli import main
from app.errors import EdgeDeckError, PermissionDenied, ValidationError
from app.models import preprocess
from app.models.demo import seed_demo_models
from app.models.inference import CPU


@pytest.fixture
def demo(ctx, admin):
    seed_demo_models(ctx.models, admin)
    return ctx


@pytest.fixture
def red_png(tmp_path):
    path = tmp_path / "red.png"
    Image.new("RGB", (120, 90), (200, 30, 30)).save(path)
    return path


def test_image_classifier_runs_and_the_run_is_audited(demo, operator, red_png):
    version = demo.models.get_version(operator, "demo-inspector")
    spec = demo.inference.describe(operator, "demo-inspector").inputs[0]
    feeds = preprocess.image_feeds(version, spec, red_png)
    assert feeds[spec.name].shape == (1, 3, 64, 64)
    result = demo.inference.run(operator, "demo-inspector", feeds, providers=[CPU])
    probabilities = next(iter(result.outputs.values()))
    assert probabilities.shape == (1, len(version.labels))
    assert abs(float(probabilities.sum()) - 1.0) < 1e-4
    head = demo.audit_trail.head()
    assert (head.action, head.outcome, head.actor) == ("run", "success", "operator")
    assert head.details_dict["provider"] == CPU and head.details_dict["latency_ms"] > 0


def test_asking_for_an_accelerator_on_a_cpu_box_is_a_loud_audited_warning(demo, operator):
    loaded = demo.inference.load(operator, "demo-inspector")  # TensorRT → CUDA → CPU
    if loaded.report.requested[0] == CPU:
        pytest.skip("this onnxruntime build offers no accelerator to fall back from")
    assert loaded.report.fell_back_to_cpu and loaded.report.provider == CPU
    fallback = [r for r in demo.audit_trail.read_page(limit=5)
                if r.action == "provider_fallback"]
    assert fallback and fallback[0].outcome == "failure"
    assert fallback[0].details_dict["used"] == [CPU]


def test_text_classifier_with_its_vocabulary(demo, operator):
    version = demo.models.get_version(operator, "demo-text-classifier")
    spec = demo.inference.describe(operator, "demo-text-classifier").inputs[0]
    tokenizer = preprocess.WordTokenizer.for_version(version)
    specs = demo.inference.describe(operator, "demo-text-classifier").inputs
    feeds = preprocess.text_feeds(tokenizer, specs, "How do I clear fault E42 on line 3?")
    assert feeds[spec.name].dtype == np.int64 and feeds[spec.name].shape[0] == 1
    result = demo.inference.run(operator, "demo-text-classifier", feeds, providers=[CPU])
    assert next(iter(result.outputs.values())).shape[-1] == len(version.labels)
    with pytest.raises(ValidationError, match="Type a few words"):
        preprocess.text_feeds(tokenizer, specs, "  ?! ")


@pytest.mark.parametrize("document,message", [
    ("{not json", "not valid JSON"),
    ('{"nope": [1]}', "no input named"),
    ("[1, 2]", "Give an object"),
    ('{"image": [[1, 2], [3]]}', "not a rectangular"),
    ('{"image": [[[[0.0]]]]}', "has shape"),
])
def test_json_inputs_are_checked_with_clear_messages(demo, operator, document, message):
    specs = demo.inference.describe(operator, "demo-inspector").inputs
    with pytest.raises(ValidationError, match=message):
        preprocess.json_feeds(specs, document)


def test_a_wrong_tensor_is_refused_not_crashed(demo, operator):
    with pytest.raises(ValidationError, match="refused the input|needs input"):
        demo.inference.run(operator, "demo-inspector",
                           {"image": np.zeros((1, 3, 8, 8), np.float32)}, providers=[CPU])


def test_benchmark_is_stored_and_needs_a_technician(demo, tech, operator):
    result = demo.inference.benchmark(tech, "demo-inspector", providers=[CPU], runs=20,
                                      warmup=2)
    assert result.runs == 20 and result.provider == CPU and result.p99_ms >= result.p50_ms
    stored = demo.models.benchmarks(tech, "demo-inspector")
    assert stored and stored[0].provider_used == CPU
    assert stored[0].results["inferences_per_s"] > 0
    with pytest.raises(PermissionDenied):
        demo.inference.benchmark(operator, "demo-inspector", providers=[CPU], runs=5)


def test_optimize_makes_a_child_version_with_lineage_and_accuracy(demo, tech):
    new = demo.inference.optimize(tech, "demo-inspector", "int8-dynamic")
    assert new.parent_version == 1 and new.source == "optimize:int8-dynamic"
    assert new.accuracy["cosine"] > 0.99 and "summary" in new.accuracy
    assert [v.version for v in demo.models.lineage(tech, "demo-inspector", new.version)] == [
        new.version, 1]
    assert new.size_bytes < demo.models.get_version(tech, "demo-inspector", 1).size_bytes
    with pytest.raises(ValidationError, match="Unknown optimization"):
        demo.inference.optimize(tech, "demo-inspector", "magic")
    assert not list(demo.data_dir.glob("edgedeck-optimize-*"))  # work folders cleaned up


def test_optimize_failure_is_reported_and_audited(demo, tech, monkeypatch):
    from engines import optimize
    from engines.base import EngineError

    def broken(*args, **kwargs):
        raise EngineError("nothing to quantize")

    monkeypatch.setattr(optimize, "quantize_dynamic_int8", broken)
    with pytest.raises(EdgeDeckError, match="nothing to quantize"):
        demo.inference.optimize(tech, "demo-inspector", "int8-dynamic")
    assert demo.audit_trail.head().outcome == "failure"
    assert len(demo.models.versions(tech, "demo-inspector")) == 1


def _cli(argv, stdin):
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return main(argv)
    finally:
        sys.stdin = old


def test_cli_run_bench_optimize(demo, red_png, tmp_path, capsys):
    d = ["--data-dir", str(demo.data_dir), "--user", "admin"]
    password = "admin-password\n"
    assert _cli([*d, "models", "run", "demo-inspector", "--image", str(red_png), "--cpu",
                 "--json"], password) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["top"]) == 5 and data["provider"] == CPU
    assert _cli([*d, "models", "run", "demo-text-classifier", "--text", "conveyor jam",
                 "--cpu"], password) == 0
    tensors = tmp_path / "in.json"
    tensors.write_text(json.dumps({"image": np.zeros((1, 3, 64, 64)).tolist()}))
    assert _cli([*d, "models", "run", "demo-inspector", "--input", str(tensors), "--cpu"],
                password) == 0
    assert _cli([*d, "models", "bench", "demo-inspector", "--cpu", "--runs", "10"],
                password) == 0
    assert _cli([*d, "models", "optimize", "demo-inspector", "--kind", "graph"], password) == 0
    out = capsys.readouterr().out
    assert "inferences/s" in out and "Made demo-inspector/v2 (graph)" in out
    assert _cli([*d, "models", "run", "demo-inspector", "--image", str(tmp_path / "nope.png")],
                password) == 2


def test_text_model_benchmark_and_optimize_keep_token_ids_in_the_vocabulary(demo, tech):
    result = demo.inference.benchmark(tech, "demo-text-classifier", providers=[CPU], runs=10,
                                      warmup=1)
    assert result.runs == 10
    new = demo.inference.optimize(tech, "demo-text-classifier", "int8-dynamic")
    assert new.accuracy["n_samples"] > 0
