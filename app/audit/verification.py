"""Verify the whole trail: what `audit verify` says must be true.

In order, each step naming the first broken record and why:

1. the sealed archive segments the database relies on (file present and unchanged, its own
   chain and signature, one gap-free chain from the genesis record);
2. the live table meets the archive without gap or overlap;
3. every live record's hash, link, sequence and timestamp, and the signed checkpoints among
   them (split over worker processes for long chains: app.audit.verifier);
4. the checkpoints themselves: none beyond the head, none removed, none far short of the head;
5. the seals of the records no checkpoint covers yet (only where the device key is at hand);
6. the anchor file beside the database, which only moves forwards;
7. optionally, an anchor pinned earlier by an auditor (a receipt): detects a rollback even by
   someone who holds the whole data folder, key included.

Older databases (before schema 14: no seals, v1 checkpoints) are verified with what they have.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.audit.anchor import ANCHOR_FILE, Anchor, AnchorFile
from app.audit.chain import GENESIS_HASH
from app.audit.checkpoints import Checkpoint, coverage_problem, load_checkpoints
from app.audit.segments import check_archive, load_segment_rows
from app.audit.signing import DeviceKey, load_public_key
from app.audit.verifier import (
    CLOCK_STEP_BACK_TOLERANCE_S,
    COLUMNS,
    RangeResult,
    check_rows,
    ts_step_back,
    verify_range_in_worker,
)
from app.store import Store

PARALLEL_FROM = 200_000  # below this, starting worker processes costs more than it saves

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    first_bad_seq: int | None = None
    reason: str = ""
    cancelled: bool = False
    checkpoints_checked: int = 0
    archived_upto: int = 0
    warnings: tuple[str, ...] = field(default_factory=tuple)
    segments_checked: int = 0
    pinned_seq: int | None = None  # the pinned anchor that was checked, if any

    def summary(self) -> str:
        if self.cancelled:
            return f"Verification cancelled after {self.checked} records (nothing is known yet)."
        if self.ok:
            archived = (f", records up to #{self.archived_upto} archived (segment files "
                        f"verified: {self.segments_checked})") if self.archived_upto else ""
            pinned = (f" Pinned anchor #{self.pinned_seq} matches."
                      if self.pinned_seq is not None else "")
            return (f"Audit trail intact: {self.checked} records, head #{self.head_seq}, "
                    f"{self.checkpoints_checked} signed checkpoints{archived}.{pinned}")
        where = f" at record #{self.first_bad_seq}" if self.first_bad_seq else ""
        return f"Audit trail BROKEN{where}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "warnings": list(self.warnings), "summary": self.summary()}


@dataclass
class _Verdict:
    """What verification has established so far (for the result it returns at any step)."""

    checked: int = 0
    head_seq: int = 0
    head_hash: str = ""
    signed: int = 0
    archived_upto: int = 0
    segments: int = 0
    warnings: list[str] = field(default_factory=list)

    def broken(self, seq: int | None, reason: str) -> VerifyResult:
        return VerifyResult(False, self.checked, self.head_seq, self.head_hash, seq, reason,
                            checkpoints_checked=self.signed, archived_upto=self.archived_upto,
                            warnings=tuple(self.warnings), segments_checked=self.segments)


def _columns(store: Store, table: str) -> set[str]:
    return {r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")}


def _checkpoints(store: Store) -> dict[int, Checkpoint]:
    if "prev_seq" in _columns(store, "audit_checkpoints"):
        return load_checkpoints(store.conn)
    rows = store.conn.execute("SELECT seq, hash, ts, key_id, signature FROM audit_checkpoints")
    return {int(r[0]): Checkpoint(int(r[0]), r[1], r[2], r[3], r[4], None) for r in rows}


def verify_trail(store: Store, device_id: str, *, key: DeviceKey | None,
                 anchor: AnchorFile | None, archive_dir: Path | None, interval: int,
                 progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                 public_key_pem: bytes | None = None, workers: int | None = None,
                 pinned: Anchor | None = None) -> VerifyResult:
    """Verify everything the trail's integrity rests on; see the module docstring."""
    conn = store.conn
    if public_key_pem is None and key is not None:
        public_key_pem = key.public_pem()
    public_key = load_public_key(public_key_pem) if public_key_pem else None
    checkpoints = _checkpoints(store)
    verdict = _Verdict(head_hash=GENESIS_HASH)

    def cancelled_result() -> VerifyResult:
        return VerifyResult(False, 0, 0, "", None, "verification cancelled", cancelled=True)

    # 1. the archive
    segment_rows = load_segment_rows(conn)
    archive = check_archive(segment_rows, archive_dir, device_id, public_key_pem, checkpoints,
                            cancelled)
    if cancelled and cancelled():
        return cancelled_result()
    verdict.warnings += archive.warnings
    verdict.archived_upto, verdict.head_hash = archive.archived_upto, archive.last_hash
    verdict.head_seq = archive.archived_upto
    verdict.segments = len(segment_rows) if archive.problem is None else 0
    if archive.problem:
        return verdict.broken(*archive.problem)
    archived_upto = archive.archived_upto

    # 2. the live table meets the archive
    low, high, total = conn.execute("SELECT MIN(seq), MAX(seq), COUNT(*) FROM audit_log"
                                    ).fetchone()
    if low is not None and int(low) <= archived_upto:
        return verdict.broken(int(low), f"record #{low} is still in the database although "
                              f"records up to #{archived_upto} were sealed into archive "
                              "segments: the archive and the database disagree")
    first_seq = archived_upto + 1
    last_seq = max(int(high or 0), archived_upto)

    # 3. the live records
    workers = workers if workers is not None else (
        min(4, os.cpu_count() or 1) if total >= PARALLEL_FROM else 1)
    ranges = _split(first_seq, last_seq, max(1, workers) * 4 if workers > 1 else 1)
    rows_of = {s: c.as_row() for s, c in checkpoints.items()}
    results = _verify_ranges(store, device_id, ranges, workers, rows_of, public_key,
                             public_key_pem, progress, cancelled, int(total))
    if results is None:
        return cancelled_result()
    problem = _link_ranges(results, verdict)
    if problem:
        return verdict.broken(*problem)
    head_seq = first_seq + verdict.checked - 1
    verdict.head_seq = head_seq

    # 4. the checkpoints as a whole
    beyond = [s for s in checkpoints if s > head_seq]
    if beyond:
        return verdict.broken(head_seq + 1, f"a signed checkpoint exists for record "
                              f"#{max(beyond)} but the chain ends at #{head_seq} (records "
                              "were cut off the end)")
    problem = coverage_problem(checkpoints, head_seq, interval)
    if problem:
        return verdict.broken(*problem)
    archived_signed = [c for s, c in checkpoints.items() if s <= archived_upto]
    verdict.signed += len(archived_signed) if public_key is not None else 0

    # 5. seals of what no checkpoint covers yet
    newest = max(checkpoints) if checkpoints else archived_upto
    problem = _seal_problem(store, key, newest, head_seq, verdict)
    if problem:
        return verdict.broken(*problem)

    def hash_at(seq: int) -> str | None:
        row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", [seq]).fetchone()
        if row is not None:
            return str(row[0])
        checkpoint = checkpoints.get(seq)
        return checkpoint.hash if checkpoint is not None and seq <= archived_upto else None

    # 6. the anchor file
    if anchor is not None:
        problem = _anchor_problem(anchor, checkpoints, head_seq, device_id, public_key,
                                  hash_at, verdict.warnings)
        if problem:
            return verdict.broken(*problem)
    elif checkpoints:
        verdict.warnings.append("no anchor file was given: a database swapped for an older "
                                "copy cannot be told apart (give the anchor, or pin one)")

    # 7. an anchor pinned earlier
    if pinned is not None:
        problem = _pinned_problem(pinned, head_seq, device_id, public_key, hash_at,
                                  verdict.warnings)
        if problem:
            return verdict.broken(*problem)
    if public_key is None and checkpoints:
        verdict.warnings.append("no public key available: checkpoint signatures not checked")
    return VerifyResult(True, verdict.checked, head_seq, verdict.head_hash,
                        checkpoints_checked=verdict.signed, archived_upto=archived_upto,
                        warnings=tuple(verdict.warnings), segments_checked=verdict.segments,
                        pinned_seq=pinned.seq if pinned is not None else None)


