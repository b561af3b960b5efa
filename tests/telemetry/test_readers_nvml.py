"""The NVML reader through the real nvidia-ml-py binding and a fake libnvidia-ml.so.1.

The fake (fake_nvml/fake_nvml.c) is compiled once per session and found through
LD_LIBRARY_PATH, exactly as the binding finds the real driver library, so each case runs the
reader in a fresh process (fake_nvml/run_reader.py). Its values are checked against the
recorded `nvidia-smi -q` outputs they were copied from.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from devfixtures import DEVICES

from app.telemetry.readers.nvml import GPU_LOST, NO_DRIVER, decode_clock_reasons

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RUNNER = HERE / "fake_nvml" / "run_reader.py"


@pytest.fixture(scope="session")
def fake_nvml(tmp_path_factory) -> Path:
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc not found: cannot build the fake libnvidia-ml.so.1")
    libdir = tmp_path_factory.mktemp("fake_nvml")
    subprocess.run([gcc, "-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o",
                    str(libdir / "libnvidia-ml.so.1"), str(HERE / "fake_nvml" / "fake_nvml.c")],
                   check=True, capture_output=True, timeout=60)
    return libdir


def run_reader(libdir: Path, model: str = "a100", fault: str = "none", *args: str,
               **env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FAKE_NVML")}
    environment.update(LD_LIBRARY_PATH=str(libdir), PYTHONPATH=str(ROOT),
                       FAKE_NVML_MODEL=model, FAKE_NVML_FAULT=fault, **env)
    proc = subprocess.run([sys.executable, str(RUNNER), *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def smi_q(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """`nvidia-smi -q` as ({top-level key: value}, [{'Section/Key': value} per GPU]); nesting
    is by 4-space indentation and the first occurrence of a path wins."""
    top: dict[str, str] = {}
    gpus: list[dict[str, str]] = []
    stack: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("="):
            continue
        if re.match(r"^GPU [0-9A-Fa-f]{8}:", line):
            gpus.append({})
            continue
        key, _, value = line.strip().partition(":")
        if not gpus:
            top[key.strip()] = value.strip()
            continue
        level = (len(line) - len(line.lstrip())) // 4 - 1
        stack = [*stack[:level], key.strip()]
        gpus[-1].setdefault("/".join(stack), value.strip())
    return top, gpus


def number(text: str) -> float:
    return float(text.split()[0].rstrip("x"))


def check_against_smi(snapshot: dict, smi: dict[str, str]) -> None:
    readings = {k: r for k, r in snapshot["readings"].items()}

    def value(key):
        assert readings[key]["supported"], (key, readings[key])
        return readings[key]["value"]

    power = smi.get("GPU Power Readings/Power Draw") or smi["Power Readings/Power Draw"]
    limit = smi.get("GPU Power Readings/Current Power Limit") or \
        smi["Power Readings/Enforced Power Limit"]
    assert snapshot["name"] == smi["Product Name"]
    assert snapshot["details"]["uuid"] == smi["GPU UUID"]
    assert snapshot["details"]["pci_bus_id"] == smi["PCI/Bus Id"]
    assert value("gpu.temp") == number(smi["Temperature/GPU Current Temp"])
    assert value("gpu.power") == pytest.approx(number(power))
    assert value("gpu.power.limit") == number(limit)
    assert value("gpu.clock.sm") == number(smi["Clocks/SM"])
    assert value("gpu.clock.mem") == number(smi["Clocks/Memory"])
    assert value("gpu.mem.total") == number(smi["FB Memory Usage/Total"])
    assert value("gpu.mem.used") == number(smi["FB Memory Usage/Used"])
    assert value("gpu.util") == number(smi["Utilization/Gpu"])
    assert value("gpu.memctl.util") == number(smi["Utilization/Memory"])
    assert f"P{int(value('gpu.pstate'))}" == smi["Performance State"]
    assert value("gpu.pcie.gen") == number(smi["PCI/GPU Link Info/PCIe Generation/Current"])
    assert value("gpu.pcie.width") == number(smi["PCI/GPU Link Info/Link Width/Current"])
    assert value("gpu.pcie.tx") == number(smi["PCI/Tx Throughput"]) / 1000
    assert value("gpu.pcie.rx") == number(smi["PCI/Rx Throughput"]) / 1000
    fan = readings["gpu.fan"]
    if smi["Fan Speed"] == "N/A":
        assert (fan["value"], fan["supported"]) == (None, False)
        assert fan["note"] == "not supported by this device"
    else:
        assert fan["value"] == number(smi["Fan Speed"])
    ecc = readings["gpu.ecc.corrected"]
    dram = smi["ECC Errors/Volatile/DRAM Correctable"]
    if dram == "N/A":
        assert (ecc["value"], ecc["supported"]) == (None, False)
    else:
        assert ecc["value"] == number(dram) + number(smi["ECC Errors/Volatile/SRAM Correctable"])
    section = "Clocks Event Reasons" if "Clocks Event Reasons/Idle" in smi else \
        "Clocks Throttle Reasons"
    active = readings["gpu.throttle"]["note"]
    assert ("SW power cap" in active) == (smi[f"{section}/SW Power Cap"] == "Active")
    assert ("GPU idle" in active) == (smi[f"{section}/Idle"] == "Active")
    processes = snapshot["details"]["processes"]
    if smi.get("Processes") == "None":
        assert processes == []
    else:
        assert processes[0]["pid"] == int(smi["Processes/Process ID"])
        assert processes[0]["name"] == smi["Processes/Process ID/Name"]
        assert processes[0]["gpu_memory_mib"] == number(smi["Processes/Process ID/Used GPU Memory"])


@pytest.mark.parametrize("model, fixture, count", [
    ("a100", "nvidia-smi-q_A100-SXM4-80GB-x4.txt", 4),
    ("rtx4090", "nvidia-smi-q_RTX4090-x8_swpowercap.txt", 2),
    ("t4", "nvidia-smi-q_T4.txt", 1),
])
def test_readings_match_the_recorded_nvidia_smi_output(fake_nvml, model, fixture, count):
    out = run_reader(fake_nvml, model)
    top, gpus = smi_q(DEVICES / fixture)
    assert out["probe"] and out["state"] == "ok"
    snapshots = out["reads"][0]
    assert [s["device_id"] for s in snapshots] == [f"gpu{i}" for i in range(count)]
    for snapshot, smi in zip(snapshots, gpus[:count], strict=True):
        assert snapshot["kind"] == "gpu" and snapshot["error"] is None
        assert snapshot["details"]["driver_version"] == top["Driver Version"]
        assert snapshot["details"]["cuda_version"] == top["CUDA Version"]
        check_against_smi(snapshot, smi)


def test_specific_cases_a100_ecc_rtx_power_cap_and_t4_mps(fake_nvml):
    a100 = run_reader(fake_nvml, "a100")["reads"][0]
    assert a100[1]["readings"]["gpu.ecc.corrected"]["value"] == 353
    assert a100[1]["readings"]["gpu.ecc.corrected"]["window"].startswith("since the driver")
    util = a100[0]["readings"]["gpu.util"]
    assert util["window"] == "driver sample period, 1/6 s to 1 s" and util["unit"] == "%"
    rtx = run_reader(fake_nvml, "rtx4090")["reads"][0]
    busy = rtx[1]
    assert busy["readings"]["gpu.throttle"]["note"] == "SW power cap"
    active = busy["readings"]["gpu.throttle.active"]
    assert (active["value"], active["note"]) == (1.0, "SW power cap")
    assert busy["details"]["clock_reasons"] == ["SW power cap"]
    assert busy["details"]["processes"] == [{"pid": 1285135, "name": "/usr/bin/python",
                                             "type": "compute", "gpu_memory_mib": 21602.0}]
    ecc = busy["readings"]["gpu.ecc.uncorrected"]
    assert (ecc["value"], ecc["supported"], ecc["note"]) == (
        None, False, "not supported by this device")
    assert "346 MiB reserved" in busy["readings"]["gpu.mem.used"]["note"]
    t4 = run_reader(fake_nvml, "t4")["reads"][0][0]  # pre-535: ThrottleReasons fallback
    assert t4["readings"]["gpu.throttle"]["note"] == "GPU idle"
    idle = t4["readings"]["gpu.throttle.active"]  # idle is not throttling: no false alarm
    assert (idle["value"], idle["note"]) == (0.0, "not throttled")
    assert t4["details"]["processes"][0]["name"] == "nvidia-cuda-mps-server"


def test_no_library_means_no_reader_and_a_clear_state(tmp_path):
    try:
        ctypes.CDLL("libnvidia-ml.so.1")
    except OSError:
        pass
    else:
        pytest.skip("this machine has a real libnvidia-ml.so.1")
    empty = tmp_path / "empty"
    empty.mkdir()
    out = run_reader(empty)
    assert out["probe"] is False and out["present"] is False
    assert out["state"] == f"{NO_DRIVER} (libnvidia-ml.so.1 not found)"
    assert out["reads"] == [[]]


def test_driver_library_mismatch_is_shown_not_hidden(fake_nvml):
    out = run_reader(fake_nvml, "a100", "mismatch")
    assert out["probe"] is True
    recorded = (DEVICES / "nvml-errors.txt").read_text()
    assert "Failed to initialize NVML: Driver/library version mismatch" in recorded
    assert out["state"].startswith("NVML failed to initialise: Driver/library version mismatch")
    [error] = out["reads"][0]
    assert error["device_id"] == "nvml" and "reboot after a driver update" in error["error"]


def test_unknown_error_at_init_in_a_container(fake_nvml):
    out = run_reader(fake_nvml, "a100", "unknown_init")
    assert out["state"] == "NVML failed to initialise: Unknown Error"
    assert "Failed to initialize NVML: Unknown Error" in (DEVICES / "nvml-errors.txt").read_text()


@pytest.mark.parametrize("fault", ["lost", "lost_handle"])
def test_a_lost_gpu_is_flagged_and_the_others_carry_on(fake_nvml, fault):
    snapshots = run_reader(fake_nvml, "a100", fault)["reads"][0]
    lost = snapshots[1]
    assert lost["error"].startswith(GPU_LOST) and "fallen off the bus" in lost["error"]
    assert lost["details"]["lost"] is True and lost["readings"] == {}
    assert all(s["error"] is None for i, s in enumerate(snapshots) if i != 1)
    assert snapshots[0]["details"]["lost"] is False


def test_gpu_lost_after_init_keeps_its_name(fake_nvml, tmp_path):
    flag = tmp_path / "lost"
    out = run_reader(fake_nvml, "rtx4090", "none", "--reads", "2", "--lose-before-read", "2",
                     "--flag", str(flag), FAKE_NVML_LOST_FLAG=str(flag))
    before, after = out["reads"]
    assert before[1]["error"] is None and before[1]["readings"]["gpu.util"]["value"] == 97
    assert after[1]["error"].startswith(GPU_LOST)
    assert after[1]["name"] == "NVIDIA GeForce RTX 4090"
    assert after[1]["details"]["uuid"] == "GPU-8f4d1755-9c8a-3a19-b71e-c190b3801dec"
    assert after[0]["error"] is None


def test_discovery_finds_nvml_through_the_binding(fake_nvml, tmp_path):
    out = run_reader(fake_nvml, "t4", "none", "--discover-root", str(tmp_path))
    assert out["readers"] == ["host", "nvml"]


def test_clock_reason_words():
    assert decode_clock_reasons(0) == []
    assert decode_clock_reasons(0x4) == ["SW power cap"]
    assert decode_clock_reasons(0x41) == ["GPU idle", "HW thermal slowdown"]
    assert decode_clock_reasons(0x88) == ["HW slowdown", "HW power brake slowdown"]
    assert decode_clock_reasons(0x400) == ["other (0x400)"]
