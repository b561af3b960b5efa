"""Snapshots as Prometheus text exposition (format 0.0.4), and a tiny read-only /metrics server.

Names follow the Prometheus conventions: base units in the name (`_celsius`, `_bytes`,
`_ratio` for 0-1 fractions), `_total` for counters, one HELP and TYPE per name, the device in
labels. An unsupported reading is left out: an absent series says "unknown", a zero would lie.
The server binds to loopback unless the caller explicitly allows otherwise, because the box's
health is nobody else's business by default.
"""

from __future__ import annotations

import fnmatch
import ipaddress
import logging
import math
import re
import socket
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from app.errors import ValidationError
from app.telemetry.model import DeviceSnapshot, Reading, Snapshot

log = logging.getLogger(__name__)

PREFIX = "edgedeck"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 9464  # the port commonly used by exporters that have no registered one

# Reading unit -> (base unit suffix, multiplier, divisor): dividing keeps 57 % exactly 0.57.
UNITS: dict[str, tuple[str, float, float]] = {
    "%": ("ratio", 1.0, 100.0),
    "C": ("celsius", 1.0, 1.0),
    "°C": ("celsius", 1.0, 1.0),
    "W": ("watts", 1.0, 1.0),
    "mW": ("watts", 1.0, 1e3),
    "V": ("volts", 1.0, 1.0),
    "mV": ("volts", 1.0, 1e3),
    "Hz": ("hertz", 1.0, 1.0),
    "kHz": ("hertz", 1e3, 1.0),
    "MHz": ("hertz", 1e6, 1.0),
    "GHz": ("hertz", 1e9, 1.0),
    "B": ("bytes", 1.0, 1.0),
    "KiB": ("bytes", 1024.0, 1.0),
    "MiB": ("bytes", 1024.0**2, 1.0),
    "GiB": ("bytes", 1024.0**3, 1.0),
    "TiB": ("bytes", 1024.0**4, 1.0),
    "s": ("seconds", 1.0, 1.0),
    "ms": ("seconds", 1.0, 1e3),
    "us": ("seconds", 1.0, 1e6),
    "µs": ("seconds", 1.0, 1e6),
    "min": ("seconds", 60.0, 1.0),
    "h": ("seconds", 3600.0, 1.0),
    "": ("", 1.0, 1.0),
    "count": ("", 1.0, 1.0),
}
# Key words spelled out as Prometheus names expect.
WORDS = {
    "util": "utilization",
    "temp": "temperature",
    "mem": "memory",
    "freq": "frequency",
}
# ... and only as the last segment (gpu.fan is a speed; gpu.fan.rpm already says so).
LAST_WORDS = {"fan": "fan_speed"}
# Cumulative counts (exposed as counters, `_total`); other readings are gauges.
COUNTER_KEYS = ("*.ecc.corrected", "*.ecc.uncorrected", "*.errors", "*.count_total")
COUNTER_UNITS = {"gpu.ecc.corrected": "errors", "gpu.ecc.uncorrected": "errors"}
# Key segments that carry an index (cpu.core3.util) become a label instead of part of the name.
INDEXED = re.compile(r"^(core|chip|cluster|gpc|dla|pva|engine|fan)(\d+)$")
_INVALID = re.compile(r"[^a-zA-Z0-9_]")


@dataclass(frozen=True)
class Sample:
    name: str
    kind: str  # gauge / counter
    help: str
    labels: tuple[tuple[str, str], ...]
    value: float


