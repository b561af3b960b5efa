"""A restore's write-ahead intent, so a kill at any step leaves a folder the next start mends.

Before its first rename a restore writes ``restore-journal.json`` (fsynced, then renamed into
place) listing every planned move: the data folder's entries into ``safety-copies/<time>/``
("out"), then the backup's entries from the staging folder into the data folder ("in"). Each
move is one atomic rename on one file system, and the journal's `state` says which side of the
swap the folder is on ("moving-out", then "moving-in" once every entry is out, "done" once the
restored database recorded the restore), so every step can be replayed harmlessly.

Recovery (at the start of every opening of the folder that may write, under the exclusive
folder lock) decides: once every incoming entry is in place, roll forward — record the restore
in the restored database; before that, or when the restored database cannot be used, roll
back — every entry back where it was, recorded in the old database. An ordinary error during a
restore rolls back the same way, at once. Each audit record carries the journal's id and phase,
so a recovery interrupted after writing one does not write it twice. The database's -wal/-shm
always travel with the database beside them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.auth.identity import Actor
from app.config.meta import ApplianceMeta
from app.errors import DiskFullError, EdgeDeckError, StoreError, is_disk_full
from app.files import fsync_dir
from app.paths import DB_FILENAME, DB_SIDECARS, SAFETY_DIRNAME, journal_path
from app.system.processes import process_gone

log = logging.getLogger(__name__)

JOURNAL_VERSION = 1
STATES = ("moving-out", "moving-in", "done")
STAGING_PREFIX = ".restore-"
INCOMING = "data"
KEYS_DIR = "keys"
ANCHOR = "audit-anchor.json"
# This process's restores in flight: its own pid alone cannot tell them from a crashed one.
_ACTIVE: set[str] = set()


class JournalError(StoreError):
    """The journal cannot be read, or the folder does not match it: a person must look."""


@dataclass
class RestoreJournal:
    id: str
    started_at: str
    backup: str
    actor: dict[str, str]
    staging: str  # a top-level `.restore-*` folder; the backup's entries are in its data/
    safety: str  # the name of the safety copy under safety-copies/
    move_out: list[str]
    move_in: list[str]
    includes_keys: bool
    created_safety_root: bool
    details: dict[str, Any] = field(default_factory=dict)
    state: str = "moving-out"
    direction: str = "forward"
    owner_pid: int = field(default_factory=os.getpid)
    version: int = JOURNAL_VERSION

    # -- where things are ------------------------------------------------------------------

    def incoming(self, folder: Path) -> Path:
        return folder / self.staging / INCOMING

    def safety_path(self, folder: Path) -> Path:
        return folder / SAFETY_DIRNAME / self.safety

    def who(self) -> str:
        return self.actor.get("username", "?")

    # -- (de)serialising -------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> RestoreJournal:
        value = json.loads(raw.decode("utf-8"))
        if not isinstance(value, dict) or int(value.get("version", 0)) != JOURNAL_VERSION:
            raise ValueError("unknown journal format")
        journal = cls(**{k: value[k] for k in cls.__dataclass_fields__ if k in value})
        if not (isinstance(journal.move_out, list) and isinstance(journal.move_in, list)
                and isinstance(journal.actor, dict) and isinstance(journal.details, dict)
                and isinstance(journal.owner_pid, int) and isinstance(journal.backup, str)):
            raise ValueError("a field has the wrong type")
        names = [journal.staging, journal.safety, *journal.move_out, *journal.move_in]
        if not all(isinstance(n, str) and _simple(n) for n in names):
            raise ValueError("a name in it is not a plain file name")
        if not journal.staging.startswith(STAGING_PREFIX) or journal.state not in STATES or (
                journal.direction not in ("forward", "back")):
            raise ValueError("its staging folder or state is not one a restore writes")
        return journal


def _simple(name: str) -> bool:
    return bool(name) and name not in (".", "..") and not any(c in name for c in "/\\\0")


def _lexists(path: Path) -> bool:
    return os.path.lexists(path)


# -- the journal file ------------------------------------------------------------------------


def write(folder: Path, journal: RestoreJournal) -> None:
    """Atomically and durably: written beside, fsynced, renamed, the folder fsynced."""
    path = journal_path(folder)
    tmp = folder / f"{STAGING_PREFIX}journal-{os.getpid()}-{journal.id}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(journal.to_bytes())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(folder)


def read(folder: Path) -> RestoreJournal | None:
    path = journal_path(folder)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise JournalError(unreadable_message(folder, str(exc))) from exc
    try:
        return RestoreJournal.from_bytes(raw)
    except (ValueError, TypeError, KeyError) as exc:
        raise JournalError(unreadable_message(folder, str(exc))) from exc


def unreadable_message(folder: Path, why: str) -> str:
    return (f"The restore journal {journal_path(folder)} is unreadable ({why}), so EdgeDeck "
            "cannot tell how far the interrupted restore got. Nothing was changed: compare the "
            f"data folder with the newest copy in {folder / SAFETY_DIRNAME} by hand, then move "
            "the journal out of the folder.")


def owner_gone(folder: Path, journal: RestoreJournal) -> bool:
    try:
        touched = journal_path(folder).stat().st_mtime
    except OSError:
        return True
    if journal.owner_pid == os.getpid():
        return journal.id not in _ACTIVE
    return process_gone(journal.owner_pid, touched)


@contextlib.contextmanager
def active(journal: RestoreJournal):  # noqa: ANN201 - a context manager
    """Marks a restore of this process as in flight (for `owner_gone`)."""
    _ACTIVE.add(journal.id)
    try:
        yield
    finally:
        _ACTIVE.discard(journal.id)


def pending_message(folder: Path) -> str:
    try:
        journal = read(folder)
    except JournalError:
        journal = None
    what = (f" (of {journal.backup}, started {journal.started_at} by {journal.who()})"
            if journal else "")
    return (f"The data folder {folder} holds an unfinished restore{what}. This command only "
            "reads, so it changed nothing: start EdgeDeck (the console, or any command that "
            "changes data) to complete or undo the restore, then run it again.")


# -- the moves -------------------------------------------------------------------------------


def _move(src: Path, dst: Path) -> None:
    os.replace(src, dst)


def _sidecars(name: str) -> list[str]:
    return [name + s for s in DB_SIDECARS] if name == DB_FILENAME else []


def move_out(folder: Path, journal: RestoreJournal) -> None:
    """Every listed entry into the safety copy; then the journal says "moving-in"."""
    if journal.state != "moving-out":
        return
    safety = journal.safety_path(folder)
    safety.mkdir(parents=True, exist_ok=True)
    for name in journal.move_out:
        src, dst = folder / name, safety / name
        if _lexists(src):
            if _lexists(dst):
                raise JournalError(f"{name} is both in the data folder and in the safety copy "
                                   f"{safety}; the restore stopped there. Nothing was deleted.")
            _move(src, dst)
    fsync_dir(safety)
    fsync_dir(folder)
    journal.state = "moving-in"
    write(folder, journal)


def move_in(folder: Path, journal: RestoreJournal) -> None:
    """Every entry of the backup from the staging folder into the data folder."""
    if journal.state != "moving-in":
        return
    incoming = journal.incoming(folder)
    for name in journal.move_in:
        src, dst = incoming / name, folder / name
        if _lexists(src):
            if _lexists(dst):
                raise JournalError(f"{dst} appeared during the restore; the restore stopped "
                                   "there. Nothing was deleted.")
            _move(src, dst)
    fsync_dir(folder)


def all_in_place(folder: Path, journal: RestoreJournal) -> bool:
    incoming = journal.incoming(folder)
    return journal.state in ("moving-in", "done") and all(
        not _lexists(incoming / n) and _lexists(folder / n) for n in journal.move_in)


def roll_back(folder: Path, journal: RestoreJournal) -> None:
    """Every entry back where it was before the restore (idempotent, resumable)."""
    if journal.direction != "back":
        journal.direction = "back"
        write(folder, journal)
    if journal.state in ("moving-in", "done"):
        # Every listed name in the folder is the backup's (the old ones all went out first);
        # the restored database's -wal/-shm go with it.
        incoming = journal.incoming(folder)
        for name in reversed(journal.move_in):
            for entry in [name, *_sidecars(name)]:
                if _lexists(folder / entry):
                    incoming.mkdir(parents=True, exist_ok=True)
                    _move(folder / entry, incoming / entry)
        fsync_dir(folder)
        journal.state = "moving-out"
        write(folder, journal)
    safety = journal.safety_path(folder)
    for name in reversed(journal.move_out):
        src, dst = safety / name, folder / name
        if _lexists(src):
            if _lexists(dst):
                raise JournalError(f"{name} is both in the data folder and in the safety copy "
                                   f"{safety}: the restore could not be undone. Nothing was "
                                   "deleted; keep the one you trust and start again.")
            _move(src, dst)
    fsync_dir(folder)
    with contextlib.suppress(OSError):
        safety.rmdir()
    if journal.created_safety_root:
        with contextlib.suppress(OSError):
            (folder / SAFETY_DIRNAME).rmdir()


def finish(folder: Path, journal: RestoreJournal) -> None:
    """The journal's work is over: its staging folder goes, then the journal."""
    staging = folder / journal.staging
    if staging.is_dir() and not staging.is_symlink():
        shutil.rmtree(staging, ignore_errors=True)
    with contextlib.suppress(FileNotFoundError):
        journal_path(folder).unlink()
    fsync_dir(folder)


