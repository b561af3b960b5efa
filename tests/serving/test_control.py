"""The console's controls over a real `edgedeck serve` process, and the CLI commands."""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import time

import httpx
import pytest

from app.cli import main
from app.context import AppContext
from app.errors import PermissionDenied
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
    code, out, err = run([*base, "keys", "add", "--name", "mes", "--json"], capsys,
                         monkeypatch, "admin-password\n")
    created = json.loads(out)
    assert code == 0 and created["models"] is None and created["secret"].startswith("edk_")
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
