"""`edgedeck models run --batch INPUT --out OUTPUT [--format] [--resume JOB]`: a job from the
command line, interrupted with Ctrl-C and resumed, next to the single run it extends."""

from __future__ import annotations

import io
import json
import sys

import numpy as np
import pytest
from PIL import Image

from app.cli import main
from app.models.batch import BatchService, read_rows
from app.models.demo import seed_demo_models

PASSWORDS = {"admin": "admin-password", "tech": "tech-password",
             "operator": "operator-password"}


@pytest.fixture
def accounts(ctx, admin, tech, operator):
    seed_demo_models(ctx.models, admin)
    return ctx.data_dir


def cli(data_dir, user, argv, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORDS[user] + "\n"))
    code = main(["--data-dir", str(data_dir), "models", "run", *argv, "--user", user])
    out, err = capsys.readouterr()
    return code, out, err


def photos(folder, count):
    folder.mkdir()
    for i in range(count):
        Image.fromarray(np.full((30, 30, 3), i * 20, np.uint8)).save(folder / f"p{i}.png")
    return folder


def test_batch_over_a_folder_then_jsonl_with_a_bad_line(accounts, tmp_path, capsys,
                                                        monkeypatch):
    folder = photos(tmp_path / "photos", 3)
    out = tmp_path / "results.csv"
    code, stdout, err = cli(accounts, "tech", ["--batch", str(folder), "--out", str(out),
                                               "--model", "demo-inspector", "--version", "1",
                                               "--json"], capsys, monkeypatch)
    assert code == 0, err
    job = json.loads(stdout)
    assert (job["state"], job["done"], job["ok"], job["failed"]) == ("done", 3, 3, 0)
    assert f"Batch job {job['id']}: demo-inspector/v1" in err
    assert [r["path"] for r in read_rows(out, "csv")] == ["p0.png", "p1.png", "p2.png"]

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"input_ids": [[3] * 32]}) + "\nnot json\n", encoding="utf-8")
    out2 = tmp_path / "results.txt"
    code, stdout, err = cli(accounts, "tech", ["demo-text-classifier", "--batch", str(source),
                                               "--out", str(out2), "--format", "jsonl",
                                               "--top", "2"], capsys, monkeypatch)
    assert code == 1  # finished, but a row failed: scripts can tell
    assert "2 of 2 inputs, 1 ok, 1 failed" in stdout
    rows = read_rows(out2, "jsonl")
    assert [r["status"] for r in rows] == ["ok", "failed"] and len(rows[0]["top"]) == 2

    code, _, err = cli(accounts, "tech", ["demo-inspector", "--batch", str(folder), "--out",
                                          str(out)], capsys, monkeypatch)
    assert code == 2 and "already exists" in err
    code, _, err = cli(accounts, "operator", ["demo-inspector", "--batch", str(folder),
                                              "--out", str(tmp_path / "op.csv")], capsys,
                       monkeypatch)
    assert code == 5 and "run batch jobs" in err
    code, _, err = cli(accounts, "tech", ["demo-inspector", "--batch", str(folder)], capsys,
                       monkeypatch)
    assert code == 2 and "--out" in err


def test_interrupt_and_resume(accounts, tmp_path, capsys, monkeypatch):
    folder = photos(tmp_path / "photos", 6)
    out = tmp_path / "results.jsonl"
    original = BatchService._one
    calls = {"n": 0}

    def interrupted_once(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)

    monkeypatch.setattr(BatchService, "_one", interrupted_once)
    code, _, err = cli(accounts, "tech", ["demo-inspector", "--batch", str(folder), "--out",
                                          str(out)], capsys, monkeypatch)
    assert code == 130
    assert "--resume 1" in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2

    monkeypatch.setattr(BatchService, "_one", original)
    code, stdout, err = cli(accounts, "tech", ["--resume", "1", "--out", str(tmp_path / "x")],
                            capsys, monkeypatch)
    assert code == 2 and "does not match" in err
    code, stdout, err = cli(accounts, "tech", ["--resume", "1"], capsys, monkeypatch)
    assert code == 0, err
    assert "Batch job 1 done: 6 of 6 inputs, 6 ok" in stdout
    rows = read_rows(out, "jsonl")
    assert [r["path"] for r in rows] == [f"p{i}.png" for i in range(6)]


def test_single_run_keeps_working(accounts, tmp_path, capsys, monkeypatch):
    image = photos(tmp_path / "photos", 1) / "p0.png"
    code, stdout, err = cli(accounts, "operator", ["demo-inspector", "--image", str(image),
                                                   "--json"], capsys, monkeypatch)
    assert code == 0, err
    assert json.loads(stdout)["model"] == "demo-inspector/v1"
    code, _, err = cli(accounts, "operator", ["demo-inspector"], capsys, monkeypatch)
    assert code == 2 and "--image" in err
    code, _, err = cli(accounts, "operator", ["--image", str(image)], capsys, monkeypatch)
    assert code == 2 and "Name the model" in err
