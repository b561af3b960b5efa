"""Sealed archive segments: old audit records moved out of the database, still verifiable.

A segment is a JSON Lines file: a signed header line, then every record exactly as stored.
Its header names the hash the chain continues from, so database + segments verify as one chain,
and the database keeps a row per segment (with the file's SHA-256) that SQLite's triggers
protect like the trail itself.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.audit.chain import GENESIS_HASH, fast_record_hash
from app.audit.signing import load_public_key, verify_signature
from app.errors import EdgeDeckError
from app.files import file_sha256

SEGMENT_TYPE = "edgedeck.audit.segment"
ROW_FIELDS = ("seq", "event_id", "ts", "actor", "role", "source", "host", "device_id",
              "category", "action", "object", "outcome", "details", "prev_hash", "hash")


def segment_statement(device_id: str, first_seq: int, last_seq: int, first_prev_hash: str,
                      last_hash: str) -> bytes:
    return (f"edgedeck-audit-segment:v1:{device_id}:{first_seq}:{last_seq}:{first_prev_hash}:"
            f"{last_hash}").encode()


@dataclass(frozen=True)
class SegmentCheck:
    ok: bool
    path: str
    first_seq: int
    last_seq: int
    last_hash: str
    reason: str = ""

    def summary(self) -> str:
        name = Path(self.path).name
        if self.ok:
            return f"{name}: intact, records #{self.first_seq}-#{self.last_seq}."
        return f"{name}: BROKEN — {self.reason}"


def write_segment(path: Path, header: dict[str, Any], rows: Any,
                  cancelled: Callable[[], bool] | None = None) -> int:
    """Write header + rows, fsync, and return the number of records; removes it if cancelled."""
    tmp = path.with_suffix(".part")
    count = 0
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"type": SEGMENT_TYPE, **header}, ensure_ascii=False) + "\n")
        for row in rows:
            handle.write(json.dumps(dict(zip(ROW_FIELDS, row, strict=True)),
                                    ensure_ascii=False) + "\n")
            count += 1
            if cancelled and count % 5000 == 0 and cancelled():
                handle.close()
                tmp.unlink()
                raise EdgeDeckError("Archiving cancelled; nothing was removed.")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return count


def verify_segment(path: Path, public_key_pem: bytes | None = None,
                   expected_prev_hash: str | None = None, device_id: str | None = None,
                   checkpoints: Mapping[int, Any] | None = None) -> SegmentCheck:
    """Recompute the segment's chain and check its signed header.

    `checkpoints` (seq -> Checkpoint) are compared with the records they sign, so a
    checkpoint of an archived record is checked against the record that now lives only here.
    """
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        return SegmentCheck(False, str(path), 0, 0, "", f"cannot read: {exc.strerror}")
    with handle:
        try:
            header = json.loads(handle.readline())
        except (ValueError, UnicodeDecodeError):
            return SegmentCheck(False, str(path), 0, 0, "", "the header line is not JSON")
        if not isinstance(header, dict) or header.get("type") != SEGMENT_TYPE:
            return SegmentCheck(False, str(path), 0, 0, "", "not an EdgeDeck audit segment")
        try:
            first, last = int(header["first_seq"]), int(header["last_seq"])
            prev, last_hash = str(header["first_prev_hash"]), str(header["last_hash"])
            header_device = str(header["device_id"])
        except (KeyError, TypeError, ValueError):
            return SegmentCheck(False, str(path), 0, 0, "", "the header is incomplete")
        seq = first
        key = load_public_key(public_key_pem) if public_key_pem is not None else None

        def bad(reason: str) -> SegmentCheck:
            return SegmentCheck(False, str(path), first, last, "", reason)

        if expected_prev_hash is not None and prev != expected_prev_hash:
            return bad("it does not continue the segment before it")
        if device_id is not None and header_device != device_id:
            return bad(f"it was sealed on another appliance ({header_device})")
        if key is not None:
            statement = segment_statement(header_device, first, last, prev, last_hash)
            if not verify_signature(key, statement, str(header.get("signature", ""))):
                return bad("the header signature does not verify")
        for line_no, line in enumerate(handle, start=2):
            try:
                rec = json.loads(line)
                row = tuple(rec[name] for name in ROW_FIELDS)
                if rec["seq"] != seq:
                    return bad(f"record #{seq} is missing (found #{rec['seq']})")
                if rec["prev_hash"] != prev:
                    return bad(f"record #{seq}: prev_hash does not link")
                if fast_record_hash(row) != rec["hash"]:
                    return bad(f"record #{seq}: content does not match its hash")
            except (ValueError, KeyError, TypeError, AttributeError):
                return bad(f"line {line_no} is not a complete record")
            checkpoint = checkpoints.get(seq) if checkpoints else None
            if checkpoint is not None:
                if checkpoint.hash != rec["hash"]:
                    return bad(f"the signed checkpoint for record #{seq} holds a different "
                               "hash")
                if key is not None and not checkpoint.signature_ok(header_device, key):
                    return bad(f"the checkpoint of record #{seq} has a signature that does "
                               "not verify")
            prev = rec["hash"]
            seq += 1
        if seq - 1 != last:
            return bad(f"the header promises records up to #{last} but the file ends at "
                       f"#{seq - 1}")
        if prev != last_hash:
            return bad("the last record's hash differs from the header")
        return SegmentCheck(True, str(path), first, last, prev)


# -- the archive as a whole ------------------------------------------------------------------


@dataclass(frozen=True)
class SegmentRow:
    """What the database says it sealed (audit_segments)."""

    first_seq: int
    last_seq: int
    first_prev_hash: str
    last_hash: str
    file_name: str
    file_sha256: str


@dataclass(frozen=True)
class ArchiveCheck:
    """The archived part of the chain: where it ends, and the first problem if any."""

    archived_upto: int
    last_hash: str
    records: int
    problem: tuple[int, str] | None = None
    warnings: tuple[str, ...] = ()


def load_segment_rows(conn: Any) -> list[SegmentRow]:  # noqa: ANN401 - sqlite3 connection
    rows = conn.execute("SELECT first_seq, last_seq, first_prev_hash, last_hash, file_name, "
                        "file_sha256 FROM audit_segments ORDER BY first_seq, id")
    return [SegmentRow(int(r[0]), int(r[1]), r[2], r[3], r[4], r[5]) for r in rows]


def check_archive(rows: list[SegmentRow], folder: Path | None, device_id: str,
                  public_key_pem: bytes | None, checkpoints: Mapping[int, Any],
                  cancelled: Callable[[], bool] | None = None) -> ArchiveCheck:
    """Every segment the database relies on: present, unchanged, signed, and one gap-free
    chain from the genesis record to where the live table starts.

    A row in audit_segments is only a claim; the signed file is the evidence. Without it the
    records it names are gone, and verification says so instead of trusting the claim.
    """
    upto, last_hash, records = 0, GENESIS_HASH, 0
    warnings: list[str] = []
    if rows and public_key_pem is None:
        warnings.append("no public key available: segment signatures not checked")
    for row in rows:
        if cancelled and cancelled():
            return ArchiveCheck(upto, last_hash, records, (row.first_seq, "cancelled"))
        reason = _segment_problem(row, upto, last_hash, folder, device_id, public_key_pem,
                                  checkpoints)
        if reason:
            return ArchiveCheck(upto, last_hash, records, (row.first_seq, reason),
                                tuple(warnings))
        upto, last_hash = row.last_seq, row.last_hash
        records += row.last_seq - row.first_seq + 1
    return ArchiveCheck(upto, last_hash, records, None, tuple(warnings))


def _segment_problem(row: SegmentRow, upto: int, last_hash: str, folder: Path | None,
                     device_id: str, public_key_pem: bytes | None,
                     checkpoints: Mapping[int, Any]) -> str:
    span = f"records #{row.first_seq}-#{row.last_seq}"
    name = str(row.file_name)
    if row.first_seq != upto + 1 or row.first_prev_hash != last_hash:
        what = "overlaps" if row.first_seq <= upto else "does not continue"
        return (f"archive segment {name!r} ({span}) {what} the archived records before it "
                f"(up to #{upto}): segments were added or removed")
    if row.last_seq < row.first_seq:
        return f"archive segment {name!r} names an empty range"
    if not name or name != Path(name).name or name in (".", ".."):
        return f"archive segment name {name!r} is not a plain file name"
    path = folder / name if folder is not None else None
    if path is None or not path.is_file():
        where = str(folder) if folder is not None else "no archive folder was given"
        return (f"{span} were archived into {name}, which is missing ({where}): put the "
                "segment file back (e.g. from a backup); without it these records cannot be "
                "verified")
    if file_sha256(path) != row.file_sha256:
        return (f"archive segment {name}: the file's SHA-256 differs from the one recorded "
                "when it was sealed")
    check = verify_segment(path, public_key_pem, row.first_prev_hash, device_id, checkpoints)
    if not check.ok:
        return f"archive segment {name}: {check.reason}"
    if (check.first_seq, check.last_seq, check.last_hash) != (
            row.first_seq, row.last_seq, row.last_hash):
        return (f"archive segment {name} holds records #{check.first_seq}-#{check.last_seq}, "
                f"not the {span} the database lists")
    return ""
