"""`edgedeck monitor` and `edgedeck metrics`: the box's state for SSH sessions and Prometheus."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from app.cli.common import emit, open_context
from app.errors import ValidationError

DEFAULT_METRICS_PORT = 9464


def register(sub: Any, common: Any) -> None:
    monitor = sub.add_parser("monitor", help="every device and metric, once or continuously")
    monitor.add_argument("--once", action="store_true", help="one snapshot, then exit")
    monitor.add_argument("--count", type=int, default=0, help="stop after N samples")
    monitor.add_argument("--record", action="store_true",
                         help="also write history and evaluate alarms (headless boxes; only "
                              "one recorder per appliance: not while the GUI runs)")
    monitor.add_argument("--simulate", action="store_true",
                         help="add a simulated GPU and NPU (demos)")
    metrics = sub.add_parser("metrics", help="Prometheus exposition of the current snapshot")
    mode = metrics.add_mutually_exclusive_group(required=True)
    mode.add_argument("--prometheus", action="store_true", help="print once and exit")
    mode.add_argument("--serve", metavar="HOST:PORT", nargs="?", const="",
                      help=f"serve a read-only /metrics (default 127.0.0.1:"
                           f"{DEFAULT_METRICS_PORT}; another address only when given)")
    metrics.add_argument("--simulate", action="store_true")
    for parser in (monitor, metrics):
        common(parser)
    monitor.set_defaults(func=cmd_monitor)
    metrics.set_defaults(func=cmd_metrics)


def snapshot_dict(snapshot: Any) -> dict[str, Any]:
    return snapshot.as_dict()


def snapshot_text(snapshot: Any) -> str:
    lines = [time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(snapshot.taken_at))]
    for device in snapshot.devices:
        lines.append(f"{device.device_id} ({device.kind}) {device.name}"
                     + (f" — ERROR: {device.error}" if device.error else ""))
        for key, reading in sorted(device.readings.items()):
            note = f"  [{reading.note}]" if reading.note else ""
            lines.append(f"  {key:<24} {reading.display(1):>14}  {reading.label}{note}")
    return "\n".join(lines)


def _fresh_snapshot(monitor: Any) -> Any:
    """Rates (CPU %, NPU busy time, network) need two reads: take the second, 1 s later."""
    monitor.snapshot()
    time.sleep(1.0)
    return monitor.snapshot()


def cmd_monitor(args: argparse.Namespace) -> int:
    from app.telemetry.monitor import Monitor

    record = args.record and not args.once
    with open_context(args, read_only=not record) as ctx:
        monitor = Monitor(ctx, simulate=args.simulate, record=record)
        try:
            if args.once:
                snap = _fresh_snapshot(monitor)
                emit(args, snapshot_dict(snap), snapshot_text(snap))
                return 0
            taken = 0
            monitor.snapshot()
            while not args.count or taken < args.count:
                time.sleep(monitor.sampler.interval_s)
                snap = monitor.snapshot()
                emit(args, snapshot_dict(snap), snapshot_text(snap) + "\n")
                sys.stdout.flush()
                taken += 1
        finally:
            monitor.stop()
    return 0


def parse_address(value: str) -> tuple[str, int, bool]:
    """(host, port, explicit): an empty value means loopback on the default port."""
    if not value:
        return "127.0.0.1", DEFAULT_METRICS_PORT, False
    host, sep, port_text = value.rpartition(":")
    if not sep:
        host, port_text = value, str(DEFAULT_METRICS_PORT)
    host = host.strip("[]") or "127.0.0.1"
    try:
        port = int(port_text)
    except ValueError:
        raise ValidationError(f"'{value}' is not HOST:PORT (e.g. 127.0.0.1:9464).") from None
    if not 0 <= port <= 65535:
        raise ValidationError(f"Port {port} is out of range.")
    return host, port, True


def cmd_metrics(args: argparse.Namespace) -> int:
    from app.telemetry.monitor import Monitor
    from app.telemetry.prometheus import render, serve_metrics

    with open_context(args, read_only=True) as ctx:
        monitor = Monitor(ctx, simulate=args.simulate, record=False)
        try:
            if args.prometheus:
                sys.stdout.write(render(_fresh_snapshot(monitor)))
                return 0
            host, port, explicit = parse_address(args.serve)
            monitor.start()
            server = serve_metrics(host, port, lambda: monitor.sampler.latest,
                                   allow_non_loopback=explicit)
            print(f"Serving read-only metrics on {server.url} (Ctrl+C to stop)", flush=True)
            try:
                while True:
                    time.sleep(3600)
            finally:
                server.close()
        finally:
            monitor.stop()
