"""The CLI conventions: --json, exit codes, one-line errors, stdin passwords, audit records."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.context import AppContext

ROOT = Path(__file__).resolve().parents[1]


def run(argv, capsys, monkeypatch, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def set_up(data_dir, capsys, monkeypatch):
    code, _, err = run(["--data-dir", str(data_dir), "setup", "--admin", "root1"], capsys,
                       monkeypatch, "root-password\n")
    assert code == 0, err
    return data_dir


def test_setup_reads_password_from_stdin_and_is_audited(data_dir, capsys, monkeypatch):
    code, out, err = run(["setup", "--admin", "chief", "--data-dir", str(data_dir), "--json"],
                         capsys, monkeypatch, "chief-password\n")
    assert code == 0, err
    assert json.loads(out)["admin"] == "chief"
    with AppContext.open(data_dir) as ctx:
        assert ctx.users.authenticate("chief", "chief-password").role == "admin"
        actions = [r.action for r in ctx.audit_trail.read_page()]
        assert "setup" in actions


def test_setup_twice_fails_with_one_line(set_up, capsys, monkeypatch):
    code, out, err = run(["--data-dir", str(set_up), "setup", "--admin", "other"], capsys,
                         monkeypatch, "other-password\n")
    assert code == 2
    assert err.strip().count("\n") == 0 and "already done" in err
    assert "Traceback" not in err


def test_setup_without_password_is_refused(data_dir, capsys, monkeypatch):
    code, _, err = run(["--data-dir", str(data_dir), "setup", "--admin", "chief"], capsys,
                       monkeypatch, "")
    assert code == 2 and "No password given" in err


def test_setup_with_weak_password_changes_nothing(data_dir, capsys, monkeypatch):
    code, _, err = run(["--data-dir", str(data_dir), "setup", "--admin", "chief"], capsys,
                       monkeypatch, "short\n")
    assert code == 2 and "at least 8" in err
    with AppContext.open(data_dir) as ctx:
        assert ctx.users.needs_setup()


def test_setup_from_preseed_file(data_dir, tmp_path, capsys, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("preseeded-password\n")
    preseed = tmp_path / "preseed.ini"
    preseed.write_text(f"[admin]\nname = installer\npassword_file = {secret}\n"
                       "[device]\nname = Line 3 inspection box\n")
    code, out, err = run(["--data-dir", str(data_dir), "setup", "--preseed", str(preseed)],
                         capsys, monkeypatch)
    assert code == 0, err
    with AppContext.open(data_dir) as ctx:
        assert ctx.settings.device_name == "Line 3 inspection box"
        assert ctx.users.authenticate("installer", "preseeded-password").role == "admin"


@pytest.mark.parametrize("content,message", [
    ("not an ini file", "not valid INI"),
    ("[device]\nname = x\n", "needs an [admin] section"),
])
def test_bad_preseed_is_refused_clearly(data_dir, tmp_path, capsys, monkeypatch, content,
                                        message):
    preseed = tmp_path / "preseed.ini"
    preseed.write_text(content)
    code, _, err = run(["--data-dir", str(data_dir), "setup", "--preseed", str(preseed)],
                       capsys, monkeypatch)
    assert code == 2 and message in err


def test_missing_preseed_file(data_dir, tmp_path, capsys, monkeypatch):
    code, _, err = run(["--data-dir", str(data_dir), "setup", "--preseed",
                        str(tmp_path / "nope.ini")], capsys, monkeypatch)
    assert code == 2 and "Cannot read the preseed file" in err


def test_status_json_reports_schema_users_and_audit_head(set_up, capsys, monkeypatch):
    code, out, _ = run(["status", "--json", "--data-dir", str(set_up)], capsys, monkeypatch)
    assert code == 0
    report = json.loads(out)
    assert report["data_dir"] == str(set_up)
    assert report["database"]["schema_version"] == report["database"]["schema_latest"]
    assert report["database"]["journal_mode"] == "wal"
    assert report["users"]["admin"] == 1 and report["setup_done"] is True
    assert report["audit"]["head_seq"] >= 1 and len(report["audit"]["head_hash"]) == 64
    assert report["versions"]["edgedeck"]


def test_status_text_and_data_dir_from_environment(data_dir, capsys, monkeypatch):
    monkeypatch.setenv("EDGEDECK_DATA_DIR", str(data_dir))
    AppContext.open(data_dir).close()  # a first start that stopped before setup
    code, out, _ = run(["status"], capsys, monkeypatch)
    assert code == 0
    assert f"data folder   {data_dir}" in out and "first-run setup not done" in out


def test_status_on_a_corrupt_database_fails_in_one_line(data_dir, capsys, monkeypatch):
    data_dir.mkdir(parents=True)
    (data_dir / "edgedeck.db").write_bytes(b"garbage" * 100)
    code, _, err = run(["--data-dir", str(data_dir), "status"], capsys, monkeypatch)
    assert code == 3 and "left untouched" in err and err.count("\n") == 1


def test_privileged_command_needs_a_user(set_up, capsys, monkeypatch):
    code, _, err = run(["--data-dir", str(set_up), "users", "list"], capsys, monkeypatch)
    assert code == 2 and "--user NAME" in err


def test_users_add_and_list_as_admin(set_up, capsys, monkeypatch):
    code, out, err = run(["--data-dir", str(set_up), "--user", "root1", "users", "add", "tech",
                          "--role", "technician"], capsys, monkeypatch,
                         "root-password\ntech-password\n")
    assert code == 0, err
    monkeypatch.setenv("EDGEDECK_USER", "root1")
    code, out, err = run(["--data-dir", str(set_up), "users", "list", "--json"], capsys,
                         monkeypatch, "root-password\n")
    assert code == 0, err
    assert {u["username"]: u["role"] for u in json.loads(out)} == {
        "root1": "admin", "tech": "technician"}


def test_wrong_password_and_wrong_role_exit_non_zero_and_are_audited(set_up, capsys,
                                                                     monkeypatch):
    code, _, err = run(["--data-dir", str(set_up), "users", "list", "--user", "root1"], capsys,
                       monkeypatch, "bad-password\n")
    assert code == 4 and "Wrong user name or password" in err
    run(["--data-dir", str(set_up), "--user", "root1", "users", "add", "op", "--role",
         "operator"], capsys, monkeypatch, "root-password\noperator-password\n")
    code, _, err = run(["--data-dir", str(set_up), "users", "list", "--user", "op"], capsys,
                       monkeypatch, "operator-password\n")
    assert code == 5 and "may not manage users" in err
    with AppContext.open(set_up) as ctx:
        records = ctx.audit_trail.read_page()
        assert records[0].action == "permission_denied" and records[0].source == "cli"
        assert any(r.action == "login" and r.outcome == "failure" for r in records)


def test_doctor_json_lists_checks(set_up, capsys, monkeypatch):
    code, out, _ = run(["--data-dir", str(set_up), "doctor", "--json", "--only",
                        "data,database,onnxruntime"], capsys, monkeypatch)
    report = json.loads(out)
    names = {c["name"]: c["level"] for c in report["checks"]}
    assert names["data folder"] == "ok" and names["database"] == "ok"
    assert names["audit trail"] == "ok"
    assert names["provider CPUExecutionProvider"] == "ok"
    assert code == 0


def test_doctor_exits_non_zero_on_a_broken_database(data_dir, capsys, monkeypatch):
    data_dir.mkdir(parents=True)
    (data_dir / "edgedeck.db").write_bytes(b"garbage" * 100)
    code, out, err = run(["--data-dir", str(data_dir), "doctor", "--only", "database"], capsys,
                         monkeypatch)
    assert code == 1 and "[FAIL] database" in out and "doctor found problems" in err


def test_doctor_rejects_unknown_checks(data_dir, capsys, monkeypatch):
    code, _, err = run(["--data-dir", str(data_dir), "doctor", "--only", "gpu,magic"], capsys,
                       monkeypatch)
    assert code == 2 and "Unknown check gpu, magic" in err


def test_unexpected_errors_print_one_line_without_traceback(set_up, capsys, monkeypatch):
    import app.system.status as status

    def explode(ctx):
        raise KeyError("boom")

    monkeypatch.setattr(status, "status_report", explode)
    code, _, err = run(["--data-dir", str(set_up), "status"], capsys, monkeypatch)
    assert code == 70 and "internal error: KeyError" in err and "Traceback" not in err


def test_python_dash_m_app_works_and_version(tmp_path):
    env = {**os.environ, "EDGEDECK_DATA_DIR": str(tmp_path / "d")}
    proc = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True,
                          text=True, cwd=ROOT, env=env)
    assert proc.returncode == 0 and proc.stdout.startswith("EdgeDeck ")
    proc = subprocess.run([sys.executable, "-m", "app", "status", "--json"],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.returncode == 3 and "No EdgeDeck data folder" in proc.stderr
    assert not (tmp_path / "d").exists()
    AppContext.open(tmp_path / "d").close()
    proc = subprocess.run([sys.executable, "-m", "app", "status", "--json"],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.returncode == 0 and json.loads(proc.stdout)["data_dir"] == str(tmp_path / "d")


def test_qt_probe_runs_in_a_child_process(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "app", "_qt-probe"], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)
    assert proc.returncode == 0 and "offscreen" in proc.stdout


def test_doctor_reports_a_qt_that_cannot_load(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "no-such-platform")
    code, out, _ = run(["--data-dir", str(tmp_path / "d"), "doctor", "--only", "qt"], capsys,
                       monkeypatch)
    assert code == 1 and "[FAIL] qt" in out and "fix:" in out


# -- the data folder: never made by a command that only reads, or by a typo -------------------


@pytest.mark.parametrize("argv", [
    ["status"], ["status", "--json"], ["doctor", "--only", "data,database"],
    ["monitor", "--once"], ["metrics", "--prometheus"], ["--user", "root1", "audit", "verify"],
    ["--user", "root1", "audit", "pubkey"], ["--user", "root1", "users", "list"],
    ["--user", "root1", "backup", "create", "--out", "b.zip", "--no-keys"],
])
def test_commands_on_a_missing_data_folder_say_so_and_create_nothing(tmp_path, capsys,
                                                                     monkeypatch, argv):
    typo = tmp_path / "dtaa"
    code, out, err = run(["--data-dir", str(typo), *argv], capsys, monkeypatch,
                         "root-password\n")
    assert code != 0
    assert f"No EdgeDeck data folder at {typo} (check --data-dir)" in out + err
    assert not typo.exists()


def test_an_empty_folder_is_no_appliance_for_a_command_that_reads(tmp_path, capsys,
                                                                  monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(["--data-dir", str(empty), "status"], capsys, monkeypatch)
    assert code == 3 and "No EdgeDeck database" in err and "setup --admin" in err
    assert list(empty.iterdir()) == []


def test_status_does_not_upgrade_an_older_database(set_up, capsys, monkeypatch):
    import hashlib
    import sqlite3

    from app.store.migrations import latest_version

    db = set_up / "edgedeck.db"
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM schema_migrations WHERE version = ?", [latest_version()])
    conn.commit()
    conn.close()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    code, _, err = run(["--data-dir", str(set_up), "status"], capsys, monkeypatch)
    assert code == 3 and "did not upgrade it" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    code, out, _ = run(["--data-dir", str(set_up), "doctor", "--only", "database"], capsys,
                       monkeypatch)
    assert f"Schema {latest_version() - 1} of {latest_version()}" in out
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_setup_refuses_a_folder_that_lost_its_database(set_up, capsys, monkeypatch):
    (set_up / "edgedeck.db").unlink()
    code, _, err = run(["--data-dir", str(set_up), "setup", "--admin", "mallory"], capsys,
                       monkeypatch, "mallory-password\n")
    assert code == 3 and "not a new appliance" in err and "restore a backup" in err
    assert not (set_up / "edgedeck.db").exists()
    code, out, err = run(["--data-dir", str(set_up), "status"], capsys, monkeypatch)
    assert code == 3 and "not a new appliance" in err
    code, out, _ = run(["--data-dir", str(set_up), "doctor", "--only", "data,database"],
                       capsys, monkeypatch)
    assert code == 1 and "[FAIL] database" in out and "not a new appliance" in out
