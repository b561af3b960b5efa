"""History tiers: what is stored, how it is rolled up, which tier answers, pruning and bounds."""

from __future__ import annotations

import math
import sqlite3
import statistics

import pytest

from app.store import open_store
from app.telemetry.history import (
    ONE_MIN,
    RAW,
    TEN_S,
    HistoryConfig,
    HistoryService,
)
from app.telemetry.model import DeviceSnapshot, Reading, Snapshot
from app.telemetry.sampler import Sampler

T0 = 1_699_999_980  # a multiple of 60 (and 10): bucket arithmetic stays readable


class Clock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def reading(key: str, value: float | None, unit: str = "%", supported: bool = True) -> Reading:
    return Reading(key, key, value, unit, f"test {key}", "1 s", supported and value is not None)


def snap(t: float, **values: float | None) -> Snapshot:
    """One GPU device whose readings are the keyword arguments (dots written as __)."""
    readings = {k.replace("__", "."): reading(k.replace("__", "."), v) for k, v in values.items()}
    return Snapshot(t, (DeviceSnapshot("gpu0", "gpu", "Test GPU", readings),))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def history(ctx, clock) -> HistoryService:
    return HistoryService(ctx.store, clock=clock)


def rows(ctx, table: str) -> list[tuple]:
    return list(ctx.store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"))


# -- what gets stored ------------------------------------------------------------------------


def test_only_supported_finite_numbers_are_stored(ctx, history):
    device = DeviceSnapshot("gpu0", "gpu", "GPU", {
        "gpu.util": reading("gpu.util", 40.0),
        "gpu.fan": reading("gpu.fan", None, supported=False),
        "gpu.temp": Reading("gpu.temp", "T", 55.0, "C", "m", "w", supported=False),
        "gpu.power": reading("gpu.power", math.nan, "W"),
        "gpu.clock.sm": reading("gpu.clock.sm", math.inf, "MHz"),
    })
    broken = DeviceSnapshot("npu0", "unknown", "npu0", error="reader failed: boom")
    assert history.record(Snapshot(T0, (device, broken))) == 1
    assert [s.key for s in history.series()] == ["gpu.util"]
    assert history.series()[0].unit == "%"
    assert history.query("gpu0", "gpu.util", T0 - 10, T0 + 10) == [(T0, 40.0)]
    assert history.query("gpu0", "gpu.fan", T0 - 10, T0 + 10) == []


def test_excluded_keys_are_not_stored(ctx, clock):
    history = HistoryService(ctx.store, HistoryConfig(exclude_keys=("cpu.count", "*.total")),
                             clock=clock)
    history.record(snap(T0, gpu__util=1, gpu__mem__total=16000, cpu__count=8))
    assert [s.key for s in history.series()] == ["gpu.util"]


def test_subsecond_samples_keep_the_latest_value_of_each_second(history):
    history.record(snap(T0 + 0.2, gpu__util=10))
    history.record(snap(T0 + 0.7, gpu__util=20))
    assert history.query("gpu0", "gpu.util", T0, T0 + 1) == [(T0, 20.0)]


def test_a_sampler_cycle_writes_one_transaction(ctx, history):
    class Reader:
        name = "fake"

        def read(self) -> list[DeviceSnapshot]:
            return list(snap(0, gpu__util=33, gpu__temp=60).devices)

    sampler = Sampler([Reader()], interval_s=1.0)
    sampler.subscribe(history.on_snapshot)
    taken = sampler.sample_once()
    assert {s.key for s in history.series()} == {"gpu.util", "gpu.temp"}
    assert history.query("gpu0", "gpu.temp", taken.taken_at - 2, taken.taken_at + 2)[-1][1] == 60


def test_on_snapshot_logs_database_errors_instead_of_raising(history, monkeypatch, caplog):
    def fail(snapshot: Snapshot) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(history, "record", fail)
    history.on_snapshot(snap(T0, gpu__util=1))
    history.on_snapshot(snap(T0 + 1, gpu__util=1))  # rate-limited: logged once
    assert sum("disk I/O error" in r.getMessage() for r in caplog.records) == 1


def test_failed_transaction_forgets_cached_series(ctx, history, monkeypatch):
    history.record(snap(T0, gpu__util=1))
    real = history._roll_up

    def boom(conn, t):
        raise sqlite3.OperationalError("simulated")

    monkeypatch.setattr(history, "_roll_up", boom)
    with pytest.raises(sqlite3.OperationalError):
        history.record(snap(T0 + 1, gpu__util=2, gpu__temp=50))
    monkeypatch.setattr(history, "_roll_up", real)
    history.record(snap(T0 + 2, gpu__util=3, gpu__temp=51))  # series interned again, for real
    assert {s.key for s in history.series()} == {"gpu.util", "gpu.temp"}
    assert history.query("gpu0", "gpu.temp", T0, T0 + 5) == [(T0 + 2, 51.0)]


# -- roll-up -----------------------------------------------------------------------------------


def feed(history: HistoryService, values: dict[int, float], key: str = "gpu__util") -> None:
    for t, v in sorted(values.items()):
        history.record(snap(t, **{key: v}))


def test_ten_second_and_minute_aggregates_are_exact(ctx, history):
    # 3 minutes of a saw-tooth with gaps: averages must weight by the samples really taken.
    values = {T0 + i: float((i * 7) % 23) for i in range(180) if i % 13 != 5}
    feed(history, values)
    history.record(snap(T0 + 200, gpu__util=0))  # pass the next boundaries: buckets complete
    ten = {t: (avg, mn, mx, n) for _, t, avg, mn, mx, n in rows(ctx, "history_10s")}
    for start in range(T0, T0 + 180, 10):
        bucket = [v for t, v in values.items() if start <= t < start + 10]
        avg, mn, mx, n = ten[start]
        assert avg == pytest.approx(statistics.fmean(bucket))
        assert (mn, mx, n) == (min(bucket), max(bucket), len(bucket))
    minute = {t: (avg, mn, mx, n) for _, t, avg, mn, mx, n in rows(ctx, "history_1m")}
    assert sorted(minute) == [T0, T0 + 60, T0 + 120]
    for start in (T0, T0 + 60, T0 + 120):
        bucket = [v for t, v in values.items() if start <= t < start + 60]
        avg, mn, mx, n = minute[start]
        assert avg == pytest.approx(statistics.fmean(bucket))
        assert (mn, mx, n) == (min(bucket), max(bucket), len(bucket))


def test_current_bucket_is_not_rolled_up_early(ctx, history):
    feed(history, {T0 + i: 1.0 for i in range(9)})
    assert rows(ctx, "history_10s") == []
    history.record(snap(T0 + 10, gpu__util=5))
    assert [r[1] for r in rows(ctx, "history_10s")] == [T0]
    assert rows(ctx, "history_1m") == []


def test_rollup_continues_after_a_restart(ctx, clock):
    first = HistoryService(ctx.store, clock=clock)
    feed(first, {T0 + i: 2.0 for i in range(25)})
    second = HistoryService(ctx.store, clock=clock)  # the app restarted
    feed(second, {T0 + i: 4.0 for i in range(25, 70)})
    ten = {t: (avg, n) for _, t, avg, _, _, n in rows(ctx, "history_10s")}
    assert ten[T0 + 10] == (2.0, 10)
    assert ten[T0 + 20] == (pytest.approx(3.0), 10)  # 5 samples of 2.0 and 5 of 4.0
    minute = rows(ctx, "history_1m")
    assert [(r[1], r[5]) for r in minute] == [(T0, 60)]


def test_clock_going_back_recomputes_the_buckets(ctx, history):
    feed(history, {T0 + i: 1.0 for i in range(30)})
    history.record(snap(T0 + 5, gpu__util=100.0))  # NTP stepped the clock back
    feed(history, {T0 + 30 + i: 1.0 for i in range(11)})
    ten = {t: (avg, mx) for _, t, avg, _, mx, _ in rows(ctx, "history_10s")}
    assert ten[T0] == (pytest.approx(10.9), 100.0)


# -- queries and tiers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "max_points", "tier"),
    [
        (300, 600, RAW),
        (3600, 600, TEN_S),
        (3600, 2000, RAW),
        (86_400, 600, TEN_S),
        (86_400, 200, ONE_MIN),
        (30 * 86_400, 600, ONE_MIN),
    ],
)
def test_tier_for_common_windows(history, clock, span, max_points, tier):
    assert history.tier_for(clock.now - span, clock.now, max_points) == tier


