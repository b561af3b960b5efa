"""`edgedeck diag` and `edgedeck backup` through the CLI conventions (registered here the way
app/cli/__init__.py registers every command module)."""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from app.cli import _common
from app.cli import field as field_commands
from app.context import AppContext
from app.errors import EdgeDeckError

ADMIN_PASSWORD = "root-password"
PASS = "a long passphrase"


def run(argv, capsys, monkeypatch, stdin=""):
    parser = argparse.ArgumentParser(prog="edgedeck")
    _common(parser)
    field_commands.register(parser.add_subparsers(dest="command"), _common)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    args = parser.parse_args(argv)
    try:
        code = int(args.func(args) or 0)
    except EdgeDeckError as exc:  # what app.cli.main does
        print(f"edgedeck: {exc}", file=sys.stderr)
        code = exc.exit_code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def box(data_dir) -> Path:
    with AppContext.open(data_dir) as ctx:
        ctx.users.setup_admin("root1", ADMIN_PASSWORD, source="test")
    return data_dir


def test_backup_create_verify_restore(box, tmp_path, capsys, monkeypatch):
    common = ["--data-dir", str(box), "--user", "root1", "--json"]
    code, _, err = run(["backup", "create", "--out", str(tmp_path / "b.zip"), *common],
                       capsys, monkeypatch, f"{ADMIN_PASSWORD}\n")
    assert code == 2 and "--no-keys" in err and err.count("\n") == 1
    code, out, err = run(["backup", "create", "--out", str(tmp_path / "b.zip"), "--encrypt",
                          *common], capsys, monkeypatch, f"{ADMIN_PASSWORD}\n{PASS}\n")
    assert code == 0, err
    created = json.loads(out)
    assert created["path"].endswith("b.zip.enc") and created["includes_keys"]

    code, out, err = run(["backup", "verify", created["path"], "--data-dir", str(box),
                          "--json"], capsys, monkeypatch, f"{PASS}\n")
    assert code == 0, err
    assert json.loads(out)["same_device"] is True

    code, _, err = run(["backup", "verify", created["path"]], capsys, monkeypatch,
                       "wrong passphrase\n")
    assert code == 4 and "Wrong passphrase" in err

    code, out, err = run(["backup", "restore", created["path"], *common], capsys, monkeypatch,
                         f"{ADMIN_PASSWORD}\n{PASS}\n")
    assert code == 0, err
    restored = json.loads(out)
    assert Path(restored["safety_copy"]).is_dir() and restored["needs_reopen"]


def test_backup_unencrypted_without_keys(box, tmp_path, capsys, monkeypatch):
    code, out, err = run(["backup", "create", "--out", str(tmp_path / "b.zip"), "--no-keys",
                          "--data-dir", str(box), "--user", "root1"], capsys, monkeypatch,
                         f"{ADMIN_PASSWORD}\n")
    assert code == 0, err
    assert "NOT encrypted" in out and "without signing key" in out
    code, out, err = run(["backup", "verify", str(tmp_path / "b.zip")], capsys, monkeypatch)
    assert code == 0 and out.startswith("Backup intact"), err


def test_diag_bundle_encrypted(box, tmp_path, capsys, monkeypatch):
    code, out, err = run(["diag", "bundle", "--out", str(tmp_path / "d.zip"), "--no-benchmark",
                          "--encrypt", "--data-dir", str(box), "--user", "root1", "--json"],
                         capsys, monkeypatch, f"{ADMIN_PASSWORD}\n{PASS}\n")
    assert code == 0, err
    result = json.loads(out)
    assert result["path"].endswith("d.zip.enc") and result["encrypted"]
    from app.field.crypto import decrypt_file

    plain = decrypt_file(result["path"], tmp_path / "plain.zip", PASS)
    assert "benchmark.json" not in zipfile.ZipFile(plain).namelist()


def test_missing_passphrase_is_one_line(box, tmp_path, capsys, monkeypatch):
    code, _, err = run(["diag", "bundle", "--out", str(tmp_path / "d.zip"), "--encrypt",
                        "--data-dir", str(box), "--user", "root1"], capsys, monkeypatch,
                       f"{ADMIN_PASSWORD}\n")
    assert code == 2 and "No passphrase given" in err
    assert not list(tmp_path.glob("d.zip*"))
