"""`edgedeck diag bundle` and `edgedeck backup create|verify|restore`: the field kit over SSH.

Passphrases follow the password conventions: prompted (twice when encrypting) on a terminal,
otherwise the next line of standard input — after the sign-in password when there is one.
`backup verify` needs no sign-in (having the file and its passphrase already means having
everything in it) and never touches the data folder.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import Any

from app.cli.common import emit, open_context, read_secret, sign_in
from app.errors import EdgeDeckError, ValidationError


def register(sub: Any, common: Any) -> None:
    diag = sub.add_parser("diag", help="diagnostics bundle to take home (technician)")
    diag_actions = diag.add_subparsers(dest="diag_command", metavar="ACTION", required=True)
    bundle = diag_actions.add_parser(
        "bundle", help="versions, system, doctor, snapshot, history, alarms, models, "
        "providers, audit summary, logs and redacted settings in one zip")
    bundle.add_argument("--out", required=True, metavar="PATH", help="the zip to write")
    bundle.add_argument("--no-benchmark", action="store_true",
                        help="skip the few-second CPU, disk and inference benchmark")
    bundle.add_argument("--encrypt", action="store_true",
                        help="encrypt with a passphrase (writes PATH.enc)")

    backup = sub.add_parser("backup", help="back up, verify and restore the data folder")
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="one archive of the database (consistent "
                                "online copy), models, audit archive and keys (technician)")
    create.add_argument("--out", required=True, metavar="PATH", help="the archive to write")
    create.add_argument("--encrypt", action="store_true",
                        help="encrypt with a passphrase (writes PATH.enc); needed for the "
                             "audit signing key to be included")
    create.add_argument("--no-keys", action="store_true",
                        help="leave keys/ (the audit signing key) out; required without "
                             "--encrypt")
    verify = actions.add_parser("verify", help="check an archive completely without "
                                "touching the data folder (no sign-in)")
    verify.add_argument("path", metavar="PATH")
    restore = actions.add_parser("restore", help="replace this box's data with a backup; the "
                                 "current data goes to safety-copies/ (admin)")
    restore.add_argument("path", metavar="PATH")
    restore.add_argument("--allow-other-device", action="store_true",
                         help="accept a backup made on another appliance (replacement box)")
    for parser in (diag, *diag_actions.choices.values(), backup, *actions.choices.values()):
        common(parser)
    diag.set_defaults(func=cmd_diag)
    backup.set_defaults(func=cmd_backup)


def read_passphrase(confirm: bool = False) -> str:
    """Prompt on a terminal (twice when creating); otherwise the next line of stdin."""
    return read_secret("Passphrase: ", confirm, word="passphrase",
                       missing="type it, or pipe it as the line after the password on "
                               "standard input",
                       differ="nothing was written")


def _progress(label: str) -> Any:  # noqa: ANN401 - a progress callback or None
    """A one-line percentage on an interactive stderr; silent in scripts."""
    if not sys.stderr.isatty():
        return None
    last = [-1]

    def report(done: int, total: int) -> None:
        percent = int(done * 100 / total) if total else 0
        if percent != last[0]:
            last[0] = percent
            sys.stderr.write(f"\r{label}: {percent:3d} %")
            if percent >= 100:
                sys.stderr.write("\n")
            sys.stderr.flush()
    return report


def _service(ctx: Any, name: str, factory: Any) -> Any:  # noqa: ANN401
    """The context's wired service, or one made here (works before AppContext wiring)."""
    return getattr(ctx, name, None) or factory(ctx)


def cmd_diag(args: argparse.Namespace) -> int:
    from app.field.diagnostics import DiagnosticsService

    with open_context(args) as ctx:
        actor = sign_in(ctx, args)
        passphrase = read_passphrase(confirm=True) if args.encrypt else None
        result = _service(ctx, "diagnostics", DiagnosticsService).bundle(
            actor, Path(args.out), _progress("Collecting"),
            include_benchmark=not args.no_benchmark, passphrase=passphrase)
        text = (f"Diagnostics bundle written to {result.path} ({result.files} files, "
                f"{result.size / 1024:.0f} KiB, SHA-256 {result.sha256})."
                + "".join(f"\n  could not collect {p}" for p in result.problems))
        emit(args, result.as_dict(), text)
    return 0


def _device_id_of(args: argparse.Namespace) -> str | None:
    """This data folder's device id, read-only (verify must not create a database)."""
    from app.paths import database_path, resolve_data_dir

    path = database_path(resolve_data_dir(getattr(args, "data_dir", None)))
    if not path.is_file():
        return None
    from app.config.meta import DEVICE_ID, read_meta

    try:
        return read_meta(path, [DEVICE_ID]).get(DEVICE_ID)
    except sqlite3.Error:
        return None


def cmd_backup(args: argparse.Namespace) -> int:
    from app.field.backup import BackupService, verify_backup
    from app.field.crypto import is_encrypted

    command = args.backup_command
    if command == "verify":
        path = Path(args.path)
        passphrase = read_passphrase() if is_encrypted(path) else None
        info = verify_backup(path, passphrase, _progress("Verifying"),
                             expected_device_id=_device_id_of(args))
        emit(args, info.as_dict(), info.summary())
        return 0
    with open_context(args) as ctx:
        actor = sign_in(ctx, args)
        service = _service(ctx, "backups", BackupService)
        if command == "create":
            if not args.encrypt and not args.no_keys:
                raise ValidationError("An unencrypted backup must not carry the audit signing "
                                      "key: add --encrypt, or --no-keys to leave it out.")
            passphrase = read_passphrase(confirm=True) if args.encrypt else None
            result = service.backup(actor, Path(args.out), passphrase, _progress("Backing up"),
                                    include_keys=not args.no_keys)
            emit(args, result.as_dict(),
                 f"Backup written to {result.path} ({result.files} files, "
                 f"{result.size / 1024**2:.1f} MiB, schema {result.schema_version}, "
                 f"{'encrypted' if result.encrypted else 'NOT encrypted'}, "
                 f"{'with' if result.includes_keys else 'without'} signing key; SHA-256 "
                 f"{result.sha256})." + "".join(f"\n  note: {w}" for w in result.warnings))
        elif command == "restore":
            path = Path(args.path)
            passphrase = read_passphrase() if is_encrypted(path) else None
            result = service.restore(actor, path, passphrase, _progress("Restoring"),
                                     allow_other_device=args.allow_other_device)
            emit(args, result.as_dict(),
                 f"Restored {len(result.restored)} entries from {result.backup}. The previous "
                 f"data is in {result.safety_copy}. {result.audit_verification}"
                 + "".join(f"\n  note: {w}" for w in result.warnings)
                 + "\nStart EdgeDeck again to use the restored data.")
        else:  # pragma: no cover - argparse restricts the choices
            raise EdgeDeckError(f"unknown backup command {command}")
    return 0
