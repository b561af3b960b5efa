"""Signed checkpoints as a whole: are they all there, and do they reach the head?

A checkpoint proves the chain up to its record; its absence proves nothing, so removing them
must itself be visible. EdgeDeck signs at every multiple of the interval (and on close, export
and archive), and since schema 14 each checkpoint signs the seq of the one before it. So:
a v2 checkpoint whose predecessor is missing, two v1 checkpoints further apart than the
interval, or a head further than the interval past the newest checkpoint all mean checkpoints
were removed (or records were appended outside EdgeDeck).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.audit.signing import checkpoint_statement, verify_signature

CHECKPOINT_COLUMNS = "seq, hash, ts, key_id, signature, prev_seq"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    ts: str
    key_id: str
    signature: str
    prev_seq: int | None

    def statement(self, device_id: str) -> bytes:
        return checkpoint_statement(device_id, self.seq, self.hash, self.ts, self.prev_seq)

    def signature_ok(self, device_id: str, public_key: Any) -> bool:  # noqa: ANN401
        return verify_signature(public_key, self.statement(device_id), self.signature)

    def as_row(self) -> tuple[Any, ...]:
        """The tuple the range verifier takes (seq, hash, ts, key_id, signature, prev_seq)."""
        return (self.seq, self.hash, self.ts, self.key_id, self.signature, self.prev_seq)


def load_checkpoints(conn: Any) -> dict[int, Checkpoint]:  # noqa: ANN401 - sqlite3 connection
    rows = conn.execute(f"SELECT {CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY seq")
    return {int(r[0]): Checkpoint(int(r[0]), r[1], r[2], r[3], r[4],
                                  None if r[5] is None else int(r[5])) for r in rows}


def coverage_problem(checkpoints: dict[int, Checkpoint], head_seq: int,
                     interval: int) -> tuple[int, str] | None:
    """(record to name, reason) when checkpoints were removed or stop short of the head."""
    previous = 0
    for seq in sorted(checkpoints):
        checkpoint = checkpoints[seq]
        if checkpoint.prev_seq is not None:
            if checkpoint.prev_seq != previous:
                missing = checkpoint.prev_seq if checkpoint.prev_seq > previous else previous
                return (seq, f"checkpoint #{seq} was signed after checkpoint "
                        f"#{checkpoint.prev_seq}, but the database's checkpoint before it is "
                        f"#{previous}: signed checkpoint #{missing} was removed or added")
        elif previous and seq - previous > interval:
            return (previous + 1, f"no signed checkpoint between #{previous} and #{seq} "
                    f"({seq - previous} records; EdgeDeck signs at least every {interval}): "
                    "checkpoints were removed")
        previous = seq
    if head_seq - previous > interval:
        where = f"the newest signed checkpoint is #{previous}" if previous else (
            "there is no signed checkpoint at all")
        return (previous + 1, f"{where} but the chain goes on to #{head_seq} "
                f"({head_seq - previous} records; EdgeDeck signs at least every {interval}): "
                "checkpoints were removed, or records were added outside EdgeDeck")
    return None
