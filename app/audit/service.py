"""Role-checked access to the trail for people: view, verify, export, archive, public key."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from app.audit.anchor import ANCHOR_FILE, Anchor, receipt_text
from app.audit.segments import segment_statement, verify_segment, write_segment
from app.audit.trail import (
    COLUMNS,
    AuditFilter,
    AuditRecord,
    AuditTrail,
    StorageStatus,
    VerifyResult,
)
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.errors import EdgeDeckError, ValidationError
from app.files import file_sha256
from app.messages import msg

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


@dataclass(frozen=True)
class ExportResult:
    path: str
    format: str
    records: int
    verification: str


@dataclass(frozen=True)
class ArchiveResult:
    path: str
    first_seq: int
    last_seq: int
    records: int
    file_sha256: str
    copy: str | None = None


def _copy_segment(source: Path, target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    except OSError as exc:
        source.unlink()
        raise EdgeDeckError(msg("Cannot write the copy {target}: {strerror}; nothing was archived.",
                                target=target, strerror=exc.strerror)) from exc


class AuditService:
    def __init__(self, trail: AuditTrail, guard: Guard, data_dir: Path | None = None,
                 device_name: Callable[[], str] | None = None) -> None:
        self.trail = trail
        self._guard = guard
        self._data_dir = data_dir
        self._device_name = device_name or socket.gethostname

    # -- viewing ---------------------------------------------------------------------------

    def page(self, actor: Actor, before_seq: int | None = None, limit: int = 200,
             filters: AuditFilter | None = None) -> list[AuditRecord]:
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        return self.trail.read_page(before_seq, limit, filters)

    def count(self, actor: Actor, filters: AuditFilter | None = None) -> int:
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        return self.trail.count_matching(filters)

    def head(self, actor: Actor) -> AuditRecord | None:
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        return self.trail.head()

    def archived_upto(self, actor: Actor) -> int:
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        return self.trail.archived_upto()

    def choices(self, actor: Actor, column: str) -> list[str]:
        """The distinct actors, categories or outcomes (the Audit page's filter lists)."""
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        return self.trail.distinct(column)

    def storage(self, actor: Actor) -> StorageStatus:
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        return self.trail.storage_status()

    def public_key_pem(self) -> bytes:
        """Not secret: auditors pin it to verify exports and copies offline."""
        if self.trail.key is None:
            raise EdgeDeckError("This appliance has no audit signing key.")
        return self.trail.key.public_pem()

    # -- verification ----------------------------------------------------------------------

    def verify(self, actor: Actor, progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None,
               public_key_pem: bytes | None = None,
               pinned: Anchor | None = None) -> VerifyResult:
        """Verify the whole chain and record who did it and what they found."""
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        result = self.trail.verify(progress, cancelled, public_key_pem, pinned=pinned)
        if not result.cancelled:
            self.trail.record(
                actor, "audit", "verify", "audit_log", "success" if result.ok else "failure",
                {"checked": result.checked, "head_seq": result.head_seq,
                 "first_bad_seq": result.first_bad_seq, "reason": result.reason,
                 "checkpoints": result.checkpoints_checked},
            )
        return result

    # -- export ----------------------------------------------------------------------------

    def export(self, actor: Actor, fmt: str, path: Path, filters: AuditFilter | None = None,
               progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None) -> ExportResult:
        """Write the filtered records with the chain head and a verification summary."""
        from app.audit.export import FORMATS, ExportHeader, write_export

        self._guard.require(actor, Permission.EXPORT_AUDIT, str(path))
        if fmt not in FORMATS:
            raise ValidationError(msg("Unknown export format '{fmt}': use one of {formats}.",
                                      fmt=fmt, formats=', '.join(FORMATS)))
        filters = filters or AuditFilter()
        self.trail.checkpoint()
        verification = self.trail.verify(cancelled=cancelled)
        if verification.cancelled:
            raise EdgeDeckError("Export cancelled; no file was written.")
        total = self.trail.count_matching(filters)
        head = self.trail.head()
        header = ExportHeader(
            device_id=head.device_id if head else "",
            device_name=self._device_name(),
            exported_at=datetime.now(timezone.utc).isoformat(timespec="seconds").replace(
                "+00:00", "Z"),
            exported_by=actor.username,
            filters=filters.as_dict(),
            head_seq=head.seq if head else 0,
            head_hash=head.hash if head else "",
            verification=verification.summary(),
            verified_ok=verification.ok,
            record_count=total,
        )
        path = Path(path)
        tmp = path.with_name(path.name + ".part")
        try:
            with tmp.open("w", encoding="utf-8", newline="") as stream:
                written = write_export(
                    self.trail.iter_records(filters), fmt, stream, header, cancelled,
                    (lambda n: progress(n, total)) if progress else None)
            if cancelled and cancelled():
                raise EdgeDeckError("Export cancelled; no file was written.")
            os.replace(tmp, path)
        except OSError as exc:
            raise EdgeDeckError(msg("Cannot write {path}: {strerror}.", path=path,
                                    strerror=exc.strerror)) from exc
        finally:
            if tmp.exists():
                tmp.unlink()
        self.trail.record(actor, "audit", "export", str(path), "success",
                          {"format": fmt, "records": written, "filters": filters.as_dict(),
                           "head_seq": header.head_seq, "verified": verification.ok})
        return ExportResult(str(path), fmt, written, verification.summary())

    # -- retention -------------------------------------------------------------------------

    def archive(self, actor: Actor, upto_seq: int, folder: Path | None = None,
                cancelled: CancelledFn | None = None) -> ArchiveResult:
        """Seal records up to `upto_seq` into a signed segment file, then drop them here.

        The segment is written into the data folder's audit-archive/ (verification relies on
        it being there); `folder`, e.g. a USB stick, gets a copy as well. Refused on a broken
        chain (the evidence stays where it is) and for the newest records.
        """
        self._guard.require(actor, Permission.DELETE_DATA, "audit_log")
        trail, conn = self.trail, self.trail._store.conn  # noqa: SLF001 - same package
        start = trail.archived_upto() + 1
        head = trail.head()
        if head is None or upto_seq < start:
            raise ValidationError(msg("Nothing to archive: records before #{start} are already "
                                      "archived.", start=start))
        if upto_seq >= head.seq:
            raise ValidationError(msg("Keep at least the newest record: archive up to #{seq} at "
                                      "most.", seq=head.seq - 1))
        verification = trail.verify(cancelled=cancelled)
        if not verification.ok:
            raise EdgeDeckError(msg("Refusing to archive: {verification}",
                                    verification=verification.summary()))
        if trail.key is None or trail.archive_dir is None:
            raise EdgeDeckError("Archiving needs the audit signing key and the data folder.")
        first = conn.execute("SELECT prev_hash FROM audit_log WHERE seq = ?", [start]
                             ).fetchone()[0]
        last_hash = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", [upto_seq]
                                 ).fetchone()[0]
        home = trail.archive_dir
        home.mkdir(parents=True, exist_ok=True)
        path = home / f"audit-{head.device_id[:8]}-{start:09d}-{upto_seq:09d}.jsonl"
        copy = Path(folder) / path.name if folder else None
        for target in (path, copy):
            if target is not None and target.exists():
                raise ValidationError(msg("{target} already exists; nothing was archived.",
                                          target=target))
        header = {
            "device_id": head.device_id, "first_seq": start, "last_seq": upto_seq,
            "first_prev_hash": first, "last_hash": last_hash,
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "created_by": actor.username, "key_id": trail.key.key_id,
            "signature": trail.key.sign(segment_statement(head.device_id, start, upto_seq,
                                                          first, last_hash)),
        }
        rows = conn.execute(f"SELECT {COLUMNS} FROM audit_log WHERE seq BETWEEN ? AND ? "
                            "ORDER BY seq", [start, upto_seq])
        count = write_segment(path, header, rows, cancelled)
        check = verify_segment(path, trail.key.public_pem(), first, head.device_id)
        if not check.ok:
            path.unlink()
            raise EdgeDeckError(msg("The written segment did not verify ({reason}); nothing was "
                                    "removed.", reason=check.reason))
        digest = file_sha256(path)
        if copy is not None:
            _copy_segment(path, copy)
        with trail.sealing(start, upto_seq), trail._store.transaction(  # noqa: SLF001
                immediate=True) as tx:
            tx.execute(
                "INSERT INTO audit_segments (first_seq, last_seq, first_prev_hash, last_hash,"
                " file_name, file_sha256, created_at, created_by) VALUES (?,?,?,?,?,?,?,?)",
                [start, upto_seq, first, last_hash, path.name, digest, header["created_at"],
                 actor.username])
            tx.execute("DELETE FROM audit_log WHERE seq <= ?", [upto_seq])
            trail.record(actor, "audit", "archive", path.name, "success",
                         {"first_seq": start, "last_seq": upto_seq, "records": count,
                          "sha256": digest, "copy": str(copy) if copy else None})
        trail.checkpoint()
        return ArchiveResult(str(path), start, upto_seq, count, digest,
                             str(copy) if copy else None)

    # -- anchors and receipts --------------------------------------------------------------

    def receipt(self, actor: Actor) -> tuple[Anchor, str]:
        """Sign the head and hand out its anchor, for someone the box cannot reach later.

        Refused while the trail does not verify: a receipt vouches for what is there now.
        """
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        self.trail.checkpoint()
        verification = self.trail.verify()
        if not verification.ok:
            raise EdgeDeckError(msg("No receipt for a trail that does not verify: {verification}",
                                    verification=verification.summary()))
        anchor = self.trail.newest_anchor()
        if anchor is None:
            raise EdgeDeckError("Nothing to vouch for yet: the audit trail has no signed "
                                "checkpoint.")
        self.trail.record(actor, "audit", "receipt", "audit_log", "success",
                          {"seq": anchor.seq, "hash": anchor.hash})
        return anchor, receipt_text(anchor, self._device_name())

    def anchor_problem(self, actor: Actor) -> str:
        """Why the anchor file does not match the database ("" when it does)."""
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        result = self.trail.verify()
        return result.reason if (not result.ok and "anchor file" in result.reason) else ""

    def accept_anchor(self, actor: Actor, reason: str) -> VerifyResult:
        """Admin: accept the current head after the anchor file was lost, rolled back or held.

        The anchor is never recreated over evidence of removal on its own; this is the one
        way, and the record of it (who, why, what the anchor said before) stays in the chain.
        """
        self._guard.require(actor, Permission.DELETE_DATA, ANCHOR_FILE)
        why = " ".join(str(reason or "").split())
        if len(why) < 10:
            raise ValidationError("Say why the anchor may be accepted (at least 10 characters, "
                                  "e.g. the incident or ticket number); nothing was changed.")
        before = self.trail.verify()
        if before.ok:
            raise ValidationError("The anchor file matches the audit trail; there is nothing "
                                  "to accept.")
        if "anchor file" not in before.reason:
            raise EdgeDeckError(msg("The audit trail itself is broken, not only its anchor: "
                                    "{before} Accepting the anchor would not repair that; nothing "
                                    "was changed.", before=before.summary()))
        self.trail.record(actor, "audit", "accept_anchor", ANCHOR_FILE, "success",
                          {"reason": why[:500], "problem": before.reason,
                           "anchor_before": self.trail.read_anchor()})
        self.trail.checkpoint(force_anchor=True)
        return self.trail.verify()

    def verify_archive(self, actor: Actor, folder: Path | None = None,
                       public_key_pem: bytes | None = None) -> list[str]:
        """Check every sealed segment file the database lists; one line per segment."""
        self._guard.require(actor, Permission.VIEW_AUDIT, "audit_log")
        folder = Path(folder) if folder else (self.trail.archive_dir or Path("audit-archive"))
        key = public_key_pem or (self.trail.key.public_pem() if self.trail.key else None)
        lines = []
        rows = self.trail._store.conn.execute(  # noqa: SLF001
            "SELECT first_prev_hash, file_name, file_sha256 FROM audit_segments ORDER BY "
            "first_seq").fetchall()
        for prev, name, digest in rows:
            path = folder / name
            if not path.exists():
                lines.append(f"{name}: MISSING from {folder}")
                continue
            if file_sha256(path) != digest:
                lines.append(f"{name}: BROKEN — the file's SHA-256 differs from the one "
                             "recorded when it was sealed")
                continue
            lines.append(verify_segment(path, key, prev).summary())
        return lines