def test_tier_for_a_window_older_than_a_tier_keeps_uses_a_coarser_one(history, clock):
    two_hours_ago = clock.now - 7200
    assert history.tier_for(two_hours_ago, two_hours_ago + 300) == TEN_S
    two_days_ago = clock.now - 2 * 86_400
    assert history.tier_for(two_days_ago, two_days_ago + 300) == ONE_MIN
    assert history.tier_for(clock.now - 90 * 86_400, clock.now) == ONE_MIN


def test_query_reads_raw_points_for_a_short_window(history, clock):
    feed(history, {T0 + i: float(i) for i in range(300)})
    clock.now = T0 + 300
    points = history.query("gpu0", "gpu.util", T0 + 100, T0 + 199)
    assert points == [(float(T0 + i), float(i)) for i in range(100, 200)]


def test_query_downsamples_to_max_points_keeping_extremes(history, clock):
    values = {T0 + i: 10.0 for i in range(600)}
    values[T0 + 333] = 99.0  # one spike
    feed(history, values)
    clock.now = T0 + 600
    band = history.query_band("gpu0", "gpu.util", T0, T0 + 599, max_points=50)
    assert 2 <= len(band) <= 50
    assert max(p.max for p in band) == 99.0
    assert sum(p.n for p in band) == 600
    assert sum(p.value * p.n for p in band) == pytest.approx(sum(values.values()))
    assert [p.t for p in band] == sorted(p.t for p in band)


