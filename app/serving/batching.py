"""A bounded queue per served model version, and the worker that runs it with dynamic batching.

When every input and output of a model has a dynamic first dimension, the worker takes the
oldest request, then gathers more until `max_batch` rows or `max_delay` have passed, joins the
inputs along dimension 0, runs the model once and hands each request its slice of the outputs.
The delay is only spent while other requests for the model are still being received (the server
announces them before reading their bodies), so a lone client never waits for company. Requests
with different trailing shapes (e.g. two text lengths) run as separate groups. Models without a
dynamic batch dimension run their requests one by one. When a combined run fails, its requests
run again one by one, so one bad request cannot fail its neighbours.

A full queue refuses at once (the server answers 503); `close()` refuses new requests, finishes
everything already queued, then returns — the drain that makes a model swap lose nothing.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, field
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

RunFn = Callable[[Mapping[str, np.ndarray]], Sequence[np.ndarray]]
# (requests in the run, inference seconds, queue seconds of each request)
RunObserver = Callable[[int, float, list[float]], None]


POLL_S = 0.0005


class QueueFull(Exception):
    """The model's queue is at its bound; the caller should answer 503 and not wait."""


class Closed(Exception):
    """This version is being retired; the caller should submit to the current one."""


@dataclass
class Job:
    feeds: dict[str, np.ndarray]
    rows: int
    signature: tuple[Any, ...] | None
    future: Future = field(default_factory=Future)
    enqueued: float = field(default_factory=time.perf_counter)


@dataclass(frozen=True)
class JobResult:
    outputs: dict[str, np.ndarray]
    version: int
    batch_requests: int  # requests that shared the model run (1 = ran alone)
    queue_ms: float
    infer_ms: float


def signature(feeds: Mapping[str, np.ndarray]) -> tuple[Any, ...]:
    """Requests may share a run only when everything but the first dimension agrees."""
    return tuple((name, array.shape[1:], array.dtype.str) for name, array in feeds.items())


