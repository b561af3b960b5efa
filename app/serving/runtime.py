"""The served models: one onnxruntime session and batch worker per model, swapped without loss.

A watcher thread polls the registry's tables every `poll_s` (one indexed query) for the active
version of every model. A model that gained a new active version (activate or rollback from the
console or the CLI, in another process) gets its new session loaded beside the old one; then new
requests go to the new version while the old worker finishes what it had queued, and only then
is the old session released and the swap audited. A request that picked the old version just as
it closed is re-routed to the new one, so a swap drops nothing. A version that fails to load
leaves the previous one serving (the failure is audited and shown in the model's metadata) and
is retried every `retry_s`.

Sessions are created as the playground's are (TensorRT -> CUDA -> CPU, the same engine-cache
folders) through engines.onnxruntime; a model that ends up on the CPU although an accelerator
was asked for is audited, and the provider really used is in the model's metadata.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from app.audit.trail import AuditTrail
from app.auth.identity import Actor
from app.models.engines import ModelEngines, provider_preference
from app.models.registry import ModelRegistry
from app.serving.batching import Batcher, Closed, QueueFull
from app.serving.metrics import ServingMetrics, gauge_lines
from app.serving.protocol import InferRequest, ProtocolError, check_inputs, check_outputs

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class ServingOptions:
    """How the service runs; the CLI flags of `edgedeck serve` map onto these."""

    host: str = "127.0.0.1"
    port: int = 8000
    tls_cert: Path | None = None
    tls_key: Path | None = None
    max_batch_size: int = 32  # rows per model run when the model has a dynamic batch dim
    max_batch_delay_ms: float = 2.0  # how long the oldest request may wait for company
    max_queue: int = 64  # requests waiting per model before 503
    max_body_bytes: int = 64 << 20  # request bodies above this get 413
    # bytes of request bodies held at once (received, queued or running, not yet answered);
    # beyond it new requests get 503, so concurrent large requests cannot exhaust memory.
    # None: 4 x max_body_bytes. A request alone is always admitted.
    max_inflight_bytes: int | None = None
    providers: tuple[str, ...] | None = None  # None: TensorRT -> CUDA -> CPU
    poll_s: float = 1.0  # how often the active versions are re-read
    heartbeat_s: float = 2.0
    retry_s: float = 30.0  # retry a version that failed to load
    drain_timeout_s: float = 60.0
    log_days: float = 30.0
    log_max_rows: int = 1_000_000
    # a request head must arrive, and a body keep moving, within this (else 408 and close)
    read_timeout_s: float = 15.0


    @property
    def inflight_budget(self) -> int:
        if self.max_inflight_bytes is not None:
            return self.max_inflight_bytes
        return 4 * self.max_body_bytes


@dataclass(frozen=True)
class ActiveRow:
    """A model's version in service, as the registry names it (through the model door)."""

    name: str
    version: int
    file: str
    labels: list[str] | None
    model_version: Any = None  # app.models.registry.ModelVersion: what the pool opens


