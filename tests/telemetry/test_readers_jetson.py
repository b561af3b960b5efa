"""Jetson: devfreq GPU load/clocks, DLA/PVA debugfs clocks, and tegrastats as a live stream."""

from __future__ import annotations

import os
import re
import sys
import textwrap
import time

import pytest
from devfixtures import DEVICES, denying_lister, denying_opener, sample, sample_lines

from app.telemetry.readers.jetson import (
    JetsonReader,
    TegrastatsReader,
    find_gpu_devfreq,
    is_jetson,
    parse_tegrastats_line,
)
from app.telemetry.sampler import Sampler

SYSFS = DEVICES / "jetson-sysfs_OrinNanoSuper_JP7.2.1.txt"


def orin_nano_tree(write_tree, load: str | None = "345\n", extra: dict | None = None):
    """A fake Orin Nano Super from the recorded jetson_clocks and thermal-zone values."""
    clocks = sample(SYSFS, "jetson_clocks")
    gpu = re.search(r"GPU MinFreq=(\d+) MaxFreq=(\d+) CurrentFreq=(\d+)", clocks)
    assert gpu
    zones = re.findall(r"^(\S+-thermal)\s+(-?[\d.]+) C$", sample(SYSFS, "thermal zones"), re.M)
    assert ("gpu-thermal", "46.7") in zones
    devfreq = "sys/class/devfreq/17000000.gpu"
    files = {
        "etc/nv_tegra_release": "# R39 (release), REVISION: 2.1\n",
        f"{devfreq}/device/of_node/name": "gpu\x00",
        f"{devfreq}/min_freq": gpu.group(1) + "\n",
        f"{devfreq}/max_freq": gpu.group(2) + "\n",
        f"{devfreq}/cur_freq": gpu.group(3) + "\n",
        f"{devfreq}/governor": "nvhost_podgov\n",
        "sys/class/devfreq/3d00000.nvdla/device/of_node/name": "nvdla\x00",  # not the GPU
    }
    if load is not None:
        files[f"{devfreq}/device/load"] = load
    for index, (kind, celsius) in enumerate(zones):
        files[f"sys/class/thermal/thermal_zone{index}/type"] = kind + "\n"
        files[f"sys/class/thermal/thermal_zone{index}/temp"] = \
            f"{round(float(celsius) * 1000)}\n"
    files.update(extra or {})
    return write_tree(files)


# DLA/PVA clock nodes as jetson_stats enumerates them; no recorded debugfs capture exists, so the
# rates are plausible Orin values (DLA 1.6 GHz max), not measured ones.
ENGINES = {
    "sys/bus/platform/devices/15880000.nvdla0/uevent": "",
    "sys/bus/platform/devices/158c0000.nvdla1/uevent": "",
    "sys/bus/platform/devices/16000000.pva0/uevent": "",
    "sys/kernel/debug/clk/dla0_core/clk_enable_count": "1\n",
    "sys/kernel/debug/clk/dla0_core/clk_rate": "1600000000\n",
    "sys/kernel/debug/clk/dla0_falcon/clk_enable_count": "1\n",
    "sys/kernel/debug/clk/dla0_falcon/clk_rate": "640000000\n",
    "sys/kernel/debug/clk/dla1_core/clk_enable_count": "0\n",
    "sys/kernel/debug/clk/dla1_core/clk_rate": "1600000000\n",
    "sys/kernel/debug/clk/pva0_vps0/clk_enable_count": "0\n",
    "sys/kernel/debug/clk/pva0_vps0/clk_rate": "115200000\n",
}


def test_devfreq_gpu_load_clocks_and_thermal_zone(write_tree):
    root = orin_nano_tree(write_tree)
    assert find_gpu_devfreq(root).name == "17000000.gpu"
    assert is_jetson(root)
    gpu = JetsonReader(root).read()[0]
    assert gpu.device_id == "jetson-gpu" and gpu.kind == "gpu"
    util = gpu.readings["gpu.util"]
    assert (util.value, util.unit, util.supported) == (34.5, "%", True)
    assert "driver" in util.window
    assert gpu.value("gpu.freq") == 306.0
    assert gpu.value("gpu.freq.max") == 918.0 and gpu.value("gpu.freq.min") == 306.0
    assert gpu.value("gpu.temp") == pytest.approx(46.7)
    assert gpu.details["governor"] == "nvhost_podgov"


