"""Append, read and verify audit records.

Appends take SQLite's write lock first (BEGIN IMMEDIATE), so the GUI, the CLI and the service
process can all write to one chain without forking it. Every `checkpoint_every` records the
head is signed with the device key (audit_checkpoints) and copied to an anchor file outside the
database, so a rewritten chain, a truncated tail or a database swapped for an older copy are
detected, not only an edited row.
"""

from __future__ import annotations

import concurrent.futures
import json
import logging
import multiprocessing
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app.audit.chain import GENESIS_HASH, canonical_json, record_hash
from app.audit.signing import (
    DeviceKey,
    checkpoint_statement,
    load_public_key,
    verify_signature,
)
from app.audit.verifier import (
    CLOCK_STEP_BACK_TOLERANCE_S,
    RangeResult,
    check_rows,
    ts_step_back,
    verify_range_in_worker,
)
from app.auth.identity import Actor
from app.store import Store

log = logging.getLogger(__name__)

OUTCOMES = ("success", "failure", "denied")
COLUMNS = (
    "seq, event_id, ts, actor, role, source, host, device_id, category, action, object, "
    "outcome, details, prev_hash, hash"
)
CHECKPOINT_EVERY = 100
STORAGE_CHECK_EVERY = 1000
DEFAULT_MAX_RECORDS = 5_000_000
WARN_AT = 0.8
PARALLEL_FROM = 200_000  # below this, starting worker processes costs more than it saves
ANCHOR_FILE = "audit-anchor.json"


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
class AuditFilter:
    """What the Audit page and `edgedeck audit list/export` narrow the trail to."""

    since: str | None = None  # ISO 8601 UTC, inclusive
    until: str | None = None  # ISO 8601 UTC, exclusive
    actor: str | None = None
    category: str | None = None
    outcome: str | None = None
    text: str | None = None  # substring of action, object or details

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.since:
            clauses.append("ts >= ?")
            params.append(_normalise_ts(self.since))
        if self.until:
            clauses.append("ts < ?")
            params.append(_normalise_ts(self.until))
        for column in ("actor", "category", "outcome"):
            value = getattr(self, column)
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.text:
            like = "%" + self.text.replace("\\", "\\\\").replace("%", "\\%").replace(
                "_", "\\_") + "%"
            clauses.append("(action LIKE ? ESCAPE '\\' OR object LIKE ? ESCAPE '\\'"
                           " OR details LIKE ? ESCAPE '\\')")
            params += [like, like, like]
        return (" AND ".join(clauses), params)


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

    def summary(self) -> str:
        if self.cancelled:
            return f"Verification cancelled after {self.checked} records (nothing is known yet)."
        if self.ok:
            archived = f", records up to #{self.archived_upto} archived" if (
                self.archived_upto) else ""
            return (f"Audit trail intact: {self.checked} records, head #{self.head_seq}, "
                    f"{self.checkpoints_checked} signed checkpoints{archived}.")
        where = f" at record #{self.first_bad_seq}" if self.first_bad_seq else ""
        return f"Audit trail BROKEN{where}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "warnings": list(self.warnings), "summary": self.summary()}


@dataclass(frozen=True)
class StorageStatus:
    records: int
    max_records: int
    database_bytes: int

    @property
    def fraction(self) -> float:
        return self.records / self.max_records if self.max_records else 0.0

    @property
    def level(self) -> str:
        if self.fraction >= 1.0:
            return "full"
        return "warn" if self.fraction >= WARN_AT else "ok"


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _normalise_ts(value: str) -> str:
    """Accept '2026-11-22', '2026-11-22 10:00' or full ISO; compare as the stored Z form."""
    text = value.strip().replace(" ", "T")
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from app.errors import ValidationError

        raise ValidationError(f"'{value}' is not a date/time (use e.g. 2026-11-22 or "
                              "2026-11-22T08:30).") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat(timespec="microseconds").replace(
        "+00:00", "Z")


