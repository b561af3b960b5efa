"""Huawei Ascend: every recorded `npu-smi info` table and `watch` layout; a tool that hangs."""

from __future__ import annotations

import subprocess
import time

import pytest
from devfixtures import DEVICES, sample, split_samples

from app.telemetry.readers.ascend import (
    AscendReader,
    chip_snapshot,
    parse_npu_smi_info,
    parse_npu_smi_watch,
    watch_readings,
)
from app.telemetry.readers.common import ToolError, run_tool

INFO_FILES = sorted(DEVICES.glob("npu-smi_*_info.txt"))
WATCH = DEVICES / "npu-smi_watch_310B-910B-doc.txt"


def info(file: str, label: str):
    return parse_npu_smi_info(sample(DEVICES / file, label))


def test_every_recorded_table_parses_and_every_layout_width_is_covered():
    widths, tables = set(), 0
    for path in INFO_FILES:
        for label, text in split_samples(path):
            if "+====" not in text:  # topo matrix and 'npu-smi info -m' are not the table
                with pytest.raises(ValueError):
                    parse_npu_smi_info(text)
                continue
            parsed = parse_npu_smi_info(text)
            tables += 1
            assert parsed.chips, label
            for chip in parsed.chips:
                assert chip.temp_c is not None and chip.aicore_pct == 0
                assert chip.health in ("OK", "Warning", "Alarm")
                assert ":" in chip.bus_id
            widths |= {len(ln) for ln in text.splitlines() if ln.startswith("+---")}
    assert tables == 13
    assert {80, 93, 98, 102, 106, 116} <= widths


def test_910b3_eight_npus_and_hbm_without_a_space():
    parsed = info("npu-smi_910B3-x8_info.txt", "[1]")
    assert parsed.version == "24.1.rc1.b030" and len(parsed.chips) == 8
    first = parsed.chips[0]
    assert (first.device_id, first.name, first.power_w, first.temp_c) == (
        "npu-ascend0-chip0", "910B3", 101.8, 43)
    assert first.hbm_mb == (3318, 65536) and first.memory_mb == (0, 0)
    assert first.bus_id == "0000:C1:00.0" and first.phy_id is None
    squeezed = info("npu-smi_910B3-x8_info.txt", "[3]")
    assert [c.hbm_mb for c in squeezed.chips] == [(58626, 65536), (58626, 65536), (58627, 65536)]
    snap = chip_snapshot(first, parsed.version)
    assert snap.value("npu.hbm.util") == pytest.approx(100 * 3318 / 65536)
    ddr = snap.readings["npu.mem.util"]
    assert ddr.supported is False and "0 / 0" in ddr.note
    assert snap.value("npu.power") == 101.8 and snap.name == "Ascend 910B3 (NPU 0 chip 0)"


def test_910a_ddr_and_hbm_warning_health_and_process_table():
    real = info("npu-smi_910A-x8_info.txt", "(A)")
    assert real.chips[0].memory_mb == (1197, 13553) and real.chips[0].hbm_mb == (1365, 32768)
    doc = info("npu-smi_910A-x8_info.txt", "(B1)")
    assert [c.health for c in doc.chips].count("Warning") == 2
    warn = chip_snapshot(doc.chips[3], doc.version)
    assert warn.value("npu.health") == 1.0 and warn.readings["npu.health"].note == "Warning"
    assert len(doc.processes) == 32
    procs = doc.chips[0].processes
    assert [p.pid for p in procs] == [37656, 37664, 37640, 37648]
    assert {(p.name, p.memory_mb) for p in procs} == {("hlt_host_devmm_", 686)}
    assert warn.details["processes"][0]["memory_mib"] == 686
    assert info("npu-smi_910A-x8_info.txt", "(B2)").chips[0].hugepages == (15, 15)


def test_a3_two_dies_per_npu_116_columns_and_dash_power():
    wide = info("npu-smi_910-A3-2die_info.txt", "(A)")
    assert wide.version == "26.0.rc2"
    die0, die1 = wide.chips
    assert (die0.npu_id, die0.chip_id, die0.phy_id, die0.power_w) == (0, 0, 0, 162.6)
    assert (die1.npu_id, die1.chip_id, die1.phy_id, die1.power_w) == (0, 1, 1, None)
    assert die1.bus_id == "0000:9F:00.0" and die1.hbm_mb == (2874, 65536)
    power = chip_snapshot(die1, wide.version).readings["npu.power"]
    assert power.supported is False and "first die" in power.note
    three = info("npu-smi_910-A3-2die_info.txt", "(C)")
    assert [(c.npu_id, c.chip_id, c.phy_id) for c in three.chips] == [(0, 0, 0), (0, 1, 1),
                                                                      (1, 0, 2)]