# -- the audit records -----------------------------------------------------------------------


def record_in(folder: Path, actor: Actor, backup: str, outcome: str, details: dict[str, Any],
              verify: bool = False) -> Any:  # noqa: ANN401 - VerifyResult or None
    """Append to whatever database is now in the folder (migrating an older one); skipped when
    its newest record already is the same restore's same phase (`restore_id`, `phase` in
    `details`): replaying a step must not write it twice. Returns the verification when asked.
    """
    from app.audit.signing import DeviceKey
    from app.audit.trail import ANCHOR_FILE, AuditTrail
    from app.paths import database_path
    from app.store import open_store

    store = open_store(database_path(folder))
    try:
        trail = AuditTrail(store, ApplianceMeta(store).device_id,
                           DeviceKey.load_or_create(folder / KEYS_DIR),
                           anchor_path=folder / ANCHOR_FILE)
        head = trail.head()
        done = (head is not None and "restore_id" in details
                and head.details_dict.get("restore_id") == details["restore_id"]
                and head.details_dict.get("phase") == details.get("phase"))
        if not done:
            trail.record(actor, "backup", "restore", backup, outcome, details)
        trail.checkpoint()
        return trail.verify() if verify else None
    finally:
        store.close()


def record(folder: Path, journal: RestoreJournal, actor: Actor, phase: str, outcome: str,
           details: dict[str, Any], verify: bool = False) -> Any:  # noqa: ANN401
    """record_in() for one phase of this journal's restore."""
    return record_in(folder, actor, journal.backup, outcome,
                     {**details, "restore_id": journal.id, "phase": phase}, verify)


