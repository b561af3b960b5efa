"""`edgedeck doctor`: what is wrong with this box's environment, and how to fix it.

Each check returns ok / info / warn / fail with a message and, where we know one, the fix. Only
`fail` makes the command exit non-zero: a box without a GPU is not broken, a box whose GPU is
visible but whose CUDA provider cannot load is.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.config.meta import ApplianceMeta
from app.errors import StoreError
from app.paths import database_path
from app.system import data_folder

LEVELS = ("ok", "info", "warn", "fail")
FAIL_FREE_BYTES = 512 * 1024**2
WARN_FREE_BYTES = 2 * 1024**3
QT_PROBE_TIMEOUT_S = 30


@dataclass(frozen=True)
class Check:
    name: str
    level: str
    message: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def self_command() -> list[str]:
    """How to start this very program again (works inside the PyInstaller bundle too)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "app"]


def check_data_dir(data_dir: Path) -> Check:
    """Space and writability, looked at without writing (doctor creates nothing)."""
    if not data_dir.exists():
        return Check("data folder", "fail", data_folder.missing_message(
            data_folder.inspect_folder(data_dir)),
            "Give the right --data-dir; a new appliance is set up with `edgedeck setup "
            "--admin NAME`.")
    if not data_dir.is_dir():
        return Check("data folder", "fail", f"{data_dir} is not a folder.",
                     "Choose another folder with --data-dir.")
    if not os.access(data_dir, os.W_OK | os.X_OK):
        return Check("data folder", "fail", f"{data_dir} is not writable: Permission denied.",
                     "Fix its permissions or choose another folder with --data-dir.")
    free = shutil.disk_usage(data_dir).free
    text = f"{data_dir} ({free / 1024**3:.1f} GiB free)"
    if free < FAIL_FREE_BYTES:
        return Check("data folder", "fail", f"Almost no space left: {text}.",
                     "Free space on that volume; history and audit writes will fail.")
    if free < WARN_FREE_BYTES:
        return Check("data folder", "warn", f"Low on space: {text}.",
                     "Free space on that volume soon.")
    return Check("data folder", "ok", text)


def check_permissions(data_dir: Path) -> Check:
    """Owner-only modes (others may read nothing); a loose folder itself is a failure, loose
    files inside a private folder only a warning (nobody else can reach them)."""
    loose = data_folder.loose_modes(data_dir)
    if not loose:
        return Check("permissions", "ok", f"Only its owner can read {data_dir}.")
    shown = ", ".join(f"{p} ({stat.S_IMODE(p.lstat().st_mode):o})" for p in loose[:5])
    more = f" and {len(loose) - 5} more" if len(loose) > 5 else ""
    level = "fail" if data_dir in loose else "warn"
    return Check("permissions", level,
                 f"{len(loose)} files or folders in the data folder can be read by other "
                 f"users: {shown}{more}.",
                 f"Start EdgeDeck once (it makes them owner-only) or run: chmod -R go-rwx "
                 f"{data_dir}")


def check_folder_state(data_dir: Path) -> list[Check]:
    """An unfinished restore, a restore running now, leftovers of interrupted work."""
    from app.field import restore_journal
    from app.system.folder_lock import held_exclusively_by_another

    checks = []
    if data_folder.journal_exists(data_dir):
        checks.append(Check("restore", "fail", restore_journal.pending_message(data_dir),
                            "Start EdgeDeck (the console, or any command that changes data): "
                            "it completes or undoes the restore and says which."))
    elif held_exclusively_by_another(data_dir):
        checks.append(Check("restore", "info", "Another EdgeDeck process is restoring or "
                            "repairing the data folder right now."))
    leftovers = data_folder.find_leftovers(data_dir)
    if leftovers:
        shown = ", ".join(p.name for p in leftovers[:5])
        checks.append(Check("leftovers", "info", f"{len(leftovers)} leftovers of interrupted "
                            f"work ({shown}); they are removed at the next start and never "
                            "reused."))
    return checks


def check_data(data_dir: Path) -> list[Check]:
    checks = [check_data_dir(data_dir)]
    if data_dir.is_dir():
        checks.append(check_permissions(data_dir))
        checks += check_folder_state(data_dir)
    return checks


_ENCRYPTED_FS = ("ecryptfs", "fuse.gocryptfs", "fuse.encfs", "fuse.cryfs")


