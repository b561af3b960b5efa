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
    def refuse(self, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(doctor.Path, "write_bytes", refuse)
    check = doctor.check_data_dir(tmp_path)
    assert check.level == "fail" and "not writable" in check.message and check.fix


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