def test_310_family_layouts():
    atlas300 = info("npu-smi_310_info.txt", "(A)")
    chip = atlas300.chips[0]
    assert (chip.name, chip.power_w, chip.temp_c, chip.memory_mb, chip.hbm_mb) == (
        "310", 12.8, 61, (577, 7759), None)
    assert chip.hugepages == (0, 969) and atlas300.processes == []
    no_hugepages = info("npu-smi_310_info.txt", "(B1)")
    assert [(c.npu_id, c.chip_id, c.phy_id) for c in no_hugepages.chips] == [
        (215, 0, 0), (215, 1, 1), (215, 2, 2), (215, 3, 3)]
    assert all(c.hugepages is None for c in no_hugepages.chips)
    odd = info("npu-smi_310_info.txt", "(B2)")
    assert [c.temp_c for c in odd.chips] == [73, 74, 70, 65]
    assert {c.hugepages for c in odd.chips} == {(0, 970)} and odd.chips[0].phy_id == 3
    p3 = info("npu-smi_310P3_info.txt", "(A)").chips[0]
    assert (p3.device_id, p3.power_w, p3.power_raw) == ("npu-ascend6-chip0", None, "NA")
    snap = chip_snapshot(p3, "25.3.rc1")
    assert "NA" in snap.readings["npu.power"].note
    assert snap.readings["npu.hbm.util"].note == "no HBM column for this chip"
    assert snap.value("npu.mem.used") == 1839
    duo = info("npu-smi_310P3_info.txt", "(B)")
    assert [c.bus_id for c in duo.chips] == ["0000:01:00.0", "0000:01:00.0"]
    assert [c.memory_mb for c in duo.chips] == [(1529, 44280), (1412, 43693)]


def test_watch_layouts_with_trailing_spaces():
    blocks = split_samples(WATCH)
    board = parse_npu_smi_watch(blocks[0][1])
    assert len(board) == 5 and (board[0].npu_id, board[0].chip_id) == (0, 0)
    assert board[0].values["Pwr(W)"] == 8.7 and board[1].values["AI Core(%)"] == 25
    assert board[2].values["Memory BW(%)"] == 13
    server = parse_npu_smi_watch(blocks[1][1])
    assert server[0].npu_id == 2 and server[0].values["Pwr(W)"] == 90.1
    newer = parse_npu_smi_watch(blocks[2][1])
    assert [r.npu_id for r in newer] == [0, 1, 2, 3] and newer[0].chip_id is None
    assert newer[0].values["NPU Util(%)"] == 0 and "AI Cube(%)" in newer[0].values
    readings = watch_readings(newer[1], "watch delay 1 s")
    assert readings["npu.power"].value == 292.1 and readings["npu.ctrlcpu.util"].value == 4
    assert readings["npu.util"].supported and readings["npu.aicube.util"].value == 0
    assert parse_npu_smi_watch("garbage\n1 2 3\n") == []


def fixture_runner(text: str, calls: list | None = None):
    def run(argv, timeout_s):
        if calls is not None:
            calls.append((list(argv), timeout_s))
        return text

    return run


def test_reader_runs_npu_smi_info():
    calls: list = []
    text = sample(DEVICES / "npu-smi_910B3-x8_info.txt", "[1]")
    reader = AscendReader(run=fixture_runner(text, calls), timeout_s=2.0)
    devices = reader.read()
    assert calls == [(["npu-smi", "info"], 2.0)]
    assert [d.device_id for d in devices] == [f"npu-ascend{i}-chip0" for i in range(8)]
    assert devices[6].value("npu.power") == 103.8
    assert devices[0].readings["npu.aicore.util"].window.startswith("npu-smi's value")


def test_a_hanging_npu_smi_times_out_and_backs_off():
    clock = [1000.0]
    calls: list = []

    def hanging(argv, timeout_s):
        calls.append(argv)
        return run_tool(["sleep", "10"], timeout_s)

    reader = AscendReader(run=hanging, timeout_s=0.5, retry_after_s=30, clock=lambda: clock[0])
    started = time.monotonic()
    devices = reader.read()
    assert time.monotonic() - started < 3.0
    assert [(d.device_id, d.error) for d in devices] == [
        ("npu-ascend", "npu-smi timed out after 0.5 s")]
    clock[0] += 10  # inside the back-off: no second run
    assert reader.read()[0].error == "npu-smi timed out after 0.5 s" and len(calls) == 1


def test_known_chips_keep_their_ids_when_npu_smi_fails_later():
    text = sample(DEVICES / "npu-smi_910-A3-2die_info.txt", "(A)")
    state = {"fail": False}

    def run(argv, timeout_s):
        if state["fail"]:
            raise subprocess.TimeoutExpired(argv, timeout_s)
        return text

    reader = AscendReader(run=run, timeout_s=5, retry_after_s=0)
    assert [d.error for d in reader.read()] == [None, None]
    state["fail"] = True
    failed = reader.read()
    assert [d.device_id for d in failed] == ["npu-ascend0-chip0", "npu-ascend0-chip1"]
    assert {d.error for d in failed} == {"npu-smi timed out after 5 s"}
    state["fail"] = False
    assert reader.read()[0].error is None


@pytest.mark.parametrize("exc, message", [
    (FileNotFoundError(2, "No such file"), "npu-smi not found"),
    (ToolError("dcmi module initialize failed. ret is -8005"),
     "npu-smi failed: dcmi module initialize failed. ret is -8005"),
    (PermissionError(13, "Permission denied"), "cannot run npu-smi: Permission denied"),
])
def test_tool_errors(exc, message):
    def run(argv, timeout_s):
        raise exc

    assert AscendReader(run=run).read()[0].error == message


def test_real_tool_failure_and_garbage_output():
    def failing(argv, timeout_s):
        return run_tool(["sh", "-c", "echo 'dcmi module initialize failed' >&2; exit 1"],
                        timeout_s)

    assert AscendReader(run=failing).read()[0].error == \
        "npu-smi failed: dcmi module initialize failed"
    garbage = AscendReader(run=fixture_runner("command not supported\n")).read()[0]
    assert garbage.error.startswith("npu-smi output not understood")