class LoadedVersion:
    """One version in service: its session, what it takes and gives, and its worker."""

    def __init__(self, name: str, version: int, engine: Any, report: Any,
                 labels: list[str] | None, options: ServingOptions,
                 announced: Callable[[], int], metrics: ServingMetrics,
                 lease: Any = None, model_version: Any = None) -> None:
        self.name = name
        self.version = version
        self.engine = engine
        self.report = report
        self.labels = labels
        self.lease = lease  # the engine pool's hold on the engine, given back when retired
        self.model_version = model_version
        description = engine.describe()
        self.inputs = description.inputs
        self.outputs = description.outputs
        self.output_names = [spec.name for spec in self.outputs]
        self.batchable = options.max_batch_size > 1 and bool(self.inputs) and all(
            spec.shape and not (isinstance(spec.shape[0], int) and spec.shape[0] >= 0)
            for spec in (*self.inputs, *self.outputs))
        self.max_batch = options.max_batch_size if self.batchable else 0
        self._strings = {spec.name for spec in self.inputs if spec.dtype == "object"}

        def observe(requests: int, inference_s: float, queue_s: list[float]) -> None:
            metrics.observe_run(name, version, requests, inference_s, queue_s)

        self.batcher = Batcher(f"{name}/v{version}", version, engine.run, self.output_names,
                               self.batchable, options.max_batch_size,
                               options.max_batch_delay_ms / 1000, options.max_queue, announced,
                               observe)

    @property
    def tag(self) -> str:
        return f"{self.name}/v{self.version}"

    @property
    def runtime(self) -> str:
        return getattr(self.model_version, "runtime", "onnxruntime")

    @property
    def platform(self) -> str:
        """The KServe/Triton platform name of the version's backend."""
        from engines.backends import backend

        return backend(self.runtime).platform

    @property
    def provider(self) -> str:
        return self.report.provider if self.report is not None else ""

    def feeds(self, request: InferRequest) -> dict[str, np.ndarray]:
        """Arrays as onnxruntime wants them (string tensors as str objects)."""
        feeds = dict(request.inputs)
        for name in self._strings:
            feeds[name] = np.array([v.decode("utf-8", "replace") if isinstance(v, bytes) else v
                                    for v in feeds[name].ravel()],
                                   dtype=object).reshape(feeds[name].shape)
        return feeds

    def parameters(self) -> dict[str, Any]:
        report = self.report
        return {
            "provider": self.provider,
            "providers": list(report.used) if report is not None else [],
            "requested_providers": list(report.requested) if report is not None else [],
            "fell_back_to_cpu": bool(report.fell_back_to_cpu) if report is not None else False,
            "dynamic_batching": self.batchable,
            "max_batch_size": self.max_batch,
        }


@dataclass
class ModelSlot:
    """A model name's place in the service; its current version changes on a swap."""

    name: str
    wanted: int | None = None  # the active version in the database
    current: LoadedVersion | None = None
    loading: bool = True
    error: str | None = None
    failed_version: int | None = None
    failed_at: float = 0.0
    announced: int = 0  # requests being received for this model (event-loop thread only)
    swaps: int = 0

    def announced_count(self) -> int:
        return self.announced


@dataclass
class _Draining:
    version: LoadedVersion
    thread: threading.Thread
    done: threading.Event = field(default_factory=threading.Event)


