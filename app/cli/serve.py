"""`edgedeck serve` (the inference service, in the foreground) and `edgedeck keys add|list|revoke`.

`serve` needs a technician's sign-in (RUN_SERVICE), like every privileged command; the service
itself then acts as the system account "serve" in the audit trail, naming who started it. When
the console starts the service it passes a one-time launch token instead (see
app/serving/state.py), so no password is typed twice. For an unattended start (a systemd unit),
pipe the password from a file readable only by root: `edgedeck serve --user svc < pw-file`.
Keys are an administrator's (MANAGE_API_KEYS); a new key's secret is printed once.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from app.cli.common import emit, open_context, sign_in
from app.errors import EdgeDeckError, ValidationError


def register(sub: Any, common: Any) -> None:
    serve = sub.add_parser("serve", help="run the inference service (KServe v2 / Triton HTTP) "
                           "for the active models (technician)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this box only; give an "
                            "address explicitly to serve the network)")
    serve.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    serve.add_argument("--tls-cert", metavar="PEM", help="serve HTTPS with this certificate")
    serve.add_argument("--tls-key", metavar="PEM", help="the certificate's private key")
    serve.add_argument("--max-batch-delay-ms", type=float, default=2.0,
                       help="how long a request may wait to share a model run (default 2)")
    serve.add_argument("--max-batch-size", type=int, default=32,
                       help="rows per model run when batching (default 32; 1 = no batching)")
    serve.add_argument("--max-queue", type=int, default=64,
                       help="requests waiting per model before 503 (default 64)")
    serve.add_argument("--max-body-mb", type=float, default=64.0,
                       help="request bodies above this get 413 (default 64 MiB)")
    serve.add_argument("--max-inflight-mb", type=float, default=None,
                       help="request data held at once, all requests together, before new "
                            "ones get 503 (default 4 x --max-body-mb)")
    serve.add_argument("--read-timeout", type=float, default=15.0, metavar="SECONDS",
                       help="a request head must arrive, and a body keep moving, within this "
                            "(else 408 and the connection is closed; default 15)")
    serve.add_argument("--cpu", action="store_true",
                       help="run every model on the CPU (default: TensorRT -> CUDA -> CPU)")
    serve.add_argument("--log-days", type=float, default=30.0,
                       help="keep access-log rows this many days (default 30)")
    serve.add_argument("--log-max-rows", type=int, default=1_000_000,
                       help="and at most this many rows (default 1,000,000)")
    serve.set_defaults(func=cmd_serve)

    keys = sub.add_parser("keys", help="API keys of the inference service (admin)")
    actions = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create a key; its secret is printed once")
    add.add_argument("--name", required=True, help="who uses it, e.g. line3-vision")
    add.add_argument("--model", action="append", metavar="NAME",
                     help="a model the key may use (repeat; default: every model)")
    add.add_argument("--expires-days", type=int, metavar="DAYS",
                     help="refuse the key from this many days on (1-3650; default: never)")
    actions.add_parser("list", help="every key (secrets are never shown again)")
    revoke = actions.add_parser("revoke", help="refuse a key from the next request on")
    revoke.add_argument("id", type=int, help="the key's id (see `keys list`)")
    for parser in (serve, keys, *actions.choices.values()):
        common(parser)
    keys.set_defaults(func=cmd_keys)


def _options(args: argparse.Namespace) -> Any:
    from app.serving.runtime import ServingOptions

    if args.max_batch_delay_ms < 0 or args.max_batch_delay_ms > 1000:
        raise ValidationError("--max-batch-delay-ms must be between 0 and 1000.")
    if args.max_batch_size < 1 or args.max_queue < 1:
        raise ValidationError("--max-batch-size and --max-queue must be at least 1.")
    if args.max_body_mb <= 0:
        raise ValidationError("--max-body-mb must be positive.")
    inflight = getattr(args, "max_inflight_mb", None)
    if inflight is not None and inflight < args.max_body_mb:
        raise ValidationError("--max-inflight-mb must be at least --max-body-mb.")
    if args.log_days <= 0 or args.log_max_rows < 1:
        raise ValidationError("--log-days must be positive and --log-max-rows at least 1.")
    if not 0.1 <= args.read_timeout <= 3600:
        raise ValidationError("--read-timeout must be 0.1-3600 seconds.")
    return ServingOptions(
        host=args.host, port=args.port,
        tls_cert=Path(args.tls_cert) if args.tls_cert else None,
        tls_key=Path(args.tls_key) if args.tls_key else None,
        max_batch_size=args.max_batch_size, max_batch_delay_ms=args.max_batch_delay_ms,
        max_queue=args.max_queue, max_body_bytes=int(args.max_body_mb * (1 << 20)),
        max_inflight_bytes=int(inflight * (1 << 20)) if inflight is not None else None,
        providers=("CPUExecutionProvider",) if args.cpu else None,
        log_days=args.log_days, log_max_rows=args.log_max_rows,
        read_timeout_s=args.read_timeout)


def _starter(ctx: Any, args: argparse.Namespace) -> str:
    """Who starts the service: the console's launch token, or a technician signing in."""
    from app.auth.permissions import Permission
    from app.serving import state

    token = os.environ.pop(state.LAUNCH_TOKEN_ENV, "")
    if token:
        user = state.redeem_launch_token(ctx.store, token)
        if user is None:
            raise ValidationError("The launch token is wrong, used or expired; start the "
                                  "service from the console again, or sign in with --user.")
        return user
    actor = sign_in(ctx, args)
    ctx.guard.require(actor, Permission.RUN_SERVICE, "serving")
    return str(actor.username)


