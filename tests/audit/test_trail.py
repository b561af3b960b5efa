"""The audit core: append-only at the SQL level, a hash chain that exposes any edit."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading

import pytest

from app.audit.chain import GENESIS_HASH, HASHED_FIELDS
from app.auth.identity import Actor
from app.errors import PermissionDenied

ACTOR = Actor("alice", "admin", "cli", host="box-1")


def _fill(ctx, n=5):
    return [ctx.audit_trail.record(ACTOR, "model", "activate", f"model:m{i}", "success",
                                   {"version": i, "note": "übung 测试"}) for i in range(n)]


def test_record_carries_every_required_field(ctx):
    rec = ctx.audit_trail.record(ACTOR, "model", "activate", "model:inspector", "success",
                                 {"version": 3})
    assert rec.seq == 1 and rec.prev_hash == GENESIS_HASH
    assert rec.ts.endswith("Z") and "T" in rec.ts
    assert (rec.actor, rec.role, rec.source, rec.host) == ("alice", "admin", "cli", "box-1")
    assert rec.device_id == ctx.settings.device_id
    assert (rec.category, rec.action, rec.object, rec.outcome) == (
        "model", "activate", "model:inspector", "success")
    assert json.loads(rec.details) == {"version": 3}
    assert len(rec.event_id) == 36 and len(rec.hash) == 64


def test_hash_is_sha256_over_prev_hash_and_canonical_json(ctx):
    """An auditor can recompute a hash with nothing but a JSON library and SHA-256."""
    first, second = _fill(ctx, 2)
    for rec in (first, second):
        payload = {name: getattr(rec, name) for name in HASHED_FIELDS}
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"),
                               ensure_ascii=False)
        expected = hashlib.sha256((rec.prev_hash + canonical).encode("utf-8")).hexdigest()
        assert rec.hash == expected
    assert second.prev_hash == first.hash
    stored = ctx.store.conn.execute("SELECT hash FROM audit_log WHERE seq=2").fetchone()[0]
    assert stored == second.hash


def test_sequence_is_monotonic_and_gap_free(ctx):
    records = _fill(ctx, 10)
    assert [r.seq for r in records] == list(range(1, 11))
    assert ctx.audit_trail.head().seq == 10 and ctx.audit_trail.count() == 10


def test_update_and_delete_are_rejected_by_triggers(ctx):
    _fill(ctx, 2)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        ctx.store.conn.execute("UPDATE audit_log SET outcome='failure' WHERE seq=1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        ctx.store.conn.execute("DELETE FROM audit_log WHERE seq=2")
    assert ctx.audit_trail.count() == 2
    assert ctx.audit_trail.verify().ok


def test_invalid_outcome_is_a_programming_error(ctx):
    with pytest.raises(ValueError, match="outcome"):
        ctx.audit_trail.record(ACTOR, "x", "y", "z", "maybe")


def test_verify_intact_chain(ctx):
    _fill(ctx, 20)
    progress = []
    result = ctx.audit_trail.verify(progress=lambda done, total: progress.append((done, total)))
    assert result.ok and result.checked == 20 and result.head_seq == 20
    assert progress[-1] == (20, 20)
    assert "intact" in result.summary()


def _tamper(ctx, sql, params=()):
    """What an attacker with the file does: drop the triggers, edit, (re)create nothing."""
    conn = ctx.store.conn
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute(sql, params)


def test_edited_field_is_named(ctx):
    _fill(ctx, 5)
    _tamper(ctx, "UPDATE audit_log SET actor='mallory' WHERE seq=3")
    result = ctx.audit_trail.verify()
    assert not result.ok and result.first_bad_seq == 3
    assert "edited" in result.reason
    assert "record #3" in result.summary()


def test_deleted_row_is_named(ctx):
    _fill(ctx, 5)
    _tamper(ctx, "DELETE FROM audit_log WHERE seq=2")
    result = ctx.audit_trail.verify()
    assert not result.ok and result.first_bad_seq == 2
    assert "missing" in result.reason


def test_deleted_and_renumbered_rows_are_caught_by_the_link(ctx):
    _fill(ctx, 5)
    _tamper(ctx, "DELETE FROM audit_log WHERE seq=2")
    ctx.store.conn.execute("UPDATE audit_log SET seq = seq - 1 WHERE seq > 2")
    result = ctx.audit_trail.verify()
    assert not result.ok and result.first_bad_seq == 2
    assert "prev_hash" in result.reason


def test_cancelled_verification_says_so(ctx):
    _fill(ctx, 3)
    result = ctx.audit_trail.verify(cancelled=lambda: True)
    assert result.cancelled and not result.ok and "cancelled" in result.summary()


def test_concurrent_writers_never_fork_the_chain(ctx):
    def writer(n):
        for i in range(25):
            ctx.audit_trail.record(Actor(f"w{n}", "admin", "cli"), "test", "write", str(i))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = ctx.audit_trail.verify()
    assert result.ok and result.checked == 100


def test_record_joins_the_callers_transaction(ctx):
    """A service's change and its audit record commit or roll back together."""
    with pytest.raises(RuntimeError):
        with ctx.store.transaction(immediate=True):
            ctx.audit_trail.record(ACTOR, "settings", "change", "x")
            raise RuntimeError("the change failed")
    assert ctx.audit_trail.count() == 0


def test_audit_service_pages_newest_first_and_checks_role(ctx, admin, operator):
    _fill(ctx, 450)
    first = ctx.audit.page(admin, None, 200)
    assert first[0].seq > first[-1].seq and len(first) == 200
    second = ctx.audit.page(admin, first[-1].seq, 200)
    assert second[0].seq == first[-1].seq - 1
    with pytest.raises(PermissionDenied):
        ctx.audit.page(operator)
    assert ctx.audit_trail.head().action == "permission_denied"


def test_audit_service_verify_is_itself_audited(ctx, admin):
    _fill(ctx, 3)
    result = ctx.audit.verify(admin)
    head = ctx.audit_trail.head()
    assert result.ok and head.action == "verify" and head.outcome == "success"
    assert head.details_dict["checked"] == result.checked
