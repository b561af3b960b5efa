"""AlarmService end to end on a real database: rules, persistence, roles, audit, floods."""

from __future__ import annotations

import pytest
from alarm_helpers import gpu, host, run, snap

from app.alarms.engine import AlarmState
from app.alarms.rules import DEFAULT_RULES, AlarmRule
from app.alarms.service import AlarmService
from app.errors import PermissionDenied, ValidationError


def audit_records(ctx, action: str | None = None):
    records = ctx.audit_trail.read_page(limit=500)
    return [r for r in records if action is None or r.action == action]


def raise_gpu_temp(alarms, clock, temp: float = 88.0):
    """The default GPU high-temperature rule has a 10 s on-delay."""
    run(alarms, clock, 11, gpu(gpu__temp=temp))
    active = [a for a in alarms.list_active() if a.rule_id == "gpu.temp.high"]
    assert len(active) == 1
    return active[0]


# -- rules storage -----------------------------------------------------------------------------


def test_default_rules_are_seeded_once(ctx, admin, alarms, clock):
    assert {r.id for r in alarms.list_rules()} == {r.id for r in DEFAULT_RULES}
    alarms.delete_rule(admin, "gpu.throttle")
    again = AlarmService(ctx.store, ctx.audit_trail, ctx.guard, clock=clock)
    assert "gpu.throttle" not in {r.id for r in again.list_rules()}  # not resurrected


def test_rule_changes_need_change_settings_and_are_audited(ctx, admin, tech, alarms):
    rule = AlarmRule("npu.temp.high", "npu.temp", threshold=80, priority="high",
                     device_kind="npu", message="{name}: NPU at {value:.0f} C")
    with pytest.raises(PermissionDenied):
        alarms.save_rule(tech, rule)
    denied = audit_records(ctx, "permission_denied")
    assert denied and denied[0].object == "alarm_rule:npu.temp.high"
    assert denied[0].actor == "tech"
    alarms.save_rule(admin, rule)
    assert alarms.get_rule("npu.temp.high") == rule
    created = audit_records(ctx, "rule_create")[0]
    assert created.category == "alarms" and created.details_dict["new"]["threshold"] == 80
    alarms.save_rule(admin, AlarmRule.from_dict({**rule.as_dict(), "threshold": 82}))
    changed = audit_records(ctx, "rule_change")[0].details_dict
    assert (changed["old"]["threshold"], changed["new"]["threshold"]) == (80, 82)
    alarms.set_rule_enabled(admin, "npu.temp.high", False)
    assert audit_records(ctx, "rule_disable")
    alarms.delete_rule(admin, "npu.temp.high")
    assert audit_records(ctx, "rule_delete")
    with pytest.raises(ValidationError, match="no alarm rule"):
        alarms.get_rule("npu.temp.high")


def test_invalid_rule_is_refused_and_nothing_changes(admin, alarms):
    before = alarms.list_rules()
    with pytest.raises(ValidationError):
        alarms.save_rule(admin, AlarmRule("x", "gpu.temp", priority="urgent"))
    assert alarms.list_rules() == before


def test_restore_defaults(admin, alarms):
    alarms.save_rule(admin, AlarmRule.from_dict({**DEFAULT_RULES[0].as_dict(), "threshold": 99}))
    alarms.delete_rule(admin, "host.disk.high")
    alarms.restore_default_rules(admin)
    assert {r.id for r in alarms.list_rules()} == {r.id for r in DEFAULT_RULES}
    assert alarms.get_rule(DEFAULT_RULES[0].id) == DEFAULT_RULES[0]


def test_disabling_a_rule_returns_its_alarms_to_normal(admin, alarms, clock):
    alarm = raise_gpu_temp(alarms, clock)
    alarms.set_rule_enabled(admin, "gpu.temp.high", False)
    assert alarms.list_active() == []
    assert alarms.history(alarm_id=alarm.id)[0].event == "rule_removed"
    run(alarms, clock, 30, gpu(gpu__temp=88))
    assert alarms.list_active() == []


# -- evaluation ------------------------------------------------------------------------------


