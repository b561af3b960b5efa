"""The ISA-18.2 state machine on its own, driven by explicit times."""

from __future__ import annotations

import pytest

from app.alarms.engine import (
    ACKNOWLEDGED,
    CLEARED,
    LATCHED,
    RAISED,
    SHELVED,
    UNSHELVED,
    AlarmEngine,
    AlarmPoint,
    AlarmState,
)
from app.alarms.rules import AlarmRule
from app.errors import ValidationError

RULE = AlarmRule("temp", "gpu.temp", threshold=85, deadband=3)
DELAYED = AlarmRule("temp", "gpu.temp", threshold=85, deadband=3, on_delay_s=10, off_delay_s=5)


@pytest.fixture
def engine() -> AlarmEngine:
    return AlarmEngine(chatter_count=3, chatter_window_s=600)


@pytest.fixture
def point() -> AlarmPoint:
    return AlarmPoint("temp", "gpu0", "gpu.temp", "high")


def test_raise_ack_clear(engine, point):
    assert engine.evaluate(point, RULE, 80, 0) == []
    assert engine.evaluate(point, RULE, 90, 1) == [RAISED]
    assert point.state is AlarmState.UNACKNOWLEDGED and point.active
    assert engine.acknowledge(point, 2, "op", "seen") == [ACKNOWLEDGED]
    assert point.state is AlarmState.ACKNOWLEDGED and point.acked_by == "op"
    assert engine.evaluate(point, RULE, 80, 3) == [CLEARED]
    assert point.state is AlarmState.NORMAL and not point.active


def test_clear_before_ack_returns_to_normal_unacknowledged(engine, point):
    engine.evaluate(point, RULE, 90, 0)
    assert engine.evaluate(point, RULE, 70, 1) == [CLEARED]
    assert point.state is AlarmState.RETURNED_UNACKNOWLEDGED
    assert engine.acknowledge(point, 2, "op") == [ACKNOWLEDGED]
    assert point.state is AlarmState.NORMAL


def test_returned_unacknowledged_raises_again(engine, point):
    engine.evaluate(point, RULE, 90, 0)
    engine.evaluate(point, RULE, 70, 1)
    assert engine.evaluate(point, RULE, 95, 2) == [RAISED]
    assert point.state is AlarmState.UNACKNOWLEDGED


def test_hysteresis_holds_inside_the_deadband(engine, point):
    engine.evaluate(point, RULE, 86, 0)
    for t, value in enumerate([84.9, 83, 82.5, 85, 84], start=1):
        assert engine.evaluate(point, RULE, value, t) == []
        assert point.active
    assert engine.evaluate(point, RULE, 81.9, 10) == [CLEARED]
    assert engine.evaluate(point, RULE, 84, 11) == []  # below threshold: stays normal-ish
    assert not point.active


def test_on_delay_requires_a_persistent_condition(engine, point):
    assert engine.evaluate(point, DELAYED, 90, 0) == []
    assert engine.evaluate(point, DELAYED, 90, 9) == []
    assert engine.evaluate(point, DELAYED, 90, 10) == [RAISED]


def test_on_delay_restarts_when_the_condition_drops(engine, point):
    engine.evaluate(point, DELAYED, 90, 0)
    engine.evaluate(point, DELAYED, 80, 5)  # a dip resets the timer
    assert engine.evaluate(point, DELAYED, 90, 6) == []
    assert engine.evaluate(point, DELAYED, 90, 15) == []
    assert engine.evaluate(point, DELAYED, 90, 16) == [RAISED]


def test_off_delay(engine, point):
    engine.evaluate(point, DELAYED, 90, 0)
    engine.evaluate(point, DELAYED, 90, 10)
    assert engine.evaluate(point, DELAYED, 70, 11) == []
    assert engine.evaluate(point, DELAYED, 70, 15) == []
    assert point.active
    assert engine.evaluate(point, DELAYED, 70, 16) == [CLEARED]


def test_ack_when_nothing_to_ack_is_refused(engine, point):
    with pytest.raises(ValidationError, match="not waiting"):
        engine.acknowledge(point, 0, "op")
    engine.evaluate(point, RULE, 90, 0)
    engine.acknowledge(point, 1, "op")
    with pytest.raises(ValidationError, match="not waiting"):
        engine.acknowledge(point, 2, "op")


def test_shelve_and_expiry_while_active(engine, point):
    engine.evaluate(point, RULE, 90, 0)
    engine.acknowledge(point, 1, "op")
    assert engine.shelve(point, 2, 62, "tech", "sensor work") == [SHELVED]
    assert point.shelved
    assert engine.tick(point, 61) == []
    assert engine.tick(point, 62) == [UNSHELVED]
    assert not point.shelved
    assert point.state is AlarmState.UNACKNOWLEDGED  # still active: announced again


def test_shelve_expiry_after_the_condition_cleared(engine, point):
    engine.evaluate(point, RULE, 90, 0)
    engine.shelve(point, 1, 100, "tech", "known")
    engine.evaluate(point, RULE, 70, 2)
    assert point.state is AlarmState.RETURNED_UNACKNOWLEDGED
    assert engine.tick(point, 100) == [UNSHELVED]
    assert point.state is AlarmState.NORMAL


def test_shelve_needs_a_future_end_and_unshelve_a_shelf(engine, point):
    with pytest.raises(ValidationError):
        engine.shelve(point, 10, 10, "tech", "x")
    with pytest.raises(ValidationError, match="not shelved"):
        engine.unshelve(point, 10)


def chatter(engine, point, start, count):
    events = []
    for i in range(count):
        events += engine.evaluate(point, RULE, 90, start + 20 * i)
        events += engine.evaluate(point, RULE, 70, start + 20 * i + 10)
    return events


def test_chattering_alarm_is_latched_and_counted(engine, point):
    events = chatter(engine, point, 0, 6)
    assert events.count(RAISED) == 4
    assert events.count(LATCHED) == 1
    assert point.latched
    assert point.state is AlarmState.UNACKNOWLEDGED  # held, although the value is low now
    assert not point.active
    # after latching: the 4th clear, then 2 activations and 2 clears were swallowed
    assert point.suppressed_count == 5
    engine.acknowledge(point, 200, "op")
    assert point.state is AlarmState.NORMAL and not point.latched


def test_latched_alarm_acknowledged_while_active_resets_after_a_quiet_window(engine, point):
    chatter(engine, point, 0, 4)
    engine.evaluate(point, RULE, 90, 100)  # active again (swallowed)
    engine.acknowledge(point, 101, "op")
    assert point.state is AlarmState.ACKNOWLEDGED and point.latched
    engine.evaluate(point, RULE, 70, 102)
    assert point.state is AlarmState.ACKNOWLEDGED  # latched: the clear does not count
    assert engine.tick(point, 102 + 599) == []
    assert engine.tick(point, 102 + 600) == [CLEARED]
    assert point.state is AlarmState.NORMAL and not point.latched


def test_activations_outside_the_window_do_not_latch(engine, point):
    events = []
    for i in range(6):
        events += engine.evaluate(point, RULE, 90, 400 * i)
        events += engine.evaluate(point, RULE, 70, 400 * i + 10)
    assert LATCHED not in events
    assert events.count(RAISED) == 6


def test_remove_returns_to_normal(engine, point):
    engine.evaluate(point, RULE, 90, 0)
    engine.shelve(point, 1, 100, "tech", "x")
    engine.remove(point)
    assert point.state is AlarmState.NORMAL and not point.shelved and not point.active


def test_bad_chatter_settings():
    with pytest.raises(ValueError):
        AlarmEngine(chatter_count=0)
