"""The knowledge service wired on the shared test context (AppContext gains it separately)."""

from __future__ import annotations

import pytest

from app.context import AppContext
from app.knowledge.service import KnowledgeService


@pytest.fixture
def kb(ctx: AppContext) -> KnowledgeService:
    return KnowledgeService(ctx.store, ctx.audit_trail, ctx.guard, ctx.data_dir / "knowledge")
