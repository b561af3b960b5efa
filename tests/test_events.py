"""Change notifications (app/events.py): the bus, the topics an audit record touches, and the
services' hooks firing only once the change is committed."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from app import events
from app.events import ChangeBus, topics_for


@pytest.fixture
def heard():
    """Every change published on the process bus during the test."""
    seen: list[events.Change] = []
    unsubscribe = events.bus.subscribe(seen.append)
    yield seen
    unsubscribe()


def test_subscribers_hear_publications_until_they_unsubscribe():
    bus = ChangeBus()
    got: list[events.Change] = []
    stop = bus.subscribe(got.append)
    bus.publish("models", "/data/edgedeck.db", model="x")
    stop()
    bus.publish("models", "/data/edgedeck.db")
    assert got == [events.Change("models", "/data/edgedeck.db", {"model": "x"})]
    assert bus.subscriber_count == 0
    stop()  # twice is harmless


def test_a_failing_subscriber_neither_fails_the_publisher_nor_silences_the_others(caplog):
    bus = ChangeBus()
    got: list[str] = []

    def broken(change: events.Change) -> None:
        raise RuntimeError("listener bug")

    bus.subscribe(broken)
    bus.subscribe(lambda change: got.append(change.topic))
    bus.publish("alarms")
    assert got == ["alarms"]
    assert "listener bug" in caplog.text


def test_publishing_from_many_threads_while_subscribing_loses_nothing():
    bus = ChangeBus()
    got: list[int] = []
    lock = threading.Lock()

    def count(change: events.Change) -> None:
        with lock:
            got.append(change.detail["n"])

    bus.subscribe(count)

    def publisher(start: int) -> None:
        for n in range(start, start + 200):
            bus.publish("audit", n=n)

    def churn() -> None:
        for _ in range(200):
            bus.subscribe(lambda change: None)()

    threads = [threading.Thread(target=publisher, args=(i * 200,)) for i in range(4)]
    threads.append(threading.Thread(target=churn))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(got) == list(range(800))


def test_topics_of_audit_records():
    assert topics_for("model", "activate") == ("audit", "models")
    assert topics_for("model", "run") == ("audit",)  # a playground run changes no list
    assert topics_for("knowledge", "ask") == ("audit",)
    assert topics_for("knowledge", "ingest") == ("audit", "knowledge")
    assert topics_for("auth", "login") == ("audit", "users")  # last sign-in, lockouts
    assert topics_for("security", "permission_denied") == ("audit",)
    assert topics_for("backup", "create") == ("audit",)


def test_the_trail_announces_each_record_once_written(ctx, admin, heard):
    before = len(heard)
    record = ctx.audit_trail.record(admin, "model", "activate", "model:x/v1")
    mine = [c for c in heard[before:] if c.topic == events.AUDIT]
    assert [(c.source, c.detail) for c in mine] == [
        (str(ctx.store.path), {"seq": record.seq, "category": "model", "action": "activate"})]


def test_a_settings_change_is_announced_after_it_is_committed(ctx, admin, heard, data_dir):
    """A listener that reads on another connection (another thread, another process) sees the
    new value at the moment it is told."""
    seen_value: list[object] = []

    def read_back(change: events.Change) -> None:
        if change.topic == events.SETTINGS:
            other = sqlite3.connect(str(ctx.store.path))
            row = other.execute("SELECT value FROM settings WHERE key = 'idle_lock_minutes'"
                                ).fetchone()
            other.close()
            seen_value.append(row[0] if row else None)

    stop = events.bus.subscribe(read_back)
    try:
        ctx.settings.set(admin, "idle_lock_minutes", 7)
        ctx.settings.set_device_name(admin, "Line 3 box")
    finally:
        stop()
    assert seen_value == ["7", "7"]
    settings = [c for c in heard if c.topic == events.SETTINGS]
    assert [c.detail["key"] for c in settings] == ["idle_lock_minutes", "device_name"]
    assert {c.source for c in settings} == {str(ctx.store.path)}


def test_alarm_state_changes_are_announced(ctx, heard):
    from app.telemetry.model import DeviceSnapshot, Reading, Snapshot

    hot = Reading("gpu.temp", "Temperature", 97.0, "C", "GPU die temperature", "instant")
    device = DeviceSnapshot("gpu0", "gpu", "GPU 0", {"gpu.temp": hot})
    start = 1_700_000_000.0
    for second in range(12):  # the default critical rule waits 5 s before it raises
        ctx.alarms.evaluate(Snapshot(start + second, (device,)))
    alarms = [c for c in heard if c.topic == events.ALARMS]
    assert alarms and alarms[0].source == str(ctx.store.path)
    assert alarms[0].detail["count"] >= 1