class AuditTrail:
    """The appliance's one chain."""

    def __init__(self, store: Store, device_id: str, key: DeviceKey | None = None,
                 anchor_path: Path | None = None,
                 checkpoint_every: int = CHECKPOINT_EVERY) -> None:
        self._store = store
        self._device_id = device_id
        self._key = key
        self.anchor_path = anchor_path
        self.checkpoint_every = checkpoint_every
        self.max_records = DEFAULT_MAX_RECORDS
        self.storage_listeners: list[Callable[[StorageStatus], None]] = []

    @property
    def key(self) -> DeviceKey | None:
        return self._key

    # -- writing ---------------------------------------------------------------------------

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
        checkpointed = False
        storage: StorageStatus | None = None
        with self._store.transaction(immediate=True) as conn:
            row = conn.execute(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            if row is None:
                row = conn.execute(
                    "SELECT last_seq, last_hash FROM audit_segments ORDER BY last_seq DESC "
                    "LIMIT 1").fetchone()
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
                f"INSERT INTO audit_log ({COLUMNS}) VALUES ({', '.join('?' * 15)})",
                [*fields.values(), prev_hash, digest],
            )
            if self._key is not None and seq % self.checkpoint_every == 0:
                self._insert_checkpoint(conn, seq, digest)
                checkpointed = True
            if seq % STORAGE_CHECK_EVERY == 0:
                storage = self.storage_status()
        # The trail is the record; the log only gets it when debugging (it halves the append rate).
        log.debug("audit #%d %s/%s %s by %s: %s", seq, category, action, object,
                  actor.username, outcome)
        if checkpointed:
            self._write_anchor()
        if storage is not None and storage.level != "ok":
            self._storage_warning(storage)
        return AuditRecord(**fields, prev_hash=prev_hash, hash=digest)

    def _insert_checkpoint(self, conn: Any, seq: int, digest: str) -> None:
        assert self._key is not None
        ts = _utc_now()
        signature = self._key.sign(checkpoint_statement(self._device_id, seq, digest, ts))
        conn.execute(
            "INSERT OR IGNORE INTO audit_checkpoints (seq, hash, ts, key_id, signature)"
            " VALUES (?, ?, ?, ?, ?)", [seq, digest, ts, self._key.key_id, signature])

    def checkpoint(self) -> int | None:
        """Sign the current head now (start-up, sign-out, before export); returns its seq."""
        if self._key is None:
            return None
        with self._store.transaction(immediate=True) as conn:
            row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
                               ).fetchone()
            if row is None:
                return None
            done = conn.execute("SELECT 1 FROM audit_checkpoints WHERE seq = ?", [row[0]]
                                ).fetchone()
            if not done:
                self._insert_checkpoint(conn, row[0], row[1])
        self._write_anchor()
        return int(row[0])

    def _write_anchor(self) -> None:
        """The newest checkpoint, outside the database: survives a swapped or truncated file."""
        if self.anchor_path is None:
            return
        row = self._store.conn.execute(
            "SELECT seq, hash, ts, key_id, signature FROM audit_checkpoints "
            "ORDER BY seq DESC LIMIT 1").fetchone()
        if row is None:
            return
        anchor = dict(zip(("seq", "hash", "ts", "key_id", "signature"), row, strict=True))
        anchor["device_id"] = self._device_id
        current = self.read_anchor()
        if current and int(current.get("seq", 0)) > anchor["seq"]:
            return  # never move the anchor backwards (e.g. a restored older database)
        tmp = self.anchor_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(anchor, indent=2), encoding="utf-8")
        os.replace(tmp, self.anchor_path)

    def read_anchor(self) -> dict[str, Any] | None:
        if self.anchor_path is None or not self.anchor_path.exists():
            return None
        try:
            value = json.loads(self.anchor_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"_unreadable": True}
        return value if isinstance(value, dict) else {"_unreadable": True}

    # -- storage ---------------------------------------------------------------------------

    def archived_upto(self) -> int:
        row = self._store.conn.execute("SELECT COALESCE(MAX(last_seq), 0) FROM audit_segments"
                                       ).fetchone()
        return int(row[0])

    def storage_status(self) -> StorageStatus:
        head = self._store.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM audit_log"
                                        ).fetchone()[0]
        records = max(0, int(head) - self.archived_upto())
        return StorageStatus(records, self.max_records, self._store.size_bytes())

    def _storage_warning(self, status: StorageStatus) -> None:
        """Audited and announced; records keep being written — nothing is ever dropped."""
        percent = round(status.fraction * 100)
        log.warning("audit storage at %d %% of its limit (%d of %d records)", percent,
                    status.records, status.max_records)
        self.record(Actor.system("audit"), "audit", "storage_warning", "audit_log", "success",
                    {"records": status.records, "max_records": status.max_records,
                     "percent": percent, "advice": "archive old records to a sealed segment"})
        for listener in list(self.storage_listeners):
            listener(status)

    # -- reading ---------------------------------------------------------------------------

    def head(self) -> AuditRecord | None:
        row = self._store.conn.execute(
            f"SELECT {COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return AuditRecord(*row) if row else None

    def count(self) -> int:
        return int(self._store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0])

    def read_page(self, before_seq: int | None = None, limit: int = 200,
                  filters: AuditFilter | None = None) -> list[AuditRecord]:
        """Newest first, keyset-paged so any depth is as fast as the first page."""
        where, params = (filters or AuditFilter()).where()
        clauses = [where] if where else []
        if before_seq is not None:
            clauses.append("seq < ?")
            params.append(before_seq)
        sql = f"SELECT {COLUMNS} FROM audit_log"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        rows = self._store.conn.execute(sql + " ORDER BY seq DESC LIMIT ?", [*params, limit])
        return [AuditRecord(*r) for r in rows]

    def count_matching(self, filters: AuditFilter | None = None) -> int:
        where, params = (filters or AuditFilter()).where()
        sql = "SELECT COUNT(*) FROM audit_log" + (f" WHERE {where}" if where else "")
        return int(self._store.conn.execute(sql, params).fetchone()[0])

    def iter_records(self, filters: AuditFilter | None = None) -> Iterator[AuditRecord]:
        """Oldest first, streamed (exports of a million records never sit in memory)."""
        where, params = (filters or AuditFilter()).where()
        sql = f"SELECT {COLUMNS} FROM audit_log" + (f" WHERE {where}" if where else "")
        cursor = self._store.conn.execute(sql + " ORDER BY seq", params)
        while True:
            batch = cursor.fetchmany(2000)
            if not batch:
                return
            for row in batch:
                yield AuditRecord(*row)

    def distinct(self, column: str) -> list[str]:
        if column not in ("actor", "category", "outcome"):
            raise ValueError(column)
        rows = self._store.conn.execute(f"SELECT DISTINCT {column} FROM audit_log ORDER BY 1")
        return [r[0] for r in rows]

    # -- verification ----------------------------------------------------------------------

    def verify(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        public_key_pem: bytes | None = None,
        workers: int | None = None,
    ) -> VerifyResult:
        """Recompute every link and check sequence, timestamps, checkpoints and the anchor.

        `public_key_pem` lets an auditor verify against the key they pinned, instead of the
        one stored beside the database. Long chains are split over worker processes.
        """
        conn = self._store.conn
        segment = conn.execute(
            "SELECT last_seq, last_hash FROM audit_segments ORDER BY last_seq DESC LIMIT 1"
        ).fetchone()
        archived_upto, chain_start_prev = (int(segment[0]), segment[1]) if segment else (
            0, GENESIS_HASH)
        if public_key_pem is None and self._key is not None:
            public_key_pem = self._key.public_pem()
        public_key = load_public_key(public_key_pem) if public_key_pem else None
        checkpoints = {
            int(r[0]): tuple(r) for r in conn.execute(
                "SELECT seq, hash, ts, key_id, signature FROM audit_checkpoints")
        }
        bounds = conn.execute("SELECT MIN(seq), MAX(seq), COUNT(*) FROM audit_log").fetchone()
        first_seq = archived_upto + 1
        last_seq = max(int(bounds[1] or 0), archived_upto)
        total = int(bounds[2])
        workers = workers if workers is not None else (
            min(4, os.cpu_count() or 1) if total >= PARALLEL_FROM else 1)
        ranges = _split(first_seq, last_seq, max(1, workers) * 4 if workers > 1 else 1)
        results = self._verify_ranges(ranges, workers, checkpoints, public_key,
                                      public_key_pem, progress, cancelled, total)
        if results is None:
            return VerifyResult(False, 0, 0, "", None, "verification cancelled",
                                cancelled=True)
        warnings: list[str] = []
        checked = signed = 0
        expected_prev, last_hash, last_ts = chain_start_prev, chain_start_prev, None

        def broken(seq: int | None, reason: str) -> VerifyResult:
            return VerifyResult(False, checked, last_seq, last_hash, seq, reason,
                                checkpoints_checked=signed, archived_upto=archived_upto,
                                warnings=tuple(warnings))

        for part in results:
            if part.first_prev_hash is not None and part.first_prev_hash != expected_prev:
                return broken(part.first_seq, "prev_hash does not match the hash of the "
                              "record before it (a record was removed, inserted or replaced)")
            if (last_ts is not None and part.first_ts is not None
                    and ts_step_back(last_ts, part.first_ts) > CLOCK_STEP_BACK_TOLERANCE_S):
                return broken(part.first_seq, f"timestamp {part.first_ts} is earlier than the "
                              f"record before it ({last_ts}) by more than the clock tolerance")
            checked += part.checked
            signed += part.checkpoints_checked
            if part.bad_seq is not None:
                return broken(part.bad_seq, part.reason)
            if part.last_hash is not None:
                expected_prev = last_hash = part.last_hash
                last_ts = part.last_ts
        head_seq = first_seq + checked - 1
        beyond = [s for s in checkpoints if s > head_seq]
        if beyond:
            return broken(head_seq + 1, f"a signed checkpoint exists for record #{max(beyond)} "
                          f"but the chain ends at #{head_seq} (records were cut off the end)")
        anchor = self.read_anchor()
        if anchor is not None:
            problem = self._check_anchor(anchor, head_seq, public_key)
            if problem:
                return broken(problem[0], problem[1])
        elif self.anchor_path is not None and checkpoints:
            warnings.append(f"the anchor file {self.anchor_path.name} is missing")
        if public_key is None and checkpoints:
            warnings.append("no public key available: checkpoint signatures not checked")
        return VerifyResult(True, checked, head_seq, last_hash, checkpoints_checked=signed,
                            archived_upto=archived_upto, warnings=tuple(warnings))

    def _verify_ranges(self, ranges: list[tuple[int, int]], workers: int,
                       checkpoints: dict[int, tuple[Any, ...]], public_key: Any,
                       public_key_pem: bytes | None,
                       progress: Callable[[int, int], None] | None,
                       cancelled: Callable[[], bool] | None,
                       total: int) -> list[RangeResult] | None:
        """Each range verified on its own; None when cancelled."""
        if workers <= 1 or len(ranges) <= 1:
            done: list[RangeResult] = []
            for start, end in ranges:
                cursor = self._store.conn.execute(
                    f"SELECT {COLUMNS} FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq",
                    [start, end])
                rows = _progressing(cursor, progress, cancelled, total)
                done.append(check_rows(rows, start, checkpoints, self._device_id, public_key))
                if cancelled and cancelled():
                    return None
            return done
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = [pool.submit(verify_range_in_worker, str(self._store.path), start, end,
                                   self._device_id, public_key_pem,
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

    def _check_anchor(self, anchor: dict[str, Any], head_seq: int,
                      public_key: Any) -> tuple[int, str] | None:
        if anchor.get("_unreadable"):
            return (head_seq, f"the anchor file {ANCHOR_FILE} is unreadable")
        if anchor.get("device_id") != self._device_id:
            return (head_seq, "the anchor file belongs to another appliance (device id "
                    f"{anchor.get('device_id')}): this database is not the one it anchors")
        seq, digest = int(anchor.get("seq", 0)), str(anchor.get("hash", ""))
        if public_key is not None and not verify_signature(
                public_key, checkpoint_statement(self._device_id, seq, digest,
                                                 str(anchor.get("ts", ""))),
                str(anchor.get("signature", ""))):
            return (seq, "the anchor file's signature does not verify")
        if seq > head_seq:
            return (head_seq + 1, f"the anchor file records #{seq} but the chain ends at "
                    f"#{head_seq} (records were cut off, or the database was replaced by an "
                    "older copy)")
        row = self._store.conn.execute("SELECT hash FROM audit_log WHERE seq = ?", [seq]
                                       ).fetchone()
        if row is not None and row[0] != digest:
            return (seq, "the anchor file holds a different hash for this record (the chain "
                    "was rewritten)")
        return None


def _split(first: int, last: int, parts: int) -> list[tuple[int, int]]:
    """Consecutive seq ranges covering first..last (one empty range when there is nothing)."""
    if last < first:
        return [(first, first - 1)]
    size = max(1, -(-(last - first + 1) // parts))
    return [(start, min(last, start + size - 1)) for start in range(first, last + 1, size)]


def _progressing(cursor: Any, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None, total: int) -> Iterator[tuple[Any, ...]]:
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
