"""The exposition text, read back by a small parser of format 0.0.4."""

from __future__ import annotations

import math
import re

import pytest

from app.telemetry.model import DeviceSnapshot, Reading, Snapshot
from app.telemetry.prometheus import escape_label, format_value, metric_names, render

T0 = 1_700_000_000.25

_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$")
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)')


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n"}.get(m.group(1), m.group(1)), value)


def parse(text: str) -> dict[str, dict]:
    """{name: {"help", "type", "samples": [(labels, value)]}}; asserts the format's rules."""
    assert text.endswith("\n")
    metrics: dict[str, dict] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("# HELP "):
            name, _, help_text = line[7:].partition(" ")
            assert name not in metrics, f"{name} has two HELP lines"
            metrics[name] = {"help": _unescape(help_text), "type": None, "samples": []}
            current = name
        elif line.startswith("# TYPE "):
            name, _, kind = line[7:].partition(" ")
            assert name == current and metrics[name]["type"] is None
            assert kind in ("gauge", "counter")
            metrics[name]["type"] = kind
        else:
            match = _SAMPLE.match(line)
            assert match, f"not a sample line: {line!r}"
            name, _, body, value = match.groups()
            assert name == current, f"{name} is not grouped under its TYPE line"
            labels = {}
            rest = body or ""
            while rest:
                label = _LABEL.match(rest)
                assert label, f"bad labels in {line!r}"
                labels[label.group(1)] = _unescape(label.group(2))
                rest = rest[label.end():]
            metrics[name]["samples"].append((labels, float(value)))
    for name, metric in metrics.items():
        assert metric["type"], f"{name} has no TYPE"
        if metric["type"] == "counter":
            assert name.endswith("_total")
    return metrics


def r(key: str, value: float | None, unit: str, supported: bool = True) -> Reading:
    return Reading(key, key, value, unit, f"What {key} means", "1 s",
                   supported and value is not None)


def gpu_device(device_id: str = "gpu0", name: str = "NVIDIA A10", **overrides) -> DeviceSnapshot:
    readings = [
        r("gpu.util", 57, "%"), r("gpu.mem.util", 12.5, "%"), r("gpu.mem.used", 2048, "MiB"),
        r("gpu.mem.total", 24_576, "MiB"), r("gpu.temp", 71, "C"), r("gpu.power", 150.5, "W"),
        r("gpu.power.limit", 300, "W"), r("gpu.clock.sm", 1695, "MHz"),
        r("gpu.clock.mem", 6251, "MHz"), r("gpu.fan", 40, "%"),
        r("gpu.throttle.active", 1, ""), r("gpu.ecc.uncorrected", 0, ""),
        r("gpu.ecc.corrected", 3, ""),
    ]
    values = {x.key: x for x in readings}
    values.update(overrides)
    return DeviceSnapshot(device_id, "gpu", name, values)


def host_device() -> DeviceSnapshot:
    readings = [
        r("cpu.util", 12.5, "%"), r("cpu.core0.util", 3, "%"), r("cpu.core1.util", 97, "%"),
        r("cpu.load1", 0.42, ""), r("mem.util", 40, "%"), r("mem.used", 1.5, "GiB"),
        r("disk.data.util", 91, "%"), r("uptime", 2, "h"),
        r("swap.util", None, "%", supported=False),
    ]
    return DeviceSnapshot("host", "host", "edge-box", {x.key: x for x in readings})


def npu_device() -> DeviceSnapshot:
    readings = [r("npu.util", 30, "%"), r("npu.freq", 1000, "MHz"), r("npu.mem.used", 512, "MiB"),
                r("npu.temp", 55, "C"), r("npu.power", 8, "W")]
    return DeviceSnapshot("npu0", "npu", "Ascend 310P", {x.key: x for x in readings})


def value_of(metrics, name, **labels) -> float:
    matches = [v for lab, v in metrics[name]["samples"]
               if all(lab.get(k) == val for k, val in labels.items())]
    assert len(matches) == 1, (name, labels, metrics.get(name))
    return matches[0]