def test_gpu_temperature_alarm_with_on_delay_and_message(alarms, clock):
    events = run(alarms, clock, 10, gpu(gpu__temp=88))
    assert events == []  # the on-delay (10 s) has not passed yet
    events = run(alarms, clock, 1, gpu(gpu__temp=88))
    assert [(e.event, e.rule_id, e.priority) for e in events] == [
        ("raised", "gpu.temp.high", "high")]
    alarm = alarms.list_active()[0]
    assert alarm.state is AlarmState.UNACKNOWLEDGED and alarm.annunciated
    assert alarm.message == "GPU gpu0: GPU temperature 88 °C is above 85 °C"
    assert alarm.device_name == "GPU gpu0"


def test_critical_temperature_raises_both_levels(alarms, clock):
    run(alarms, clock, 12, gpu(gpu__temp=95))
    assert [a.priority for a in alarms.list_active()] == ["critical", "high"]
    assert alarms.active_counts() == {"critical": 1, "high": 1, "medium": 0, "low": 0}


def test_hysteresis_keeps_the_alarm_until_below_the_deadband(alarms, clock):
    alarm = raise_gpu_temp(alarms, clock, 88)
    run(alarms, clock, 60, gpu(gpu__temp=83))  # below 85 but inside the 3 C deadband
    assert alarms.get(alarm.id).active
    run(alarms, clock, 11, gpu(gpu__temp=81))  # below 82 for longer than the off-delay
    current = alarms.get(alarm.id)
    assert not current.active
    assert current.state is AlarmState.RETURNED_UNACKNOWLEDGED


def test_memory_full_uses_the_ratio_of_used_to_total(alarms, clock):
    run(alarms, clock, 31, gpu(gpu__mem__used=23_000, gpu__mem__total=24_000))
    (alarm,) = alarms.list_active()
    assert alarm.rule_id == "gpu.mem.full" and alarm.value == pytest.approx(95.83, abs=0.01)
    assert "96 % full" in alarm.message


def test_throttle_message_names_the_reasons(alarms, clock):
    dev = gpu(gpu__throttle__active=1, notes={"gpu.throttle.active": "HW slowdown, SW power cap"})
    run(alarms, clock, 31, dev)
    (alarm,) = alarms.list_active()
    assert alarm.message == "GPU gpu0: GPU clocks are throttled (HW slowdown, SW power cap)"


def test_ecc_uncorrected_errors_raise_at_once(alarms, clock):
    assert run(alarms, clock, 1, gpu(gpu__ecc__uncorrected=0)) == []
    events = run(alarms, clock, 1, gpu(gpu__ecc__uncorrected=2))
    assert [e.rule_id for e in events] == ["gpu.ecc.uncorrected"]


def test_gpu_lost_is_critical_and_not_also_a_generic_error(alarms, clock):
    events = run(alarms, clock, 10, gpu(error="GPU lost: NVML_ERROR_GPU_IS_LOST"))
    assert [(e.rule_id, e.priority) for e in events] == [("device.lost", "critical")]
    assert alarms.list_active()[0].message == "GPU gpu0: GPU lost: NVML_ERROR_GPU_IS_LOST"


def test_reader_failure_raises_after_its_on_delay_and_clears(alarms, clock):
    from app.telemetry.model import DeviceSnapshot

    failed = DeviceSnapshot("npu", "unknown", "npu", error="reader failed: timeout")
    assert run(alarms, clock, 5, failed) == []
    events = run(alarms, clock, 1, failed)
    assert [(e.rule_id, e.device_id) for e in events] == [("device.error", "npu")]
    recovered = DeviceSnapshot("npu", "npu", "npu", {})
    events = run(alarms, clock, 6, recovered)
    assert [e.event for e in events] == ["cleared"]


def test_host_rules_and_patterns_for_other_keys(admin, alarms, clock):
    alarms.save_rule(admin, AlarmRule("core.hot", "cpu.core*.util", threshold=99,
                                      device_kind="host", priority="low"))
    run(alarms, clock, 61, host(mem__util=97, disk__data__util=98, cpu__core0__util=100,
                                cpu__core1__util=50))
    got = {(a.rule_id, a.key) for a in alarms.list_active()}
    assert got == {("host.mem.high", "mem.util"), ("host.disk.high", "disk.data.util"),
                   ("host.disk.critical", "disk.data.util"),
                   ("core.hot", "cpu.core0.util")}


