"""Alarm rules: matching by key pattern and device, hysteresis, messages, validation."""

from __future__ import annotations

import math

import pytest
from alarm_helpers import gpu, host

from app.alarms.rules import DEFAULT_RULES, ERROR_METRIC, AlarmRule
from app.errors import ValidationError
from app.telemetry.model import DeviceSnapshot, Reading


def test_plain_key_and_glob_matching():
    dev = host(cpu__util=10, cpu__core0__util=5, cpu__core1__util=7, mem__util=50)
    assert AlarmRule("r", "cpu.util").keys(dev) == ["cpu.util"]
    assert AlarmRule("r", "cpu.core*.util").keys(dev) == ["cpu.core0.util", "cpu.core1.util"]
    assert AlarmRule("r", "gpu.temp").keys(dev) == []
    assert AlarmRule("r", ERROR_METRIC).keys(dev) == []


def test_device_kind_and_id_patterns():
    rule = AlarmRule("r", "gpu.temp", device_kind="gpu", device_id="gpu[01]")
    assert rule.matches_device(gpu("gpu0"))
    assert not rule.matches_device(gpu("gpu2"))
    assert not rule.matches_device(host())


def test_unsupported_or_non_finite_values_are_none():
    dev = gpu(gpu__temp=None)
    assert AlarmRule("r", "gpu.temp").value(dev, "gpu.temp") is None
    nan = DeviceSnapshot("g", "gpu", "g", {"gpu.temp": Reading("gpu.temp", "t", math.nan, "C",
                                                               "m", "w")})
    assert AlarmRule("r", "gpu.temp").value(nan, "gpu.temp") is None


def test_ratio_of_another_reading_is_a_percentage():
    rule = AlarmRule("r", "gpu.mem.used", ratio_of="gpu.mem.total", threshold=95)
    assert rule.value(gpu(gpu__mem__used=7800, gpu__mem__total=8000), "gpu.mem.used") == 97.5
    assert rule.value(gpu(gpu__mem__used=7800, gpu__mem__total=0), "gpu.mem.used") is None
    assert rule.value(gpu(gpu__mem__used=7800), "gpu.mem.used") is None


@pytest.mark.parametrize(
    ("comparison", "value", "trips", "holds"),
    [
        (">", 85.0, False, True),  # at the limit: not tripped, but an active alarm holds
        (">", 86.0, True, True),
        (">", 82.5, False, True),  # inside the deadband
        (">", 82.0, False, False),  # below threshold - deadband: clears
        (">=", 85.0, True, True),
        ("<", 10.0, False, True),
        ("<", 9.0, True, True),
        ("<", 12.9, False, True),
        ("<", 13.0, False, False),
    ],
)
def test_trips_and_holds_with_deadband(comparison, value, trips, holds):
    threshold = 85.0 if comparison.startswith(">") else 10.0
    rule = AlarmRule("r", "x", comparison=comparison, threshold=threshold, deadband=3)
    assert rule.trips(value) is trips
    assert rule.holds(value) is holds


def test_error_match_is_case_insensitive_glob():
    lost = AlarmRule("r", ERROR_METRIC, error_match="gpu lost*")
    assert lost.error_matches("GPU lost: NVML_ERROR_GPU_IS_LOST")
    assert not lost.error_matches("reader failed: timeout")
    assert not lost.error_matches(None)
    assert AlarmRule("r", ERROR_METRIC).error_matches("anything")


def test_message_rendering_is_lenient():
    rule = AlarmRule("r", "gpu.throttle.active", message="{name}: throttled ({note}) {value:.0f}")
    dev = gpu(gpu__throttle__active=1, notes={"gpu.throttle.active": "SW power cap"})
    assert rule.render(dev, "gpu.throttle.active", 1.0) == "GPU gpu0: throttled (SW power cap) 1"
    assert rule.render(dev, "gpu.throttle.active", None) == "GPU gpu0: throttled (SW power cap)"
    default = AlarmRule("r", "gpu.temp", threshold=85)
    assert default.render(gpu(gpu__temp=91), "gpu.temp", 91.0) == (
        "GPU gpu0: gpu.temp is 91.0 C (limit > 85)")
    error = AlarmRule("e", ERROR_METRIC)
    assert error.render(gpu(error="GPU lost"), "@error", None) == "GPU gpu0: GPU lost"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"id": "Bad Id"}, "rule id"),
        ({"metric": ""}, "reading key"),
        ({"comparison": "=="}, "Comparison"),
        ({"priority": "urgent"}, "Priority"),
        ({"threshold": math.nan}, "threshold"),
        ({"deadband": -1.0}, "deadband"),
        ({"on_delay_s": 99999.0}, "on_delay_s"),
        ({"message": "{nope}"}, "unknown field"),
        ({"message": "{unclosed"}, "template"),
        ({"message": "x" * 400}, "at most"),
    ],
)
def test_validation_names_the_problem(changes, words):
    rule = AlarmRule.from_dict({**AlarmRule("ok", "gpu.temp").as_dict(), **changes})
    with pytest.raises(ValidationError, match=words):
        rule.validate()


def test_defaults_are_valid_and_cover_the_brief():
    for rule in DEFAULT_RULES:
        rule.validate()
    ids = {r.id for r in DEFAULT_RULES}
    assert {"gpu.temp.high", "gpu.temp.critical", "gpu.mem.full", "gpu.throttle",
            "gpu.ecc.uncorrected", "device.lost", "device.error", "host.mem.high",
            "host.disk.high", "host.disk.critical"} <= ids
    assert len(ids) == len(DEFAULT_RULES)


def test_dict_round_trip():
    rule = DEFAULT_RULES[0]
    again = AlarmRule.from_dict({**rule.as_dict(), "enabled": 1, "unknown": "ignored"})
    assert again == rule
