"""Batch jobs: one model version over a folder of images or a JSONL file of tensors, one result
row per input in a CSV or JSONL file, with progress, cancel and resume.

Inputs are prepared exactly as the playground prepares them (app/models/preprocess): images with
the model's config.json, JSON objects mapping input names to nested lists. A bad input
(unreadable image, broken JSON, wrong shape) fails its own row with the reason, never the job.

Crash safety. The output only ever grows by whole rows: rows are buffered, appended, the file is
fsynced, and only then does the job's database row record the new committed byte offset (and how
far the input was read) in one transaction. A crash between the two leaves bytes past the
committed offset; a resume truncates the file back to it and redoes those inputs, so every input
ends with exactly one row. The job lives in the database (migration 11), not in a sidecar file,
because the GUI and `--resume ID` must find unfinished jobs without knowing where their output
went, and because who ran what belongs beside the audit trail.

Rows are audited per job (start, resume, finish, cancel, failure with counts), not per input:
a job over 100 000 photos must not flood the trail.

Inputs are files a person chose (app/chosen_files.py): a picture linked out of the folder, a FIFO
or a device fails its own row with the reason (checked again when it is opened, so a swap after
the listing is caught too); names that are not UTF-8 are read and shown with \\xNN escapes.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import json
import math
import os
import socket
import stat
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

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
from app.errors import EdgeDeckError, ValidationError
from app.files import fsync_dir
from app.messages import msg
from app.models import preprocess
from app.models.inference import InferenceService, LoadedModel, provider_preference
from app.models.registry import CLASSIFICATION_TASKS, ModelVersion
from app.store import Store

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp",
                            ".ppm", ".pgm", ".pnm"})
FORMATS = ("csv", "jsonl")
SUMMARIES = ("classification", "detection", "tensors")
RESUMABLE = ("new", "cancelled", "interrupted", "failed")
COMMIT_ROWS = 64  # rows per commit at most ...
COMMIT_SECONDS = 1.0  # ... and at least one commit a second while rows are waiting
STALE_S = 600  # a 'running' job of another host with no heartbeat this long was interrupted
MAX_LINE_BYTES = 64 << 20  # a JSONL line longer than this fails its row
MAX_VALUES = 65_536  # per output tensor in a row; longer ones are cut (and say so)
DEFAULT_TOP_K = 5
_HASH_CHUNK = 1 << 20

_BASE_COLUMNS = ("index", "{input}", "status", "error", "latency_ms")
_SUMMARY_COLUMNS = {"classification": ("label", "score", "top"),
                    "detection": ("objects", "detections"),
                    "tensors": ("outputs",)}


class BatchError(ValidationError):
    """The job cannot be created or resumed as asked; nothing was written."""


class BatchNotFound(ValidationError):
    """No batch job with that number."""


class BatchFailed(EdgeDeckError):
    """The job stopped (output not writable, model not loadable, input changed); every row it
    committed is kept and it can be resumed once the cause is fixed."""


@dataclass(frozen=True)
class BatchJob:
    id: int
    model: str
    version: int
    input_path: str
    input_kind: str  # 'images' or 'jsonl'
    output_path: str
    format: str  # 'csv' or 'jsonl'
    summary: str  # 'classification', 'detection' or 'tensors'
    providers: list[str]
    top_k: int
    total: int
    done: int
    ok: int
    failed: int
    state: str  # new, running, cancelled, interrupted (its process is gone), failed, done
    error: str
    owner: str
    elapsed_s: float
    created_at: str
    created_by: str
    updated_at: str
    finished_at: str | None

    @property
    def tag(self) -> str:
        return f"{self.model}/v{self.version}"

    @property
    def resumable(self) -> bool:
        return self.state in RESUMABLE

    @property
    def columns(self) -> tuple[str, ...]:
        return columns_for(self.input_kind, self.summary)

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "tag": self.tag, "resumable": self.resumable,
                "columns": list(self.columns)}


def columns_for(input_kind: str, summary: str) -> tuple[str, ...]:
    """The output's fields: `path` (images, relative to the folder) or `line` (JSONL, from 1)."""
    name = "path" if input_kind == "images" else "line"
    return tuple(c.format(input=name) for c in _BASE_COLUMNS) + _SUMMARY_COLUMNS[summary]


@dataclass
class _Item:
    index: int  # 0-based position among the job's inputs
    key: str | int  # relative path or line number
    data: bytes | None = None  # jsonl: the line
    error: str = ""  # jsonl: why the line cannot be used at all (too long)
    input_offset: int = 0  # jsonl: byte offset after this line
    input_line: int = 0  # jsonl: line number of this line


@dataclass
class _Cursor:
    """Where a job stands: committed to the output and the database together."""

    done: int
    ok: int
    failed: int
    committed_offset: int
    input_offset: int
    input_line: int


