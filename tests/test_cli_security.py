"""`edgedeck users` and `edgedeck audit` as an administrator and an auditor use them."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import sys

import pytest

from app.cli import main
from app.context import AppContext


def run(argv, capsys, monkeypatch, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def box(data_dir, capsys, monkeypatch):
    assert run(["--data-dir", str(data_dir), "setup", "--admin", "chief"], capsys, monkeypatch,
               "chief-password\n")[0] == 0
    assert run(["--data-dir", str(data_dir), "--user", "chief", "users", "add", "tech",
                "--role", "technician"], capsys, monkeypatch,
               "chief-password\ntech-password\n")[0] == 0
    monkeypatch.setenv("EDGEDECK_USER", "chief")
    return data_dir


def admin(box, args, capsys, monkeypatch, extra_stdin=""):
    return run(["--data-dir", str(box), *args], capsys, monkeypatch,
               "chief-password\n" + extra_stdin)


def test_users_disable_enable_role_and_passwd(box, capsys, monkeypatch):
    assert admin(box, ["users", "disable", "tech"], capsys, monkeypatch)[0] == 0
    code, _, err = run(["--data-dir", str(box), "--user", "tech", "audit", "list"], capsys,
                       monkeypatch, "tech-password\n")
    assert code == 4 and "disabled" in err
    assert admin(box, ["users", "enable", "tech"], capsys, monkeypatch)[0] == 0
    assert admin(box, ["users", "role", "tech", "operator"], capsys, monkeypatch)[0] == 0
    assert admin(box, ["users", "passwd", "tech"], capsys, monkeypatch, "fresh-password\n")[0] == 0
    code, out, _ = admin(box, ["users", "list", "--json"], capsys, monkeypatch)
    assert {u["username"]: u["role"] for u in json.loads(out)}["tech"] == "operator"
    code, _, err = admin(box, ["users", "disable", "chief"], capsys, monkeypatch)
    assert code == 2 and "last enabled administrator" in err


def test_change_own_password(box, capsys, monkeypatch):
    code, out, err = run(["--data-dir", str(box), "--user", "tech", "users", "passwd"], capsys,
                         monkeypatch, "tech-password\nnew-tech-password\n")
    assert code == 0, err
    with AppContext.open(box) as ctx:
        assert ctx.users.authenticate("tech", "new-tech-password").username == "tech"


def test_technician_is_refused_an_admin_action_and_it_is_audited(box, capsys, monkeypatch):
    code, _, err = run(["--data-dir", str(box), "--user", "tech", "users", "add", "x",
                        "--role", "admin"], capsys, monkeypatch, "tech-password\nx-password-1\n")
    assert code == 5 and "may not manage users" in err
    code, out, _ = run(["--data-dir", str(box), "--user", "tech", "audit", "list", "--json",
                        "--outcome", "denied"], capsys, monkeypatch, "tech-password\n")
    records = json.loads(out)
    assert code == 0 and records[0]["actor"] == "tech" and records[0]["action"] == \
        "permission_denied"


def test_audit_list_filters(box, capsys, monkeypatch):
    code, out, _ = admin(box, ["audit", "list", "--json", "--actor", "chief", "--category",
                               "user", "--limit", "5"], capsys, monkeypatch)
    rows = json.loads(out)
    assert code == 0 and rows and all(r["actor"] == "chief" and r["category"] == "user"
                                      for r in rows)
    code, _, err = admin(box, ["audit", "list", "--since", "last tuesday"], capsys, monkeypatch)
    assert code == 2 and "not a date/time" in err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "cef", "syslog"])
def test_audit_export_each_format(box, tmp_path, capsys, monkeypatch, fmt):
    out_file = tmp_path / f"trail.{fmt}"
    code, out, err = admin(box, ["audit", "export", "--format", fmt, "--out", str(out_file)],
                           capsys, monkeypatch)
    assert code == 0, err
    assert out_file.stat().st_size > 0 and "intact" in out
    with AppContext.open(box) as ctx:
        assert ctx.audit_trail.head().action in ("export", "verify")


def test_audit_verify_passes_then_names_the_record_on_a_tampered_copy(box, tmp_path, capsys,
                                                                      monkeypatch):
    code, out, _ = admin(box, ["audit", "verify"], capsys, monkeypatch)
    assert code == 0 and "intact" in out
    key = tmp_path / "pinned.pem"
    assert run(["--data-dir", str(box), "audit", "pubkey", "--out", str(key)], capsys,
               monkeypatch)[0] == 0
    copy_dir = tmp_path / "evidence"
    copy_dir.mkdir()
    with AppContext.open(box) as ctx:
        ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(box / "edgedeck.db", copy_dir / "edgedeck.db")
    shutil.copy2(box / "audit-anchor.json", copy_dir / "audit-anchor.json")
    code, out, _ = run(["audit", "verify", "--database", str(copy_dir / "edgedeck.db"),
                        "--public-key", str(key)], capsys, monkeypatch)
    assert code == 0 and "intact" in out
    conn = sqlite3.connect(copy_dir / "edgedeck.db")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    conn.commit()
    conn.close()
    before = (copy_dir / "edgedeck.db").read_bytes()
    code, out, err = run(["audit", "verify", "--database", str(copy_dir / "edgedeck.db"),
                          "--json"], capsys, monkeypatch)
    result = json.loads(out)
    assert code == 1 and result["first_bad_seq"] == 2 and "record #2" in err
    assert (copy_dir / "edgedeck.db").read_bytes() == before  # the evidence is untouched


def test_audit_archive_from_the_cli(box, tmp_path, capsys, monkeypatch):
    code, out, err = admin(box, ["audit", "archive", "--upto", "2", "--folder",
                                 str(tmp_path / "usb"), "--json"], capsys, monkeypatch)
    assert code == 0, err
    assert json.loads(out)["last_seq"] == 2
    assert admin(box, ["audit", "verify"], capsys, monkeypatch)[0] == 0


def test_pubkey_prints_pem(box, capsys, monkeypatch):
    code, out, _ = run(["--data-dir", str(box), "audit", "pubkey"], capsys, monkeypatch)
    assert code == 0 and out.startswith("-----BEGIN PUBLIC KEY-----")
