"""Versioned schema migrations: one module per capability, applied in version order.

A migration is never edited once released; a later capability adds a new module and appends it
to MIGRATIONS. Each runs inside its own transaction (see app.store.database.migrate_store).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from app.store.migrations import (
    m0001_core,
    m0002_auth,
    m0003_audit,
    m0004_history,
    m0005_alarms,
    m0006_security,
    m0007_models,
    m0008_knowledge,
    m0009_knowledge_embeddings,
    m0010_serving,
    m0011_batch_jobs,
    m0012_knowledge_words,
    m0013_api_key_expiry,
    m0014_audit_integrity,
    m0015_model_runtime,
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite_utils.Database], None]


MIGRATIONS: list[Migration] = [
    Migration(1, "core: appliance identity and settings", m0001_core.apply),
    Migration(2, "auth: users and roles", m0002_auth.apply),
    Migration(3, "audit: hash-chained append-only trail", m0003_audit.apply),
    Migration(4, "history: 1 s / 10 s / 1 min monitoring tiers", m0004_history.apply),
    Migration(5, "alarms: rules, alarm points and event history", m0005_alarms.apply),
    Migration(6, "security: audit checkpoints, archive segments", m0006_security.apply),
    Migration(7, "models: registry, versions, lineage, benchmarks, activations",
              m0007_models.apply),
    Migration(8, "knowledge: collections, documents, chunks, FTS5 index, ingest runs",
              m0008_knowledge.apply),
    Migration(9, "knowledge: embedding models, vectors per model, blocked terms",
              m0009_knowledge_embeddings.apply),
    Migration(10, "serving: API keys, access log, service state", m0010_serving.apply),
    Migration(11, "batch jobs: model runs over image folders and JSONL files, resumable",
              m0011_batch_jobs.apply),
    Migration(12, "knowledge: word index (porter) beside the trigram index",
              m0012_knowledge_words.apply),
    Migration(13, "serving: API keys may expire", m0013_api_key_expiry.apply),
    Migration(14, "audit: record seals, chained checkpoints, EdgeDeck-only triggers",
              m0014_audit_integrity.apply),
    Migration(15, "models: each version's runtime and kind (the model door)",
              m0015_model_runtime.apply),
]


MIGRATIONS.sort(key=lambda m: m.version)

# The audit trail signs the head of a trail this migration upgraded (its older rows carry no
# seal); the trail learns it from Store.migrated_now.
AUDIT_SEALS_MIGRATION = 14


def latest_version() -> int:
    return max(m.version for m in MIGRATIONS)
