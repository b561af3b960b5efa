"""How much an optimized model (int8, fp16, graph-optimized) differs from the model it came from.

The registry records this with the lineage, so "faster" always comes with "and this much less
exact". Differences are measured on the same inputs, in float64, over every output.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Union

import numpy as np

from engines.base import (
    CPU,
    CancelledFn,
    EngineError,
    EngineOptions,
    ProgressFn,
    check_cancelled,
)

# One sample's outputs: a single array, the list engine.run() returns, or a dict by name.
Outputs = Union[np.ndarray, Sequence[np.ndarray], Mapping[str, np.ndarray]]


@dataclass
class AccuracyReport:
    max_abs_diff: float
    mean_abs_diff: float
    cosine: float  # of all outputs flattened; 1.0 = same direction
    top1_agreement: float | None  # share of rows whose argmax agrees; None: not class scores
    n_samples: int
    n_values: int = 0
    per_output: dict[str, dict[str, float]] = field(default_factory=dict)

    def within(self, max_abs: float | None = None, min_cosine: float | None = None,
               min_top1: float | None = None) -> bool:
        """True when every given bound holds (NaN never does)."""
        if max_abs is not None and not self.max_abs_diff <= max_abs:
            return False
        if min_cosine is not None and not self.cosine >= min_cosine:
            return False
        return min_top1 is None or self.top1_agreement is None or self.top1_agreement >= min_top1

    def summary(self) -> str:
        text = (f"max |Δ| {self.max_abs_diff:.3g}, mean |Δ| {self.mean_abs_diff:.3g}, "
                f"cosine {self.cosine:.5f}")
        if self.top1_agreement is not None:
            text += f", top-1 agreement {self.top1_agreement:.1%}"
        return f"{text} over {self.n_samples} samples"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _as_named(outputs: Outputs) -> list[tuple[str, np.ndarray]]:
    if isinstance(outputs, Mapping):
        return [(str(k), np.asarray(v)) for k, v in outputs.items()]
    if isinstance(outputs, np.ndarray):
        return [("output0", outputs)]
    return [(f"output{i}", np.asarray(v)) for i, v in enumerate(outputs)]


def looks_like_class_scores(array: np.ndarray) -> bool:
    """[batch, classes] of floats with more than one class."""
    return array.ndim == 2 and array.shape[1] > 1 and np.issubdtype(array.dtype, np.floating)


def compare(parent_outputs: Sequence[Outputs], child_outputs: Sequence[Outputs]) -> AccuracyReport:
    """Compare two models' outputs sample by sample (same inputs, same order)."""
    if len(parent_outputs) != len(child_outputs):
        raise EngineError(f"cannot compare {len(parent_outputs)} parent samples with "
                          f"{len(child_outputs)} child samples")
    if not parent_outputs:
        raise EngineError("nothing to compare: no samples")
    total_abs = 0.0
    max_abs = 0.0
    count = 0
    dot = norm_p = norm_c = 0.0
    agree = rows = 0
    per: dict[str, dict[str, float]] = {}
    for parent, child in zip(parent_outputs, child_outputs, strict=True):
        p_named, c_named = _as_named(parent), _as_named(child)
        if len(p_named) != len(c_named):
            raise EngineError(f"the models have different outputs: {len(p_named)} vs "
                              f"{len(c_named)}")
        for (name, p), (_, c) in zip(p_named, c_named, strict=True):
            if p.shape != c.shape:
                raise EngineError(f"output {name} differs in shape: {p.shape} vs {c.shape}")
            if p.dtype == object or c.dtype == object:
                continue  # strings: nothing numeric to compare
            p64, c64 = p.astype(np.float64).ravel(), c.astype(np.float64).ravel()
            diff = np.abs(p64 - c64)
            worst = float(diff.max()) if diff.size else 0.0
            if diff.size and not np.isfinite(diff).all():
                worst = math.nan
            max_abs = worst if math.isnan(worst) or math.isnan(max_abs) else max(max_abs, worst)
            total_abs += float(diff.sum())
            count += diff.size
            dot += float(p64 @ c64)
            norm_p += float(p64 @ p64)
            norm_c += float(c64 @ c64)
            entry = per.setdefault(name, {"max_abs_diff": 0.0, "values": 0})
            entry["max_abs_diff"] = max(entry["max_abs_diff"], worst)
            entry["values"] += diff.size
            if looks_like_class_scores(p):
                agreed = int((p.argmax(axis=1) == c.argmax(axis=1)).sum())
                agree += agreed
                rows += p.shape[0]
                entry["top1_agree"] = entry.get("top1_agree", 0) + agreed
                entry["rows"] = entry.get("rows", 0) + p.shape[0]
    if norm_p == 0 and norm_c == 0:
        cosine = 1.0
    elif norm_p == 0 or norm_c == 0:
        cosine = 0.0
    else:
        cosine = dot / math.sqrt(norm_p * norm_c)
    return AccuracyReport(
        max_abs_diff=max_abs,
        mean_abs_diff=total_abs / count if count else 0.0,
        cosine=cosine,
        top1_agreement=agree / rows if rows else None,
        n_samples=len(parent_outputs),
        n_values=count,
        per_output=per,
    )


def compare_models(parent_path: str | Path, child_path: str | Path,
                   sample_inputs_list: Sequence[Mapping[str, np.ndarray]],
                   providers: Sequence[str] = (CPU,), progress: ProgressFn | None = None,
                   cancelled: CancelledFn | None = None) -> AccuracyReport:
    """Run both models on the same samples and compare. Feeds are cast to each model's input
    dtype, so an fp16 model converted without keep_io_types takes the parent's float32 samples.
    """
    from engines.onnxruntime import OnnxRuntimeEngine

    if not sample_inputs_list:
        raise EngineError("accuracy comparison needs at least one input sample")
    options = EngineOptions(providers=list(providers))
    engines = [OnnxRuntimeEngine(parent_path, options), OnnxRuntimeEngine(child_path, options)]
    try:
        for engine in engines:
            check_cancelled(cancelled, "accuracy comparison")
            engine.load()
        dtypes = [{s.name: s.dtype for s in e.describe().inputs} for e in engines]
        results: list[list[list[np.ndarray]]] = [[], []]
        total = len(sample_inputs_list)
        for index, feeds in enumerate(sample_inputs_list):
            check_cancelled(cancelled, "accuracy comparison")
            for which, engine in enumerate(engines):
                cast = {k: _cast(v, dtypes[which].get(k)) for k, v in feeds.items()}
                results[which].append(engine.run(cast))
            if progress is not None:
                progress(index + 1, total, f"compared sample {index + 1} of {total}")
        return compare(results[0], results[1])
    finally:
        for engine in engines:
            engine.unload()


def _cast(value: np.ndarray, dtype: str | None) -> np.ndarray:
    value = np.asarray(value)
    if dtype is None or dtype == "object" or value.dtype == dtype:
        return value
    return value.astype(dtype)
