"""The console's handle on the inference service: status, start/stop, access log, rates.

The service runs in its own process (`edgedeck serve`), so the console and the service can
restart independently. `start` spawns it detached (its own session, output to
`logs/serve.out`) with a one-time launch token instead of a password, waits until it is
ready and says why when it is not; `stop` sends SIGTERM and waits for the drain. Status comes
from the `serving_state` row, trusted only while the pid is alive, the heartbeat fresh (and not
from the future: a clock set back after a crash) and the process no younger than that heartbeat
(a reused pid), so a stale row can never make the console signal an unrelated process. The
Serving page polls status, rates and the log every 2 s: each is a few index seeks, whatever the
length of the access log.
Reading the access log and starting/stopping need RUN_SERVICE (technician); every start and stop
is audited. Plain Python: the Qt page calls these from worker threads.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.errors import ValidationError
from app.messages import msg
from app.serving import state
from app.serving.keys import ApiKey, ApiKeyService

if TYPE_CHECKING:
    from app.audit.trail import AuditTrail
    from app.auth.guard import Guard
    from app.store import Store

__all__ = ["AccessRecord", "ApiKey", "ApiKeyService", "RateSummary", "ServiceStatus",
           "ServingControl"]

log = logging.getLogger(__name__)

HEARTBEAT_STALE_S = 10.0  # the service beats every 2 s
CLOCK_SKEW_S = 2.0  # a heartbeat this far "in the future" is still believed; more is stale
PID_START_SLACK_S = 2.0  # process start times are known to about a second
RATE_SAMPLE = 20_000  # latency percentiles from at most this many newest successful requests
START_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 30.0
OUTPUT_FILE = "serve.out"


@dataclass(frozen=True)
class ServiceStatus:
    running: bool
    pid: int | None
    url: str | None
    started_at: str | None
    heartbeat_at: str | None
    tls: bool
    models: list[str]
    error: str | None  # the last start failure, for the console


@dataclass(frozen=True)
class AccessRecord:
    time: str
    key: str  # "name (edk_1234abcd)", the bare prefix of an unknown key, or ""
    model: str
    version: int | None
    latency_ms: float
    queue_ms: float
    status: int
    outcome: str
    error: str
    batch_size: int  # requests that shared the model run (0: never reached the model)


@dataclass(frozen=True)
class RateSummary:
    window_s: int
    requests: int
    per_second: float
    errors: int
    p50_ms: float | None
    p99_ms: float | None
    per_model: dict[str, int]


def pid_alive(pid: int | None) -> bool:
    """True while the process exists (reaping it first when it is our exited child)."""
    if not pid or pid <= 0:
        return False
    if os.name != "nt":
        with contextlib.suppress(ChildProcessError, OSError):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done == pid:
                return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def process_started(pid: int) -> float | None:
    """When the process with this pid started (Unix time), or None when unknown."""
    try:
        import psutil

        return float(psutil.Process(pid).create_time())
    except Exception:  # noqa: BLE001 - gone, not ours to inspect, or no psutil: unknown
        return None


def _percentile(values: list[float], q: float) -> float | None:
    """`values` sorted; the same as statistics.quantiles(n=100, method='inclusive')."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    position = (len(values) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


