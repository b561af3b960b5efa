"""Batch jobs over a crafted folder (issue 12): pictures linked out of the folder, FIFOs, linked
folders and names that are not UTF-8 fail their own rows, never the job or the whole box."""

from __future__ import annotations

import csv
import os
import shutil

import pytest
from test_batch import write_images

from app.models.batch import BatchError
from app.models.demo import seed_demo_models
from tests.knowledge.helpers import deadline


@pytest.fixture
def seeded(ctx, admin):
    seed_demo_models(ctx.models, admin)
    return ctx


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["path"]: row for row in csv.DictReader(handle)}


def test_links_out_of_the_folder_and_fifos_fail_their_rows_only(seeded, tech, tmp_path):
    folder = write_images(tmp_path / "photos", 2)
    outside = write_images(tmp_path / "outside", 1)
    (folder / "linked.png").symlink_to(outside / "part-000.png")
    (folder / "inside.png").symlink_to(folder / "part-001.png")  # stays inside: read
    (folder / "elsewhere").symlink_to(outside)  # a linked folder is not entered
    os.mkfifo(folder / "pipe.png")
    out = tmp_path / "results.csv"
    with deadline(120, "a batch job over a folder holding a FIFO"):
        job = seeded.batch.create(tech, "demo-inspector", folder, out)
        job = seeded.batch.run(tech, job.id)
    rows = _rows(out)
    assert set(rows) == {"inside.png", "linked.png", "part-000.png", "part-001.png",
                         "pipe.png"}
    assert (job.state, job.ok, job.failed) == ("done", 3, 2)
    assert rows["inside.png"]["status"] == "ok"
    assert "outside the folder you chose" in rows["linked.png"]["error"]
    assert "device, pipe or socket" in rows["pipe.png"]["error"]


def test_a_picture_swapped_for_a_link_before_it_is_read_fails_its_row(seeded, tech,
                                                                      tmp_path):
    folder = write_images(tmp_path / "photos", 2)
    outside = write_images(tmp_path / "outside", 1)
    out = tmp_path / "results.csv"
    job = seeded.batch.create(tech, "demo-inspector", folder, out)
    (folder / "part-001.png").unlink()  # after the job listed it
    (folder / "part-001.png").symlink_to(outside / "part-000.png")
    job = seeded.batch.run(tech, job.id)
    rows = _rows(out)
    assert rows["part-000.png"]["status"] == "ok"
    assert rows["part-001.png"]["status"] == "failed"
    assert "outside the folder you chose" in rows["part-001.png"]["error"]


def test_picture_names_that_are_not_utf8_are_processed_and_shown_safely(seeded, tech,
                                                                        tmp_path):
    folder = write_images(tmp_path / "photos", 1)
    shutil.copyfile(folder / "part-000.png", os.fsencode(folder) + b"/caf\xe9.png")
    out = tmp_path / "results.csv"
    job = seeded.batch.create(tech, "demo-inspector", folder, out)
    job = seeded.batch.run(tech, job.id)
    assert (job.state, job.ok, job.failed) == ("done", 2, 0)
    assert set(_rows(out)) == {"caf\\xe9.png", "part-000.png"}


def test_a_job_folder_named_with_bytes_that_are_not_utf8_is_refused(seeded, tech, tmp_path):
    folder = os.fsdecode(os.fsencode(tmp_path) + b"/ph\xe9tos")
    write_images(tmp_path / "photos", 1)
    os.rename(tmp_path / "photos", folder)
    with pytest.raises(BatchError, match="not valid UTF-8"):
        seeded.batch.create(tech, "demo-inspector", folder, tmp_path / "results.csv")


def test_results_are_never_written_through_a_link_or_into_a_fifo(seeded, tech, tmp_path):
    folder = write_images(tmp_path / "photos", 1)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "results.csv").symlink_to(victim)
    with pytest.raises(BatchError, match="is a link"):
        seeded.batch.create(tech, "demo-inspector", folder, tmp_path / "results.csv",
                            overwrite=True)
    assert victim.read_text(encoding="utf-8") == "keep me"
    os.mkfifo(tmp_path / "pipe.csv")
    with deadline(60, "writing results into a FIFO"), \
            pytest.raises(BatchError, match="not a regular file"):
        seeded.batch.create(tech, "demo-inspector", folder, tmp_path / "pipe.csv",
                            overwrite=True)
    # a results file swapped for a link before a resume is not followed either
    out = tmp_path / "out.csv"
    job = seeded.batch.create(tech, "demo-inspector", folder, out)
    out.unlink()
    out.symlink_to(victim)
    with pytest.raises(BatchError, match="is a link"):
        seeded.batch.run(tech, job.id)
    assert victim.read_text(encoding="utf-8") == "keep me"
