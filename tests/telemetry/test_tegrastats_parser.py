"""tegrastats lines from JetPack 4 to 7 (recorded on real modules) parse into the same shape."""

from __future__ import annotations

import pytest
from devfixtures import DEVICES, sample_lines, split_samples

from app.telemetry.readers.jetson import (
    gpu_power_from_tegrastats,
    gpu_util_from_tegrastats,
    parse_tegrastats_line,
    soc_snapshot,
)

TEGRASTATS_FILES = sorted(DEVICES.glob("tegrastats_*.txt"))


def _sample(file: str, label_part: str, index: int = 0):
    text = next(t for label, t in split_samples(DEVICES / file) if label_part in label)
    return parse_tegrastats_line([ln for ln in text.splitlines() if ln.strip()][index])


def test_there_are_fixtures_for_every_jetpack_generation():
    names = {p.name for p in TEGRASTATS_FILES}
    for expected in ("JP4", "JP5", "JP6", "JP7.1", "JP7.2", "datadog", "misc"):
        assert any(expected in n for n in names), expected


@pytest.mark.parametrize("path", TEGRASTATS_FILES, ids=lambda p: p.name)
def test_every_recorded_line_parses_without_leftovers(path):
    lines = sample_lines(path)
    assert lines
    for line in lines:
        sample = parse_tegrastats_line(line)
        assert sample.unparsed == [], (line, sample.unparsed)
        assert sample.ram_total_mb and sample.ram_used_mb is not None
        assert sample.cpus, line
        assert sample.gpu is not None, line
        assert sample.rails or "non-root" in path.read_text() or "cpu [" in line


def test_nano_jp4_no_timestamp_rails_without_unit_and_iram():
    lines = sample_lines(DEVICES / "tegrastats_Nano-4GB_JP4.txt")
    assert len(lines) == 114
    first, last = parse_tegrastats_line(lines[0]), parse_tegrastats_line(lines[-1])
    assert first.timestamp is None
    assert (first.ram_used_mb, first.ram_total_mb) == (936, 3964)
    assert (first.lfb_count, first.lfb_size_kb) == (366, 4096)
    assert (first.iram_used_kb, first.iram_total_kb) == (0, 252)
    assert first.swap_total_mb == 4096 and first.swap_cached_mb == 0
    assert (first.gpu.util, first.gpu.freqs_mhz) == (0, (76,))
    assert first.rails["POM_5V_IN"].cur_mw == 920 and first.rails["POM_5V_IN"].avg_mw == 920
    assert first.rails["POM_5V_IN"].max_mw is None
    assert first.temps["PLL"].current == 24 and first.temps["thermal"].current == 28
    assert [c.freq_mhz for c in first.cpus] == [102, 102, 102, 102]
    assert first.engines["APE"].freq_mhz == 25
    assert (last.gpu.util, last.gpu.freq_mhz) == (0, 921)  # the model finished
    gpu = [(s.gpu.util, s.gpu.freq_mhz) for s in map(parse_tegrastats_line, lines)]
    assert (99, 921) in gpu and (99, 153) in gpu  # the README's '0%@76 ... 99%@921'


def test_tx2_mts_field_and_six_cores():
    sample = parse_tegrastats_line(sample_lines(DEVICES / "tegrastats_TX2_JP4.txt")[0])
    assert (sample.mts_fg, sample.mts_bg) == (0, 0)
    assert len(sample.cpus) == 6 and all(c.online for c in sample.cpus)
    assert sample.rails["VDD_SYS_GPU"].cur_mw == 153
    assert (sample.lfb_count, sample.lfb_size_kb) == (7, 2048)
    assert sample.temps["Tdiode"].current == 30.5


def test_xavier_nx_jp5_non_root_has_no_clocks_and_lfb_changes_units():
    lines = sample_lines(DEVICES / "tegrastats_XavierNX_JP5.txt")
    first = parse_tegrastats_line(lines[0])
    assert first.timestamp == "10-01-2025 20:05:55"
    assert (first.gpu.util, first.gpu.freqs_mhz) == (22, ())
    assert (first.engines["EMC"].util, first.engines["EMC"].freq_mhz) == (0, None)
    assert [c.online for c in first.cpus] == [True, True, True, True, False, False]
    assert first.rails["VDD_IN"].cur_mw == 5542 and first.rails["VDD_SOC"].avg_mw == 1234
    assert (first.swap_used_mb, first.swap_total_mb, first.swap_cached_mb) == (542, 3417, 2)
    units = {parse_tegrastats_line(ln).lfb_size_kb for ln in lines}
    assert {128, 1024, 2048, 4096} <= units


def test_agx_orin_jp6_per_gpc_clocks_and_lower_case_temps():
    sample = parse_tegrastats_line(sample_lines(DEVICES / "tegrastats_AGX-Orin-64GB_JP6.txt")[0])
    assert (sample.gpu.util, sample.gpu.freqs_mhz, sample.gpu.freq_mhz) == (39, (305, 0), 305)
    assert sample.temp("GPU").current == 40.093
    assert sum(not c.online for c in sample.cpus) == 4
    assert sample.engines["NVDLA0"].on is False and sample.engines["PVA0"].on is False
    assert sample.rails["VDD_GPU_SOC"].cur_mw == 2798


def test_agx_orin_jp62_active_encoders():
    sample = parse_tegrastats_line(
        sample_lines(DEVICES / "tegrastats_AGX-Orin-64GB_JP6.2_R36.4.4.txt")[0])
    assert (sample.engines["NVENC"].util, sample.engines["NVENC"].freq_mhz) == (79, 166)
    assert (sample.engines["VIC"].util, sample.engines["VIC"].freq_mhz) == (36, 115)
    assert sample.gpu.freqs_mhz == (0, 0)
    assert sample.swap_used_mb == 86


