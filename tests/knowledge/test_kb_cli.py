"""`edgedeck kb`: ingest a folder, list, ask with citations, no-answer exit code, blocked terms,
roles, delete with confirmation, embedding models — as an operator/technician would over SSH."""

from __future__ import annotations

import json
import os

import pytest

from tests.knowledge.embedding_models import write_tiny_embedding_model
from tests.knowledge.helpers import CHINESE, MARKDOWN, write_pdf
from tests.test_cli import run


@pytest.fixture
def box(data_dir, capsys, monkeypatch, tmp_path):
    base = ["--data-dir", str(data_dir)]
    code, _, err = run([*base, "setup", "--admin", "root1"], capsys, monkeypatch,
                       "root-password\n")
    assert code == 0, err
    for name, role in (("tech1", "technician"), ("op1", "operator")):
        code, _, err = run([*base, "users", "add", name, "--role", role, "--user", "root1"],
                           capsys, monkeypatch, f"root-password\n{name}-password\n")
        assert code == 0, err
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "line3.md").write_text(MARKDOWN, encoding="utf-8")
    (usb / "故障.md").write_text(CHINESE, encoding="utf-8")
    write_pdf(usb / "press.pdf", [["Press overview"], ["Replace the hydraulic filter every "
                                                       "500 hours."]])
    (usb / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    return base, usb


def kb(box, capsys, monkeypatch, user, *argv):
    base, _ = box
    password = {"root1": "root-password"}.get(user, f"{user}-password")
    return run([*base, "kb", *argv, "--user", user], capsys, monkeypatch, password + "\n")


def test_ingest_list_ask_and_search(box, capsys, monkeypatch):
    _, usb = box
    code, out, err = kb(box, capsys, monkeypatch, "tech1", "ingest", str(usb), "-c", "line3")
    assert code == 1  # one file failed: the exit code says so, the others are in
    assert "3 ingested, 0 skipped, 1 failed" in out and "broken.pdf" in out
    assert "%" in err  # progress on stderr
    code, out, _ = kb(box, capsys, monkeypatch, "op1", "list", "--json")
    [collection] = json.loads(out)
    assert collection["name"] == "line3" and collection["documents"] == 3
    assert collection["embedded"] == collection["chunks"] > 0
    code, out, _ = kb(box, capsys, monkeypatch, "op1", "list", "line3")
    assert "FAILED" not in out and "failed" in out and "press.pdf" in out
    code, out, _ = kb(box, capsys, monkeypatch, "op1", "ask", "When is the hydraulic filter "
                      "replaced?")
    assert code == 0 and "[1] press.pdf, page 2" in out
    code, out, _ = kb(box, capsys, monkeypatch, "op1", "ask", "how to clear E42", "--json")
    data = json.loads(out)
    assert data["outcome"] == "answered" and data["citations"][0]["file"] in {"line3.md",
                                                                              "故障.md"}
    code, out, _ = kb(box, capsys, monkeypatch, "op1", "ask", "Who won the 1998 World Cup?")
    assert code == 1 and "No reliable answer" in out
    code, out, _ = kb(box, capsys, monkeypatch, "op1", "search", "故障E42", "--mode", "bm25")
    assert code == 0 and "故障.md" in out


def test_roles_blocked_terms_and_delete(box, capsys, monkeypatch, tmp_path):
    _, usb = box
    kb(box, capsys, monkeypatch, "tech1", "ingest", str(usb / "line3.md"), "-c", "line3")
    code, _, err = kb(box, capsys, monkeypatch, "op1", "ingest", str(usb), "-c", "x")
    assert code != 0 and "technician" in err
    code, _, err = kb(box, capsys, monkeypatch, "tech1", "blocked", "add", "carton")
    assert code != 0 and "admin" in err
    code, out, _ = kb(box, capsys, monkeypatch, "root1", "blocked", "add", "E42")
    assert code == 0 and "E42" in out
    code, out, _ = kb(box, capsys, monkeypatch, "op1", "ask", "clear fault e42")
    assert code == 1 and "blocked" in out
    code, _, err = kb(box, capsys, monkeypatch, "root1", "delete", "--collection", "line3")
    assert code != 0 and "--yes" in err
    code, out, _ = kb(box, capsys, monkeypatch, "root1", "delete", "--collection", "line3",
                      "--yes")
    assert code == 0
    code, out, _ = kb(box, capsys, monkeypatch, "op1", "list")
    assert "No collections" in out


def test_import_model_and_reembed(box, capsys, monkeypatch, tmp_path):
    _, usb = box
    kb(box, capsys, monkeypatch, "tech1", "ingest", str(usb / "line3.md"), "-c", "line3")
    folder = write_tiny_embedding_model(tmp_path / "tiny")
    code, out, err = kb(box, capsys, monkeypatch, "root1", "import-model", str(folder),
                        "--name", "tiny")
    assert code == 0, err
    code, out, _ = kb(box, capsys, monkeypatch, "op1", "models")
    assert "tiny" in out and "built in" in out
    code, out, err = kb(box, capsys, monkeypatch, "root1", "reembed", "line3", "--model", "tiny")
    assert code == 0 and "now searches with tiny" in out, err
    code, out, _ = kb(box, capsys, monkeypatch, "root1", "reembed", "line3", "--model", "nope")
    assert code != 0


def test_names_that_are_not_utf8_print_safely(box, capsys, monkeypatch):
    _, usb = box
    with open(os.fsencode(usb) + b"/caf\xe9.md", "wb") as handle:
        handle.write(b"# Espresso\n\nDescale the espresso unit every month.\n")
    code, out, err = kb(box, capsys, monkeypatch, "tech1", "ingest", str(usb), "-c", "line3")
    assert code == 1 and "internal error" not in err, err  # broken.pdf fails, the rest is in
    assert "caf\\xe9.md" in out and "4 ingested" in out
    code, out, _ = kb(box, capsys, monkeypatch, "op1", "list", "line3", "--json")
    assert code == 0 and "caf\\\\xe9.md" in out


def test_a_full_disk_during_ingest_is_one_line_exit_74_and_resume_goes_on(
        box, capsys, monkeypatch):
    import errno

    from app.knowledge import service as service_module

    _, usb = box
    real = service_module.copy_and_hash

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(service_module, "copy_and_hash", full)
    code, out, err = kb(box, capsys, monkeypatch, "tech1", "ingest", str(usb), "-c", "line3")
    messages = [line for line in err.splitlines() if not line.startswith("[")]  # progress
    assert code == 74, err
    assert len(messages) == 1 and messages[0].startswith("edgedeck: The disk holding")
    assert "is full" in messages[0] and "kb resume" in messages[0]
    assert "Traceback" not in err and "internal error" not in err
    monkeypatch.setattr(service_module, "copy_and_hash", real)  # space is back
    code, out, _ = kb(box, capsys, monkeypatch, "tech1", "resume", "--json")
    [run] = json.loads(out)
    code, out, err = kb(box, capsys, monkeypatch, "tech1", "resume", str(run["run_id"]))
    assert code == 1 and "3 ingested, 0 skipped, 1 failed" in out, err  # broken.pdf
