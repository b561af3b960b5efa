"""`edgedeck models ...`: the CLI conventions (--json, exit codes, one-line errors, progress)."""

from __future__ import annotations

import io
import json
import sys

import pytest
from registry_helpers import model_folder, write_model

import app.cli as cli
from app.cli import main
from app.cli import models as models_commands
from app.models.package import PackageSource, build_package

PASSWORDS = {"admin": "admin-password", "tech": "tech-password",
             "operator": "operator-password"}


@pytest.fixture(autouse=True)
def models_command_registered(monkeypatch, capsys):
    """Until app/cli/__init__.py registers `models`, add it for these tests."""
    try:
        cli.build_parser().parse_args(["models", "list"])
    except SystemExit:
        original = cli.monitor_commands

        class WithModels:
            @staticmethod
            def register(sub, common):
                original.register(sub, common)
                models_commands.register(sub, common)

        monkeypatch.setattr(cli, "monitor_commands", WithModels)
    capsys.readouterr()


@pytest.fixture
def accounts(ctx, admin, tech, operator):
    return ctx.data_dir


def run(data_dir, user, argv, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORDS[user] + "\n"))
    code = main(["--data-dir", str(data_dir), "models", *argv, "--user", user])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_activate_rollback_lineage(accounts, tmp_path, capsys, monkeypatch):
    first = model_folder(tmp_path, "cam", labels=["a", "b", "c"])
    code, out, err = run(accounts, "tech", ["import", str(first), "--json"], capsys,
                         monkeypatch)
    assert code == 0, err
    [imported] = json.loads(out)
    assert (imported["tag"], imported["active"], imported["labels"]) == ("cam/v1", True,
                                                                        ["a", "b", "c"])
    assert "100%" in err and "[" in err  # the progress bar went to stderr
    second = write_model(tmp_path / "v2.onnx", seed=7)
    code, out, err = run(accounts, "tech", ["import", str(second), "--name", "cam"], capsys,
                         monkeypatch)
    assert code == 0 and "Imported cam/v2" in out and "models activate cam 2" in out

    code, out, _ = run(accounts, "operator", ["list", "--json"], capsys, monkeypatch)
    assert code == 0
    assert [(m["name"], m["active_version"], m["version_count"]) for m in json.loads(out)] == [
        ("cam", 1, 2)]
    code, out, _ = run(accounts, "operator", ["list", "cam"], capsys, monkeypatch)
    assert out.splitlines()[0].startswith("* v1") and out.splitlines()[1].startswith("  v2")

    code, out, _ = run(accounts, "tech", ["activate", "cam", "v2"], capsys, monkeypatch)
    assert code == 0 and "v2 is active" in out
    code, out, _ = run(accounts, "tech", ["rollback", "cam", "--json"], capsys, monkeypatch)
    assert code == 0 and json.loads(out)["active_version"] == 1
    code, out, _ = run(accounts, "operator", ["lineage", "cam"], capsys, monkeypatch)
    assert code == 0 and out.startswith("cam/v1 (import, active")


def test_import_a_package_zip(accounts, tmp_path, capsys, monkeypatch):
    folder = model_folder(tmp_path / "src", "cam")
    path = build_package(tmp_path / "usb.zip",
                         [PackageSource("cam", "image-classification", folder)])
    code, out, err = run(accounts, "tech", ["import", str(path)], capsys, monkeypatch)
    assert code == 0, err
    assert "Imported cam/v1" in out and "made it active" in out
    code, _, err = run(accounts, "tech", ["import", str(path), "--name", "x"], capsys,
                       monkeypatch)
    assert code == 2 and "come from the package's manifest" in err


def test_refusals_are_one_line_with_the_right_exit_code(accounts, tmp_path, capsys,
                                                        monkeypatch):
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"\x08\x08\x12\x05trunc")
    code, out, err = run(accounts, "tech", ["import", str(bad)], capsys, monkeypatch)
    assert code == 2 and out == ""
    last = err.strip().splitlines()[-1]  # after the progress lines (stderr is not a terminal)
    assert last.startswith("edgedeck: Refused") and "not an ONNX model, or is truncated" in last
    assert "it has no graph and no opset imports" in last
    assert err.count("edgedeck:") == 1 and "Traceback" not in err

    good = write_model(tmp_path / "good.onnx")
    code, _, err = run(accounts, "operator", ["import", str(good)], capsys, monkeypatch)
    assert code == 5 and "may not manage models" in err
    code, _, err = run(accounts, "tech", ["activate", "nothing", "1"], capsys, monkeypatch)
    assert code == 2 and "no model named 'nothing'" in err
    code, _, err = run(accounts, "tech", ["activate", "x", "latest"], capsys, monkeypatch)
    assert code == 2 and "not a version number" in err


def test_delete_needs_admin_and_confirmation(accounts, tmp_path, capsys, monkeypatch):
    for seed in (1, 2):
        code, _, err = run(accounts, "tech", ["import", str(write_model(
            tmp_path / f"m{seed}.onnx", seed=seed)), "--name", "cam"], capsys, monkeypatch)
        assert code == 0, err
    code, _, err = run(accounts, "tech", ["delete", "cam", "2"], capsys, monkeypatch)
    assert code == 5 and "may not delete data" in err
    code, _, err = run(accounts, "admin", ["delete", "cam", "1"], capsys, monkeypatch)
    assert code == 2 and "is the active version" in err
    code, out, _ = run(accounts, "admin", ["delete", "cam", "2"], capsys, monkeypatch)
    assert code == 0 and "Deleted the files of cam/v2" in out
    code, _, err = run(accounts, "admin", ["delete", "cam"], capsys, monkeypatch)
    assert code == 2 and "--yes" in err
    code, out, _ = run(accounts, "admin", ["delete", "cam", "--yes", "--json"], capsys,
                       monkeypatch)
    assert code == 0 and json.loads(out)["name"] == "cam"
    code, out, _ = run(accounts, "operator", ["list"], capsys, monkeypatch)
    assert out.strip() == "No models yet."


def test_text_bar_without_a_terminal_prints_a_line_per_ten_percent():
    stream = io.StringIO()
    bar = models_commands.TextBar(stream)
    for done in range(0, 1001, 5):
        bar(done, 1000, "copying model.onnx")
    bar.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11 and lines[-1].startswith("[" + "#" * 30 + "] 100%")


def test_text_bar_on_a_terminal_redraws_in_place_and_erases_after_a_failure():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    bar = models_commands.TextBar(stream)
    bar(0, 100, "copying")
    bar(50, 100, "copying")
    bar.close(ok=False)
    text = stream.getvalue()
    assert "\n" not in text and text.count("\r") == 4 and text.endswith("\r")


def test_human_size():
    assert [models_commands.human_size(n) for n in (0, 1023, 1536, 5 << 20, 3 << 30)] == [
        "0 B", "1023 B", "1.5 KiB", "5.0 MiB", "3.0 GiB"]
