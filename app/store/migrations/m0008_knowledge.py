"""Knowledge base: collections, documents, chunks, a trigram FTS5 index and ingest runs.

Chunk ids use AUTOINCREMENT so they are never reused: a later per-model embeddings table
(e.g. `kb_embeddings_<model>(chunk_id INTEGER PRIMARY KEY, vector BLOB)`) can key on them and a
stale vector can never point at a different passage. The FTS index is an external-content table
over kb_chunks kept in sync by triggers, so deleting a document (cascading to its chunks) also
removes its passages from search in the same transaction. The trigram tokenizer matches any
substring of 3+ characters, which is what makes Chinese text without spaces searchable.
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE kb_collections ("
        " id INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
        " description TEXT NOT NULL DEFAULT '',"
        " created_at TEXT NOT NULL,"
        " created_by TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE kb_documents ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " collection_id INTEGER NOT NULL REFERENCES kb_collections (id) ON DELETE CASCADE,"
        " title TEXT NOT NULL,"
        " source_path TEXT NOT NULL,"  # absolute path it was ingested from
        " file_name TEXT NOT NULL,"
        " stored_file TEXT,"  # copy kept for the source viewer, relative to the files folder
        " sha256 TEXT NOT NULL,"  # of the file's bytes; '' when it could not be read
        " size_bytes INTEGER NOT NULL DEFAULT 0,"
        " kind TEXT NOT NULL,"  # pdf, docx, html, markdown, text
        " mime TEXT NOT NULL DEFAULT '',"
        " pages INTEGER,"  # NULL for formats without pages
        " chunk_count INTEGER NOT NULL DEFAULT 0,"
        " status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'pending')),"
        " error TEXT,"
        " ingested_at TEXT NOT NULL,"
        " ingested_by TEXT NOT NULL,"
        " UNIQUE (collection_id, source_path))"
    )
    db.execute("CREATE INDEX kb_documents_sha ON kb_documents (collection_id, sha256)")
    db.execute(
        "CREATE TABLE kb_chunks ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " document_id INTEGER NOT NULL REFERENCES kb_documents (id) ON DELETE CASCADE,"
        " ordinal INTEGER NOT NULL,"
        " page INTEGER,"
        " heading TEXT NOT NULL DEFAULT '',"  # heading path joined with ' > '
        " text TEXT NOT NULL,"
        " char_start INTEGER NOT NULL,"  # offsets in the document's extracted text
        " char_end INTEGER NOT NULL,"
        " UNIQUE (document_id, ordinal))"
    )
    db.execute(
        "CREATE VIRTUAL TABLE kb_chunks_fts USING fts5("
        " heading, text, content='kb_chunks', content_rowid='id', tokenize='trigram')"
    )
    db.execute(
        "CREATE TRIGGER kb_chunks_ai AFTER INSERT ON kb_chunks BEGIN"
        " INSERT INTO kb_chunks_fts (rowid, heading, text)"
        " VALUES (new.id, new.heading, new.text); END"
    )
    db.execute(
        "CREATE TRIGGER kb_chunks_ad AFTER DELETE ON kb_chunks BEGIN"
        " INSERT INTO kb_chunks_fts (kb_chunks_fts, rowid, heading, text)"
        " VALUES ('delete', old.id, old.heading, old.text); END"
    )
    db.execute(
        "CREATE TRIGGER kb_chunks_au AFTER UPDATE ON kb_chunks BEGIN"
        " INSERT INTO kb_chunks_fts (kb_chunks_fts, rowid, heading, text)"
        " VALUES ('delete', old.id, old.heading, old.text);"
        " INSERT INTO kb_chunks_fts (rowid, heading, text)"
        " VALUES (new.id, new.heading, new.text); END"
    )
    db.execute(
        "CREATE TABLE kb_ingest_runs ("
        " id INTEGER PRIMARY KEY,"
        " collection_id INTEGER NOT NULL REFERENCES kb_collections (id) ON DELETE CASCADE,"
        " status TEXT NOT NULL CHECK (status IN ('running', 'cancelled', 'done')),"
        " started_at TEXT NOT NULL,"
        " started_by TEXT NOT NULL,"
        " finished_at TEXT)"
    )
    db.execute(
        "CREATE TABLE kb_ingest_files ("
        " run_id INTEGER NOT NULL REFERENCES kb_ingest_runs (id) ON DELETE CASCADE,"
        " ordinal INTEGER NOT NULL,"
        " path TEXT NOT NULL,"
        " status TEXT NOT NULL DEFAULT 'pending'"
        "  CHECK (status IN ('pending', 'ok', 'skipped', 'failed')),"
        " reason TEXT NOT NULL DEFAULT '',"
        " document_id INTEGER,"  # no FK: the document may be deleted later, the log stays
        " PRIMARY KEY (run_id, ordinal))"
    )