def test_unsupported_reading_holds_the_state(alarms, clock):
    alarm = raise_gpu_temp(alarms, clock)
    run(alarms, clock, 60, gpu(gpu__temp=None))
    assert alarms.get(alarm.id).active


def test_listeners_hear_changes_and_a_broken_one_is_contained(alarms, clock, caplog):
    heard = []

    def broken(events):
        raise RuntimeError("banner crashed")

    alarms.add_listener(broken)
    alarms.add_listener(heard.append)
    raise_gpu_temp(alarms, clock)
    assert [e.event for batch in heard for e in batch] == ["raised"]
    assert any("alarm listener failed" in r.getMessage() for r in caplog.records)
    alarms.remove_listener(heard.append)
    run(alarms, clock, 20, gpu(gpu__temp=50))
    assert len(heard) == 1


# -- a person's actions --------------------------------------------------------------------------


def test_operator_acknowledges_and_it_is_audited(ctx, operator, alarms, clock):
    alarm = raise_gpu_temp(alarms, clock)
    acked = alarms.acknowledge(operator, alarm.id, "  fan checked  ")
    assert acked.state is AlarmState.ACKNOWLEDGED
    assert (acked.acked_by, acked.ack_comment) == ("operator", "fan checked")
    record = audit_records(ctx, "acknowledge")[0]
    assert (record.category, record.object, record.outcome) == (
        "alarms", f"alarm:{alarm.id}", "success")
    assert record.details_dict["comment"] == "fan checked"
    event = alarms.history(alarm_id=alarm.id)[0]
    assert (event.event, event.actor, event.comment) == ("acknowledged", "operator",
                                                         "fan checked")
    with pytest.raises(ValidationError, match="not waiting"):
        alarms.acknowledge(operator, alarm.id)
    run(alarms, clock, 11, gpu(gpu__temp=60))
    assert alarms.list_active() == []


def test_operator_may_not_shelve_and_the_refusal_is_audited(ctx, operator, alarms, clock):
    alarm = raise_gpu_temp(alarms, clock)
    with pytest.raises(PermissionDenied):
        alarms.shelve(operator, alarm.id, 30, "annoying")
    record = audit_records(ctx, "permission_denied")[0]
    assert (record.actor, record.object, record.outcome) == (
        "operator", f"alarm:{alarm.id}", "denied")
    assert record.details_dict["permission"] == "shelve_alarms"
    assert not alarms.get(alarm.id).shelved


def test_technician_shelves_and_the_shelf_expires(ctx, tech, alarms, clock):
    alarm = raise_gpu_temp(alarms, clock)
    shelved = alarms.shelve(tech, alarm.id, 5, "replacing the fan")
    assert shelved.shelved and not shelved.annunciated
    assert shelved.shelved_until == pytest.approx(clock.now + 300)
    assert alarms.active_counts()["high"] == 0
    assert alarms.list_active(include_shelved=False) == []
    assert audit_records(ctx, "shelve")[0].details_dict["minutes"] == 5
    run(alarms, clock, 299, gpu(gpu__temp=88))
    assert alarms.get(alarm.id).shelved
    events = run(alarms, clock, 2, gpu(gpu__temp=88))
    assert [(e.event, e.actor) for e in events] == [("unshelved", "system")]
    back = alarms.get(alarm.id)
    assert not back.shelved and back.state is AlarmState.UNACKNOWLEDGED and back.annunciated