def _link_ranges(results: list[RangeResult], verdict: _Verdict) -> tuple[int, str] | None:
    """Consecutive ranges must link up (each was verified on its own)."""
    expected_prev, last_ts = verdict.head_hash, None
    for part in results:
        if part.first_prev_hash is not None and part.first_prev_hash != expected_prev:
            return (part.first_seq, "prev_hash does not match the hash of the record before "
                    "it (a record was removed, inserted or replaced)")
        if (last_ts is not None and part.first_ts is not None
                and ts_step_back(last_ts, part.first_ts) > CLOCK_STEP_BACK_TOLERANCE_S):
            return (part.first_seq, f"timestamp {part.first_ts} is earlier than the record "
                    f"before it ({last_ts}) by more than the clock tolerance")
        verdict.checked += part.checked
        verdict.signed += part.checkpoints_checked
        if part.bad_seq is not None:
            return (part.bad_seq, part.reason)
        if part.last_hash is not None:
            expected_prev = verdict.head_hash = part.last_hash
            last_ts = part.last_ts
    return None


def _seal_problem(store: Store, key: DeviceKey | None, newest: int, head_seq: int,
                  verdict: _Verdict) -> tuple[int, str] | None:
    """Records after the newest checkpoint are vouched for by their seals alone."""
    unsigned = head_seq - newest
    if unsigned <= 0:
        return None
    if key is None or "seal" not in _columns(store, "audit_log"):
        verdict.warnings.append(
            f"the newest {unsigned} records (after checkpoint #{newest}) are protected by the "
            "hash chain only: their seals can be checked on the appliance itself")
        return None
    rows = store.conn.execute("SELECT seq, hash, seal FROM audit_log WHERE seq > ? ORDER BY seq",
                              [newest])
    for seq, digest, seal in rows:
        if not key.seal_ok(digest, seal):
            return (int(seq), "the record carries no valid seal: it was not written by "
                    "EdgeDeck (it was added to the database directly)")
    return None


