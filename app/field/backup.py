"""Backup, verification and restore of the whole data folder.

What a backup holds (one zip; `.enc` when encrypted with app.field.crypto):

* ``data/edgedeck.db``: a consistent online copy made with SQLite's backup API (never a copy of
  the live file, which may be mid-write and has a WAL beside it);
* ``data/audit-anchor.json``: regenerated from the copy's newest signed checkpoint, so the pair
  always matches (copying the live anchor could race with new records);
* everything else the data folder keeps: ``models/``, ``audit-archive/``, later capabilities'
  folders (knowledge files, ...), ``ui.ini``, and ``keys/`` (the audit signing key) — but
  ``keys/`` only in an encrypted backup: an unencrypted one must be asked for with
  ``include_keys=False`` (a lost stick must not hand out the key that makes the audit trail
  tamper-evident). Never included: ``logs/`` (they belong to this box's history and are in the
  diagnostics bundle), ``safety-copies/`` and temporary files;
* ``manifest.json``: SHA-256 and size of every member, schema version, device id and name,
  created at/by, EdgeDeck version.

Roles: making a backup needs RUN_DIAGNOSTICS (technician and above): the technician with the
USB stick is the one who makes it, and reading the data is what diagnostics already allow.
Restoring needs DELETE_DATA (admin): it replaces every record on the box, the audit trail
included. Both are audited: the backup in the current database, the restore twice — in the
database being replaced (which then lives on in the safety copy) and in the restored one.

The manifest's checksums catch damage (bad sticks, truncated copies); only encryption's
authentication tags also catch deliberate edits, since anyone can recompute a SHA-256.

A restore is crash-safe: its moves follow a journal written before the first rename, and a
restore killed at any step is completed or undone by the next start (app.field.restore_journal).
Leftovers of killed backups and restores are removed by the next run (app.system.data_folder).

After `restore()` the AppContext it was given is CLOSED (its database now lives in the safety
copy): the caller must stop anything using it (sampler, workers) before, and open a new
AppContext afterwards. `RestoreResult.needs_reopen` says so, and this service refuses further
calls.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import secrets
import shutil
import sqlite3
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

import app
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.clock import utc_now
from app.config.meta import read_meta_from
from app.errors import (
    DiskFullError,
    EdgeDeckError,
    SchemaTooNewError,
    StoreError,
    ValidationError,
    is_disk_full,
)
from app.field import restore_journal
from app.field.crypto import (
    SUFFIX,
    CancelledFn,
    OperationCancelled,
    ProgressFn,
    check_passphrase,
    decrypt_file,
    destination_error,
    encrypt_file,
    is_encrypted,
)
from app.field.diagnostics import check_destination
from app.files import file_sha256
from app.paths import (
    DB_FILENAME,
    DB_SIDECARS,
    JOURNAL_FILENAME,
    LOCK_FILENAME,
    SAFETY_DIRNAME,
    journal_path,
)
from app.system import data_folder, processes
from app.system.folder_lock import lock_exclusively

log = logging.getLogger(__name__)

FORMAT = "edgedeck-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PREFIX = "data/"
KEYS_DIR = "keys"
ANCHOR = "audit-anchor.json"
SAFETY_DIR = SAFETY_DIRNAME
SIDECARS = tuple(DB_FILENAME + s for s in DB_SIDECARS)
# Top-level names of the data folder a backup neither carries nor a restore replaces.
NOT_DATA = frozenset({"logs", SAFETY_DIR, LOCK_FILENAME, JOURNAL_FILENAME, *SIDECARS})
# What a restore leaves in place (everything else moves to the safety copy, the database's
# -wal/-shm included: a restored file must never meet the old one's write-ahead log).
KEEP_ON_RESTORE = frozenset({"logs", SAFETY_DIR, LOCK_FILENAME, JOURNAL_FILENAME})
# Bounds on what an archive may make a restore or verification do (a zip bomb, a manifest of
# millions of entries): members are counted, and each stops at the size its manifest lists.
MAX_MEMBERS = 200_000
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
# Work folders of other services (the model registry's half-done imports and deletions): never
# carried, since their content is either not yet or no longer part of the data.
WORK_DIRS = frozenset({".staging", ".trash"})
STORED_SUFFIXES = (".onnx", ".engine", ".plan", ".bin", ".safetensors", ".zip", ".gz", ".xz",
                   ".zst", ".png", ".jpg", ".jpeg", ".pdf", ".docx", ".enc")
COPY_BLOCK = 1024 * 1024
BACKUP_PAGES = 4096


class BackupRejected(EdgeDeckError):
    """The archive is damaged, does not match its manifest, or holds what a restore must never
    write (traversal, links); nothing was changed."""


@dataclass(frozen=True)
class BackupResult:
    path: str
    size: int
    sha256: str
    files: int
    encrypted: bool
    includes_keys: bool
    schema_version: int
    device_id: str
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "warnings": list(self.warnings)}


@dataclass(frozen=True)
class BackupInfo:
    """What a verified backup holds (nothing of the data folder was touched to learn it)."""

    path: str
    encrypted: bool
    created_at: str
    created_by: str
    device_id: str
    device_name: str
    schema_version: int
    edgedeck_version: str
    files: int
    total_bytes: int
    includes_keys: bool
    same_device: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def summary(self) -> str:
        where = {True: "this device", False: "ANOTHER device", None: "device"}[self.same_device]
        return (f"Backup intact: {self.files} files, {self.total_bytes / 1024**2:.1f} MiB, "
                f"schema {self.schema_version}, made {self.created_at} by {self.created_by} "
                f"on {where} {self.device_name!r} ({self.device_id})"
                f"{', encrypted' if self.encrypted else ''}"
                f"{', with signing key' if self.includes_keys else ', without signing key'}.")


@dataclass(frozen=True)
class RestoreResult:
    backup: str
    restored: tuple[str, ...]
    safety_copy: str
    device_id: str
    schema_version: int
    audit_verification: str
    warnings: tuple[str, ...] = ()
    needs_reopen: bool = True  # the AppContext given to restore() is closed

    def as_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "restored": list(self.restored),
                "warnings": list(self.warnings)}


@dataclass
class _DbFacts:
    schema_version: int
    device_id: str
    device_name: str
    integrity: str


@dataclass
class _Checked:
    manifest: dict[str, Any]
    db: _DbFacts
    total_bytes: int
    files: int
    includes_keys: bool
    extracted: list[str] = field(default_factory=list)


class _Progress:
    """Byte progress across phases (archive, encrypt, verify) as one bar."""

    def __init__(self, callback: ProgressFn | None, total: int) -> None:
        self.callback, self.total, self.base = callback, max(total, 1), 0

    def phase(self, size: int) -> ProgressFn:
        base = self.base
        self.base += size

        def report(done: int, _total: int) -> None:
            if self.callback:
                self.callback(min(base + done, self.total), self.total)
        return report


def _is_temp(name: str) -> bool:
    return data_folder.is_temp_name(name)


def _check_cancel(cancelled: CancelledFn | None, what: str) -> None:
    if cancelled and cancelled():
        raise OperationCancelled(f"{what} cancelled; nothing was changed.")


# -- reading a database copy ---------------------------------------------------------------


def _inspect_db(path: Path) -> _DbFacts:
    """Schema version, device identity and integrity of a database copy, read-only."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"The backup's database cannot be opened: {exc}.") from exc
    try:
        integrity = str(conn.execute("PRAGMA quick_check").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "schema_migrations" not in tables or "meta" not in tables:
            raise ValidationError("The backup's database is not an EdgeDeck database.")
        version = int(conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
                      or 0)
        meta = read_meta_from(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"The backup's database is damaged ({exc}).") from exc
    finally:
        conn.close()
    return _DbFacts(version, meta.get("device_id", ""), meta.get("device_name", ""), integrity)


def _anchor_from(path: Path, device_id: str) -> bytes | None:
    """The anchor file as AuditTrail writes it, for the newest checkpoint inside the copy."""
    from app.audit.anchor import anchor_json_from_database

    return anchor_json_from_database(path, device_id)


# -- member names --------------------------------------------------------------------------


def safe_member(name: str) -> str:
    """The data-folder-relative path of a member, or ValidationError for anything that could
    land outside the folder or where a restore must not write (traversal, absolute paths,
    drive letters, backslashes, logs/safety copies, temporary names)."""
    bad = BackupRejected(f"The backup contains an unsafe member name {name!r}; it was refused "
                          "and nothing was changed.")
    if not name.startswith(PREFIX) or "\\" in name or "\x00" in name:
        raise bad
    relative = name[len(PREFIX):]
    parts = relative.split("/")
    if not relative or any(p in ("", ".", "..") for p in parts) or ":" in parts[0]:
        raise bad
    if PurePosixPath(relative).is_absolute() or parts[0] in NOT_DATA or _is_temp(parts[0]):
        raise bad
    return relative


def _member_kind(info: zipfile.ZipInfo) -> str:
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0: no Unix type recorded (writestr, DOS)
    if kind == stat.S_IFLNK:
        return "link"
    if info.is_dir() or kind == stat.S_IFDIR:
        return "dir"
    if kind in (0, stat.S_IFREG):
        return "file"
    return "special"


# -- checking an archive -------------------------------------------------------------------


def _read_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, refusing it once it expands past `limit` (whatever its header says)."""
    with zf.open(info) as source:
        data = source.read(limit + 1)
    if len(data) > limit:
        raise BackupRejected(f"{info.filename} in the backup is larger than "
                             f"{limit // 1024**2} MiB; refused and nothing was changed.")
    return data


def _read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise ValidationError("This is not an EdgeDeck backup (no manifest.json).") from None
    try:
        manifest = json.loads(_read_bounded(zf, info, MAX_MANIFEST_BYTES))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupRejected(f"The backup's manifest is damaged ({exc}); nothing was "
                             "changed.") from exc
    except ValueError as exc:
        raise ValidationError(f"The backup's manifest is unreadable ({exc}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationError("This is not an EdgeDeck backup (wrong manifest format).")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise ValidationError("This backup was written in a newer format: use a newer "
                              "EdgeDeck to restore it.")
    if not isinstance(manifest.get("files"), list):
        raise ValidationError("The backup's manifest lists no files.")
    if len(manifest["files"]) > MAX_MEMBERS:
        raise BackupRejected(f"The backup lists more than {MAX_MEMBERS} files; refused and "
                             "nothing was changed.")
    return manifest


def _check_archive(zip_path: Path, extract_to: Path | None, scratch: Path,
                   progress: ProgressFn | None, cancelled: CancelledFn | None) -> _Checked:
    """Check every member against the manifest; extract them all (restore) or only the
    database (verify) — the database must be opened to know its schema and device."""
    from app.store.migrations import latest_version

    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError(f"The backup is not a readable archive ({exc}).") from exc
    with zf:
        if len(zf.infolist()) > MAX_MEMBERS + 1:
            raise BackupRejected(f"The backup holds more than {MAX_MEMBERS} members; refused "
                                 "and nothing was changed.")
        manifest = _read_manifest(zf)
        listed: dict[str, dict[str, Any]] = {}
        for entry in manifest["files"]:
            path = entry.get("path") if isinstance(entry, dict) else None
            if not isinstance(path, str) or path in listed:
                raise ValidationError("The backup's manifest is malformed (missing or repeated "
                                      "path).")
            size = entry.get("size")
            if isinstance(size, bool) or not isinstance(size, int) or size < 0 or (
                    not isinstance(entry.get("sha256"), str)):
                raise ValidationError(f"The backup's manifest is malformed (no size or "
                                      f"checksum for {path}).")
            safe_member(path)
            listed[path] = entry
        members: dict[str, zipfile.ZipInfo] = {}
        for info in zf.infolist():
            kind = _member_kind(info)
            if kind in ("link", "special"):
                what = "symbolic link" if kind == "link" else "special file"
                raise BackupRejected(f"The backup contains a {what} ({info.filename}); it "
                                      "was refused and nothing was changed.")
            if info.filename == MANIFEST:
                continue
            safe_member(info.filename.rstrip("/") if kind == "dir" else info.filename)
            if kind == "dir":
                continue
            if info.filename in members:
                raise BackupRejected(f"The backup holds {info.filename} twice; refused.")
            members[info.filename] = info
        unlisted = sorted(set(members) - set(listed))
        missing = sorted(set(listed) - set(members))
        if unlisted or missing:
            raise BackupRejected(
                "The backup does not match its manifest: "
                + (f"missing {', '.join(missing[:5])}" if missing else "")
                + ("; " if missing and unlisted else "")
                + (f"not listed {', '.join(unlisted[:5])}" if unlisted else "")
                + ". Nothing was changed.")
        db_member = PREFIX + DB_FILENAME
        if db_member not in members:
            raise ValidationError("The backup holds no database; nothing was changed.")
        total = sum(int(listed[m]["size"]) for m in members)
        if extract_to is not None:
            free = shutil.disk_usage(extract_to.parent).free
            if free < total:
                raise DiskFullError(extract_to.parent, total, "restoring the backup (nothing "
                                    "was changed)")
        done = 0
        extracted: list[str] = []
        # The database first: a too-new schema or another device is refused before the rest.
        for name in sorted(members, key=lambda n: (n != db_member, n)):
            _check_cancel(cancelled, "Checking the backup")
            relative = safe_member(name)
            if extract_to is not None:
                target = extract_to / relative
            elif name == db_member:
                target = scratch / DB_FILENAME
            else:
                target = None
            digest, size = _copy_member(zf, members[name], target, extract_to or scratch,
                                        relative.startswith(KEYS_DIR + "/"),
                                        int(listed[name]["size"]))
            if digest != listed[name].get("sha256") or size != listed[name].get("size"):
                raise BackupRejected(f"{name} in the backup does not match its checksum (the "
                                      "archive is damaged); nothing was changed.")
            if target is not None:
                extracted.append(relative)
            if name == db_member:
                facts = _inspect_db(target)  # type: ignore[arg-type]
                newest = latest_version()
                if facts.schema_version > newest:
                    raise SchemaTooNewError(
                        f"The backup's database has schema version {facts.schema_version}, "
                        f"newer than this EdgeDeck understands ({newest}): restore it with a "
                        "newer EdgeDeck. Nothing was changed.")
                if facts.integrity != "ok":
                    raise BackupRejected(f"The backup's database fails its integrity check "
                                          f"({facts.integrity}); nothing was changed.")
                if facts.schema_version != manifest.get("schema_version") or (
                        facts.device_id != manifest.get("device_id")):
                    raise BackupRejected("The backup's manifest does not describe its "
                                          "database (schema or device differ); refused.")
            done += size
            if progress:
                progress(done, total)
        includes_keys = any(m.startswith(PREFIX + KEYS_DIR + "/") for m in members)
        return _Checked(manifest, facts, total, len(members), includes_keys, extracted)


def _copy_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path | None,
                 root: Path, secret: bool, listed_size: int) -> tuple[str, int]:
    """Stream one member through SHA-256, into `target` when given (never following links,
    fsynced: it may be renamed into the data folder next). Stops one byte past the size the
    manifest lists: a member that expands further is refused, whatever its header claims."""
    digest, size = hashlib.sha256(), 0
    if info.file_size != listed_size:
        raise BackupRejected(f"{info.filename} in the backup does not match its checksum "
                             "and size (the archive is damaged); nothing was changed.")
    out = None
    if target is not None:
        if not target.resolve().is_relative_to(root.resolve()):
            raise BackupRejected(f"{info.filename} would be written outside the data folder; "
                                  "refused.")
        target.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(
            os, "O_BINARY", 0)
        out = os.fdopen(os.open(target, flags, 0o600 if secret else 0o666), "wb")
    try:
        with zf.open(info) as source:
            while True:
                block = source.read(min(COPY_BLOCK, listed_size + 1 - size))
                if not block:
                    break
                digest.update(block)
                size += len(block)
                if size > listed_size:
                    raise BackupRejected(f"{info.filename} in the backup expands beyond the "
                                         f"{listed_size} bytes its manifest lists; refused "
                                         "and nothing was changed.")
                if out is not None:
                    out.write(block)
            if out is not None:
                out.flush()
                os.fsync(out.fileno())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        if isinstance(exc, OSError) and is_disk_full(exc):
            raise DiskFullError(target or root, listed_size, "restoring the backup (nothing "
                                "was changed)") from exc
        if isinstance(exc, OSError) and out is not None and exc.errno is not None:
            raise destination_error(exc, target) from exc  # type: ignore[arg-type]
        raise BackupRejected(f"{info.filename} in the backup is damaged ({exc}); nothing was "
                              "changed.") from exc
    finally:
        if out is not None:
            out.close()
    return digest.hexdigest(), size


@contextlib.contextmanager
def _plain_archive(path: Path, passphrase: str | None, scratch: Path,
                   progress: ProgressFn | None,
                   cancelled: CancelledFn | None) -> Iterator[tuple[Path, bool]]:
    """The zip to read: the file itself, or its decryption in `scratch` (removed after)."""
    if not path.is_file():
        raise ValidationError(f"{path} is not a file.")
    if not is_encrypted(path):
        yield path, False
        return
    if not passphrase:
        raise ValidationError(f"{path.name} is encrypted: give its passphrase.")
    plain = scratch / "backup.zip"
    decrypt_file(path, plain, passphrase, progress, cancelled)
    try:
        yield plain, True
    finally:
        plain.unlink(missing_ok=True)


def verify_backup(path: str | os.PathLike[str], passphrase: str | None = None,
                  progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                  expected_device_id: str | None = None,
                  scratch_dir: str | os.PathLike[str] | None = None) -> BackupInfo:
    """Check a backup completely (decryption, manifest, every checksum, the database's schema
    and integrity) without touching any data folder; raises on any problem."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="edgedeck-verify-", dir=scratch_dir) as tmp:
        scratch = Path(tmp)
        size = path.stat().st_size if path.is_file() else 0
        bar = _Progress(progress, size * 2)
        with _plain_archive(path, passphrase, scratch, bar.phase(size), cancelled) as (
                plain, encrypted):
            checked = _check_archive(plain, None, scratch, bar.phase(size), cancelled)
    m = checked.manifest
    return BackupInfo(
        path=str(path), encrypted=encrypted, created_at=str(m.get("created_at", "")),
        created_by=str(m.get("created_by", "")), device_id=checked.db.device_id,
        device_name=checked.db.device_name, schema_version=checked.db.schema_version,
        edgedeck_version=str(m.get("edgedeck_version", "")), files=checked.files,
        total_bytes=checked.total_bytes, includes_keys=checked.includes_keys,
        same_device=None if expected_device_id is None else (
            expected_device_id == checked.db.device_id))


# -- the service ---------------------------------------------------------------------------


class BackupService:
    """Backup and restore for one AppContext-like object (data_dir, store, audit_trail,
    guard, settings; `close()` for restore)."""

    def __init__(self, ctx: Any) -> None:  # noqa: ANN401 - duck-typed AppContext
        self._ctx = ctx
        self._closed = False

    def _ensure_open(self) -> None:
        if self._closed or getattr(self._ctx.store, "closed", False):
            raise EdgeDeckError("This data folder was restored or closed: open it again "
                                "(restart EdgeDeck) before using it.")

    # -- backup ----------------------------------------------------------------------------

    def _data_entries(self, include_keys: bool) -> tuple[list[tuple[Path, str]], list[str]]:
        """(file, data-relative posix path) of everything to carry, and what was skipped."""
        data_dir: Path = self._ctx.data_dir
        files: list[tuple[Path, str]] = []
        skipped: list[str] = []
        for top in sorted(data_dir.iterdir()):
            name = top.name
            # The anchor is regenerated from the copy; its lock and pending update belong to
            # this box's live anchor, not to the data.
            if name in NOT_DATA or name == DB_FILENAME or name.startswith(ANCHOR) or _is_temp(
                    name):
                continue
            if name == KEYS_DIR and not include_keys:
                continue
            if top.is_symlink():
                skipped.append(f"{name} (symbolic link)")
                continue
            if top.is_file():
                files.append((top, name))
                continue
            for folder, dirs, names in os.walk(top):
                here = Path(folder)
                for d in list(dirs):
                    if d in WORK_DIRS or _is_temp(d):
                        dirs.remove(d)
                    elif (here / d).is_symlink():
                        skipped.append(f"{(here / d).relative_to(data_dir).as_posix()} "
                                       "(symbolic link)")
                        dirs.remove(d)
                dirs.sort()
                for n in sorted(names):
                    entry = here / n
                    relative = entry.relative_to(data_dir).as_posix()
                    if entry.is_symlink() or not entry.is_file():
                        skipped.append(f"{relative} (not a regular file)")
                    elif not _is_temp(n):
                        files.append((entry, relative))
        return files, skipped

    def _snapshot_database(self, target: Path, cancelled: CancelledFn | None) -> _DbFacts:
        """SQLite's online backup: a consistent copy even while others write."""
        self._ctx.audit_trail.checkpoint()  # the copy's newest record is signed
        dst = sqlite3.connect(target)
        try:
            def step(_status: int, _remaining: int, _total: int) -> None:
                _check_cancel(cancelled, "Backup")

            self._ctx.store.conn.backup(dst, pages=BACKUP_PAGES, progress=step)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no WAL
        finally:
            dst.close()
        return _inspect_db(target)

    def backup(self, actor: Actor, out_path: str | os.PathLike[str],
               passphrase: str | None = None, progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None, include_keys: bool = True,
               verify_after: bool = True) -> BackupResult:
        """Write one archive of the data folder to `out_path` (`.enc` appended when a
        passphrase encrypts it). keys/ goes only into encrypted backups: without a passphrase
        `include_keys=False` must be given. The written file is verified by reading it back
        (USB sticks fail) unless `verify_after=False`."""
        self._ensure_open()
        out = Path(out_path)
        final = Path(str(out) + SUFFIX) if passphrase else out
        self._ctx.guard.require(actor, Permission.RUN_DIAGNOSTICS, str(final))
        if passphrase is not None:
            check_passphrase(passphrase)
        if include_keys and not passphrase:
            raise ValidationError(
                "An unencrypted backup must not carry the audit signing key: give a "
                "passphrase (--encrypt), or leave the keys out (include_keys=False / "
                "--no-keys; restoring on another box then needs a new key).")
        check_destination(final)
        self._remove_leftovers()
        data_folder.remove_partial_outputs(final)
        if final != out:
            data_folder.remove_partial_outputs(out)
        try:
            result = self._backup(actor, out, final, passphrase, progress, cancelled,
                                  include_keys, verify_after)
        except EdgeDeckError as exc:
            self._ctx.audit_trail.record(actor, "backup", "create", str(final), "failure",
                                         {"reason": str(exc)})
            raise
        self._ctx.audit_trail.record(
            actor, "backup", "create", str(final), "success",
            {"size": result.size, "sha256": result.sha256, "files": result.files,
             "encrypted": result.encrypted, "includes_keys": result.includes_keys,
             "schema_version": result.schema_version})
        return result

    def _backup(self, actor: Actor, out: Path, final: Path, passphrase: str | None,
                progress: ProgressFn | None, cancelled: CancelledFn | None,
                include_keys: bool, verify_after: bool) -> BackupResult:
        ctx = self._ctx
        files, skipped = self._data_entries(include_keys)
        file_bytes = sum(p.stat().st_size for p, _ in files)
        free = shutil.disk_usage(final.parent).free
        if free < file_bytes:  # models barely compress: a lower bound of what is needed
            raise DiskFullError(final.parent, file_bytes, "writing the backup (nothing was "
                                "written)")
        scratch = Path(tempfile.mkdtemp(prefix=data_folder.tagged_prefix(".field-backup-"),
                                        dir=ctx.data_dir))
        processes.register_live(scratch)
        tmp: Path | None = None
        try:
            db_copy = scratch / DB_FILENAME
            facts = self._snapshot_database(db_copy, cancelled)
            warnings = [f"skipped {s}" for s in skipped]
            if facts.integrity != "ok":
                warnings.append(f"the database fails its integrity check: {facts.integrity}")
            anchor = _anchor_from(db_copy, facts.device_id)
            members: list[tuple[Path | bytes, str]] = [(db_copy, DB_FILENAME)]
            if anchor is not None:
                members.append((anchor, ANCHOR))
            members += files
            total = db_copy.stat().st_size + file_bytes
            bar = _Progress(progress, total * (1 + bool(passphrase) + verify_after))
            folder = scratch if passphrase else final.parent
            fd, name = tempfile.mkstemp(prefix=data_folder.tagged_prefix(f".{out.name}."),
                                        suffix=".part", dir=folder)
            os.close(fd)
            tmp = Path(name)
            processes.register_live(tmp)
            entries = self._write_zip(tmp, members, bar.phase(total), cancelled)
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "edgedeck_version": app.__version__, "created_at": utc_now(),
                "created_by": actor.username, "created_by_role": actor.role,
                "device_id": facts.device_id, "device_name": facts.device_name,
                "schema_version": facts.schema_version, "includes_keys": include_keys,
                "database_integrity": facts.integrity, "skipped": skipped, "files": entries,
            }
            with zipfile.ZipFile(tmp, "a", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                zf.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
            _check_cancel(cancelled, "Backup")
            if passphrase:
                encrypt_file(tmp, final, passphrase, bar.phase(tmp.stat().st_size), cancelled)
                tmp.unlink()  # before verifying, which decrypts a second copy here
            else:
                os.replace(tmp, final)
            try:
                if verify_after:
                    verify_backup(final, passphrase, bar.phase(total), cancelled,
                                  scratch_dir=scratch)
            except BaseException:
                final.unlink(missing_ok=True)  # a backup that does not verify is no backup
                raise
        except OSError as exc:
            raise destination_error(exc, final) from exc
        finally:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
                processes.unregister_live(tmp)
            shutil.rmtree(scratch, ignore_errors=True)
            processes.unregister_live(scratch)
        return BackupResult(str(final), final.stat().st_size, file_sha256(final),
                            len(entries), bool(passphrase), include_keys,
                            facts.schema_version, facts.device_id, tuple(warnings))

    def _write_zip(self, tmp: Path, members: list[tuple[Path | bytes, str]],
                   progress: ProgressFn, cancelled: CancelledFn | None) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = []
        done = 0
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True,
                             compresslevel=1) as zf:
            for source, relative in members:
                _check_cancel(cancelled, "Backup")
                info = zipfile.ZipInfo(PREFIX + relative,
                                       datetime.now().timetuple()[:6])
                info.compress_type = (zipfile.ZIP_STORED if relative.lower().endswith(
                    STORED_SUFFIXES) else zipfile.ZIP_DEFLATED)
                info.external_attr = (stat.S_IFREG | 0o600) << 16  # unzip keeps it private
                digest, size = hashlib.sha256(), 0
                if isinstance(source, bytes):
                    info.file_size = len(source)
                    with zf.open(info, "w") as dst:
                        dst.write(source)
                    digest.update(source)
                    size = len(source)
                else:
                    try:
                        src_stream = source.open("rb")
                    except OSError as exc:
                        raise EdgeDeckError(f"Cannot read {source} for the backup: "
                                            f"{exc.strerror}. Nothing was written.") from exc
                    info.file_size = source.stat().st_size
                    with src_stream as src, zf.open(
                            info, "w", force_zip64=info.file_size > 2**30) as dst:
                        for block in iter(lambda: src.read(COPY_BLOCK), b""):
                            digest.update(block)
                            dst.write(block)
                            size += len(block)
                            done += len(block)
                            progress(done, 0)
                            _check_cancel(cancelled, "Backup")
                entries.append({"path": PREFIX + relative, "size": size,
                                "sha256": digest.hexdigest()})
        return entries

    # -- verify ----------------------------------------------------------------------------

    def verify(self, actor: Actor, path: str | os.PathLike[str], passphrase: str | None = None,
               progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None) -> BackupInfo:
        """verify_backup() for a signed-in person, saying whether it is this device's."""
        self._ensure_open()
        self._ctx.guard.require(actor, Permission.RUN_DIAGNOSTICS, str(path))
        info = verify_backup(path, passphrase, progress, cancelled,
                             expected_device_id=self._ctx.settings.device_id)
        self._ctx.audit_trail.record(actor, "backup", "verify", str(path), "success",
                                     {"device_id": info.device_id,
                                      "schema_version": info.schema_version,
                                      "files": info.files})
        return info

    # -- restore ---------------------------------------------------------------------------

    def _remove_leftovers(self) -> None:
        """What killed backups and restores left: removed on the next run (only where the
        process that made it is gone: another may be working in the folder right now)."""
        folder: Path = self._ctx.data_dir
        data_folder.remove_leftovers(folder, everything=False,
                                     keep=data_folder.journal_staging(folder))

    def restore(self, actor: Actor, path: str | os.PathLike[str],
                passphrase: str | None = None, progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None,
                allow_other_device: bool = False) -> RestoreResult:
        """Replace the data folder's contents with a backup (admin).

        The archive is checked completely and extracted beside the data first; only then is
        the current data moved into data_dir/safety-copies/<UTC time>/ and the backup's moved
        into place, each entry an atomic rename on the same file system, following a journal
        written before the first rename (app.field.restore_journal): an error puts the old
        entries back at once, a kill is completed or undone by the next start. Logs stay;
        keys/ stays when the backup has none. Closes the given AppContext: open a new one
        afterwards (`needs_reopen`).
        """
        self._ensure_open()
        ctx = self._ctx
        path = Path(path)
        ctx.guard.require(actor, Permission.DELETE_DATA, str(path))
        data_dir: Path = ctx.data_dir
        self._remove_leftovers()
        staging = Path(tempfile.mkdtemp(prefix=data_folder.tagged_prefix(
            restore_journal.STAGING_PREFIX), dir=data_dir))
        processes.register_live(staging)
        try:
            try:
                size = path.stat().st_size if path.is_file() else 0
                bar = _Progress(progress, size * 2)
                with _plain_archive(path, passphrase, staging, bar.phase(size), cancelled) as (
                        plain, _encrypted):
                    checked = _check_archive(plain, staging / restore_journal.INCOMING,
                                             staging, bar.phase(size), cancelled)
                current = ctx.settings.device_id
                if checked.db.device_id != current and not allow_other_device:
                    raise ValidationError(
                        f"This backup was made on another device ({checked.db.device_name!r}, "
                        f"{checked.db.device_id}), not this one ({current}). Nothing was "
                        "changed; allow restoring another device's backup explicitly "
                        "(--allow-other-device) to replace this box's identity and history.")
                _check_cancel(cancelled, "Restore")
            except EdgeDeckError as exc:
                ctx.audit_trail.record(actor, "backup", "restore", str(path), "failure",
                                       {"reason": str(exc)})
                raise
            return self._swap(actor, path, staging, checked, checked.db.device_id != current)
        finally:
            processes.unregister_live(staging)
            if staging.name not in data_folder.journal_staging(data_dir):  # else the journal's
                shutil.rmtree(staging, ignore_errors=True)  # (a kill: the next start mends it)

    def _swap(self, actor: Actor, path: Path, staging: Path, checked: _Checked,
              other_device: bool) -> RestoreResult:
        ctx = self._ctx
        data_dir: Path = ctx.data_dir
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        safety_name, n = stamp, 1
        while (data_dir / SAFETY_DIR / safety_name).exists():
            n += 1
            safety_name = f"{stamp}-{n}"
        ctx.close()
        self._closed = True
        lock = lock_exclusively(data_dir)
        try:
            if lock is None or any((data_dir / name).exists() for name in SIDECARS):
                reason = ("Another EdgeDeck process (console, service or `monitor --record`) "
                          "still has the database open: close it, then restore again. Nothing "
                          "was changed; open this data folder again to go on.")
                with contextlib.suppress(Exception):
                    restore_journal.record_in(data_dir, actor, str(path), "failure",
                                              {"reason": reason})
                raise EdgeDeckError(reason)
            journal = self._plan(actor, path, staging, checked, safety_name)
            with restore_journal.active(journal):
                verification = self._run(actor, journal, checked)
        finally:
            if lock is not None:
                lock.release()
        safety = journal.safety_path(data_dir)
        warnings = []
        if other_device and not checked.includes_keys:
            warnings.append("another device's backup without its signing key: its signed "
                            "checkpoints will not verify against this box's key")
        if not verification.ok or verification.warnings:
            warnings.append(f"restored audit trail: {verification.summary()}")
        log.info("restored %s into %s; safety copy at %s", path, data_dir, safety)
        return RestoreResult(str(path), tuple(journal.move_in), str(safety),
                             checked.db.device_id, checked.db.schema_version,
                             verification.summary(), tuple(warnings))

    def _plan(self, actor: Actor, path: Path, staging: Path, checked: _Checked,
              safety_name: str) -> restore_journal.RestoreJournal:
        """Every move, written down (and fsynced) before the first one is made."""
        data_dir: Path = self._ctx.data_dir
        keep = set(KEEP_ON_RESTORE) | set(SIDECARS)
        if not checked.includes_keys:
            keep.add(KEYS_DIR)
        incoming = staging / restore_journal.INCOMING
        move_out = [entry.name for entry in sorted(data_dir.iterdir())
                    if entry.name not in keep and not _is_temp(entry.name)]
        if DB_FILENAME in move_out:  # its -wal/-shm, should any appear, go with it
            move_out += list(SIDECARS)
        journal = restore_journal.RestoreJournal(
            id=secrets.token_hex(8), started_at=utc_now(), backup=str(path),
            actor={"username": actor.username, "role": actor.role, "source": actor.source},
            staging=staging.name, safety=safety_name, move_out=move_out,
            move_in=sorted(p.name for p in incoming.iterdir()) if incoming.is_dir() else [],
            includes_keys=checked.includes_keys,
            created_safety_root=not (data_dir / SAFETY_DIR).exists(),
            details={"backup_created_at": checked.manifest.get("created_at"),
                     "backup_created_by": checked.manifest.get("created_by"),
                     "backup_schema_version": checked.db.schema_version,
                     "backup_device_id": checked.db.device_id})
        restore_journal.write(data_dir, journal)
        return journal

    def _run(self, actor: Actor, journal: restore_journal.RestoreJournal,
             checked: _Checked) -> Any:  # noqa: ANN401 - VerifyResult
        """The journal's moves, each audited; an error (or Ctrl+C) undoes them at once."""
        data_dir: Path = self._ctx.data_dir
        try:
            # The database being replaced says who replaced it with what; it lives on as
            # evidence in the safety copy.
            restore_journal.record(data_dir, journal, actor, "replacing", "success", {
                "stage": "replacing: this database moves to the safety copy",
                "safety_copy": str(journal.safety_path(data_dir)),
                "backup_created_at": checked.manifest.get("created_at"),
                "backup_device_id": checked.db.device_id})
            restore_journal.move_out(data_dir, journal)
            restore_journal.move_in(data_dir, journal)
            if checked.includes_keys and os.name == "posix":
                os.chmod(data_dir / KEYS_DIR, 0o700)
            verification = restore_journal.record(
                data_dir, journal, actor, "restored", "success",
                restore_journal.restored_details(data_dir, journal), verify=True)
            journal.state = "done"
            restore_journal.write(data_dir, journal)
        except (Exception, KeyboardInterrupt) as exc:
            self._undo(actor, journal, exc)
            if isinstance(exc, (EdgeDeckError, KeyboardInterrupt)):
                raise
            if is_disk_full(exc):
                raise DiskFullError(data_dir, what="restoring (the previous data was put "
                                    "back)") from exc
            raise EdgeDeckError(f"The restore failed while replacing files ({exc}); the "
                                "previous data was put back.") from exc
        restore_journal.finish(data_dir, journal)
        return verification

    def _undo(self, actor: Actor, journal: restore_journal.RestoreJournal,
              exc: BaseException) -> None:
        data_dir: Path = self._ctx.data_dir
        try:
            restore_journal.roll_back(data_dir, journal)
        except Exception as undo_exc:
            raise StoreError(
                f"The restore failed ({exc}) and could not be undone at once ({undo_exc}). "
                f"Nothing was deleted: the restore journal {journal_path(data_dir)} is kept "
                "and the next start of EdgeDeck puts the previous data back.") from exc
        with contextlib.suppress(Exception):
            restore_journal.record(data_dir, journal, actor, "undone", "failure", {
                "reason": f"{type(exc).__name__}: {exc}", "rolled_back": True})
        restore_journal.finish(data_dir, journal)
