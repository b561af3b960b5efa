"""The process's engines for registered models and knowledge embeddings, with the audit.

engines/pool.py keeps loaded engines (once each, leases, idle and budget unloading); this adds
what only the application knows: where a version's TensorRT caches go, which backend opens it
(its recorded runtime), and the audit. It is the one place that notices a model that asked for
an accelerator but runs on the CPU, and records it — for the playground, batch jobs, the
serving runtime, benchmarks' neighbours, the self-test and diagnostics alike.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.audit.trail import AuditTrail
from app.auth.identity import Actor
from engines.base import CPU, CancelledFn, EngineOptions, ProgressFn
from engines.pool import DEFAULT_IDLE_S, EnginePool, PooledEngine

log = logging.getLogger(__name__)

ACCELERATED = ("TensorrtExecutionProvider", "CUDAExecutionProvider", CPU)


def provider_preference(providers: list[str] | None) -> list[str]:
    """The caller's order, always ending with the CPU (the one provider that always loads)."""
    chosen = list(providers or ACCELERATED)
    if CPU not in chosen:
        chosen.append(CPU)
    return chosen


@dataclass
class LoadedModel:
    """A registered version's engine as a caller holds it."""

    version: Any  # app.models.registry.ModelVersion
    engine: Any  # an engines.base.Engine (OnnxRuntimeEngine for tensor models)
    report: Any  # engines.base.LoadReport
    lock: threading.Lock = field(default_factory=threading.Lock)


class ModelEngines:
    def __init__(self, audit: AuditTrail, data_dir: Path, idle_s: float | None = DEFAULT_IDLE_S,
                 budget_bytes: int | None = None) -> None:
        self._audit = audit
        self._data_dir = Path(data_dir)
        self.pool = EnginePool(idle_s=idle_s, budget_bytes=budget_bytes)
        self._locks: dict[Hashable, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    # -- registered model versions ---------------------------------------------------------

    def options(self, version: Any, providers: list[str],  # noqa: ANN401 - ModelVersion
                fp16: bool = False) -> EngineOptions:
        """TensorRT engines are specific to version, GPU and precision: a folder for each."""
        cache = self._data_dir / "engine-cache" / version.model / f"v{version.version}"
        precision = "fp16" if fp16 else "fp32"
        return EngineOptions(
            providers=providers, trt_fp16=fp16,
            trt_engine_cache_dir=cache / "tensorrt" / precision,
            trt_timing_cache_dir=cache / "tensorrt" / "timing",
            trt_ep_context_dump=True)

    @staticmethod
    def key(version: Any, providers: list[str]) -> Hashable:  # noqa: ANN401
        return ("model", version.model.lower(), version.version, version.sha256,
                tuple(providers))

    def acquire(self, actor: Actor, version: Any,  # noqa: ANN401 - ModelVersion
                providers: list[str] | None = None, progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None,
                category: str = "model") -> tuple[LoadedModel, PooledEngine]:
        """The version's engine, held until `release`; the first load is checked and a
        fallback to the CPU audited (as `category`/provider_fallback, by `actor`)."""
        from engines.backends import backend

        chosen = provider_preference(providers)
        key = self.key(version, chosen)
        opener = backend(version.runtime)
        item = self.pool.acquire(
            key, lambda: opener.open(version.path, self.options(version, chosen)),
            label=f"{version.tag} ({', '.join(chosen)})", progress=progress,
            cancelled=cancelled)
        with self._locks_guard:
            first, item.checked = not item.checked, True
        try:
            if first:
                self._check_fallback(actor, version.tag, item.engine.report, category)
        except BaseException:
            self.pool.release(item)
            raise
        return LoadedModel(version, item.engine, item.engine.report, self._lock(key)), item

    def release(self, item: PooledEngine) -> None:
        self.pool.release(item)

    @contextlib.contextmanager
    def lease(self, actor: Actor, version: Any,  # noqa: ANN401 - ModelVersion
              providers: list[str] | None = None, progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None,
              category: str = "model") -> Iterator[LoadedModel]:
        loaded, item = self.acquire(actor, version, providers, progress, cancelled, category)
        try:
            yield loaded
        finally:
            self.pool.release(item)

    def unload_version(self, version: Any) -> None:  # noqa: ANN401 - ModelVersion
        """Let go of every idle engine of one version (a swap finished, a version deleted)."""
        self.pool.unload_where(lambda key: isinstance(key, tuple) and key[:3] == (
            "model", version.model.lower(), version.version))

    def _check_fallback(self, actor: Actor, tag: str, report: Any,  # noqa: ANN401
                        category: str) -> None:
        if report is None or not report.fell_back_to_cpu:
            return
        # The loud, visible, audited warning the brief asks for.
        self._audit.record(actor, category, "provider_fallback", f"model:{tag}"
                           if category == "serving" else tag, "failure",
                           {"requested": list(report.requested), "used": list(report.used),
                            "warnings": list(report.warnings)[:5]})
        log.warning("%s asked for %s but runs on %s", tag, report.requested[0], report.provider)

    def _lock(self, key: Hashable) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    # -- knowledge embeddings --------------------------------------------------------------

    @contextlib.contextmanager
    def embedder(self, name: str, model_path: Path, tokenizer_path: Path, max_tokens: int,
                 pooling: str) -> Iterator[Any]:
        """A sentence-embedding engine (engines/text_embedding.py), held while inside."""
        from engines.text_embedding import TextEmbeddingEngine

        stat = Path(model_path).stat()
        key = ("embedding", name.lower(), str(model_path), stat.st_size, stat.st_mtime_ns,
               str(tokenizer_path), max_tokens, pooling)
        with self.pool.lease(key, lambda: TextEmbeddingEngine(
                name, model_path, tokenizer_path, max_tokens, pooling),
                label=f"embedding {name}", size_hint=stat.st_size) as engine:
            yield engine

    # -- the whole pool --------------------------------------------------------------------

    def loaded(self) -> list[dict[str, Any]]:
        """What is loaded, for diagnostics and the About box."""
        return [item.as_dict() for item in self.pool.loaded()]

    def close(self) -> None:
        self.pool.close()