class Batcher:
    def __init__(self, label: str, version: int, run: RunFn, output_names: Sequence[str],
                 batchable: bool, max_batch: int = 32, max_delay_s: float = 0.002,
                 max_queue: int = 64, announced: Callable[[], int] | None = None,
                 observe: RunObserver | None = None) -> None:
        self.label = label
        self.version = version
        self.batchable = batchable and max_batch > 1
        self.max_batch = max(1, max_batch)
        self.max_delay_s = max(0.0, max_delay_s)
        self._run = run
        self._names = list(output_names)
        self._queue: queue.Queue[Job] = queue.Queue(maxsize=max(1, max_queue))
        self._announced = announced or (lambda: 0)
        self._observe = observe
        self._lock = threading.Lock()
        self._closing = False
        self._carry: Job | None = None
        self.runs = 0
        self.completed = 0
        self._thread = threading.Thread(target=self._loop, name=f"serve-{label}", daemon=True)
        self._thread.start()

    # -- submitting (request handlers) ----------------------------------------------------

    def submit(self, feeds: dict[str, np.ndarray], rows: int) -> Future:
        """Queue a request; its future resolves to a JobResult (or the run's exception)."""
        job = Job(feeds, rows, signature(feeds) if self.batchable else None)
        with self._lock:
            if self._closing:
                raise Closed(self.label)
            try:
                self._queue.put_nowait(job)
            except queue.Full:
                raise QueueFull(f"{self.label}: {self._queue.maxsize} requests are already "
                                "waiting; try again shortly") from None
        return job.future

    @property
    def depth(self) -> int:
        return self._queue.qsize() + (1 if self._carry is not None else 0)

    def close(self, timeout: float = 60.0) -> bool:
        """Refuse new requests, finish the queued ones; True when the worker ended in time."""
        with self._lock:
            self._closing = True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # -- the worker -----------------------------------------------------------------------

    def _next(self, timeout: float) -> Job | None:
        if self._carry is not None:
            job, self._carry = self._carry, None
            return job
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def _loop(self) -> None:
        while True:
            job = self._next(0.05)
            if job is None:
                with self._lock:
                    if self._closing and self._queue.empty():
                        return
                continue
            batch = self._gather(job)
            live = [j for j in batch if j.future.set_running_or_notify_cancel()]
            if not live:
                continue
            try:
                self._execute(live)
            except Exception as exc:  # noqa: BLE001 - every request must get an answer
                log.exception("%s: batch failed", self.label)
                for item in live:
                    _fail(item.future, exc)

    def _gather(self, first: Job) -> list[Job]:
        batch, rows = [first], first.rows
        if not self.batchable or rows >= self.max_batch:
            return batch
        deadline = time.perf_counter() + self.max_delay_s
        while rows < self.max_batch:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                remaining = deadline - time.perf_counter()
                if remaining <= 0 or self._announced() <= 0:
                    break
                # Poll instead of blocking on the queue: a wake-up per arriving request would
                # fight the event loop for the GIL and slow the very requests we wait for.
                time.sleep(min(remaining, POLL_S))
                continue
            if rows + job.rows > self.max_batch:
                self._carry = job
                break
            batch.append(job)
            rows += job.rows
        return batch

    def _execute(self, jobs: list[Job]) -> None:
        groups: dict[Any, list[Job]] = {}
        for job in jobs:
            groups.setdefault(job.signature, []).append(job)
        for group in groups.values():
            if len(group) == 1:
                self._run_one(group[0])
            else:
                self._run_group(group)

    def _run_one(self, job: Job) -> None:
        started = time.perf_counter()
        try:
            named = dict(zip(self._names, self._run(job.feeds), strict=True))
        except Exception as exc:  # noqa: BLE001 - the request's own error goes back to it
            _fail(job.future, exc)
            return
        ended = time.perf_counter()
        self._deliver(job, named, 1, started, ended)
        self._observed(1, ended - started, [started - job.enqueued])

    def _run_group(self, group: list[Job]) -> None:
        total = sum(job.rows for job in group)
        started = time.perf_counter()
        try:
            feeds = {name: np.concatenate([job.feeds[name] for job in group], axis=0)
                     for name in group[0].feeds}
            outputs = self._run(feeds)
        except Exception:  # noqa: BLE001 - find the culprit: run each request alone
            log.info("%s: a batch of %d failed; running its requests one by one", self.label,
                     len(group))
            for job in group:
                self._run_one(job)
            return
        ended = time.perf_counter()
        if len(outputs) != len(self._names) or any(
                getattr(out, "shape", (None,))[:1] != (total,) for out in outputs):
            # An output that does not keep the batch dimension cannot be split: run alone.
            for job in group:
                self._run_one(job)
            return
        offset = 0
        for job in group:
            part = {name: out[offset:offset + job.rows]
                    for name, out in zip(self._names, outputs, strict=True)}
            offset += job.rows
            self._deliver(job, part, len(group), started, ended)
        self._observed(len(group), ended - started, [started - job.enqueued for job in group])

    def _deliver(self, job: Job, outputs: dict[str, np.ndarray], shared: int, started: float,
                 ended: float) -> None:
        self.completed += 1
        result = JobResult(outputs, self.version, shared, (started - job.enqueued) * 1000,
                           (ended - started) * 1000)
        try:
            job.future.set_result(result)
        except InvalidStateError:  # the client went away meanwhile
            pass

    def _observed(self, requests: int, inference_s: float, queue_s: list[float]) -> None:
        self.runs += 1
        if self._observe is not None:
            try:
                self._observe(requests, inference_s, queue_s)
            except Exception:  # noqa: BLE001 - metrics must never fail a request
                log.exception("metrics observer failed")


def _fail(future: Future, exc: BaseException) -> None:
    try:
        future.set_exception(exc)
    except InvalidStateError:
        pass
