from __future__ import annotations

import sys
import types

import pytest

from app.system import doctor
from app.system.doctor import Check, worst_level


def test_worst_level_orders_levels():
    assert worst_level([]) == "ok"
    assert worst_level([Check("a", "ok", ""), Check("b", "info", "")]) == "info"
    assert worst_level([Check("a", "warn", ""), Check("b", "fail", "")]) == "fail"


def test_low_disk_space_fails(tmp_path, monkeypatch):
    usage = types.SimpleNamespace(total=10, used=10, free=100 * 1024**2)
    monkeypatch.setattr(doctor.shutil, "disk_usage", lambda path: usage)
    check = doctor.check_data_dir(tmp_path)
    assert check.level == "fail" and "Almost no space" in check.message


def test_unwritable_data_dir_fails_with_a_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(doctor.os, "access", lambda path, mode: False)
    check = doctor.check_data_dir(tmp_path)
    assert check.level == "fail" and "not writable" in check.message and check.fix
    assert list(tmp_path.iterdir()) == []  # found out without writing a probe file


def test_doctor_on_a_missing_data_folder_reports_it_creates_nothing_and_checks_the_rest(
        tmp_path):
    missing = tmp_path / "no-such-box"
    checks = {c.name: c for c in doctor.run_doctor(missing, ["data", "database",
                                                             "onnxruntime"])}
    assert checks["data folder"].level == "fail"
    assert f"No EdgeDeck data folder at {missing}" in checks["data folder"].message
    assert checks["database"].level == "fail"
    assert checks["onnxruntime"].level == "ok"
    assert not missing.exists()


def _fake_pynvml(monkeypatch, init_error=None, count=2, driver=b"535.129.03"):
    module = types.ModuleType("pynvml")

    class NVMLError(Exception):
        pass

    class NVMLError_LibraryNotFound(NVMLError):  # noqa: N801 - the binding's own names
        pass

    class NVMLError_DriverNotLoaded(NVMLError):  # noqa: N801
        pass

    class NVMLError_LibRmVersionMismatch(NVMLError):  # noqa: N801
        pass

    module.NVMLError = NVMLError
    module.NVMLError_LibraryNotFound = NVMLError_LibraryNotFound
    module.NVMLError_DriverNotLoaded = NVMLError_DriverNotLoaded
    module.NVMLError_LibRmVersionMismatch = NVMLError_LibRmVersionMismatch

    def init():
        if init_error == "missing":
            raise NVMLError_LibraryNotFound("NVML Shared Library Not Found")
        if init_error == "mismatch":
            raise NVMLError_LibRmVersionMismatch("RM has detected an NVML/RM version mismatch.")
        if init_error == "container":
            raise NVMLError("Unknown Error")

    module.nvmlInit = init
    module.nvmlShutdown = lambda: None
    module.nvmlDeviceGetCount = lambda: count
    module.nvmlDeviceGetCount_v2 = lambda: count
    module.nvmlSystemGetDriverVersion = lambda: driver
    module.nvmlSystemGetCudaDriverVersion = lambda: 12050
    monkeypatch.setitem(sys.modules, "pynvml", module)


@pytest.mark.parametrize("case,level,text", [
    ("missing", "info", "no NVIDIA driver (libnvidia-ml.so.1 not found)"),
    ("mismatch", "fail", "Driver/library version mismatch"),
    ("container", "fail", "NVML failed to initialise: Unknown Error"),
    (None, "ok", "NVIDIA driver 535.129.03, CUDA 12.5, 2 GPU(s)"),
])
def test_nvml_states(monkeypatch, case, level, text):
    _fake_pynvml(monkeypatch, case)
    check = doctor.check_nvml()
    assert check.level == level and text in check.message


def test_gpu_present_but_cuda_not_loading_is_a_failure():
    checks = [Check("nvml", "ok", "NVIDIA driver 550, 1 GPU(s)"),
              Check("provider CUDAExecutionProvider", "warn", "listed but does not load")]
    extra = doctor._cross_check(checks)
    assert extra and extra[0].level == "fail" and "CUDA provider" in extra[0].message


def test_no_gpu_and_cuda_not_loading_is_only_a_warning():
    checks = [Check("nvml", "info", "No NVIDIA driver"),
              Check("provider CUDAExecutionProvider", "warn", "listed but does not load")]
    assert doctor._cross_check(checks) == []


def test_tampered_audit_trail_fails_the_doctor(ctx, admin):
    conn = ctx.store.conn
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor='mallory' WHERE seq=1")
    checks = {c.name: c for c in doctor.check_database(ctx.data_dir)}
    assert checks["audit trail"].level == "fail"
    assert "record #1" in checks["audit trail"].message


def _part(device, mountpoint, fstype="ext4"):
    return types.SimpleNamespace(device=device, mountpoint=mountpoint, fstype=fstype)


def _fake_sys(tmp_path, name, uuid):
    (tmp_path / "sys" / "block" / name / "dm").mkdir(parents=True)
    (tmp_path / "sys" / "block" / name / "dm" / "uuid").write_text(uuid + "\n")
    (tmp_path / "dev" / "mapper").mkdir(parents=True, exist_ok=True)
    (tmp_path / "dev" / name).write_text("")
    (tmp_path / "dev" / "mapper" / "data").symlink_to(tmp_path / "dev" / name)


def test_luks_volume_is_recognised(tmp_path):
    _fake_sys(tmp_path, "dm-0", "CRYPT-LUKS2-0123abcd-data")
    parts = [_part("/dev/sda1", "/"), _part("/dev/mapper/data", "/srv")]
    from pathlib import Path

    encrypted, how = doctor.volume_encryption(Path("/srv/edgedeck"), parts, sys_root=tmp_path)
    assert encrypted is True and "LUKS2" in how


def test_plain_device_mapper_and_plain_disk_are_not_encrypted(tmp_path):
    from pathlib import Path

    _fake_sys(tmp_path, "dm-1", "LVM-abcdef")
    parts = [_part("/dev/sda1", "/"), _part("/dev/mapper/data", "/srv")]
    assert doctor.volume_encryption(Path("/srv/x"), parts, tmp_path)[0] is False
    assert doctor.volume_encryption(Path("/home/x"), parts, tmp_path)[0] is False


def test_encrypting_file_systems_and_unknowns(tmp_path):
    from pathlib import Path

    parts = [_part("/dev/sda1", "/"), _part("/home/.secret", "/home/u", "ecryptfs"),
             _part("overlay", "/container", "overlay")]
    assert doctor.volume_encryption(Path("/home/u/data"), parts, tmp_path)[0] is True
    assert doctor.volume_encryption(Path("/container/data"), parts, tmp_path)[0] is None


def test_encryption_check_is_advice_not_failure(tmp_path):
    check = doctor.check_encryption(tmp_path)
    assert check.level in ("ok", "info") and check.name == "encryption"
