"""Audit trail: append rate vs plain inserts, verification of 1M records, viewer page load.

    .venv/bin/python -m tests.bench.bench_audit [--records 1000000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from app.audit.chain import GENESIS_HASH, fast_record_hash
from app.audit.trail import COLUMNS, AuditFilter
from app.auth.identity import Actor
from app.context import AppContext
from tests.bench.report import write_section

ACTOR = Actor("bench", "admin", "cli", host="bench-host")


def append_rates(ctx: AppContext, n: int) -> tuple[float, float]:
    """Records/s through AuditTrail.record vs plain INSERTs, both one BEGIN IMMEDIATE each."""
    conn = ctx.store.conn
    # Same columns, constraints and indexes as audit_log; no triggers, no hashing.
    schema = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_log'").fetchone()[0]
    conn.execute(schema.replace("CREATE TABLE audit_log", "CREATE TABLE plain_log", 1))
    for column in ("ts", "actor", "category", "outcome"):
        conn.execute(f"CREATE INDEX plain_log_{column} ON plain_log ({column})")
    device = ctx.settings.device_id
    started = time.perf_counter()
    for i in range(n):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(f"INSERT INTO plain_log ({COLUMNS}) VALUES ({','.join('?' * 15)})",
                     [i, str(uuid.uuid4()), time.strftime("%Y-%m-%dT%H:%M:%S.000000Z"),
                      "bench", "admin", "cli", "bench-host", device, "bench", "append",
                      f"object-{i}", "success", f'{{"i":{i}}}', "0" * 64, "1" * 64])
        conn.execute("COMMIT")
    plain = n / (time.perf_counter() - started)
    trail = ctx.audit_trail
    started = time.perf_counter()
    for i in range(n):
        trail.record(ACTOR, "bench", "append", f"object-{i}", "success", {"i": i})
    chained = n / (time.perf_counter() - started)
    return chained, plain


def fill(ctx: AppContext, total: int) -> None:
    """Bulk-load a valid chain (not what is measured: we measure reading it back)."""
    conn = ctx.store.conn
    head = ctx.audit_trail.head()
    seq, prev = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    device = ctx.settings.device_id
    seal = ctx.audit_trail.key.seal
    base = time.time() + 1  # after the records appended above, 1 ms apart
    conn.execute("BEGIN IMMEDIATE")
    batch = []
    for i in range(total):
        seq += 1
        moment = base + i / 1000
        ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(moment)) + (
            f".{int(moment % 1 * 1_000_000):06d}Z")
        row = (seq, str(uuid.UUID(int=seq)), ts, f"user{i % 13}", "technician", "gui",
               "bench-host", device, ("auth", "model", "alarm", "settings")[i % 4],
               "run", f"model:m{i % 97}", "success" if i % 11 else "failure",
               '{"latency_ms":12.5}', prev)
        digest = fast_record_hash(row)
        batch.append((*row, digest, seal(digest)))
        prev = digest
        if len(batch) == 20_000:
            conn.executemany(f"INSERT INTO audit_log ({COLUMNS}, seal) VALUES "
                             f"({','.join('?' * 16)})", batch)
            batch.clear()
    if batch:
        conn.executemany(f"INSERT INTO audit_log ({COLUMNS}, seal) VALUES "
                         f"({','.join('?' * 16)})", batch)
    conn.execute("COMMIT")
    ctx.audit_trail.checkpoint()


def timed(fn, repeat: int = 5) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--appends", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = AppContext.open(Path(tmp))
        admin = ctx.users.setup_admin("bench", "bench-password-1", source="bench")
        chained, plain = append_rates(ctx, args.appends)
        print(f"append: chained {chained:.0f}/s, plain {plain:.0f}/s, ratio {chained/plain:.2f}")
        fill(ctx, args.records - ctx.audit_trail.count())
        count = ctx.audit_trail.count()
        started = time.perf_counter()
        result = ctx.audit_trail.verify()
        verify_s = time.perf_counter() - started
        assert result.ok, result.summary()
        print(f"verify: {count} records in {verify_s:.2f} s ({count / verify_s:.0f}/s)")
        first_page = timed(lambda: (ctx.audit.page(admin, None, 200), ctx.audit.count(admin)))
        deep_page = timed(lambda: ctx.audit.page(admin, count // 2, 200))
        actor_filter = AuditFilter(actor="user7", outcome="failure")
        filtered = timed(lambda: (ctx.audit.page(admin, None, 200, actor_filter),
                                  ctx.audit.count(admin, actor_filter)))
        text_filter = AuditFilter(text="m42")
        text = timed(lambda: ctx.audit.page(admin, None, 200, text_filter), repeat=3)
        print(f"viewer: first page + count {first_page * 1000:.1f} ms, page at the middle "
              f"{deep_page * 1000:.1f} ms, actor+outcome filter {filtered * 1000:.1f} ms, "
              f"text filter {text * 1000:.1f} ms")
        size = ctx.store.size_bytes()
        ctx.close()
    body = f"""
Command: `.venv/bin/python -m tests.bench.bench_audit --records {args.records}` (part of
`make bench`).

| measure | result | goal |
|---|---|---|
| append with hash chain vs plain INSERT, one `BEGIN IMMEDIATE` transaction each ({args.appends} records) | **{chained / plain:.2f}×** the plain rate ({chained:.0f} vs {plain:.0f} records/s) | ≥ 0.5× |
| verify {count:,} records (hashes, links, sequence, timestamps, {result.checkpoints_checked} signed checkpoints) | **{verify_s:.2f} s** ({count / verify_s:,.0f} records/s) | ≤ 5 s |
| viewer: first page of 200 + total count at {count:,} records | **{first_page * 1000:.1f} ms** | ≤ 100 ms |
| viewer: a page from the middle (keyset paging) | {deep_page * 1000:.1f} ms | |
| viewer: actor + outcome filter, page + count | {filtered * 1000:.1f} ms | |
| viewer: free-text filter (LIKE over action/object/details), first page | {text * 1000:.1f} ms | |

Database size with {count:,} records: {size / 2**20:.0f} MiB ({size / count:.0f} bytes per
record, indexes included).
"""
    write_section("audit", "Audit trail (issue #6)", body)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