class ServingControl:
    """Start, stop and watch the service process; it gets only the collaborators it uses."""

    def __init__(self, store: Store, audit: AuditTrail, guard: Guard, data_dir: Path) -> None:
        self._store = store
        self._guard = guard
        self._audit = audit
        self._data_dir = data_dir

    # -- status --------------------------------------------------------------------------

    def status(self) -> ServiceStatus:
        """What the service says about itself, believed only while its pid is alive and its
        heartbeat fresh (a killed service leaves a row behind, and pids get reused)."""
        row = state.read_state(self._store)
        beat = state.parse_iso(row.heartbeat_at)
        age = (datetime.now(timezone.utc) - beat).total_seconds() if beat else None
        # A heartbeat from the future is a stale row seen after the clock went back (a box
        # without a real-time clock, before NTP): believing it would make any process that
        # now has that pid "the service" until the clock catches up.
        fresh = age is not None and -CLOCK_SKEW_S < age < HEARTBEAT_STALE_S
        running = (row.pid is not None and fresh and pid_alive(row.pid)
                   and self._same_process(row.pid, beat))
        return ServiceStatus(running, row.pid if running else None, row.url, row.started_at,
                             row.heartbeat_at, row.tls, row.models if running else [],
                             row.error)

    @staticmethod
    def _same_process(pid: int, beat: datetime | None) -> bool:
        """False when the pid belongs to a process that started after the service's last
        heartbeat: the service died and its pid was reused (the heartbeat alone would say
        'running' for up to HEARTBEAT_STALE_S, and stop() would signal a stranger)."""
        started = process_started(pid)
        if started is None or beat is None:
            return True  # unknown: the pid and the fresh heartbeat have to do
        return started <= beat.timestamp() + PID_START_SLACK_S

    # -- start / stop --------------------------------------------------------------------

    def command(self, host: str, port: int, tls_cert: str | Path | None,
                tls_key: str | Path | None) -> list[str]:
        """The `edgedeck serve` command line (works from sources and from the frozen bundle)."""
        base = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m",
                                                                          "app"]
        argv = [*base, "--data-dir", str(self._data_dir), "serve", "--host", host,
                "--port", str(int(port))]
        if tls_cert is not None:
            argv += ["--tls-cert", str(tls_cert)]
        if tls_key is not None:
            argv += ["--tls-key", str(tls_key)]
        return argv

    def start(self, actor: Actor, host: str = "127.0.0.1", port: int = 8000,
              tls_cert: str | Path | None = None, tls_key: str | Path | None = None
              ) -> ServiceStatus:
        """Spawn the service and wait (up to ~10 s) until it answers; audited either way.
        Already running: returns its status unchanged."""
        self._guard.require(actor, Permission.RUN_SERVICE, "serving")
        current = self.status()
        if current.running:
            return current
        if (tls_cert is None) != (tls_key is None):
            raise ValidationError("TLS needs both a certificate and a key file.")
        token = state.issue_launch_token(self._store, actor.username)
        logs = self._data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        output = logs / OUTPUT_FILE
        env = {**os.environ, state.LAUNCH_TOKEN_ENV: token}
        env.pop("EDGEDECK_USER", None)
        argv = self.command(host, port, tls_cert, tls_key)
        with open(output, "wb") as sink:  # the latest run's output only
            kwargs: dict = {"start_new_session": True} if os.name != "nt" else {
                "creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=sink,
                                       stderr=subprocess.STDOUT, env=env, **kwargs)
        deadline = time.monotonic() + START_TIMEOUT_S
        status = self.status()
        while time.monotonic() < deadline:
            status = self.status()
            if status.running and status.pid == process.pid:
                break
            if process.poll() is not None:
                break
            time.sleep(0.1)
        details = {"host": host, "port": port, "tls": tls_cert is not None,
                   "pid": process.pid}
        if status.running and status.pid == process.pid:
            while time.monotonic() < deadline and not _answers_ready(status.url or ""):
                time.sleep(0.1)  # models still loading (a TensorRT build can take minutes)
            self._audit.record(actor, "serving", "start_service", status.url or "", "success",
                               details)
            return self.status()
        code = process.poll()
        if code is None:
            error = (msg("the service did not become ready within {start_timeout_s:.0f} s (pid "
                         "{pid} still starting; see {output})", start_timeout_s=START_TIMEOUT_S,
                         pid=process.pid, output=output))
        else:
            error = _last_error(output) or f"the service exited with code {code}"
            state.record_error(self._store, error)
        self._audit.record(actor, "serving", "start_service", f"{host}:{port}", "failure",
                           {**details, "error": error[:500]})
        now = self.status()
        return ServiceStatus(now.running, now.pid, now.url, now.started_at, now.heartbeat_at,
                             now.tls, now.models, error)

    def stop(self, actor: Actor) -> None:
        """SIGTERM, then wait while the service drains its queues (SIGKILL after 30 s)."""
        self._guard.require(actor, Permission.RUN_SERVICE, "serving")
        current = self.status()
        if not current.running or current.pid is None:
            self._audit.record(actor, "serving", "stop_service", current.url or "", "success",
                               {"was_running": False})
            return
        pid = current.pid
        identity = process_started(pid)

        def alive() -> bool:  # the same process: its pid may be reused once it has exited
            return pid_alive(pid) and (identity is None or process_started(pid) == identity)

        started = time.monotonic()
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        except PermissionError:
            raise ValidationError(msg("The inference service (pid {pid}) runs as another user; "
                                      "stop it where it was started (e.g. its system service).",
                                      pid=pid)) from None
        while alive() and time.monotonic() - started < STOP_TIMEOUT_S:
            time.sleep(0.05)
        killed = alive()
        if killed and hasattr(signal, "SIGKILL"):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            state.mark_stopped(self._store, pid)
        self._audit.record(actor, "serving", "stop_service", current.url or "",
                           "failure" if killed else "success",
                           {"pid": pid, "seconds": round(time.monotonic() - started, 2),
                            "killed": killed})

    # -- the access log ------------------------------------------------------------------

    _SELECT = ("SELECT l.ts, l.key_prefix, k.name, l.model, l.version, l.latency_ms,"
               " l.queue_ms, l.status, l.outcome, l.error, l.batch_size"
               " FROM serving_access_log l LEFT JOIN api_keys k ON k.id = l.key_id")

    @staticmethod
    def _record(row: tuple) -> AccessRecord:
        key = f"{row[2]} ({row[1]})" if row[2] else row[1]
        return AccessRecord(row[0], key, row[3], row[4], row[5], row[6], row[7], row[8],
                            row[9], row[10])

    def recent_requests(self, actor: Actor, limit: int = 200) -> list[AccessRecord]:
        """Newest first."""
        self._guard.require(actor, Permission.RUN_SERVICE, "serving:access-log")
        rows = self._store.conn.execute(f"{self._SELECT} ORDER BY l.id DESC LIMIT ?",
                                        [max(1, int(limit))])
        return [self._record(r) for r in rows]

    def recent_errors(self, actor: Actor, limit: int = 50) -> list[AccessRecord]:
        """Newest first: every answer with a status of 400 or more. One index seek per error
        status (a handful), not a scan of the log: errors may be rare in a million rows."""
        self._guard.require(actor, Permission.RUN_SERVICE, "serving:access-log")
        limit = max(1, int(limit))
        conn = self._store.conn
        statuses = [r[0] for r in conn.execute(
            "WITH RECURSIVE s(v) AS (SELECT MIN(status) FROM serving_access_log WHERE"
            " status >= 400 UNION ALL SELECT (SELECT MIN(status) FROM serving_access_log"
            " WHERE status > v) FROM s WHERE v IS NOT NULL) SELECT v FROM s WHERE v IS NOT"
            " NULL")]
        ids: list[int] = []
        for status in statuses:
            ids += [r[0] for r in conn.execute(
                "SELECT id FROM serving_access_log WHERE status = ? ORDER BY id DESC LIMIT ?",
                [status, limit])]
        ids = sorted(ids, reverse=True)[:limit]
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = conn.execute(f"{self._SELECT} WHERE l.id IN ({marks}) ORDER BY l.id DESC", ids)
        return [self._record(r) for r in rows]

    def rates(self, actor: Actor, window_s: int = 60) -> RateSummary:
        """Requests and errors of the last `window_s` seconds; latency percentiles of the
        successful ones (a refused request's few microseconds would flatter them), from the
        newest RATE_SAMPLE of them. Reads the window through the time index, so the page can
        poll it every 2 s however long the log is."""
        self._guard.require(actor, Permission.RUN_SERVICE, "serving:access-log")
        window = max(1, int(window_s))
        since = (datetime.now(timezone.utc) - timedelta(seconds=window)).isoformat(
            timespec="milliseconds").replace("+00:00", "Z")
        conn = self._store.conn
        per_model: dict[str, int] = {}
        requests = errors = 0
        for model, count, failed in conn.execute(
                "SELECT model, COUNT(*), SUM(status >= 400) FROM serving_access_log"
                " WHERE ts >= ? GROUP BY model", [since]):
            per_model[model] = int(count)
            requests += int(count)
            errors += int(failed or 0)
        latencies = sorted(float(r[0]) for r in conn.execute(
            "SELECT latency_ms FROM serving_access_log WHERE ts >= ? AND status < 400"
            " ORDER BY ts DESC LIMIT ?", [since, RATE_SAMPLE]))
        return RateSummary(window, requests, requests / window, errors,
                           _percentile(latencies, 50), _percentile(latencies, 99), per_model)


def _answers_ready(url: str) -> bool:
    """GET /v2/health/ready of our own child (certificate not checked: this is a local probe
    of the process we just started, not a client's trust decision)."""
    import ssl
    import urllib.error
    import urllib.request

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),  # never a proxy
                                         urllib.request.HTTPSHandler(context=context))
    try:
        with opener.open(f"{url}/v2/health/ready", timeout=1) as response:
            return int(response.status) == 200
    except (OSError, urllib.error.URLError, ValueError):
        return False


def _last_error(output: Path) -> str:
    """The one-line reason `edgedeck serve` printed before exiting ('edgedeck: ...')."""
    try:
        with open(output, "rb") as handle:
            handle.seek(max(0, output.stat().st_size - 65536))
            lines = handle.read().decode("utf-8", "replace").splitlines()[-50:]
    except OSError:
        return ""
    for line in reversed(lines):
        if line.startswith("edgedeck: "):
            return line.removeprefix("edgedeck: ").strip()
    return lines[-1].strip() if lines else ""