def test_thor_prints_no_gpu_utilisation():
    sample = parse_tegrastats_line(sample_lines(DEVICES / "tegrastats_AGX-Thor_JP7.1_R38.4.txt")[0])
    assert sample.gpu.util is None and sample.gpu.freqs_mhz == (0, 0, 0)
    assert sample.engines["NVENC0"].freq_mhz == 0 and sample.engines["NVENC0"].util is None
    assert len(sample.cpus) == 14
    assert sample.rails["VDD_GPU"].cur_mw == 0
    assert sample.temps["soc012"].current == 33.781
    util = gpu_util_from_tegrastats(sample, 1000)
    assert (util.value, util.supported) == (None, False) and "Thor" in util.note


def test_jp72_cur_max_temps_three_value_rails_and_no_swap():
    nano = _sample("tegrastats_Orin_JP7.2_R39.2.txt", "(A)", 1)
    assert (nano.temps["cpu"].current, nano.temps["cpu"].maximum) == (45.375, 45.812)
    rail = nano.rails["VDD_IN"]
    assert (rail.cur_mw, rail.avg_mw, rail.max_mw) == (3462, 3522, 3582)
    assert nano.swap_total_mb is None and nano.gpu.freqs_mhz == (305,)
    agx = _sample("tegrastats_Orin_JP7.2_R39.2.txt", "(B)")
    assert (agx.gpu.util, agx.gpu.freqs_mhz) == (12, (1300, 1300))
    assert (agx.lfb_count, agx.lfb_size_kb) == (1, 2048)
    snap = soc_snapshot(nano, 1000)
    assert snap.readings["swap.util"].supported is False
    assert "SWAP" in snap.readings["swap.util"].note
    assert "max 45.812" in snap.readings["temp.cpu"].note


def test_agx_xavier_gpu_rail_does_not_collide_with_gpu_temperature():
    sample = _sample("tegrastats_single-lines_datadog-agent.txt", "agXSample")
    assert sample.temps["GPU"].current == 37.5
    assert (sample.rails["GPU"].cur_mw, sample.rails["CPU"].cur_mw) == (0, 311)
    assert len(sample.cpus) == 8 and sum(c.online for c in sample.cpus) == 4
    assert gpu_power_from_tegrastats(sample).value == 0.0
    assert "GPU" not in sample.engines


def test_datadog_samples_tx1_tx2_and_r36_with_runs_of_spaces():
    tx1 = _sample("tegrastats_single-lines_datadog-agent.txt", "tx1Sample")
    assert tx1.swap_total_mb is None and tx1.iram_total_kb == 252
    assert tx1.rails["VDD_GPU"].cur_mw == 19
    tx2 = _sample("tegrastats_single-lines_datadog-agent.txt", "tx2Sample")
    assert [c.online for c in tx2.cpus] == [True, False, False, True, True, True]
    r36 = _sample("tegrastats_single-lines_datadog-agent.txt", "r36Sample")
    assert r36.engines["APE"].freq_mhz == 174 and r36.engines["NVDLA1"].on is False
    assert r36.temp("gpu").current == 47.812 and r36.swap_used_mb == 4915
    non_root = _sample("tegrastats_single-lines_datadog-agent.txt", "orinSample")
    assert non_root.gpu.util == 0 and non_root.gpu.freqs_mhz == () and "EMC" not in \
        non_root.engines


def test_power_gated_zones_duplicate_rails_and_second_gpc():
    rudi = _sample("tegrastats_single-lines_misc.txt", "(A)")
    assert rudi.temps["CV0"].gated and rudi.temps["CV0"].current is None
    assert rudi.temps["GPU"].current == 38.156
    assert set(rudi.rails) >= {"NC", "NC#2", "VDDQ_VDD2_1V8AO"}
    assert rudi.engines["GR3D2"].util == 0 and rudi.engines["NVJPG1"].freq_mhz == 729
    gated = _sample("tegrastats_single-lines_misc.txt", "(B)")
    assert gated.temps["GPU"].gated
    snap = soc_snapshot(gated, 500)
    assert snap.readings["temp.gpu"].supported is False
    assert "power-gated" in snap.readings["temp.gpu"].note
    assert snap.readings["emc.freq"].supported is False


def test_old_l4t_cpu_list_with_one_shared_frequency():
    old = _sample("tegrastats_single-lines_misc.txt", "(C)", 1)
    assert [c.util for c in old.cpus] == [17, 11, 65, 0]
    assert {c.freq_mhz for c in old.cpus} == {1734}
    assert (old.engines["EMC"].util, old.engines["EMC"].freq_mhz) == (1, 1600)
    assert (old.gpu.util, old.gpu.freq_mhz) == (39, 76)


@pytest.mark.parametrize("garbage", ["", "hello world", "tegrastats: permission denied",
                                     "\x00\x01\x02", "RAM", "GR3D_FREQ"])
def test_garbage_is_rejected(garbage):
    with pytest.raises(ValueError):
        parse_tegrastats_line(garbage)


def test_truncated_line_keeps_what_it_has():
    sample = parse_tegrastats_line("RAM 936/3964MB (lfb 366x4MB) SWAP 0/4096MB (cach")
    assert sample.ram_total_mb == 3964 and sample.swap_cached_mb is None


def test_soc_snapshot_from_every_file_has_honest_readings():
    for path in TEGRASTATS_FILES:
        for line in sample_lines(path):
            snap = soc_snapshot(parse_tegrastats_line(line), 1000)
            for r in snap.readings.values():
                assert r.supported == (r.value is not None), (path.name, r)
                assert r.meaning and r.window
