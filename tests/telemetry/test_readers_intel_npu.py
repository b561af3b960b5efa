"""Intel NPU: utilisation from the busy-time counter, at most one read per second."""

from __future__ import annotations

import re

import pytest
from devfixtures import DEVICES, denying_opener, sample

from app.telemetry.readers.intel_npu import IntelNpuReader, find_intel_npus

LUNAR_LAKE = DEVICES / "intel-npu_lunarlake_sysfs.txt"
ACCEL = "sys/class/accel/accel0/device"


def recorded_values() -> dict[str, str]:
    """'$ cat $ACCEL/<file>' followed by its value, as captured on the Lunar Lake laptop."""
    text = sample(LUNAR_LAKE, "verbatim")
    values = dict(re.findall(r"^\$ cat \$ACCEL/(\S+)\n(\S+)$", text, re.M))
    uevent = re.search(r"device/uevent\n((?:[A-Z_]+=.*\n)+)", text)
    assert uevent
    values["uevent"] = uevent.group(1)
    return values


class Clock:
    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def lunar_lake_tree(write_tree, **overrides: str):
    values = recorded_values()
    assert values["npu_busy_time_us"] == "979473"
    files = {f"{ACCEL}/{name}": value + "\n" for name, value in values.items()
             if name != "uevent"}
    files[f"{ACCEL}/uevent"] = values["uevent"]
    files.update({f"{ACCEL}/{k}": v for k, v in overrides.items()})
    return write_tree(files)


def test_recorded_lunar_lake_values(write_tree):
    root = lunar_lake_tree(write_tree)
    assert [i for i, _ in find_intel_npus(root)] == [0]
    clock = Clock()
    reader = IntelNpuReader(root, clock=clock)
    npu = reader.read()[0]
    assert (npu.device_id, npu.kind) == ("npu-intel0", "npu")
    assert npu.name == "Intel NPU (Lunar Lake, 8086:643E)"
    util = npu.readings["npu.util"]
    assert util.supported is False and "first read" in util.note
    freq = npu.readings["npu.freq"]
    assert (freq.value, freq.supported, freq.note) == (0.0, True, "device suspended")
    assert npu.value("npu.freq.max") == 1900
    assert npu.value("npu.mem.used") == pytest.approx(68714496 / 1024**2)
    assert npu.details["runtime_status"] == "suspended" and npu.details["power_state"] == "D3hot"


def test_utilisation_is_busy_delta_over_wall_time_and_reads_at_most_once_a_second(write_tree):
    root = lunar_lake_tree(write_tree)
    busy = root / ACCEL / "npu_busy_time_us"
    clock = Clock(100.0)
    reader = IntelNpuReader(root, clock=clock)
    reader.read()
    busy.write_text(f"{979473 + 500_000}\n")
    clock.now = 101.0
    first = reader.read()[0]
    assert first.value("npu.util") == pytest.approx(50.0)
    assert first.readings["npu.util"].window == \
        "busy time delta over the 1.0 s since the previous read"
    busy.write_text(f"{979473 + 1_500_000}\n")
    clock.now = 101.4  # too soon: the previous snapshot, the counter untouched
    assert reader.read()[0] is first
    clock.now = 103.0
    later = reader.read()[0]
    assert later.value("npu.util") == pytest.approx(50.0)  # 1 s busy over 2 s
    assert "2.0 s" in later.readings["npu.util"].window


def test_busy_counter_going_backwards_is_not_a_negative_load(write_tree):
    root = lunar_lake_tree(write_tree)
    clock = Clock()
    reader = IntelNpuReader(root, clock=clock)
    reader.read()
    (root / ACCEL / "npu_busy_time_us").write_text("12\n")
    clock.now += 1.5
    util = reader.read()[0].readings["npu.util"]
    assert util.supported is False and "backwards" in util.note


def test_active_device_idle_frequency_note(write_tree):
    root = lunar_lake_tree(write_tree, **{"power/runtime_status": "active\n"})
    freq = IntelNpuReader(root, clock=Clock()).read()[0].readings["npu.freq"]
    assert freq.value == 0.0 and "idle" in freq.note


def test_older_kernel_without_frequency_or_memory_files(write_tree):
    root = write_tree({f"{ACCEL}/npu_busy_time_us": "5\n",
                       f"{ACCEL}/uevent": "DRIVER=intel_vpu\nPCI_ID=8086:7D1D\n"})
    npu = IntelNpuReader(root, clock=Clock()).read()[0]
    assert npu.name == "Intel NPU (Meteor Lake, 8086:7D1D)"
    for key in ("npu.freq", "npu.freq.max", "npu.mem.used"):
        reading = npu.readings[key]
        assert reading.supported is False and reading.value is None
        assert "newer kernels" in reading.note


def test_newer_kernel_freq_directory(write_tree):
    root = write_tree({f"{ACCEL}/npu_busy_time_us": "5\n",
                       f"{ACCEL}/freq/current_freq": "1400\n",
                       f"{ACCEL}/freq/hw_max_freq": "1950\n",
                       f"{ACCEL}/uevent": "DRIVER=intel_vpu\n"})
    npu = IntelNpuReader(root, clock=Clock()).read()[0]
    assert (npu.value("npu.freq"), npu.value("npu.freq.max")) == (1400, 1950)
    assert npu.name == "Intel NPU"


def test_permission_denied_and_garbage(write_tree):
    root = lunar_lake_tree(write_tree, npu_max_frequency_mhz="n/a\n")
    reader = IntelNpuReader(root, opener=denying_opener("npu_busy_time_us"), clock=Clock())
    npu = reader.read()[0]
    util = npu.readings["npu.util"]
    assert util.supported is False and util.note.startswith("needs root:")
    assert "unexpected value" in npu.readings["npu.freq.max"].note


def test_no_accel_nodes(write_tree):
    root = write_tree({"sys/class/accel/accel1/device/uevent": "DRIVER=amdxdna\n"})
    assert find_intel_npus(root) == []
    assert IntelNpuReader(root).read() == []
