from __future__ import annotations

import numpy as np
import pytest

from engines.accuracy import compare, compare_models
from engines.base import EngineError
from engines.inputs import make_sample_inputs
from engines.onnxruntime import OnnxRuntimeEngine

rng = np.random.default_rng(0)


def scores(n=4, classes=10):
    return rng.standard_normal((n, classes)).astype(np.float32)


def test_identical_outputs():
    samples = [[scores()] for _ in range(3)]
    report = compare(samples, samples)
    assert report.max_abs_diff == 0 and report.mean_abs_diff == 0
    assert report.cosine == pytest.approx(1.0) and report.top1_agreement == 1.0
    assert report.n_samples == 3 and report.n_values == 120
    assert report.within(max_abs=0, min_cosine=0.9999, min_top1=1.0)


def test_small_noise_and_a_flipped_winner():
    parent = [np.array([[0.0, 1.0, 0.9], [2.0, 0.0, 0.0]], np.float32)]
    child = [np.array([[0.0, 0.9, 1.0], [2.0, 0.05, 0.0]], np.float32)]
    report = compare(parent, child)
    assert report.max_abs_diff == pytest.approx(0.1, abs=1e-6)
    assert report.mean_abs_diff == pytest.approx(0.25 / 6, abs=1e-6)
    assert report.top1_agreement == 0.5 and 0.98 < report.cosine < 1
    assert not report.within(min_top1=0.9) and report.within(max_abs=0.2)
    assert "top-1 agreement 50.0%" in report.summary()


def test_dict_outputs_and_non_class_outputs():
    embeddings = rng.standard_normal((1, 5, 8))
    report = compare([{"hidden": embeddings}], [{"hidden": embeddings * 1.01}])
    assert report.top1_agreement is None and report.cosine == pytest.approx(1.0)
    assert report.max_abs_diff > 0 and set(report.per_output) == {"hidden"}


def test_nan_never_counts_as_within():
    bad = scores()
    bad[0, 0] = np.nan
    report = compare([scores()], [bad])
    assert np.isnan(report.max_abs_diff) and not report.within(max_abs=1.0)


def test_mismatches_are_errors():
    with pytest.raises(EngineError, match="shape"):
        compare([scores(2)], [scores(3)])
    with pytest.raises(EngineError, match="samples"):
        compare([[scores()]], [])
    with pytest.raises(EngineError, match="no samples"):
        compare([], [])
    with pytest.raises(EngineError, match="different outputs"):
        compare([[scores(), scores()]], [[scores()]])


def test_a_model_compared_with_itself(mlp_path):
    engine = OnnxRuntimeEngine(mlp_path)
    engine.load()
    samples = [make_sample_inputs(engine.describe().inputs, batch=4, seed=s) for s in range(3)]
    progress = []
    report = compare_models(mlp_path, mlp_path, samples,
                            progress=lambda *a: progress.append(a))
    assert report.max_abs_diff == 0 and report.top1_agreement == 1.0 and report.n_samples == 3
    assert progress[-1][:2] == (3, 3)
    with pytest.raises(EngineError, match="at least one"):
        compare_models(mlp_path, mlp_path, [])
