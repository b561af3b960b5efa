"""The multi-process verification path gives the same verdicts as the single pass."""

from __future__ import annotations

import pytest

from app.auth.identity import Actor

ACTOR = Actor("alice", "admin", "cli", host="box-1")


@pytest.fixture
def filled(ctx):
    for i in range(400):
        ctx.audit_trail.record(ACTOR, "model", "run", f"m{i}", "success", {"i": i})
    return ctx


def _raw(ctx):
    for trigger in ("audit_log_no_update", "audit_log_no_delete"):
        ctx.store.conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    return ctx.store.conn


def test_parallel_intact(filled):
    single = filled.audit_trail.verify(workers=1)
    parallel = filled.audit_trail.verify(workers=2)
    assert single.ok and parallel.ok
    assert (parallel.checked, parallel.head_seq, parallel.head_hash,
            parallel.checkpoints_checked) == (single.checked, single.head_seq,
                                              single.head_hash, single.checkpoints_checked)


@pytest.mark.parametrize("sql,seq", [
    ("UPDATE audit_log SET actor='mallory' WHERE seq=333", 333),  # inside a later range
    ("DELETE FROM audit_log WHERE seq=51", 51),  # exactly at a range boundary (8 ranges)
    ("DELETE FROM audit_log WHERE seq=400", 400),  # the tail, caught by checkpoint/anchor
])
def test_parallel_names_the_same_record(filled, sql, seq):
    _raw(filled).execute(sql)
    single = filled.audit_trail.verify(workers=1)
    parallel = filled.audit_trail.verify(workers=2)
    assert not single.ok and not parallel.ok
    assert single.first_bad_seq == parallel.first_bad_seq == seq


def test_parallel_progress_reaches_the_total(filled):
    seen = []
    filled.audit_trail.verify(progress=lambda done, total: seen.append((done, total)),
                              workers=2)
    assert seen[-1][0] == seen[-1][1] == filled.audit_trail.count()
