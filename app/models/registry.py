"""ModelRegistry: import ONNX models, keep their versions, activate and roll back, delete.

Files live in `<data folder>/models/<name>/v<N>/`; the database says which versions exist, which
one is in service and where each came from. The two must never disagree, so every change is
staged first (a copy in `models/.staging/`, checked byte for byte and loaded once in
onnxruntime), then made visible in one step: the database transaction and a same-filesystem
rename, undone together on failure. Deleting renames into `models/.trash/` before the
transaction and removes the files only after it committed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app.audit.trail import AuditTrail
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.chosen_files import (
    RefusedFile,
    check_inside,
    chosen_path,
    open_regular,
    shown,
    storable,
    walk,
)
from app.errors import DiskFullError, EdgeDeckError, ValidationError, is_disk_full
from app.files import fsync_dir
from app.json_input import JsonInputError, JsonTooDeep, parse_json
from app.messages import msg
from app.store import Store
from engines.backends import Artefact, backend, inspect_artefact
from engines.onnx_model import CHUNK, InvalidModelError, file_sha256

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]  # (done, total, text), as app/ui/workers.py
CancelledFn = Callable[[], bool]

TASKS = ("image-classification", "object-detection", "text-embedding", "text-classification",
         "other")
CLASSIFICATION_TASKS = ("image-classification", "text-classification")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}
SOURCE_RE = re.compile(r"^(import|package|optimize:[a-z0-9][a-z0-9_.+-]{0,31})$")
STAGING = ".staging"
TRASH = ".trash"

# Files that travel with a model when a folder is imported (besides its external data).
SIDE_FILES = {
    "labels.txt": "labels", "labels.json": "labels",
    "config.json": "config", "preprocessor_config.json": "config",
    "generation_config.json": "config",
    "tokenizer.json": "tokenizer", "tokenizer_config.json": "tokenizer",
    "special_tokens_map.json": "tokenizer", "added_tokens.json": "tokenizer",
    "vocab.txt": "tokenizer", "vocab.json": "tokenizer", "merges.txt": "tokenizer",
    "sentencepiece.bpe.model": "tokenizer", "spiece.model": "tokenizer",
    "tokenizer.model": "tokenizer",
}
MAX_SIDE_FILE_BYTES = 64 << 20
MAX_LABELS = 100_000
MODEL_ROLES = ("model", "external-data")


class ModelError(ValidationError):
    """A model, its files or the requested change are not acceptable; nothing was changed."""


class ModelNotFound(ValidationError):
    """No such model or version."""


class ImportCancelled(EdgeDeckError):
    """The person cancelled; everything copied so far was removed."""


@dataclass(frozen=True)
class Model:
    id: int
    name: str
    task: str
    description: str
    created_at: str
    created_by: str
    active_version: int | None
    version_count: int  # versions whose files are present (not retired)
    latest_version: int | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ModelVersion:
    id: int
    model: str
    version: int
    label: str
    notes: str
    file: str  # the .onnx entry relative to the data folder, '/' separators
    path: Path  # the same, absolute
    sha256: str
    size_bytes: int
    files: list[dict[str, Any]]
    ir_version: int | None
    opset: dict[str, int]
    producer: str
    inputs: list[dict[str, Any]]
    outputs: list[dict[str, Any]]
    metadata: dict[str, str]
    labels: list[str] | None
    source: str
    parent_version: int | None
    accuracy: dict[str, Any] | None
    created_at: str
    created_by: str
    status: str  # 'active' (files present) or 'retired' (deleted; row kept for lineage)
    active: bool  # this is the model's version in service
    runtime: str = "onnxruntime"  # the backend that opens it (engines/backends.py)
    kind: str = "tensor"  # tensor, embedding, language

    @property
    def capabilities(self) -> frozenset[str]:
        """What its engine can do (tensors, embed, generate): routes and widgets follow."""
        return backend(self.runtime).capabilities(self.kind)

    @property
    def tag(self) -> str:
        return f"{self.model}/v{self.version}"

    @property
    def folder(self) -> Path:
        return self.path.parent

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "path": str(self.path), "tag": self.tag}


@dataclass(frozen=True)
class Benchmark:
    id: int
    model: str
    version: int
    provider_requested: str
    provider_used: str
    settings: dict[str, Any]
    results: dict[str, Any]
    created_at: str
    created_by: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class StagedVersion:
    """A version's files in a staging folder, waiting for `commit_staged` to make them real."""

    folder: Path
    entry: str  # relative POSIX path of the .onnx inside `folder`
    name: str
    task: str | None = None
    description: str = ""
    label: str = ""
    notes: str = ""
    source: str = "import"
    parent_version: int | None = None
    accuracy: dict[str, Any] | None = None
    labels: list[str] | None = None
    files: list[dict[str, Any]] = field(default_factory=list)  # {path, sha256, size, role}
    artefact: Artefact | None = None  # what the door's backend found at import
    details: dict[str, Any] = field(default_factory=dict)  # extra audit details


class Progress:
    """One progress bar across several phases; raises ImportCancelled when asked to stop."""

    def __init__(self, progress: ProgressFn | None, cancelled: CancelledFn | None,
                 total: int = 0) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self.total = total
        self.done = 0

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ImportCancelled("Import cancelled; nothing was changed and the copied files "
                                  "were removed.")

    def add(self, n: int, text: str) -> None:
        self.done += n
        self.check()
        if self._progress is not None:
            self._progress(min(self.done, self.total), self.total, text)

    def phase(self, text: str) -> ProgressFn:
        """A (done, total, _) callback for one file, counted from the current position."""
        base = self.done

        def report(done: int, _total: int, _text: str = "") -> None:
            self.done = base + done
            self.add(0, text)

        return report


