"""One engine pool per process behind every model user, and the one place that audits a model
that asked for an accelerator but runs on the CPU."""

from __future__ import annotations

import numpy as np
import pytest

from app.models.demo import seed_demo_models
from engines import backends
from engines.base import CPU, LoadReport


@pytest.fixture
def demo(ctx, admin):
    seed_demo_models(ctx.models, admin)
    return ctx


def test_the_playground_batch_and_describe_share_one_loaded_engine(demo, operator):
    feeds = {"input_ids": np.array([[1, 2, 3]], dtype=np.int64)}
    demo.inference.run(operator, "demo-text-classifier", feeds, providers=[CPU])
    demo.inference.run(operator, "demo-text-classifier", feeds, providers=[CPU])
    with demo.inference.hold(operator, "demo-text-classifier", providers=[CPU]) as held:
        assert held.engine is demo.inference.load(operator, "demo-text-classifier",
                                                  providers=[CPU]).engine
    loaded = demo.engines.loaded()
    assert [e["engine"] for e in loaded] == ["demo-text-classifier/v1 (CPUExecutionProvider)"]
    assert loaded[0]["uses"] == 4 and loaded[0]["in_use"] == 0


def test_a_fallback_is_audited_once_whoever_loads_it(demo, operator, monkeypatch):
    onnx = backends.backend("onnxruntime")
    real_open = onnx.open

    def open_reporting_a_fallback(path, options):
        engine = real_open(path, options)
        real_load = engine.load

        def load(progress=None, cancelled=None):
            real_load(progress, cancelled)
            engine.report = LoadReport(["CUDAExecutionProvider", CPU], [CPU], True,
                                       ["CUDAExecutionProvider"], 0.1,
                                       ["asked for CUDA but the model runs on the CPU"])
            return engine.report

        engine.load = load
        return engine

    monkeypatch.setattr(onnx, "open", open_reporting_a_fallback)
    feeds = {"input_ids": np.array([[1, 2, 3]], dtype=np.int64)}
    for _ in range(3):
        demo.inference.run(operator, "demo-text-classifier", feeds,
                           providers=["CUDAExecutionProvider", CPU])
    fallbacks = [r for r in demo.audit_trail.iter_records() if r.action == "provider_fallback"]
    assert len(fallbacks) == 1 and fallbacks[0].object == "demo-text-classifier/v1"
    assert fallbacks[0].details_dict["used"] == [CPU]


def test_knowledge_embeddings_come_from_the_same_pool(demo, operator, tech, tmp_path):
    (tmp_path / "pump.md").write_text("# Pump\n\nPrime the pump before the first start.\n")
    demo.knowledge.create_collection(tech, "manuals")
    demo.knowledge.ingest(tech, [tmp_path / "pump.md"], "manuals")
    demo.knowledge.search(operator, "prime the pump", mode="dense")
    labels = [e["engine"] for e in demo.engines.loaded()]
    assert any(label.startswith("embedding ") for label in labels)


def test_a_language_model_is_not_run_as_tensors(demo, operator, monkeypatch):
    from app.errors import ValidationError
    from app.models import registry as registry_module

    version = demo.models.get_version(operator, "demo-text-classifier")
    monkeypatch.setattr(registry_module.ModelVersion, "capabilities",
                        property(lambda self: frozenset({"generate"})))
    with pytest.raises(ValidationError, match="does not take tensors"):
        demo.inference.run(operator, "demo-text-classifier", {})
    assert version.kind == "tensor"


def test_migration_15_gives_existing_versions_their_runtime_and_kind(tmp_path):
    import sqlite_utils

    from app.store.migrations import MIGRATIONS

    db = sqlite_utils.Database(tmp_path / "old.db")
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, "
               "applied_at TEXT)")
    for migration in MIGRATIONS:
        if migration.version < 15:
            migration.apply(db)
    db.execute("INSERT INTO models (name, task, created_at, created_by) VALUES "
               "('m', 'other', 'now', 'x')")
    db.execute("INSERT INTO model_versions (model_id, version, file, sha256, size_bytes, "
               "source, created_at, created_by) VALUES (1, 1, 'models/m/v1/m.onnx', 'x', 1, "
               "'import', 'now', 'x')")
    next(m for m in MIGRATIONS if m.version == 15).apply(db)
    assert db.execute("SELECT runtime, kind FROM model_versions").fetchall() == [
        ("onnxruntime", "tensor")]