@pytest.fixture
def metrics():
    snapshot = Snapshot(T0, (host_device(), gpu_device(), gpu_device("gpu1", "NVIDIA L4"),
                             npu_device()))
    return parse(render(snapshot, {"critical": 1, "high": 2, "medium": 0, "low": 0}))


def test_names_units_and_values(metrics):
    dev = {"device": "gpu0"}
    assert value_of(metrics, "edgedeck_gpu_temperature_celsius", **dev) == 71
    assert value_of(metrics, "edgedeck_gpu_utilization_ratio", **dev) == 0.57
    assert value_of(metrics, "edgedeck_gpu_memory_utilization_ratio", **dev) == 0.125
    assert value_of(metrics, "edgedeck_gpu_memory_used_bytes", **dev) == 2048 * 1024**2
    assert value_of(metrics, "edgedeck_gpu_memory_total_bytes", **dev) == 24_576 * 1024**2
    assert value_of(metrics, "edgedeck_gpu_power_watts", **dev) == 150.5
    assert value_of(metrics, "edgedeck_gpu_power_limit_watts", **dev) == 300
    assert value_of(metrics, "edgedeck_gpu_clock_sm_hertz", **dev) == 1695e6
    assert value_of(metrics, "edgedeck_gpu_clock_memory_hertz", **dev) == 6251e6
    assert value_of(metrics, "edgedeck_gpu_fan_speed_ratio", **dev) == 0.4
    assert value_of(metrics, "edgedeck_gpu_throttle_active", **dev) == 1
    assert value_of(metrics, "edgedeck_host_cpu_utilization_ratio") == 0.125
    assert value_of(metrics, "edgedeck_host_memory_used_bytes") == 1.5 * 1024**3
    assert value_of(metrics, "edgedeck_host_disk_data_utilization_ratio") == 0.91
    assert value_of(metrics, "edgedeck_host_uptime_seconds") == 7200
    assert value_of(metrics, "edgedeck_host_cpu_load1") == 0.42
    assert value_of(metrics, "edgedeck_npu_frequency_hertz") == 1e9
    assert value_of(metrics, "edgedeck_npu_memory_used_bytes") == 512 * 1024**2
    assert value_of(metrics, "edgedeck_snapshot_timestamp_seconds") == T0


def test_counters_end_in_total(metrics):
    name = "edgedeck_gpu_ecc_uncorrected_errors_total"
    assert metrics[name]["type"] == "counter"
    assert value_of(metrics, name, device="gpu0") == 0
    assert value_of(metrics, "edgedeck_gpu_ecc_corrected_errors_total", device="gpu1") == 3
    assert metrics["edgedeck_gpu_temperature_celsius"]["type"] == "gauge"


def test_labels_and_grouping(metrics):
    samples = metrics["edgedeck_gpu_temperature_celsius"]["samples"]
    assert [s[0] for s in samples] == [
        {"device": "gpu0", "kind": "gpu", "name": "NVIDIA A10"},
        {"device": "gpu1", "kind": "gpu", "name": "NVIDIA L4"},
    ]
    cores = metrics["edgedeck_host_cpu_core_utilization_ratio"]["samples"]
    assert [(lab["core"], v) for lab, v in cores] == [("0", 0.03), ("1", 0.97)]
    assert "What gpu.temp means" in metrics["edgedeck_gpu_temperature_celsius"]["help"]
    assert "1 s" in metrics["edgedeck_gpu_temperature_celsius"]["help"]


def test_unsupported_readings_are_omitted_never_zero(metrics):
    assert "edgedeck_host_swap_utilization_ratio" not in metrics
    snapshot = Snapshot(T0, (gpu_device(**{
        "gpu.fan": r("gpu.fan", None, "%"),
        "gpu.power": r("gpu.power", math.nan, "W"),
        "gpu.temp": Reading("gpu.temp", "T", 0.0, "C", "m", "w", supported=False),
    }),))
    parsed = parse(render(snapshot))
    for gone in ("edgedeck_gpu_fan_speed_ratio", "edgedeck_gpu_power_watts",
                 "edgedeck_gpu_temperature_celsius"):
        assert gone not in parsed
    assert "edgedeck_alarms_active" not in parsed


