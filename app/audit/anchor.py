"""The anchor: the newest signed checkpoint, kept outside the database, and receipts of it.

The database alone cannot prove it was not cut short or swapped for an older copy; the anchor
file beside it can, as long as it moves only forwards. It is written in two steps so a power
cut never makes an honest box look tampered with: the new anchor goes to
`audit-anchor.json.pending` (fsynced) before the checkpoint's transaction commits, and is
renamed over the anchor after. A pending file that matches the database's newest checkpoint
finishes an interrupted update; one ahead of the database is a transaction that never
committed and is ignored.

A receipt is the same signed statement handed to someone the box cannot reach afterwards (an
auditor's pinned copy, a syslog server): verification against a receipt detects a rollback
even by someone who holds the data folder and its key.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.audit.signing import checkpoint_statement, verify_signature
from app.errors import ValidationError
from app.files import fsync_dir

try:
    import fcntl
except ImportError:  # Windows: one process writes at a time there in practice
    fcntl = None  # type: ignore[assignment]

ANCHOR_FILE = "audit-anchor.json"
PENDING_SUFFIX = ".pending"
RECEIPT_TYPE = "edgedeck.audit.receipt"


@dataclass(frozen=True)
class Anchor:
    """A signed checkpoint as it travels outside the database."""

    device_id: str
    seq: int
    hash: str
    ts: str
    key_id: str
    signature: str
    prev_seq: int | None = None

    @classmethod
    def from_dict(cls, value: Any) -> Anchor:  # noqa: ANN401 - parsed JSON
        if not isinstance(value, dict):
            raise ValidationError("not a JSON object")
        try:
            prev = value.get("prev_seq")
            anchor = cls(str(value["device_id"]), int(value["seq"]), str(value["hash"]),
                         str(value["ts"]), str(value.get("key_id", "")),
                         str(value["signature"]), None if prev is None else int(prev))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError(f"a field is missing or malformed ({exc})") from None
        if anchor.seq < 1:
            raise ValidationError("its record number is not positive")
        return anchor

    def as_dict(self) -> dict[str, Any]:
        data = {"device_id": self.device_id, "seq": self.seq, "hash": self.hash,
                "ts": self.ts, "key_id": self.key_id, "signature": self.signature}
        if self.prev_seq is not None:
            data["prev_seq"] = self.prev_seq
        return data

    def statement(self) -> bytes:
        return checkpoint_statement(self.device_id, self.seq, self.hash, self.ts,
                                    self.prev_seq)

    def signature_ok(self, public_key: Any) -> bool:  # noqa: ANN401 - Ed25519PublicKey
        return verify_signature(public_key, self.statement(), self.signature)


@dataclass(frozen=True)
class AnchorState:
    """What is on disk: the anchor, a pending update, and whether the anchor was readable."""

    anchor: Anchor | None
    pending: Anchor | None
    exists: bool
    problem: str = ""  # set when the anchor file exists but cannot be used


def _load(path: Path) -> tuple[Anchor | None, str]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, ""
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot be read ({exc})"
    try:
        return Anchor.from_dict(json.loads(raw)), ""
    except (ValueError, ValidationError) as exc:
        return None, f"is not a valid anchor ({exc})"


class AnchorFile:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.pending_path = self.path.with_name(self.path.name + PENDING_SUFFIX)

    def state(self) -> AnchorState:
        anchor, problem = _load(self.path)
        pending, _ = _load(self.pending_path)
        return AnchorState(anchor, pending, self.path.exists(), problem)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Serialise stage-and-commit across threads and processes (the console, the CLI and
        the service all checkpoint), so one never renames the other's uncommitted anchor."""
        try:
            fd = os.open(self.path.with_name(self.path.name + ".lock"),
                         os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            yield
            return
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def write_pending(self, anchor: Anchor) -> None:
        """Durably stage the next anchor; call before the checkpoint's transaction commits."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps(anchor.as_dict(), indent=2))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.pending_path)

    def commit_pending(self) -> bool:
        """Move the staged anchor into place (after the commit); False when none is staged."""
        try:
            os.replace(self.pending_path, self.path)
        except FileNotFoundError:
            return False
        fsync_dir(self.path.parent)
        return True

    def discard_pending(self) -> None:
        try:
            self.pending_path.unlink()
        except FileNotFoundError:
            pass

    def write(self, anchor: Anchor) -> None:
        self.write_pending(anchor)
        self.commit_pending()


# -- receipts --------------------------------------------------------------------------------


def receipt_dict(anchor: Anchor, device_name: str, issued_by: str) -> dict[str, Any]:
    return {"type": RECEIPT_TYPE, "device_name": device_name, "issued_by": issued_by,
            **anchor.as_dict()}


def receipt_text(anchor: Anchor, device_name: str) -> str:
    """The receipt as a person prints it or copies it into a ticket."""
    lines = [
        "EdgeDeck audit receipt",
        f"device     {device_name} ({anchor.device_id})",
        f"record     #{anchor.seq} at {anchor.ts}",
        f"hash       {anchor.hash}",
        f"key        {anchor.key_id}",
    ]
    if anchor.prev_seq is not None:
        lines.append(f"previous   #{anchor.prev_seq}")
    lines += [
        f"signature  {anchor.signature}",
        "Check later: edgedeck audit verify --pinned-anchor RECEIPT.json --public-key KEY.pem",
    ]
    return "\n".join(lines)


def read_receipt(path: Path) -> Anchor:
    """A receipt or an anchor file an auditor pinned earlier."""
    try:
        value = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValidationError(f"Cannot read the pinned anchor {path}: {exc.strerror}.") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(f"The pinned anchor {path} is not JSON ({exc}).") from exc
    try:
        return Anchor.from_dict(value)
    except ValidationError as exc:
        raise ValidationError(f"The pinned anchor {path} is not an EdgeDeck audit receipt: "
                              f"{exc}.") from None


def anchor_json_from_database(path: Path, device_id: str) -> bytes | None:
    """The anchor file for the newest checkpoint inside a database copy (a backup's own
    anchor, made from the copy so the pair always matches); None when nothing is signed."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(audit_checkpoints)")}
        prev = "prev_seq" if "prev_seq" in columns else "NULL"
        row = conn.execute(f"SELECT seq, hash, ts, key_id, signature, {prev} FROM "
                           "audit_checkpoints ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    if row is None:
        return None
    anchor = Anchor(device_id, int(row[0]), row[1], row[2], row[3], row[4],
                    None if row[5] is None else int(row[5]))
    return json.dumps(anchor.as_dict(), indent=2).encode("utf-8")
