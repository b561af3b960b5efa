"""The `edgedeck` command: every subcommand is a thin call into a service.

Conventions every command follows: `--json` for machine-readable output; exit 0 on success and
non-zero on failure with a one-line reason on stderr (never a traceback); privileged commands
sign in as `--user NAME` (or EDGEDECK_USER) with the password prompted on a terminal or read
from the first line of standard input otherwise, and get the same role checks and audit records
as the GUI.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import traceback
from collections.abc import Sequence

import app
from app.cli import audit as audit_commands
from app.cli import field as field_commands
from app.cli import kb as kb_commands
from app.cli import models as models_commands
from app.cli import monitor as monitor_commands
from app.cli import serve as serve_commands
from app.cli import users as users_commands
from app.cli.common import ENV_DEBUG, ENV_USER, read_password
from app.cli.system import cmd_doctor, cmd_gui, cmd_qt_probe, cmd_setup, cmd_status
from app.errors import DiskFullError, EdgeDeckError, is_disk_full

log = logging.getLogger("edgedeck.cli")

EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

__all__ = ["build_parser", "main", "read_password"]


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
    parser.add_argument("--self-test", action="store_true",
                        help="prove this installation works (database, audit workers, "
                             "resources, ONNX providers, Qt offscreen); exit 1 on a failure")
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the console window (the default)")
    gui.add_argument("--demo", action="store_true",
                     help="seed demo accounts into an empty data folder and add simulated "
                          "devices (for trying it out)")
    gui.add_argument("--simulate", action="store_true",
                     help="add a simulated GPU and NPU to the real devices")
    gui.add_argument("--kiosk", action="store_true",
                     help="operator kiosk: full screen, status, alarms, playground and ask "
                          "only; leaving it needs a technician")
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
                        help="comma-separated subset: data,encryption,database,qt,onnxruntime,nvml")
    doctor.set_defaults(func=cmd_doctor)

    for p in (status, doctor, setup, gui):
        _common(p)
    users_commands.register(sub, _common)
    audit_commands.register(sub, _common)
    monitor_commands.register(sub, _common)
    field_commands.register(sub, _common)
    models_commands.register(sub, _common)
    serve_commands.register(sub, _common)
    kb_commands.register(sub, _common)

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
    if args.self_test:
        from app.cli.selftest import cmd_self_test

        args.func = cmd_self_test
    elif not getattr(args, "func", None):
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
        if is_disk_full(exc):  # raised below the services (a log file, a plain write)
            full = DiskFullError(_data_dir_of(args))
            print(f"edgedeck: {full}", file=sys.stderr)
            return full.exit_code
        log.exception("unexpected error in %s", getattr(args, "command", "?"))
        if os.environ.get(ENV_DEBUG):
            traceback.print_exc()
        logged = any(isinstance(h, logging.FileHandler) for h in logging.getLogger().handlers)
        where = "details in the log file" if logged else f"set {ENV_DEBUG}=1 for details"
        print(f"edgedeck: internal error: {type(exc).__name__}: {exc} ({where})",
              file=sys.stderr)
        return EXIT_INTERNAL


def _data_dir_of(args: argparse.Namespace) -> str:
    from app.paths import resolve_data_dir

    try:
        return str(resolve_data_dir(getattr(args, "data_dir", None)))
    except Exception:  # noqa: BLE001 - only for the message
        return "."


if __name__ == "__main__":
    sys.exit(main())