# -- helpers -----------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def list_images(folder: Path) -> list[str]:
    """Image files under `folder` (sub-folders too, linked folders not entered), as sorted
    POSIX paths relative to it, so a resume walks the same list in the same order. Names that
    were refused (a link out of the folder, a FIFO) are listed too: their rows fail with the
    reason when they are opened."""
    root = Path(os.path.realpath(folder))
    walked = walk([root], lambda name: Path(name).suffix.lower() in IMAGE_SUFFIXES, unique=False)
    found = [item.path for item in walked.found]
    found += [item.path for item in walked.refused
              if item.path.suffix.lower() in IMAGE_SUFFIXES and item.path != root]
    return sorted(p.relative_to(root).as_posix() for p in found)


def _open_output(out: Path, create: bool) -> io.BufferedRandom:
    """The results file for writing, never through a link (one could point anywhere) and
    never a FIFO or device (opening one for writing blocks until a reader comes)."""
    flags = (os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    if create:
        flags |= os.O_CREAT | os.O_TRUNC
    try:
        fd = os.open(out, flags, 0o644)
    except OSError as exc:
        if out.is_symlink():
            raise BatchError(msg("{out} is a link; give a plain file for the results (the link is "
                                 "not followed).", out=shown(out))) from None
        if exc.errno == errno.ENXIO:  # a FIFO without a reader
            raise BatchError(msg("{out} is not a regular file; give a plain file for the results.",
                                 out=shown(out))) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise BatchError(msg("{out} is not a regular file; give a plain file for the results.",
                                 out=shown(out)))
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "r+b")
    except BaseException:
        os.close(fd)
        raise


def _open_input(path: Path) -> Any:  # noqa: ANN401 - a binary file
    """The JSONL input, opened as a chosen file (no link out of its folder, no FIFO)."""
    try:
        return open_regular(chosen_path(path))
    except RefusedFile as exc:
        raise OSError(0, str(exc)) from None


def _scan_jsonl(path: Path, cancelled: CancelledFn | None = None,
                progress: ProgressFn | None = None) -> tuple[int, int, str]:
    """(non-blank lines, size, SHA-256) in one pass: the job's total and its fingerprint."""
    digest = hashlib.sha256()
    lines = read = 0
    size = path.stat().st_size
    blank = True  # the line being read holds only whitespace so far
    with _open_input(path) as handle:
        for block in iter(lambda: handle.read(_HASH_CHUNK), b""):
            if cancelled is not None and cancelled():
                raise BatchError("Cancelled while reading the input file; nothing was started.")
            digest.update(block)
            read += len(block)
            parts = block.split(b"\n")
            for part in parts[:-1]:
                if part.strip() or not blank:
                    lines += 1
                blank = True
            if parts[-1].strip():
                blank = False
            if progress is not None:
                progress(read, size, msg("Reading {name}…", name=path.name))
    if not blank:
        lines += 1  # a last line without a newline
    return lines, size, digest.hexdigest()


def _sha256(path: Path, cancelled: CancelledFn | None = None) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with _open_input(path) as handle:
        for block in iter(lambda: handle.read(_HASH_CHUNK), b""):
            if cancelled is not None and cancelled():
                raise BatchError("Cancelled while checking the input file.")
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def _read_line(handle: io.BufferedReader) -> tuple[bytes | None, int, bool]:
    """(line without its newline, bytes consumed, too long); None at the end of the file.
    A line past MAX_LINE_BYTES is skipped to its newline, never held in memory."""
    data = handle.readline(MAX_LINE_BYTES + 1)
    if not data:
        return None, 0, False
    consumed = len(data)
    if len(data) > MAX_LINE_BYTES and not data.endswith(b"\n"):
        while True:
            more = handle.readline(_HASH_CHUNK)
            consumed += len(more)
            if not more or more.endswith(b"\n"):
                break
        return b"", consumed, True
    return data.rstrip(b"\r\n"), consumed, False


def _short_float(value: float, digits: int) -> float:
    if not math.isfinite(value):
        return value
    return float(f"{value:.{digits}g}")


def tensor_data(array: np.ndarray, limit: int = MAX_VALUES) -> Any:
    """One output as nested lists (floats cut to their dtype's precision); past `limit` values,
    {"shape", "dtype", "values": the first `limit`, "truncated": true}."""
    array = np.asarray(array)
    digits = {"float16": 4, "float32": 7}.get(str(array.dtype), 15)
    if array.dtype.kind == "f":
        def convert(values: np.ndarray) -> list[Any]:
            flat = [_short_float(v, digits) for v in values.ravel().tolist()]
            return np.asarray(flat, np.float64).reshape(values.shape).tolist()
    else:
        def convert(values: np.ndarray) -> list[Any]:
            return values.tolist()
    if array.size <= limit:
        return convert(array)
    return {"shape": list(array.shape), "dtype": str(array.dtype),
            "values": convert(array.ravel()[:limit]), "truncated": True}


