"""The diagnostics bundle: one zip a technician takes home to find out what is wrong.

It must work on a box that is half broken, so every section is collected on its own: a section
that fails becomes a line in the manifest's `problems`, not a failed bundle. It must not leak
what a lost USB stick should not carry: no database file, no keys folder, no audit signing key,
settings and ui.ini with secret-looking values redacted, the audit trail only as a verification
summary and head, environment variables only where they concern EdgeDeck, Qt or the
accelerator runtimes. A passphrase encrypts the whole bundle (app.field.crypto); the plain zip
is then built in a local temporary folder, never on the stick.
"""

from __future__ import annotations

import configparser
import dataclasses
import enum
import hashlib
import json
import os
import platform
import re
import shutil
import socket
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import app
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.clock import utc_now
from app.errors import EdgeDeckError
from app.field.crypto import (
    SUFFIX,
    CancelledFn,
    OperationCancelled,
    ProgressFn,
    check_passphrase,
    destination_error,
    encrypt_file,
)
from app.files import file_sha256
from app.paths import logs_dir

LOG_TAIL_BYTES = 2 * 1024 * 1024
ALARM_EVENTS = 500
HISTORY_WINDOW_S = 3600.0
REDACTED = "***redacted***"
SECRET_NAME = re.compile(r"password|passwd|secret|token|key|passphrase|credential", re.I)
ENV_PREFIXES = ("EDGEDECK_", "QT_", "ORT_", "ONNX", "CUDA_", "NVIDIA_", "TRT_", "TENSORRT_",
                "PYSIDE", "XDG_SESSION_TYPE")
ENV_NAMES = ("DISPLAY", "WAYLAND_DISPLAY", "LANG", "LANGUAGE", "LC_ALL", "TZ",
             "LD_LIBRARY_PATH", "PYTHONPATH", "VIRTUAL_ENV")
UI_INI = "ui.ini"


@dataclass(frozen=True)
class BundleResult:
    path: str
    size: int
    sha256: str
    files: int
    encrypted: bool
    problems: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "problems": list(self.problems)}


# -- redaction ---------------------------------------------------------------------------------


def is_secret_name(name: str) -> bool:
    """Names that suggest a secret; deliberately broad (a redacted 'keyboard' costs nothing)."""
    return bool(SECRET_NAME.search(name))


