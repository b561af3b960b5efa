"""The access log's writer and retention, and the console's reading of it."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from app.errors import PermissionDenied
from app.serving.access_log import AccessLog, Entry, outcome_of


def entry(ts: datetime, status: int = 200, model: str = "m", latency: float = 5.0) -> Entry:
    stamp = ts.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return Entry(stamp, None, "", "127.0.0.1", "POST", f"/v2/models/{model}/infer", model, 1,
                 status, "" if status == 200 else "boom", latency, 0.5, 1.0, 1)


def rows(ctx):
    return ctx.store.conn.execute("SELECT COUNT(*) FROM serving_access_log").fetchone()[0]


def test_rows_are_written_in_batches_and_pruned_by_age_and_count(ctx):
    log = AccessLog(ctx.store, days=7, max_rows=5, flush_s=10)
    now = datetime.now(timezone.utc)
    for age in (30, 8, 6):
        log.add(entry(now - timedelta(days=age)))
    assert rows(ctx) == 0  # nothing written on the request path
    assert log.flush() == 3 and rows(ctx) == 3
    assert log.prune() == 2 and rows(ctx) == 1
    for i in range(9):
        log.add(entry(now - timedelta(seconds=9 - i)))
    log.flush()
    assert rows(ctx) == 10
    assert log.prune() == 5
    kept = [r[0] for r in ctx.store.conn.execute("SELECT ts FROM serving_access_log")]
    assert len(kept) == 5 and min(kept) > (now - timedelta(seconds=5)).isoformat()[:19]


def test_the_writer_thread_flushes_on_its_own_and_on_close(ctx):
    log = AccessLog(ctx.store, flush_s=0.05)
    log.start()
    log.add(entry(datetime.now(timezone.utc)))
    deadline = datetime.now() + timedelta(seconds=5)
    while rows(ctx) == 0 and datetime.now() < deadline:
        time.sleep(0.01)
    assert rows(ctx) == 1
    log.add(entry(datetime.now(timezone.utc)))
    log.close()
    assert rows(ctx) == 2 and log.written == 2


def test_outcomes_name_the_status():
    assert [outcome_of(s) for s in (200, 400, 401, 403, 404, 413, 503, 500, 418)] == [
        "ok", "bad_request", "unauthorized", "forbidden", "not_found", "too_large",
        "unavailable", "error", "client_error"]


def test_the_console_reads_requests_errors_and_rates(ctx, tech, operator):
    log = AccessLog(ctx.store)
    now = datetime.now(timezone.utc)
    for i in range(10):
        log.add(entry(now - timedelta(seconds=i), latency=float(i + 1)))
    log.add(entry(now, status=503, model="other"))
    log.add(entry(now - timedelta(minutes=10), latency=1000.0))  # outside the window
    log.flush()
    control = ctx.serving
    assert len(control.recent_requests(tech, limit=5)) == 5
    errors = control.recent_errors(tech)
    assert [(e.status, e.outcome, e.model, e.error) for e in errors] == [
        (503, "unavailable", "other", "boom")]
    summary = control.rates(tech, window_s=60)
    assert summary.requests == 11 and summary.errors == 1
    assert summary.per_model == {"m": 10, "other": 1}
    assert summary.p50_ms == pytest.approx(5.5) and summary.p99_ms <= 10.0
    assert summary.per_second == pytest.approx(11 / 60)
    for call in (control.recent_requests, control.recent_errors, control.rates):
        with pytest.raises(PermissionDenied):
            call(operator)


def test_a_row_that_cannot_be_stored_is_dropped_not_retried_for_ever(ctx):
    """One unstorable row (here a version beyond SQLite's 64-bit integers) must not block
    every later row behind it."""
    log = AccessLog(ctx.store, flush_s=10)
    now = datetime.now(timezone.utc)
    log.add(entry(now))
    bad = entry(now)
    log.add(Entry(**{**bad.__dict__, "version": 10 ** 20}))
    log.add(entry(now))
    assert log.flush() == 2
    assert rows(ctx) == 2 and log.dropped == 1 and log.pending == 0


def test_unwritten_rows_stay_bounded_while_the_database_is_locked(ctx, monkeypatch):
    import contextlib
    import sqlite3

    from app.serving import access_log

    monkeypatch.setattr(access_log, "MAX_PENDING", 100)
    log = AccessLog(ctx.store, flush_s=10)
    now = datetime.now(timezone.utc)
    for _ in range(100):
        log.add(entry(now))

    @contextlib.contextmanager
    def locked(immediate=False):
        for _ in range(100):  # requests keep arriving while the writer waits for the lock
            log.add(entry(now))
        raise sqlite3.OperationalError("database is locked")
        yield  # pragma: no cover

    with monkeypatch.context() as patched, pytest.raises(sqlite3.OperationalError):
        patched.setattr(ctx.store, "transaction", locked)
        log.flush()
    assert log.pending <= 100 and log.dropped >= 100


def test_any_client_text_is_stored_bounded_and_escaped(ctx):
    log = AccessLog(ctx.store, flush_s=10)
    odd = entry(datetime.now(timezone.utc))
    log.add(Entry(**{**odd.__dict__, "path": "/v2/models/\ud800" + "p" * 100_000,
                     "model": "m\x00\n\udc00", "error": "bad \ud800 " * 10_000,
                     "client": "\u202e1.2.3.4", "method": "P\nOST"}))
    assert log.flush() == 1 and log.dropped == 0
    path, model, error, client, method = ctx.store.conn.execute(
        "SELECT path, model, error, client, method FROM serving_access_log").fetchone()
    assert path.startswith("/v2/models/\\ud800") and len(path) < 300
    assert model == "m\\x00\\n\\udc00" and len(error) < 600
    assert client == "\\u202e1.2.3.4" and method == "P\\nOST"


def test_a_writer_that_keeps_failing_logs_once_not_every_flush(ctx, monkeypatch, caplog):
    """A locked or full database fails every flush (4 a second): one line when it starts,
    one when it ends, not a traceback each time."""
    import contextlib
    import logging
    import sqlite3

    log = AccessLog(ctx.store, flush_s=0.01)
    failures = []

    @contextlib.contextmanager
    def full(immediate=False):
        failures.append(1)
        raise sqlite3.OperationalError("database or disk is full")
        yield  # pragma: no cover

    caplog.set_level(logging.INFO, logger="app.serving.access_log")
    real = ctx.store.transaction
    monkeypatch.setattr(ctx.store, "transaction", full)
    log.start()  # its first prune fails too: the service starts all the same
    log.add(entry(datetime.now(timezone.utc)))
    deadline = time.monotonic() + 10
    while len(failures) < 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    monkeypatch.setattr(ctx.store, "transaction", real)
    while rows(ctx) == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    log.close()
    assert len(failures) >= 20 and rows(ctx) == 1
    lines = [r.getMessage() for r in caplog.records if r.name == "app.serving.access_log"]
    assert len(lines) == 2, lines
    assert "disk" in lines[0] and "full" in lines[0]
    assert "written again" in lines[1]
