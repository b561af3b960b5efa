"""The embedding models a collection can use: the built-in MiniLM and imported model folders.

Imported folders are copied under the knowledge files folder (`embedding-models/NAME`), so a
backup carries them and the USB stick they came from can leave; the table keeps how to pool
and prefix their input. The service checks roles and writes the audit record.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from app.chosen_files import shown
from app.clock import utc_now
from app.errors import ValidationError
from app.files import file_sha256
from app.knowledge.embedding import (
    BUILTIN_MODEL,
    DEFAULT_MAX_TOKENS,
    EmbeddingSpec,
    builtin_spec,
    inspect_model_folder,
)
from app.messages import msg
from app.store import Store

MAX_COLLECTION_NAME = 64
_NAME = re.compile(r"[\w.\-]+")


@dataclass(frozen=True)
class EmbeddingModelInfo:
    name: str
    dimensions: int
    builtin: bool
    max_tokens: int
    added_at: str
    added_by: str


@dataclass(frozen=True)
class ImportedModel:
    info: EmbeddingModelInfo
    source: Path
    sha256: str
    pooling: str


_MODEL_FILES = (".onnx", ".json", ".onnx_data", ".data", ".txt", ".model")


def _stage_chosen(folder: Path, staging: Path) -> None:
    """Copy the model's files out of the folder a person chose, by the rules every chosen file
    follows (app.chosen_files): a link out of the folder, a FIFO or a device is refused."""
    from app.chosen_files import chosen_path, open_regular, walk

    root = chosen_path(folder) if os.path.lexists(folder) else None
    if root is None or not root.is_dir():
        raise ValidationError(msg("'{folder}' is not a folder.", folder=shown(folder)))
    walked = walk([root], lambda name: name.endswith(_MODEL_FILES))
    if walked.refused:
        first = walked.refused[0]
        raise ValidationError(msg("Refused {shown}: {reason}", shown=first.shown,
                                  reason=first.reason))
    for item in walked.found:
        rel = item.path.relative_to(root)
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with open_regular(item.real) as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, 1 << 20)


class EmbeddingCatalog:
    def __init__(self, store: Store, files_dir: Path) -> None:
        self._store = store
        self._files_dir = files_dir

    def spec(self, model: str) -> EmbeddingSpec:
        """How to load `model`; a clear error when it is unknown or its files are gone."""
        if model.lower() == BUILTIN_MODEL.lower():
            return builtin_spec()
        row = self._store.conn.execute(
            "SELECT name, folder, dimensions, max_tokens, pooling, query_prefix, passage_prefix"
            " FROM kb_embedding_models WHERE name = ?", [model]).fetchone()
        if row is None:
            raise ValidationError(msg("There is no embedding model '{model}'.", model=model))
        folder = self._files_dir / row[1]
        onnx = sorted(folder.rglob("*.onnx"))
        tokenizer = sorted(folder.rglob("tokenizer.json"))
        if not onnx or not tokenizer:
            raise ValidationError(msg("The files of embedding model '{model}' are missing from "
                                      "{folder}; import it again.", model=model, folder=folder))
        return EmbeddingSpec(row[0], onnx[0], tokenizer[0], row[2], row[3], row[4], row[5],
                             row[6])

    def models(self) -> list[EmbeddingModelInfo]:
        found = [EmbeddingModelInfo(BUILTIN_MODEL, 384, True, DEFAULT_MAX_TOKENS, "", "")]
        rows = self._store.conn.execute(
            "SELECT name, dimensions, max_tokens, added_at, added_by FROM kb_embedding_models"
            " ORDER BY name").fetchall()
        return found + [EmbeddingModelInfo(r[0], r[1], False, r[2], r[3], r[4]) for r in rows]

    @staticmethod
    def check_name(name: str) -> str:
        label = name.strip()
        if not label or len(label) > MAX_COLLECTION_NAME or not _NAME.fullmatch(label):
            raise ValidationError(msg("An embedding model name may use letters, digits, '.', '-' "
                                      "and '_' (1-{max_collection_name} characters).",
                                      max_collection_name=MAX_COLLECTION_NAME))
        return label

    def add(self, folder: Path, label: str, username: str) -> ImportedModel:
        """Validate (a trial embedding), copy into the data folder, then register.

        The caller wraps this in its transaction to write the audit record with the row.
        """
        exists = self._store.conn.execute("SELECT 1 FROM kb_embedding_models WHERE name = ?",
                                          [label]).fetchone()
        if exists or label.lower() == BUILTIN_MODEL.lower():
            raise ValidationError(msg("An embedding model named '{label}' already exists.",
                                      label=label))
        relative = f"embedding-models/{label}"
        target = self._files_dir / relative
        staging = target.with_name(f".{label}.{uuid.uuid4().hex}.part")
        staging.parent.mkdir(parents=True, exist_ok=True)
        try:
            staging.mkdir()
            _stage_chosen(folder, staging)
            # The trial run reads only the private copy: nothing outside the chosen folder.
            spec = inspect_model_folder(staging, label, shown_as=shown(folder))
            model_file = spec.model_path.relative_to(staging)
            shutil.rmtree(target, ignore_errors=True)
            os.replace(staging, target)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise ValidationError(msg("Cannot copy the model into the data folder: {exc}",
                                      exc=exc)) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        sha = file_sha256(target / model_file)
        now = utc_now()
        self._store.conn.execute(
            "INSERT INTO kb_embedding_models (name, folder, dimensions, max_tokens, pooling,"
            " query_prefix, passage_prefix, sha256, added_at, added_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [label, relative, spec.dimensions, spec.max_tokens, spec.pooling,
             spec.query_prefix, spec.passage_prefix, sha, now, username])
        info = EmbeddingModelInfo(label, spec.dimensions, False, spec.max_tokens, now, username)
        return ImportedModel(info, folder, sha, spec.pooling)
