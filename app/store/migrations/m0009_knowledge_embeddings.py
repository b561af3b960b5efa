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
        " PRIMARY KEY (model, chunk_id))"
    )
    db.execute("CREATE INDEX kb_embeddings_chunk ON kb_embeddings (chunk_id)")
    # One counter per change (cascaded deletes included) lets the in-memory vector matrix know
    # in O(1) whether it is stale; counting the rows would cost ~50 ms at 100k vectors.
    db.execute("CREATE TABLE kb_vector_generation (id INTEGER PRIMARY KEY CHECK (id = 1),"
               " generation INTEGER NOT NULL)")
    db.execute("INSERT INTO kb_vector_generation (id, generation) VALUES (1, 0)")
    for event in ("INSERT", "DELETE", "UPDATE"):
        db.execute(f"CREATE TRIGGER kb_embeddings_{event.lower()} AFTER {event} ON kb_embeddings"
                   " BEGIN UPDATE kb_vector_generation SET generation = generation + 1"
                   " WHERE id = 1; END")
    db.execute(
        "CREATE TABLE kb_blocked_terms ("
        " term TEXT PRIMARY KEY COLLATE NOCASE,"
        " added_at TEXT NOT NULL,"
        " added_by TEXT NOT NULL)"
    )
