"""`edgedeck users list|add|disable|enable|passwd|role` (admin; passwd without NAME: your own)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import emit, open_context, read_password, sign_in, signed_in_name


def _row(user: Any) -> str:
    state = "disabled" if not user.enabled else ("LOCKED" if user.locked else "enabled")
    return (f"{user.username:<20} {user.role:<11} {state:<9} "
            f"last login {user.last_login_at or 'never'}")


def register(sub: Any, common: Any) -> None:
    users = sub.add_parser("users", help="manage accounts (admin)")
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="list accounts")
    add = actions.add_parser("add", help="add an account (password from prompt or stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["operator", "technician", "admin"])
    for verb, text in (("disable", "disable an account"),
                       ("enable", "re-enable an account (also lifts a lockout)")):
        actions.add_parser(verb, help=text).add_argument("name")
    passwd = actions.add_parser(
        "passwd", help="reset NAME's password (admin), or change your own without NAME "
                       "(stdin: current password, then the new one)")
    passwd.add_argument("name", nargs="?")
    role = actions.add_parser("role", help="change an account's role")
    role.add_argument("name")
    role.add_argument("role", choices=["operator", "technician", "admin"])
    for parser in (users, *actions.choices.values()):
        common(parser)
    users.set_defaults(func=cmd_users)


def cmd_users(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        command = args.users_command
        if command == "passwd" and not args.name:
            # Your own password: the sign-in password is the current one (asked once).
            user = signed_in_name(args)
            old = read_password(f"Current password for {user}: ")
            actor = ctx.users.authenticate(user, old, source="cli")
            new = read_password("New password: ", confirm=True)
            ctx.users.change_own_password(actor, old, new)
            emit(args, {"user": actor.username, "changed": True}, "Your password was changed.")
            return 0
        actor = sign_in(ctx, args)
        if command == "list":
            users = ctx.users.list_users(actor)
            emit(args, [{**u.__dict__, "locked": u.locked} for u in users],
                 "\n".join(_row(u) for u in users))
        elif command == "add":
            password = read_password(f"Password for the new user {args.name}: ", confirm=True)
            user = ctx.users.add_user(actor, args.name, password, args.role)
            emit(args, user.__dict__, f"Added {user.role} '{user.username}'.")
        elif command in ("disable", "enable"):
            user = ctx.users.set_enabled(actor, args.name, command == "enable")
            emit(args, user.__dict__, f"{user.username}: {command}d.")
        elif command == "role":
            user = ctx.users.set_role(actor, args.name, args.role)
            emit(args, user.__dict__, f"{user.username} is now {user.role}.")
        elif command == "passwd":
            password = read_password(f"New password for {args.name}: ", confirm=True)
            ctx.users.reset_password(actor, args.name, password)
            emit(args, {"user": args.name, "reset": True}, f"Password of {args.name} reset.")
    return 0
