"""What every command shares: output, passwords, signing in, opening the data folder."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any

from app.errors import ValidationError

ENV_USER = "EDGEDECK_USER"
ENV_DEBUG = "EDGEDECK_DEBUG"


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        print(text)


def read_secret(prompt: str, confirm: bool = False, word: str = "password",
                missing: str = "type it, or pipe it as the first line of standard input",
                differ: str = "nothing was changed") -> str:
    """Prompt on a terminal (twice when `confirm`); otherwise the next line of standard input."""
    if sys.stdin is not None and sys.stdin.isatty():
        secret = getpass.getpass(prompt)
        if confirm and getpass.getpass(f"Repeat {word}: ") != secret:
            raise ValidationError(f"The two {word}s differ; {differ}.")
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        secret = line.rstrip("\r\n")
    if not secret:
        raise ValidationError(f"No {word} given ({missing}).")
    return secret


def read_password(prompt: str = "Password: ", confirm: bool = False) -> str:
    return read_secret(prompt, confirm)


def open_context(args: argparse.Namespace, create: bool = False,
                 read_only: bool = False) -> Any:  # noqa: ANN401 - AppContext, imported lazily
    """The AppContext for --data-dir (imported lazily: `--version` must stay instant).

    Only `setup` may `create` a data folder: for every other command a missing folder or
    database is an error (a typo in --data-dir must not make a new appliance). `read_only`
    commands (status, monitor, metrics, audit verify) also leave the folder as they found it:
    no start-up repairs, no schema upgrade, and a folder mid-restore is refused. What opening
    did that a person must know (a restore completed or undone, modes repaired) goes to
    stderr, so --json output stays clean."""
    from app.context import AppContext

    ctx = AppContext.open(getattr(args, "data_dir", None), create=create, read_only=read_only)
    for note in ctx.startup_notes:
        print(f"edgedeck: note: {note}", file=sys.stderr)
    return ctx


def signed_in_name(args: argparse.Namespace) -> str:
    user = getattr(args, "user", None) or os.environ.get(ENV_USER)
    if not user:
        raise ValidationError(f"This command needs a signed-in user: add --user NAME (or set "
                              f"{ENV_USER}).")
    return str(user)


def sign_in(ctx: Any, args: argparse.Namespace) -> Any:
    """The actor for a privileged command: --user / EDGEDECK_USER and a password."""
    user = signed_in_name(args)
    return ctx.users.authenticate(user, read_password(f"Password for {user}: "), source="cli")


