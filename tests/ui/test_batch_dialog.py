"""The batch job dialog with real widgets: opened from the Models page, a folder run with a bad
file (summary and reasons), cancel from the progress panel and resume, and who sees it."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt

from app.models.batch import BatchService, read_rows
from app.ui.pages.models import ModelsPage

WAIT_MS = 30_000


@pytest.fixture
def make_page(page_factory):
    return lambda actor: page_factory(ModelsPage, actor, (1200, 800))


def photos(folder, count, bad=()):
    folder.mkdir()
    for i in range(count):
        pixels = np.full((20, 30, 3), (i * 7) % 256, np.uint8)
        Image.fromarray(pixels).save(folder / f"p{i:02d}.png")
    for name in bad:
        (folder / name).write_bytes(b"garbage")
    return folder


def open_dialog(qtbot, page):
    page.select_model("demo-inspector")
    qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_run_a_folder_with_a_bad_file(qtbot, make_page, tech, tmp_path):
    page = make_page(tech)
    assert not page.batch_button.isHidden()
    dialog = open_dialog(qtbot, page)
    assert dialog.model_combo.currentData() == "demo-inspector"
    assert dialog.version_combo.currentData() == 1
    assert dialog.resume_box.isHidden()  # nothing unfinished yet
    folder = photos(tmp_path / "photos", 4, bad=("broken.jpg",))
    out = tmp_path / "results.jsonl"
    dialog.input_edit.setText(str(folder))
    dialog.output_edit.setText(str(out))
    assert dialog.format_combo.currentData() == "jsonl"  # follows the suffix
    assert dialog.start()
    assert not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.work.busy, timeout=WAIT_MS)
    assert dialog.last_job.state == "done"
    summary = dialog.summary.text()
    assert "5 of 5 inputs" in summary and "4 ok, 1 failed" in summary and str(out) in summary
    assert dialog.message.kind == "warn"
    assert dialog.failures_model.rowCount() == 1
    assert dialog.failures_model.cell(0, 1) == "broken.jpg"
    assert "broken.jpg" in dialog.failures_model.cell(0, 2)
    assert len(read_rows(out, "jsonl")) == 5
    assert dialog.start_button.isEnabled()

    dialog.output_edit.setText(str(out))  # again, same file: refused, not overwritten
    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.work.busy, timeout=WAIT_MS)
    assert dialog.message.kind == "alarm" and "already exists" in dialog.message.text()
    assert len(read_rows(out, "jsonl")) == 5


def test_cancel_then_resume_from_the_dialog(qtbot, make_page, tech, tmp_path, monkeypatch):
    original = BatchService._one

    def slow(self, *args, **kwargs):
        time.sleep(0.02)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(BatchService, "_one", slow)
    page = make_page(tech)
    dialog = open_dialog(qtbot, page)
    folder = photos(tmp_path / "photos", 30)
    out = tmp_path / "results.csv"
    dialog.input_edit.setText(str(folder))
    dialog.output_edit.setText(str(out))
    assert dialog.format_combo.currentData() == "csv"
    assert dialog.start()
    qtbot.waitUntil(lambda: dialog.work._bar.value() >= 3, timeout=WAIT_MS)
    dialog.work.cancel()
    qtbot.waitUntil(lambda: not dialog.work.busy, timeout=WAIT_MS)
    job = dialog.last_job
    assert job.state == "cancelled" and 3 <= job.done < 30
    assert dialog.message.kind == "warn" and "Resume" in dialog.message.text()
    assert not dialog.resume_box.isHidden() and dialog.resume_button.isEnabled()
    assert f"Job {job.id}" in dialog.resume_label.text()

    monkeypatch.setattr(BatchService, "_one", original)
    qtbot.mouseClick(dialog.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.work.busy, timeout=WAIT_MS)
    assert dialog.last_job.state == "done" and dialog.last_job.done == 30
    assert dialog.message.kind == "ok"
    assert dialog.resume_box.isHidden()
    rows = read_rows(out, "csv")
    assert [r["path"] for r in rows] == [f"p{i:02d}.png" for i in range(30)]
    assert [r["index"] for r in rows] == [str(i) for i in range(1, 31)]


def test_closing_while_running_keeps_a_resumable_job(qtbot, make_page, tech, tmp_path,
                                                     monkeypatch):
    original = BatchService._one

    def slow(self, *args, **kwargs):
        time.sleep(0.02)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(BatchService, "_one", slow)
    page = make_page(tech)
    dialog = open_dialog(qtbot, page)
    dialog.input_edit.setText(str(photos(tmp_path / "photos", 40)))
    dialog.output_edit.setText(str(tmp_path / "r.csv"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.work._bar.value() >= 2, timeout=WAIT_MS)
    dialog.reject()
    job = page.ctx.batch.last_unfinished(tech)
    assert job is not None and job.state == "cancelled" and job.done >= 2


def test_operators_have_no_batch_jobs(make_page, operator):
    page = make_page(operator)
    assert page.batch_button.isHidden()
