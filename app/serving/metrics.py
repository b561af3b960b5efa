"""Prometheus metrics of the inference service, per model and version (text format 0.0.4).

Counters and histograms are kept in memory by the serving process (they restart at zero with
it, as Prometheus expects of counters). Names follow the conventions the monitor's exporter
uses: `edgedeck_` prefix, base units (seconds), `_total` for counters.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections.abc import Callable, Iterable

PREFIX = "edgedeck_serving"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                   5.0, 10.0)
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128)

Labels = tuple[tuple[str, str], ...]


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(labels: Labels, extra: tuple[str, str] | None = None) -> str:
    items = [*labels, extra] if extra else list(labels)
    if not items:
        return ""
    return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in items) + "}"


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


class Histogram:
    """Cumulative buckets, sum and count for each label set."""

    def __init__(self, name: str, help_text: str, buckets: Iterable[float]) -> None:
        self.name = name
        self.help = help_text
        self.buckets = tuple(buckets)
        self._series: dict[Labels, list[float]] = {}  # counts per bucket, then +Inf, sum

    def observe(self, labels: Labels, value: float) -> None:
        series = self._series.get(labels)
        if series is None:
            series = self._series[labels] = [0.0] * (len(self.buckets) + 2)
        series[bisect.bisect_left(self.buckets, value)] += 1
        series[-1] += value

    def render(self) -> list[str]:
        lines = [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} histogram"]
        for labels, series in sorted(self._series.items()):
            running = 0.0
            for bound, count in zip(self.buckets, series, strict=False):
                running += count
                lines.append(f"{self.name}_bucket{_labels(labels, ('le', _number(bound)))} "
                             f"{_number(running)}")
            running += series[len(self.buckets)]
            lines.append(f"{self.name}_bucket{_labels(labels, ('le', '+Inf'))} "
                         f"{_number(running)}")
            lines.append(f"{self.name}_sum{_labels(labels)} {series[-1]!r}")
            lines.append(f"{self.name}_count{_labels(labels)} {_number(running)}")
        return lines


class ServingMetrics:
    """Thread-safe: request handlers, batch workers and the scrape all touch it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.started = time.time()
        self._requests: dict[Labels, float] = {}
        self.request_seconds = Histogram(
            f"{PREFIX}_request_duration_seconds",
            "Inference requests: time from arrival to response, by model and version",
            LATENCY_BUCKETS)
        self.queue_seconds = Histogram(
            f"{PREFIX}_queue_duration_seconds",
            "Time an inference request waited in its model's queue before its batch ran",
            LATENCY_BUCKETS)
        self.inference_seconds = Histogram(
            f"{PREFIX}_inference_duration_seconds",
            "Time the model took for one run (one batch of one or more requests)",
            LATENCY_BUCKETS)
        self.batch_requests = Histogram(
            f"{PREFIX}_batch_requests", "Requests combined into one model run", BATCH_BUCKETS)
        self._gauges: list[Callable[[], list[str]]] = []

    def count_request(self, model: str, version: int | None, status: int,
                      seconds: float | None) -> None:
        labels = (("model", model), ("version", str(version or "")))
        with self._lock:
            key = (*labels, ("code", str(status)))
            self._requests[key] = self._requests.get(key, 0.0) + 1
            if seconds is not None:
                self.request_seconds.observe(labels, seconds)

    def observe_run(self, model: str, version: int, requests: int, inference_s: float,
                    queue_s: Iterable[float]) -> None:
        labels = (("model", model), ("version", str(version)))
        with self._lock:
            self.inference_seconds.observe(labels, inference_s)
            self.batch_requests.observe(labels, requests)
            for value in queue_s:
                self.queue_seconds.observe(labels, value)

    def add_gauges(self, source: Callable[[], list[str]]) -> None:
        """Lines computed at scrape time (queue depth, model readiness)."""
        self._gauges.append(source)

    def render(self) -> str:
        with self._lock:
            lines = [
                f"# HELP {PREFIX}_requests_total Inference requests by model, version and HTTP "
                "status code",
                f"# TYPE {PREFIX}_requests_total counter",
                *(f"{PREFIX}_requests_total{_labels(k)} {_number(v)}"
                  for k, v in sorted(self._requests.items())),
                *self.request_seconds.render(),
                *self.queue_seconds.render(),
                *self.inference_seconds.render(),
                *self.batch_requests.render(),
            ]
        lines += [f"# HELP {PREFIX}_start_time_seconds When this serving process started "
                  "(Unix time)",
                  f"# TYPE {PREFIX}_start_time_seconds gauge",
                  f"{PREFIX}_start_time_seconds {self.started!r}"]
        for source in self._gauges:
            lines += source()
        return "\n".join(lines) + "\n"


def gauge_lines(name: str, help_text: str, samples: Iterable[tuple[Labels, float]]) -> list[str]:
    full = f"{PREFIX}_{name}"
    return [f"# HELP {full} {help_text}", f"# TYPE {full} gauge",
            *(f"{full}{_labels(labels)} {_number(value)}" for labels, value in samples)]
