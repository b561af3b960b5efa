"""The `edgedeck` command: every subcommand is a thin call into a service.

Conventions every command follows: `--json` for machine-readable output; exit 0 on success and
non-zero on failure with a one-line reason on stderr (never a traceback); privileged commands
sign in as `--user NAME` (or EDGEDECK_USER) with the password prompted on a terminal or read
from the first line of standard input otherwise, and get the same role checks and audit records
as the GUI.
"""

from __future__ import annotations

import argparse
import configparser
import getpass
import json
import logging
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import app
from app.errors import EdgeDeckError, SetupError, ValidationError

log = logging.getLogger("edgedeck.cli")

ENV_USER = "EDGEDECK_USER"
ENV_DEBUG = "EDGEDECK_DEBUG"
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


# -- helpers shared by commands ----------------------------------------------------------------


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        print(text)


def read_password(prompt: str = "Password: ", confirm: bool = False) -> str:
    """Prompt on a terminal; otherwise take the first line of standard input."""
    if sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat password: ") != password:
            raise ValidationError("The two passwords differ; nothing was changed.")
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        password = line.rstrip("\r\n")
    if not password:
        raise ValidationError("No password given (type it, or pipe it as the first line of "
                              "standard input).")
    return password


def _open_context(args: argparse.Namespace):  # noqa: ANN202 - AppContext, imported lazily
    from app.context import AppContext

    return AppContext.open(getattr(args, "data_dir", None))


def _sign_in(ctx: Any, args: argparse.Namespace) -> Any:
    user = getattr(args, "user", None) or os.environ.get(ENV_USER)
    if not user:
        raise ValidationError(f"This command needs a signed-in user: add --user NAME (or set "
                              f"{ENV_USER}).")
    return ctx.users.authenticate(user, read_password(f"Password for {user}: "), source="cli")


# -- commands ----------------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.app import run_gui

    return run_gui(data_dir=getattr(args, "data_dir", None), demo=args.demo)


def _read_preseed(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except OSError as exc:
        raise SetupError(f"Cannot read the preseed file {path}: {exc.strerror}.") from exc
    except configparser.Error as exc:
        raise SetupError(f"The preseed file {path} is not valid INI: "
                         f"{str(exc).splitlines()[0]}") from exc
    if not parser.has_section("admin") or not parser.get("admin", "name", fallback=""):
        raise SetupError(f"The preseed file {path} needs an [admin] section with name = ...")
    values = {"admin": parser.get("admin", "name").strip()}
    if parser.get("admin", "password_file", fallback=""):
        secret = Path(parser.get("admin", "password_file")).expanduser()
        try:
            values["password"] = secret.read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError) as exc:
            raise SetupError(f"Cannot read the admin password from {secret}.") from exc
    elif parser.get("admin", "password", fallback=""):
        values["password"] = parser.get("admin", "password")
    if parser.get("device", "name", fallback=""):
        values["device_name"] = parser.get("device", "name").strip()
    return values


def cmd_setup(args: argparse.Namespace) -> int:
    values: dict[str, str] = {}
    if args.preseed:
        values = _read_preseed(Path(args.preseed))
    if args.admin:
        values["admin"] = args.admin
    if args.device_name:
        values["device_name"] = args.device_name
    if not values.get("admin"):
        raise ValidationError("Give the first administrator's name with --admin NAME or a "
                              "--preseed file.")
    with _open_context(args) as ctx:
        if not ctx.users.needs_setup():
            raise SetupError("Setup was already done: this appliance has accounts.")
        password = values.get("password") or read_password(
            f"New password for {values['admin']}: ", confirm=True)
        actor = ctx.users.setup_admin(values["admin"], password, source="cli")
        if values.get("device_name"):
            ctx.settings.set_device_name(actor, values["device_name"])
        _emit(args, {"admin": actor.username, "data_dir": str(ctx.data_dir),
                     "device_name": ctx.settings.device_name},
              f"Created administrator '{actor.username}' in {ctx.data_dir}.")
    return 0


def _format_status(report: dict[str, Any]) -> str:
    db, audit, users = report["database"], report["audit"], report["users"]
    lines = [f"EdgeDeck {report['versions']['edgedeck']}",
             f"  data folder   {report['data_dir']}",
             f"  device        {report['device']['name']} ({report['device']['id']})",
             f"  database      schema {db['schema_version']}/{db['schema_latest']}, "
             f"{db['journal_mode']}, {db['size_bytes'] / 1024:.0f} KiB",
             "  users         " + ", ".join(f"{n} {r}" for r, n in users.items())
             + ("" if report["setup_done"] else "  (first-run setup not done)"),
             f"  audit         {audit['records']} records, head #{audit['head_seq']} "
             f"{(audit['head_hash'] or '-')[:16]} at {audit['head_ts'] or '-'}",
             f"  log file      {report['log_file']}",
             "  versions"]
    lines += [f"    {name:<14}{value or 'not installed'}"
              for name, value in report["versions"].items()]
    return "\n".join(lines)


