"""Rockchip RKNPU: every recorded `rknpu/load` line, overflow values, debugfs permissions."""

from __future__ import annotations

import os

import pytest
from devfixtures import DEVICES, denying_opener, sample, split_samples

from app.telemetry.readers.rockchip import (
    RockchipNpuReader,
    has_rknpu,
    parse_rknpu_load,
)

RK3588 = DEVICES / "rknpu_rk3588.txt"
RV1126B = DEVICES / "rknpu_single-core_RV1126B.txt"

EXPECTED_RK3588 = {
    "rknn-toolkit2 issue #269": [21, 11, 0],
    "rktop issue #5": [63, 65, 64],
    "beszel issue #885": [86, 84, 61],
    "rknpu2 issue #102": [99, 99, 429496],
    "Rockchip-FFmpeg-Builds issue #3": [4, 0, 0],
}


def test_every_recorded_multi_core_sample():
    seen = set()
    for label, text in split_samples(RK3588):
        expected = next((v for k, v in EXPECTED_RK3588.items() if k in label), None)
        if expected is None:
            with pytest.raises(ValueError):  # the dmesg sample has no load line
                parse_rknpu_load(text)
            continue
        cores = parse_rknpu_load(text)
        assert [c.percent for c in cores] == expected, label
        assert [c.index for c in cores] == [0, 1, 2]
        seen.add(label)
    assert len(seen) == len(EXPECTED_RK3588)


def test_single_core_samples():
    lines = [ln for _, t in split_samples(RV1126B) for ln in t.splitlines() if ln.strip()]
    assert [parse_rknpu_load(ln)[0].percent for ln in lines] == [0, 48]
    assert parse_rknpu_load(lines[1])[0].index is None


@pytest.mark.parametrize("line, expected", [
    ("NPU load:  Core0:   %, Core1: 12%, Core2:  0%,", [0, 12, 0]),  # '%2.d' prints 0 as blanks
    ("NPU load:  Core0: 63%, Core1: 65%, Core2: 64%", [63, 65, 64]),  # no trailing comma
    ("NPU load:  Core0:100%, Core1:  7%,", [100, 7]),                # RK3576-like 2 cores
    ("NPU load:   %", [0]),
])
def test_padding_variants(line, expected):
    assert [c.percent for c in parse_rknpu_load(line + "\n")] == expected


@pytest.mark.parametrize("garbage", ["", "0\n", "load = 59%", "NPU load: n/a"])
def test_garbage(garbage):
    with pytest.raises(ValueError):
        parse_rknpu_load(garbage)


def rk3588_tree(write_tree, load: str, **extra: str):
    freq_sample = sample(RK3588, "Rockchip-FFmpeg-Builds")
    lines = freq_sample.splitlines()
    freq = lines[lines.index("# cat /sys/kernel/debug/rknpu/freq ") + 1]
    volt = lines[lines.index("# cat /sys/kernel/debug/rknpu/volt ") + 1]
    assert (freq, volt) == ("1000000000", "800000")
    files = {
        "sys/kernel/debug/rknpu/load": load,
        "sys/kernel/debug/rknpu/freq": freq + "\n",
        "sys/kernel/debug/rknpu/volt": volt + "\n",
        "sys/class/devfreq/fdab0000.npu/cur_freq": freq + "\n",
        "proc/device-tree/compatible": "xunlong,orangepi-5\x00rockchip,rk3588\x00",
    }
    files.update(extra)
    return write_tree(files)


def test_reader_on_an_orange_pi_5(write_tree):
    root = rk3588_tree(write_tree, sample(RK3588, "rktop issue #5"))
    assert has_rknpu(root)
    npu = RockchipNpuReader(root).read()[0]
    assert (npu.device_id, npu.kind) == ("npu-rk0", "npu")
    assert npu.name == "Rockchip RK3588 NPU (3 cores)"
    assert npu.value("npu.core0.util") == 63 and npu.value("npu.core2.util") == 64
    assert npu.value("npu.util") == pytest.approx(64.0)
    assert npu.readings["npu.core0.util"].window.startswith("the driver's 1 s load interval")
    assert npu.value("npu.freq") == 1000.0 and npu.value("npu.volt") == 800.0


def test_overflowed_core_is_not_trusted(write_tree):
    root = rk3588_tree(write_tree, sample(RK3588, "rknpu2 issue #102"))
    npu = RockchipNpuReader(root).read()[0]
    core2 = npu.readings["npu.core2.util"]
    assert (core2.value, core2.supported) == (None, False)
    assert "429496" in core2.note and "overflow" in core2.note
    assert npu.value("npu.util") == 99.0
    assert "2 of 3 cores" in npu.readings["npu.util"].note


def test_debugfs_needs_root_but_devfreq_still_gives_the_clock(write_tree):
    root = rk3588_tree(write_tree, sample(RK3588, "rktop issue #5"))
    npu = RockchipNpuReader(root, opener=denying_opener("kernel/debug")).read()[0]
    util = npu.readings["npu.util"]
    assert (util.value, util.supported) == (None, False)
    assert util.note == ("needs root: run as root or grant read access to "
                         f"{root}/sys/kernel/debug/rknpu/load")
    assert npu.value("npu.freq") == 1000.0
    assert npu.readings["npu.volt"].note.startswith("needs root:")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_chmod_000_load_file(write_tree):
    root = rk3588_tree(write_tree, sample(RK3588, "rktop issue #5"))
    (root / "sys/kernel/debug/rknpu/load").chmod(0)
    util = RockchipNpuReader(root).read()[0].readings["npu.util"]
    assert util.supported is False and util.note.startswith("needs root:")


def test_single_core_board_and_missing_files(write_tree):
    root = write_tree({"sys/kernel/debug/rknpu/load": "NPU load: 48%\n",
                       "proc/device-tree/compatible": "rockchip,rv1126b-evb\x00rockchip,rv1126b"})
    npu = RockchipNpuReader(root).read()[0]
    assert npu.name == "Rockchip RV1126B NPU" and npu.value("npu.util") == 48
    assert "npu.core0.util" not in npu.readings
    freq = npu.readings["npu.freq"]
    assert freq.supported is False and "does not exist" in freq.note
    bare = write_tree({"etc/hostname": "x\n"}, "bare")
    assert not has_rknpu(bare)


def test_garbage_load_file(write_tree):
    root = rk3588_tree(write_tree, "RKNPU: power off\n")
    util = RockchipNpuReader(root).read()[0].readings["npu.util"]
    assert util.supported is False and "unreadable load file" in util.note
