"""Repeated client-triggered warnings: the first from each client is logged, the rest counted
and summarised once per interval, within fixed bounds however many clients there are."""

from __future__ import annotations

import logging

from app.serving.log_limits import ClientLogger, RepeatedWarnings, kind_of


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def capture(name: str) -> tuple[logging.Logger, Lines]:
    logger = logging.getLogger(f"test-log-limits.{name}")
    logger.propagate = False
    logger.handlers[:] = []
    lines = Lines()
    logger.addHandler(lines)
    logger.setLevel(logging.INFO)
    return logger, lines


def test_the_first_warning_per_client_is_logged_then_repeats_are_summarised():
    logger, out = capture("first")
    clock = Clock()
    limiter = RepeatedWarnings(interval_s=60, clock=clock)
    for _ in range(500):
        limiter.log(logger, "10.0.0.7", "bad", logging.WARNING, "Invalid HTTP request received.")
    limiter.log(logger, "10.0.0.8", "bad", logging.WARNING, "Invalid HTTP request received.")
    assert len(out.lines) == 2
    assert "10.0.0.7" in out.lines[0] and "summarised every 60 s" in out.lines[0]
    clock.now += 30
    limiter.flush()
    assert len(out.lines) == 2  # the interval has not ended
    clock.now += 31
    limiter.flush()
    assert len(out.lines) == 3
    assert "499 more in the last 61 s" in out.lines[2] and "499 from 10.0.0.7" in out.lines[2]
    clock.now += 61
    limiter.flush()
    assert len(out.lines) == 3  # nothing held: no summary
    limiter.log(logger, "10.0.0.7", "bad", logging.WARNING, "again")
    assert len(out.lines) == 3  # still remembered as reported
    assert limiter.suppressed == 500


def test_many_clients_and_kinds_stay_within_fixed_bounds():
    logger, out = capture("many")
    clock = Clock()
    limiter = RepeatedWarnings(interval_s=60, first_lines=5, max_clients=50, clock=clock)
    for index in range(5000):
        limiter.log(logger, f"10.1.{index // 250}.{index % 250}", f"kind {index % 100}",
                    logging.WARNING, "garbage")
    assert len(out.lines) == 5  # first lines per interval, over all clients
    assert len(limiter._reported) <= 50
    clock.now += 60
    limiter.flush()
    summaries = out.lines[5:]
    assert 1 <= len(summaries) <= 40  # one per kind, kinds bounded
    assert all(len(line) < 1000 for line in summaries)
    assert any("other clients" in line for line in summaries)


def test_client_logger_groups_by_message_and_traceback_location():
    logger, out = capture("adapter")
    limiter = RepeatedWarnings(interval_s=60, clock=Clock())
    adapter = ClientLogger(logger, limiter, "10.0.0.9", lambda: "illegal request line")
    for _ in range(20):
        adapter.warning("Invalid HTTP request received.")
    try:
        raise RuntimeError("bug")
    except RuntimeError as exc:
        for _ in range(20):
            adapter.error("Exception in ASGI application\n", exc_info=exc)
    adapter.info("passes through %s", "untouched")
    assert len(out.lines) == 3, out.lines
    assert "Invalid HTTP request received.: illegal request line" in out.lines[0]
    assert out.lines[2] == "passes through untouched"
    assert adapter.level == logger.level


def test_the_kind_of_a_traceback_names_the_raising_line():
    try:
        raise ValueError("x")
    except ValueError as exc:
        kind = kind_of("Exception in ASGI application\n", exc)
    assert kind.startswith("Exception in ASGI application (ValueError at ")
    assert kind_of("a\nb", None) == "a\\nb"
