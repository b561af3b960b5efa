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


def open_context(args: argparse.Namespace) -> Any:
    """The AppContext for --data-dir (imported lazily: `--version` must stay instant)."""
    from app.context import AppContext

    return AppContext.open(getattr(args, "data_dir", None))


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


