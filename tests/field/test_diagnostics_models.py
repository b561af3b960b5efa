"""The bundle benchmarks the models in service, not only a synthetic model."""

from __future__ import annotations

import json
import zipfile

from app.models.demo import seed_demo_models


def test_bundle_benchmarks_every_active_model(ctx, admin, tech, tmp_path):
    seed_demo_models(ctx.models, admin)
    result = ctx.diagnostics.bundle(tech, tmp_path / "bundle.zip", include_benchmark=True)
    with zipfile.ZipFile(result.path) as archive:
        rows = json.loads(archive.read("benchmark-active-models.json"))
    assert {row["model"] for row in rows} == {"demo-inspector/v1", "demo-text-classifier/v1"}
    assert all("error" not in row and row["runs"] == 30 for row in rows)