# -- helpers -----------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _loads(text: str | None, default: Any) -> Any:
    if text is None:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def validate_name(name: str) -> str:
    """Model names are folder names too: portable, no case twins, no dot files."""
    value = name.strip()
    if not NAME_RE.match(value) or value.lower() in _WINDOWS_RESERVED:
        raise ModelError(msg("'{name}' is not a valid model name: use 1-64 letters, digits, '.', "
                             "'_' or '-', starting with a letter or digit.", name=name))
    return value


def validate_task(task: str) -> str:
    value = task.strip().lower()
    if value not in TASKS:
        raise ModelError(msg("Unknown task '{task}': use one of {tasks}.", task=task,
                             tasks=', '.join(TASKS)))
    return value


def parse_version(value: str | int) -> int:
    """'3', 'v3' or 3 -> 3."""
    text = str(value).strip().lower().removeprefix("v")
    if not text.isdigit() or int(text) < 1:
        raise ValidationError(msg("'{value}' is not a version number (e.g. 3 or v3).", value=value))
    return int(text)


def _name_from(path: Path) -> str:
    raw = path.name if path.is_dir() else path.stem
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", raw).strip("-._")[:64]
    if not cleaned:
        raise ModelError(msg("Cannot derive a model name from '{name}': give one (--name).",
                             name=path.name))
    return cleaned


def _role(relpath: str) -> str:
    return SIDE_FILES.get(relpath.lower(), "other")