def redact(value: Any, name: str = "") -> Any:  # noqa: ANN401 - any JSON value
    """A copy of `value` with every secret-looking entry (by name, or a PEM private key)."""
    if name and is_secret_name(name):
        return REDACTED
    if isinstance(value, dict):
        return {k: redact(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact(v) for v in value]
    if isinstance(value, str) and "PRIVATE KEY" in value:
        return REDACTED
    return value


def redact_ini(text: str) -> dict[str, Any]:
    """ui.ini as {section: {option: value}}, secrets redacted; unparsable lines by name only."""
    parser = configparser.RawConfigParser(strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        lines = []
        for line in text.splitlines():
            key, sep, _ = line.partition("=")
            lines.append(f"{key}={REDACTED}" if sep and (is_secret_name(key) or
                                                      "PRIVATE KEY" in line) else line)
        return {"_unparsable": str(exc).splitlines()[0], "lines": lines}
    return {section: redact(dict(parser.items(section)))
            for section in [parser.default_section, *parser.sections()]
            if section != parser.default_section or parser.defaults()}


# -- JSON ----------------------------------------------------------------------------------


def _plain(value: Any) -> Any:  # noqa: ANN401 - json.dumps default hook
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def to_json(data: Any) -> bytes:  # noqa: ANN401 - any JSON-able tree
    return json.dumps(data, indent=2, ensure_ascii=False, default=_plain).encode("utf-8")


def check_destination(path: Path) -> None:
    """Fail early, in words, when the target folder is missing or read-only."""
    folder = path.parent
    if not folder.is_dir():
        raise EdgeDeckError(f"Cannot write {path}: the folder {folder} does not exist (is the "
                            "USB stick mounted?).")
    if path.is_dir():
        raise EdgeDeckError(f"Cannot write {path}: it is a folder; give a file name.")
    if not os.access(folder, os.W_OK):
        raise EdgeDeckError(f"Cannot write {path}: the folder {folder} is read-only or not "
                            "writable for this user.")


# -- collectors (module-level so tests and the GUI can reuse them) -----------------------------


def system_info(data_dir: Path) -> dict[str, Any]:
    """OS, kernel, CPU, memory, disks, Python and the environment that matters to EdgeDeck."""
    import psutil

    info: dict[str, Any] = {
        "hostname": socket.gethostname(),
        "os": {"system": platform.system(), "release": platform.release(),
               "version": platform.version(), "machine": platform.machine(),
               "platform": platform.platform()},
        "python": {"version": sys.version, "executable": sys.executable,
                   "implementation": platform.python_implementation(),
                   "frozen": bool(getattr(sys, "frozen", False))},
        "cpu": {"logical": os.cpu_count(), "physical": psutil.cpu_count(logical=False),
                "processor": platform.processor()},
        "boot_time": psutil.boot_time(),
    }
    os_release = Path("/etc/os-release")
    if os_release.is_file():
        info["os"]["os_release"] = dict(
            line.split("=", 1) for line in os_release.read_text(errors="replace").splitlines()
            if "=" in line)
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.lower().startswith(("model name", "hardware", "model\t")):
                info["cpu"]["model"] = line.split(":", 1)[-1].strip()
                break
    try:
        freq = psutil.cpu_freq()
        info["cpu"]["freq_mhz"] = freq._asdict() if freq else None
    except (OSError, NotImplementedError):
        info["cpu"]["freq_mhz"] = None
    info["memory"] = psutil.virtual_memory()._asdict()
    info["swap"] = psutil.swap_memory()._asdict()
    disks = []
    for part in psutil.disk_partitions(all=False):
        entry: dict[str, Any] = {"device": part.device, "mountpoint": part.mountpoint,
                                 "fstype": part.fstype, "opts": part.opts}
        try:
            entry["usage"] = psutil.disk_usage(part.mountpoint)._asdict()
        except OSError as exc:
            entry["usage"] = f"unreadable: {exc.strerror}"
        disks.append(entry)
    info["disks"] = disks
    usage = shutil.disk_usage(data_dir)
    info["data_folder"] = {"path": str(data_dir), "total": usage.total, "used": usage.used,
                           "free": usage.free}
    info["environment"] = relevant_environment(os.environ)
    return info


def relevant_environment(environ: dict[str, str] | os._Environ[str]) -> dict[str, str]:
    """Only variables that change how EdgeDeck, Qt or the runtimes behave; secrets redacted."""
    picked = {k: v for k, v in environ.items()
              if k.startswith(ENV_PREFIXES) or k in ENV_NAMES}
    return {k: (REDACTED if is_secret_name(k) else v) for k, v in sorted(picked.items())}


def quick_benchmark(data_dir: Path, cancelled: CancelledFn | None = None) -> dict[str, Any]:
    """A few seconds of numbers that tell a slow box from a broken one."""
    result: dict[str, Any] = {}
    block = os.urandom(1024 * 1024)
    started = time.perf_counter()
    digest = hashlib.sha256()
    for _ in range(64):
        digest.update(block)
    result["cpu_sha256_mb_per_s"] = round(64 / (time.perf_counter() - started), 1)
    fd, name = tempfile.mkstemp(prefix=".diag-bench-", dir=data_dir)
    try:
        started = time.perf_counter()
        with os.fdopen(fd, "wb") as stream:
            for _ in range(32):
                stream.write(block)
            stream.flush()
            os.fsync(stream.fileno())
        result["data_disk_write_fsync_mb_per_s"] = round(32 / (time.perf_counter() - started), 1)
    finally:
        Path(name).unlink(missing_ok=True)
    if cancelled and cancelled():
        return result
    try:
        from engines.providers import matmul_benchmark

        result["inference"] = matmul_benchmark()
    except Exception as exc:  # noqa: BLE001 - no onnxruntime is a finding, not a failure
        result["inference"] = {"error": f"{type(exc).__name__}: {exc}"}
    return result


def active_model_benchmarks(ctx: Any, actor: Actor, cancelled: CancelledFn | None = None,
                            runs: int = 30) -> list[dict[str, Any]]:
    """A short benchmark of every model's version in service, on the best provider that
    really loads — what the line is running now, not a synthetic stand-in. Nothing stored."""
    from app.models.inference import ACCELERATED
    from app.models.preprocess import sample_feeds
    from engines.bench import benchmark

    registry = getattr(ctx, "models", None)
    models = registry.list_models(actor) if registry is not None else []
    results: list[dict[str, Any]] = []
    for model in models:
        if model.active_version is None:
            continue
        if cancelled and cancelled():
            break
        name, version_number = model.name, model.active_version
        try:
            version = registry.get_version(actor, name)
            with ctx.engines.lease(actor, version, list(ACCELERATED)) as loaded:
                feeds = sample_feeds(version, loaded.engine.describe().inputs)
                with loaded.lock:
                    result = benchmark(loaded.engine, feeds, warmup=3, runs=runs,
                                       cancelled=cancelled)
            results.append({**result.to_dict(), "model": version.tag})
        except Exception as exc:  # noqa: BLE001 - a model that fails here is the finding
            results.append({"model": f"{name}/v{version_number}",
                            "error": f"{type(exc).__name__}: {exc}"})
    return results


def log_tail(path: Path, limit: int = LOG_TAIL_BYTES) -> tuple[bytes, int]:
    """The last `limit` bytes of a log (the newest lines matter) and its full size."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        stream.seek(max(0, size - limit))
        return stream.read(limit), size


Members = list[tuple[str, bytes, dict[str, Any]]]  # (name in the zip, content, manifest extras)


def _single(member: str, collect: Callable[[], Any]) -> Callable[[], Members]:
    return lambda: [(member, to_json(collect()), {})]


# -- the service -------------------------------------------------------------------------------


class _BundleWriter:
    """Adds members to the zip and remembers their checksums for the manifest."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.entries: list[dict[str, Any]] = []

    def add(self, name: str, data: bytes, **extra: Any) -> None:  # noqa: ANN401
        self.archive.writestr(name, data)
        self.entries.append({"path": name, "size": len(data),
                             "sha256": hashlib.sha256(data).hexdigest(), **extra})


class DiagnosticsService:
    """Builds bundles from an AppContext-like object (data_dir, store, audit_trail, guard,
    settings, history, alarms; `models` when the registry exists).

    The slow or environment-dependent collectors are injectable so tests (and a GUI that has
    already run them) need not pay for them twice.
    """

    def __init__(self, ctx: Any,  # noqa: ANN401 - duck-typed AppContext
                 doctor: Callable[[Path], list[Any]] | None = None,
                 providers: Callable[[], list[Any]] | None = None,
                 snapshot: Callable[[], Any] | None = None,
                 benchmark: Callable[[Path, CancelledFn | None], dict[str, Any]] | None = None,
                 ) -> None:
        self._ctx = ctx
        self._doctor = doctor
        self._providers = providers
        self._snapshot = snapshot
        self._benchmark = benchmark or quick_benchmark

    # -- sections --------------------------------------------------------------------------

    def _versions(self) -> Any:  # noqa: ANN401
        from app.system.versions import collect_versions

        return collect_versions()

    def _doctor_section(self) -> Any:  # noqa: ANN401
        from app.system.doctor import run_doctor, worst_level

        checks = (self._doctor or run_doctor)(self._ctx.data_dir)
        return {"worst": worst_level(checks), "checks": [c.as_dict() for c in checks]}

    def _take_snapshot(self) -> Any:  # noqa: ANN401
        if self._snapshot is not None:
            return self._snapshot()
        from app.telemetry.monitor import Monitor

        monitor = Monitor(self._ctx, record=False)  # never disturb history or alarm state
        try:
            monitor.snapshot()
            time.sleep(1.0)  # rates (CPU %, NPU busy) need two reads
            return monitor.snapshot()
        finally:
            monitor.stop()

    def _inventory_and_snapshot(self) -> Members:
        snap = self._take_snapshot().as_dict()
        inventory = {"taken_at": snap["taken_at"], "devices": [
            {k: d[k] for k in ("device_id", "kind", "name", "error", "details")}
            for d in snap["devices"]]}
        return [("inventory.json", to_json(inventory), {}),
                ("snapshot.json", to_json(snap), {})]

    def _history(self) -> Any:  # noqa: ANN401
        history = self._ctx.history
        end = time.time()
        start = end - HISTORY_WINDOW_S
        return {"start": start, "end": end, "series": [
            {"device_id": s.device_id, "key": s.key, "unit": s.unit,
             "points": history.query(s.device_id, s.key, start, end,
                                     max_points=int(HISTORY_WINDOW_S))}
            for s in history.series()]}

    def _alarms(self) -> Any:  # noqa: ANN401
        alarms = self._ctx.alarms
        rate = alarms.alarm_rate()
        return {"active": alarms.list_active(), "history": alarms.history(limit=ALARM_EVENTS),
                "rate": {"per_10_min": rate.per_10_min, "peak": rate.peak,
                         "buckets": rate.buckets, "chattering": rate.chattering}}

    def _models(self) -> Any:  # noqa: ANN401
        """From the registry: checksums as recorded at import, plus whether each file is
        still there with that size."""
        registry = getattr(self._ctx, "models", None)
        result: dict[str, Any] = {"registry_service": registry is not None}
        models = registry.inventory() if registry is not None else []
        for model in models:
            for entry in model["versions"]:
                on_disk = self._ctx.data_dir / entry["file"]
                entry["file_present"] = on_disk.is_file()
                for f in entry["files"]:
                    if isinstance(f, dict) and "path" in f:
                        target = self._ctx.data_dir / str(f["path"])
                        f["present"] = target.is_file()
                        f["size_ok"] = target.is_file() and target.stat().st_size == f.get("size")
        result["models"] = models
        if registry is None:
            result["note"] = "this database has no model registry yet"
        return result

    def _providers_section(self) -> Any:  # noqa: ANN401
        if self._providers is not None:
            probes = self._providers()
        else:
            from engines.providers import onnxruntime_distribution, probe_all

            dist = onnxruntime_distribution()
            if dist is None:
                return {"onnxruntime": None, "probes": []}
            probes = probe_all()
        return {"probes": [dataclasses.asdict(p) if dataclasses.is_dataclass(p) else p
                           for p in probes]}

    def _audit(self) -> Any:  # noqa: ANN401
        trail = self._ctx.audit_trail
        result = trail.verify()
        head = trail.head()
        storage = trail.storage_status()
        return {"verification": result.as_dict(), "head": head.as_dict() if head else None,
                "records_in_database": trail.count(), "archived_upto": trail.archived_upto(),
                "storage": {"records": storage.records, "max_records": storage.max_records,
                            "database_bytes": storage.database_bytes, "level": storage.level},
                "anchor": trail.read_anchor(),
                "key_id": trail.key.key_id if trail.key else None}

    def _knowledge(self, actor: Actor) -> Any:  # noqa: ANN401
        """Collections, failed documents with their reasons, embedding models, unfinished
        ingests: what a technician needs when 'the manual is not found'. No document text."""
        kb = self._ctx.knowledge
        failed = [{"id": d.id, "collection": d.collection, "file": d.file_name,
                   "reason": d.error, "at": d.ingested_at}
                  for d in kb.list_documents(actor) if d.status != "ok"]
        return {"collections": [dataclasses.asdict(c) for c in kb.list_collections(actor)],
                "failed_documents": failed[:200],
                "embedding_models": [dataclasses.asdict(m) for m in kb.embedding_models(actor)],
                "unfinished_ingests": kb.unfinished_runs(actor),
                "blocked_terms": kb.blocked_term_count()}

    def _config(self) -> Any:  # noqa: ANN401
        from app.config import ApplianceMeta, Settings

        store = self._ctx.store
        settings = [{"key": key, "value": redact(value, key), "updated_at": updated_at,
                     "updated_by": updated_by}
                    for key, value, updated_at, updated_by in Settings(store).rows()]
        meta = {k: redact(v, k) for k, v in ApplianceMeta(store).all().items()}
        ini_path = self._ctx.data_dir / UI_INI
        ui = redact_ini(ini_path.read_text(encoding="utf-8", errors="replace")) \
            if ini_path.is_file() else None
        return {"settings": settings, "meta": meta, "ui_ini": ui}

    def _logs(self) -> Members:
        """The rotating logs (edgedeck.log, .1 ... .5 and any later service's), tails only."""
        folder = logs_dir(self._ctx.data_dir)
        found = []
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.is_file() and not path.is_symlink() and ".log" in path.name:
                data, size = log_tail(path)
                found.append((f"logs/{path.name}", data,
                              {"original_size": size, "truncated": size > len(data)}))
        return found

    # -- the bundle ------------------------------------------------------------------------

    def bundle(self, actor: Actor, out_path: str | os.PathLike[str],
               progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
               include_benchmark: bool = True,
               passphrase: str | None = None) -> BundleResult:
        """Write the bundle to `out_path` (or `out_path`.enc when a passphrase is given).

        Technician and above; audited with the file's size, SHA-256 and member count. Nothing
        is left at the destination on failure or cancel.
        """
        out = Path(out_path)
        final = Path(str(out) + SUFFIX) if passphrase else out
        self._ctx.guard.require(actor, Permission.RUN_DIAGNOSTICS, str(final))
        if passphrase is not None:
            check_passphrase(passphrase)
        check_destination(final)
        try:
            result = self._write(actor, out, final, progress, cancelled, include_benchmark,
                                 passphrase)
        except EdgeDeckError as exc:
            self._ctx.audit_trail.record(actor, "diagnostics", "bundle", str(final), "failure",
                                         {"reason": str(exc)})
            raise
        self._ctx.audit_trail.record(
            actor, "diagnostics", "bundle", str(final), "success",
            {"size": result.size, "sha256": result.sha256, "files": result.files,
             "encrypted": result.encrypted, "problems": len(result.problems)})
        return result

    def _write(self, actor: Actor, out: Path, final: Path, progress: ProgressFn | None,
               cancelled: CancelledFn | None, include_benchmark: bool,
               passphrase: str | None) -> BundleResult:
        ctx = self._ctx
        sections: list[tuple[str, Callable[[], Any]]] = [
            ("versions.json", self._versions),
            ("system.json", lambda: system_info(ctx.data_dir)),
            ("doctor.json", self._doctor_section),
            ("history-last-hour.json", self._history),
            ("alarms.json", self._alarms),
            ("models.json", self._models),
            ("providers.json", self._providers_section),
            ("audit.json", self._audit),
            ("config.json", self._config),
            ("knowledge.json", lambda: self._knowledge(actor)),
        ]
        if include_benchmark:
            sections.append(("benchmark.json", lambda: self._benchmark(ctx.data_dir, cancelled)))
            sections.append(("benchmark-active-models.json",
                             lambda: active_model_benchmarks(ctx, actor, cancelled)))
        steps = len(sections) + 3  # + snapshot, logs, manifest
        problems: list[str] = []
        with tempfile.TemporaryDirectory(prefix="edgedeck-diag-") as scratch:
            # Plain zips of an encrypted bundle never touch the stick; others are renamed there.
            folder = Path(scratch) if passphrase else final.parent
            try:
                fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
            except OSError as exc:
                raise destination_error(exc, final) from exc
            os.close(fd)
            tmp = Path(name)
            try:
                with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                    w = _BundleWriter(zf)
                    done = 0

                    def step() -> None:
                        nonlocal done
                        if cancelled and cancelled():
                            raise OperationCancelled("Diagnostics bundle cancelled; nothing "
                                                     "was written.")
                        done += 1
                        if progress:
                            progress(done, steps)

                    # Collecting may fail (a broken box is the point); writing may not.
                    many = [(m, _single(m, c)) for m, c in sections]
                    many += [("snapshot.json", self._inventory_and_snapshot),
                             ("logs/", self._logs)]
                    for member, collect in many:
                        try:
                            produced = collect()
                        except OperationCancelled:
                            raise
                        except Exception as exc:  # noqa: BLE001
                            problems.append(f"{member}: {type(exc).__name__}: {exc}")
                            produced = []
                        for name, data, extra in produced:
                            w.add(name, data, **extra)
                        step()
                    manifest = {
                        "format": "edgedeck-diagnostics", "format_version": 1,
                        "edgedeck_version": app.__version__, "created_at": utc_now(),
                        "created_by": actor.username, "created_by_role": actor.role,
                        "device_id": ctx.settings.device_id,
                        "device_name": ctx.settings.device_name,
                        "include_benchmark": include_benchmark, "problems": problems,
                        "files": w.entries,
                    }
                    zf.writestr("manifest.json", to_json(manifest))
                    step()
                if passphrase:
                    encrypt_file(tmp, final, passphrase, cancelled=cancelled)
                else:
                    os.replace(tmp, final)
            except OSError as exc:
                raise destination_error(exc, final) from exc
            finally:
                tmp.unlink(missing_ok=True)
        return BundleResult(str(final), final.stat().st_size, file_sha256(final),
                            len(w.entries) + 1, bool(passphrase), tuple(problems))