def test_dla_and_pva_on_off_and_clock_from_debugfs(write_tree):
    root = orin_nano_tree(write_tree, extra=ENGINES)
    devices = {d.device_id: d for d in JetsonReader(root).read()}
    assert set(devices) == {"jetson-gpu", "jetson-dla0", "jetson-dla1", "jetson-pva0"}
    dla0, dla1, pva0 = devices["jetson-dla0"], devices["jetson-dla1"], devices["jetson-pva0"]
    assert dla0.kind == "npu" and dla0.details["clock"].endswith("dla0_core")
    assert (dla0.value("dla.on"), dla0.value("dla.freq")) == (1.0, 1600.0)
    assert (dla1.value("dla.on"), dla1.value("dla.freq")) == (0.0, 1600.0)
    assert (pva0.value("pva.on"), pva0.value("pva.freq")) == (0.0, 115.2)
    util = dla0.readings["dla.util"]
    assert util.supported is False and "no utilisation counter" in util.note


def test_debugfs_denied_says_needs_root_never_zero(write_tree):
    root = orin_nano_tree(write_tree, extra=ENGINES)
    reader = JetsonReader(root, listdir=denying_lister("kernel/debug"))
    devices = {d.device_id: d for d in reader.read()}
    for device_id, prefix in (("jetson-dla0", "dla"), ("jetson-pva0", "pva")):
        on = devices[device_id].readings[f"{prefix}.on"]
        assert (on.value, on.supported) == (None, False)
        assert on.note == ("needs root: run as root or grant read access to "
                           f"{root}/sys/kernel/debug/clk")


def test_unreadable_clock_file_and_gpu_load_say_needs_root(write_tree):
    root = orin_nano_tree(write_tree, extra=ENGINES)
    reader = JetsonReader(root, opener=denying_opener("clk_rate", "device/load"))
    devices = {d.device_id: d for d in reader.read()}
    freq = devices["jetson-dla0"].readings["dla.freq"]
    assert freq.supported is False and freq.note.startswith("needs root:")
    assert devices["jetson-dla0"].value("dla.on") == 1.0
    util = devices["jetson-gpu"].readings["gpu.util"]
    assert util.supported is False and util.value is None
    assert util.note.endswith("17000000.gpu/device/load")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_chmod_000_load_file_says_needs_root(write_tree):
    root = orin_nano_tree(write_tree)
    load = root / "sys/class/devfreq/17000000.gpu/device/load"
    load.chmod(0)
    util = JetsonReader(root).read()[0].readings["gpu.util"]
    assert util.supported is False and util.note.startswith("needs root:")


def test_debugfs_denied_falls_back_to_tegrastats_engine_states(write_tree):
    root = orin_nano_tree(write_tree, extra=ENGINES)
    line = sample_lines(DEVICES / "tegrastats_AGX-Orin-64GB_JP6.txt")[0]

    class Latest:
        interval_ms = 1000

        def latest(self):
            return parse_tegrastats_line(line), None

    reader = JetsonReader(root, listdir=denying_lister("kernel/debug"), tegrastats=Latest())
    devices = {d.device_id: d for d in reader.read()}
    dla0 = devices["jetson-dla0"]
    assert (dla0.value("dla.on"), dla0.readings["dla.on"].note) == (0.0, "from tegrastats")
    assert devices["jetson-gpu"].value("gpu.power") == pytest.approx(2.798)
    assert "VDD_GPU_SOC" in devices["jetson-gpu"].readings["gpu.power"].note
    soc = devices["jetson-soc"]
    assert soc.value("ram.total") == 62841 and soc.value("temp.gpu") == 40.093


def test_thor_devfreq_without_load_file(write_tree):
    root = write_tree({
        "sys/class/devfreq/gpu-gpc-0/cur_freq": "0\n",
        "sys/class/devfreq/gpu-gpc-0/max_freq": "1575000000\n",
        "sys/class/devfreq/gpu-gpc-0/min_freq": "0\n",
    })
    gpu = JetsonReader(root).read()[0]
    util = gpu.readings["gpu.util"]
    assert util.supported is False and "Thor" in util.note
    assert gpu.value("gpu.freq") == 0.0 and gpu.value("gpu.freq.max") == 1575.0


