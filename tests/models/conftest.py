"""The registry on the shared test context (ctx.models once AppContext wires it)."""

from __future__ import annotations

import pytest

from app.models.registry import ModelRegistry


@pytest.fixture
def models_dir(ctx):
    return ctx.data_dir / "models"


@pytest.fixture
def registry(ctx, models_dir) -> ModelRegistry:
    return ModelRegistry(ctx.store, ctx.audit_trail, ctx.guard, models_dir)
