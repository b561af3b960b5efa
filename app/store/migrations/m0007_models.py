"""Model registry: models, their immutable versions (with lineage), benchmarks, activations.

A version row is never rewritten after import except its `status`: deleting a version removes
its files and marks it 'retired' (status 'active' means "files present, usable"; which version
is in service is models.active_version), so lineage and benchmarks keep pointing at something.
Activation history is kept so a rollback goes to the version that was really in service before.
"""

from __future__ import annotations

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE models ("
        " id INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"  # also the folder name: no case twins
        " task TEXT NOT NULL CHECK (task IN ('image-classification', 'object-detection',"
        "  'text-embedding', 'text-classification', 'other')),"
        " description TEXT NOT NULL DEFAULT '',"
        " created_at TEXT NOT NULL,"
        " created_by TEXT NOT NULL,"
        " active_version INTEGER)"  # a model_versions.version of this model, or NULL
    )
    db.execute(
        "CREATE TABLE model_versions ("
        " id INTEGER PRIMARY KEY,"
        " model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
        " version INTEGER NOT NULL CHECK (version >= 1),"
        " label TEXT NOT NULL DEFAULT '',"  # free text, e.g. a package's version_label
        " notes TEXT NOT NULL DEFAULT '',"
        " file TEXT NOT NULL,"  # the .onnx entry, relative to the data folder, '/' separators
        " sha256 TEXT NOT NULL,"  # of the .onnx entry
        " size_bytes INTEGER NOT NULL,"  # all files of the version together
        " files TEXT NOT NULL DEFAULT '[]',"  # JSON [{path, sha256, size, role}], path
        # relative to the version's folder (the .onnx entry's folder), not the data folder
        " ir_version INTEGER,"
        " opset TEXT NOT NULL DEFAULT '{}',"  # JSON {domain: version}
        " producer TEXT NOT NULL DEFAULT '',"
        " inputs TEXT NOT NULL DEFAULT '[]',"  # JSON [{name, shape, dtype}]
        " outputs TEXT NOT NULL DEFAULT '[]',"
        " metadata TEXT NOT NULL DEFAULT '{}',"  # JSON of the ONNX metadata_props
        " labels TEXT,"  # JSON list of class names, or NULL
        " source TEXT NOT NULL,"  # 'import', 'package' or 'optimize:<kind>'
        " parent_version INTEGER,"  # lineage: the version this one was derived from
        " accuracy TEXT,"  # JSON: change against the parent, measured by the optimizer
        " created_at TEXT NOT NULL,"
        " created_by TEXT NOT NULL,"
        " status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),"
        " retired_at TEXT,"
        " retired_by TEXT,"
        " UNIQUE (model_id, version))"
    )
    db.execute("CREATE INDEX model_versions_sha ON model_versions (model_id, sha256)")
    db.execute(
        "CREATE TABLE model_benchmarks ("
        " id INTEGER PRIMARY KEY,"
        " version_id INTEGER NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,"
        " provider_requested TEXT NOT NULL,"
        " provider_used TEXT NOT NULL,"  # what session.get_providers() really said
        " settings TEXT NOT NULL DEFAULT '{}',"
        " results TEXT NOT NULL DEFAULT '{}',"
        " created_at TEXT NOT NULL,"
        " created_by TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX model_benchmarks_version ON model_benchmarks (version_id, id)")
    db.execute(
        "CREATE TABLE model_activations ("
        " id INTEGER PRIMARY KEY,"
        " model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,"
        " from_version INTEGER,"  # NULL for the first activation
        " to_version INTEGER NOT NULL,"
        " kind TEXT NOT NULL CHECK (kind IN ('import', 'activate', 'rollback')),"
        " activated_at TEXT NOT NULL,"
        " activated_by TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX model_activations_model ON model_activations (model_id, id)")
