"""`edgedeck audit list|verify|export|pubkey|receipt|accept-anchor|archive`: the trail for
auditors and admins.

`verify --database COPY` checks a copy of another appliance's database without signing in
(having the file already means having every record); the copy itself is never modified.
`receipt` hands out the signed head for someone to keep off the box; `verify --pinned-anchor`
checks the trail against such a receipt (a rollback or a rewrite by someone holding the data
folder and its key shows there).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from app.cli.common import emit, open_context, sign_in
from app.errors import EdgeDeckError, ValidationError


def _filters(args: argparse.Namespace) -> Any:
    from app.audit.trail import AuditFilter

    return AuditFilter(since=args.since, until=args.until, actor=args.actor,
                       category=args.category, outcome=args.outcome, text=args.text)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", metavar="TIME", help="from this UTC time (e.g. 2026-11-01)")
    parser.add_argument("--until", metavar="TIME", help="before this UTC time")
    parser.add_argument("--actor", metavar="NAME")
    parser.add_argument("--category", metavar="NAME")
    parser.add_argument("--outcome", choices=["success", "failure", "denied"])
    parser.add_argument("--text", metavar="TEXT", help="substring of event, object or details")


def register(sub: Any, common: Any) -> None:
    audit = sub.add_parser("audit", help="list, verify and export the audit trail")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="newest records first (technician)")
    _add_filters(listing)
    listing.add_argument("--limit", type=int, default=50)
    verify = actions.add_parser("verify", help="check every hash, link, timestamp and "
                                "signed checkpoint; exit 1 and name the first broken record")
    verify.add_argument("--public-key", metavar="PEM", help="verify checkpoints against this "
                        "pinned public key instead of the one stored beside the database")
    verify.add_argument("--database", metavar="FILE", help="verify a copy of a database "
                        "(no sign-in needed; the copy is not modified)")
    verify.add_argument("--pinned-anchor", metavar="RECEIPT", help="a receipt (or anchor "
                        "file) kept earlier: the trail must still contain the record it "
                        "vouches for, unchanged")
    verify.add_argument("--anchor", metavar="FILE", help="with --database: the anchor file "
                        "of that copy (default: audit-anchor.json beside it)")
    verify.add_argument("--archive", metavar="DIR", help="with --database: the folder of its "
                        "sealed segments (default: audit-archive beside it)")
    receipt = actions.add_parser("receipt", help="sign the head and print a receipt to keep "
                                 "off the box (technician)")
    receipt.add_argument("--out", metavar="FILE", help="also write it as JSON (for "
                         "verify --pinned-anchor)")
    accept = actions.add_parser("accept-anchor", help="accept the current head after the "
                                "anchor file was lost or rolled back (admin, audited)")
    accept.add_argument("--reason", required=True, metavar="TEXT",
                        help="why (incident or ticket number); stored in the trail")
    export = actions.add_parser("export", help="write the (filtered) trail (admin)")
    export.add_argument("--format", required=True, choices=["jsonl", "csv", "cef", "syslog"])
    export.add_argument("--out", required=True, metavar="FILE")
    _add_filters(export)
    pubkey = actions.add_parser("pubkey", help="print or save the public key that verifies "
                                "checkpoints")
    pubkey.add_argument("--out", metavar="FILE")
    archive = actions.add_parser("archive", help="seal old records into a signed segment "
                                 "file and remove them from the database (admin)")
    archive.add_argument("--upto", type=int, required=True, metavar="SEQ")
    archive.add_argument("--folder", metavar="DIR", help="also copy the sealed segment here "
                         "(e.g. a USB stick); the data folder keeps its own")
    for parser in (audit, *actions.choices.values()):
        common(parser)
    audit.set_defaults(func=cmd_audit)


def _read_key(path: str | None) -> bytes | None:
    if not path:
        return None
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read the public key {path}: {exc.strerror}.") from exc


def _pinned(args: argparse.Namespace) -> Any:
    from app.audit.anchor import read_receipt

    return read_receipt(Path(args.pinned_anchor)) if args.pinned_anchor else None


def _verify_copy(args: argparse.Namespace) -> int:
    from app.audit.trail import ANCHOR_FILE, ARCHIVE_DIR, AuditTrail
    from app.config.meta import ApplianceMeta
    from app.store import open_store

    source = Path(args.database)
    if not source.is_file():
        raise ValidationError(f"{source} is not a file.")
    pinned = _pinned(args)
    anchor = Path(args.anchor) if args.anchor else source.parent / ANCHOR_FILE
    if args.anchor and not anchor.is_file():
        raise ValidationError(f"The anchor file {anchor} does not exist.")
    archive = Path(args.archive) if args.archive else source.parent / ARCHIVE_DIR
    with tempfile.TemporaryDirectory(prefix="edgedeck-verify-") as tmp:
        copy = Path(tmp) / "copy.db"
        shutil.copy2(source, copy)
        for suffix in ("-wal", "-shm"):
            if Path(str(source) + suffix).exists():
                shutil.copy2(str(source) + suffix, str(copy) + suffix)
        store = open_store(copy, migrate=False)
        try:
            trail = AuditTrail(store, ApplianceMeta(store).device_id,
                               anchor_path=anchor if anchor.exists() else None,
                               archive_dir=archive)
            result = trail.verify(public_key_pem=_read_key(args.public_key), pinned=pinned)
        finally:
            store.close()
    return _report(args, result)


def _write_receipt(path: Path, data: dict[str, Any]) -> None:
    import json

    try:
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise EdgeDeckError(f"Cannot write {path}: {exc.strerror}.") from exc


def _report(args: argparse.Namespace, result: Any) -> int:
    text = result.summary() + "".join(f"\n  note: {w}" for w in result.warnings)
    emit(args, result.as_dict(), text)
    if not result.ok:
        print(f"edgedeck: {result.summary()}", file=sys.stderr)
        return 1
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    command = args.audit_command
    if command == "verify" and args.database:
        return _verify_copy(args)
    if command == "verify" and (args.anchor or args.archive):
        raise ValidationError("--anchor and --archive go with --database (a copy); on the box "
                              "the data folder's own are used.")
    with open_context(args, read_only=command in ("verify", "pubkey")) as ctx:
        if command == "pubkey":
            pem = ctx.audit.public_key_pem()
            if args.out:
                Path(args.out).write_bytes(pem)
                emit(args, {"path": args.out, "key_id": ctx.audit_trail.key.key_id},
                     f"Public key {ctx.audit_trail.key.key_id} written to {args.out}.")
            else:
                sys.stdout.write(pem.decode())
            return 0
        actor = sign_in(ctx, args)
        if command == "list":
            if args.limit < 1:
                raise ValidationError("--limit must be at least 1.")
            records = ctx.audit.page(actor, None, args.limit, _filters(args))
            emit(args, [r.as_dict() for r in records], "\n".join(
                f"#{r.seq:<7} {r.ts[:19]} {r.actor:<12} {r.role:<10} {r.category}/{r.action}"
                f" {r.object} [{r.outcome}]" for r in records) or "No matching records.")
        elif command == "verify":
            return _report(args, ctx.audit.verify(actor, public_key_pem=_read_key(
                args.public_key), pinned=_pinned(args)))
        elif command == "receipt":
            anchor, text = ctx.audit.receipt(actor)
            from app.audit.anchor import receipt_dict

            data = receipt_dict(anchor, ctx.settings.device_name, actor.username)
            if args.out:
                _write_receipt(Path(args.out), data)
                text += f"\nWritten to {args.out}."
            emit(args, data, text)
        elif command == "accept-anchor":
            result = ctx.audit.accept_anchor(actor, args.reason)
            emit(args, result.as_dict(), f"Accepted the head as the new anchor. "
                 f"{result.summary()}")
            return 0 if result.ok else 1
        elif command == "export":
            result = ctx.audit.export(actor, args.format, Path(args.out), _filters(args))
            emit(args, result.__dict__, f"Exported {result.records} records to {result.path} "
                 f"({result.format}). {result.verification}")
        elif command == "archive":
            result = ctx.audit.archive(actor, args.upto,
                                       Path(args.folder) if args.folder else None)
            emit(args, result.__dict__, f"Sealed records #{result.first_seq}-"
                 f"#{result.last_seq} ({result.records}) into {result.path}.")
        else:  # pragma: no cover - argparse restricts the choices
            raise EdgeDeckError(f"unknown audit command {command}")
    return 0