def _labels_from_list(values: Any, where: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ModelError(msg("{where} must be a list of class names (strings).", where=where))
    return [v.strip() for v in values]


def _labels_from_mapping(mapping: Any, where: str) -> list[str]:
    """{"0": "ok", "1": "dent"} (Hugging Face id2label) -> ["ok", "dent"]."""
    if not isinstance(mapping, dict):
        raise ModelError(msg("{where} must map class numbers to names.", where=where))
    try:
        indexed = {int(k): str(v).strip() for k, v in mapping.items()}
    except ValueError:
        raise ModelError(msg("{where} has keys that are not class numbers.", where=where)) from None
    if sorted(indexed) != list(range(len(indexed))):
        raise ModelError(msg("{where} must number its classes 0, 1, 2, ... without gaps.",
                             where=where))
    return [indexed[i] for i in range(len(indexed))]


def read_labels(folder: Path, relpaths: Sequence[str]) -> tuple[list[str] | None, str]:
    """Class names from labels.txt, labels.json or config.json's id2label, in that order."""
    present = {p.lower(): p for p in relpaths}
    if "labels.txt" in present:
        path = folder / present["labels.txt"]
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
        while lines and not lines[-1].strip():
            lines.pop()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                raise ModelError(msg("labels.txt line {number} is empty: one class name per line, "
                                     "no gaps (the line number is the class number + 1).",
                                     number=number))
        labels, source = [line.strip() for line in lines], "labels.txt"
    elif "labels.json" in present:
        try:
            data = parse_json((folder / present["labels.json"]).read_bytes(), "labels.json")
        except JsonInputError as exc:
            raise ModelError(str(exc)) from None
        labels = (_labels_from_mapping(data, "labels.json") if isinstance(data, dict)
                  else _labels_from_list(data, "labels.json"))
        source = "labels.json"
    elif "config.json" in present:
        data = read_config(folder / present["config.json"])
        if not isinstance(data, dict) or "id2label" not in data:
            return None, ""
        labels, source = _labels_from_mapping(data["id2label"], "config.json id2label"), \
            "config.json"
    else:
        return None, ""
    if not labels:
        raise ModelError(msg("{source} holds no class names.", source=source))
    if len(labels) > MAX_LABELS:
        raise ModelError(msg("{source} holds {labels} class names; at most {max_labels}.",
                             source=source, labels=len(labels), max_labels=MAX_LABELS))
    return labels, source


def read_config(path: Path) -> Any:  # noqa: ANN401 - any JSON value
    """config.json's content, None when it is not JSON (ignored, as before); a file nested too
    deeply is refused, since the playground and batch jobs read it again later."""
    try:
        return parse_json(path.read_bytes(), "config.json")
    except JsonTooDeep as exc:
        raise ModelError(str(exc)) from None
    except JsonInputError:
        return None


def check_labels(labels: list[str] | None, task: str, outputs: Sequence[Any],
                 source: str = "the labels") -> None:
    """For classifiers: the label count must match a [batch, classes] output."""
    if not labels or task not in CLASSIFICATION_TASKS:
        return
    sizes = {(o.name, o.shape[-1]) for o in outputs
             if o.shape is not None and len(o.shape) == 2 and isinstance(o.shape[-1], int)}
    if sizes and all(n != len(labels) for _, n in sizes):
        name, n = sorted(sizes)[0]
        raise ModelError(msg("{source} lists {labels} classes but the model's output '{name}' has "
                             "{n}: they must match (one name per class).", source=source,
                             labels=len(labels), name=name, n=n))


def copy_file(src: Path, dst: Path, progress: Progress, text: str) -> str:
    """Copy in chunks (progress, cancel), fsync, return the SHA-256 of what was read. The
    source is a real path, opened without following links (app/chosen_files.py)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        source = open_regular(src)
    except RefusedFile as exc:
        raise ModelError(msg("{name}: {exc}", name=shown(src.name), exc=exc)) from None
    with source as fin, dst.open("xb") as fout:
        for block in iter(lambda: fin.read(CHUNK), b""):
            fout.write(block)
            digest.update(block)
            progress.add(len(block), text)
        fout.flush()
        os.fsync(fout.fileno())
    return digest.hexdigest()


# -- the registry ------------------------------------------------------------------------------


def model_names(store: Store) -> list[str]:
    """Every registered model's name (API keys are scoped to models that exist)."""
    return [str(r[0]) for r in store.conn.execute("SELECT name FROM models ORDER BY name")]


_VERSION_COLUMNS = (
    "v.id, m.name, v.version, v.label, v.notes, v.file, v.sha256, v.size_bytes, v.files, "
    "v.ir_version, v.opset, v.producer, v.inputs, v.outputs, v.metadata, v.labels, v.source, "
    "v.parent_version, v.accuracy, v.created_at, v.created_by, v.status, m.active_version, "
    "v.runtime, v.kind"
)
_MODEL_COLUMNS = (
    "m.id, m.name, m.task, m.description, m.created_at, m.created_by, m.active_version, "
    "(SELECT COUNT(*) FROM model_versions v WHERE v.model_id = m.id AND v.status = 'active'), "
    "(SELECT MAX(v.version) FROM model_versions v WHERE v.model_id = m.id)"
)


class ModelRegistry:
    """Role-checked, audited model store. Reads need VIEW_STATUS, changes MANAGE_MODELS,
    deletions DELETE_DATA; files sit under `models_dir`, whose parent is the data folder."""

    def __init__(self, store: Store, audit: AuditTrail, guard: Guard, models_dir: Path) -> None:
        self._store = store
        self._audit = audit
        self._guard = guard
        self.models_dir = Path(models_dir)
        self.data_dir = self.models_dir.parent

    # -- reading ---------------------------------------------------------------------------

    def served_versions(self) -> list[ModelVersion]:
        """The active version of every model, as the inference service (acting as the system
        account in its own process) serves them; one indexed query, polled every second."""
        rows = self._store.conn.execute(
            f"SELECT {_VERSION_COLUMNS} FROM model_versions v JOIN models m ON m.id = "
            "v.model_id AND v.version = m.active_version WHERE v.status = 'active' ORDER BY "
            "m.name")
        return [self._version_row(r) for r in rows]

    def inventory(self) -> list[dict[str, Any]]:
        """Every model with every version's files and checksums as recorded at import, for
        diagnostics bundles (the caller checks the role and what is still on disk)."""
        models = []
        for model_id, name, task, active, created in self._store.conn.execute(
                "SELECT id, name, task, active_version, created_at FROM models ORDER BY name"
        ).fetchall():
            versions = []
            for row in self._store.conn.execute(
                    "SELECT version, label, file, sha256, size_bytes, files, source, "
                    "parent_version, status, created_at, created_by, runtime, kind FROM "
                    "model_versions WHERE model_id = ? ORDER BY version", [model_id]):
                entry = dict(zip(("version", "label", "file", "sha256", "size_bytes", "files",
                                  "source", "parent_version", "status", "created_at",
                                  "created_by", "runtime", "kind"), row, strict=True))
                entry["files"] = _loads(entry["files"], [])
                versions.append(entry)
            models.append({"name": name, "task": task, "active_version": active,
                           "created_at": created, "versions": versions})
        return models

    def list_models(self, actor: Actor) -> list[Model]:
        self._guard.require(actor, Permission.VIEW_STATUS, "models")
        rows = self._store.conn.execute(
            f"SELECT {_MODEL_COLUMNS} FROM models m ORDER BY m.name COLLATE NOCASE")
        return [Model(*row) for row in rows]

    def get_model(self, actor: Actor, name: str) -> Model:
        self._guard.require(actor, Permission.VIEW_STATUS, f"model:{name}")
        return self._model(name)

    def versions(self, actor: Actor, name: str) -> list[ModelVersion]:
        self._guard.require(actor, Permission.VIEW_STATUS, f"model:{name}")
        model = self._model(name)
        rows = self._store.conn.execute(
            f"SELECT {_VERSION_COLUMNS} FROM model_versions v JOIN models m ON m.id = v.model_id"
            " WHERE v.model_id = ? ORDER BY v.version", [model.id])
        return [self._version_row(r) for r in rows]

    def get_version(self, actor: Actor, name: str, version: int | None = None) -> ModelVersion:
        """One version; `None` means the active one (what the playground and serving run)."""
        self._guard.require(actor, Permission.VIEW_STATUS, f"model:{name}")
        model = self._model(name)
        if version is None:
            if model.active_version is None:
                raise ModelNotFound(msg("The model '{name}' has no active version.",
                                        name=model.name))
            version = model.active_version
        return self._version(model, version)

    def lineage(self, actor: Actor, name: str, version: int) -> list[ModelVersion]:
        """The version, its parent, the parent's parent ... back to the imported original."""
        self._guard.require(actor, Permission.VIEW_STATUS, f"model:{name}")
        model = self._model(name)
        chain = [self._version(model, version)]
        seen = {version}
        while chain[-1].parent_version is not None:
            parent = chain[-1].parent_version
            if parent in seen:  # cannot happen through this API; never loop on a bad row
                break
            seen.add(parent)
            try:
                chain.append(self._version(model, parent))
            except ModelNotFound:
                break
        return chain

    def benchmarks(self, actor: Actor, name: str, version: int | None = None) -> list[Benchmark]:
        """Newest first; all versions of the model unless `version` is given."""
        self._guard.require(actor, Permission.VIEW_STATUS, f"model:{name}")
        model = self._model(name)
        sql = ("SELECT b.id, m.name, v.version, b.provider_requested, b.provider_used,"
               " b.settings, b.results, b.created_at, b.created_by FROM model_benchmarks b"
               " JOIN model_versions v ON v.id = b.version_id JOIN models m ON m.id = v.model_id"
               " WHERE m.id = ?")
        params: list[Any] = [model.id]
        if version is not None:
            sql += " AND v.version = ?"
            params.append(version)
        rows = self._store.conn.execute(sql + " ORDER BY b.id DESC", params)
        return [Benchmark(r[0], r[1], r[2], r[3], r[4], _loads(r[5], {}), _loads(r[6], {}),
                          r[7], r[8]) for r in rows]

    # -- importing -------------------------------------------------------------------------

    def import_model(self, actor: Actor, path: str | Path, name: str | None = None,
                     task: str | None = None, description: str = "",
                     progress: ProgressFn | None = None,
                     cancelled: CancelledFn | None = None) -> ModelVersion:
        """Import an .onnx file or a folder (one .onnx + labels/config/tokenizer files).

        A new model's first version becomes active; a later version of an existing model is
        only added (activate it deliberately). Refused: corrupt, truncated or non-ONNX files,
        models onnxruntime cannot load, and a file that already is a version of this model.
        """
        path = Path(path)
        self._guard.require(actor, Permission.MANAGE_MODELS, f"model:{name or path.name}")
        return self._import_source(actor, path, name, task, description, "import", None, None,
                                   progress, cancelled, action="import")

    def add_version(self, actor: Actor, name: str, path: str | Path, source: str,
                    parent_version: int | None, accuracy: dict[str, Any] | None = None,
                    notes: str = "", progress: ProgressFn | None = None,
                    cancelled: CancelledFn | None = None) -> ModelVersion:
        """Add a derived version (e.g. an int8 quantization) to an existing model, recording
        its parent and the accuracy change the optimizer measured. Labels, tokenizer and
        config files the new file lacks are carried over from the parent."""
        self._guard.require(actor, Permission.MANAGE_MODELS, f"model:{name}")
        if not SOURCE_RE.match(source):
            raise ModelError(msg("Unknown source '{source}': use import, package or "
                                 "optimize:<kind> (e.g. optimize:int8).", source=source))
        if accuracy is not None:
            try:
                _json(accuracy)
            except (TypeError, ValueError):
                raise ModelError("The accuracy record must be plain JSON data.") from None
        model = self._model(name)
        if parent_version is not None:
            self._version(model, parent_version)
        return self._import_source(actor, Path(path), model.name, model.task, notes, source,
                                   parent_version, accuracy, progress, cancelled,
                                   action="add_version")

    def _import_source(self, actor: Actor, path: Path, name: str | None, task: str | None,
                       description: str, source: str, parent_version: int | None,
                       accuracy: dict[str, Any] | None, progress: ProgressFn | None,
                       cancelled: CancelledFn | None, action: str) -> ModelVersion:
        name = validate_name(name) if name else None
        task = validate_task(task) if task else None
        label = name or shown(path.name)
        staging: Path | None = None
        copy_total = 0
        try:
            if not path.exists() and not path.is_symlink():
                raise ModelError(msg("{path} does not exist.", path=shown(path)))
            try:  # a person's choice follows the chosen-file rules; our own outputs
                # (an optimized version in the data folder) may sit below a linked folder
                real = chosen_path(path) if action == "import" else Path(os.path.realpath(path))
            except RefusedFile as exc:
                raise ModelError(msg("Refused {path}: {exc}", path=shown(path), exc=exc)) from None
            if isinstance(storable(real), bytes):
                raise ModelError(msg("Refused {path}: its path is not valid UTF-8 text, which the "
                                     "ONNX tools cannot open; rename the folder or file and "
                                     "import it again.", path=shown(path)))
            name = name or _name_from(path)
            label = name
            entry, side = self._collect(real)
            bar = Progress(progress, cancelled, entry.stat().st_size * 3)
            bar.check()
            try:
                artefact = inspect_artefact(entry, bar.phase(f"checking {entry.name}"))
            except InvalidModelError as exc:
                raise ModelError(msg("Refused {path}: {exc}.", path=shown(path), exc=exc)) from None
            existing = self._find_model(name)
            if existing is not None:
                name = existing.name
                if task and task != existing.task:
                    raise ModelError(msg("'{name}' is a {task} model; a new version cannot change "
                                         "its task to {task2}.", name=existing.name,
                                         task=existing.task, task2=task))
                task = existing.task
                if not artefact.external_files:  # fail before copying; the rest is checked later
                    self._refuse_duplicate(existing.id, existing.name, artefact.sha256, None)
            sources = [(entry, entry.name, "model")]
            for rel in artefact.external_files:
                try:  # onnx checks this too; a linked folder on the way is refused here
                    sources.append((check_inside(entry.parent / rel, entry.parent), rel,
                                    "external-data"))
                except RefusedFile as exc:
                    raise ModelError(msg("Refused {path}: {rel}: {exc}", path=shown(path), rel=rel,
                                         exc=exc)) from None
            taken = {rel.lower() for _, rel, _ in sources}
            sources += [(real_path, found.name, _role(found.name)) for found, real_path in side
                        if found.name.lower() not in taken]
            if parent_version is not None and existing is not None:
                sources += self._inherited_side_files(existing, parent_version,
                                                      {rel.lower() for _, rel, _ in sources})
            copy_total = sum(src.stat().st_size for src, _, _ in sources)
            bar.total = artefact.size_bytes + 2 * copy_total
            staging = self._new_staging()
            files = self._copy_and_verify(sources, staging, bar)
            if files[0]["sha256"] != artefact.sha256:
                raise ModelError(msg("{name} changed while it was being imported; try again.",
                                     name=entry.name))
            staged = StagedVersion(
                folder=staging, entry=entry.name, name=name, task=task,
                description=description if existing is None else "",
                notes=description if existing is not None else "",
                source=source, parent_version=parent_version, accuracy=accuracy,
                files=files, artefact=artefact,
                details={"from": shown(path)})
            if (parent_version is not None and existing is not None
                    and not any(f["role"] == "labels" for f in files)):
                staged.labels = self._version(existing, parent_version).labels
            self.check_staged(staged)
            version = self.commit_staged(actor, [staged], action=action)[0]
            staging = None
            return version
        except ModelError as exc:
            self._audit.record(actor, "model", action, f"model:{label}", "failure",
                               {"path": shown(path), "reason": str(exc)})
            raise
        except (OSError, DiskFullError) as exc:  # unreadable source, full disk, stick pulled
            if is_disk_full(exc):
                where = exc.path if isinstance(exc, DiskFullError) else self.models_dir
                full = DiskFullError(where, max(copy_total, 1 << 20),
                                     f"importing {shown(path.name)}")
                with contextlib.suppress(Exception):  # the audit may not fit either
                    self._audit.record(actor, "model", action, f"model:{label}", "failure",
                                       {"path": shown(path), "reason": str(full)})
                raise full from exc
            strerror = getattr(exc, "strerror", None) or exc
            filename = getattr(exc, "filename", None)
            message = (f"Importing {shown(path)} failed: {strerror}"
                       f"{f' ({shown(filename)})' if filename else ''}. Nothing was imported.")
            self._audit.record(actor, "model", action, f"model:{label}", "failure",
                               {"path": shown(path), "reason": message})
            raise EdgeDeckError(message) from exc
        finally:
            if staging is not None:
                self._discard(staging)

    def _collect(self, path: Path) -> tuple[Path, list[tuple[Path, Path]]]:
        """The .onnx entry (a real path) and the side files that travel with it (folders
        only), as (name found, real path). A file in the folder that links out of it, or is a
        FIFO or device, refuses the import with its name (app/chosen_files.py)."""
        if not path.is_dir():
            if path.suffix.lower() == ".zip":
                raise ModelError(msg("{name} is a zip file: import it as a model package "
                                     "(`edgedeck models import` does so for .zip files).",
                                     name=shown(path.name)))
            return path, []
        walked = walk([path], lambda n: n.lower().endswith(".onnx") or n.lower() in SIDE_FILES,
                      recursive=False)
        if walked.refused:
            first = walked.refused[0]
            raise ModelError(msg("Refused {path}: {name}: {reason}", path=shown(path),
                                 name=shown(first.path.name), reason=first.reason))
        onnx_files = [f for f in walked.found if f.path.name.lower().endswith(".onnx")]
        if not onnx_files:
            raise ModelError(msg("The folder {path} holds no .onnx file.", path=shown(path)))
        if len(onnx_files) > 1:
            names = ", ".join(shown(f.path.name) for f in onnx_files[:5])
            raise ModelError(msg("The folder {path} holds {onnx_files} .onnx files ({names}): "
                                 "import one file, or give each model its own folder.",
                                 path=shown(path), onnx_files=len(onnx_files), names=names))
        side = []
        for found in walked.found:
            if found.path.name.lower() not in SIDE_FILES:
                continue
            if found.real.stat().st_size > MAX_SIDE_FILE_BYTES:
                raise ModelError(msg("{name} is larger than {max_side_file_bytes} MiB; is it "
                                     "really a {side_files} file?", name=found.path.name,
                                     max_side_file_bytes=MAX_SIDE_FILE_BYTES >> 20,
                                     side_files=SIDE_FILES[found.path.name.lower()]))
            side.append((found.path, found.real))
        return onnx_files[0].real, side

    def _inherited_side_files(self, model: Model, parent_version: int,
                              taken: set[str]) -> list[tuple[Path, str, str]]:
        parent = self._version(model, parent_version)
        if parent.status != "active":
            return []
        folder = Path(os.path.realpath(parent.folder))  # opened link-free, as every source
        return [(folder / f["path"], f["path"], f["role"]) for f in parent.files
                if f.get("role") not in MODEL_ROLES and f["path"].lower() not in taken
                and (folder / f["path"]).is_file()]

    def _copy_and_verify(self, sources: Sequence[tuple[Path, str, str]], staging: Path,
                         bar: Progress) -> list[dict[str, Any]]:
        """Copy every file, then read each copy back: a failing USB stick or disk is caught
        here, not at the first inference."""
        files = []
        for src, rel, role in sources:
            digest = copy_file(src, staging / rel, bar, f"copying {rel}")
            files.append({"path": rel, "sha256": digest, "size": (staging / rel).stat().st_size,
                          "role": role})
        for entry in files:
            check = file_sha256(staging / entry["path"], bar.phase(f"verifying {entry['path']}"))
            if check != entry["sha256"]:
                raise ModelError(msg("The copy of {entry} differs from the original (a failing "
                                     "disk or USB stick?); nothing was imported.",
                                     entry=entry['path']))
        return files

    def check_staged(self, staged: StagedVersion, progress: Progress | None = None) -> None:
        """Inspect (if not done yet), read and check labels and task, refuse duplicates, and
        prove the staged copy loads in onnxruntime."""
        entry = staged.folder / staged.entry
        if staged.artefact is None:
            try:
                staged.artefact = inspect_artefact(
                    entry, progress.phase(f"checking {staged.entry}") if progress else None)
            except InvalidModelError as exc:
                raise ModelError(msg("Refused the model '{name}': {exc}.", name=staged.name,
                                     exc=exc)) from None
        existing = self._find_model(staged.name)
        task = staged.task or (existing.task if existing else None)
        artefact = staged.artefact
        external = set(artefact.external_files)
        for item in staged.files:  # what the graph references is external data, nothing else
            if item["path"] in external:
                item["role"] = "external-data"
            elif item["role"] == "external-data":
                item["role"] = "other"
        relpaths = [f["path"] for f in staged.files if f["role"] not in MODEL_ROLES]
        if "config.json" in {r.lower() for r in relpaths}:
            read_config(staged.folder / next(r for r in relpaths if r.lower() == "config.json"))
        source = "the labels"
        if staged.labels is None:  # labels given explicitly (manifest, parent) win
            staged.labels, source = read_labels(staged.folder, relpaths)
        if task is None:
            task = self._task_from_config(staged) or "other"
        staged.task = task
        check_labels(staged.labels, task, artefact.outputs, source)
        if existing is not None:
            if existing.task != task:
                raise ModelError(msg("'{name}' is a {task} model; a new version cannot change its "
                                     "task to {task2}.", name=existing.name, task=existing.task,
                                     task2=task))
            self._refuse_duplicate(existing.id, existing.name, artefact.sha256, staged.files)
        try:  # last: the slowest check, on the copy that will be used
            backend(artefact.runtime).verify(entry)
        except InvalidModelError as exc:
            raise ModelError(msg("Refused the model '{name}': {exc}.", name=staged.name,
                                 exc=exc)) from None

    @staticmethod
    def _task_from_config(staged: StagedVersion) -> str | None:
        config = staged.folder / "config.json"
        if not config.is_file():
            return None
        data = read_config(config)
        task = data.get("task") if isinstance(data, dict) else None
        return task if task in TASKS else None

    def _refuse_duplicate(self, model_id: int, name: str, sha256: str,
                          files: list[dict[str, Any]] | None) -> None:
        rows = self._store.conn.execute(
            "SELECT version, files FROM model_versions WHERE model_id = ? AND sha256 = ? AND"
            " status = 'active' ORDER BY version", [model_id, sha256]).fetchall()
        for version, stored in rows:
            if files is not None:
                def model_files(items: list[dict[str, Any]]) -> set[tuple[str, str]]:
                    return {(f["path"], f["sha256"]) for f in items if f["role"] in MODEL_ROLES}

                if model_files(files) != model_files(_loads(stored, [])):
                    continue  # same graph file, different external weights
            raise ModelError(msg("This model file is already version v{version} of '{name}' "
                                 "(SHA-256 {sha256}…); nothing was imported.", version=version,
                                 name=name, sha256=sha256[:12]))

    def commit_staged(self, actor: Actor, staged: Sequence[StagedVersion],
                      action: str = "import",
                      then: Callable[[list[str]], None] | None = None) -> list[ModelVersion]:
        """Make staged versions real, all or none: rows, audit records and folder renames.

        `then(tags)` runs inside the same transaction (e.g. the package's own audit record).
        """
        moved: list[tuple[Path, Path]] = []
        created_dirs: list[Path] = []
        results: list[tuple[str, int]] = []
        try:
            with self._store.transaction(immediate=True) as conn:
                for item in staged:
                    assert item.artefact is not None and item.task is not None
                    model = self._find_model(item.name)
                    if model is None:
                        cur = conn.execute(
                            "INSERT INTO models (name, task, description, created_at,"
                            " created_by) VALUES (?, ?, ?, ?, ?)",
                            [item.name, item.task, item.description, _now(), actor.username])
                        model = self._model_by_id(int(cur.lastrowid))
                    self._refuse_duplicate(model.id, model.name, item.artefact.sha256,
                                           item.files)
                    version = conn.execute(
                        "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions"
                        " WHERE model_id = ?", [model.id]).fetchone()[0]
                    folder = self.models_dir / model.name
                    if not folder.exists():
                        folder.mkdir(parents=True)
                        created_dirs.append(folder)
                    target = folder / f"v{version}"
                    if target.exists():  # left by a crash between rename and commit
                        log.warning("removing %s: not in the database", target)
                        shutil.rmtree(target)
                    artefact = item.artefact
                    record = artefact.record
                    relfile = (target / item.entry).relative_to(self.data_dir).as_posix()
                    conn.execute(
                        "INSERT INTO model_versions (model_id, version, label, notes, file,"
                        " sha256, size_bytes, files, ir_version, opset, producer, inputs,"
                        " outputs, metadata, labels, source, parent_version, accuracy,"
                        " created_at, created_by, runtime, kind) VALUES"
                        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [model.id, version, item.label, item.notes, relfile, artefact.sha256,
                         sum(f["size"] for f in item.files), _json(item.files),
                         record.get("ir_version"), _json(record.get("opset", {})),
                         str(record.get("producer", "")),
                         _json(record.get("inputs", [])), _json(record.get("outputs", [])),
                         _json(record.get("metadata", dict(artefact.metadata))),
                         None if item.labels is None else _json(item.labels),
                         item.source, item.parent_version,
                         None if item.accuracy is None else _json(item.accuracy),
                         _now(), actor.username, artefact.runtime, artefact.kind])
                    activated = model.active_version is None
                    if activated:
                        conn.execute("UPDATE models SET active_version = ? WHERE id = ?",
                                     [version, model.id])
                        conn.execute(
                            "INSERT INTO model_activations (model_id, from_version, to_version,"
                            " kind, activated_at, activated_by) VALUES (?, NULL, ?, 'import',"
                            " ?, ?)", [model.id, version, _now(), actor.username])
                    self._audit.record(actor, "model", action, f"model:{model.name}/v{version}",
                                       "success", {
                                           **item.details, "sha256": artefact.sha256,
                                           "size_bytes": sum(f["size"] for f in item.files),
                                           "files": [f["path"] for f in item.files],
                                           "source": item.source, "task": item.task,
                                           "parent_version": item.parent_version,
                                           "accuracy": item.accuracy,
                                           "activated": activated})
                    os.rename(item.folder, target)
                    moved.append((target, item.folder))
                    results.append((model.name, version))
                if then is not None:
                    then([f"{name}/v{version}" for name, version in results])
        except BaseException:
            for target, original in reversed(moved):
                with contextlib.suppress(OSError):
                    os.rename(target, original)
            for folder in created_dirs:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        for target, _ in moved:
            fsync_dir(target.parent)
        with contextlib.suppress(OSError):
            (self.models_dir / STAGING).rmdir()
        return [self._version(self._model(name), version) for name, version in results]

    # -- activation ------------------------------------------------------------------------

    def activate(self, actor: Actor, name: str, version: int) -> Model:
        """Put a version in service; remembered so `rollback` can return to the previous one."""
        self._guard.require(actor, Permission.MANAGE_MODELS, f"model:{name}/v{version}")
        model = self._model(name)
        target = self._version(model, version)
        self._require_usable(target)
        if model.active_version == version:
            self._audit.record(actor, "model", "activate", f"model:{model.name}/v{version}",
                               "success", {"from_version": version, "unchanged": True})
            return model
        self._switch(actor, model, version, "activate")
        return self._model(model.name)

    def rollback(self, actor: Actor, name: str) -> Model:
        """Return to the version that was in service before the current one."""
        self._guard.require(actor, Permission.MANAGE_MODELS, f"model:{name}")
        model = self._model(name)
        target = self._rollback_target(model)
        if target is None:
            raise ModelError(msg("'{name}' has no earlier active version to roll back to (or its "
                                 "files were deleted).", name=model.name))
        self._switch(actor, model, target, "rollback")
        return self._model(model.name)

    def _rollback_target(self, model: Model) -> int | None:
        """Replay the activation history as a stack: activating pushes the version it replaced,
        rolling back pops; the top that still has its files is the target."""
        stack: list[int] = []
        rows = self._store.conn.execute(
            "SELECT from_version, to_version, kind FROM model_activations WHERE model_id = ?"
            " ORDER BY id", [model.id])
        for from_version, to_version, kind in rows:
            if kind == "rollback":
                while stack and stack.pop() != to_version:
                    pass
            elif from_version is not None:
                stack.append(from_version)
        usable = {r[0] for r in self._store.conn.execute(
            "SELECT version FROM model_versions WHERE model_id = ? AND status = 'active'",
            [model.id])}
        while stack:
            candidate = stack.pop()
            if candidate in usable and candidate != model.active_version:
                return candidate
        return None

    def _switch(self, actor: Actor, model: Model, version: int, kind: str) -> None:
        with self._store.transaction(immediate=True) as conn:
            current = conn.execute("SELECT active_version FROM models WHERE id = ?",
                                   [model.id]).fetchone()[0]
            conn.execute("UPDATE models SET active_version = ? WHERE id = ?", [version, model.id])
            conn.execute(
                "INSERT INTO model_activations (model_id, from_version, to_version, kind,"
                " activated_at, activated_by) VALUES (?, ?, ?, ?, ?, ?)",
                [model.id, current, version, kind, _now(), actor.username])
            self._audit.record(actor, "model", kind, f"model:{model.name}/v{version}",
                               "success", {"from_version": current, "to_version": version})

    def _require_usable(self, version: ModelVersion) -> None:
        if version.status != "active":
            raise ModelError(msg("{tag} was deleted; import it again to use it.", tag=version.tag))
        expected = next((f["size"] for f in version.files if f["role"] == "model"),
                        None)
        if not version.path.is_file() or (expected is not None
                                          and version.path.stat().st_size != expected):
            raise ModelError(msg("The file of {tag} is missing or damaged ({path}); delete the "
                                 "version and import it again.", tag=version.tag,
                                 path=version.path))

    # -- deletion --------------------------------------------------------------------------

    def delete_version(self, actor: Actor, name: str, version: int) -> ModelVersion:
        """Remove a version's files; its row stays ('retired') for lineage and benchmarks."""
        self._guard.require(actor, Permission.DELETE_DATA, f"model:{name}/v{version}")
        model = self._model(name)
        target = self._version(model, version)
        if target.status != "active":
            raise ModelError(msg("{tag} was already deleted.", tag=target.tag))
        if model.active_version == version:
            raise ModelError(msg("{tag} is the active version: activate another version (or roll "
                                 "back) before deleting it.", tag=target.tag))
        folder = self.models_dir / model.name / f"v{version}"
        with self._trashed(folder) as trashed:
            with self._store.transaction(immediate=True) as conn:
                conn.execute("UPDATE model_versions SET status = 'retired', retired_at = ?,"
                             " retired_by = ? WHERE id = ?", [_now(), actor.username, target.id])
                self._audit.record(actor, "model", "delete_version", f"model:{target.tag}",
                                   "success", {"sha256": target.sha256,
                                               "size_bytes": target.size_bytes,
                                               "files_found": trashed is not None})
        return self._version(model, version)

    def delete_model(self, actor: Actor, name: str) -> Model:
        """Remove a model with every version, benchmark and activation record (admin)."""
        self._guard.require(actor, Permission.DELETE_DATA, f"model:{name}")
        model = self._model(name)
        versions = self._store.conn.execute(
            "SELECT version, sha256, status FROM model_versions WHERE model_id = ?"
            " ORDER BY version", [model.id]).fetchall()
        with self._trashed(self.models_dir / model.name):
            with self._store.transaction(immediate=True) as conn:
                conn.execute("DELETE FROM model_benchmarks WHERE version_id IN"
                             " (SELECT id FROM model_versions WHERE model_id = ?)", [model.id])
                conn.execute("DELETE FROM model_activations WHERE model_id = ?", [model.id])
                conn.execute("DELETE FROM model_versions WHERE model_id = ?", [model.id])
                conn.execute("DELETE FROM models WHERE id = ?", [model.id])
                self._audit.record(actor, "model", "delete", f"model:{model.name}", "success", {
                    "task": model.task, "active_version": model.active_version,
                    "versions": [{"version": v, "sha256": s, "status": st}
                                 for v, s, st in versions]})
        return model

    @contextlib.contextmanager
    def _trashed(self, folder: Path) -> Iterator[Path | None]:
        """Move `folder` aside for the block; put it back if the block fails, else remove it."""
        trash: Path | None = None
        if folder.exists():
            trash = self.models_dir / TRASH / uuid.uuid4().hex
            trash.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.rename(folder, trash)
            except OSError as exc:
                raise EdgeDeckError(msg("Cannot remove {folder}: {strerror} (is a file in it open "
                                        "in another program?). Nothing was deleted.", folder=folder,
                                        strerror=exc.strerror or exc)) from exc
        try:
            yield trash
        except BaseException:
            if trash is not None:
                os.rename(trash, folder)
            raise
        if trash is not None:
            self._discard(trash)

    # -- benchmarks ------------------------------------------------------------------------

    def record_benchmark(self, actor: Actor, name: str, version: int,
                         result: dict[str, Any]) -> Benchmark:
        """Store a benchmark run: `provider_requested`, `provider_used`, optional `settings`,
        and `results` (or every other key of `result`)."""
        self._guard.require(actor, Permission.MANAGE_MODELS, f"model:{name}/v{version}")
        model = self._model(name)
        target = self._version(model, version)
        requested = result.get("provider_requested")
        used = result.get("provider_used")
        if not requested or not used:
            raise ModelError("A benchmark result needs provider_requested and provider_used.")
        settings = result.get("settings") or {}
        results = result.get("results")
        if results is None:
            results = {k: v for k, v in result.items()
                       if k not in ("provider_requested", "provider_used", "settings")}
        try:
            settings_json, results_json = _json(settings), _json(results)
        except (TypeError, ValueError):
            raise ModelError("Benchmark settings and results must be plain JSON data.") from None
        with self._store.transaction(immediate=True) as conn:
            cur = conn.execute(
                "INSERT INTO model_benchmarks (version_id, provider_requested, provider_used,"
                " settings, results, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [target.id, str(requested), str(used), settings_json, results_json, _now(),
                 actor.username])
            self._audit.record(actor, "model", "benchmark", f"model:{target.tag}", "success",
                               {"provider_requested": requested, "provider_used": used})
        return Benchmark(int(cur.lastrowid), model.name, version, str(requested), str(used),
                         settings, results, _now(), actor.username)

    # -- internals -------------------------------------------------------------------------

    def _find_model(self, name: str) -> Model | None:
        row = self._store.conn.execute(
            f"SELECT {_MODEL_COLUMNS} FROM models m WHERE m.name = ?", [name.strip()]
        ).fetchone()
        return Model(*row) if row else None

    def _model(self, name: str) -> Model:
        model = self._find_model(name)
        if model is None:
            raise ModelNotFound(msg("There is no model named '{name}'.", name=name))
        return model

    def _model_by_id(self, model_id: int) -> Model:
        row = self._store.conn.execute(
            f"SELECT {_MODEL_COLUMNS} FROM models m WHERE m.id = ?", [model_id]).fetchone()
        return Model(*row)

    def _version(self, model: Model, version: int) -> ModelVersion:
        row = self._store.conn.execute(
            f"SELECT {_VERSION_COLUMNS} FROM model_versions v JOIN models m ON m.id = v.model_id"
            " WHERE v.model_id = ? AND v.version = ?", [model.id, version]).fetchone()
        if row is None:
            raise ModelNotFound(msg("'{name}' has no version v{version}.", name=model.name,
                                    version=version))
        return self._version_row(row)

    def _version_row(self, r: tuple) -> ModelVersion:
        return ModelVersion(
            id=r[0], model=r[1], version=r[2], label=r[3], notes=r[4], file=r[5],
            path=self.data_dir / r[5], sha256=r[6], size_bytes=r[7], files=_loads(r[8], []),
            ir_version=r[9], opset=_loads(r[10], {}), producer=r[11], inputs=_loads(r[12], []),
            outputs=_loads(r[13], []), metadata=_loads(r[14], {}), labels=_loads(r[15], None),
            source=r[16], parent_version=r[17], accuracy=_loads(r[18], None),
            created_at=r[19], created_by=r[20], status=r[21], active=r[22] == r[2],
            runtime=r[23], kind=r[24])

    def _new_staging(self) -> Path:
        folder = self.models_dir / STAGING / uuid.uuid4().hex
        folder.mkdir(parents=True)
        return folder

    def new_staging_folder(self) -> Path:
        """An empty folder on the models' file system, for package extraction."""
        return self._new_staging()

    def _discard(self, folder: Path) -> None:
        """Remove a staging/trash folder, and its parent when that is left empty."""
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            folder.parent.rmdir()

    def discard_staging(self, folder: Path) -> None:
        self._discard(folder)

