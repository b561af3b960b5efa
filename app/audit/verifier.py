"""The verification core: check a run of consecutive audit rows, in-process or in a worker.

One million records take ~5 s in one Python process (half of it SQLite handing rows over,
half hashing), so long chains are split into seq ranges verified by worker processes in
parallel; the parent then checks that consecutive ranges link up. Workers are started with
"spawn", never "fork", because the GUI calls this from a thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.audit.chain import fast_record_hash
from app.audit.signing import checkpoint_statement, load_public_key, verify_signature

# Clocks get corrected (NTP, RTC battery); a step back larger than this is treated as tampering.
CLOCK_STEP_BACK_TOLERANCE_S = 300.0
TS_LENGTH = len("2026-11-22T05:20:41.123456Z")
COLUMNS = (
    "seq, event_id, ts, actor, role, source, host, device_id, category, action, object, "
    "outcome, details, prev_hash, hash"
)


@dataclass(frozen=True)
class RangeResult:
    """What one run of rows proved; `bad_seq` is the first record found wrong, if any."""

    first_seq: int
    first_prev_hash: str | None  # None when the range turned out empty
    first_ts: str | None
    last_seq: int
    last_hash: str | None
    last_ts: str | None
    checked: int
    checkpoints_checked: int
    bad_seq: int | None = None
    reason: str = ""


def parse_ts(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None


def ts_step_back(earlier: str, later: str) -> float:
    """Seconds by which `later` lies before `earlier` (0 when in order)."""
    if later >= earlier and len(later) == len(earlier) == TS_LENGTH:
        return 0.0  # same fixed-width ISO form: string order is time order
    first, second = parse_ts(earlier), parse_ts(later)
    if first is None or second is None:
        return 0.0
    return max(0.0, (first - second).total_seconds())


def check_rows(rows: Iterable[tuple[Any, ...]], start_seq: int,
               checkpoints: dict[int, tuple[Any, ...]], device_id: str,
               public_key: Any) -> RangeResult:
    """Verify consecutive rows from `start_seq` on, linking only *within* the run."""
    expected_seq = start_seq
    prev: str | None = None
    first_prev = first_ts = last_ts = None
    checked = signed = 0

    def result(bad: int | None = None, reason: str = "") -> RangeResult:
        return RangeResult(start_seq, first_prev, first_ts, expected_seq - 1, prev, last_ts,
                           checked, signed, bad, reason)

    for row in rows:
        seq, ts, row_prev, digest = row[0], row[2], row[13], row[14]
        if seq != expected_seq:
            what = "missing" if seq > expected_seq else "duplicated"
            return result(expected_seq, f"sequence jumps from {expected_seq - 1} to {seq} "
                          f"(record {expected_seq} {what})")
        if prev is None:
            first_prev, first_ts = row_prev, ts
        elif row_prev != prev:
            return result(seq, "prev_hash does not match the hash of the record before it "
                          "(a record was removed, inserted or replaced)")
        if fast_record_hash(row) != digest:
            return result(seq, "content does not match its hash (the record was edited)")
        if len(ts) != TS_LENGTH and parse_ts(ts) is None:
            return result(seq, f"timestamp {ts!r} is not a UTC time")
        if last_ts is not None and ts_step_back(last_ts, ts) > CLOCK_STEP_BACK_TOLERANCE_S:
            return result(seq, f"timestamp {ts} is earlier than the record before it "
                          f"({last_ts}) by more than the clock tolerance")
        checkpoint = checkpoints.get(seq)
        if checkpoint is not None:
            if checkpoint[1] != digest:
                return result(seq, "the signed checkpoint for this record holds a different "
                              "hash (the chain was rewritten)")
            if public_key is not None and not verify_signature(
                    public_key, checkpoint_statement(
                        device_id, seq, checkpoint[1], checkpoint[2],
                        checkpoint[5] if len(checkpoint) > 5 else None), checkpoint[4]):
                return result(seq, f"checkpoint signature does not verify with key "
                              f"{checkpoint[3]} (forged or re-signed checkpoint)")
            signed += 1
        prev, last_ts = digest, ts
        expected_seq += 1
        checked += 1
    return result()


def verify_range_in_worker(db_path: str, start_seq: int, end_seq: int, device_id: str,
                           public_key_pem: bytes | None,
                           checkpoints: dict[int, tuple[Any, ...]]) -> RangeResult:
    """Runs in a spawned process: its own read-only connection, its own seq range."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(f"SELECT {COLUMNS} FROM audit_log WHERE seq BETWEEN ? AND ? "
                            "ORDER BY seq", [start_seq, end_seq])
        key = load_public_key(public_key_pem) if public_key_pem else None
        return check_rows(_batched(rows), start_seq, checkpoints, device_id, key)
    finally:
        conn.close()


def _batched(cursor: sqlite3.Cursor) -> Iterable[tuple[Any, ...]]:
    while True:
        batch = cursor.fetchmany(5000)
        if not batch:
            return
        yield from batch