def cmd_serve(args: argparse.Namespace) -> int:
    from app.serving import state

    options = _options(args)
    with open_context(args) as ctx:
        try:
            started_by = _starter(ctx, args)
            current = ctx.serving.status()
            if current.running:
                raise ValidationError(f"The inference service already runs for this data "
                                      f"folder (pid {current.pid}, {current.url}); stop it "
                                      "first.")
            from app.serving.server import run_foreground

            def announce(url: str) -> None:
                exposed = "" if options.host in ("127.0.0.1", "::1", "localhost") else (
                    "\nListening beyond this box: every request needs an API key.")
                emit(args, {"event": "listening", "url": url, "pid": os.getpid(),
                            "tls": url.startswith("https")},
                     f"Serving at {url} (KServe v2 / Triton HTTP; every endpoint but "
                     f"/v2/health/* needs an API key). Ctrl-C stops.{exposed}")
                sys.stdout.flush()

            def ready(slots: list[Any]) -> None:
                served = [f"{s.name} v{s.current.version} ({s.current.provider})"
                          for s in slots if s.current is not None]
                failed = [f"{s.name} ({s.error})" for s in slots if s.current is None]
                emit(args, {"event": "ready", "models": [s.name for s in slots
                                                         if s.current is not None],
                            "failed": {s.name: s.error for s in slots if s.current is None}},
                     f"Ready: {', '.join(served) or 'no model has an active version'}"
                     + (f"; could not load: {'; '.join(failed)}" if failed else ""))
                sys.stdout.flush()

            run_foreground(ctx, options, started_by, announce, ready)
        except EdgeDeckError as exc:
            state.record_error(ctx.store, str(exc))
            raise
    if not getattr(args, "json", False):
        print("Stopped: queued requests were finished and the access log written.")
    return 0


def _key_row(key: Any) -> str:
    scope = ", ".join(key.models) if key.models is not None else "every model"
    state = {"revoked": f"revoked {key.revoked_at}", "expired": f"expired {key.expires_at}",
             "active": f"active until {key.expires_at}" if key.expires_at else "active"
             }[key.state()]
    used = key.last_used_at or "never used"
    return (f"{key.id:>4}  {key.name:<20} {key.prefix:<13} {state:<38} {used:<25} "
            f"{key.created_at} {key.created_by}  [{scope}]")


def cmd_keys(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        actor = sign_in(ctx, args)
        keys = ctx.api_keys
        if args.keys_command == "add":
            key, secret = keys.add(actor, args.name, args.model, args.expires_days)
            scope = ", ".join(key.models) if key.models is not None else "every model"
            until = f", valid until {key.expires_at}" if key.expires_at else ""
            emit(args, {**key.as_dict(), "secret": secret},
                 f"Created key {key.id} '{key.name}' ({key.prefix}) for {scope}{until}.\n"
                 f"Its secret is shown only now; give it to the client as "
                 f"'Authorization: Bearer <secret>':\n{secret}")
        elif args.keys_command == "list":
            listed = keys.list(actor)
            emit(args, [k.as_dict() for k in listed],
                 "\n".join(_key_row(k) for k in listed) or "No API keys yet.")
        else:
            keys.revoke(actor, args.id)
            emit(args, {"revoked": args.id}, f"Revoked key {args.id}.")
    return 0
