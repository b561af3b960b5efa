"""Retention: sealed segments stay verifiable; storage warnings come before any limit."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.audit.segments import verify_segment
from app.auth.identity import Actor
from app.errors import EdgeDeckError, PermissionDenied, ValidationError

ACTOR = Actor("alice", "admin", "cli", host="box-1")


def _fill(ctx, n):
    for i in range(n):
        ctx.audit_trail.record(ACTOR, "model", "run", f"m{i}", "success", {"i": i})


def test_archive_seals_removes_and_the_chain_still_verifies(ctx, admin, tmp_path):
    _fill(ctx, 300)
    result = ctx.audit.archive(admin, 150, tmp_path / "usb")
    assert (result.first_seq, result.last_seq, result.records) == (1, 150, 150)
    assert ctx.store.conn.execute("SELECT MIN(seq) FROM audit_log").fetchone()[0] == 151
    verification = ctx.audit_trail.verify()
    assert verification.ok and verification.archived_upto == 150
    lines = ctx.audit.verify_archive(admin, tmp_path / "usb")
    assert len(lines) == 1 and "intact" in lines[0]
    head = ctx.audit_trail.head()
    assert head.action in ("archive", "verify") or head.seq > 150
    # the next archive continues where the first stopped
    second = ctx.audit.archive(admin, 250, tmp_path / "usb")
    assert second.first_seq == 151
    assert all("intact" in line for line in ctx.audit.verify_archive(admin, tmp_path / "usb"))


def test_archived_rows_only_can_be_deleted(ctx, admin, tmp_path):
    _fill(ctx, 20)
    ctx.audit.archive(admin, 10, tmp_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        ctx.store.conn.execute("DELETE FROM audit_log WHERE seq = 15")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        ctx.store.conn.execute("DELETE FROM audit_segments")


def test_edited_segment_file_is_detected(ctx, admin, tmp_path):
    _fill(ctx, 30)
    result = ctx.audit.archive(admin, 20, tmp_path)
    path = tmp_path / result.path.split("/")[-1]
    lines = path.read_text().splitlines()
    record = json.loads(lines[5])
    record["actor"] = "mallory"
    lines[5] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n")
    report = ctx.audit.verify_archive(admin, tmp_path)
    assert "BROKEN" in report[0] and "SHA-256" in report[0]
    check = verify_segment(path, ctx.audit.public_key_pem())
    assert not check.ok and "record #5" in check.reason


def test_missing_segment_file_is_reported(ctx, admin, tmp_path):
    _fill(ctx, 30)
    result = ctx.audit.archive(admin, 20, tmp_path)
    (tmp_path / result.path.split("/")[-1]).unlink()
    assert "MISSING" in ctx.audit.verify_archive(admin, tmp_path)[0]


def test_archive_refuses_a_broken_chain_and_bad_ranges(ctx, admin, tmp_path):
    _fill(ctx, 30)
    with pytest.raises(ValidationError, match="Keep at least the newest"):
        ctx.audit.archive(admin, 10_000, tmp_path)
    ctx.store.conn.execute("DROP TRIGGER audit_log_no_update")
    ctx.store.conn.execute("UPDATE audit_log SET actor='x' WHERE seq=3")
    with pytest.raises(EdgeDeckError, match="Refusing to archive"):
        ctx.audit.archive(admin, 10, tmp_path)
    assert list(tmp_path.glob("*.jsonl")) == []


def test_only_admins_archive(ctx, tech, tmp_path):
    _fill(ctx, 10)
    with pytest.raises(PermissionDenied):
        ctx.audit.archive(tech, 5, tmp_path)


def test_storage_warning_is_audited_before_the_limit_and_nothing_is_lost(ctx, monkeypatch):
    from app.audit import trail as trail_module

    monkeypatch.setattr(trail_module, "STORAGE_CHECK_EVERY", 10)
    ctx.audit_trail.max_records = 100
    seen = []
    ctx.audit_trail.storage_listeners.append(seen.append)
    _fill(ctx, 130)
    warnings = [r for r in ctx.audit_trail.iter_records() if r.action == "storage_warning"]
    assert warnings and warnings[0].details_dict["percent"] >= 80
    assert warnings[0].seq <= 90  # raised before the limit, not at it
    assert seen and seen[0].level in ("warn", "full")
    assert ctx.audit_trail.count() > 130  # over the limit, still writing
    assert ctx.audit_trail.verify().ok