def test_query_uses_aggregates_for_an_hour(history, clock):
    feed(history, {T0 + i: float(i % 10) for i in range(0, 3600)})
    clock.now = T0 + 3600
    points = history.query_band("gpu0", "gpu.util", T0, T0 + 3599, max_points=600)
    assert len(points) == 360  # the last 10 s, not rolled up yet, come from the raw tier
    assert all(p.value == pytest.approx(4.5) and (p.min, p.max) == (0, 9) for p in points)


def test_query_of_unknown_series_or_empty_window(history):
    history.record(snap(T0, gpu__util=1))
    assert history.query("gpu9", "gpu.util", T0 - 5, T0 + 5) == []
    assert history.query("gpu0", "gpu.util", T0 + 5, T0 - 5) == []
    with pytest.raises(ValueError):
        history.query("gpu0", "gpu.util", T0, T0 + 1, max_points=1)


# -- pruning and the size bound ------------------------------------------------------------------


def small_config(**kw) -> HistoryConfig:
    base = dict(raw_retention_s=60, ten_s_retention_s=300, one_min_retention_s=1200,
                maintenance_interval_s=10)
    base.update(kw)
    return HistoryConfig(**base)


def test_old_rows_are_pruned_per_tier(ctx, clock):
    history = HistoryService(ctx.store, small_config(), clock=clock)
    for i in range(0, 1800, 2):  # every 2 s for 30 minutes
        history.record(snap(T0 + i, gpu__util=1.0))
    end = T0 + 1798
    raw_times = [r[0] for r in rows(ctx, "history_raw")]
    assert min(raw_times) >= end - 60 - 10 - 10  # retention + one bucket + one interval
    assert min(r[1] for r in rows(ctx, "history_10s")) >= end - 300 - 60 - 10
    assert min(r[1] for r in rows(ctx, "history_1m")) >= end - 1200 - 10
    assert max(r[1] for r in rows(ctx, "history_1m")) >= end - 120


def test_row_bound_shrinks_every_tier_evenly(ctx, clock):
    config = small_config(max_rows=500)  # full retention would need 10 * 113 rows
    history = HistoryService(ctx.store, config, clock=clock)
    keys = {f"gpu__k{i}": 1.0 for i in range(10)}
    for i in range(0, 1800, 2):
        history.record(snap(T0 + i, **keys))
    keep = history.effective_retention()
    full = {RAW: 60, TEN_S: 300, ONE_MIN: 1200}
    factors = {k: keep[k] / full[k] for k in full}
    assert all(f < 1 for f in factors.values())
    assert max(factors.values()) == pytest.approx(min(factors.values()))
    size = history.size()
    # A series holds at most one row per bucket, so the bound holds up to one maintenance
    # interval of raw rows and one partial bucket per tier.
    slack = 10 * (config.maintenance_interval_s + 3)
    assert size.total_rows <= config.max_rows + slack
    assert size.series == 10
    assert size.max_rows == 500


def test_max_bytes_also_bounds_the_rows():
    config = HistoryConfig(max_rows=10_000_000, max_bytes=32_000)
    assert config.row_budget() == 1000


