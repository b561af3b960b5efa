"""Append, read and verify audit records.

Appends take SQLite's write lock first (BEGIN IMMEDIATE), so the GUI, the CLI and the service
process can all write to one chain without forking it.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from app.audit.chain import GENESIS_HASH, canonical_json, record_hash
from app.auth.identity import Actor
from app.store import Store

log = logging.getLogger(__name__)

OUTCOMES = ("success", "failure", "denied")
_COLUMNS = (
    "seq, event_id, ts, actor, role, source, host, device_id, category, action, object, "
    "outcome, details, prev_hash, hash"
)


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    event_id: str
    ts: str
    actor: str
    role: str
    source: str
    host: str
    device_id: str
    category: str
    action: str
    object: str
    outcome: str
    details: str
    prev_hash: str
    hash: str

    @property
    def details_dict(self) -> dict[str, Any]:
        try:
            value = json.loads(self.details)
        except ValueError:
            return {"_unparseable": self.details}
        return value if isinstance(value, dict) else {"value": value}

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    first_bad_seq: int | None = None
    reason: str = ""
    cancelled: bool = False

    def summary(self) -> str:
        if self.cancelled:
            return f"Verification cancelled after {self.checked} records (nothing is known yet)."
        if self.ok:
            return f"Audit trail intact: {self.checked} records, head #{self.head_seq}."
        return f"Audit trail BROKEN at record #{self.first_bad_seq}: {self.reason}"


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


class AuditTrail:
    """The appliance's one chain. `record` never raises for the caller's mistakes in details."""

    def __init__(self, store: Store, device_id: str) -> None:
        self._store = store
        self._device_id = device_id

    def record(
        self,
        actor: Actor,
        category: str,
        action: str,
        object: str = "",  # noqa: A002 - the audit vocabulary's own word
        outcome: str = "success",
        details: dict[str, Any] | None = None,
    ) -> AuditRecord:
        """Append one record and return it; joins the caller's transaction if one is open."""
        if outcome not in OUTCOMES:
            raise ValueError(f"audit outcome must be one of {OUTCOMES}, not {outcome!r}")
        details_json = canonical_json(details or {})
        with self._store.transaction(immediate=True) as conn:
            row = conn.execute(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            seq, prev_hash = (row[0] + 1, row[1]) if row else (1, GENESIS_HASH)
            fields: dict[str, Any] = {
                "seq": seq,
                "event_id": str(uuid.uuid4()),
                "ts": _utc_now(),
                "actor": actor.username,
                "role": actor.role,
                "source": actor.source,
                "host": actor.host,
                "device_id": self._device_id,
                "category": category,
                "action": action,
                "object": object,
                "outcome": outcome,
                "details": details_json,
            }
            digest = record_hash(prev_hash, fields)
            conn.execute(
                f"INSERT INTO audit_log ({_COLUMNS}) VALUES ({', '.join('?' * 15)})",
                [*fields.values(), prev_hash, digest],
            )
        log.info("audit #%d %s/%s %s by %s: %s", seq, category, action, object, actor.username,
                 outcome)
        return AuditRecord(**fields, prev_hash=prev_hash, hash=digest)

    # -- reading ---------------------------------------------------------------------------

    def head(self) -> AuditRecord | None:
        row = self._store.conn.execute(
            f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return AuditRecord(*row) if row else None

    def count(self) -> int:
        return int(self._store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0])

    def read_page(self, before_seq: int | None = None, limit: int = 200) -> list[AuditRecord]:
        """Newest first, keyset-paged so any depth is as fast as the first page."""
        if before_seq is None:
            rows = self._store.conn.execute(
                f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT ?", [limit]
            )
        else:
            rows = self._store.conn.execute(
                f"SELECT {_COLUMNS} FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?",
                [before_seq, limit],
            )
        return [AuditRecord(*r) for r in rows]

    # -- verification ----------------------------------------------------------------------

    def verify(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> VerifyResult:
        """Recompute every link; name the first record whose hash, link or sequence is wrong."""
        total = self.count()
        expected_prev = GENESIS_HASH
        expected_seq = 1
        checked = 0
        last_hash = GENESIS_HASH
        cursor = self._store.conn.execute(f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq")
        while True:
            batch = cursor.fetchmany(5000)
            if not batch:
                break
            for row in batch:
                rec = AuditRecord(*row)
                if rec.seq != expected_seq:
                    what = "missing" if rec.seq > expected_seq else "duplicated"
                    return VerifyResult(
                        False, checked, rec.seq, last_hash, expected_seq,
                        f"sequence jumps from {expected_seq - 1} to {rec.seq} "
                        f"(record {expected_seq} {what})",
                    )
                if rec.prev_hash != expected_prev:
                    return VerifyResult(
                        False, checked, rec.seq, last_hash, rec.seq,
                        "prev_hash does not match the hash of the record before it "
                        "(a record was removed, inserted or replaced)",
                    )
                if record_hash(rec.prev_hash, rec.as_dict()) != rec.hash:
                    return VerifyResult(
                        False, checked, rec.seq, last_hash, rec.seq,
                        "content does not match its hash (the record was edited)",
                    )
                expected_prev = last_hash = rec.hash
                expected_seq += 1
                checked += 1
            if progress:
                progress(checked, total)
            if cancelled and cancelled():
                return VerifyResult(False, checked, expected_seq - 1, last_hash, None,
                                    "verification cancelled", cancelled=True)
        return VerifyResult(True, checked, expected_seq - 1, last_hash)
