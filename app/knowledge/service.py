"""KnowledgeService: ingest documents into collections, list and delete them, search passages.

Every file is written in its own transaction (old chunks out, new chunks in, the run's file row
marked done), so a batch interrupted at any point leaves whole documents only, and `resume`
picks up the files still pending. Files that cannot be read get a reason and never stop the
batch. Each chunk gets a vector from its collection's embedding model in the same transaction
as its text (a broken model leaves the text searchable by words, and `reembed` fills the gaps).
Search fuses BM25 and dense ranks (app/knowledge/retrieval.py); answers quote the best passages
with citations or say there is no reliable answer (app/knowledge/answer.py). Questions are
audited by SHA-256 unless the admin setting `knowledge_audit_full_text` is on, because
questions may carry sensitive plant details; a blocked term refuses the question (audited).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from app.audit.trail import AuditTrail
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.bounded_worker import Cancelled
from app.chosen_files import (
    RefusedFile,
    Walked,
    from_storable,
    open_regular,
    shown,
    storable,
    walk,
)
from app.clock import utc_now
from app.config.settings import Settings
from app.errors import DiskFullError, ValidationError, is_disk_full
from app.files import copy_and_hash, fsync_dir, stream_sha256
from app.knowledge import answer as answering
from app.knowledge.catalog import EmbeddingCatalog, EmbeddingModelInfo
from app.knowledge.chunking import chunk_blocks
from app.knowledge.embedding import (
    BUILTIN_MODEL,
    BatchProgress,
    Embedder,
    EmbeddingSpec,
    load_embedder,
    to_blob,
)
from app.knowledge.extract import (
    MAX_FILE_BYTES,
    Budget,
    ExtractionError,
    bounded_reader,
    extract,
    is_supported,
    kind_of,
)
from app.knowledge.retrieval import (
    MIN_FTS_CHARS,
    MODES,
    Retriever,
    SearchHit,
    SearchResult,
    fts_terms,
    lexical_terms,
)
from app.knowledge.safety import BlockedTerms, clean_term
from app.knowledge.vectors import VectorIndex
from app.messages import msg
from app.models.engines import ModelEngines
from app.store import Store

__all__ = ["Answer", "AnswerPassage", "Collection", "Document", "EmbeddingModelInfo",
           "FileResult", "IngestReport", "KnowledgeService", "ReembedReport", "SearchHit",
           "SearchResult", "SourceView", "fts_terms"]

ProgressFn = Callable[[int, int, str], None]  # (done, total, text), as app/ui/workers.py
CancelledFn = Callable[[], bool]
FileProgressFn = Callable[[str, int, int], None]  # (path, passages embedded, passages)

FULL_TEXT_SETTING = "knowledge_audit_full_text"
MAX_COLLECTION_NAME = 64
MAX_QUESTION_CHARS = 2000
REFUSAL = "This question cannot be answered: it touches a topic blocked by the administrator."
NO_ANSWER = "No reliable answer in the knowledge base."
CANCELLED = "cancelled"
CJK_QUESTION = 0.3  # share of CJK letters above which a question counts as Chinese


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # 'ok', 'skipped' (duplicate / unchanged) or 'failed'
    reason: str = ""
    document_id: int | None = None
    chunks: int = 0
    replaced: bool = False  # an older version of the same source path was replaced


@dataclass
class IngestReport:
    run_id: int
    collection: str
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False
    pending: int = 0  # files left for `resume`

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


@dataclass(frozen=True)
class Collection:
    id: int
    name: str
    description: str
    created_at: str
    created_by: str
    documents: int
    chunks: int
    embedding_model: str = BUILTIN_MODEL
    embedded: int = 0  # chunks with a vector from embedding_model


@dataclass(frozen=True)
class Document:
    id: int
    collection: str
    title: str
    source_path: str
    file_name: str
    stored_file: str | None
    sha256: str
    size_bytes: int
    kind: str
    mime: str
    pages: int | None
    chunk_count: int
    status: str
    error: str | None
    ingested_at: str
    ingested_by: str


@dataclass(frozen=True)
class AnswerPassage:
    number: int  # the [n] marker in Answer.text
    hit: SearchHit
    sentences: list[str]
    quote: str  # the sentences used, question words in [brackets]
    quote_html: str  # escaped, question words in <mark>


@dataclass(frozen=True)
class Answer:
    question: str
    outcome: str  # 'answered', 'no_answer' or 'refused'
    text: str  # sentences quoted from the passages, each passage's ending in [n]
    reason: str  # why there is no answer / the refusal / a retrieval note
    passages: list[AnswerPassage]
    mode: str
    closest: list[SearchHit]  # best passages found, shown as such when there is no answer


@dataclass(frozen=True)
class SourceView:
    document: Document
    chunk_id: int
    page: int | None
    heading: str
    before: str  # the text just before the passage (previous chunk, overlap removed)
    passage: str
    after: str
    file_path: Path | None  # the stored copy of the original file, if it is still there


@dataclass(frozen=True)
class ReembedReport:
    collection: str
    model: str
    chunks: int  # vectors written by this run
    remaining: int  # chunks still without a vector (after a cancel)
    seconds: float
    cancelled: bool


def collect_files(paths: Iterable[str | Path]) -> Walked:
    """Files named directly, plus supported files found recursively in folders, and what was
    refused on the way (links leaving the chosen folder, FIFOs, devices: app/chosen_files.py).

    Folders (e.g. a USB stick) hold other things too: unsupported and hidden files there are
    ignored, while a file named directly is always attempted so its failure is reported.
    """
    return walk(paths, lambda name: is_supported(Path(name)))


class KnowledgeService:
    def __init__(self, store: Store, audit: AuditTrail, guard: Guard, files_dir: Path,
                 full_text_audit: Callable[[], bool] | None = None,
                 max_file_bytes: int = MAX_FILE_BYTES,
                 extract_budget: Budget | None = None,
                 engines: ModelEngines | None = None) -> None:
        self._store = store
        self._audit = audit
        self._guard = guard
        self.files_dir = Path(files_dir)
        self._full_text_audit = full_text_audit or self._full_text_setting
        self.max_file_bytes = max_file_bytes
        self.extract_budget = extract_budget or Budget()
        self._vectors = VectorIndex(store)
        self._retriever = Retriever(store, self._vectors)
        self._embedded_cache: tuple[Any, dict[int, int]] | None = None
        self._catalog = EmbeddingCatalog(store, self.files_dir)
        self._blocked = BlockedTerms(store)
        # Embedding engines come from the process's pool, like every other model's.
        self._engines = engines or ModelEngines(audit, self.files_dir.parent)

    def close(self) -> None:
        """Stop the retrieval worker thread (AppContext.close)."""
        self._retriever.close()

    def _full_text_setting(self) -> bool:
        return bool(Settings(self._store).get(FULL_TEXT_SETTING, False))

    # -- collections -------------------------------------------------------------------------

    def _collection_id(self, name: str) -> int | None:
        row = self._store.conn.execute("SELECT id FROM kb_collections WHERE name = ?",
                                       [name]).fetchone()
        return row[0] if row else None

    def _collection_name(self, collection_id: int) -> str:
        row = self._store.conn.execute("SELECT name FROM kb_collections WHERE id = ?",
                                       [collection_id]).fetchone()
        return row[0] if row else ""

    def _require_collection(self, name: str) -> int:
        found = self._collection_id(name)
        if found is None:
            raise ValidationError(msg("There is no collection '{name}'.", name=name))
        return found

    def create_collection(self, actor: Actor, name: str, description: str = "") -> int:
        """Create a collection (idempotent: an existing one with that name is returned)."""
        self._guard.require(actor, Permission.INGEST_DOCUMENTS, f"collection:{name}")
        cleaned = name.strip()
        if not cleaned or len(cleaned) > MAX_COLLECTION_NAME or not cleaned.isprintable():
            raise ValidationError(msg("A collection name must be 1-{max_collection_name} "
                                      "printable characters.",
                                      max_collection_name=MAX_COLLECTION_NAME))
        existing = self._collection_id(cleaned)
        if existing is not None:
            return existing
        with self._store.transaction(immediate=True) as conn:
            cursor = conn.execute(
                "INSERT INTO kb_collections (name, description, created_at, created_by) "
                "VALUES (?, ?, ?, ?)", [cleaned, description, utc_now(), actor.username])
            self._audit.record(actor, "knowledge", "create_collection",
                               f"collection:{cleaned}", "success", {})
        return int(cursor.lastrowid)

    def list_collections(self, actor: Actor) -> list[Collection]:
        self._guard.require(actor, Permission.ASK_KNOWLEDGE, "knowledge")
        rows = self._store.conn.execute(
            "SELECT c.id, c.name, c.description, c.created_at, c.created_by,"
            " COUNT(d.id), COALESCE(SUM(d.chunk_count), 0), c.embedding_model"
            " FROM kb_collections c LEFT JOIN kb_documents d"
            "  ON d.collection_id = c.id AND d.status = 'ok'"
            " GROUP BY c.id ORDER BY c.name").fetchall()
        embedded = self._embedded_counts({(row[0], row[7]) for row in rows})
        return [Collection(*row, embedded.get(row[0], 0)) for row in rows]

    def _embedded_counts(self, models: set[tuple[int, str]]) -> dict[int, int]:
        """Chunks with a vector of their collection's model, per collection id.

        Counting joins every vector (~100 ms at 100k), so the result is kept until a vector
        changes (the generation counter) or a collection switches models.
        """
        key = (self._vectors.generation(), frozenset(models))
        if self._embedded_cache is not None and self._embedded_cache[0] == key:
            return self._embedded_cache[1]
        counts: dict[int, int] = {}
        for collection_id, model in models:
            counts[collection_id] = self._store.conn.execute(
                "SELECT COUNT(*) FROM kb_embeddings e JOIN kb_chunks k ON k.id = e.chunk_id"
                " JOIN kb_documents d ON d.id = k.document_id WHERE e.model = ? AND"
                " d.collection_id = ? AND d.status = 'ok'", [model, collection_id]).fetchone()[0]
        self._embedded_cache = (key, counts)
        return counts

    def delete_collection(self, actor: Actor, name: str) -> None:
        """Remove a collection with its documents, passages, vectors and stored copies."""
        self._guard.require(actor, Permission.DELETE_DATA, f"collection:{name}")
        collection_id = self._require_collection(name)
        stored = [row[0] for row in self._store.conn.execute(
            "SELECT DISTINCT stored_file FROM kb_documents WHERE collection_id = ? AND"
            " stored_file IS NOT NULL", [collection_id])]
        with self._store.transaction(immediate=True) as conn:
            documents, chunks = conn.execute(
                "SELECT COUNT(*), COALESCE(SUM(chunk_count), 0) FROM kb_documents"
                " WHERE collection_id = ?", [collection_id]).fetchone()
            conn.execute("DELETE FROM kb_documents WHERE collection_id = ?", [collection_id])
            conn.execute("DELETE FROM kb_collections WHERE id = ?", [collection_id])
            self._audit.record(actor, "knowledge", "delete_collection", f"collection:{name}",
                               "success", {"documents": documents, "chunks": chunks})
        for item in stored:
            self._drop_stored_file(item)

    # -- documents ---------------------------------------------------------------------------

    _DOC_COLUMNS = ("d.id, c.name, d.title, d.source_path, d.file_name, d.stored_file, d.sha256,"
                    " d.size_bytes, d.kind, d.mime, d.pages, d.chunk_count, d.status, d.error,"
                    " d.ingested_at, d.ingested_by")

    def list_documents(self, actor: Actor, collection: str | None = None) -> list[Document]:
        self._guard.require(actor, Permission.ASK_KNOWLEDGE, "knowledge")
        sql = (f"SELECT {self._DOC_COLUMNS} FROM kb_documents d"
               " JOIN kb_collections c ON c.id = d.collection_id")
        args: list[Any] = []
        if collection is not None:
            sql += " WHERE c.name = ?"
            args.append(collection)
        rows = self._store.conn.execute(sql + " ORDER BY c.name, d.title, d.id", args)
        return [Document(*row) for row in rows]

    def get_document(self, actor: Actor, document_id: int) -> Document:
        self._guard.require(actor, Permission.ASK_KNOWLEDGE, f"document:{document_id}")
        return self._document(document_id)

    def _document(self, document_id: int) -> Document:
        row = self._store.conn.execute(
            f"SELECT {self._DOC_COLUMNS} FROM kb_documents d"
            " JOIN kb_collections c ON c.id = d.collection_id WHERE d.id = ?",
            [document_id]).fetchone()
        if row is None:
            raise ValidationError(msg("There is no document #{document_id}.",
                                      document_id=document_id))
        return Document(*row)

    def delete_document(self, actor: Actor, document_id: int) -> None:
        """Remove a document, its passages (and their index entries) and its stored copy."""
        self._guard.require(actor, Permission.DELETE_DATA, f"document:{document_id}")
        doc = self._document(document_id)
        with self._store.transaction(immediate=True) as conn:
            conn.execute("DELETE FROM kb_documents WHERE id = ?", [document_id])
            self._audit.record(actor, "knowledge", "delete_document", f"document:{document_id}",
                               "success", {"title": doc.title, "collection": doc.collection,
                                           "sha256": doc.sha256, "chunks": doc.chunk_count})
        self._drop_stored_file(doc.stored_file)

    def _drop_stored_file(self, stored: str | None) -> None:
        """Delete a stored copy once no document refers to it (copies are shared by hash)."""
        if not stored:
            return
        used = self._store.conn.execute("SELECT 1 FROM kb_documents WHERE stored_file = ? "
                                        "LIMIT 1", [stored]).fetchone()
        if used is None:
            (self.files_dir / stored).unlink(missing_ok=True)

    # -- ingest ------------------------------------------------------------------------------

    def ingest(self, actor: Actor, paths: Sequence[str | Path], collection: str,
               progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
               file_progress: FileProgressFn | None = None) -> IngestReport:
        """Ingest files and folders (recursively) into `collection`, creating it if needed.

        What the walk refused (a link out of the chosen folder, a FIFO, ...) is the run's
        first results, each failed with its reason. A full disk stops the run with
        DiskFullError; what was committed stays and `resume` goes on once there is space."""
        self._guard.require(actor, Permission.INGEST_DOCUMENTS, f"collection:{collection}")
        walked = collect_files(paths)
        if not walked.files and not walked.refused:
            raise ValidationError("No supported files found (PDF, DOCX, Markdown, text, HTML).")
        with self._disk_full_stops(None, "starting the ingest"):
            collection_id = self.create_collection(actor, collection)
            with self._store.transaction(immediate=True) as conn:
                run_id = int(conn.execute(
                    "INSERT INTO kb_ingest_runs (collection_id, status, started_at, started_by)"
                    " VALUES (?, 'running', ?, ?)",
                    [collection_id, utc_now(), actor.username]).lastrowid)
                refused = []
                for ordinal, item in enumerate(walked.refused):
                    conn.execute("INSERT INTO kb_ingest_files (run_id, ordinal, path, status, "
                                 "reason) VALUES (?, ?, ?, 'failed', ?)",
                                 [run_id, ordinal, storable(item.path), item.reason])
                    self._record_failure(actor, collection_id, item.path, "", 0, item.reason)
                    refused.append(FileResult(item.shown, "failed", item.reason))
                first = len(walked.refused)
                conn.executemany(
                    "INSERT INTO kb_ingest_files (run_id, ordinal, path) VALUES (?, ?, ?)",
                    [(run_id, first + i, storable(p)) for i, p in enumerate(walked.files)])
        return self._run(actor, run_id, "ingest", progress, cancelled, file_progress, refused)

    def resume(self, actor: Actor, run_id: int, progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None,
               file_progress: FileProgressFn | None = None) -> IngestReport:
        """Continue a cancelled or interrupted ingest with the files it had not done."""
        self._guard.require(actor, Permission.INGEST_DOCUMENTS, f"ingest_run:{run_id}")
        row = self._store.conn.execute("SELECT status FROM kb_ingest_runs WHERE id = ?",
                                       [run_id]).fetchone()
        if row is None:
            raise ValidationError(msg("There is no ingest run #{run_id}.", run_id=run_id))
        if row[0] == "done":
            raise ValidationError(msg("Ingest run #{run_id} is already complete.", run_id=run_id))
        with self._disk_full_stops(run_id, "resuming the ingest"), \
                self._store.transaction(immediate=True) as conn:
            conn.execute("UPDATE kb_ingest_runs SET status = 'running' WHERE id = ?", [run_id])
        return self._run(actor, run_id, "resume", progress, cancelled, file_progress)

    def unfinished_runs(self, actor: Actor) -> list[dict[str, Any]]:
        """Runs that stopped early (cancelled, or still 'running' after a crash)."""
        self._guard.require(actor, Permission.INGEST_DOCUMENTS, "knowledge")
        rows = self._store.conn.execute(
            "SELECT r.id, c.name, r.status, r.started_at, r.started_by,"
            " SUM(f.status = 'pending'), COUNT(f.ordinal)"
            " FROM kb_ingest_runs r JOIN kb_collections c ON c.id = r.collection_id"
            " JOIN kb_ingest_files f ON f.run_id = r.id"
            " WHERE r.status != 'done' GROUP BY r.id ORDER BY r.id").fetchall()
        keys = ("run_id", "collection", "status", "started_at", "started_by", "pending",
                "files")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def _run(self, actor: Actor, run_id: int, action: str, progress: ProgressFn | None,
             cancelled: CancelledFn | None, file_progress: FileProgressFn | None = None,
             refused: Sequence[FileResult] = ()) -> IngestReport:
        conn = self._store.conn
        collection_id, collection, model = conn.execute(
            "SELECT c.id, c.name, c.embedding_model FROM kb_ingest_runs r JOIN kb_collections c"
            " ON c.id = r.collection_id WHERE r.id = ?", [run_id]).fetchone()
        todo = conn.execute("SELECT ordinal, path FROM kb_ingest_files WHERE run_id = ? AND "
                            "status = 'pending' ORDER BY ordinal", [run_id]).fetchall()
        report = IngestReport(run_id, collection, list(refused))
        total = len(todo)
        with self._disk_full_stops(run_id, "ingesting"), \
                bounded_reader(self.extract_budget) as reader:
            for done, (ordinal, stored_path) in enumerate(todo):
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    break
                path = from_storable(stored_path)
                if progress is not None:
                    progress(done, total, f"{shown(path.name)} ({done + 1}/{total})")
                with self._disk_full_stops(run_id, f"ingesting {shown(path.name)}"):
                    result = self._ingest_file(actor, run_id, ordinal, path, collection_id,
                                               model, cancelled, file_progress, reader)
                if result is None:  # cancelled while extracting: the file stays pending
                    report.cancelled = True
                    break
                report.results.append(result)
            report.pending = conn.execute("SELECT COUNT(*) FROM kb_ingest_files WHERE run_id = ?"
                                          " AND status = 'pending'", [run_id]).fetchone()[0]
            status = "cancelled" if report.pending else "done"
            if progress is not None and not report.cancelled:
                progress(total, total, "done")
            failed = [{"path": r.path, "reason": r.reason} for r in report.results
                      if r.status == "failed"]
            with self._store.transaction(immediate=True) as tx:
                tx.execute("UPDATE kb_ingest_runs SET status = ?, finished_at = ? WHERE id = ?",
                           [status, utc_now(), run_id])
                self._audit.record(
                    actor, "knowledge", action, f"collection:{collection}",
                    "success" if not failed else "failure",
                    {"run_id": run_id, "ok": report.count("ok"),
                     "skipped": report.count("skipped"), "failed": len(failed),
                     "failures": failed[:20], "cancelled": report.cancelled,
                     "pending": report.pending})
        return report

    @contextmanager
    def _disk_full_stops(self, run_id: int | None, what: str) -> Iterator[None]:
        """A full disk (SQLITE_FULL, ENOSPC) anywhere below becomes one DiskFullError saying
        what was being done; the run is marked stopped (if that can still be written) so it is
        listed for `resume`. What was committed before stays."""
        try:
            yield
        except DiskFullError as exc:
            if getattr(exc, "run_id", None) is not None:
                raise  # already said, by an inner block
            raise self._disk_full(exc.path, exc.need_bytes, run_id, what) from exc
        except Exception as exc:
            if not is_disk_full(exc):
                raise
            where = self.files_dir if isinstance(exc, OSError) else self._store.path
            raise self._disk_full(where, None, run_id, what) from exc

    def _disk_full(self, where: Path | str, need: int | None, run_id: int | None,
                   what: str) -> DiskFullError:
        if run_id is not None:
            with contextlib.suppress(Exception):
                with self._store.transaction(immediate=True) as tx:
                    tx.execute("UPDATE kb_ingest_runs SET status = 'cancelled' WHERE id = ?",
                               [run_id])
        error = DiskFullError(where, need, what)
        error.run_id = run_id  # type: ignore[attr-defined] - for the CLI's resume hint
        return error

    def _finish_file(self, run_id: int, ordinal: int, result: FileResult) -> FileResult:
        with self._store.transaction(immediate=True) as conn:
            conn.execute("UPDATE kb_ingest_files SET status = ?, reason = ?, document_id = ? "
                         "WHERE run_id = ? AND ordinal = ?",
                         [result.status, result.reason, result.document_id, run_id, ordinal])
        return result

    def _ingest_file(self, actor: Actor, run_id: int, ordinal: int, path: Path,
                     collection_id: int, model: str, cancelled: CancelledFn | None,
                     file_progress: FileProgressFn | None,
                     reader: Any = None) -> FileResult | None:  # noqa: ANN401 - BoundedWorker
        """One file: opened safely (app/chosen_files), hashed, copied into the data folder,
        and extracted from that copy (nothing can swap it meanwhile) within the budget."""
        conn = self._store.conn
        source = shown(path)

        def fail(reason: str, sha: str = "", size: int = 0) -> FileResult:
            self._record_failure(actor, collection_id, path, sha, size, reason)
            return self._finish_file(run_id, ordinal, FileResult(source, "failed", reason))

        try:
            kind_of(path)
            handle = open_regular(path)
        except (RefusedFile, ExtractionError) as exc:
            return fail(str(exc))
        with handle:
            try:
                size = os.fstat(handle.fileno()).st_size
                if size > self.max_file_bytes:
                    return fail(msg("The file is too large ({size:.0f} MB); the limit is "
                                    "{max_file_bytes:.0f} MB per file.", size=size / 1048576,
                                    max_file_bytes=self.max_file_bytes / 1048576), "", size)
                size, sha = stream_sha256(handle)
            except OSError as exc:
                return fail(msg("Cannot read the file: {strerror}.", strerror=exc.strerror))
            same = conn.execute(
                "SELECT id, file_name, source_path FROM kb_documents WHERE collection_id = ? AND"
                " sha256 = ? AND status = 'ok' ORDER BY id LIMIT 1",
                [collection_id, sha]).fetchone()
            if same is not None:
                reason = ("Unchanged since it was last ingested." if same[2] == source else
                          msg("Duplicate of '{same}' (same content) in this collection.",
                              same=same[1]))
                return self._finish_file(run_id, ordinal,
                                         FileResult(source, "skipped", reason, same[0]))
            if file_progress is not None:
                file_progress(source, 0, 0)  # reading: length unknown yet
            kept = self._keep_copy(handle, sha, path, size)
        if isinstance(kept, FileResult):
            return fail(kept.reason, sha, size)
        stored, fresh = kept
        finished = False
        try:
            try:
                extracted = extract(path, self.max_file_bytes, reader=reader,
                                    cancelled=cancelled, read_from=self.files_dir / stored)
            except Cancelled:
                return None
            except ValidationError as exc:
                return fail(str(exc), sha, size)
            except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the batch
                return fail(msg("Unexpected error while reading the file ({__name__}: {exc}).",
                                __name__=type(exc).__name__, exc=exc), sha, size)
            chunks = chunk_blocks(extracted.blocks)
            if cancelled is not None and cancelled():
                return None
            on_batch = None
            if file_progress is not None:
                def on_batch(done: int, total: int) -> None:
                    file_progress(source, done, total)
                file_progress(source, 0, len(chunks))
            vectors, embed_error = self._embed_texts(model, [c.text for c in chunks], on_batch,
                                                     cancelled)
            if embed_error == CANCELLED:
                return None
            result, old = self._commit_document(actor, run_id, ordinal, path, collection_id,
                                                model, extracted, chunks, vectors, embed_error,
                                                stored, sha, size)
            finished = True
        finally:
            if fresh and not finished:
                self._drop_stored_file(stored)  # failed, cancelled or the disk is full
        if old is not None and old[1] != stored:
            self._drop_stored_file(old[1])
        return result

    def _commit_document(self, actor: Actor, run_id: int, ordinal: int, path: Path,
                         collection_id: int, model: str, extracted: Any,  # noqa: ANN401
                         chunks: list, vectors: np.ndarray | None, embed_error: str,
                         stored: str, sha: str, size: int) -> tuple[FileResult, Any]:
        """The document, its passages and vectors, and the file's result: one transaction."""
        source = shown(path)
        old = self._store.conn.execute("SELECT id, stored_file, status FROM kb_documents WHERE "
                                       "collection_id = ? AND source_path = ?",
                                       [collection_id, source]).fetchone()
        with self._store.transaction(immediate=True) as tx:
            if old is not None:
                tx.execute("DELETE FROM kb_documents WHERE id = ?", [old[0]])
            doc_id = int(tx.execute(
                "INSERT INTO kb_documents (collection_id, title, source_path, file_name,"
                " stored_file, sha256, size_bytes, kind, mime, pages, chunk_count, status,"
                " error, ingested_at, ingested_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', NULL, ?, ?)",
                [collection_id, extracted.title[:500], source, shown(path.name), stored, sha,
                 size, extracted.kind, extracted.mime, extracted.pages, len(chunks), utc_now(),
                 actor.username]).lastrowid)
            tx.executemany(
                "INSERT INTO kb_chunks (document_id, ordinal, page, heading, text, char_start,"
                " char_end) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(doc_id, c.ordinal, c.page, c.heading, c.text, c.char_start, c.char_end)
                 for c in chunks])
            if vectors is not None and chunks:
                ids = [row[0] for row in tx.execute(
                    "SELECT id FROM kb_chunks WHERE document_id = ? ORDER BY ordinal", [doc_id])]
                tx.executemany(
                    "INSERT INTO kb_embeddings (model, chunk_id, vector) VALUES (?, ?, ?)",
                    [(model, chunk_id, to_blob(v)) for chunk_id, v in zip(ids, vectors,
                                                                          strict=True)])
            note = (msg("Searchable by words only until re-embedded: {embed_error}",
                        embed_error=embed_error)
                    if embed_error else "")
            result = self._finish_file(run_id, ordinal, FileResult(
                source, "ok", note, doc_id, len(chunks), old is not None and old[2] == "ok"))
        return result, old

    def _record_failure(self, actor: Actor, collection_id: int, path: Path, sha: str,
                        size: int, reason: str) -> None:
        """Show the failure on the documents list, without hiding a good older version."""
        source = shown(path)
        with self._store.transaction(immediate=True) as conn:
            old = conn.execute("SELECT id, status FROM kb_documents WHERE collection_id = ? "
                               "AND source_path = ?", [collection_id, source]).fetchone()
            if old is not None and old[1] == "ok":
                return
            if old is not None:
                conn.execute("DELETE FROM kb_documents WHERE id = ?", [old[0]])
            kind = shown(path.suffix.lower().lstrip(".")) or "unknown"
            conn.execute(
                "INSERT INTO kb_documents (collection_id, title, source_path, file_name,"
                " sha256, size_bytes, kind, status, error, ingested_at, ingested_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'failed', ?, ?, ?)",
                [collection_id, shown(path.stem), source, shown(path.name), sha, size, kind,
                 reason, utc_now(), actor.username])

    def _keep_copy(self, handle: Any, sha: str, path: Path,  # noqa: ANN401 - a binary file
                   size: int) -> tuple[str, bool] | FileResult:
        """(stored name, newly written) of the copy kept by content hash, for the source viewer
        after the USB stick left and for extraction; a FileResult carries the reason when the
        copy cannot be made (a full disk raises DiskFullError instead)."""
        relative = f"{sha[:2]}/{sha}{path.suffix.lower()}"
        target = self.files_dir / relative
        if target.is_file():
            return relative, False
        tmp = target.with_name(f".{uuid.uuid4().hex}.part")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle.seek(0)
            written, digest = copy_and_hash(handle, tmp)
            if digest != sha:
                return FileResult(shown(path), "failed", "The file changed while it was being "
                                  "read; ingest it again.")
            os.replace(tmp, target)
            fsync_dir(target.parent)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFullError(self.files_dir, max(size, 1 << 20),
                                    f"ingesting {shown(path.name)}") from exc
            return FileResult(shown(path), "failed", f"Cannot copy the file into the data "
                              f"folder: {exc.strerror or exc}.")
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        return relative, True

    # -- embeddings --------------------------------------------------------------------------

    def _spec(self, model: str) -> EmbeddingSpec:
        return self._catalog.spec(model)

    def _embedder(self, model: str) -> Embedder:
        return load_embedder(self._spec(model), self._engines)

    def _embed_texts(self, model: str, texts: list[str], on_batch: BatchProgress | None,
                     cancelled: CancelledFn | None) -> tuple[np.ndarray | None, str]:
        """(vectors, '') or (None, why) — a broken model never loses the passages themselves."""
        if not texts:
            return np.zeros((0, 1), np.float32), ""
        try:
            vectors = self._embedder(model).embed(texts, "passage", on_batch, cancelled)
        except ValidationError as exc:
            return None, str(exc)
        except Exception as exc:  # noqa: BLE001 - onnxruntime errors are untyped
            return None, f"embedding model '{model}' failed: {exc}"
        if vectors is None:
            return None, CANCELLED
        return vectors, ""

    def embedding_models(self, actor: Actor) -> list[EmbeddingModelInfo]:
        self._guard.require(actor, Permission.ASK_KNOWLEDGE, "knowledge")
        return self._catalog.models()

    def import_embedding_model(self, actor: Actor, folder: str | Path,
                               name: str | None = None) -> EmbeddingModelInfo:
        """Copy a sentence-embedding model folder (ONNX + tokenizer.json) after a trial run."""
        source = Path(os.path.abspath(Path(folder).expanduser()))  # links: chosen_files
        label = (name or source.name).strip()
        self._guard.require(actor, Permission.MANAGE_KNOWLEDGE, f"embedding_model:{label}")
        label = self._catalog.check_name(label)
        with self._store.transaction(immediate=True):
            added = self._catalog.add(source, label, actor.username)
            self._audit.record(actor, "knowledge", "import_embedding_model",
                               f"embedding_model:{label}", "success",
                               {"source": shown(source), "dimensions": added.info.dimensions,
                                "sha256": added.sha256, "pooling": added.pooling})
        return added.info

    def reembed(self, actor: Actor, collection: str, model: str,
                progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None) -> ReembedReport:
        """Give every chunk of `collection` a vector from `model`, then switch to it.

        Vectors are written in batches, each in its own transaction, so a cancelled or
        interrupted run keeps its work and the next run continues; the collection keeps
        searching with its old model until the new one covers every chunk.
        """
        self._guard.require(actor, Permission.MANAGE_KNOWLEDGE, f"collection:{collection}")
        collection_id = self._require_collection(collection)
        spec = self._spec(model)
        embedder = load_embedder(spec, self._engines)
        started = time.monotonic()
        todo = self._store.conn.execute(
            "SELECT k.id, k.text FROM kb_chunks k JOIN kb_documents d ON d.id = k.document_id"
            " WHERE d.collection_id = ? AND d.status = 'ok' AND NOT EXISTS (SELECT 1 FROM"
            " kb_embeddings e WHERE e.model = ? AND e.chunk_id = k.id) ORDER BY k.id",
            [collection_id, spec.name]).fetchall()
        total, done, was_cancelled = len(todo), 0, False
        step = 256
        for start in range(0, total, step):
            if cancelled is not None and cancelled():
                was_cancelled = True
                break
            if progress is not None:
                progress(done, total, msg("{done}/{total} passages", done=done, total=total))
            batch = todo[start:start + step]
            vectors = embedder.embed([text for _, text in batch], "passage", None, cancelled)
            if vectors is None:
                was_cancelled = True
                break
            with self._store.transaction(immediate=True) as conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO kb_embeddings (model, chunk_id, vector) "
                    "VALUES (?, ?, ?)",
                    [(spec.name, chunk, to_blob(v)) for (chunk, _), v in zip(batch, vectors,
                                                                            strict=True)])
            done += len(batch)
        with self._store.transaction(immediate=True) as conn:
            if not was_cancelled:
                conn.execute("UPDATE kb_collections SET embedding_model = ? WHERE id = ?",
                             [spec.name, collection_id])
            self._audit.record(actor, "knowledge", "reembed", f"collection:{collection}",
                               "success", {"model": spec.name, "chunks": done,
                                           "remaining": total - done,
                                           "cancelled": was_cancelled})
        if progress is not None and not was_cancelled:
            progress(total, total, "done")
        return ReembedReport(collection, spec.name, done, total - done,
                             round(time.monotonic() - started, 3), was_cancelled)

    # -- blocked terms -----------------------------------------------------------------------

    def blocked_terms(self, actor: Actor) -> list[str]:
        self._guard.require(actor, Permission.MANAGE_KNOWLEDGE, "blocked_terms")
        return self._blocked.list()

    def _blocked_terms(self) -> list[str]:
        return self._blocked.list()

    def blocked_term_count(self) -> int:
        """How many terms are blocked (diagnostics bundles say so; the terms stay private)."""
        return len(self._blocked.list())

    def add_blocked_term(self, actor: Actor, term: str) -> None:
        self._guard.require(actor, Permission.MANAGE_KNOWLEDGE, "blocked_terms")
        cleaned = clean_term(term)
        with self._store.transaction(immediate=True):
            self._blocked.add(cleaned, actor.username)
            self._audit.record(actor, "knowledge", "add_blocked_term", "blocked_terms",
                               "success", {"term": cleaned})

    def remove_blocked_term(self, actor: Actor, term: str) -> None:
        self._guard.require(actor, Permission.MANAGE_KNOWLEDGE, "blocked_terms")
        cleaned = " ".join(term.split())
        with self._store.transaction(immediate=True):
            if not self._blocked.remove(cleaned):
                raise ValidationError(msg("'{cleaned}' is not a blocked term.", cleaned=cleaned))
            self._audit.record(actor, "knowledge", "remove_blocked_term", "blocked_terms",
                               "success", {"term": cleaned})

    def _blocked_in(self, text: str) -> str | None:
        return self._blocked.find(text)

    # -- search and answers ------------------------------------------------------------------

    def _scope(self, collection: str | None) -> tuple[set[int], dict[str, set[int]]]:
        """Collection ids in scope, and the same ids grouped by their embedding model."""
        if collection is not None:
            cid = self._require_collection(collection)
            rows = self._store.conn.execute(
                "SELECT id, embedding_model FROM kb_collections WHERE id = ?", [cid]).fetchall()
        else:
            rows = self._store.conn.execute(
                "SELECT id, embedding_model FROM kb_collections").fetchall()
        groups: dict[str, set[int]] = {}
        for cid, model in rows:
            groups.setdefault(model, set()).add(cid)
        return {row[0] for row in rows}, groups

    def _embedders(self, groups: dict[str, set[int]]) -> tuple[dict[str, Any], str]:
        loaded: dict[str, Any] = {}
        problems = []
        for model, ids in groups.items():
            try:
                loaded[model] = (self._embedder(model), ids)
            except ValidationError as exc:
                problems.append(str(exc))
        note = ("Dense search unavailable (" + "; ".join(problems) + "): word matches only."
                if problems else "")
        return loaded, note

    def _audit_question(self, actor: Actor, action: str, text: str, collection: str | None,
                        outcome: str, details: dict[str, Any]) -> None:
        details = {"query_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                   "collection": collection, **details}
        if self._full_text_audit():
            details["query"] = text
        self._audit.record(actor, "knowledge", action, f"collection:{collection or '*'}",
                           outcome, details)

    def _question(self, query: str) -> str:
        text = " ".join(query.split())
        if not text:
            raise ValidationError("Type a question or some words to search for.")
        if len(text) > MAX_QUESTION_CHARS:
            raise ValidationError(msg("The question is too long ({text} characters); keep it "
                                      "under {max_question_chars}.", text=len(text),
                                      max_question_chars=MAX_QUESTION_CHARS))
        return text

    def search(self, actor: Actor, query: str, collection: str | None = None,
               limit: int = 10, mode: str = "hybrid") -> SearchResult:
        """Best passages for `query` with highlighted snippets and citations."""
        self._guard.require(actor, Permission.ASK_KNOWLEDGE, f"collection:{collection or '*'}")
        text = self._question(query)
        if mode not in MODES:
            raise ValidationError(msg("Unknown search mode '{mode}': use {modes}.", mode=mode,
                                      modes=', '.join(MODES)))
        limit = max(1, min(int(limit), 100))
        blocked = self._blocked_in(text)
        if blocked is not None:
            self._audit_question(actor, "search", text, collection, "denied",
                                 {"blocked_term": blocked})
            return SearchResult(text, [], "refused", REFUSAL)
        collection_ids, groups = self._scope(collection)
        hits, used, note = self._retrieve(text, collection_ids, groups, limit, mode)
        hits = self._without_blocked(hits)
        self._audit_question(actor, "search", text, collection, "success",
                             {"hits": len(hits), "mode": used})
        return SearchResult(text, hits, used, note)

    def _retrieve(self, text: str, collection_ids: set[int], groups: dict[str, set[int]],
                  limit: int, mode: str) -> tuple[list[SearchHit], str, str]:
        if not collection_ids:
            return [], mode, ""
        lexical = bool(lexical_terms(text)[1])
        if mode != "bm25" and not lexical and len(text) < MIN_FTS_CHARS:
            mode = "bm25"  # nothing to embed meaningfully either
        if mode == "hybrid" and answering.cjk_share(text) > CJK_QUESTION:
            # An English-only model ranks Chinese passages close to random: fusing its list
            # lowered Chinese MRR@10 from 0.80 to 0.57 on the evaluation set (BENCHMARKS.md).
            groups = {m: ids for m, ids in groups.items() if m.lower() != BUILTIN_MODEL.lower()}
        if mode == "bm25" or (mode == "hybrid" and not groups):
            if not lexical:
                note = (msg("Words shorter than {min_fts_chars} characters cannot use the search "
                            "index: plain substring match, results are not ranked.",
                            min_fts_chars=MIN_FTS_CHARS))
                return self._retriever.substring(text, collection_ids, limit), "substring", note
            return self._retriever.bm25(text, collection_ids, limit), "bm25", ""
        embedders, note = self._embedders(groups)
        if mode == "dense":
            return self._retriever.dense(text, embedders, limit), "dense", note
        if not lexical:
            return self._retriever.dense(text, embedders, limit), "dense", note
        return self._retriever.hybrid(text, collection_ids, embedders, limit), "hybrid", note

    def _without_blocked(self, hits: list[SearchHit]) -> list[SearchHit]:
        if not hits or not self._blocked_terms():
            return hits
        texts = self._retriever.texts([h.chunk_id for h in hits])
        return [h for h in hits if self._blocked_in(texts.get(h.chunk_id, "")) is None]

    def ask(self, actor: Actor, question: str, collection: str | None = None,
            mode: str = "hybrid") -> Answer:
        """An extractive answer quoting the best passages, each marked with its citation.

        When no passage clearly covers the question the outcome is 'no_answer' (the closest
        passages are still returned, labelled as such); a question or an answer containing a
        blocked term is refused. Audited like a search (question hash, not its text).
        """
        self._guard.require(actor, Permission.ASK_KNOWLEDGE, f"collection:{collection or '*'}")
        text = self._question(question)
        if mode not in MODES:
            raise ValidationError(msg("Unknown search mode '{mode}': use {modes}.", mode=mode,
                                      modes=', '.join(MODES)))
        blocked = self._blocked_in(text)
        if blocked is not None:
            self._audit_question(actor, "ask", text, collection, "denied",
                                 {"blocked_term": blocked, "where": "question"})
            return Answer(text, "refused", "", REFUSAL, [], mode, [])
        collection_ids, groups = self._scope(collection)
        hits, used, note = self._retrieve(text, collection_ids, groups, 10, mode)
        terms = answering.question_terms(text)
        parsed = answering.parse_question(text)
        weights = self._retriever.word_weights(parsed.latin)
        texts = self._retriever.texts([h.chunk_id for h in hits])
        # The built-in MiniLM is English-only: its cosine between Chinese texts is high for
        # unrelated passages, so for a Chinese question only the words decide.
        english_only = {self._collection_name(cid) for cid in groups.get(BUILTIN_MODEL, ())}
        cjk_question = answering.cjk_share(text) > CJK_QUESTION
        passages: list[AnswerPassage] = []
        withheld = 0
        for hit in hits:
            body = texts.get(hit.chunk_id, "")
            # the heading counts: a passage under "Daily care" is about care even when its
            # sentences do not say so
            context = f"{hit.heading}\n\n{body}" if hit.heading else body
            cosine = None if cjk_question and hit.collection in english_only else hit.cosine
            if not answering.is_reliable(answering.weighted_coverage(parsed, context, weights),
                                         cosine):
                continue
            if self._blocked_in(context) is not None:
                withheld += 1
                continue
            quote = answering.best_sentences(terms, body)
            marked = answering.highlight(" ".join(quote), terms)
            passages.append(AnswerPassage(len(passages) + 1, hit, quote,
                                          answering.to_plain(marked), answering.to_html(marked)))
            if len(passages) == answering.MAX_PASSAGES:
                break
        if passages:
            outcome, reason = "answered", note
            answer = answering.compose([answering.Quote(p.number, p.sentences)
                                        for p in passages])
        elif withheld:
            outcome, reason, answer = "refused", REFUSAL, ""
        else:
            outcome, answer = "no_answer", ""
            reason = NO_ANSWER + (f" {note}" if note else "")
        closest = [] if outcome == "refused" else self._without_blocked(hits[:5])
        self._audit_question(actor, "ask", text, collection,
                             "denied" if outcome == "refused" else "success",
                             {"outcome": outcome, "mode": used, "passages": len(passages),
                              "citations": [[p.hit.document_id, p.hit.page] for p in passages],
                              **({"withheld": withheld} if withheld else {})})
        return Answer(text, outcome, answer, reason, passages, used, closest)

    def passage_context(self, actor: Actor, chunk_id: int) -> SourceView:
        """The cited passage with the text around it, for the source viewer."""
        self._guard.require(actor, Permission.ASK_KNOWLEDGE, f"chunk:{chunk_id}")
        row = self._store.conn.execute(
            "SELECT document_id, ordinal, page, heading, text, char_start, char_end"
            " FROM kb_chunks WHERE id = ?", [chunk_id]).fetchone()
        if row is None:
            raise ValidationError("That passage no longer exists (its document was deleted or "
                                  "re-ingested); search again.")
        doc_id, ordinal, page, heading, passage, start, end = row
        neighbours = {r[0]: r[1:] for r in self._store.conn.execute(
            "SELECT ordinal, text, char_start, char_end FROM kb_chunks WHERE document_id = ?"
            " AND ordinal IN (?, ?)", [doc_id, ordinal - 1, ordinal + 1])}
        before = after = ""
        if ordinal - 1 in neighbours:
            text, p_start, _ = neighbours[ordinal - 1]
            before = text[:max(0, start - p_start)] if start > p_start else text
        if ordinal + 1 in neighbours:
            text, n_start, _ = neighbours[ordinal + 1]
            after = text[max(0, end - n_start):] if end > n_start else text
        document = self._document(doc_id)
        stored = self.files_dir / document.stored_file if document.stored_file else None
        return SourceView(document, chunk_id, page, heading, before, passage, after,
                          stored if stored is not None and stored.is_file() else None)
