"""discover_readers finds what a fake sysfs tree and fake tools say is present, and no more."""

from __future__ import annotations

import subprocess

from devfixtures import DEVICES, sample

from app.telemetry.discovery import discover_readers
from app.telemetry.readers.ascend import AscendReader
from app.telemetry.readers.jetson import JetsonReader
from app.telemetry.sampler import Sampler

NPU_SMI = sample(DEVICES / "npu-smi_310P3_info.txt", "(B)")


def no_tools(name: str) -> None:
    return None


def names(readers) -> list[str]:
    return [r.name for r in readers]


def test_a_plain_box_has_only_the_host(write_tree, tmp_path):
    root = write_tree({"etc/hostname": "box\n"})
    readers = discover_readers(root, data_dir=tmp_path, which=no_tools, nvml_probe=None)
    assert names(readers) == ["host"]
    assert Sampler(readers).sample_once().device("host") is not None


def test_every_sysfs_accelerator_is_found(write_tree, tmp_path):
    root = write_tree({
        "sys/class/devfreq/17000000.ga10b/device/of_node/name": "ga10b\x00",
        "sys/class/devfreq/17000000.ga10b/cur_freq": "306000000\n",
        "sys/class/devfreq/fdab0000.npu/cur_freq": "1000000000\n",
        "sys/class/accel/accel0/device/uevent": "DRIVER=intel_vpu\nPCI_ID=8086:643E\n",
        "sys/class/accel/accel0/device/npu_busy_time_us": "979473\n",
    })
    readers = discover_readers(root, data_dir=tmp_path, which=no_tools, nvml_probe=None)
    assert names(readers) == ["host", "jetson", "intel-npu", "rockchip-npu"]
    jetson = next(r for r in readers if isinstance(r, JetsonReader))
    assert jetson.tegrastats is None  # no tegrastats binary on PATH
    snapshot = Sampler(readers).sample_once()
    assert {d.device_id for d in snapshot.devices} == {"host", "jetson-gpu", "npu-intel0",
                                                       "npu-rk0"}


def test_jetson_with_tegrastats_gets_the_stream_but_does_not_start_it(write_tree, tmp_path):
    root = write_tree({"etc/nv_tegra_release": "# R36 (release), REVISION: 4.4\n"})
    readers = discover_readers(root, data_dir=tmp_path, nvml_probe=None,
                               which=lambda n: "/usr/bin/tegrastats" if n == "tegrastats" else None)
    jetson = next(r for r in readers if isinstance(r, JetsonReader))
    assert jetson.tegrastats is not None and jetson.tegrastats._proc is None


def test_ascend_found_through_npu_smi(write_tree, tmp_path):
    root = write_tree({})
    calls = []

    def run(argv, timeout_s):
        calls.append(list(argv))
        return NPU_SMI

    readers = discover_readers(root, data_dir=tmp_path, run=run, nvml_probe=None,
                               which=lambda n: "/usr/local/bin/npu-smi" if n == "npu-smi" else None)
    assert names(readers) == ["host", "ascend"] and calls == [["npu-smi", "info"]]
    ascend = next(r for r in readers if isinstance(r, AscendReader))
    assert [d.device_id for d in ascend.read()] == ["npu-ascend2-chip0", "npu-ascend2-chip1"]


def test_ascend_timing_out_is_kept_and_failing_is_dropped(write_tree, tmp_path):
    root = write_tree({})
    has_npu_smi = lambda n: "/usr/local/bin/npu-smi" if n == "npu-smi" else None  # noqa: E731

    def hang(argv, timeout_s):
        raise subprocess.TimeoutExpired(argv, timeout_s)

    def fail(argv, timeout_s):
        raise FileNotFoundError(2, "No such file or directory")

    assert names(discover_readers(root, tmp_path, run=hang, which=has_npu_smi,
                                  nvml_probe=None)) == ["host", "ascend"]
    assert names(discover_readers(root, tmp_path, run=fail, which=has_npu_smi,
                                  nvml_probe=None)) == ["host"]
    assert names(discover_readers(root, tmp_path, run=lambda a, t: "garbage",
                                  which=has_npu_smi, nvml_probe=None)) == ["host"]


def test_a_failing_probe_never_stops_discovery(write_tree, tmp_path):
    def broken_probe():
        raise RuntimeError("boom")

    root = write_tree({})
    assert names(discover_readers(root, tmp_path, which=no_tools,
                                  nvml_probe=broken_probe)) == ["host"]
