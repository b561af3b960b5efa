"""`edgedeck kb ingest|resume|list|ask|search|delete|reembed|models|import-model|blocked`.

A technician loads manuals from a USB stick over SSH (`kb ingest /media/usb --collection line3`)
and anyone signed in can ask; deleting, re-embedding, embedding models and blocked terms are for
administrators. Progress goes to stderr so `--json` on stdout stays parseable.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.cli.common import emit, open_context, sign_in
from app.errors import DiskFullError, ValidationError, is_disk_full

MODES = ("hybrid", "bm25", "dense")


def register(sub: Any, common: Any) -> None:
    kb = sub.add_parser("kb", help="knowledge base: ingest manuals, ask with cited sources")
    actions = kb.add_subparsers(dest="kb_command", metavar="ACTION", required=True)
    ingest = actions.add_parser("ingest", help="ingest files and folders into a collection "
                                "(technician)")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--collection", "-c", required=True)
    resume = actions.add_parser("resume", help="continue an interrupted ingest (technician); "
                                "without RUN, list the unfinished ones")
    resume.add_argument("run", nargs="?", type=int)
    listing = actions.add_parser("list", help="collections, or one collection's documents")
    listing.add_argument("collection", nargs="?")
    for name, text in (("ask", "an answer quoted from the manuals, with citations"),
                       ("search", "the best passages, with citations")):
        parser = actions.add_parser(name, help=text)
        parser.add_argument("question")
        parser.add_argument("--collection", "-c")
        parser.add_argument("--mode", choices=MODES, default="hybrid")
        if name == "search":
            parser.add_argument("--limit", type=int, default=10)
    delete = actions.add_parser("delete", help="delete a document, or a whole collection with "
                                "--yes (admin)")
    target = delete.add_mutually_exclusive_group(required=True)
    target.add_argument("--document", type=int, metavar="ID")
    target.add_argument("--collection", metavar="NAME")
    delete.add_argument("--yes", action="store_true", help="confirm deleting a collection")
    reembed = actions.add_parser("reembed", help="give a collection's passages vectors from "
                                 "another embedding model, then switch to it (admin)")
    reembed.add_argument("collection")
    reembed.add_argument("--model", required=True)
    actions.add_parser("models", help="the embedding models available")
    imp = actions.add_parser("import-model", help="import a sentence-embedding ONNX model "
                             "folder (model.onnx + tokenizer.json) (admin)")
    imp.add_argument("folder")
    imp.add_argument("--name")
    blocked = actions.add_parser("blocked", help="terms that refuse a question (admin)")
    blocked.add_argument("action", choices=["list", "add", "remove"])
    blocked.add_argument("term", nargs="?")
    for parser in (kb, *actions.choices.values()):
        common(parser)
    kb.set_defaults(func=cmd_kb)


class CountBar:
    """`[#####.....]  45%  9/20  manual.pdf` on stderr; a line per 10 % when not a terminal."""

    def __init__(self, stream: Any = None) -> None:
        self._stream = stream or sys.stderr
        self._tty = bool(getattr(self._stream, "isatty", lambda: False)())
        self._last = -1
        self._drawn = False

    def __call__(self, done: int, total: int, text: str) -> None:
        percent = int(100 * done / total) if total else 0
        if (percent // 10 == self._last // 10 and self._last >= 0 and not self._tty) or (
                self._tty and percent == self._last):
            return
        self._last = percent
        filled = 30 * percent // 100
        line = f"[{'#' * filled}{'.' * (30 - filled)}] {percent:3d}%  {done}/{total}  {text}"
        self._stream.write(("\r" + line[:110].ljust(110)) if self._tty else line + "\n")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn and self._tty:
            self._stream.write("\n")
            self._stream.flush()


def _ingest_text(report: Any) -> str:
    lines = []
    for result in report.results:
        mark = {"ok": "ok     ", "skipped": "skipped", "failed": "FAILED "}[result.status]
        extra = f"  {result.chunks} passages" if result.status == "ok" else ""
        reason = f"  — {result.reason}" if result.reason else ""
        lines.append(f"{mark} {result.path}{extra}{reason}")
    summary = (f"{report.count('ok')} ingested, {report.count('skipped')} skipped, "
               f"{report.count('failed')} failed into '{report.collection}'")
    if report.cancelled:
        summary += (f"; interrupted with {report.pending} file(s) left — continue with "
                    f"`edgedeck kb resume {report.run_id}`")
    return "\n".join([*lines, summary])


def _report_data(report: Any) -> dict[str, Any]:
    return {"run_id": report.run_id, "collection": report.collection,
            "cancelled": report.cancelled, "pending": report.pending,
            "results": [vars(r) for r in report.results]}


def _citation(hit: Any) -> str:
    page = f", page {hit.page}" if hit.page else ""
    heading = f" — {hit.heading}" if hit.heading else ""
    return f"{hit.file_name}{page}{heading}"


def _hit_data(hit: Any) -> dict[str, Any]:
    return {"chunk_id": hit.chunk_id, "document_id": hit.document_id, "file": hit.file_name,
            "title": hit.document_title, "collection": hit.collection, "page": hit.page,
            "heading": hit.heading, "snippet": hit.snippet, "score": round(hit.score, 6),
            "bm25_rank": hit.bm25_rank, "dense_rank": hit.dense_rank,
            "cosine": None if hit.cosine is None else round(hit.cosine, 4)}


def _answer(args: argparse.Namespace, kb: Any, actor: Any) -> int:
    answer = kb.ask(actor, args.question, args.collection, args.mode)
    data = {"question": answer.question, "outcome": answer.outcome, "answer": answer.text,
            "reason": answer.reason, "mode": answer.mode,
            "citations": [{"number": p.number, **_hit_data(p.hit)} for p in answer.passages],
            "closest": [_hit_data(h) for h in answer.closest]}
    if answer.outcome == "answered":
        lines = [answer.text, ""]
        lines += [f"[{p.number}] {_citation(p.hit)}" for p in answer.passages]
    elif answer.outcome == "refused":
        lines = [answer.reason]
    else:
        lines = [answer.reason]
        if answer.closest:
            lines += ["", "Closest passages (not a reliable answer):"]
            lines += [f"  - {_citation(h)}: {h.snippet}" for h in answer.closest[:3]]
    emit(args, data, "\n".join(lines))
    return 0 if answer.outcome == "answered" else 1


@contextlib.contextmanager
def opened_context(args: argparse.Namespace) -> Iterator[Any]:
    """The AppContext, closed on the way out. When the command stopped on a full disk,
    closing (it signs the audit head, a write) fails as well: that must not replace the
    one-line disk-full message, which says what was kept and how to go on."""
    ctx = open_context(args)
    try:
        yield ctx
    except BaseException as exc:
        if not is_disk_full(exc):
            ctx.close()
            raise
        with contextlib.suppress(Exception):
            ctx.close()
        raise
    ctx.close()


def cmd_kb(args: argparse.Namespace) -> int:
    with opened_context(args) as ctx:
        actor = sign_in(ctx, args)
        kb = ctx.knowledge
        command = args.kb_command
        if command in ("ingest", "resume"):
            if command == "resume" and args.run is None:
                runs = kb.unfinished_runs(actor)
                text = "\n".join(f"#{r['run_id']}  {r['collection']}  {r['pending']} of "
                                 f"{r['files']} file(s) left  (started {r['started_at']} by "
                                 f"{r['started_by']})" for r in runs) or "No unfinished ingest."
                emit(args, runs, text)
                return 0
            bar = CountBar()
            started = time.monotonic()
            try:
                if command == "ingest":
                    report = kb.ingest(actor, args.paths, args.collection, progress=bar)
                else:
                    report = kb.resume(actor, args.run, progress=bar)
            except DiskFullError as exc:
                run = getattr(exc, "run_id", None)
                if run is not None:  # still one line: where this run goes on
                    exc.args = (f"{exc} This run goes on with `edgedeck kb resume {run}`.",)
                raise
            finally:
                bar.close()
            text = _ingest_text(report) + f" in {time.monotonic() - started:.1f} s."
            emit(args, _report_data(report), text)
            return 0 if not report.count("failed") and not report.cancelled else 1
        if command == "list":
            if args.collection:
                docs = kb.list_documents(actor, args.collection)
                if not any(c.name.lower() == args.collection.lower()
                           for c in kb.list_collections(actor)):
                    raise ValidationError(f"There is no collection '{args.collection}'.")
                text = "\n".join(
                    f"#{d.id:<5} {d.status:<6} {d.file_name:<40} "
                    f"{(str(d.pages) + ' p') if d.pages else '':>6} {d.chunk_count:>5} passages"
                    f"  {d.ingested_at} {d.ingested_by}"
                    + (f"\n        {d.error}" if d.error else "") for d in docs) or "No documents."
                emit(args, [vars(d) for d in docs], text)
            else:
                collections = kb.list_collections(actor)
                text = "\n".join(
                    f"{c.name:<24} {c.documents:>4} document(s) {c.chunks:>6} passages  "
                    f"{c.embedding_model} ({c.embedded}/{c.chunks} embedded)"
                    for c in collections) or "No collections yet: `edgedeck kb ingest PATH " \
                    "--collection NAME`."
                emit(args, [vars(c) for c in collections], text)
            return 0
        if command == "ask":
            return _answer(args, kb, actor)
        if command == "search":
            result = kb.search(actor, args.question, args.collection, args.limit, args.mode)
            lines = [f"{i}. {_citation(h)}\n   {h.snippet}"
                     for i, h in enumerate(result.hits, start=1)]
            if result.note:
                lines.append(result.note)
            emit(args, {"query": result.query, "mode": result.mode, "note": result.note,
                        "hits": [_hit_data(h) for h in result.hits]},
                 "\n".join(lines) or "Nothing found.")
            return 0 if result.hits else 1
        if command == "delete":
            if args.document is not None:
                doc = kb.get_document(actor, args.document)
                kb.delete_document(actor, args.document)
                emit(args, {"deleted_document": args.document},
                     f"Deleted document #{doc.id} '{doc.file_name}' from '{doc.collection}'.")
            else:
                if not args.yes:
                    raise ValidationError("Deleting a whole collection removes all its "
                                          "documents; add --yes to confirm.")
                kb.delete_collection(actor, args.collection)
                emit(args, {"deleted_collection": args.collection},
                     f"Deleted collection '{args.collection}'.")
            return 0
        if command == "reembed":
            bar = CountBar()
            try:
                report = kb.reembed(actor, args.collection, args.model, progress=bar)
            finally:
                bar.close()
            emit(args, vars(report), f"'{report.collection}' now searches with "
                 f"{report.model}: {report.chunks} passage(s) embedded in {report.seconds} s.")
            return 0
        if command == "models":
            models = kb.embedding_models(actor)
            emit(args, [vars(m) for m in models], "\n".join(
                f"{m.name:<32} {m.dimensions:>5} dims  {m.max_tokens:>5} tokens  "
                + ("built in" if m.builtin else f"imported {m.added_at} by {m.added_by}")
                for m in models))
            return 0
        if command == "import-model":
            info = kb.import_embedding_model(actor, Path(args.folder), args.name)
            emit(args, vars(info), f"Imported embedding model '{info.name}' ({info.dimensions} "
                 f"dimensions); use it with `edgedeck kb reembed COLLECTION --model "
                 f"{info.name}`.")
            return 0
        # blocked terms
        if args.action in ("add", "remove") and not args.term:
            raise ValidationError(f"`kb blocked {args.action}` needs the TERM.")
        if args.action == "add":
            kb.add_blocked_term(actor, args.term)
        elif args.action == "remove":
            kb.remove_blocked_term(actor, args.term)
        terms = kb.blocked_terms(actor)
        emit(args, terms, "\n".join(terms) or "No blocked terms.")
        return 0