def cmd_status(args: argparse.Namespace) -> int:
    from app.system.status import status_report

    with _open_context(args) as ctx:
        report = status_report(ctx)
    _emit(args, report, _format_status(report))
    return 0


_MARK = {"ok": "ok  ", "info": "info", "warn": "WARN", "fail": "FAIL"}


def cmd_doctor(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.system.doctor import CHECKS, run_doctor, worst_level

    only = [part.strip() for part in args.only.split(",")] if args.only else None
    unknown = [name for name in only or [] if name not in CHECKS]
    if unknown:
        raise ValidationError(f"Unknown check {', '.join(unknown)}: choose from "
                              f"{', '.join(CHECKS)}.")
    checks = run_doctor(resolve_data_dir(getattr(args, "data_dir", None)), only)
    worst = worst_level(checks)
    lines = []
    for check in checks:
        lines.append(f"[{_MARK[check.level]}] {check.name}: {check.message}")
        if check.fix and check.level in ("warn", "fail"):
            lines.append(f"       fix: {check.fix}")
    _emit(args, {"worst": worst, "checks": [c.as_dict() for c in checks]}, "\n".join(lines))
    if worst == "fail":
        failed = [c.name for c in checks if c.level == "fail"]
        print(f"edgedeck: doctor found problems: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    with _open_context(args) as ctx:
        actor = _sign_in(ctx, args)
        if args.users_command == "list":
            users = ctx.users.list_users(actor)
            rows = [f"{u.username:<20} {u.role:<11} {'enabled' if u.enabled else 'disabled':<9}"
                    f" last login {u.last_login_at or 'never'}" for u in users]
            _emit(args, [u.__dict__ for u in users], "\n".join(rows))
        elif args.users_command == "add":
            password = read_password(f"Password for the new user {args.name}: ", confirm=True)
            user = ctx.users.add_user(actor, args.name, password, args.role)
            _emit(args, user.__dict__, f"Added {user.role} '{user.username}'.")
    return 0


def cmd_qt_probe(args: argparse.Namespace) -> int:
    from app.ui.qt_probe import probe

    return probe()


# -- parser ------------------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS lets these options stand before or after the subcommand.
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, metavar="PATH",
                        help="data folder (default: $EDGEDECK_DATA_DIR or the per-user folder)")
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="machine-readable output")
    parser.add_argument("--user", default=argparse.SUPPRESS, metavar="NAME",
                        help=f"sign in as NAME for privileged commands (or ${ENV_USER})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="edgedeck", description="EdgeDeck, the edge AI appliance console.")
    parser.add_argument("--version", action="version", version=f"EdgeDeck {app.__version__}")
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the console window (the default)")
    gui.add_argument("--demo", action="store_true",
                     help="seed demo accounts into an empty data folder (for trying it out)")
    gui.set_defaults(func=cmd_gui)

    setup = sub.add_parser("setup", help="first-run setup: create the administrator")
    setup.add_argument("--admin", metavar="NAME", help="the administrator's user name")
    setup.add_argument("--preseed", metavar="FILE",
                       help="INI file with [admin] name, password or password_file; [device] "
                            "name")
    setup.add_argument("--device-name", metavar="NAME", help="name of this appliance")
    setup.set_defaults(func=cmd_setup)

    status = sub.add_parser("status", help="versions, data folder, database, users, audit head")
    status.set_defaults(func=cmd_status)

    doctor = sub.add_parser("doctor", help="check the environment; non-zero exit on problems")
    doctor.add_argument("--only", metavar="CHECKS",
                        help="comma-separated subset: data,database,qt,onnxruntime,nvml")
    doctor.set_defaults(func=cmd_doctor)

    users = sub.add_parser("users", help="manage accounts (admin)")
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    users_sub.add_parser("list", help="list accounts")
    add = users_sub.add_parser("add", help="add an account (password from prompt or stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["operator", "technician", "admin"])
    for p in (status, doctor, setup, gui, users, *users_sub.choices.values()):
        _common(p)
    users.set_defaults(func=cmd_users)

    probe = sub.add_parser("_qt-probe", help=argparse.SUPPRESS)
    probe.set_defaults(func=cmd_qt_probe)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `edgedeck status | head` ends quietly, as Unix tools do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # Without this, logging's last-resort handler would print tracebacks on stderr.
    logging.getLogger().addHandler(logging.NullHandler())
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "gui"])
    try:
        return int(args.func(args) or 0)
    except EdgeDeckError as exc:
        print(f"edgedeck: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("edgedeck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - a person gets one line; the log gets the trace
        log.exception("unexpected error in %s", getattr(args, "command", "?"))
        if os.environ.get(ENV_DEBUG):
            traceback.print_exc()
        logged = any(isinstance(h, logging.FileHandler) for h in logging.getLogger().handlers)
        where = "details in the log file" if logged else f"set {ENV_DEBUG}=1 for details"
        print(f"edgedeck: internal error: {type(exc).__name__}: {exc} ({where})",
              file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