class ModelPool:
    """The served models of this process; engines come from the process's engine pool
    (app/models/engines.py), which also audits a provider fallback."""

    def __init__(self, registry: ModelRegistry, audit: AuditTrail, engines: ModelEngines,
                 options: ServingOptions, metrics: ServingMetrics,
                 actor: Actor | None = None) -> None:
        self._registry = registry
        self._audit = audit
        self._engines = engines
        self.options = options
        self._metrics = metrics
        self._actor = actor or Actor.system("serve")
        self._slots: dict[str, ModelSlot] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._draining: list[_Draining] = []
        self.synced = threading.Event()  # the first pass over the registry has finished
        self.on_change: Callable[[], None] | None = None
        self.on_ready: Callable[[list[ModelSlot]], None] | None = None  # after the first pass
        metrics.add_gauges(self._gauges)

    # -- lookups (request path) -----------------------------------------------------------

    def slot(self, name: str) -> ModelSlot | None:
        return self._slots.get(name.lower())

    def slots(self) -> list[ModelSlot]:
        with self._lock:
            return sorted(self._slots.values(), key=lambda s: s.name.lower())

    def names(self) -> list[str]:
        return [slot.name for slot in self.slots()]

    @property
    def ready(self) -> bool:
        return self.synced.is_set()

    def submit(self, slot: ModelSlot, version: int | None, request: InferRequest
               ) -> tuple[Future, LoadedVersion]:
        """Queue a decoded request on the slot's current version (re-routed if that version
        closes for a swap in between); ProtocolError for what the client must change."""
        checked: LoadedVersion | None = None
        for _ in range(10):
            current = self.current_or_error(slot, version)
            if current is not checked:
                check_inputs(request, current.inputs, current.batchable, current.max_batch)
                check_outputs(request, current.output_names)
                checked = current
            try:
                return current.batcher.submit(current.feeds(request), request.rows), current
            except Closed:
                time.sleep(0.001)
            except QueueFull as exc:
                raise ProtocolError(503, f"model '{slot.name}' is busy: {exc}") from None
        raise ProtocolError(503, f"model '{slot.name}' is being swapped; try again")

    def current_or_error(self, slot: ModelSlot, version: int | None) -> LoadedVersion:
        current = slot.current
        if current is None:
            if slot.error:
                raise ProtocolError(503, f"model '{slot.name}' could not be loaded: "
                                         f"{slot.error}")
            if self.slot(slot.name) is not slot:
                raise ProtocolError(404, f"model '{slot.name}' is no longer served")
            raise ProtocolError(503, f"model '{slot.name}' is loading; try again shortly")
        if version is not None and version != current.version:
            raise ProtocolError(404, f"version {version} of model '{slot.name}' is not served "
                                     f"(the active version is {current.version})")
        return current

    # -- the watcher ----------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="serving-watcher", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.sync()
            except Exception:  # noqa: BLE001 - a locked database must not end the watcher
                log.exception("checking the active model versions failed; retrying")
            finally:
                if not self.synced.is_set():
                    self.synced.set()
                    if self.on_ready is not None:
                        try:
                            self.on_ready(self.slots())
                        except Exception:  # noqa: BLE001 - a report must not stop the watcher
                            log.exception("ready callback failed")
            self._stop.wait(self.options.poll_s)

    def _active_rows(self) -> list[ActiveRow]:
        """What the KServe routes can serve: active versions whose engine takes tensors (a
        language model is served by its own routes, not here)."""
        from engines.backends import TENSORS

        rows = []
        for version in self._registry.served_versions():
            try:
                if TENSORS not in version.capabilities:
                    continue
            except Exception:  # noqa: BLE001 - a runtime this build lacks: say so when loading
                pass
            rows.append(ActiveRow(version.model, version.version, version.file,
                                  version.labels, version))
        return rows

    def sync(self) -> bool:
        """Bring the served versions in line with the registry; True when anything changed."""
        rows = self._active_rows()
        changed = False
        wanted = {row.name.lower() for row in rows}
        with self._lock:
            for row in rows:
                slot = self._slots.get(row.name.lower())
                if slot is None:
                    self._slots[row.name.lower()] = ModelSlot(row.name, row.version)
                    changed = True
                else:
                    slot.wanted = row.version
            gone = [key for key in self._slots if key not in wanted]
            removed = [self._slots.pop(key) for key in gone]
        for slot in removed:
            old, slot.current = slot.current, None
            if old is not None:
                self._retire(slot, old, None)
            changed = True
        for row in rows:
            if self._stop.is_set():
                break
            slot = self._slots.get(row.name.lower())
            if slot is None:
                continue
            if slot.current is not None and slot.current.version == row.version:
                continue
            if (slot.failed_version == row.version
                    and time.monotonic() - slot.failed_at < self.options.retry_s):
                continue
            changed |= self._bring_up(slot, row)
        self._reap()
        if changed and self.on_change is not None:
            self.on_change()
        return changed

    def _bring_up(self, slot: ModelSlot, row: ActiveRow) -> bool:
        slot.loading = slot.current is None
        try:
            loaded = self._load(row, slot)
        except Exception as exc:  # noqa: BLE001 - one broken model must not stop the others
            message = str(exc) or type(exc).__name__
            slot.error = message  # shown in metadata; requests fail only without a current
            slot.failed_version, slot.failed_at = row.version, time.monotonic()
            slot.loading = False
            still = f"; still serving v{slot.current.version}" if slot.current else ""
            log.error("serving %s/v%d failed to load: %s%s", row.name, row.version, message,
                      still)
            self._audit.record(self._actor, "serving", "model_load", f"model:{row.name}/v"
                               f"{row.version}", "failure",
                               {"error": message[:500],
                                "still_serving": slot.current.version if slot.current else None})
            return True
        old, slot.current = slot.current, loaded
        slot.loading, slot.error, slot.failed_version = False, None, None
        if old is None:
            self._audit.record(self._actor, "serving", "model_load", f"model:{loaded.tag}",
                               "success", {"provider": loaded.provider,
                                           "dynamic_batching": loaded.batchable})
        else:
            slot.swaps += 1
            self._retire(slot, old, loaded)
        return True

    def _load(self, row: ActiveRow, slot: ModelSlot) -> LoadedVersion:
        providers = provider_preference(list(self.options.providers)
                                        if self.options.providers else None)
        model, lease = self._engines.acquire(self._actor, row.model_version, providers,
                                             category="serving")
        try:
            loaded = LoadedVersion(row.name, row.version, model.engine, model.report,
                                   row.labels, self.options, slot.announced_count,
                                   self._metrics, lease, row.model_version)
        except BaseException:  # a model we cannot describe: release its session, which would
            self._release(lease, row.model_version)  # otherwise leak on every retry
            raise
        log.info("serving %s/v%d on %s", row.name, row.version, model.report.provider)
        return loaded

    def _release(self, lease: Any, version: Any) -> None:  # noqa: ANN401
        """Give the engine back and let it go: a retired version's session is released."""
        if lease is not None:
            self._engines.release(lease)
        if version is not None:
            self._engines.unload_version(version)

    def _retire(self, slot: ModelSlot, old: LoadedVersion, new: LoadedVersion | None) -> None:
        """Drain `old` in the background, then release its session and audit the change."""
        def drain() -> None:
            started = time.perf_counter()
            before = old.batcher.completed
            finished = old.batcher.close(self.options.drain_timeout_s)
            self._release(old.lease, old.model_version)
            details = {"from_version": old.version,
                       "drained_requests": old.batcher.completed - before,
                       "drain_ms": round((time.perf_counter() - started) * 1000, 1),
                       "drained_in_time": finished}
            if new is not None:
                details.update(to_version=new.version, provider=new.provider)
                action, target = "swap", f"model:{slot.name}/v{new.version}"
            else:
                action, target = "model_unload", f"model:{old.tag}"
            log.info("serving %s: %s done (%s)", slot.name, action, details)
            try:
                self._audit.record(self._actor, "serving", action, target, "success", details)
            except Exception:  # noqa: BLE001 - the database may be closing with the process
                log.exception("auditing the %s of %s failed", action, slot.name)
            item.done.set()

        thread = threading.Thread(target=drain, name=f"drain-{old.tag}", daemon=True)
        item = _Draining(old, thread)
        with self._lock:
            self._draining.append(item)
        thread.start()

    def _reap(self) -> None:
        with self._lock:
            self._draining = [d for d in self._draining if not d.done.is_set()]

    def wait_drained(self, timeout: float = 30.0) -> bool:
        """Wait for retired versions to finish (tests, shutdown)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            pending = list(self._draining)
        for item in pending:
            item.thread.join(max(0.0, deadline - time.monotonic()))
        self._reap()
        return all(d.done.is_set() for d in pending)

    def close(self) -> None:
        """Stop watching, finish every queued request, release every session."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.options.drain_timeout_s)
        with self._lock:
            slots, self._slots = list(self._slots.values()), {}
        for slot in slots:
            current, slot.current = slot.current, None
            if current is not None:
                current.batcher.close(self.options.drain_timeout_s)
                self._release(current.lease, current.model_version)
        self.wait_drained(self.options.drain_timeout_s)

    # -- metrics ---------------------------------------------------------------------------

    def _gauges(self) -> list[str]:
        depth, ready = [], []
        for slot in self.slots():
            current = slot.current
            if current is not None:
                labels = (("model", slot.name), ("version", str(current.version)))
                depth.append((labels, float(current.batcher.depth)))
                ready.append(((*labels, ("provider", current.provider)), 1.0))
            else:
                ready.append(((("model", slot.name), ("version", str(slot.wanted or "")),
                               ("provider", "")), 0.0))
        return [*gauge_lines("queue_depth", "Requests waiting in a model's queue", depth),
                *gauge_lines("model_ready", "1 when the model version is loaded and serving, "
                             "0 when loading or failed", ready)]
