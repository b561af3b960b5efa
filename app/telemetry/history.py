"""Monitoring history on the box: 1 s raw for an hour, 10 s for a day, 1 min for 30 days.

Why tiers: a week of 1 s samples for ~40 readings is 24 M rows; the tiers keep the same
picture (averages plus min/max, so spikes survive downsampling) in ~2 M rows. The work is done
incrementally on the sampler thread: each snapshot is one small INSERT transaction; completed
10 s / 1 min buckets are rolled up from the finer tier when a bucket boundary passes, and old
rows are pruned once a minute. Disk use is bounded by construction: a series holds at most one
row per bucket per tier, and when `max_rows` cannot hold the full retention for every series,
every tier's retention is shortened by the same factor.
"""

from __future__ import annotations

import fnmatch
import logging
import math
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from app.store import Store
from app.telemetry.model import Snapshot

log = logging.getLogger(__name__)

RAW, TEN_S, ONE_MIN = "raw", "10s", "1m"
TABLES = {RAW: "history_raw", TEN_S: "history_10s", ONE_MIN: "history_1m"}
STEPS = {RAW: 1, TEN_S: 10, ONE_MIN: 60}
# A tier serves a window while it yields at most max_points * OVERSAMPLE[tier] rows. Raw rows
# are used only when they can be drawn nearly as they are; aggregate rows carry min/max, so a
# few more of them than can be drawn make truer bands for little cost. With max_points=600:
# 5 min -> raw, 1 h -> 10 s, 24 h -> 10 s, 30 days -> 1 min.
OVERSAMPLE = {RAW: 2, TEN_S: 16, ONE_MIN: 16}
# On-disk cost of a row with b-tree overhead: dbstat on SQLite 3.40 measured 15 (raw) and 23
# (aggregates) bytes in freshly written tables; rounded up for pages left part-empty by pruning.
# Turns a byte budget into a row budget, and estimates the size where dbstat is not compiled in.
EST_BYTES_PER_ROW = {RAW: 16, TEN_S: 32, ONE_MIN: 32}
_ERROR_LOG_EVERY_S = 60.0