def volume_encryption(data_dir: Path, partitions: list | None = None,
                      sys_root: Path = Path("/")) -> tuple[bool | None, str]:
    """(encrypted?, how we know): dm-crypt/LUKS under the mount, or an encrypting file system.

    None when it cannot be told (e.g. a device the kernel does not describe in /sys)."""
    import psutil

    target = str(data_dir.resolve())
    parts = partitions if partitions is not None else psutil.disk_partitions(all=True)
    mount = max((p for p in parts if target == p.mountpoint or target.startswith(
        p.mountpoint.rstrip("/") + "/")), key=lambda p: len(p.mountpoint), default=None)
    if mount is None:
        return None, f"no mount point found for {target}"
    if mount.fstype in _ENCRYPTED_FS:
        return True, f"{mount.mountpoint} is an encrypting {mount.fstype} file system"
    device = Path(mount.device)
    try:
        resolved = (sys_root / device.relative_to("/")).resolve() if device.is_absolute() \
            else device
    except (OSError, ValueError):
        resolved = device
    name = resolved.name
    uuid_file = sys_root / "sys" / "block" / name / "dm" / "uuid"
    if name.startswith("dm-") and uuid_file.is_file():
        uuid = uuid_file.read_text(encoding="utf-8").strip()
        if uuid.startswith("CRYPT-"):
            return True, f"{mount.device} is a dm-crypt volume ({uuid.split('-')[1]})"
        return False, f"{mount.device} is a device-mapper volume without encryption"
    if mount.device.startswith("/dev/"):
        return False, f"{mount.mountpoint} ({mount.device}, {mount.fstype}) is not encrypted"
    return None, f"{mount.mountpoint} is {mount.fstype} on {mount.device}: encryption unknown"


def check_encryption(data_dir: Path) -> Check:
    try:
        encrypted, how = volume_encryption(data_dir)
    except OSError as exc:
        return Check("encryption", "info", f"Could not tell whether the data folder is "
                     f"encrypted: {exc}.")
    if encrypted:
        return Check("encryption", "ok", f"Data folder on an encrypted volume: {how}.")
    advice = ("Use an encrypted volume (LUKS) for the data folder if the box can be stolen; "
              "encrypt backups and bundles that leave it.")
    if encrypted is None:
        return Check("encryption", "info", f"Encryption of the data folder unknown: {how}.",
                     advice)
    return Check("encryption", "info", f"Data folder NOT on an encrypted volume: {how}.",
                 advice)


def check_database(data_dir: Path) -> list[Check]:
    """Integrity and the audit chain, without creating, upgrading or recovering anything."""
    from app.store import open_store
    from app.store.migrations import latest_version
    from app.system.folder_lock import held_exclusively_by_another

    path = database_path(data_dir)
    state = data_folder.inspect_folder(data_dir)
    if not state.exists:
        return [Check("database", "fail", f"Not checked: {data_folder.missing_message(state)}")]
    if state.journal:
        return [Check("database", "fail", "Not checked: the data folder holds an unfinished "
                      "restore (see restore).")]
    if held_exclusively_by_another(data_dir):
        return [Check("database", "info", "Not checked: another EdgeDeck process is restoring "
                      "or repairing the data folder.")]
    if not state.has_database:
        if state.evidence:
            return [Check("database", "fail", data_folder.not_new_message(state))]
        return [Check("database", "fail", data_folder.missing_message(state),
                      "A new appliance is set up with `edgedeck setup --admin NAME`.")]
    try:
        store = open_store(path, migrate=False)
    except StoreError as exc:
        return [Check("database", "fail", str(exc))]
    try:
        integrity = store.quick_check()
        mode = store.journal_mode()
        version, newest = store.schema_version(), latest_version()
        checks = []
        if integrity != "ok":
            checks.append(Check("database", "fail", f"{path}: integrity check says {integrity}.",
                                "Restore the last backup."))
        else:
            checks.append(Check("database", "ok", f"{path} (schema {version}, {mode} mode)"))
        if version < newest:
            checks.append(Check("schema", "info", f"Schema {version} of {newest}: upgraded the "
                                "next time EdgeDeck starts (doctor changes nothing)."))
        device_id = [ApplianceMeta(store).device_id]
        try:
            result = _verify_audit(store, data_dir, device_id[0] if device_id else "")
        except sqlite3.Error as exc:
            checks.append(Check("audit trail", "warn", f"Not verified on schema {version}: "
                                f"{exc}.", "Start EdgeDeck once to upgrade the database."))
            return checks
        if result.ok:
            notes = "".join(f" Note: {w}." for w in result.warnings)
            checks.append(Check("audit trail", "ok", result.summary() + notes))
        else:
            checks.append(Check("audit trail", "fail", result.summary(),
                                "Keep this database file as evidence and inform the security "
                                "officer before changing anything."))
        return checks
    finally:
        store.close()


def _verify_audit(store: Any, data_dir: Path, device_id: str) -> Any:  # noqa: ANN401
    """As `audit verify` does on the box, with the public key beside the data (doctor holds no
    secret): archive segments, anchor and checkpoint signatures included."""
    from app.audit.anchor import ANCHOR_FILE
    from app.audit.signing import PUBLIC_KEY_FILE
    from app.audit.trail import ARCHIVE_DIR, AuditTrail

    public = data_dir / "keys" / PUBLIC_KEY_FILE
    try:
        pem = public.read_bytes() if public.is_file() else None
    except OSError:
        pem = None
    trail = AuditTrail(store, device_id, anchor_path=data_dir / ANCHOR_FILE,
                       archive_dir=data_dir / ARCHIVE_DIR)
    return trail.verify(public_key_pem=pem)


