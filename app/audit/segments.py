"""Sealed archive segments: old audit records moved out of the database, still verifiable.

A segment is a JSON Lines file: a signed header line, then every record exactly as stored.
Its header names the hash the chain continues from, so database + segments verify as one chain,
and the database keeps a row per segment (with the file's SHA-256) that SQLite's triggers
protect like the trail itself.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.audit.chain import fast_record_hash
from app.audit.signing import load_public_key, verify_signature
from app.errors import EdgeDeckError

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
                   expected_prev_hash: str | None = None) -> SegmentCheck:
    """Recompute the segment's chain and check its signed header."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        return SegmentCheck(False, str(path), 0, 0, "", f"cannot read: {exc.strerror}")
    with handle:
        try:
            header = json.loads(handle.readline())
        except ValueError:
            return SegmentCheck(False, str(path), 0, 0, "", "the header line is not JSON")
        if not isinstance(header, dict) or header.get("type") != SEGMENT_TYPE:
            return SegmentCheck(False, str(path), 0, 0, "", "not an EdgeDeck audit segment")
        first, last = int(header["first_seq"]), int(header["last_seq"])
        prev, seq = header["first_prev_hash"], first

        def bad(reason: str) -> SegmentCheck:
            return SegmentCheck(False, str(path), first, last, "", reason)

        if expected_prev_hash is not None and prev != expected_prev_hash:
            return bad("it does not continue the segment before it")
        if public_key_pem is not None:
            key = load_public_key(public_key_pem)
            statement = segment_statement(header["device_id"], first, last, prev,
                                          header["last_hash"])
            if not verify_signature(key, statement, header.get("signature", "")):
                return bad("the header signature does not verify")
        for line_no, line in enumerate(handle, start=2):
            try:
                rec = json.loads(line)
                row = tuple(rec[name] for name in ROW_FIELDS)
            except (ValueError, KeyError, TypeError):
                return bad(f"line {line_no} is not a complete record")
            if rec["seq"] != seq:
                return bad(f"record #{seq} is missing (found #{rec['seq']})")
            if rec["prev_hash"] != prev:
                return bad(f"record #{seq}: prev_hash does not link")
            if fast_record_hash(row) != rec["hash"]:
                return bad(f"record #{seq}: content does not match its hash")
            prev = rec["hash"]
            seq += 1
        if seq - 1 != last:
            return bad(f"the header promises records up to #{last} but the file ends at "
                       f"#{seq - 1}")
        if prev != header["last_hash"]:
            return bad("the last record's hash differs from the header")
        return SegmentCheck(True, str(path), first, last, prev)