@dataclass(frozen=True)
class HistoryConfig:
    """Retention per tier and the size bound; the Settings page may expose these."""

    raw_retention_s: int = 3600
    ten_s_retention_s: int = 86_400
    one_min_retention_s: int = 30 * 86_400
    max_rows: int = 4_000_000  # <= ~100 MB; full retention for 72 series
    max_bytes: int | None = None  # when set, also bounds rows (via EST_BYTES_PER_ROW)
    max_series: int = 2000  # new series beyond this are not recorded (logged once)
    maintenance_interval_s: int = 60
    exclude_keys: tuple[str, ...] = ()  # glob patterns of reading keys not worth keeping

    def __post_init__(self) -> None:
        if not 0 < self.raw_retention_s <= self.ten_s_retention_s <= self.one_min_retention_s:
            raise ValueError("history retention must grow from raw to 10 s to 1 min tiers")
        if self.max_rows <= 0 or (self.max_bytes is not None and self.max_bytes <= 0):
            raise ValueError("history size bounds must be positive")

    def retention(self, tier: str) -> int:
        return {RAW: self.raw_retention_s, TEN_S: self.ten_s_retention_s,
                ONE_MIN: self.one_min_retention_s}[tier]

    def row_budget(self) -> int:
        if self.max_bytes is None:
            return self.max_rows
        per_row = max(EST_BYTES_PER_ROW.values())
        return min(self.max_rows, self.max_bytes // per_row)


@dataclass(frozen=True)
class HistoryPoint:
    """One point of a queried series: bucket start time, average, extremes, raw sample count."""

    t: float
    value: float
    min: float
    max: float
    n: int


@dataclass(frozen=True)
class SeriesInfo:
    device_id: str
    key: str
    unit: str


@dataclass(frozen=True)
class HistorySize:
    """What the Settings page shows: how much history is kept and how close to the bound."""

    rows: dict[str, int]
    series: int
    bytes: int
    bytes_exact: bool  # False when estimated from row counts (no dbstat in this SQLite)
    max_rows: int
    retention_s: dict[str, float] = field(default_factory=dict)  # effective, after the bound

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def fraction_used(self) -> float:
        return self.total_rows / self.max_rows if self.max_rows else 0.0


_Row = tuple[int, float, float, float, int]  # bucket start, average, min, max, samples


def _bucket(t: int, step: int) -> int:
    return t - t % step


def _rebucket(rows: list[_Row], width: int) -> list[_Row]:
    """Merge sorted rows into `width`-second buckets: sample-weighted average, min of mins."""
    out: list[_Row] = []
    for t, avg, mn, mx, n in rows:
        start = t - t % width
        if out and out[-1][0] == start:
            t0, a0, mn0, mx0, n0 = out[-1]
            total = n0 + n
            out[-1] = (t0, (a0 * n0 + avg * n) / total, min(mn0, mn), max(mx0, mx), total)
        else:
            out.append((start, avg, mn, mx, n))
    return out


class HistoryService:
    """Writes snapshots into the raw tier, keeps the coarser tiers rolled up, answers queries.

    `record`/`on_snapshot` are meant for one writer thread (the sampler); `query` and `size`
    may be called from any thread (each thread uses its own connection).
    """

    def __init__(
        self,
        store: Store,
        config: HistoryConfig | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self.config = config or HistoryConfig()
        self._clock = clock
        self._write_lock = threading.Lock()
        self._thread_state = threading.local()
        self._series: dict[tuple[str, str], int] | None = None  # loaded on first write
        self._units: dict[int, str] = {}
        self._last_seen: dict[int, int] = {}
        self._rolled_10s: int | None = None  # every 10 s bucket starting before it is rolled
        self._rolled_1m: int | None = None
        self._last_maintenance: int | None = None
        self._series_count = self._count_series()
        self._warned_full = False
        self._last_error_log = 0.0
        self.last_write_s = 0.0  # duration of the latest record(), for diagnostics

    # -- writing ---------------------------------------------------------------------------

    def on_snapshot(self, snapshot: Snapshot) -> None:
        """Sampler subscriber: record, and log (at most once a minute) instead of raising."""
        try:
            self.record(snapshot)
        except sqlite3.Error as exc:
            now = time.monotonic()
            if now - self._last_error_log >= _ERROR_LOG_EVERY_S:
                self._last_error_log = now
                log.error("history not recorded: %s", exc)

    def record(self, snapshot: Snapshot) -> int:
        """Store every supported numeric reading of one snapshot in one transaction."""
        started = time.perf_counter()
        t = int(snapshot.taken_at)
        values: list[tuple[tuple[str, str], str, float]] = []
        for device in snapshot.devices:
            for reading in device.readings.values():
                value = reading.value
                if not reading.supported or value is None or isinstance(value, bool):
                    continue
                try:
                    number = float(value)
                except (TypeError, ValueError):
                    continue
                if math.isfinite(number) and not self._excluded(reading.key):
                    values.append(((device.device_id, reading.key), reading.unit, number))
        if not getattr(self._thread_state, "tuned", False):
            # History is re-sampled every second: in WAL mode NORMAL cannot corrupt, it only
            # risks the last seconds on power loss, and saves an fsync per sample on eMMC.
            # Only this (sampler) thread's connection is relaxed; audit writes keep FULL.
            self._store.conn.execute("PRAGMA synchronous=NORMAL")
            self._thread_state.tuned = True
        with self._write_lock:
            series = self._load_series()
            try:
                with self._store.transaction(immediate=True) as conn:
                    rows: list[tuple[int, int, float]] = []
                    for ident, unit, number in values:
                        sid = series.get(ident)
                        if sid is None:
                            sid = self._new_series(conn, ident, unit, snapshot.taken_at)
                            if sid is None:
                                continue
                        elif self._units.get(sid) != unit:
                            conn.execute("UPDATE history_series SET unit = ? WHERE id = ?",
                                         [unit, sid])
                            self._units[sid] = unit
                        rows.append((t, sid, number))
                    conn.executemany(
                        "INSERT OR REPLACE INTO history_raw (t, series, value) VALUES (?, ?, ?)",
                        rows,
                    )
                    self._roll_up(conn, t)
                    if (
                        self._last_maintenance is None
                        or t - self._last_maintenance >= self.config.maintenance_interval_s
                        or t < self._last_maintenance
                    ):
                        self._maintain(conn, t)
            except BaseException:
                self._forget_caches()  # they may name rows the rollback just undid
                raise
            for _, sid, _ in rows:
                self._last_seen[sid] = t
        self.last_write_s = time.perf_counter() - started
        return len(rows)

    def _forget_caches(self) -> None:
        self._series = None
        self._units.clear()
        self._rolled_10s = self._rolled_1m = self._last_maintenance = None

    def _excluded(self, key: str) -> bool:
        return any(fnmatch.fnmatchcase(key, p) for p in self.config.exclude_keys)

    def _load_series(self) -> dict[tuple[str, str], int]:
        if self._series is None:
            rows = self._store.conn.execute("SELECT id, device_id, key, unit FROM history_series")
            self._series = {}
            for sid, device_id, key, unit in rows:
                self._series[(device_id, key)] = sid
                self._units[sid] = unit
            self._series_count = len(self._series)
        return self._series

    def _new_series(
        self, conn: sqlite3.Connection, ident: tuple[str, str], unit: str, now: float
    ) -> int | None:
        """Intern a (device, key) pair as a small integer; None once max_series is reached."""
        assert self._series is not None
        if len(self._series) >= self.config.max_series:
            if not self._warned_full:
                self._warned_full = True
                log.warning("history keeps at most %d series; %s/%s and later new ones are "
                            "not recorded", self.config.max_series, *ident)
            return None
        # No RETURNING: SQLite older than 3.35 still ships on JetPack 5 / Ubuntu 20.04 boxes.
        conn.execute(
            "INSERT INTO history_series (device_id, key, unit, first_seen) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (device_id, key) DO UPDATE SET unit = excluded.unit",
            [*ident, unit, now],
        )
        sid = int(conn.execute(
            "SELECT id FROM history_series WHERE device_id = ? AND key = ?", list(ident)
        ).fetchone()[0])
        self._series[ident] = sid
        self._units[sid] = unit
        self._series_count = len(self._series)
        return sid

    # -- roll-up and pruning -------------------------------------------------------------------

    def _roll_up(self, conn: sqlite3.Connection, t: int) -> None:
        """Aggregate every completed bucket not yet aggregated; cheap except at boundaries."""
        if self._rolled_10s is None:
            self._rolled_10s, self._rolled_1m = self._watermarks(conn, t)
        assert self._rolled_1m is not None
        current_10s = _bucket(t, 10)
        if current_10s < self._rolled_10s:  # the clock went back: redo from here on
            self._rolled_10s = current_10s
            self._rolled_1m = min(self._rolled_1m, _bucket(current_10s, 60))
        elif current_10s > self._rolled_10s:
            conn.execute(
                "INSERT OR REPLACE INTO history_10s (series, t, avg, min, max, n)"
                " SELECT series, t - t % 10, avg(value), min(value), max(value), count(*)"
                " FROM history_raw WHERE t >= ? AND t < ? GROUP BY series, t - t % 10",
                [self._rolled_10s, current_10s],
            )
            self._rolled_10s = current_10s
        complete_1m = _bucket(self._rolled_10s, 60)
        if complete_1m > self._rolled_1m:
            conn.execute(
                "INSERT OR REPLACE INTO history_1m (series, t, avg, min, max, n)"
                " SELECT series, t - t % 60, sum(avg * n) / sum(n), min(min), max(max), sum(n)"
                " FROM history_10s WHERE series IN (SELECT id FROM history_series)"
                " AND t >= ? AND t < ? GROUP BY series, t - t % 60",
                [self._rolled_1m, complete_1m],
            )
            self._rolled_1m = complete_1m

    def _watermarks(self, conn: sqlite3.Connection, t: int) -> tuple[int, int]:
        """After a restart: continue rolling up where the previous run stopped."""
        last_10s = conn.execute(
            "SELECT max((SELECT max(t) FROM history_10s WHERE series = s.id))"
            " FROM history_series s"
        ).fetchone()[0]
        if last_10s is not None:
            rolled_10s = int(last_10s) + 10
        else:
            first_raw = conn.execute("SELECT min(t) FROM history_raw").fetchone()[0]
            rolled_10s = _bucket(int(first_raw if first_raw is not None else t), 10)
        last_1m = conn.execute(
            "SELECT max((SELECT max(t) FROM history_1m WHERE series = s.id))"
            " FROM history_series s"
        ).fetchone()[0]
        rolled_1m = int(last_1m) + 60 if last_1m is not None else _bucket(rolled_10s, 60)
        rolled_10s = min(rolled_10s, _bucket(t, 10))
        rolled_1m = min(rolled_1m, _bucket(rolled_10s, 60))
        return rolled_10s, rolled_1m

    def effective_retention(self) -> dict[str, float]:
        """Retention per tier after the size bound: all tiers shrink by the same factor."""
        n = max(self._series_count, 1)
        needed = n * sum(self.config.retention(k) / STEPS[k] + 1 for k in TABLES)
        factor = min(1.0, self.config.row_budget() / needed)
        return {k: max(float(STEPS[k]), self.config.retention(k) * factor) for k in TABLES}

    def _maintain(self, conn: sqlite3.Connection, t: int) -> None:
        """Prune each tier to its (effective) retention; forget series with no rows left."""
        self._last_maintenance = t
        keep = self.effective_retention()
        assert self._rolled_10s is not None and self._rolled_1m is not None
        # Never drop rows the next tier has not aggregated yet.
        raw_cut = min(t - int(keep[RAW]), self._rolled_10s)
        ten_cut = min(t - int(keep[TEN_S]), self._rolled_1m)
        one_cut = t - int(keep[ONE_MIN])
        conn.execute("DELETE FROM history_raw WHERE t < ?", [raw_cut])
        for table, cut in (("history_10s", ten_cut), ("history_1m", one_cut)):
            conn.execute(
                f"DELETE FROM {table} WHERE series IN (SELECT id FROM history_series) AND t < ?",
                [cut],
            )
        self._forget_idle_series(conn, t)

    def _forget_idle_series(self, conn: sqlite3.Connection, t: int) -> None:
        horizon = t - self.config.raw_retention_s
        idle = [
            sid
            for (sid,) in conn.execute(
                "SELECT id FROM history_series s WHERE first_seen < ?"
                " AND NOT EXISTS (SELECT 1 FROM history_1m WHERE series = s.id)"
                " AND NOT EXISTS (SELECT 1 FROM history_10s WHERE series = s.id)",
                [horizon],
            )
            if self._last_seen.get(sid, -1) < horizon
        ]
        idle = [
            sid for sid in idle
            if conn.execute("SELECT 1 FROM history_raw WHERE series = ? LIMIT 1", [sid])
            .fetchone() is None
        ]
        if not idle:
            return
        conn.executemany("DELETE FROM history_series WHERE id = ?", [(s,) for s in idle])
        gone = set(idle)
        if self._series is not None:
            self._series = {k: v for k, v in self._series.items() if v not in gone}
            self._series_count = len(self._series)
        for sid in gone:
            self._units.pop(sid, None)
            self._last_seen.pop(sid, None)

    # -- reading ---------------------------------------------------------------------------

    def _count_series(self) -> int:
        return int(self._store.conn.execute("SELECT COUNT(*) FROM history_series").fetchone()[0])

    def series(self, device_id: str | None = None) -> list[SeriesInfo]:
        """What history exists (for pickers in the UI), sorted by device and key."""
        sql = "SELECT device_id, key, unit FROM history_series"
        args: list[str] = []
        if device_id is not None:
            sql += " WHERE device_id = ?"
            args.append(device_id)
        rows = self._store.conn.execute(sql + " ORDER BY device_id, key", args)
        return [SeriesInfo(*r) for r in rows]

    def tier_for(self, start: float, end: float, max_points: int = 600) -> str:
        """The finest tier that still holds `start` and does not return far too many rows."""
        now = self._clock()
        span = max(end - start, 1.0)
        keep = self.effective_retention()
        covering = [k for k in TABLES if start >= now - keep[k] - STEPS[k]]
        if not covering:
            return ONE_MIN
        for tier in covering:
            if span / STEPS[tier] <= max_points * OVERSAMPLE[tier]:
                return tier
        return covering[-1]

    def query(
        self, device_id: str, key: str, start: float, end: float, max_points: int = 600
    ) -> list[tuple[float, float]]:
        """(t, value) points of one reading over [start, end], at most `max_points` of them.

        t is the start of the sample's second or of the averaged bucket; gaps (the box was off,
        the reading unsupported) are simply absent, never filled with zeros.
        """
        return [(p.t, p.value) for p in self.query_band(device_id, key, start, end, max_points)]

    def query_band(
        self, device_id: str, key: str, start: float, end: float, max_points: int = 600
    ) -> list[HistoryPoint]:
        """Like `query` but with min/max per point, for an envelope behind the average line."""
        if max_points < 2:
            raise ValueError("max_points must be at least 2")
        if end < start:
            return []
        conn = self._store.conn
        row = conn.execute(
            "SELECT id FROM history_series WHERE device_id = ? AND key = ?", [device_id, key]
        ).fetchone()
        if row is None:
            return []
        sid = row[0]
        tier = self.tier_for(start, end, max_points)
        step = STEPS[tier]
        lo = _bucket(int(math.floor(start)), step)  # the bucket holding `start`
        hi = int(math.floor(end))
        # Aligned buckets of this width overlapping [lo, hi] number at most max_points.
        width = max(step, math.ceil((hi - lo + 1) / (max_points - 1) / step) * step)
        rows = self._tier_rows(conn, tier, sid, lo, hi)
        if width > step:
            rows = _rebucket(rows, width)
        return [HistoryPoint(float(t), v, mn, mx, n) for t, v, mn, mx, n in rows]

    def _tier_rows(
        self, conn: sqlite3.Connection, tier: str, sid: int, lo: int, hi: int
    ) -> list[_Row]:
        """A tier's rows over [lo, hi], completed with buckets not rolled up yet (the last
        10 s or minute) from the finer tier, so a live chart never lags by a bucket."""
        if tier == RAW:
            return list(conn.execute(
                "SELECT t, value, value, value, 1 FROM history_raw"
                " WHERE t >= ? AND t <= ? AND series = ? ORDER BY t",
                [lo, hi, sid],
            ))
        step = STEPS[tier]
        rows: list[_Row] = list(conn.execute(
            f"SELECT t, avg, min, max, n FROM {TABLES[tier]}"
            " WHERE series = ? AND t >= ? AND t <= ? ORDER BY t",
            [sid, lo, hi],
        ))
        tail_from = rows[-1][0] + step if rows else lo
        if tail_from <= hi:
            finer = RAW if tier == TEN_S else TEN_S
            rows += _rebucket(self._tier_rows(conn, finer, sid, tail_from, hi), step)
        return rows

    def size(self) -> HistorySize:
        """Rows per tier and bytes on disk (counts every row: call it off the GUI thread)."""
        conn = self._store.conn
        rows = {
            tier: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for tier, table in TABLES.items()
        }
        series = self._count_series()
        names = [*TABLES.values(), "history_series", "sqlite_autoindex_history_series_1"]
        try:
            placeholders = ", ".join("?" * len(names))
            total = conn.execute(
                f"SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN ({placeholders})",
                names,
            ).fetchone()[0]
            exact = True
        except sqlite3.Error:  # SQLite built without SQLITE_ENABLE_DBSTAT_VTAB
            total = sum(rows[k] * EST_BYTES_PER_ROW[k] for k in rows)
            exact = False
        return HistorySize(rows, series, int(total), exact, self.config.row_budget(),
                           self.effective_retention())

    def run_maintenance(self, now: float | None = None) -> None:
        """Roll up and prune right away (tests, or before reporting the size)."""
        t = int(self._clock() if now is None else now)
        with self._write_lock:
            self._load_series()
            with self._store.transaction(immediate=True) as conn:
                self._roll_up(conn, t)
                self._maintain(conn, t)

