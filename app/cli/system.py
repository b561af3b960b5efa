"""First-run setup, status, doctor, the GUI and the Qt probe."""

from __future__ import annotations

import argparse
import configparser
import sys
from pathlib import Path
from typing import Any

from app.cli.common import emit, open_context, read_password
from app.errors import SetupError, ValidationError


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.app import run_gui

    return run_gui(data_dir=getattr(args, "data_dir", None), demo=args.demo,
                   simulate=args.simulate, kiosk=args.kiosk)


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
    with open_context(args, create=True) as ctx:
        if not ctx.users.needs_setup():
            raise SetupError("Setup was already done: this appliance has accounts.")
        password = values.get("password") or read_password(
            f"New password for {values['admin']}: ", confirm=True)
        actor = ctx.users.setup_admin(values["admin"], password, source="cli")
        if values.get("device_name"):
            ctx.settings.set_device_name(actor, values["device_name"])
        emit(args, {"admin": actor.username, "data_dir": str(ctx.data_dir),
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

    with open_context(args, read_only=True) as ctx:
        report = status_report(ctx)
    emit(args, report, _format_status(report))
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
    emit(args, {"worst": worst, "checks": [c.as_dict() for c in checks]}, "\n".join(lines))
    if worst == "fail":
        failed = [c.name for c in checks if c.level == "fail"]
        print(f"edgedeck: doctor found problems: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def cmd_qt_probe(args: argparse.Namespace) -> int:
    from app.ui.qt_probe import probe

    return probe()


