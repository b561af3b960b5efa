"""Append, read and verify audit records.

Appends take SQLite's write lock first (BEGIN IMMEDIATE), so the GUI, the CLI and the service
process can all write to one chain without forking it. Every `checkpoint_every` records the
head is signed with the device key (audit_checkpoints) and copied to an anchor file outside the
database, so a rewritten chain, a truncated tail or a database swapped for an older copy are
detected, not only an edited row.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app import events
from app.audit.anchor import ANCHOR_FILE, Anchor, AnchorFile
from app.audit.chain import GENESIS_HASH, canonical_json, record_hash
from app.audit.signing import DeviceKey, checkpoint_statement
from app.audit.verification import PARALLEL_FROM, VerifyResult, verify_trail
from app.auth.identity import Actor
from app.messages import msg
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
ARCHIVE_DIR = "audit-archive"

__all__ = ["ANCHOR_FILE", "ARCHIVE_DIR", "PARALLEL_FROM", "AuditFilter", "AuditRecord",
           "AuditTrail", "StorageStatus", "VerifyResult"]


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


def _one() -> int:
    return 1


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _normalise_ts(value: str) -> str:
    """Accept '2026-11-22', '2026-11-22 10:00' or full ISO; compare as the stored Z form."""
    text = value.strip().replace(" ", "T")
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from app.errors import ValidationError

        raise ValidationError(msg("'{value}' is not a date/time (use e.g. 2026-11-22 or "
                                  "2026-11-22T08:30).", value=value)) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat(timespec="microseconds").replace(
        "+00:00", "Z")


class AuditTrail:
    """The appliance's one chain."""

    def __init__(self, store: Store, device_id: str, key: DeviceKey | None = None,
                 anchor_path: Path | None = None,
                 checkpoint_every: int = CHECKPOINT_EVERY,
                 archive_dir: Path | None = None) -> None:
        self._store = store
        self._device_id = device_id
        self._key = key
        self.anchor_path = anchor_path
        self._anchor = AnchorFile(anchor_path) if anchor_path is not None else None
        self.archive_dir = archive_dir if archive_dir is not None else (
            anchor_path.parent / ARCHIVE_DIR if anchor_path is not None else None)
        self.checkpoint_every = checkpoint_every
        self.max_records = DEFAULT_MAX_RECORDS
        self.storage_listeners: list[Callable[[StorageStatus], None]] = []
        # Called with each anchor once it is in place (e.g. a syslog line per checkpoint).
        self.anchor_listeners: list[Callable[[Anchor], None]] = []
        # Why the anchor or the signing was held back; empty when all is well.
        self.anchor_held = ""
        self.signing_held = ""
        self._local = threading.local()
        self.events = events.bus  # where each record is announced once written
        # The triggers (migration 14) call these; no other program defines them.
        store.register_function("edgedeck_audit_writer", 0, _one)
        store.register_function("edgedeck_audit_release", 1, self._may_release)
        store.register_function("edgedeck_audit_sealing", 0, self._is_sealing)

    @property
    def key(self) -> DeviceKey | None:
        return self._key

    @property
    def device_id(self) -> str:
        return self._device_id

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
        staged = False
        storage: StorageStatus | None = None
        with contextlib.ExitStack() as anchor_lock:
            with self._store.transaction(immediate=True) as conn:
                row = conn.execute(
                    "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
                ).fetchone()
                if row is None:
                    row = conn.execute(
                        "SELECT last_seq, last_hash FROM audit_segments ORDER BY last_seq "
                        "DESC LIMIT 1").fetchone()
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
                seal = self._key.seal(digest) if self._key is not None else None
                conn.execute(
                    f"INSERT INTO audit_log ({COLUMNS}, seal) VALUES ({', '.join('?' * 16)})",
                    [*fields.values(), prev_hash, digest, seal],
                )
                if self._key is not None and seq % self.checkpoint_every == 0:
                    staged = self._sign(conn, seq, digest, anchor_lock)
                if seq % STORAGE_CHECK_EVERY == 0:
                    storage = self.storage_status()
            if staged:
                self._commit_anchor()
        self.events.publish(events.AUDIT, self._store.path, seq=seq, category=category,
                            action=action)
        # The trail is the record; the log only gets it when debugging (it halves the append rate).
        log.debug("audit #%d %s/%s %s by %s: %s", seq, category, action, object,
                  actor.username, outcome)
        if storage is not None and storage.level != "ok":
            self._storage_warning(storage)
        return AuditRecord(**fields, prev_hash=prev_hash, hash=digest)

    def checkpoint(self, allow_unsealed: bool = False, force_anchor: bool = False) -> int | None:
        """Sign the current head now (start-up, sign-out, before export); returns its seq.

        `allow_unsealed` signs records that carry no seal: only for the head of a database
        that was just migrated to sealed records in this very process (they were written by
        an older EdgeDeck). `force_anchor` moves the anchor even over evidence that it was
        removed or rolled back: only `AuditService.accept_anchor` asks for that.
        """
        if self._key is None:
            return None
        staged = False
        with contextlib.ExitStack() as anchor_lock:
            with self._store.transaction(immediate=True) as conn:
                row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
                                   ).fetchone()
                if row is None:
                    return None
                done = conn.execute("SELECT 1 FROM audit_checkpoints WHERE seq = ?", [row[0]]
                                    ).fetchone()
                if not done:
                    staged = self._sign(conn, int(row[0]), row[1], anchor_lock, allow_unsealed,
                                        force_anchor)
                elif force_anchor:
                    staged = self._stage_newest(conn, anchor_lock)
            if staged:
                self._commit_anchor()
        return int(row[0])

    def _sign(self, conn: sqlite3.Connection, seq: int, digest: str,
              anchor_lock: contextlib.ExitStack, allow_unsealed: bool = False,
              force_anchor: bool = False) -> bool:
        """Insert a checkpoint for `seq` (inside the caller's write transaction) and stage the
        anchor for it; False when nothing was staged."""
        assert self._key is not None
        before = conn.execute(
            "SELECT seq, hash FROM audit_checkpoints WHERE seq < ? ORDER BY seq DESC LIMIT 1",
            [seq]).fetchone()
        prev_seq = int(before[0]) if before else 0
        if not allow_unsealed:
            unsealed = self._first_unsealed(conn, prev_seq, seq)
            if unsealed is not None:
                reason = (f"record #{unsealed} carries no valid seal (it was not written by "
                          "EdgeDeck): the chain is not signed past it")
                if reason != self.signing_held:
                    log.error("audit checkpoint #%d refused: %s", seq, reason)
                self.signing_held = reason
                return False
        ts = _utc_now()
        signature = self._key.sign(checkpoint_statement(self._device_id, seq, digest, ts,
                                                        prev_seq))
        inserted = conn.execute(
            "INSERT OR IGNORE INTO audit_checkpoints (seq, hash, ts, key_id, signature, "
            "prev_seq) VALUES (?, ?, ?, ?, ?, ?)",
            [seq, digest, ts, self._key.key_id, signature, prev_seq]).rowcount
        if inserted != 1:  # a checkpoint left beyond a cut-off tail: verification names it
            return False
        anchor = Anchor(self._device_id, seq, digest, ts, self._key.key_id, signature,
                        prev_seq)
        return self._stage_anchor(anchor, before, anchor_lock, force_anchor)

    def _first_unsealed(self, conn: sqlite3.Connection, after: int, upto: int) -> int | None:
        assert self._key is not None
        rows = conn.execute("SELECT seq, hash, seal FROM audit_log WHERE seq > ? AND seq <= ? "
                            "ORDER BY seq", [after, upto])
        for seq, digest, seal in rows:
            if not self._key.seal_ok(digest, seal):
                return int(seq)
        return None

    def _stage_newest(self, conn: sqlite3.Connection, anchor_lock: contextlib.ExitStack) -> bool:
        row = conn.execute("SELECT seq, hash, ts, key_id, signature, prev_seq FROM "
                           "audit_checkpoints ORDER BY seq DESC LIMIT 1").fetchone()
        if row is None:
            return False
        anchor = Anchor(self._device_id, int(row[0]), row[1], row[2], row[3], row[4],
                        None if row[5] is None else int(row[5]))
        return self._stage_anchor(anchor, None, anchor_lock, force=True)

    def _stage_anchor(self, anchor: Anchor, before: tuple[Any, ...] | None,
                      anchor_lock: contextlib.ExitStack, force: bool = False) -> bool:
        """Write the pending anchor, unless the anchor on disk shows evidence of removal.

        The anchor moves forward only from the checkpoint right before this one (or from
        nothing, on a new trail): a missing, older, foreign or unreadable anchor stays as it
        is, for verification to report, until an administrator accepts the head.
        """
        if self._anchor is None:
            return False
        anchor_lock.enter_context(self._anchor.locked())
        if not force:
            held = self._anchor_problem(before)
            if held:
                if held != self.anchor_held:
                    log.warning("audit anchor not moved to #%d: %s", anchor.seq, held)
                self.anchor_held = held
                return False
        self._anchor.write_pending(anchor)
        self.anchor_held = ""
        return True

    def _anchor_problem(self, before: tuple[Any, ...] | None) -> str:
        assert self._anchor is not None
        state = self._anchor.state()

        def matches(candidate: Anchor | None) -> bool:
            return (candidate is not None and before is not None
                    and candidate.device_id == self._device_id
                    and candidate.seq == int(before[0]) and candidate.hash == before[1])

        if matches(state.anchor) or matches(state.pending):
            return ""
        if state.problem:
            return f"the anchor file {state.problem}"
        if state.anchor is None:
            if before is None:
                return ""  # a new trail: its first anchor
            return (f"the anchor file is missing although checkpoint #{before[0]} was "
                    "signed")
        if state.anchor.device_id != self._device_id:
            return "the anchor file belongs to another appliance"
        if before is None or state.anchor.seq > int(before[0]):
            return (f"the anchor file records #{state.anchor.seq}, beyond this database's "
                    "checkpoints")
        return (f"the anchor file records #{state.anchor.seq} but checkpoint #{before[0]} was "
                "signed after it")

    def _commit_anchor(self) -> None:
        assert self._anchor is not None
        if not self._anchor.commit_pending():
            return
        state = self._anchor.state()
        for listener in list(self.anchor_listeners):
            try:
                if state.anchor is not None:
                    listener(state.anchor)
            except Exception:  # noqa: BLE001 - a sink must never stop the trail
                log.exception("audit anchor listener failed")

    def finish_interrupted_anchor(self) -> str:
        """Complete an anchor update a power cut interrupted (start-up); returns what it did.

        Only a pending anchor that matches the database's newest checkpoint is moved into
        place: that checkpoint committed, so the box really wrote it. One ahead of the
        database belongs to a transaction that never committed and is dropped.
        """
        if self._anchor is None:
            return ""
        with self._anchor.locked():
            state = self._anchor.state()
            pending = state.pending
            if pending is None:
                return ""
            row = self._store.conn.execute(
                "SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1").fetchone()
            if (row is not None and pending.device_id == self._device_id
                    and pending.seq == int(row[0]) and pending.hash == row[1]
                    and (state.anchor is None or state.anchor.seq < pending.seq)):
                self._anchor.commit_pending()
                log.info("audit anchor: completed the update to #%d interrupted earlier",
                         pending.seq)
                return f"completed the anchor update to #{pending.seq}"
            self._anchor.discard_pending()
            return ""

    def start_up(self, upgraded: bool) -> list[str]:
        """Once per open: finish an interrupted anchor update, and sign the head of a trail
        this process has just upgraded to sealed records (schema 14), whose unsealed records
        an older EdgeDeck wrote. Returns what was done, for the log and the caller."""
        notes = []
        done = self.finish_interrupted_anchor()
        if done:
            notes.append(done)
        if upgraded and self._key is not None:
            seq = self.checkpoint(allow_unsealed=True)
            if seq:
                notes.append(f"signed the upgraded audit trail's head #{seq}")
                log.info("audit: signed the head #%d of the trail upgraded to sealed records",
                         seq)
        return notes

    def newest_anchor(self) -> Anchor | None:
        """The database's newest signed checkpoint, as an anchor (for receipts)."""
        row = self._store.conn.execute(
            "SELECT seq, hash, ts, key_id, signature, prev_seq FROM audit_checkpoints "
            "ORDER BY seq DESC LIMIT 1").fetchone()
        if row is None:
            return None
        return Anchor(self._device_id, int(row[0]), row[1], row[2], row[3], row[4],
                      None if row[5] is None else int(row[5]))

    def read_anchor(self) -> dict[str, Any] | None:
        """The anchor file as stored (diagnostics bundles show it)."""
        if self._anchor is None:
            return None
        state = self._anchor.state()
        if state.problem:
            return {"_unreadable": True, "problem": state.problem}
        return state.anchor.as_dict() if state.anchor else None

    # -- sealing into archive segments -----------------------------------------------------

    @contextlib.contextmanager
    def sealing(self, first_seq: int, last_seq: int) -> Iterator[None]:
        """While the audit service seals #first..#last into a segment, and only then, the
        triggers let it register the segment and delete exactly those records."""
        self._local.release = (first_seq, last_seq)
        try:
            yield
        finally:
            self._local.release = None

    def _may_release(self, seq: int) -> int:
        window = getattr(self._local, "release", None)
        return int(window is not None and window[0] <= int(seq) <= window[1])

    def _is_sealing(self) -> int:
        return int(getattr(self._local, "release", None) is not None)

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
        pinned: Anchor | None = None,
    ) -> VerifyResult:
        """Check archive segments, every link, sequence, timestamp, checkpoint, seal and the
        anchor (app.audit.verification says what and in which order).

        `public_key_pem` lets an auditor verify against the key they pinned, instead of the
        one stored beside the database; `pinned` is an anchor (receipt) they kept, which
        detects a rollback even by someone holding the key. Long chains are split over
        worker processes.
        """
        return verify_trail(self._store, self._device_id, key=self._key, anchor=self._anchor,
                            archive_dir=self.archive_dir, interval=self.checkpoint_every,
                            progress=progress, cancelled=cancelled,
                            public_key_pem=public_key_pem, workers=workers, pinned=pinned)