def restored_details(folder: Path, journal: RestoreJournal) -> dict[str, Any]:
    return {**journal.details, "safety_copy": str(journal.safety_path(folder)),
            "restored": list(journal.move_in), "started_by": journal.who(),
            "started_at": journal.started_at}


# -- recovery --------------------------------------------------------------------------------


def recover(folder: Path) -> str | None:
    """Complete or undo an interrupted restore; the note for the person starting EdgeDeck
    (None when there was nothing to do). The caller holds the exclusive folder lock."""
    journal = read(folder)
    if journal is None:
        return None
    actor = Actor.system("recovery")
    where = f"{journal.backup} (started {journal.started_at} by {journal.who()})"
    try:
        if journal.state == "done" and journal.direction == "forward":
            finish(folder, journal)
            log.warning("removed the work files of the finished restore %s", journal.id)
            return (f"A restore of {where} had finished; its work files were removed at "
                    "start-up.")
        if journal.direction == "forward" and all_in_place(folder, journal):
            try:
                if journal.includes_keys and os.name == "posix":
                    os.chmod(folder / KEYS_DIR, 0o700)
                result = record(folder, journal, actor, "restored", "success", {
                    **restored_details(folder, journal), "stage": "completed at start-up after an "
                    "interruption"}, verify=True)
            except (EdgeDeckError, OSError, ValueError) as exc:
                if is_disk_full(exc):
                    raise
                log.error("the restored database of %s cannot be used (%s): undoing",
                          journal.id, exc)
                return _undo(folder, journal, actor, where, f"the restored database could not "
                             f"be used ({exc})")
            journal.state = "done"
            write(folder, journal)
            finish(folder, journal)
            log.warning("completed the interrupted restore %s of %s", journal.id,
                        journal.backup)
            return (f"An interrupted restore of {where} was completed at start-up: every file "
                    "of the backup was already in place. The previous data is in "
                    f"{journal.safety_path(folder)}. {result.summary()}")
        return _undo(folder, journal, actor, where, "")
    except EdgeDeckError:
        raise
    except Exception as exc:
        if is_disk_full(exc):
            raise DiskFullError(folder, what="finishing an interrupted restore") from exc
        raise StoreError(
            f"An interrupted restore of {where} could not be completed or undone ({exc}). The "
            f"restore journal {journal_path(folder)} is kept, so the next start tries again; "
            "fix the cause (space, permissions) first.") from exc


def _undo(folder: Path, journal: RestoreJournal, actor: Actor, where: str, why: str) -> str:
    roll_back(folder, journal)
    unaudited = ""
    try:
        record(folder, journal, actor, "undone", "failure", {
            **journal.details, "reason": why or "interrupted", "rolled_back": True,
            "started_by": journal.who(), "stage": "interrupted; undone at start-up"})
    except (EdgeDeckError, OSError) as exc:  # the data is back: an audit failure must not
        log.error("could not audit undoing the restore %s: %s", journal.id, exc)  # brick it
        unaudited = f" (the audit record of this could not be written: {exc})"
    finish(folder, journal)
    log.warning("undid the interrupted restore %s of %s", journal.id, journal.backup)
    because = f" because {why}" if why else ""
    return (f"An interrupted restore of {where} was undone at start-up{because}: the data is "
            f"as it was before the restore{unaudited}. Run the restore again if it is still "
            "wanted.")
