"""Knowledge base, second part: dense vectors per embedding model, and blocked terms.

Vectors are float32 blobs keyed by (model, chunk); a collection names the model its vectors come
from, so re-embedding with another model fills the new model's rows first and switches the
collection only when every chunk has one (search never mixes two models' vectors). Deleting a
chunk cascades to its vectors.
"""

from __future__ import annotations

import sqlite_utils

DEFAULT_MODEL = "all-MiniLM-L6-v2"


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE kb_embedding_models ("
        " name TEXT PRIMARY KEY COLLATE NOCASE,"
        " folder TEXT NOT NULL,"  # '' for the built-in model, else relative to the data folder
        " dimensions INTEGER NOT NULL,"
        " max_tokens INTEGER NOT NULL,"
        " pooling TEXT NOT NULL CHECK (pooling IN ('mean', 'cls')),"
        " query_prefix TEXT NOT NULL DEFAULT '',"
        " passage_prefix TEXT NOT NULL DEFAULT '',"
        " sha256 TEXT NOT NULL,"
        " added_at TEXT NOT NULL,"
        " added_by TEXT NOT NULL)"
    )
    db.execute(f"ALTER TABLE kb_collections ADD COLUMN embedding_model TEXT NOT NULL "
               f"DEFAULT '{DEFAULT_MODEL}'")
    db.execute(
        "CREATE TABLE kb_embeddings ("
        " model TEXT NOT NULL,"
        " chunk_id INTEGER NOT NULL REFERENCES kb_chunks (id) ON DELETE CASCADE,"
        " vector BLOB NOT NULL,"  # float32, L2-normalised
        " PRIMARY KEY (model, chunk_id)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX kb_embeddings_chunk ON kb_embeddings (chunk_id)")
    db.execute(
        "CREATE TABLE kb_blocked_terms ("
        " term TEXT PRIMARY KEY COLLATE NOCASE,"
        " added_at TEXT NOT NULL,"
        " added_by TEXT NOT NULL)"
    )