def check_qt() -> Check:
    env = dict(os.environ)
    platform = env.get("QT_QPA_PLATFORM") or ("(default)" if env.get("DISPLAY") or
                                              env.get("WAYLAND_DISPLAY") else "(no display)")
    try:
        proc = subprocess.run(
            [*self_command(), "_qt-probe"], capture_output=True, text=True,
            timeout=QT_PROBE_TIMEOUT_S, env=env,
        )
    except subprocess.TimeoutExpired:
        return Check("qt", "fail", f"Starting Qt timed out after {QT_PROBE_TIMEOUT_S} s.")
    if proc.returncode == 0:
        return Check("qt", "ok", proc.stdout.strip() or "Qt platform plugin loaded")
    tail = " ".join(line.strip() for line in proc.stderr.strip().splitlines()[-3:])
    tail = tail or f"exit status {proc.returncode}"
    return Check(
        "qt", "fail",
        f"The Qt platform plugin for {platform} does not load: {tail}",
        "On Debian/Ubuntu: apt-get install libxcb-cursor0 libxkbcommon-x11-0 libegl1 "
        "libxcb-icccm4 libxcb-keysyms1; without a screen use QT_QPA_PLATFORM=offscreen.",
    )


def check_onnxruntime() -> list[Check]:
    from engines.providers import onnxruntime_distribution, probe_all

    dist = onnxruntime_distribution()
    if dist is None:
        return [Check("onnxruntime", "fail", "onnxruntime is not installed.",
                      "pip install onnxruntime-gpu (x86_64) or onnxruntime.")]
    try:
        probes = probe_all()
    except ImportError as exc:
        return [Check("onnxruntime", "fail", f"onnxruntime does not import: {exc}.")]
    checks = [Check("onnxruntime", "ok", f"{dist[0]} {dist[1]}")]
    for probe in probes:
        if probe.loads:
            checks.append(Check(f"provider {probe.name}", "ok",
                                f"loads ({probe.seconds * 1000:.0f} ms)"))
        elif probe.name == "CPUExecutionProvider":
            checks.append(Check(f"provider {probe.name}", "fail", probe.detail))
        else:
            checks.append(Check(f"provider {probe.name}", "warn",
                                f"listed but does not load: {probe.detail}",
                                "Models asking for it will run on the CPU."))
    return checks


def check_nvml() -> Check:
    """The same NVML state the monitor shows (one implementation, one wording)."""
    from app.telemetry.readers.nvml import NO_DRIVER, NvmlReader

    reader = NvmlReader()
    state = reader.open()
    try:
        if state.startswith(NO_DRIVER):
            return Check("nvml", "info", f"{state}: no NVIDIA GPU will be shown.")
        if state == "nvidia-ml-py missing":
            return Check("nvml", "warn", "nvidia-ml-py is not installed; NVIDIA GPUs are not "
                         "monitored.", "pip install nvidia-ml-py")
        if state != "ok":
            fix = ("Reboot after a driver update." if "mismatch" in state else
                   "In a container, check that the NVIDIA container runtime exposes the GPUs;"
                   " on a host, check dmesg for Xid errors.")
            return Check("nvml", "fail", state, fix)
        try:
            count = reader.device_count()
        except Exception as exc:  # noqa: BLE001 - any NVML error here is the finding
            return Check("nvml", "fail", f"NVML initialised but cannot list GPUs: {exc}.")
        return Check("nvml", "ok", f"NVIDIA driver {reader.driver_version}, CUDA "
                     f"{reader.cuda_version or '?'}, {count} GPU(s)")
    finally:
        reader.close()


def _cross_check(checks: list[Check]) -> list[Check]:
    """A visible GPU whose CUDA provider does not load is a real problem, not a fallback."""
    by_name = {c.name: c for c in checks}
    nvml = by_name.get("nvml")
    cuda = by_name.get("provider CUDAExecutionProvider")
    if nvml and nvml.level == "ok" and cuda and cuda.level == "warn":
        return [Check("gpu inference", "fail", "NVIDIA GPUs are present but the CUDA provider "
                      f"does not load: {cuda.message}",
                      "Install the CUDA and cuDNN versions this onnxruntime-gpu was built for.")]
    return []


CHECKS: dict[str, Callable[[Path], list[Check]]] = {
    "data": check_data,
    "encryption": lambda d: [check_encryption(d)],
    "database": check_database,
    "qt": lambda d: [check_qt()],
    "onnxruntime": lambda d: check_onnxruntime(),
    "nvml": lambda d: [check_nvml()],
}


def run_doctor(data_dir: Path, only: list[str] | None = None) -> list[Check]:
    results: list[Check] = []
    for name, check in CHECKS.items():
        if only and name not in only:
            continue
        results.extend(check(data_dir))
    results.extend(_cross_check(results))
    return results


def worst_level(checks: list[Check]) -> str:
    return max((c.level for c in checks), key=LEVELS.index, default="ok")