def test_shelved_alarm_clearing_comes_back_normal_and_is_not_counted(tech, alarms, clock):
    alarm = raise_gpu_temp(alarms, clock)
    alarms.shelve(tech, alarm.id, 10, "maintenance")
    run(alarms, clock, 20, gpu(gpu__temp=60))
    for _ in range(2):  # it flaps under the shelf: followed, not announced
        run(alarms, clock, 11, gpu(gpu__temp=88))
        run(alarms, clock, 11, gpu(gpu__temp=60))
    raised = [e for e in alarms.history(alarm_id=alarm.id) if e.event == "raised"]
    assert [e.annunciated for e in raised] == [False, False, True]
    clock.advance(600)
    alarms.tick()
    assert alarms.get(alarm.id).state is AlarmState.NORMAL
    assert alarms.list_active() == []


def test_unshelve_by_hand(ctx, tech, alarms, clock):
    alarm = raise_gpu_temp(alarms, clock)
    alarms.shelve(tech, alarm.id, 60, "x")
    back = alarms.unshelve(tech, alarm.id)
    assert not back.shelved and back.annunciated
    assert audit_records(ctx, "unshelve")


@pytest.mark.parametrize(("minutes", "reason"), [(0, "x"), (10_000, "x"), (5, "   ")])
def test_shelve_arguments_are_checked(tech, alarms, clock, minutes, reason):
    alarm = raise_gpu_temp(alarms, clock)
    with pytest.raises(ValidationError):
        alarms.shelve(tech, alarm.id, minutes, reason)


def test_unknown_alarm_id(operator, alarms):
    with pytest.raises(ValidationError, match="no alarm #999"):
        alarms.acknowledge(operator, 999)


def test_failed_write_leaves_the_alarm_unchanged(operator, alarms, clock, monkeypatch):
    alarm = raise_gpu_temp(alarms, clock)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(alarms._audit, "record", broken)
    with pytest.raises(RuntimeError):
        alarms.acknowledge(operator, alarm.id)
    assert alarms.get(alarm.id).state is AlarmState.UNACKNOWLEDGED
    assert [e.event for e in alarms.history(alarm_id=alarm.id)] == ["raised"]


# -- persistence, history, floods ------------------------------------------------------------


def test_alarm_state_survives_a_restart(ctx, operator, alarms, clock):
    alarm = raise_gpu_temp(alarms, clock)
    alarms.acknowledge(operator, alarm.id)
    again = AlarmService(ctx.store, ctx.audit_trail, ctx.guard, clock=clock)
    restored = again.get(alarm.id)
    assert restored.state is AlarmState.ACKNOWLEDGED and restored.active
    assert restored.message == alarm.message
    run(again, clock, 11, gpu(gpu__temp=60))
    assert again.list_active() == []


def test_history_is_newest_first_paged_and_bounded(ctx, operator, clock):
    alarms = AlarmService(ctx.store, ctx.audit_trail, ctx.guard, clock=clock, max_events=5)
    for _ in range(4):
        run(alarms, clock, 11, gpu(gpu__ecc__uncorrected=1))
        run(alarms, clock, 1, gpu(gpu__ecc__uncorrected=0))
        for alarm in alarms.list_active():
            alarms.acknowledge(operator, alarm.id)
    events = alarms.history()
    assert len(events) == 5
    assert [e.id for e in events] == sorted((e.id for e in events), reverse=True)
    older = alarms.history(limit=2, before_id=events[1].id)
    assert [e.id for e in older] == [events[2].id, events[3].id]


def test_chattering_alarm_is_latched_and_the_rate_reports_it(admin, operator, alarms, clock):
    alarms.save_rule(admin, AlarmRule("flappy", "gpu.util", threshold=90, priority="low"))
    for _ in range(8):  # 8 crossings in 160 s
        run(alarms, clock, 10, gpu(gpu__util=95))
        run(alarms, clock, 10, gpu(gpu__util=50))
    (alarm,) = alarms.list_active()
    assert alarm.latched and alarm.state is AlarmState.UNACKNOWLEDGED
    raised = [e for e in alarms.history() if e.event == "raised"]
    assert len(raised) == 4  # the 4th activation latched it; the rest were only counted
    assert any(e.event == "chatter_latched" for e in alarms.history())
    rate = alarms.alarm_rate()
    assert rate.buckets == (0, 0, 0, 0, 0, 4)
    assert rate.per_10_min == pytest.approx(4 / 6)
    assert rate.peak == 4 and not rate.flood
    assert (rate.chattering, rate.suppressed) == (1, alarm.suppressed_count)
    assert alarm.suppressed_count == 9  # after latching: clears 4-8 and activations 5-8
    alarms.acknowledge(operator, alarm.id)
    assert alarms.list_active() == []
    assert alarms.alarm_rate().chattering == 0


