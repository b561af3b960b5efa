"""Every way of tampering with the file that issue #6 lists, each caught at the right record.

The attacker here holds the database file but not the device's private key: they drop the
triggers, edit rows with SQL, even recompute every hash. Detection must still name the record.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from app.audit.chain import GENESIS_HASH, record_hash
from app.audit.trail import COLUMNS, AuditTrail
from app.auth.identity import Actor
from app.context import AppContext

ACTOR = Actor("alice", "admin", "cli", host="box-1")
N = 250  # checkpoints at 100 and 200


@pytest.fixture
def trail(ctx):
    for i in range(N):
        ctx.audit_trail.record(ACTOR, "model", "run", f"model:m{i % 7}", "success", {"i": i})
    ctx.audit_trail.checkpoint()
    assert ctx.audit_trail.verify().ok
    return ctx.audit_trail


def _raw(ctx) -> sqlite3.Connection:
    conn = ctx.store.conn
    for trigger in ("audit_log_no_update", "audit_log_no_delete", "audit_checkpoints_no_update",
                    "audit_checkpoints_no_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    return conn


def _rehash_from(conn, start_seq: int) -> None:
    """What a careful attacker does after an edit: recompute every hash after it."""
    names = [c.strip() for c in COLUMNS.split(",")]
    prev = conn.execute("SELECT hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1",
                        [start_seq]).fetchone()
    prev_hash = prev[0] if prev else GENESIS_HASH
    rows = conn.execute(f"SELECT {COLUMNS} FROM audit_log WHERE seq >= ? ORDER BY seq",
                        [start_seq]).fetchall()
    for row in rows:
        fields = dict(zip(names, row, strict=True))
        digest = record_hash(prev_hash, fields)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                     [prev_hash, digest, fields["seq"]])
        prev_hash = digest


def test_edited_field(ctx, trail):
    _raw(ctx).execute("UPDATE audit_log SET outcome='failure' WHERE seq=42")
    result = trail.verify()
    assert (result.ok, result.first_bad_seq) == (False, 42) and "edited" in result.reason


def test_deleted_row(ctx, trail):
    _raw(ctx).execute("DELETE FROM audit_log WHERE seq=77")
    result = trail.verify()
    assert (result.ok, result.first_bad_seq) == (False, 77) and "missing" in result.reason


def test_inserted_row(ctx, trail):
    conn = _raw(ctx)
    conn.execute("UPDATE audit_log SET seq = seq + 1000 WHERE seq > 60")
    row = list(conn.execute(f"SELECT {COLUMNS} FROM audit_log WHERE seq = 60").fetchone())
    row[0], row[1], row[3] = 61, "forged-event", "mallory"
    conn.execute(f"INSERT INTO audit_log ({COLUMNS}) VALUES ({','.join('?' * 15)})", row)
    conn.execute("UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000")
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 61


def test_reordered_rows(ctx, trail):
    conn = _raw(ctx)
    conn.execute("UPDATE audit_log SET seq = -1 WHERE seq = 10")
    conn.execute("UPDATE audit_log SET seq = 10 WHERE seq = 11")
    conn.execute("UPDATE audit_log SET seq = 11 WHERE seq = -1")
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 10


def test_truncated_tail_caught_by_checkpoints(ctx, trail):
    _raw(ctx).execute("DELETE FROM audit_log WHERE seq > 150")
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 151
    assert "cut off" in result.reason


def test_truncated_tail_and_checkpoints_caught_by_the_anchor(ctx, trail):
    conn = _raw(ctx)
    conn.execute("DELETE FROM audit_log WHERE seq > 150")
    conn.execute("DELETE FROM audit_checkpoints WHERE seq > 150")
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 151
    assert "anchor file records" in result.reason


def test_whole_chain_rewritten_with_recomputed_hashes(ctx, trail):
    conn = _raw(ctx)
    conn.execute("UPDATE audit_log SET actor='mallory' WHERE seq=5")
    _rehash_from(conn, 5)
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 100
    assert "checkpoint" in result.reason and "rewritten" in result.reason


def test_rewritten_chain_with_re_signed_checkpoints_fails_the_pinned_key(ctx, trail, tmp_path):
    """Even an attacker with a key of their own cannot pass a verifier who pinned ours."""
    from app.audit.signing import DeviceKey

    pinned = ctx.audit.public_key_pem()
    conn = _raw(ctx)
    conn.execute("UPDATE audit_log SET actor='mallory' WHERE seq=5")
    _rehash_from(conn, 5)
    conn.execute("DELETE FROM audit_checkpoints")
    ctx.audit_trail.anchor_path.unlink()
    forged = AuditTrail(ctx.store, ctx.settings.device_id, DeviceKey.load_or_create(
        tmp_path / "attacker-keys"), anchor_path=ctx.audit_trail.anchor_path)
    forged.checkpoint(allow_unsealed=True)  # their own tool: the box's seals are not theirs
    assert forged.verify().ok  # self-consistent with the attacker's key...
    result = forged.verify(public_key_pem=pinned)  # ...but not with the pinned one
    assert not result.ok and "signature does not verify" in result.reason


def test_database_swapped_for_an_older_copy(ctx, trail, data_dir, tmp_path):
    old_copy = tmp_path / "old.db"
    ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(ctx.store.path, old_copy)
    for i in range(120):
        ctx.audit_trail.record(ACTOR, "model", "run", "later", "success", {"i": i})
    ctx.close()
    shutil.copy2(old_copy, data_dir / "edgedeck.db")
    for suffix in ("-wal", "-shm"):
        (data_dir / f"edgedeck.db{suffix}").unlink(missing_ok=True)
    with AppContext.open(data_dir) as reopened:
        result = reopened.audit_trail.verify()
    assert not result.ok and result.first_bad_seq == N + 1
    assert "older copy" in result.reason


def test_forged_checkpoint_signature(ctx, trail):
    conn = _raw(ctx)
    conn.execute("UPDATE audit_checkpoints SET signature = ? WHERE seq = 100",
                 ["AAAA" + "A" * 84])
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 100 and "signature" in result.reason


def test_timestamp_moved_back(ctx, trail):
    conn = _raw(ctx)
    conn.execute("UPDATE audit_log SET ts='2020-01-01T00:00:00.000000Z' WHERE seq=30")
    _rehash_from(conn, 30)
    conn.execute("DELETE FROM audit_checkpoints")
    ctx.audit_trail.anchor_path.unlink()
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 30 and "earlier" in result.reason


def test_anchor_from_another_appliance(ctx, trail):
    anchor = ctx.audit_trail.anchor_path
    anchor.write_text(anchor.read_text().replace(ctx.settings.device_id, "other-device"))
    result = trail.verify()
    assert not result.ok and "another appliance" in result.reason


def test_fast_hash_matches_the_reference_encoding(ctx):
    from app.audit.chain import fast_record_hash

    rec = ctx.audit_trail.record(Actor('"quote\\ \u2028 测试 😀', "admin", "cli", host="h\tx"),
                                 "c\n", "a", "o\x00", "success", {"k": "v\u00e9"})
    row = tuple(getattr(rec, f.strip()) for f in COLUMNS.split(","))
    assert fast_record_hash(row) == record_hash(rec.prev_hash, rec.as_dict()) == rec.hash
