"""KnowledgeService: ingest documents into collections, list and delete them, search passages.

Every file is written in its own transaction (old chunks out, new chunks in, the run's file row
marked done), so a batch interrupted at any point leaves whole documents only, and `resume`
picks up the files still pending. Files that cannot be read get a reason and never stop the
batch. Search is BM25 over a trigram FTS5 index (works for Chinese without spaces); dense
retrieval will be fused in later. Questions are audited by SHA-256 unless the admin setting
`knowledge_audit_full_text` is on, because questions may carry sensitive plant details.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app.audit.trail import AuditTrail
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.errors import ValidationError
from app.knowledge.chunking import chunk_blocks
from app.knowledge.extract import MAX_FILE_BYTES, ExtractionError, extract, is_supported
from app.store import Store

ProgressFn = Callable[[int, int, str], None]  # (done, total, text), as app/ui/workers.py
CancelledFn = Callable[[], bool]

FULL_TEXT_SETTING = "knowledge_audit_full_text"
MIN_FTS_CHARS = 3  # the trigram tokenizer cannot match anything shorter
MAX_COLLECTION_NAME = 64
_HIT_OPEN, _HIT_CLOSE = "\ue000", "\ue001"  # private-use markers, replaced after the query
_TERM = re.compile(r"\w+", re.UNICODE)


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
class SearchHit:
    chunk_id: int
    document_id: int
    document_title: str
    file_name: str
    collection: str
    page: int | None
    heading: str
    snippet: str  # matches in [brackets]
    snippet_html: str  # escaped, matches in <mark>
    score: float  # -bm25(): higher is better; 0.0 for the substring fallback
    char_start: int
    char_end: int


@dataclass
class SearchResult:
    query: str
    hits: list[SearchHit]
    mode: str  # 'fts' or 'substring'
    note: str = ""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus supported files found recursively in folders.

    Folders (e.g. a USB stick) hold other things too: unsupported and hidden files there are
    ignored, while a file named directly is always attempted so its failure is reported.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser().resolve()
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if name.startswith(".") or not is_supported(candidate):
                        continue
                    if candidate not in seen:
                        seen.add(candidate)
                        found.append(candidate)
        elif path not in seen:
            seen.add(path)
            found.append(path)
    return found


class KnowledgeService:
    def __init__(self, store: Store, audit: AuditTrail, guard: Guard, files_dir: Path,
                 full_text_audit: Callable[[], bool] | None = None,
                 max_file_bytes: int = MAX_FILE_BYTES) -> None:
        self._store = store
        self._audit = audit
        self._guard = guard
        self.files_dir = Path(files_dir)
        self._full_text_audit = full_text_audit or self._full_text_setting
        self.max_file_bytes = max_file_bytes

    def _full_text_setting(self) -> bool:
        row = self._store.conn.execute("SELECT value FROM settings WHERE key = ?",
                                       [FULL_TEXT_SETTING]).fetchone()
        return bool(json.loads(row[0])) if row else False

    # -- collections -------------------------------------------------------------------------

    def _collection_id(self, name: str) -> int | None:
        row = self._store.conn.execute("SELECT id FROM kb_collections WHERE name = ?",
                                       [name]).fetchone()
        return row[0] if row else None

    def create_collection(self, actor: Actor, name: str, description: str = "") -> int:
        """Create a collection (idempotent: an existing one with that name is returned)."""
        self._guard.require(actor, Permission.INGEST_DOCUMENTS, f"collection:{name}")
        cleaned = name.strip()
        if not cleaned or len(cleaned) > MAX_COLLECTION_NAME or not cleaned.isprintable():
            raise ValidationError(f"A collection name must be 1-{MAX_COLLECTION_NAME} "
                                  "printable characters.")
        existing = self._collection_id(cleaned)
        if existing is not None:
            return existing
        with self._store.transaction(immediate=True) as conn:
            cursor = conn.execute(
                "INSERT INTO kb_collections (name, description, created_at, created_by) "
                "VALUES (?, ?, ?, ?)", [cleaned, description, _now(), actor.username])
            self._audit.record(actor, "knowledge", "create_collection",
                               f"collection:{cleaned}", "success", {})
        return int(cursor.lastrowid)

    def list_collections(self, actor: Actor) -> list[Collection]:
        self._guard.require(actor, Permission.ASK_KNOWLEDGE, "knowledge")
        rows = self._store.conn.execute(
            "SELECT c.id, c.name, c.description, c.created_at, c.created_by,"
            " COUNT(d.id), COALESCE(SUM(d.chunk_count), 0)"
            " FROM kb_collections c LEFT JOIN kb_documents d"
            "  ON d.collection_id = c.id AND d.status = 'ok'"
            " GROUP BY c.id ORDER BY c.name").fetchall()
        return [Collection(*row) for row in rows]

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
            raise ValidationError(f"There is no document #{document_id}.")
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
               progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None) -> IngestReport:
        """Ingest files and folders (recursively) into `collection`, creating it if needed."""
        self._guard.require(actor, Permission.INGEST_DOCUMENTS, f"collection:{collection}")
        files = collect_files(paths)
        if not files:
            raise ValidationError("No supported files found (PDF, DOCX, Markdown, text, HTML).")
        collection_id = self.create_collection(actor, collection)
        with self._store.transaction(immediate=True) as conn:
            run_id = int(conn.execute(
                "INSERT INTO kb_ingest_runs (collection_id, status, started_at, started_by)"
                " VALUES (?, 'running', ?, ?)",
                [collection_id, _now(), actor.username]).lastrowid)
            conn.executemany(
                "INSERT INTO kb_ingest_files (run_id, ordinal, path) VALUES (?, ?, ?)",
                [(run_id, i, str(p)) for i, p in enumerate(files)])
        return self._run(actor, run_id, "ingest", progress, cancelled)

    def resume(self, actor: Actor, run_id: int, progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None) -> IngestReport:
        """Continue a cancelled or interrupted ingest with the files it had not done."""
        self._guard.require(actor, Permission.INGEST_DOCUMENTS, f"ingest_run:{run_id}")
        row = self._store.conn.execute("SELECT status FROM kb_ingest_runs WHERE id = ?",
                                       [run_id]).fetchone()
        if row is None:
            raise ValidationError(f"There is no ingest run #{run_id}.")
        if row[0] == "done":
            raise ValidationError(f"Ingest run #{run_id} is already complete.")
        with self._store.transaction(immediate=True) as conn:
            conn.execute("UPDATE kb_ingest_runs SET status = 'running' WHERE id = ?", [run_id])
        return self._run(actor, run_id, "resume", progress, cancelled)

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
             cancelled: CancelledFn | None) -> IngestReport:
        conn = self._store.conn
        collection_id, collection = conn.execute(
            "SELECT c.id, c.name FROM kb_ingest_runs r JOIN kb_collections c"
            " ON c.id = r.collection_id WHERE r.id = ?", [run_id]).fetchone()
        todo = conn.execute("SELECT ordinal, path FROM kb_ingest_files WHERE run_id = ? AND "
                            "status = 'pending' ORDER BY ordinal", [run_id]).fetchall()
        report = IngestReport(run_id, collection)
        total = len(todo)
        for done, (ordinal, path) in enumerate(todo):
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            if progress is not None:
                progress(done, total, f"{Path(path).name} ({done + 1}/{total})")
            result = self._ingest_file(actor, run_id, ordinal, Path(path), collection_id,
                                       cancelled)
            if result is None:  # cancelled while extracting: the file stays pending
                report.cancelled = True
                break
            report.results.append(result)
        report.pending = conn.execute("SELECT COUNT(*) FROM kb_ingest_files WHERE run_id = ? "
                                      "AND status = 'pending'", [run_id]).fetchone()[0]
        status = "cancelled" if report.pending else "done"
        if progress is not None and not report.cancelled:
            progress(total, total, "done")
        failed = [{"path": r.path, "reason": r.reason} for r in report.results
                  if r.status == "failed"]
        with self._store.transaction(immediate=True) as tx:
            tx.execute("UPDATE kb_ingest_runs SET status = ?, finished_at = ? WHERE id = ?",
                       [status, _now(), run_id])
            self._audit.record(
                actor, "knowledge", action, f"collection:{collection}",
                "success" if not failed else "failure",
                {"run_id": run_id, "ok": report.count("ok"), "skipped": report.count("skipped"),
                 "failed": len(failed), "failures": failed[:20], "cancelled": report.cancelled,
                 "pending": report.pending})
        return report

    def _finish_file(self, run_id: int, ordinal: int, result: FileResult) -> FileResult:
        with self._store.transaction(immediate=True) as conn:
            conn.execute("UPDATE kb_ingest_files SET status = ?, reason = ?, document_id = ? "
                         "WHERE run_id = ? AND ordinal = ?",
                         [result.status, result.reason, result.document_id, run_id, ordinal])
        return result

    def _ingest_file(self, actor: Actor, run_id: int, ordinal: int, path: Path,
                     collection_id: int, cancelled: CancelledFn | None) -> FileResult | None:
        conn = self._store.conn
        source = str(path)

        def fail(reason: str, sha: str = "", size: int = 0) -> FileResult:
            self._record_failure(actor, collection_id, path, sha, size, reason)
            return self._finish_file(run_id, ordinal, FileResult(source, "failed", reason))

        if not path.is_file():
            return fail("The file no longer exists or is not a regular file.")
        try:
            size = path.stat().st_size
            if size > self.max_file_bytes:
                return fail(f"The file is too large ({size / 1048576:.0f} MB); the limit is "
                            f"{self.max_file_bytes / 1048576:.0f} MB per file.", "", size)
            sha = file_sha256(path)
        except OSError as exc:
            return fail(f"Cannot read the file: {exc.strerror}.")
        same = conn.execute(
            "SELECT id, file_name, source_path FROM kb_documents WHERE collection_id = ? AND "
            "sha256 = ? AND status = 'ok' ORDER BY id LIMIT 1", [collection_id, sha]).fetchone()
        if same is not None:
            reason = ("Unchanged since it was last ingested." if same[2] == source else
                      f"Duplicate of '{same[1]}' (same content) in this collection.")
            return self._finish_file(run_id, ordinal,
                                     FileResult(source, "skipped", reason, same[0]))
        try:
            extracted = extract(path, self.max_file_bytes)
        except ExtractionError as exc:
            return fail(str(exc), sha, size)
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the batch
            return fail(f"Unexpected error while reading the file ({type(exc).__name__}: "
                        f"{exc}).", sha, size)
        chunks = chunk_blocks(extracted.blocks)
        if cancelled is not None and cancelled():
            return None
        stored = self._store_copy(path, sha)
        old = conn.execute("SELECT id, stored_file, status FROM kb_documents WHERE "
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
                [collection_id, extracted.title[:500], source, path.name, stored, sha, size,
                 extracted.kind, extracted.mime, extracted.pages, len(chunks), _now(),
                 actor.username]).lastrowid)
            tx.executemany(
                "INSERT INTO kb_chunks (document_id, ordinal, page, heading, text, char_start,"
                " char_end) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(doc_id, c.ordinal, c.page, c.heading, c.text, c.char_start, c.char_end)
                 for c in chunks])
            result = self._finish_file(run_id, ordinal, FileResult(
                source, "ok", "", doc_id, len(chunks), old is not None and old[2] == "ok"))
        if old is not None and old[1] != stored:
            self._drop_stored_file(old[1])
        return result

    def _record_failure(self, actor: Actor, collection_id: int, path: Path, sha: str,
                        size: int, reason: str) -> None:
        """Show the failure on the documents list, without hiding a good older version."""
        with self._store.transaction(immediate=True) as conn:
            old = conn.execute("SELECT id, status FROM kb_documents WHERE collection_id = ? "
                               "AND source_path = ?", [collection_id, str(path)]).fetchone()
            if old is not None and old[1] == "ok":
                return
            if old is not None:
                conn.execute("DELETE FROM kb_documents WHERE id = ?", [old[0]])
            kind = path.suffix.lower().lstrip(".") or "unknown"
            conn.execute(
                "INSERT INTO kb_documents (collection_id, title, source_path, file_name,"
                " sha256, size_bytes, kind, status, error, ingested_at, ingested_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'failed', ?, ?, ?)",
                [collection_id, path.stem, str(path), path.name, sha, size, kind, reason,
                 _now(), actor.username])

    def _store_copy(self, path: Path, sha: str) -> str | None:
        """Keep a copy (by content hash) so the source viewer works after the USB stick left."""
        relative = f"{sha[:2]}/{sha}{path.suffix.lower()}"
        target = self.files_dir / relative
        if target.exists():
            return relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{uuid.uuid4().hex}.part")
            shutil.copyfile(path, tmp)
            os.replace(tmp, target)
        except OSError:
            return None  # the passages are still searchable; only the viewer loses the file
        return relative

    # -- search ------------------------------------------------------------------------------

    def search(self, actor: Actor, query: str, collection: str | None = None,
               limit: int = 10) -> SearchResult:
        """Best passages for `query`, BM25-ranked, with highlighted snippets and citations."""
        self._guard.require(actor, Permission.ASK_KNOWLEDGE, f"collection:{collection or '*'}")
        text = " ".join(query.split())
        if not text:
            raise ValidationError("Type a question or some words to search for.")
        limit = max(1, min(int(limit), 100))
        collection_id = None
        if collection is not None:
            collection_id = self._collection_id(collection)
            if collection_id is None:
                raise ValidationError(f"There is no collection '{collection}'.")
        terms = fts_terms(text)
        if terms:
            hits, mode, note = self._fts(" OR ".join(terms), collection_id, limit), "fts", ""
        else:
            hits, mode = self._substring(text, collection_id, limit), "substring"
            note = (f"Words shorter than {MIN_FTS_CHARS} characters cannot use the search "
                    "index: plain substring match, results are not ranked.")
        details: dict[str, Any] = {
            "query_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "collection": collection, "hits": len(hits), "mode": mode}
        if self._full_text_audit():
            details["query"] = text
        self._audit.record(actor, "knowledge", "search", f"collection:{collection or '*'}",
                           "success", details)
        return SearchResult(text, hits, mode, note)

    _HIT_COLUMNS = ("k.id, d.id, d.title, d.file_name, c.name, k.page, k.heading, {snippet},"
                    " {score}, k.char_start, k.char_end")

    def _fts(self, match: str, collection_id: int | None, limit: int) -> list[SearchHit]:
        snippet = f"snippet(kb_chunks_fts, 1, '{_HIT_OPEN}', '{_HIT_CLOSE}', '…', 48)"
        columns = self._HIT_COLUMNS.format(snippet=snippet,
                                           score="-bm25(kb_chunks_fts, 2.0, 1.0)")
        sql = (f"SELECT {columns} FROM kb_chunks_fts f JOIN kb_chunks k ON k.id = f.rowid"
               " JOIN kb_documents d ON d.id = k.document_id"
               " JOIN kb_collections c ON c.id = d.collection_id"
               " WHERE kb_chunks_fts MATCH ? AND d.status = 'ok'")
        args: list[Any] = [match]
        if collection_id is not None:
            sql += " AND d.collection_id = ?"
            args.append(collection_id)
        sql += " ORDER BY bm25(kb_chunks_fts, 2.0, 1.0) LIMIT ?"
        rows = self._store.conn.execute(sql, [*args, limit]).fetchall()
        return [_hit(row) for row in rows]

    def _substring(self, text: str, collection_id: int | None, limit: int) -> list[SearchHit]:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"
        columns = self._HIT_COLUMNS.format(snippet="k.text", score="0.0")
        sql = (f"SELECT {columns} FROM kb_chunks k JOIN kb_documents d ON d.id = k.document_id"
               " JOIN kb_collections c ON c.id = d.collection_id"
               " WHERE (k.text LIKE ? ESCAPE '\\' OR k.heading LIKE ? ESCAPE '\\')"
               " AND d.status = 'ok'")
        args: list[Any] = [pattern, pattern]
        if collection_id is not None:
            sql += " AND d.collection_id = ?"
            args.append(collection_id)
        sql += " ORDER BY d.id, k.ordinal LIMIT ?"
        rows = self._store.conn.execute(sql, [*args, limit]).fetchall()
        hits = []
        for row in rows:
            snippet = _substring_snippet(row[7], text)
            hits.append(_hit((*row[:7], snippet, *row[8:])))
        return hits


def fts_terms(text: str) -> list[str]:
    """FTS5 phrases for a question: each word of 3+ characters, quoted (no query syntax).

    Words are runs of letters/digits, so a Chinese sentence without spaces stays one phrase,
    matched as a substring; a long Chinese run is also split into 4-character pieces so a
    question worded differently from the manual still finds the passage.
    """
    terms: list[str] = []
    for word in _TERM.findall(text):
        if len(word) < MIN_FTS_CHARS:
            continue
        candidates = [word]
        if len(word) > 6 and any(ord(ch) > 0x2E80 for ch in word):
            candidates += [word[i:i + 4] for i in range(0, len(word) - 3, 2)]
        for term in candidates:
            phrase = '"' + term.replace('"', '""') + '"'
            if len(term) >= MIN_FTS_CHARS and phrase not in terms:
                terms.append(phrase)
    return terms


def _substring_snippet(text: str, needle: str, width: int = 60) -> str:
    at = text.lower().find(needle.lower())
    if at < 0:
        return text[:2 * width] + ("…" if len(text) > 2 * width else "")
    start, end = max(0, at - width), min(len(text), at + len(needle) + width)
    return (("…" if start else "") + text[start:at] + _HIT_OPEN + text[at:at + len(needle)]
            + _HIT_CLOSE + text[at + len(needle):end] + ("…" if end < len(text) else ""))


def _hit(row: Sequence[Any]) -> SearchHit:
    raw = str(row[7])
    plain = raw.replace(_HIT_OPEN, "[").replace(_HIT_CLOSE, "]")
    marked = (html.escape(raw).replace(_HIT_OPEN, "<mark>").replace(_HIT_CLOSE, "</mark>"))
    return SearchHit(row[0], row[1], row[2], row[3], row[4], row[5], row[6], plain, marked,
                     float(row[8]), row[9], row[10])