def test_missing_files_and_garbage_give_notes(write_tree):
    root = orin_nano_tree(write_tree, load="not a number\n")
    gpu = JetsonReader(root).read()[0]
    assert gpu.readings["gpu.util"].supported is False
    empty = write_tree({"etc/hostname": "box\n"}, "empty")
    assert not is_jetson(empty)
    bare = JetsonReader(empty).read()[0]
    assert bare.readings["gpu.util"].supported is False
    assert "does not exist" in bare.readings["gpu.util"].note
    assert bare.readings["gpu.temp"].note == "no GPU thermal zone on this module"


def test_power_gated_gpu_zone(write_tree):
    root = orin_nano_tree(write_tree, extra={"sys/class/thermal/thermal_zone1/temp": "-256000\n"})
    temp = JetsonReader(root).read()[0].readings["gpu.temp"]
    assert temp.supported is False and "power-gated" in temp.note


def test_sampler_runs_the_jetson_reader(write_tree):
    root = orin_nano_tree(write_tree, extra=ENGINES)
    snapshot = Sampler([JetsonReader(root)]).sample_once()
    assert snapshot.device("jetson-gpu").value("gpu.util") == 34.5


# -- tegrastats as a streaming subprocess --------------------------------------------------


def fake_tegrastats(tmp_path, lines: list[str], then_sleep: float = 30.0, exit_code: int = 0,
                    pause: float = 0.05):
    script = tmp_path / "fake_tegrastats.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        for line in {lines!r}:
            print(line, flush=True)
            time.sleep({pause})
        time.sleep({then_sleep})
        sys.exit({exit_code})
    """))
    return [sys.executable, str(script)]


def wait_for(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def test_streaming_reader_keeps_the_latest_line_then_detects_a_stall(tmp_path):
    lines = sample_lines(DEVICES / "tegrastats_AGX-Orin-64GB_JP6.txt")[:3]
    reader = TegrastatsReader(fake_tegrastats(tmp_path, lines), stall_timeout_s=0.6,
                              restart_backoff_s=60)
    try:
        first = reader.read()[0]
        assert first.error == "waiting for the first tegrastats line"
        wait_for(lambda: reader.latest()[0] and reader.latest()[0].timestamp ==
                 "07-21-2025 16:33:44")
        soc = reader.read()[0]
        assert soc.error is None and soc.device_id == "jetson-soc"
        assert soc.value("cpu.core0.util") == 9.0 and soc.value("ram.used") == 17956
        assert soc.readings["cpu.core8.util"].note == "core offline"
        proc = reader._proc
        stalled = wait_for(lambda: reader.read()[0].error)
        assert stalled.startswith("tegrastats stalled: no new line for")
        assert proc.wait(timeout=5) is not None  # the stalled tool was killed
        assert reader.read()[0].error == stalled  # back-off: no restart storm
    finally:
        reader.stop()


def test_streaming_reader_tool_that_prints_nothing(tmp_path):
    reader = TegrastatsReader(["sleep", "10"], stall_timeout_s=0.4, restart_backoff_s=60)
    try:
        assert reader.read()[0].error == "waiting for the first tegrastats line"
        error = wait_for(lambda: reader.latest()[1])
        assert error.startswith("tegrastats printed nothing for")
    finally:
        reader.stop()


def test_streaming_reader_garbage_only(tmp_path):
    command = fake_tegrastats(tmp_path, ["NVRM: not a tegrastats line"] * 3, pause=0.01)
    reader = TegrastatsReader(command, stall_timeout_s=0.4, restart_backoff_s=60)
    try:
        error = wait_for(lambda: reader.latest()[1])
        assert "printed no parsable line" in error and "NVRM" in error
    finally:
        reader.stop()


def test_streaming_reader_tool_exits_or_is_missing(tmp_path):
    command = fake_tegrastats(tmp_path, ["Error: tegrastats needs a Tegra"], then_sleep=0,
                              exit_code=3)
    reader = TegrastatsReader(command, stall_timeout_s=5, restart_backoff_s=60)
    try:
        error = wait_for(lambda: reader.latest()[1])
        assert error == "tegrastats exited with status 3: Error: tegrastats needs a Tegra"
    finally:
        reader.stop()
    missing = TegrastatsReader([str(tmp_path / "no-such-tegrastats")], restart_backoff_s=60)
    assert missing.read()[0].error.startswith("cannot start")


def test_default_command_uses_the_interval():
    reader = TegrastatsReader(interval_ms=500)
    assert reader._command[-3:] == ["tegrastats", "--interval", "500"]
    assert reader.stall_timeout_s == 5.0