def test_alarm_rate_buckets_the_last_hour_and_flags_floods(admin, alarms, clock):
    for i in range(12):
        alarms.save_rule(admin, AlarmRule(f"r{i}", f"gpu.k{i}", threshold=0, priority="low"))
    start = clock.now
    run(alarms, clock, 1, gpu(**{f"gpu__k{i}": 1 for i in range(12)}))
    rate = alarms.alarm_rate(start + 30)
    assert rate.buckets[-1] == 12 and rate.flood
    later = alarms.alarm_rate(start + 3000)
    assert later.buckets == (0, 12, 0, 0, 0, 0)
    assert alarms.alarm_rate(start + 4000).buckets == (0,) * 6


def test_a_quiet_box_is_evaluated_without_writing(alarms, clock):
    """Evaluation runs every second: with every reading in range it must not touch the
    database (its CPU cost is measured by make bench, tests/bench/bench_monitor.py)."""
    devices = [gpu(f"gpu{i}", gpu__temp=60, gpu__util=50, gpu__mem__used=1000,
                   gpu__mem__total=24000, gpu__throttle__active=0, gpu__ecc__uncorrected=0)
               for i in range(4)]
    devices.append(host(mem__util=40, disk__data__util=50,
                        **{f"cpu__core{i}__util": 10 for i in range(16)}))
    alarms.evaluate(snap(clock, *devices))
    clock.advance(1)
    conn = alarms._store.conn
    before = conn.total_changes
    statements: list[str] = []
    conn.set_trace_callback(statements.append)  # an empty BEGIN/COMMIT would take the lock
    try:
        for _ in range(200):
            alarms.evaluate(snap(clock, *devices))
            clock.advance(1)
    finally:
        conn.set_trace_callback(None)
    assert conn.total_changes == before
    assert not [s for s in statements if s.split()[0].upper() in
                ("BEGIN", "INSERT", "UPDATE", "DELETE", "COMMIT")]
    assert not any(alarms.active_counts().values())


def test_a_failed_evaluation_write_is_retried_cleanly(alarms, clock, monkeypatch, caplog):
    import sqlite3

    real = alarms._save_point
    calls = []

    def flaky(*args):
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")
        return real(*args)

    monkeypatch.setattr(alarms, "_save_point", flaky)
    raised_at = clock.now
    alarms.on_snapshot(snap(clock, gpu(gpu__ecc__uncorrected=1)))  # logged, not raised
    assert any("database is locked" in r.getMessage() for r in caplog.records)
    assert alarms.list_active() == []  # nothing half-written is shown
    clock.advance(1)
    alarms.on_snapshot(snap(clock, gpu(gpu__ecc__uncorrected=0)))
    clock.advance(1)
    alarms.on_snapshot(snap(clock, gpu(gpu__ecc__uncorrected=1)))
    (alarm,) = alarms.list_active()
    history = alarms.history(alarm_id=alarm.id)
    assert [(e.event, e.ts - raised_at) for e in history] == [
        ("raised", 2), ("cleared", 1), ("raised", 0)]  # the backlog kept order and times


def test_plugs_into_the_sampler(alarms):
    from app.telemetry.sampler import Sampler

    class Reader:
        name = "nvml"

        def read(self):
            raise RuntimeError("NVML Shared Library Not Found")

    sampler = Sampler([Reader()], interval_s=1.0)
    sampler.subscribe(alarms.on_snapshot)
    first = sampler.sample_once()
    # device.error has a 5 s on-delay: replay the same failure 6 s later
    alarms.evaluate(type(first)(first.taken_at + 6, first.devices))
    (alarm,) = alarms.list_active()
    assert alarm.rule_id == "device.error"
    assert "NVML Shared Library Not Found" in alarm.message
