"""What `audit verify` says must be true, against an attacker with SQL on the database file.

Issue #12's report: rows put into audit_segments released records, segment files were never
opened, a correctly chained row appended at the head was signed by the next checkpoint, and a
removed anchor or checkpoint was only a note (and the anchor was silently recreated). Each case
here failed on that code.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid

import pytest

from app.audit.anchor import Anchor, AnchorFile, read_receipt
from app.audit.chain import canonical_json, record_hash
from app.audit.trail import COLUMNS
from app.auth.identity import Actor
from app.context import AppContext
from app.errors import PermissionDenied, ValidationError

ACTOR = Actor("alice", "admin", "cli", host="box-1")
N = 250  # checkpoints at 100, 200 and 250 (the fixture signs the head)
TRIGGERS = ("audit_log_no_update", "audit_log_no_delete", "audit_log_writer_only",
            "audit_checkpoints_no_update", "audit_checkpoints_no_delete",
            "audit_checkpoints_writer_only", "audit_segments_no_update",
            "audit_segments_no_delete", "audit_segments_sealer_only")


def _fill(ctx, n):
    for i in range(n):
        ctx.audit_trail.record(ACTOR, "model", "run", f"model:m{i % 7}", "success", {"i": i})


@pytest.fixture
def trail(ctx):
    _fill(ctx, N)
    ctx.audit_trail.checkpoint()
    assert ctx.audit_trail.verify().ok
    return ctx.audit_trail


def _foreign(ctx) -> sqlite3.Connection:
    """Another program on the same file (the sqlite3 shell, a script): no EdgeDeck functions."""
    return sqlite3.connect(ctx.store.path, isolation_level=None)


def _attacker(ctx) -> sqlite3.Connection:
    conn = _foreign(ctx)
    for trigger in TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    return conn


def _append_chained_row(conn, device_id: str, actor: str = "mallory") -> int:
    """A row exactly as EdgeDeck would chain it, minus the seal only EdgeDeck can make."""
    seq, prev = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
                             ).fetchone()
    fields = {"seq": seq + 1, "event_id": str(uuid.uuid4()),
              "ts": conn.execute("SELECT ts FROM audit_log WHERE seq = ?", [seq]).fetchone()[0],
              "actor": actor, "role": "admin", "source": "cli", "host": "box-1",
              "device_id": device_id, "category": "user", "action": "add",
              "object": "user:backdoor", "outcome": "success",
              "details": canonical_json({"role": "admin"})}
    conn.execute(f"INSERT INTO audit_log ({COLUMNS}) VALUES ({','.join('?' * 15)})",
                 [*fields.values(), prev, record_hash(prev, fields)])
    return seq + 1


# -- archive segments -------------------------------------------------------------------------


def test_a_foreign_program_cannot_insert_segments_or_delete_records(ctx, trail):
    conn = _foreign(ctx)
    with pytest.raises(sqlite3.OperationalError, match="edgedeck_audit"):
        conn.execute("INSERT INTO audit_segments (first_seq, last_seq, first_prev_hash, "
                     "last_hash, file_name, file_sha256, created_at, created_by) VALUES "
                     "(1, 50, 'x', 'y', 'fake.jsonl', 'z', 'now', 'mallory')")
    with pytest.raises(sqlite3.OperationalError, match="edgedeck_audit"):
        conn.execute("DELETE FROM audit_log WHERE seq <= 50")
    with pytest.raises(sqlite3.OperationalError, match="edgedeck_audit"):
        _append_chained_row(conn, ctx.settings.device_id)
    assert ctx.audit_trail.count() == N


def test_edgedeck_connections_release_records_only_while_sealing(ctx, trail):
    conn = ctx.store.conn
    with pytest.raises(sqlite3.IntegrityError, match="sealed by the audit service"):
        conn.execute("INSERT INTO audit_segments (first_seq, last_seq, first_prev_hash, "
                     "last_hash, file_name, file_sha256, created_at, created_by) VALUES "
                     "(1, 50, 'x', 'y', 'fake.jsonl', 'z', 'now', 'mallory')")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log WHERE seq <= 50")
    assert ctx.audit_trail.count() == N


def test_records_released_by_a_forged_segment_row_are_missing(ctx, trail):
    conn = _attacker(ctx)
    prev, last = conn.execute("SELECT (SELECT prev_hash FROM audit_log WHERE seq = 1), "
                              "(SELECT hash FROM audit_log WHERE seq = 50)").fetchone()
    conn.execute("INSERT INTO audit_segments (first_seq, last_seq, first_prev_hash, last_hash,"
                 " file_name, file_sha256, created_at, created_by) VALUES "
                 "(1, 50, ?, ?, 'audit-forged.jsonl', 'abc', 'now', 'mallory')", [prev, last])
    conn.execute("DELETE FROM audit_log WHERE seq <= 50")
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 1
    assert "audit-forged.jsonl" in result.reason and "missing" in result.reason


def test_a_forged_segment_file_is_caught_by_its_signature(ctx, trail, data_dir):
    """The attacker also writes the file, chain and all, but cannot sign its header."""
    from app.audit.segments import write_segment
    from app.files import file_sha256

    conn = _attacker(ctx)
    rows = conn.execute(f"SELECT {COLUMNS} FROM audit_log WHERE seq <= 50 ORDER BY seq"
                        ).fetchall()
    folder = data_dir / "audit-archive"
    folder.mkdir(exist_ok=True)
    path = folder / "audit-forged.jsonl"
    header = {"device_id": ctx.settings.device_id, "first_seq": 1, "last_seq": 50,
              "first_prev_hash": rows[0][13], "last_hash": rows[-1][14],
              "signature": "AAAA" * 22}
    write_segment(path, header, rows)
    conn.execute("INSERT INTO audit_segments (first_seq, last_seq, first_prev_hash, last_hash,"
                 " file_name, file_sha256, created_at, created_by) VALUES "
                 "(1, 50, ?, ?, ?, ?, 'now', 'mallory')",
                 [rows[0][13], rows[-1][14], path.name, file_sha256(path)])
    conn.execute("DELETE FROM audit_log WHERE seq <= 50")
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 1
    assert "signature does not verify" in result.reason


def test_a_removed_segment_file_breaks_verification(ctx, admin, trail, data_dir):
    archived = ctx.audit.archive(admin, 120)
    assert trail.verify().ok
    (data_dir / "audit-archive" / archived.path.split("/")[-1]).unlink()
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 1 and "missing" in result.reason


def test_an_edited_segment_file_breaks_verification(ctx, admin, trail, data_dir):
    archived = ctx.audit.archive(admin, 120)
    path = data_dir / "audit-archive" / archived.path.split("/")[-1]
    lines = path.read_text().splitlines()
    record = json.loads(lines[7])
    record["actor"] = "mallory"
    lines[7] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n")
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 1 and "SHA-256" in result.reason


def test_archived_records_put_back_into_the_table_are_an_overlap(ctx, admin, trail, data_dir):
    archived = ctx.audit.archive(admin, 120)
    line = (data_dir / "audit-archive" / archived.path.split("/")[-1]).read_text(
        ).splitlines()[20]
    record = json.loads(line)
    conn = _attacker(ctx)
    conn.execute(f"INSERT INTO audit_log ({COLUMNS}) VALUES ({','.join('?' * 15)})",
                 [record[c.strip()] for c in COLUMNS.split(",")])
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == record["seq"]
    assert "still in the database" in result.reason


def test_a_copy_of_the_segment_goes_where_asked_and_the_data_folder_keeps_its_own(
        ctx, admin, trail, tmp_path, data_dir):
    archived = ctx.audit.archive(admin, 120, tmp_path / "usb")
    name = archived.path.split("/")[-1]
    assert (tmp_path / "usb" / name).read_bytes() == (data_dir / "audit-archive" / name
                                                      ).read_bytes()
    (tmp_path / "usb" / name).unlink()  # the stick leaves with the technician
    assert trail.verify().ok


# -- a row appended at the head ---------------------------------------------------------------


def test_a_chained_row_appended_with_sql_is_named_and_never_signed(ctx, trail):
    forged = _append_chained_row(_attacker(ctx), ctx.settings.device_id)
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == forged and "seal" in result.reason
    ctx.audit_trail.checkpoint()  # start-up, sign-out, export: none may vouch for it
    _fill(ctx, 120)  # and the chain goes on past the next multiple of 100
    signed = {r[0] for r in ctx.store.conn.execute("SELECT seq FROM audit_checkpoints")}
    assert not any(seq >= forged for seq in signed)
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == forged
    assert ctx.audit_trail.anchor_path.exists()
    assert json.loads(ctx.audit_trail.anchor_path.read_text())["seq"] < forged


def test_offline_verification_without_the_private_key_says_what_it_could_not_check(
        ctx, trail, data_dir, tmp_path):
    from app.audit.trail import AuditTrail
    from app.store import open_store

    _fill(ctx, 30)  # not yet under a checkpoint
    ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "copy.db"
    shutil.copy2(ctx.store.path, copy)
    store = open_store(copy, migrate=False)
    try:
        offline = AuditTrail(store, ctx.settings.device_id,
                             anchor_path=data_dir / "audit-anchor.json")
        result = offline.verify(public_key_pem=ctx.audit.public_key_pem())
    finally:
        store.close()
    assert result.ok
    assert any("30 records" in w and "hash chain only" in w for w in result.warnings)


# -- checkpoints ------------------------------------------------------------------------------


def test_a_removed_checkpoint_in_the_middle_breaks_the_checkpoint_chain(ctx, trail):
    _attacker(ctx).execute("DELETE FROM audit_checkpoints WHERE seq = 100")
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 200 and "#100" in result.reason


def test_removed_newest_checkpoints_are_caught_even_with_the_anchor_gone(ctx, trail):
    conn = _attacker(ctx)
    conn.execute("DELETE FROM audit_checkpoints WHERE seq > 100")
    ctx.audit_trail.anchor_path.unlink()
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 101
    assert "newest signed checkpoint is #100" in result.reason


def test_all_checkpoints_and_the_anchor_removed(ctx, trail):
    _attacker(ctx).execute("DELETE FROM audit_checkpoints")
    ctx.audit_trail.anchor_path.unlink()
    result = trail.verify()
    assert not result.ok and result.first_bad_seq == 1
    assert "no signed checkpoint at all" in result.reason


def test_a_young_trail_needs_no_checkpoint_yet(ctx):
    _fill(ctx, 40)
    assert ctx.audit_trail.verify().ok


# -- the anchor -------------------------------------------------------------------------------


def test_a_missing_anchor_fails_and_is_never_recreated_silently(ctx, trail, data_dir):
    anchor = ctx.audit_trail.anchor_path
    anchor.unlink()
    result = trail.verify()
    assert not result.ok and "anchor file audit-anchor.json is missing" in result.reason
    assert "accept-anchor" in result.reason
    ctx.close()
    with AppContext.open(data_dir) as again:  # the next commands write and sign as usual
        _fill(again, 160)
        again.audit_trail.checkpoint()
        assert not anchor.exists()
        result = again.audit_trail.verify()
        assert not result.ok and "missing" in result.reason


def test_an_older_anchor_fails_and_does_not_move_on(ctx, data_dir):
    _fill(ctx, 120)
    older = ctx.audit_trail.anchor_path.read_text()
    _fill(ctx, 130)
    ctx.audit_trail.checkpoint()
    ctx.audit_trail.anchor_path.write_text(older)
    result = ctx.audit_trail.verify()
    assert not result.ok and "older copy" in result.reason and result.first_bad_seq == 250
    _fill(ctx, 100)
    assert ctx.audit_trail.anchor_path.read_text() == older
    assert not ctx.audit_trail.verify().ok


def test_only_an_admin_accepts_the_head_with_a_reason_and_it_is_audited(ctx, trail, admin,
                                                                        tech):
    ctx.audit_trail.anchor_path.unlink()
    with pytest.raises(PermissionDenied):
        ctx.audit.accept_anchor(tech, "restored the SD card after a crash")
    with pytest.raises(ValidationError, match="Say why"):
        ctx.audit.accept_anchor(admin, "ok")
    result = ctx.audit.accept_anchor(admin, "INC-4711: anchor lost when the disk was replaced")
    assert result.ok, result.summary()
    record = next(r for r in ctx.audit_trail.read_page(limit=20)
                  if r.action == "accept_anchor")
    details = record.details_dict
    assert record.actor == "admin" and "INC-4711" in details["reason"]
    assert "missing" in details["problem"] and details["anchor_before"] is None
    with pytest.raises(ValidationError, match="nothing to accept"):
        ctx.audit.accept_anchor(admin, "INC-4711: once more for good measure")


def test_accepting_the_anchor_does_not_hide_a_broken_chain(ctx, trail, admin):
    _attacker(ctx).execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 7")
    ctx.audit_trail.anchor_path.unlink()
    with pytest.raises(Exception, match="not only its anchor"):
        ctx.audit.accept_anchor(admin, "INC-4711: anchor lost when the disk was replaced")


def test_a_power_cut_between_commit_and_rename_is_not_tampering(ctx, data_dir, monkeypatch):
    _fill(ctx, 150)
    monkeypatch.setattr(AnchorFile, "commit_pending", lambda self: False)
    _fill(ctx, 50)  # checkpoint #200 commits; its anchor stays pending (the "power cut")
    monkeypatch.undo()
    anchor = ctx.audit_trail.anchor_path
    assert json.loads(anchor.read_text())["seq"] == 100
    result = ctx.audit_trail.verify()
    assert result.ok and any("next start completes it" in w for w in result.warnings)
    ctx.store.close()
    with AppContext.open(data_dir) as again:
        assert json.loads(anchor.read_text())["seq"] == 200
        assert again.audit_trail.verify().ok


def test_a_power_cut_before_the_commit_leaves_a_pending_anchor_that_is_ignored(ctx, data_dir):
    _fill(ctx, 120)
    key = ctx.audit_trail.key
    ghost = Anchor(ctx.settings.device_id, 121, "f" * 64, "2026-12-08T00:00:00.000000Z",
                   key.key_id, "", 100)
    ghost = Anchor(**{**ghost.__dict__, "signature": key.sign(ghost.statement())})
    AnchorFile(ctx.audit_trail.anchor_path).write_pending(ghost)
    assert ctx.audit_trail.verify().ok
    _fill(ctx, 80)  # the next checkpoint (#200) moves the anchor on as usual
    ctx.close()
    with AppContext.open(data_dir) as again:
        assert again.audit_trail.verify().ok
        assert json.loads(again.audit_trail.anchor_path.read_text())["seq"] >= 200


# -- receipts and rollback by someone holding the whole data folder ---------------------------


def test_a_receipt_detects_a_rollback_that_the_anchor_cannot(ctx, trail, admin, data_dir,
                                                              tmp_path):
    ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old_head = ctx.audit_trail.head().seq
    shutil.copytree(data_dir, tmp_path / "older", ignore=shutil.ignore_patterns("*.lock"))
    _fill(ctx, 40)
    anchor, text = ctx.audit.receipt(admin)
    assert f"#{anchor.seq}" in text and anchor.hash in text
    receipt = tmp_path / "receipt.json"
    receipt.write_text(json.dumps(anchor.as_dict()))
    ctx.close()
    # Someone with root puts back the older database together with its older anchor.
    for name in ("edgedeck.db", "audit-anchor.json"):
        shutil.copy2(tmp_path / "older" / name, data_dir / name)
    for suffix in ("-wal", "-shm"):
        (data_dir / f"edgedeck.db{suffix}").unlink(missing_ok=True)
    with AppContext.open(data_dir) as rolled_back:
        assert rolled_back.audit_trail.verify().ok  # the anchor alone cannot tell
        result = rolled_back.audit_trail.verify(pinned=read_receipt(receipt))
    assert not result.ok and "rolled back" in result.reason
    assert result.first_bad_seq == old_head + 1


def test_a_receipt_detects_a_history_rewritten_and_re_signed_with_the_real_key(ctx, trail,
                                                                                admin,
                                                                                tmp_path):
    anchor, _ = ctx.audit.receipt(admin)
    conn = _attacker(ctx)
    conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 5")
    names = [c.strip() for c in COLUMNS.split(",")]
    prev = conn.execute("SELECT hash FROM audit_log WHERE seq = 4").fetchone()[0]
    key = ctx.audit_trail.key
    for row in conn.execute(f"SELECT {COLUMNS} FROM audit_log WHERE seq >= 5 ORDER BY seq"
                            ).fetchall():
        fields = dict(zip(names, row, strict=True))
        digest = record_hash(prev, fields)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ?, seal = ? WHERE seq = ?",
                     [prev, digest, key.seal(digest), fields["seq"]])
        prev = digest
    conn.execute("DELETE FROM audit_checkpoints")
    ctx.audit_trail.anchor_path.unlink()
    ctx.audit_trail.checkpoint()  # the key holder re-signs from scratch
    assert ctx.audit_trail.verify().ok
    result = ctx.audit_trail.verify(pinned=anchor)
    assert not result.ok and "different hash" in result.reason
    assert result.first_bad_seq == anchor.seq


def test_a_receipt_is_refused_for_a_broken_trail_and_from_another_box(ctx, trail, admin):
    anchor, _ = ctx.audit.receipt(admin)
    other = Anchor(**{**anchor.__dict__, "device_id": "another-box"})
    result = ctx.audit_trail.verify(pinned=other)
    assert not result.ok and "another appliance" in result.reason
    _attacker(ctx).execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
    with pytest.raises(Exception, match="does not verify"):
        ctx.audit.receipt(admin)


def test_each_signed_checkpoint_goes_to_syslog(ctx, tmp_path):
    import socket

    from app.audit.anchor_sinks import SyslogAnchorSink

    path = tmp_path / "log.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.settimeout(5)
    try:
        ctx.audit_trail.anchor_listeners.append(SyslogAnchorSink(str(path), "box-1"))
        _fill(ctx, 100)
        line = server.recv(4096).decode()
    finally:
        server.close()
    assert line.startswith("<110>1 ") and "audit-anchor" in line
    assert 'seq="100"' in line and ctx.settings.device_id in line
    assert ctx.audit_trail.newest_anchor().signature in line