def _anchor_problem(anchor_file: AnchorFile, checkpoints: dict[int, Checkpoint],
                    head_seq: int, device_id: str, public_key: Any,  # noqa: ANN401
                    hash_at: Callable[[int], str | None],
                    warnings: list[str]) -> tuple[int, str] | None:
    state = anchor_file.state()
    name = anchor_file.path.name
    newest = max(checkpoints) if checkpoints else None
    accept = ("; an administrator who knows why can accept the current head with "
              "`edgedeck audit accept-anchor` (audited)")

    def finishes_update(candidate: Anchor | None) -> bool:
        return (candidate is not None and newest is not None and candidate.seq == newest
                and candidate.hash == checkpoints[newest].hash
                and candidate.device_id == device_id)

    if state.problem:
        return (head_seq, f"the anchor file {name} {state.problem}")
    current = state.anchor
    if current is None:
        if newest is None:
            return None
        if finishes_update(state.pending):
            warnings.append("the anchor file was being written when EdgeDeck stopped; the "
                            "next start completes it")
            return None
        return (newest, f"the anchor file {name} is missing although the database holds "
                f"{len(checkpoints)} signed checkpoints (newest #{newest}): it was deleted, or "
                f"this database does not belong to this data folder{accept}")
    if current.device_id != device_id:
        return (head_seq, "the anchor file belongs to another appliance (device id "
                f"{current.device_id}): this database is not the one it anchors")
    if public_key is not None and not current.signature_ok(public_key):
        return (current.seq, "the anchor file's signature does not verify")
    if current.seq > head_seq:
        return (head_seq + 1, f"the anchor file records #{current.seq} but the chain ends at "
                f"#{head_seq} (records were cut off, or the database was replaced by an older "
                "copy)")
    recorded = hash_at(current.seq)
    if recorded is not None and recorded != current.hash:
        return (current.seq, "the anchor file holds a different hash for this record (the "
                "chain was rewritten)")
    if current.seq not in checkpoints:
        return (current.seq, f"the checkpoint the anchor file names (#{current.seq}) is "
                "missing from the database: signed checkpoints were removed")
    if newest is not None and current.seq < newest:
        if finishes_update(state.pending):
            warnings.append("the anchor file was being updated when EdgeDeck stopped; the "
                            "next start completes it")
            return None
        return (newest, f"the anchor file records #{current.seq} but the database holds "
                f"signed checkpoints up to #{newest}: the anchor file was replaced by an older "
                f"copy, or was held back because of an earlier problem{accept}")
    return None


