"""The auditor's offline check from the command line: receipts, pinned anchors, archives."""

from __future__ import annotations

import io
import json
import shutil
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
    monkeypatch.setenv("EDGEDECK_USER", "chief")
    return data_dir


def as_chief(box, args, capsys, monkeypatch):
    return run(["--data-dir", str(box), *args], capsys, monkeypatch, "chief-password\n")


def _fill(box, n):
    from app.auth.identity import Actor

    with AppContext.open(box) as ctx:
        for i in range(n):
            ctx.audit_trail.record(Actor("chief", "admin", "cli"), "model", "run", f"m{i}")


def test_receipt_then_verify_against_it_offline_and_after_a_rollback(box, tmp_path, capsys,
                                                                       monkeypatch):
    _fill(box, 120)
    key = tmp_path / "key.pem"
    assert run(["--data-dir", str(box), "audit", "pubkey", "--out", str(key)], capsys,
               monkeypatch)[0] == 0
    older = tmp_path / "older"
    shutil.copytree(box, older, ignore=shutil.ignore_patterns("*.lock", "logs"))
    _fill(box, 30)
    receipt = tmp_path / "receipt.json"
    code, out, err = as_chief(box, ["audit", "receipt", "--out", str(receipt)], capsys,
                              monkeypatch)
    assert code == 0, err
    assert "EdgeDeck audit receipt" in out and json.loads(receipt.read_text())["seq"] > 150
    code, out, _ = run(["audit", "verify", "--database", str(box / "edgedeck.db"),
                        "--public-key", str(key), "--pinned-anchor", str(receipt)], capsys,
                       monkeypatch)
    assert code == 0 and "Pinned anchor" in out
    # The older data folder (database, anchor, key and all) is put back.
    code, out, err = run(["audit", "verify", "--database", str(older / "edgedeck.db"),
                          "--public-key", str(key), "--pinned-anchor", str(receipt)], capsys,
                         monkeypatch)
    assert code == 1 and "rolled back" in err


def test_accept_anchor_from_the_cli(box, capsys, monkeypatch):
    _fill(box, 120)
    (box / "audit-anchor.json").unlink()
    code, _, err = as_chief(box, ["audit", "verify"], capsys, monkeypatch)
    assert code == 1 and "missing" in err
    code, out, err = as_chief(box, ["audit", "accept-anchor", "--reason",
                                    "INC-88 disk swapped, anchor lost"], capsys, monkeypatch)
    assert code == 0, err
    assert as_chief(box, ["audit", "verify"], capsys, monkeypatch)[0] == 0


def test_offline_verification_of_an_archived_trail(box, tmp_path, capsys, monkeypatch):
    _fill(box, 150)
    assert as_chief(box, ["audit", "archive", "--upto", "60"], capsys, monkeypatch)[0] == 0
    evidence = tmp_path / "evidence"
    shutil.copytree(box, evidence, ignore=shutil.ignore_patterns("*.lock", "logs"))
    code, out, err = run(["audit", "verify", "--database", str(evidence / "edgedeck.db")],
                         capsys, monkeypatch)
    assert code == 0, err
    shutil.move(evidence / "audit-archive", tmp_path / "segments")
    code, _, err = run(["audit", "verify", "--database", str(evidence / "edgedeck.db")],
                       capsys, monkeypatch)
    assert code == 1 and "missing" in err
    code, _, err = run(["audit", "verify", "--database", str(evidence / "edgedeck.db"),
                        "--archive", str(tmp_path / "segments")], capsys, monkeypatch)
    assert code == 0, err
