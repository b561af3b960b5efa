"""Batch jobs: a model run over a folder of images or a JSONL file, rows written to CSV/JSONL.

One row per job, not per input: the job remembers how far it got (items done, the byte offset of
the output that holds only whole rows, and for JSONL the byte offset of the next input line), so
an interrupted job resumes exactly where its last commit left it. Kept in the database rather
than beside the output because the GUI and `--resume ID` must find unfinished jobs without
knowing where their output went (often a USB stick), and because who ran what belongs with the
audit trail.
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE batch_jobs ("
        " id INTEGER PRIMARY KEY,"
        " model TEXT NOT NULL,"
        " version INTEGER NOT NULL,"  # pinned at creation: a resume uses the same version
        " input_path TEXT NOT NULL,"
        " input_kind TEXT NOT NULL CHECK (input_kind IN ('images', 'jsonl')),"
        " input_size INTEGER,"  # jsonl: size and SHA-256 when the job was created, so a
        " input_sha256 TEXT,"  # resume over a changed file is refused
        " items TEXT,"  # images: JSON list of paths relative to input_path, fixed at creation
        " output_path TEXT NOT NULL,"
        " format TEXT NOT NULL CHECK (format IN ('csv', 'jsonl')),"
        " summary TEXT NOT NULL CHECK (summary IN ('classification', 'detection', 'tensors')),"
        " options TEXT NOT NULL DEFAULT '{}',"  # JSON: providers, top_k, max_values
        " total INTEGER NOT NULL,"
        " done INTEGER NOT NULL DEFAULT 0,"  # inputs with a committed row
        " ok INTEGER NOT NULL DEFAULT 0,"
        " failed INTEGER NOT NULL DEFAULT 0,"
        " committed_offset INTEGER NOT NULL DEFAULT 0,"  # output bytes holding whole rows
        " input_offset INTEGER NOT NULL DEFAULT 0,"  # jsonl: byte offset of the next line
        " input_line INTEGER NOT NULL DEFAULT 0,"  # jsonl: lines read up to input_offset
        " state TEXT NOT NULL CHECK (state IN ('new', 'running', 'cancelled', 'failed', 'done')),"
        " error TEXT NOT NULL DEFAULT '',"
        " owner TEXT NOT NULL DEFAULT '',"  # host:pid of the process running it
        " elapsed_s REAL NOT NULL DEFAULT 0,"
        " created_at TEXT NOT NULL,"
        " created_by TEXT NOT NULL,"
        " updated_at TEXT NOT NULL,"  # heartbeat: every commit
        " finished_at TEXT)"
    )
    db.execute("CREATE INDEX batch_jobs_state ON batch_jobs (state, id)")
