"""Batch jobs: folders of images and JSONL files through a model, one row per input, bad inputs
failing only their row, cancel and resume (also after a crash) without lost or doubled rows."""

from __future__ import annotations

import csv
import json
import os
import socket
from pathlib import Path

import numpy as np
import pytest
from onnx import TensorProto, helper, numpy_helper, save
from PIL import Image

from app.errors import PermissionDenied
from app.models.batch import BatchError, BatchFailed, read_rows, tensor_data
from app.models.demo import seed_demo_models


def write_images(folder: Path, count: int, bad: tuple[str, ...] = ()) -> Path:
    """`count` small pictures (sizes differ from the model's 64x64) plus broken files."""
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        pixels = (rng.random((40 + i, 50, 3)) * 255).astype(np.uint8)
        Image.fromarray(pixels).save(folder / f"part-{i:03d}.png")
    for name in bad:
        (folder / name).write_bytes(b"this is not a picture")
    (folder / "notes.txt").write_text("not an input", encoding="utf-8")
    return folder


def scaler(path: Path) -> Path:
    """y = 2x on float [batch, 4]: a model with no labels, so rows hold its tensors."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 4])
    k = numpy_helper.from_array(np.array([2.0], np.float32), "k")
    graph = helper.make_graph([helper.make_node("Mul", ["x", "k"], ["y"])], "scaler", [x], [y],
                              [k])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    save(model, str(path))
    return path


@pytest.fixture
def seeded(ctx, admin):
    seed_demo_models(ctx.models, admin)
    return ctx


def batch_audit(ctx) -> list:
    return [r for r in ctx.audit_trail.read_page(limit=200)
            if r.category == "model" and r.action.startswith("batch_")]


def test_folder_of_images_with_a_bad_file_writes_one_csv_row_each(seeded, tech, tmp_path):
    folder = write_images(tmp_path / "photos", 5, bad=("broken.jpg",))
    (folder / "line-2").mkdir()
    Image.new("RGB", (80, 60), "gray").save(folder / "line-2" / "extra.jpeg")
    out = tmp_path / "results.csv"
    job = seeded.batch.create(tech, "demo-inspector", folder, out)
    assert (job.total, job.state, job.summary, job.input_kind) == (7, "new", "classification",
                                                                    "images")
    seen = []
    job = seeded.batch.run(tech, job.id, progress=lambda d, t, text: seen.append((d, t)))
    assert (job.state, job.done, job.ok, job.failed) == ("done", 7, 6, 1)
    assert seen[-1] == (7, 7)

    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["index", "path", "status", "error", "latency_ms", "label", "score",
                             "top"]
    assert [r["path"] for r in rows] == ["broken.jpg", "line-2/extra.jpeg",
                                         *(f"part-{i:03d}.png" for i in range(5))]
    assert [r["index"] for r in rows] == [str(i) for i in range(1, 8)]
    broken = rows[0]
    assert broken["status"] == "failed" and "broken.jpg" in broken["error"]
    assert "image" in broken["error"]
    labels = {"ok", "scratch", "dent", "missing-part", "discoloration"}
    for row in rows[1:]:
        assert row["status"] == "ok" and row["error"] == ""
        assert float(row["latency_ms"]) >= 0
        top = json.loads(row["top"])
        assert len(top) == 5 and {t["label"] for t in top} == labels
        assert row["label"] == top[0]["label"] and float(row["score"]) == top[0]["score"]
        assert abs(sum(t["score"] for t in top) - 1) < 1e-3

    records = batch_audit(seeded)
    assert [r.action for r in records][:2] == ["batch_finish", "batch_start"]
    finish = records[0]
    assert finish.actor == "tech" and finish.object == f"batch:{job.id}"
    counts = finish.details_dict
    assert (counts["total"], counts["ok"], counts["failed"]) == (7, 6, 1)
    start = records[1].details_dict
    assert start["input"] == str(folder) and start["total"] == 7


def test_jsonl_with_bad_lines_fails_only_those_rows(seeded, tech, tmp_path):
    good = [[1, 2, 3] + [0] * 29, [5] * 32]
    lines = [json.dumps({"input_ids": [good[0]]}),
             "",  # blank: not an input, but line numbers keep counting
             "{this is not json",
             json.dumps({"input_ids": [good[1]]}),
             json.dumps({"tokens": [[1]]}),  # no such input
             json.dumps({"input_ids": [[1, 2], [3]]}),  # ragged
             json.dumps(["a list"]),
             json.dumps({"input_ids": [good[0]]})]  # the last line has no newline
    source = tmp_path / "inputs.jsonl"
    source.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "results.jsonl"
    job = seeded.batch.create(tech, "demo-text-classifier", source, out)
    assert job.total == 7
    job = seeded.batch.run(tech, job.id)
    assert (job.state, job.ok, job.failed) == ("done", 3, 4)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in rows] == [1, 3, 4, 5, 6, 7, 8]
    assert [r["status"] for r in rows] == ["ok", "failed", "ok", "failed", "failed", "failed",
                                           "ok"]
    assert "not valid JSON" in rows[1]["error"]
    assert "no input named tokens" in rows[3]["error"]
    assert "rectangular" in rows[4]["error"]
    assert "object" in rows[5]["error"]
    assert rows[0]["top"][0]["label"] in {"fault", "routine", "maintenance"}
    assert rows[0]["top"] == rows[6]["top"]  # the same input gives the same answer


def test_shape_mismatch_and_tensor_outputs(ctx, admin, tech, tmp_path):
    ctx.models.import_model(admin, scaler(tmp_path / "scaler.onnx"), task="other")
    source = tmp_path / "x.jsonl"
    source.write_text("\n".join([
        json.dumps({"x": [[1, 2, 3, 4]]}),
        json.dumps({"x": [[1, 2, 3]]}),  # wrong shape
        json.dumps({"x": [[0.1, -1.5, 1e-8, 3]]}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "y.csv"
    job = ctx.batch.run(tech, ctx.batch.create(tech, "scaler", source, out).id)
    assert (job.summary, job.ok, job.failed) == ("tensors", 2, 1)
    rows = read_rows(out, "csv")
    assert list(rows[0]) == ["index", "line", "status", "error", "latency_ms", "outputs"]
    assert rows[0]["outputs"] == {"y": [[2.0, 4.0, 6.0, 8.0]]}
    assert rows[1]["status"] == "failed" and "shape [1, 3]" in rows[1]["error"]
    assert rows[2]["outputs"] == {"y": [[0.2, -3.0, 2e-8, 6.0]]}


def test_tensor_data_cuts_long_outputs():
    assert tensor_data(np.arange(4, dtype=np.int64).reshape(2, 2)) == [[0, 1], [2, 3]]
    cut = tensor_data(np.zeros((3, 10), np.float32), limit=5)
    assert cut == {"shape": [3, 10], "dtype": "float32", "values": [0.0] * 5,
                   "truncated": True}


def count_calls(after: int):
    """A cancelled() that says yes once `after` inputs were processed."""
    state = {"progress": 0}

    def progress(done, total, text):
        state["progress"] = done

    def cancelled():
        return state["progress"] >= after

    return progress, cancelled


def test_cancel_then_resume_gives_exactly_one_row_per_input(seeded, tech, tmp_path):
    folder = write_images(tmp_path / "photos", 9, bad=("zz-bad.png",))
    out = tmp_path / "results.jsonl"
    job = seeded.batch.create(tech, "demo-inspector", folder, out)
    progress, cancelled = count_calls(4)
    job = seeded.batch.run(tech, job.id, progress, cancelled)
    assert (job.state, job.done, job.resumable) == ("cancelled", 4, True)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    assert seeded.batch.last_unfinished(tech).id == job.id

    job = seeded.batch.run(tech, job.id)
    assert (job.state, job.done, job.ok, job.failed) == ("done", 10, 9, 1)
    rows = read_rows(out, "jsonl")
    assert [r["index"] for r in rows] == list(range(1, 11))
    assert sorted(r["path"] for r in rows) == sorted({r["path"] for r in rows})
    assert seeded.batch.last_unfinished(tech) is None
    actions = [r.action for r in batch_audit(seeded)]
    assert actions[:4] == ["batch_finish", "batch_resume", "batch_cancel", "batch_start"]
    cancel = batch_audit(seeded)[2]
    assert (cancel.details_dict["done"], cancel.details_dict["total"]) == (4, 10)
    with pytest.raises(BatchError, match="already finished"):
        seeded.batch.run(tech, job.id)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_crash_after_writing_but_before_committing_is_cut_back(seeded, tech, tmp_path, fmt):
    """The process died after appending rows (the last one torn) but before the job's row
    recorded them: the resume truncates to the committed offset and redoes those inputs."""
    folder = write_images(tmp_path / "photos", 8)
    out = tmp_path / f"results.{fmt}"
    job = seeded.batch.create(tech, "demo-inspector", folder, out)
    progress, cancelled = count_calls(3)
    job = seeded.batch.run(tech, job.id, progress, cancelled)
    committed = out.read_bytes()
    lines = committed.splitlines(keepends=True)
    with out.open("ab") as handle:  # two uncommitted rows, the second torn mid-write
        handle.write(lines[-1])
        handle.write(lines[-1][: len(lines[-1]) // 2])
    seeded.store.conn.execute(
        "UPDATE batch_jobs SET state = 'running', owner = ? WHERE id = ?",
        [f"{socket.gethostname()}:{2**22 + 12345}", job.id])  # a pid that is not running
    interrupted = seeded.batch.get(tech, job.id)
    assert interrupted.state == "interrupted" and interrupted.resumable

    job = seeded.batch.run(tech, job.id)
    assert (job.state, job.done, job.ok) == ("done", 8, 8)
    data = out.read_bytes()
    assert data.startswith(committed)
    rows = read_rows(out, fmt)
    assert [int(r["index"]) for r in rows] == list(range(1, 9))
    assert [r["path"] for r in rows] == [f"part-{i:03d}.png" for i in range(8)]


def test_a_job_running_elsewhere_is_not_taken_twice(seeded, tech, tmp_path):
    folder = write_images(tmp_path / "photos", 3)
    job = seeded.batch.create(tech, "demo-inspector", folder, tmp_path / "r.csv")
    refusals = []

    def progress(done, total, text):
        if done == 1 and not refusals:
            with pytest.raises(BatchError, match="running") as info:
                seeded.batch.run(tech, job.id)
            refusals.append(str(info.value))

    seeded.batch.run(tech, job.id, progress)
    assert refusals
    # Another host's job with a fresh heartbeat is running, not interrupted.
    seeded.store.conn.execute("UPDATE batch_jobs SET state = 'running', owner = 'other-box:1'"
                              " WHERE id = ?", [job.id])
    assert seeded.batch.get(tech, job.id).state == "running"
    with pytest.raises(BatchError, match="running"):
        seeded.batch.run(tech, job.id)
    seeded.store.conn.execute("UPDATE batch_jobs SET updated_at = '2000-01-01T00:00:00+00:00'"
                              " WHERE id = ?", [job.id])
    assert seeded.batch.get(tech, job.id).state == "interrupted"


def test_resume_refuses_a_changed_input_or_a_missing_output(seeded, tech, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"input_ids": [[i] * 32]}) + "\n" for i in range(6)),
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    job = seeded.batch.create(tech, "demo-text-classifier", source, out)
    progress, cancelled = count_calls(2)
    job = seeded.batch.run(tech, job.id, progress, cancelled)
    assert job.done == 2
    source.write_text(source.read_text(encoding="utf-8").replace("[1,", "[2,"),
                      encoding="utf-8")
    with pytest.raises(BatchFailed, match="changed since batch job"):
        seeded.batch.run(tech, job.id)
    job = seeded.batch.get(tech, job.id)
    assert job.state == "failed" and job.done == 2 and "changed" in job.error
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2  # nothing added
    out.unlink()
    with pytest.raises(BatchError, match="is gone"):
        seeded.batch.run(tech, job.id)


def test_creation_refusals(seeded, tech, operator, tmp_path):
    folder = write_images(tmp_path / "photos", 1)
    taken = tmp_path / "taken.csv"
    taken.write_text("keep me", encoding="utf-8")
    with pytest.raises(BatchError, match="already exists"):
        seeded.batch.create(tech, "demo-inspector", folder, taken)
    assert taken.read_text(encoding="utf-8") == "keep me"
    job = seeded.batch.create(tech, "demo-inspector", folder, taken, overwrite=True)
    assert taken.read_text(encoding="utf-8").startswith("index,path,")
    assert job.format == "csv"
    with pytest.raises(BatchError, match="does not take images"):
        seeded.batch.create(tech, "demo-text-classifier", folder, tmp_path / "x.csv")
    with pytest.raises(BatchError, match="format"):
        seeded.batch.create(tech, "demo-inspector", folder, tmp_path / "x.txt")
    with pytest.raises(BatchError, match="does not exist"):
        seeded.batch.create(tech, "demo-inspector", tmp_path / "nowhere", tmp_path / "x.csv")
    with pytest.raises(BatchError, match="no image files"):
        (tmp_path / "empty").mkdir()
        seeded.batch.create(tech, "demo-inspector", tmp_path / "empty", tmp_path / "x.csv")
    with pytest.raises(BatchError, match="does not exist"):
        seeded.batch.create(tech, "demo-inspector", folder, tmp_path / "no" / "x.csv")
    with pytest.raises(PermissionDenied):
        seeded.batch.create(operator, "demo-inspector", folder, tmp_path / "op.csv")
    with pytest.raises(PermissionDenied):
        seeded.batch.run(operator, job.id)
    assert not (tmp_path / "op.csv").exists()


def test_jobs_are_listed_newest_first(seeded, tech, tmp_path):
    folder = write_images(tmp_path / "photos", 1)
    first = seeded.batch.create(tech, "demo-inspector", folder, tmp_path / "a.csv")
    second = seeded.batch.create(tech, "demo-inspector", folder, tmp_path / "b.jsonl")
    assert [j.id for j in seeded.batch.list_jobs(tech)] == [second.id, first.id]
    assert seeded.batch.last_unfinished(tech).id == second.id  # new jobs can be started later
    data = second.as_dict()
    assert data["tag"] == "demo-inspector/v1" and data["columns"][1] == "path"
    assert os.path.isabs(data["output_path"])


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_failures_lists_the_failed_rows_with_reasons(seeded, tech, tmp_path, fmt):
    folder = write_images(tmp_path / "photos", 2, bad=("a-bad.png", "b-bad.jpg"))
    job = seeded.batch.create(tech, "demo-inspector", folder, tmp_path / f"r.{fmt}")
    seeded.batch.run(tech, job.id)
    failures = seeded.batch.failures(tech, job.id)
    assert [f["path"] for f in failures] == ["a-bad.png", "b-bad.jpg"]
    assert all("a picture" not in f["error"] and f["error"] for f in failures)
    assert len(seeded.batch.failures(tech, job.id, limit=1)) == 1


def test_a_full_disk_keeps_the_committed_rows_and_resumes(seeded, tech, tmp_path, monkeypatch):
    import app.models.batch as batch_module

    monkeypatch.setattr(batch_module, "COMMIT_ROWS", 2)
    real_fsync = batch_module.os.fsync
    calls = {"n": 0}

    def failing_fsync(fd):
        calls["n"] += 1
        if calls["n"] == 2:  # the first two rows are committed, then the disk is full
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    folder = write_images(tmp_path / "photos", 7)
    out = tmp_path / "results.csv"
    job = seeded.batch.create(tech, "demo-inspector", folder, out)
    monkeypatch.setattr(batch_module.os, "fsync", failing_fsync)
    with pytest.raises(BatchFailed, match="No space left"):
        seeded.batch.run(tech, job.id)
    monkeypatch.setattr(batch_module.os, "fsync", real_fsync)
    job = seeded.batch.get(tech, job.id)
    assert job.state == "failed" and job.resumable and job.done == 2
    assert [r["path"] for r in read_rows(out, "csv")] == ["part-000.png", "part-001.png"]
    job = seeded.batch.run(tech, job.id)
    assert (job.state, job.done) == ("done", 7)
    assert [r["path"] for r in read_rows(out, "csv")] == [f"part-{i:03d}.png" for i in range(7)]
    assert [r.action for r in batch_audit(seeded)][:3] == ["batch_finish", "batch_resume",
                                                          "batch_fail"]