def _pinned_problem(pinned: Anchor, head_seq: int, device_id: str,
                    public_key: Any,  # noqa: ANN401 - Ed25519PublicKey or None
                    hash_at: Callable[[int], str | None],
                    warnings: list[str]) -> tuple[int, str] | None:
    if pinned.device_id != device_id:
        return (head_seq, f"the pinned anchor was issued by another appliance (device id "
                f"{pinned.device_id})")
    if public_key is None:
        warnings.append("no public key available: the pinned anchor's signature was not "
                        "checked")
    elif not pinned.signature_ok(public_key):
        return (pinned.seq, "the pinned anchor's signature does not verify with the public key")
    if pinned.seq > head_seq:
        return (head_seq + 1, f"the pinned anchor vouches for record #{pinned.seq} (signed "
                f"{pinned.ts}) but the chain ends at #{head_seq}: the trail was rolled back to "
                "an older state or cut off")
    recorded = hash_at(pinned.seq)
    if recorded is None:
        return (pinned.seq, f"record #{pinned.seq}, which the pinned anchor vouches for, "
                "cannot be found (archived without its checkpoint)")
    if recorded != pinned.hash:
        return (pinned.seq, "the record the pinned anchor vouches for has a different hash "
                "here: the trail was rewritten or replaced since the anchor was pinned")
    return None


def _verify_ranges(store: Store, device_id: str, ranges: list[tuple[int, int]], workers: int,
                   checkpoints: dict[int, tuple[Any, ...]],
                   public_key: Any,  # noqa: ANN401 - Ed25519PublicKey or None
                   public_key_pem: bytes | None, progress: ProgressFn | None,
                   cancelled: CancelledFn | None, total: int) -> list[RangeResult] | None:
    """Each range verified on its own; None when cancelled."""
    if workers <= 1 or len(ranges) <= 1:
        done: list[RangeResult] = []
        for start, end in ranges:
            cursor = store.conn.execute(
                f"SELECT {COLUMNS} FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq",
                [start, end])
            rows = _progressing(cursor, progress, cancelled, total)
            done.append(check_rows(rows, start, checkpoints, device_id, public_key))
            if cancelled and cancelled():
                return None
        return done
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(verify_range_in_worker, str(store.path), start, end, device_id,
                               public_key_pem,
                               {s: c for s, c in checkpoints.items() if start <= s <= end})
                   for start, end in ranges]
        finished = 0
        for future in concurrent.futures.as_completed(futures):
            if cancelled and cancelled():
                for other in futures:
                    other.cancel()
                return None
            finished += future.result().checked
            if progress:
                progress(finished, total)
        return [f.result() for f in futures]


def _split(first: int, last: int, parts: int) -> list[tuple[int, int]]:
    """Consecutive seq ranges covering first..last (one empty range when there is nothing)."""
    if last < first:
        return [(first, first - 1)]
    size = max(1, -(-(last - first + 1) // parts))
    return [(start, min(last, start + size - 1)) for start in range(first, last + 1, size)]


def _progressing(cursor: Any, progress: ProgressFn | None,  # noqa: ANN401 - sqlite3 cursor
                 cancelled: CancelledFn | None, total: int) -> Iterator[tuple[Any, ...]]:
    done = 0
    while True:
        batch = cursor.fetchmany(5000)
        if not batch:
            return
        yield from batch
        done += len(batch)
        if progress:
            progress(done, total)
        if cancelled and cancelled():
            return


__all__ = ["ANCHOR_FILE", "PARALLEL_FROM", "VerifyResult", "verify_trail"]
