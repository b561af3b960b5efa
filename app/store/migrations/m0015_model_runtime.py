"""Models: every version records the runtime that opens it and what kind of model it is.

The model door (engines/backends.py) picks a backend per version: today every version is an ONNX
Runtime tensor model, which is what the defaults say for the rows that exist; a language model
(ONNX Runtime GenAI) or an embedding model records its own.
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE model_versions ADD COLUMN runtime TEXT NOT NULL "
               "DEFAULT 'onnxruntime'")
    db.execute("ALTER TABLE model_versions ADD COLUMN kind TEXT NOT NULL DEFAULT 'tensor'")