def test_device_up_and_failed_readers(metrics):
    broken = DeviceSnapshot("nvml", "unknown", "nvml", error="reader failed: NVML not found")
    parsed = parse(render(Snapshot(T0, (host_device(), broken))))
    assert value_of(parsed, "edgedeck_device_up", device="host") == 1
    assert value_of(parsed, "edgedeck_device_up", device="nvml") == 0


def test_alarm_counts(metrics):
    assert value_of(metrics, "edgedeck_alarms_active", priority="critical") == 1
    assert value_of(metrics, "edgedeck_alarms_active", priority="high") == 2
    parsed = parse(render(Snapshot(T0, ()), 3))
    assert value_of(parsed, "edgedeck_alarms_active", priority="all") == 3


def test_label_escaping_round_trips():
    nasty = 'Quadro "RTX"\\ 8000\nline two'
    parsed = parse(render(Snapshot(T0, (gpu_device("gpu\\0", nasty),))))
    labels = parsed["edgedeck_gpu_temperature_celsius"]["samples"][0][0]
    assert labels == {"device": "gpu\\0", "kind": "gpu", "name": nasty}
    assert escape_label('a"b\\c\nd') == 'a\\"b\\\\c\\nd'


def test_help_escaping():
    weird = Reading("gpu.temp", "T", 50, "C", "line one\nline two \\ end", "1 s")
    text = render(Snapshot(T0, (DeviceSnapshot("g", "gpu", "g", {"gpu.temp": weird}),)))
    help_line = next(x for x in text.splitlines() if x.startswith("# HELP edgedeck_gpu_temp"))
    assert "\n" not in help_line and "line one\\nline two \\\\ end" in help_line
    assert parse(text)["edgedeck_gpu_temperature_celsius"]["help"].startswith(
        "line one\nline two \\ end")


def test_duplicate_devices_do_not_produce_duplicate_series():
    parsed = parse(render(Snapshot(T0, (gpu_device(), gpu_device()))))
    assert len(parsed["edgedeck_gpu_temperature_celsius"]["samples"]) == 1


def test_unknown_units_keep_their_value_and_name_the_unit():
    odd = Reading("gpu.fan.speed", "Fan", 2400, "RPM", "Fan speed", "instant")
    parsed = parse(render(Snapshot(T0, (DeviceSnapshot("g", "gpu", "g", {odd.key: odd}),))))
    assert value_of(parsed, "edgedeck_gpu_fan_speed_rpm") == 2400


def test_value_formatting():
    assert format_value(1.0) == "1"
    assert format_value(0.57) == "0.57"
    assert format_value(1e20) == "1e+20"
    assert format_value(math.inf) == "+Inf"
    assert format_value(-math.inf) == "-Inf"
    assert format_value(math.nan) == "NaN"


def test_metric_names_lists_each_once():
    names = metric_names(Snapshot(T0, (gpu_device(), gpu_device("gpu1"))))
    assert names == sorted(set(names))
    assert "edgedeck_gpu_temperature_celsius" in names


def test_units_spelled_as_the_nvml_reader_does():
    readings = {
        "gpu.temp": Reading("gpu.temp", "T", 64, "°C", "Core temperature", "instant"),
        "gpu.ecc.uncorrected": Reading("gpu.ecc.uncorrected", "E", 2, "errors", "ECC", "boot"),
        "npu.volt": Reading("npu.volt", "V", 850, "mV", "Core voltage", "instant"),
    }
    parsed = parse(render(Snapshot(T0, (DeviceSnapshot("gpu0", "gpu", "g", readings),))))
    assert value_of(parsed, "edgedeck_gpu_temperature_celsius") == 64
    assert value_of(parsed, "edgedeck_gpu_ecc_uncorrected_errors_total") == 2
    assert value_of(parsed, "edgedeck_gpu_npu_volt_volts") == 0.85