def _json_safe(value: Any) -> Any:
    """NaN/inf are not JSON: written as strings so every line parses."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    return value


class _RowWriter:
    """Encodes rows as whole CSV records or JSON lines (bytes), never partial ones."""

    def __init__(self, fmt: str, columns: tuple[str, ...]) -> None:
        self.format = fmt
        self.columns = columns

    def header(self) -> bytes:
        if self.format != "csv":
            return b""
        return self._csv_line(list(self.columns))

    def encode(self, row: Mapping[str, Any]) -> bytes:
        safe = {c: _json_safe(row.get(c)) for c in self.columns}
        if self.format == "jsonl":
            text = json.dumps(safe, ensure_ascii=False, separators=(",", ":"))
            return text.encode("utf-8") + b"\n"
        cells = []
        for column in self.columns:
            value = safe[column]
            if value is None:
                cells.append("")
            elif isinstance(value, list | dict):
                cells.append(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
            else:
                cells.append(value)
        return self._csv_line(cells)

    @staticmethod
    def _csv_line(cells: list[Any]) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(cells)
        return buffer.getvalue().encode("utf-8")


# -- the service -------------------------------------------------------------------------------

_COLUMNS = ("id, model, version, input_path, input_kind, output_path, format, summary, options,"
            " total, done, ok, failed, state, error, owner, elapsed_s, created_at, created_by,"
            " updated_at, finished_at")


class BatchService:
    """Role-checked (RUN_BATCH_JOBS, technician) and audited batch jobs; Qt-free, so the GUI
    runs `run()` in a Task and the CLI on its own thread."""

    def __init__(self, store: Store, audit: AuditTrail, guard: Guard,
                 inference: InferenceService) -> None:
        self._store = store
        self._audit = audit
        self._guard = guard
        self._inference = inference
        self._registry = inference.registry
        self._active: set[int] = set()  # jobs running in this process
        self._lock = threading.Lock()

    # -- reading ---------------------------------------------------------------------------

    def get(self, actor: Actor, job_id: int) -> BatchJob:
        self._guard.require(actor, Permission.RUN_BATCH_JOBS, f"batch:{job_id}")
        return self._job(job_id)

    def list_jobs(self, actor: Actor, limit: int = 50) -> list[BatchJob]:
        """Newest first."""
        self._guard.require(actor, Permission.RUN_BATCH_JOBS, "batch")
        rows = self._store.conn.execute(
            f"SELECT {_COLUMNS} FROM batch_jobs ORDER BY id DESC LIMIT ?", [int(limit)])
        return [self._job_row(r) for r in rows]

    def last_unfinished(self, actor: Actor) -> BatchJob | None:
        """The newest job that can be resumed (cancelled, interrupted or failed), if any."""
        self._guard.require(actor, Permission.RUN_BATCH_JOBS, "batch")
        rows = self._store.conn.execute(
            f"SELECT {_COLUMNS} FROM batch_jobs WHERE state != 'done' ORDER BY id DESC"
            " LIMIT 20")
        return next((job for job in map(self._job_row, rows) if job.resumable), None)

    def failures(self, actor: Actor, job_id: int, limit: int = 50) -> list[dict[str, Any]]:
        """The first `limit` failed rows of a job's committed output (input and reason), read
        as a stream: the summary a person checks before fixing inputs and rerunning."""
        self._guard.require(actor, Permission.RUN_BATCH_JOBS, f"batch:{job_id}")
        job = self._job(job_id)
        committed = self._store.conn.execute(
            "SELECT committed_offset FROM batch_jobs WHERE id = ?", [job.id]).fetchone()[0]
        found: list[dict[str, Any]] = []
        key = job.columns[1]
        try:
            with Path(job.output_path).open("rb") as handle:
                data = io.TextIOWrapper(io.BufferedReader(_Limited(handle, committed)),
                                        encoding="utf-8", newline="")
                if job.format == "jsonl":
                    records: Iterator[Any] = (json.loads(line) for line in data if line.strip())
                else:
                    records = csv.DictReader(data)
                for record in records:
                    if record.get("status") == "failed":
                        found.append({key: record.get(key), "index": record.get("index"),
                                      "error": record.get("error") or ""})
                        if len(found) >= limit:
                            break
        except (OSError, ValueError, csv.Error) as exc:
            raise BatchError(msg("Cannot read the results {output_path}: {exc}.",
                                 output_path=job.output_path, exc=exc)) from exc
        return found

    # -- creating --------------------------------------------------------------------------

    def create(self, actor: Actor, model: str, input_path: str | Path, output_path: str | Path,
               fmt: str | None = None, version: int | None = None,
               providers: list[str] | None = None, top_k: int = DEFAULT_TOP_K,
               overwrite: bool = False, progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None) -> BatchJob:
        """Check the input against the model, write the output's header and record the job
        (state 'new' until `run` claims it). Reading a large JSONL
        file to count and fingerprint it takes a while: call off the GUI thread."""
        self._guard.require(actor, Permission.RUN_BATCH_JOBS, f"model:{model}")
        target = self._registry.get_version(actor, model, version)
        if target.status != "active":
            raise BatchError(msg("{tag} was deleted; choose another version.", tag=target.tag))
        source = Path(input_path).expanduser().absolute()
        out = Path(output_path).expanduser().absolute()
        for path in (source, out):
            if isinstance(storable(path), bytes):
                raise BatchError(msg("{path}: its path is not valid UTF-8 text; rename it (or the "
                                     "folder holding it) and start the job again.",
                                     path=shown(path)))
        if source.exists() or source.is_symlink():
            try:
                chosen_path(source)
            except RefusedFile as exc:
                raise BatchError(msg("{source}: {exc}", source=shown(source), exc=exc)) from None
        fmt = self._format(fmt, out)
        if not 1 <= int(top_k) <= 100:
            raise BatchError("top-k must be between 1 and 100.")
        if not out.parent.is_dir():
            raise BatchError(msg("The folder {parent} does not exist; create it or choose another "
                                 "place for the results.", parent=out.parent))
        if out.is_dir():
            raise BatchError(msg("{out} is a folder; give a file name for the results.", out=out))
        if out.exists() and not overwrite:
            raise BatchError(msg("{out} already exists; choose another name (or overwrite it). To "
                                 "continue an unfinished job, resume it instead.", out=out))
        if out == source:
            raise BatchError("The results cannot be written over the input file.")
        summary, kind = self._plan(target, source)
        items: list[str] | None = None
        size = digest = None
        if kind == "images":
            items = list_images(source)
            if not items:
                raise BatchError(msg("{source} holds no image files ({image_suffixes}).",
                                     source=source,
                                     image_suffixes=', '.join(sorted(IMAGE_SUFFIXES))))
            total = len(items)
        else:
            try:
                total, size, digest = _scan_jsonl(source, cancelled, progress)
            except OSError as exc:
                raise BatchError(msg("Cannot read {source}: {strerror}.", source=source,
                                     strerror=exc.strerror or exc)) from exc
            if total == 0:
                raise BatchError(msg("{source} holds no input lines (one JSON object per line).",
                                     source=source))
        writer = _RowWriter(fmt, columns_for(kind, summary))
        header = writer.header()
        try:
            with _open_output(out, create=True) as handle:
                handle.write(header)
                handle.flush()
                os.fsync(handle.fileno())
            fsync_dir(out.parent)
        except OSError as exc:
            raise BatchError(msg("Cannot write {out}: {strerror}.", out=out,
                                 strerror=exc.strerror or exc)) from exc
        options = {"providers": provider_preference(providers), "top_k": int(top_k),
                   "max_values": MAX_VALUES}
        now = _now()
        with self._store.transaction(immediate=True) as conn:
            cur = conn.execute(
                "INSERT INTO batch_jobs (model, version, input_path, input_kind, input_size,"
                " input_sha256, items, output_path, format, summary, options, total,"
                " committed_offset, state, created_at, created_by, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)",
                [target.model, target.version, str(source), kind, size, digest,
                 None if items is None else json.dumps(items), str(out),
                 fmt, summary, json.dumps(options), total, len(header), now, actor.username,
                 now])
            job_id = int(cur.lastrowid)
            self._audit.record(actor, "model", "batch_start", f"batch:{job_id}", "success", {
                "model": target.tag, "input": shown(source), "input_kind": kind,
                "output": shown(out), "format": fmt, "summary": summary, "total": total,
                "providers": options["providers"]})
        return self._job(job_id)

    @staticmethod
    def _format(fmt: str | None, out: Path) -> str:
        if fmt is None:
            suffix = out.suffix.lower().lstrip(".")
            fmt = {"csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl"}.get(suffix)
            if fmt is None:
                raise BatchError(msg("Cannot tell the format from '{name}': name it .csv or "
                                     ".jsonl, or give the format.", name=out.name))
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise BatchError(msg("Unknown format '{fmt}': use csv or jsonl.", fmt=fmt))
        return fmt

    def _plan(self, target: ModelVersion, source: Path) -> tuple[str, str]:
        """(summary kind, input kind): what the rows hold and how inputs are read."""
        model = self._registry._model(target.model)  # noqa: SLF001 - same package
        inputs = preprocess.specs_of(target.inputs)
        outputs = preprocess.specs_of(target.outputs)
        if source.is_dir():
            if not inputs or not preprocess.is_image_input(inputs[0]):
                raise BatchError(msg("{tag} does not take images (its first input is {value}); "
                                     "give a JSONL file of input tensors instead.", tag=target.tag,
                                     value=inputs[0].describe() if inputs else 'missing'))
            if len(inputs) > 1:
                raise BatchError(msg("{tag} needs more than an image ({value}); give a JSONL file "
                                     "of input tensors instead.", tag=target.tag,
                                     value=', '.join(s.describe() for s in inputs)))
            kind = "images"
        elif source.is_file():
            kind = "jsonl"
        else:
            raise BatchError(msg("{source} does not exist: give a folder of images or a JSONL "
                                 "file.", source=source))
        if kind == "images" and preprocess.choose_mode(
                model.task, inputs, outputs, False) == preprocess.DETECTION:
            return "detection", kind
        if model.task in CLASSIFICATION_TASKS or target.labels:
            return "classification", kind
        return "tensors", kind

    # -- running ---------------------------------------------------------------------------

    def run(self, actor: Actor, job_id: int, progress: ProgressFn | None = None,
            cancelled: CancelledFn | None = None) -> BatchJob:
        """Run a new job, or continue an unfinished one from its last commit; returns the job
        as it ended (done, cancelled or failed). Slow: call off the GUI thread."""
        self._guard.require(actor, Permission.RUN_BATCH_JOBS, f"batch:{job_id}")
        job = self._job(job_id)
        if job.state == "done":
            raise BatchError(msg("Batch job {id} is already finished ({ok} ok, {failed} failed).",
                                 id=job.id, ok=job.ok, failed=job.failed))
        if not job.resumable:
            raise BatchError(msg("Batch job {id} is running ({owner}); wait for it or cancel it "
                                 "there.", id=job.id, owner=job.owner))
        resuming = job.done > 0 or job.elapsed_s > 0
        self._claim(job)
        try:
            return self._run_claimed(actor, job, resuming, progress, cancelled)
        finally:
            with self._lock:
                self._active.discard(job.id)

    def _claim(self, job: BatchJob) -> None:
        """Mark the job running for this process; refused if another process took it first."""
        with self._store.transaction(immediate=True) as conn:
            if not self._job(job.id).resumable:
                raise BatchError(msg("Batch job {id} was just taken by another process.",
                                     id=job.id))
            conn.execute("UPDATE batch_jobs SET state = 'running', owner = ?, error = '',"
                         " updated_at = ?, finished_at = NULL WHERE id = ?",
                         [_owner(), _now(), job.id])
            with self._lock:
                self._active.add(job.id)

    def _run_claimed(self, actor: Actor, job: BatchJob, resuming: bool,
                     progress: ProgressFn | None, cancelled: CancelledFn | None) -> BatchJob:
        started = time.monotonic()
        base_elapsed = job.elapsed_s
        row = self._store.conn.execute(
            "SELECT committed_offset, input_offset, input_line, input_size, input_sha256,"
            " items FROM batch_jobs WHERE id = ?", [job.id]).fetchone()
        cursor = _Cursor(job.done, job.ok, job.failed, row[0], row[1], row[2])
        out = Path(job.output_path)
        try:
            handle = self._reopen_output(job, cursor.committed_offset)
        except BatchError as exc:
            self._end(actor, job, cursor, "failed", str(exc), base_elapsed, started)
            raise
        outcome, error = "done", ""
        try:
            with handle:
                if resuming:
                    self._audit.record(actor, "model", "batch_resume", f"batch:{job.id}",
                                       "success", {"model": job.tag, "done": cursor.done,
                                                   "total": job.total})
                with self._load(actor, job, progress, cancelled) as loaded:
                    items = self._items(job, cursor, row[3], row[4], row[5], cancelled)
                    outcome = self._process(job, loaded, items, handle, cursor, progress,
                                            cancelled, base_elapsed, started)
        except KeyboardInterrupt:
            self._end(actor, job, cursor, "cancelled", "interrupted", base_elapsed, started)
            raise
        except EdgeDeckError as exc:
            if cancelled is not None and cancelled():  # e.g. a TensorRT build was cancelled
                outcome = "cancelled"
            else:
                outcome, error = "failed", str(exc)
        except OSError as exc:
            outcome, error = "failed", f"Cannot write {out}: {exc.strerror or exc}."
        except Exception as exc:  # noqa: BLE001 - the job stops resumable; the reason is kept
            outcome, error = "failed", f"{type(exc).__name__}: {exc}"
        job = self._end(actor, job, cursor, outcome, error, base_elapsed, started)
        if outcome == "failed":
            raise BatchFailed(msg("Batch job {id} stopped after {done} of {total} inputs: {error} "
                                  "Resume it when the cause is fixed.", id=job.id, done=job.done,
                                  total=job.total, error=error))
        return job

    def _reopen_output(self, job: BatchJob, committed: int) -> io.BufferedRandom:
        """The output cut back to its last committed byte (a crash may have left a torn or
        uncommitted row after it), positioned for appending."""
        out = Path(job.output_path)
        try:
            handle = _open_output(out, create=False)
        except FileNotFoundError:
            raise BatchError(msg("The results file {out} is gone; batch job {id} cannot continue "
                                 "without it (start a new job).", out=out, id=job.id)) from None
        except OSError as exc:
            raise BatchError(msg("Cannot open {out}: {strerror}.", out=out,
                                 strerror=exc.strerror or exc)) from exc
        try:
            size = os.fstat(handle.fileno()).st_size
            if size < committed:
                raise BatchError(msg("The results file {out} is shorter than batch job {id} wrote "
                                     "it (was it edited or copied?); start a new job.", out=out,
                                     id=job.id))
            if size > committed:
                handle.truncate(committed)
                os.fsync(handle.fileno())
            handle.seek(committed)
        except BaseException:
            handle.close()
            raise
        return handle

    def _load(self, actor: Actor, job: BatchJob, progress: ProgressFn | None,
              cancelled: CancelledFn | None) -> AbstractContextManager[LoadedModel]:
        """The job's engine, held for the whole job (the pool never unloads it meanwhile)."""
        if progress is not None:
            progress(job.done, job.total, msg("Loading {tag}…", tag=job.tag))
        options = self._options(job)
        return self._inference.hold(actor, job.model, job.version, options.get("providers"),
                                    None, cancelled)

    def _options(self, job: BatchJob) -> dict[str, Any]:
        row = self._store.conn.execute("SELECT options FROM batch_jobs WHERE id = ?",
                                       [job.id]).fetchone()
        try:
            value = json.loads(row[0])
        except ValueError:
            value = {}
        return value if isinstance(value, dict) else {}

    def _items(self, job: BatchJob, cursor: _Cursor, size: int | None, digest: str | None,
               items_json: str | None, cancelled: CancelledFn | None) -> Iterator[_Item]:
        if job.input_kind == "images":
            items = json.loads(items_json or "[]")
            return (_Item(i, items[i]) for i in range(cursor.done, len(items)))
        source = Path(job.input_path)
        try:
            if cursor.done:
                now = _sha256(source, cancelled)
            else:  # nothing relies on the old content yet: the size says the total still holds
                now = (source.stat().st_size, digest)
        except OSError as exc:
            raise BatchError(msg("Cannot read {source}: {strerror}.", source=source,
                                 strerror=exc.strerror or exc)) from exc
        if now != (size, digest):
            raise BatchError(msg("{source} changed since batch job {id} started; its rows would "
                                 "no longer match their lines. Start a new job.", source=source,
                                 id=job.id))
        return self._lines(source, cursor)

    @staticmethod
    def _lines(source: Path, cursor: _Cursor) -> Iterator[_Item]:
        try:
            handle = _open_input(source)
        except OSError as exc:
            raise BatchError(msg("Cannot read {source}: {strerror}.", source=source,
                                 strerror=exc.strerror or exc)) from exc
        with handle:
            handle.seek(cursor.input_offset)
            offset, line, index = cursor.input_offset, cursor.input_line, cursor.done
            while True:
                data, consumed, too_long = _read_line(handle)
                if data is None:
                    return
                offset += consumed
                line += 1
                if not too_long and not data.strip():
                    continue  # blank lines are not inputs (but keep their numbers)
                error = (msg("the line is longer than {max_line_bytes} MiB",
                             max_line_bytes=MAX_LINE_BYTES >> 20)
                         if too_long else "")
                yield _Item(index, line, data, error, offset, line)
                index += 1

    def _process(self, job: BatchJob, loaded: LoadedModel, items: Iterator[_Item],
                 handle: io.BufferedRandom, cursor: _Cursor, progress: ProgressFn | None,
                 cancelled: CancelledFn | None, base_elapsed: float, started: float) -> str:
        options = self._options(job)
        top_k = int(options.get("top_k", DEFAULT_TOP_K))
        limit = int(options.get("max_values", MAX_VALUES))
        writer = _RowWriter(job.format, job.columns)
        version = loaded.version
        specs = list(loaded.engine.describe().inputs)
        pending: list[bytes] = []
        staged = _Cursor(**cursor.__dict__)
        last_commit = time.monotonic()
        name = job.columns[1]

        broken = False  # a write failed: the rows staged since the last commit are lost

        def commit() -> None:
            nonlocal last_commit, broken
            if pending:
                data = b"".join(pending)
                try:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                except BaseException:
                    broken = True  # cut back what may have been half written; redone later
                    with contextlib.suppress(OSError):
                        handle.truncate(cursor.committed_offset)
                        handle.seek(cursor.committed_offset)
                    raise
                staged.committed_offset = cursor.committed_offset + len(data)
                pending.clear()
            self._save(job.id, staged, base_elapsed + time.monotonic() - started)
            cursor.__dict__.update(staged.__dict__)
            last_commit = time.monotonic()

        try:
            for item in items:
                if cancelled is not None and cancelled():
                    commit()
                    return "cancelled"
                row = self._one(job, loaded, version, specs, item, top_k, limit)
                row["index"] = item.index + 1
                row[name] = shown(item.key) if isinstance(item.key, str) else item.key
                pending.append(writer.encode(row))
                staged.done = item.index + 1
                if row["status"] == "ok":
                    staged.ok += 1
                else:
                    staged.failed += 1
                if job.input_kind == "jsonl":
                    staged.input_offset, staged.input_line = item.input_offset, item.input_line
                if len(pending) >= COMMIT_ROWS or time.monotonic() - last_commit >= \
                        COMMIT_SECONDS:
                    commit()
                if progress is not None:
                    progress(staged.done, job.total,
                             msg("{done:,} of {total:,} · {failed:,} failed · {key}",
                                 done=staged.done, total=job.total, failed=staged.failed,
                                 key=shown(str(item.key))))
            commit()
        except BaseException:
            # Rows in `pending` are whole: keep them, unless writing them is what failed (then
            # the job stays at its last commit and those inputs are redone on resume).
            if not broken:
                with contextlib.suppress(Exception):
                    commit()
            raise
        return "done"

    def _one(self, job: BatchJob, loaded: LoadedModel, version: ModelVersion, specs: list,
             item: _Item, top_k: int, limit: int) -> dict[str, Any]:
        """One input → one row; any problem with this input fails only this row."""
        original_size: tuple[int, int] | None = None
        try:
            if item.error:
                raise ValidationError(msg("Line {key}: {error}.", key=item.key, error=item.error))
            if job.input_kind == "images":
                path = Path(job.input_path) / str(item.key)
                with open_regular(check_inside(path, job.input_path)) as handle:
                    with contextlib.suppress(AttributeError):  # the name its messages use
                        handle.raw.name = shown(path.name)
                    feeds = preprocess.image_feeds(version, specs[0], handle)
                    if job.summary == "detection":
                        handle.seek(0)
                        original_size = _image_size(handle)
            else:
                try:
                    text = (item.data or b"").decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    raise ValidationError(msg("The line is not UTF-8 text ({reason}).",
                                              reason=exc.reason)) \
                        from None
                feeds = preprocess.json_feeds(specs, text)
        except ValidationError as exc:
            return {"status": "failed", "error": str(exc)}
        except Exception as exc:  # noqa: BLE001 - a strange file must not stop the job
            return {"status": "failed", "error": f"{type(exc).__name__}: {exc}"}
        begun = time.perf_counter()
        try:
            with loaded.lock:
                outputs = loaded.engine.run_named(feeds)
        except Exception as exc:  # noqa: BLE001 - the model refused this input
            return {"status": "failed", "error": f"The model refused the input: {exc}"[:2000],
                    "latency_ms": round((time.perf_counter() - begun) * 1000, 3)}
        latency = round((time.perf_counter() - begun) * 1000, 3)
        row: dict[str, Any] = {"status": "ok", "error": "", "latency_ms": latency}
        try:
            row.update(self._summarise(job, version, outputs, top_k, limit, feeds, specs,
                                       original_size))
        except ValidationError as exc:
            return {"status": "failed", "error": str(exc), "latency_ms": latency}
        return row

    @staticmethod
    def _summarise(job: BatchJob, version: ModelVersion, outputs: Mapping[str, np.ndarray],
                   top_k: int, limit: int, feeds: Mapping[str, np.ndarray], specs: list,
                   original_size: tuple[int, int] | None) -> dict[str, Any]:
        from engines.inputs import top_k as best_of

        if job.summary == "classification":
            scores = preprocess.class_scores(outputs, version.labels)
            if scores is None:
                raise ValidationError("The model gave no class scores for this input (no "
                                      "[1, classes] float output).")
            best = best_of(scores, min(top_k, scores.size), version.labels)
            top = [{"label": label, "score": round(score, 6)} for _, score, label in best]
            return {"label": top[0]["label"], "score": top[0]["score"], "top": top}
        if job.summary == "detection":
            tensor = feeds[specs[0].name]
            nchw = tensor.shape[1] in (1, 3)
            height, width = (tensor.shape[2], tensor.shape[3]) if nchw else \
                (tensor.shape[1], tensor.shape[2])
            found = preprocess.detections(outputs, int(width), int(height), version.labels)
            sx = original_size[0] / width if original_size else 1.0
            sy = original_size[1] / height if original_size else 1.0
            boxes = [{"label": d.label, "score": round(d.score, 6),
                      "box": [round(d.x1 * sx, 1), round(d.y1 * sy, 1), round(d.x2 * sx, 1),
                              round(d.y2 * sy, 1)]} for d in found]
            return {"objects": len(boxes), "detections": boxes}
        return {"outputs": {name: tensor_data(value, limit) for name, value in outputs.items()}}

    def _save(self, job_id: int, cursor: _Cursor, elapsed: float) -> None:
        with self._store.transaction(immediate=True) as conn:
            conn.execute(
                "UPDATE batch_jobs SET done = ?, ok = ?, failed = ?, committed_offset = ?,"
                " input_offset = ?, input_line = ?, elapsed_s = ?, updated_at = ?"
                " WHERE id = ?",
                [cursor.done, cursor.ok, cursor.failed, cursor.committed_offset,
                 cursor.input_offset, cursor.input_line, round(elapsed, 3), _now(), job_id])

    def _end(self, actor: Actor, job: BatchJob, cursor: _Cursor, state: str, error: str,
             base_elapsed: float, started: float) -> BatchJob:
        elapsed = round(base_elapsed + time.monotonic() - started, 3)
        action = {"done": "batch_finish", "cancelled": "batch_cancel"}.get(state, "batch_fail")
        with self._store.transaction(immediate=True) as conn:
            conn.execute(
                "UPDATE batch_jobs SET state = ?, error = ?, owner = '', elapsed_s = ?,"
                " updated_at = ?, finished_at = ? WHERE id = ?",
                [state, error[:2000], elapsed, _now(), _now() if state == "done" else None,
                 job.id])
            self._audit.record(actor, "model", action, f"batch:{job.id}",
                               "failure" if state == "failed" else "success", {
                                   "model": job.tag, "total": job.total, "done": cursor.done,
                                   "ok": cursor.ok, "failed": cursor.failed,
                                   "elapsed_s": elapsed, "output": job.output_path,
                                   **({"error": error[:300]} if error else {})})
        return self._job(job.id)

    # -- internals -------------------------------------------------------------------------

    def _job(self, job_id: int) -> BatchJob:
        row = self._store.conn.execute(f"SELECT {_COLUMNS} FROM batch_jobs WHERE id = ?",
                                       [int(job_id)]).fetchone()
        if row is None:
            raise BatchNotFound(msg("There is no batch job {job_id}.", job_id=job_id))
        return self._job_row(row)

    def _job_row(self, r: tuple) -> BatchJob:
        try:
            options = json.loads(r[8])
        except ValueError:
            options = {}
        state = r[13]
        if state == "running" and self._gone(r[0], r[15], r[19]):
            state = "interrupted"
        return BatchJob(
            id=r[0], model=r[1], version=r[2], input_path=r[3], input_kind=r[4],
            output_path=r[5], format=r[6], summary=r[7],
            providers=list(options.get("providers") or []),
            top_k=int(options.get("top_k", DEFAULT_TOP_K)), total=r[9], done=r[10], ok=r[11],
            failed=r[12], state=state, error=r[14], owner=r[15], elapsed_s=r[16],
            created_at=r[17], created_by=r[18], updated_at=r[19], finished_at=r[20])

    def _gone(self, job_id: int, owner: str, updated_at: str) -> bool:
        """A 'running' job whose process no longer runs it (crashed, killed, power cut)."""
        host, _, pid_text = owner.rpartition(":")
        if host == socket.gethostname() and pid_text.isdigit():
            pid = int(pid_text)
            if pid == os.getpid():
                with self._lock:
                    return job_id not in self._active
            import psutil

            return not psutil.pid_exists(pid)
        try:
            updated = datetime.fromisoformat(updated_at)
        except ValueError:
            return True
        return datetime.now(timezone.utc) - updated > timedelta(seconds=STALE_S)


class _Limited(io.RawIOBase):
    """The first `size` bytes of a file: only committed rows are read back."""

    def __init__(self, handle: Any, size: int) -> None:
        self._handle = handle
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._left <= 0:
            return 0
        data = self._handle.read(min(len(buffer), self._left))
        buffer[:len(data)] = data
        self._left -= len(data)
        return len(data)


def _image_size(path: Any) -> tuple[int, int] | None:  # noqa: ANN401 - a path or open file
    """(width, height) from the file's header, to report boxes in the picture's own pixels."""
    try:
        from PIL import Image

        with Image.open(path) as image:
            return int(image.width), int(image.height)
    except (OSError, ValueError):
        return None


def read_rows(path: str | Path, fmt: str) -> list[dict[str, Any]]:
    """The rows of a results file, for tests and the dialog's summary (JSON columns decoded)."""
    text = Path(path).read_text(encoding="utf-8")
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    rows = []
    for record in csv.DictReader(io.StringIO(text)):
        for key in ("top", "detections", "outputs"):
            if record.get(key):
                record[key] = json.loads(record[key])
        rows.append(record)
    return rows