def test_series_limit(ctx, clock, caplog):
    history = HistoryService(ctx.store, HistoryConfig(max_series=2), clock=clock)
    assert history.record(snap(T0, gpu__a=1, gpu__b=2, gpu__c=3)) == 2
    assert history.record(snap(T0 + 1, gpu__a=1, gpu__b=2, gpu__c=3)) == 2
    assert len(history.series()) == 2
    assert sum("at most 2 series" in r.getMessage() for r in caplog.records) == 1


def test_series_without_rows_are_forgotten(ctx, clock):
    history = HistoryService(ctx.store, small_config(), clock=clock)
    history.record(snap(T0, gpu__gone=1.0, gpu__util=1.0))
    for i in range(2, 2000, 2):
        history.record(snap(T0 + i, gpu__util=1.0))
    assert [s.key for s in history.series()] == ["gpu.util"]


def test_size_reports_rows_and_bytes(ctx, history):
    feed(history, {T0 + i: 1.0 for i in range(130)})
    size = history.size()
    assert size.rows[RAW] == 130
    assert size.rows[TEN_S] == 12  # the bucket in progress (T0 + 120) is not rolled up yet
    assert size.rows[ONE_MIN] == 2
    assert size.total_rows == 144
    assert size.bytes > 0
    assert 0 < size.fraction_used < 1
    assert size.retention_s[RAW] == 3600


def test_config_is_checked():
    with pytest.raises(ValueError):
        HistoryConfig(raw_retention_s=7200, ten_s_retention_s=3600)
    with pytest.raises(ValueError):
        HistoryConfig(max_rows=0)


def test_run_maintenance_rolls_up_and_prunes(ctx, clock):
    history = HistoryService(ctx.store, small_config(), clock=clock)
    feed(history, {T0 + i: 1.0 for i in range(30)})
    history.run_maintenance(T0 + 1000)
    assert rows(ctx, "history_raw") == []
    assert rows(ctx, "history_10s") == []  # older than its 300 s retention
    assert [(r[1], r[5]) for r in rows(ctx, "history_1m")] == [(T0, 30)]


# -- a sampler's real load (its cost is measured by make bench, bench_monitor) -------


def forty_readings(t: float) -> Snapshot:
    host = {f"cpu.core{i}.util": reading(f"cpu.core{i}.util", 10.0 + i) for i in range(16)}
    host.update({k: reading(k, 42.0) for k in ("cpu.util", "mem.util", "swap.util",
                                                "disk.data.util")})
    gpu = {k: reading(k, 50.0 + t % 7) for k in (
        "gpu.util", "gpu.mem.util", "gpu.mem.used", "gpu.mem.total", "gpu.temp", "gpu.power",
        "gpu.power.limit", "gpu.clock.sm", "gpu.clock.mem", "gpu.fan")}
    gpu1 = {k: reading(k, 1.0) for k in list(gpu)}
    return Snapshot(t, (
        DeviceSnapshot("host", "host", "box", host),
        DeviceSnapshot("gpu0", "gpu", "A10", gpu),
        DeviceSnapshot("gpu1", "gpu", "A10", gpu1),
    ))


def test_ten_minutes_of_forty_readings_fill_every_tier(tmp_path):
    """A sampler's real load: 40 series, one cycle a second, ten minutes of roll-ups."""
    store = open_store(tmp_path / "load.db")
    try:
        history = HistoryService(store)
        assert history.record(forty_readings(T0 - 1)) == 40
        stored = [history.record(forty_readings(T0 + i)) for i in range(600)]
        assert stored == [40] * 600
        tens = list(store.conn.execute(
            "SELECT s.device_id, s.key, COUNT(*) FROM history_10s h JOIN history_series s "
            "ON s.id = h.series GROUP BY s.id"))
        assert len(tens) == 40
        # the bucket before T0 (from T0 - 1) and 59 finished ones; the current one is still open
        assert {count for _, _, count in tens} == {60}
        minutes = dict(((d, k), n) for d, k, n in store.conn.execute(
            "SELECT s.device_id, s.key, COUNT(*) FROM history_1m h JOIN history_series s "
            "ON s.id = h.series GROUP BY s.id"))
        assert set(minutes.values()) == {10}  # likewise 1 + 9 finished minutes
        band = history.query_band("gpu0", "gpu.temp", T0, T0 + 599, max_points=20)
        assert band and all(50.0 <= p.min <= p.max <= 56.0 for p in band)
    finally:
        store.close()
