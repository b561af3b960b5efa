"""The console's controls over a real `edgedeck serve` process, and the CLI commands."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from app.cli import main
from app.context import AppContext
from app.errors import PermissionDenied, ValidationError
from app.models.demo import seed_demo_models
from app.serving.control import ServingControl


def run(argv, capsys, monkeypatch, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def box(data_dir, ctx, admin, tech):
    seed_demo_models(ctx.models, admin)
    ctx.users.add_user(admin, "op", "operator-pass", "operator")
    return data_dir


def test_keys_add_list_revoke_from_the_command_line(box, capsys, monkeypatch):
    base = ["--data-dir", str(box), "--user", "admin"]
    code, out, err = run([*base, "keys", "add", "--name", "line3", "--model", "demo-inspector"],
                         capsys, monkeypatch, "admin-password\n")
    assert code == 0, err
    secret = out.strip().splitlines()[-1]
    assert secret.startswith("edk_") and "shown only now" in out
    code, out, err = run([*base, "keys", "add", "--name", "mes", "--json", "--expires-days",
                          "90"], capsys, monkeypatch, "admin-password\n")
    created = json.loads(out)
    assert code == 0 and created["models"] is None and created["secret"].startswith("edk_")
    assert created["state"] == "active" and created["expires_at"] > created["created_at"]
    code, out, _ = run([*base, "keys", "list", "--json"], capsys, monkeypatch,
                       "admin-password\n")
    listed = json.loads(out)
    assert [k["name"] for k in listed] == ["line3", "mes"]
    assert secret not in out and "secret" not in listed[0]
    assert listed[0]["models"] == ["demo-inspector"]
    code, out, _ = run([*base, "keys", "revoke", str(listed[0]["id"])], capsys, monkeypatch,
                       "admin-password\n")
    assert code == 0 and "Revoked" in out
    code, out, _ = run([*base, "keys", "list"], capsys, monkeypatch, "admin-password\n")
    assert "revoked" in out.splitlines()[0] and "every model" in out.splitlines()[1]
    assert f"active until {created['expires_at']}" in out.splitlines()[1]
    code, _, err = run([*base, "keys", "add", "--name", "y", "--expires-days", "0"], capsys,
                       monkeypatch, "admin-password\n")
    assert code == 2 and "1-3650 whole days" in err
    code, _, err = run(["--data-dir", str(box), "--user", "tech", "keys", "list"], capsys,
                       monkeypatch, "tech-password\n")
    assert code == 5 and "manage api keys" in err
    code, _, err = run([*base, "keys", "add", "--name", "x", "--model", "nope"], capsys,
                       monkeypatch, "admin-password\n")
    assert code == 2 and "no model named 'nope'" in err
    with AppContext.open(box) as ctx:
        actions = [r.action for r in ctx.audit_trail.read_page(limit=30)
                   if r.category == "serving"]
    assert actions.count("api_key_add") == 2 and actions.count("api_key_revoke") == 1


def test_serve_needs_a_technician(box, capsys, monkeypatch):
    code, _, err = run(["--data-dir", str(box), "serve", "--port", "0"], capsys, monkeypatch)
    assert code == 2 and "--user NAME" in err
    code, _, err = run(["--data-dir", str(box), "--user", "op", "serve", "--port", "0"],
                       capsys, monkeypatch, "operator-pass\n")
    assert code == 5 and "run inference service" in err
    code, _, err = run(["--data-dir", str(box), "--user", "tech", "serve", "--tls-cert", "x.pem"],
                       capsys, monkeypatch, "tech-password\n")
    assert code == 2 and "both --tls-cert and --tls-key" in err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run(["--data-dir", str(box), "--user", "tech", "serve", "--port",
                            str(port)], capsys, monkeypatch, "tech-password\n")
    assert code == 2 and f"Cannot listen on 127.0.0.1:{port}" in err
    with AppContext.open(box) as ctx:
        assert "Cannot listen" in (ctx.serving.status().error or "")


@pytest.mark.parametrize("flags, says", [
    (["--read-timeout", "0"], "--read-timeout must be 0.1-3600 seconds"),
    (["--max-body-mb", "0"], "--max-body-mb must be positive"),
])
def test_serve_refuses_impossible_limits(box, capsys, monkeypatch, flags, says):
    code, _, err = run(["--data-dir", str(box), "--user", "tech", "serve", "--port", "0",
                        *flags], capsys, monkeypatch, "tech-password\n")
    assert code == 2 and says in err


def test_the_console_starts_and_stops_the_service_process(box, ctx, tech, operator):
    control: ServingControl = ctx.serving
    assert not control.status().running
    with pytest.raises(PermissionDenied):
        control.start(operator, port=0)
    with pytest.raises(PermissionDenied):
        control.stop(operator)
    _, key = ctx.api_keys.add(ctx.users.authenticate("admin", "admin-password"), "line")
    status = control.start(tech, port=0)
    try:
        assert status.running, status.error
        assert status.pid != os.getpid() and status.url.startswith("http://127.0.0.1:")
        if sys.platform.startswith("linux"):  # a client that went away must not end it
            masks = dict(line.split(":", 1) for line in open(f"/proc/{status.pid}/status"))
            assert int(masks["SigIgn"], 16) & (1 << (signal.SIGPIPE - 1))
        assert not status.tls and status.error is None
        with httpx.Client(base_url=status.url, headers={"X-API-Key": key}) as http:
            deadline = time.monotonic() + 20
            while http.get("/v2/health/ready").status_code != 200:
                assert time.monotonic() < deadline
                time.sleep(0.05)
            assert http.get("/v2/models/demo-inspector/ready").status_code == 200
        deadline = time.monotonic() + 10
        while set(control.status().models) != {"demo-inspector", "demo-text-classifier"}:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert control.start(tech, port=0).pid == status.pid  # already running: unchanged
    finally:
        control.stop(tech)
    after = control.status()
    assert not after.running and after.pid is None and after.models == []
    audit = [(r.actor, r.action, r.outcome) for r in ctx.audit_trail.read_page(limit=40)
             if r.category == "serving"]
    assert ("tech", "start_service", "success") in audit
    assert ("tech", "stop_service", "success") in audit
    assert ("system", "start", "success") in audit and ("system", "stop", "success") in audit
    start = next(r for r in ctx.audit_trail.read_page(limit=40) if r.action == "start")
    assert '"started_by":"tech"' in start.details


def test_a_failed_start_says_why(box, ctx, tech):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        status = ctx.serving.start(tech, port=busy.getsockname()[1])
    assert not status.running and "Cannot listen" in (status.error or "")
    assert ctx.serving.status().error == status.error
    record = ctx.audit_trail.read_page(limit=1)[0]
    assert (record.action, record.outcome) == ("start_service", "failure")


def stranger():
    """A live process that is not the service (it must survive the test)."""
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def write_row(ctx, pid, heartbeat):
    from app.serving import state

    state.mark_started(ctx.store, pid, "http://127.0.0.1:1", "127.0.0.1", 1, False, "tech", [])
    stamp = heartbeat.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    with ctx.store.transaction() as conn:
        conn.execute("UPDATE serving_state SET heartbeat_at = ?, started_at = ?",
                     [stamp, stamp])


def test_a_stale_row_from_the_future_does_not_make_a_stranger_the_service(ctx, tech):
    """A box without a real-time clock boots with an earlier time: the row the killed service
    left has a heartbeat 'in the future', and its pid now belongs to another process."""
    other = stranger()
    try:
        write_row(ctx, other.pid, datetime.now(timezone.utc) + timedelta(hours=1))
        assert not ctx.serving.status().running
        ctx.serving.stop(tech)
        assert other.poll() is None  # never signalled
    finally:
        other.kill()
        other.wait()


def test_a_reused_pid_is_not_the_service(ctx, tech):
    """The service died just now (its heartbeat is fresh) and its pid went to a process
    started after that heartbeat."""
    other = stranger()
    try:
        write_row(ctx, other.pid, datetime.now(timezone.utc) - timedelta(seconds=5))
        assert not ctx.serving.status().running
        ctx.serving.stop(tech)
        assert other.poll() is None
        write_row(ctx, other.pid, datetime.now(timezone.utc))  # a live service beating
        assert ctx.serving.status().running
    finally:
        other.kill()
        other.wait()


def test_stopping_a_service_of_another_user_says_so(ctx, tech, monkeypatch):
    from app.serving import control as control_module

    other = stranger()
    try:
        write_row(ctx, other.pid, datetime.now(timezone.utc))
        real_kill = os.kill

        def kill(pid, sig):
            if sig == signal.SIGTERM:
                raise PermissionError(1, "Operation not permitted")
            return real_kill(pid, sig)

        monkeypatch.setattr(control_module.os, "kill", kill)
        with pytest.raises(ValidationError, match="runs as another user"):
            ctx.serving.stop(tech)
    finally:
        monkeypatch.undo()
        other.kill()
        other.wait()


def fill_log(ctx, old_rows, recent):
    """`old_rows` requests an hour ago (no error among them), then `recent` just now."""
    now = datetime.now(timezone.utc)

    def row(ts, status, latency):
        stamp = ts.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        return (stamp, None, "", "", "POST", "/v2/models/m/infer", "m", 1, status, "x", "",
                latency, 0.0, 0.0, 1)

    rows = [row(now - timedelta(hours=1), 200, 1.0) for _ in range(old_rows)]
    rows += [row(now, status, latency) for status, latency in recent]
    with ctx.store.transaction() as conn:
        conn.executemany(
            "INSERT INTO serving_access_log (ts, key_id, key_prefix, client, method, path,"
            " model, version, status, outcome, error, latency_ms, queue_ms, infer_ms,"
            " batch_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def vm_steps(ctx, call):
    """SQLite virtual-machine steps (in thousands) that `call` costs on this thread."""
    steps = [0]

    def count():
        steps[0] += 1
        return 0

    ctx.store.conn.set_progress_handler(count, 1000)
    try:
        result = call()
    finally:
        ctx.store.conn.set_progress_handler(None, 0)
    return steps[0], result


def test_the_console_polls_cost_the_same_however_long_the_log(ctx, tech):
    """The Serving page calls these every 2 s; a million-row log must not be scanned."""
    fill_log(ctx, 200_000, [(200, float(i)) for i in range(1, 101)] + [(503, 1.0), (401, 1.0)])
    control = ctx.serving
    steps, summary = vm_steps(ctx, lambda: control.rates(tech, 60))
    assert summary.requests == 102 and summary.errors == 2 and summary.per_model == {"m": 102}
    assert summary.p50_ms == pytest.approx(statistics.quantiles(
        range(1, 101), n=100, method="inclusive")[49])
    assert summary.p99_ms == pytest.approx(statistics.quantiles(
        range(1, 101), n=100, method="inclusive")[98])
    assert steps < 50, steps  # a scan of the 200,000 rows takes thousands
    steps, errors = vm_steps(ctx, lambda: control.recent_errors(tech, 50))
    assert [e.status for e in errors] == [401, 503] and steps < 50, steps
    with ctx.store.transaction() as conn:
        conn.execute("DELETE FROM serving_access_log WHERE status >= 400")
    steps, errors = vm_steps(ctx, lambda: control.recent_errors(tech, 50))
    assert errors == [] and steps < 50, steps  # no error at all: no scan either