def escape_label(value: str) -> str:
    """Label values escape backslash, double quote and line feed (exposition format 0.0.4)."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def escape_help(text: str) -> str:
    """HELP text escapes backslash and line feed only."""
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def format_value(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _is_counter(key: str) -> bool:
    return any(fnmatch.fnmatchcase(key, p) for p in COUNTER_KEYS)


def metric_for(
    device: DeviceSnapshot, reading: Reading
) -> tuple[str, str, tuple[float, float], dict[str, str]]:
    """(name, type, (multiplier, divisor) to the base unit, labels from the key) of a reading."""
    base, mul, div = UNITS.get(reading.unit, (_INVALID.sub("_", reading.unit).lower(), 1.0, 1.0))
    parts = reading.key.split(".")
    extra: dict[str, str] = {}
    words: list[str] = []
    for index, part in enumerate(parts):
        match = INDEXED.match(part)
        if match:
            words.append(match.group(1))
            extra[match.group(1)] = match.group(2)
        elif index == len(parts) - 1 and part in LAST_WORDS:
            words.append(LAST_WORDS[part])
        else:
            words.append(WORDS.get(part, part))
    if parts[0] != device.kind and device.kind not in ("", "unknown"):
        words.insert(0, device.kind)
    counter = _is_counter(reading.key)
    if counter:
        unit = COUNTER_UNITS.get(reading.key, "")
        if unit and words[-1] != unit:
            words.append(unit)
        words.append("total")
    elif base and words[-1] != base:
        words.append(base)
    name = _INVALID.sub("_", "_".join([PREFIX, *words]).lower())
    name = re.sub("_+", "_", name)
    return name, "counter" if counter else "gauge", (mul, div), extra


def samples(snapshot: Snapshot, alarm_counts: Mapping[str, int] | None = None) -> list[Sample]:
    """Every metric sample of a snapshot, in a stable order (devices as read, keys sorted)."""
    out: list[Sample] = []
    for device in snapshot.devices:
        base = (("device", device.device_id), ("kind", device.kind), ("name", device.name))
        out.append(Sample(
            f"{PREFIX}_device_up", "gauge",
            "1 when the device was read without error in the latest sample, else 0",
            base, 0.0 if device.error else 1.0,
        ))
        for key in sorted(device.readings):
            reading = device.readings[key]
            if not reading.supported or reading.value is None:
                continue
            try:
                value = float(reading.value)
            except (TypeError, ValueError):
                continue
            if not math.isfinite(value):
                continue
            name, kind, (mul, div), extra = metric_for(device, reading)
            help_text = (f"{reading.meaning} (sampled over: {reading.window}; source key "
                         f"{reading.key}, {reading.unit or 'no unit'})")
            labels = base + tuple(extra.items())
            out.append(Sample(name, kind, help_text, labels, value * mul / div))
    out.append(Sample(
        f"{PREFIX}_snapshot_timestamp_seconds", "gauge",
        "When the latest sample was taken, seconds since the Unix epoch", (), snapshot.taken_at,
    ))
    if alarm_counts is not None:
        for priority, count in alarm_counts.items():
            out.append(Sample(
                f"{PREFIX}_alarms_active", "gauge",
                "Alarms shown to the operator (active or awaiting acknowledgement, not shelved)",
                (("priority", priority),), float(count),
            ))
    return out


def render(snapshot: Snapshot, alarm_counts: Mapping[str, int] | int | None = None) -> str:
    """The whole exposition: HELP and TYPE once per name, its samples grouped below them."""
    if isinstance(alarm_counts, int):
        alarm_counts = {"all": alarm_counts}
    groups: dict[str, list[Sample]] = {}
    for sample in samples(snapshot, alarm_counts):
        groups.setdefault(sample.name, []).append(sample)
    lines: list[str] = []
    for name, group in groups.items():
        lines.append(f"# HELP {name} {escape_help(group[0].help)}")
        lines.append(f"# TYPE {name} {group[0].kind}")
        seen: set[tuple[tuple[str, str], ...]] = set()
        for sample in group:
            if sample.labels in seen:  # two readers claiming one device id: keep the first
                continue
            seen.add(sample.labels)
            labels = ",".join(f'{k}="{escape_label(str(v))}"' for k, v in sample.labels)
            text = f"{{{labels}}}" if labels else ""
            lines.append(f"{name}{text} {format_value(sample.value)}")
    return "\n".join(lines) + "\n"


# -- the HTTP endpoint ---------------------------------------------------------------------------

SnapshotProvider = Callable[[], Snapshot | None]
CountsProvider = Callable[[], Mapping[str, int]]


def is_loopback(host: str) -> bool:
    """True only if every address `host` resolves to is a loopback address."""
    if host in ("", "*"):
        return False
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    addresses = {info[4][0] for info in infos}
    return bool(addresses) and all(
        ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses
    )


class _Handler(BaseHTTPRequestHandler):
    server_version = "EdgeDeck-metrics"
    sys_version = ""  # do not advertise the Python version
    timeout = 10  # a client that stalls cannot hold a thread forever
    snapshot_provider: SnapshotProvider
    counts_provider: CountsProvider | None

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._metrics(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._metrics(with_body=False)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("do_"):  # every other method: 405, not http.server's 501
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self._send(405, b"Method not allowed: /metrics is read-only.\n", {"Allow": "GET, HEAD"})

    def _metrics(self, with_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path != "/metrics":
            self._send(404, b"Not found: try /metrics\n", with_body=with_body)
            return
        try:
            snapshot = self.snapshot_provider()
            counts = self.counts_provider() if self.counts_provider else None
            if snapshot is None:
                self._send(503, b"No sample taken yet.\n", with_body=with_body)
                return
            body = render(snapshot, counts).encode("utf-8")
        except Exception:  # noqa: BLE001 - a scrape must never kill the server
            log.exception("rendering /metrics failed")
            self._send(500, b"Internal error while rendering metrics.\n", with_body=with_body)
            return
        self._send(200, body, {"Content-Type": CONTENT_TYPE}, with_body)

    def _send(
        self, code: int, body: bytes, headers: Mapping[str, str] | None = None,
        with_body: bool = True,
    ) -> None:
        self.send_response(code)
        merged = {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}
        for key, value in merged.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("metrics %s - %s", self.address_string(), format % args)


class MetricsServer:
    """A running /metrics endpoint on its own daemon thread; `close()` stops it."""

    def __init__(self, httpd: ThreadingHTTPServer) -> None:
        self._httpd = httpd
        # A short poll keeps close() quick (it waits for the loop to notice); the cost is nil.
        self._thread = threading.Thread(target=httpd.serve_forever, args=(0.05,),
                                        name="metrics-http", daemon=True)
        self._thread.start()

    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/metrics"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)

    def __enter__(self) -> MetricsServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def serve_metrics(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    snapshot_provider: SnapshotProvider | None = None,
    alarm_counts_provider: CountsProvider | None = None,
    allow_non_loopback: bool = False,
) -> MetricsServer:
    """Start serving GET /metrics; refuses a non-loopback address unless explicitly allowed."""
    if snapshot_provider is None:
        raise ValueError("serve_metrics needs a snapshot_provider (e.g. lambda: sampler.latest)")
    if not allow_non_loopback and not is_loopback(host):
        raise ValidationError(
            f"Refusing to serve metrics on {host!r}: it is reachable from other machines. "
            "Use 127.0.0.1, or name the address explicitly to expose it."
        )
    handler = type("MetricsHandler", (_Handler,), {
        "snapshot_provider": staticmethod(snapshot_provider),
        "counts_provider": staticmethod(alarm_counts_provider) if alarm_counts_provider
        else None,
    })
    server_class = ThreadingHTTPServer
    if ":" in host.strip("[]"):
        server_class = type("V6Server", (ThreadingHTTPServer,), {
            "address_family": socket.AF_INET6})
    try:
        httpd = server_class((host.strip("[]"), port), handler)
    except OSError as exc:
        raise ValidationError(f"Cannot serve metrics on {host}:{port}: {exc.strerror or exc}."
                              ) from exc
    httpd.daemon_threads = True
    return MetricsServer(httpd)


def metric_names(snapshot: Snapshot) -> list[str]:
    """The distinct metric names a snapshot produces (for docs and the Settings page)."""
    return sorted({s.name for s in samples(snapshot)})
