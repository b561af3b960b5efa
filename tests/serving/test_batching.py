"""The batch worker on its own: grouping, splitting, isolation of a bad request, bounds, drain."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from app.serving.batching import Batcher, Closed, QueueFull


class Model:
    """y = 2x, recording the batch sizes it ran; fails on a NaN, can be held."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, feeds):
        self.gate.wait(10)
        x = feeds["x"]
        if np.isnan(x).any():
            raise ValueError("NaN input")
        self.sizes.append(x.shape[0])
        return [x * 2, x.sum(axis=1)]


def make(model, **options):
    settings = {"batchable": True, "max_batch": 8, "max_delay_s": 0.05, "max_queue": 16}
    settings.update(options)
    return Batcher("m/v1", 1, model, ["y", "s"], **settings)


def test_queued_requests_share_one_run_and_get_their_own_rows():
    model = Model()
    model.gate.clear()  # hold the first run so the others queue up behind it
    batcher = make(model)
    inputs = [np.full((1, 3), i, np.float32) for i in range(6)]
    futures = [batcher.submit({"x": x}, 1) for x in inputs]
    model.gate.set()
    results = [f.result(5) for f in futures]
    for x, result in zip(inputs, results, strict=True):
        np.testing.assert_array_equal(result.outputs["y"], x * 2)
        np.testing.assert_array_equal(result.outputs["s"], x.sum(axis=1))
    # the worker may grab the first request before the rest arrive; the rest then share a run
    assert sum(model.sizes) == 6 and len(model.sizes) <= 2, model.sizes
    assert max(r.batch_requests for r in results) == max(model.sizes) >= 3
    batcher.close()


def test_the_delay_is_not_spent_when_nobody_else_is_coming():
    model = Model()
    batcher = make(model, max_delay_s=1.0, announced=lambda: 0)
    started = time.perf_counter()
    batcher.submit({"x": np.ones((1, 3), np.float32)}, 1).result(5)
    assert time.perf_counter() - started < 0.5
    batcher.close()


def test_different_shapes_run_apart_and_a_bad_request_fails_alone():
    model = Model()
    model.gate.clear()
    batcher = make(model)
    blocker = batcher.submit({"x": np.ones((1, 3), np.float32)}, 1)
    good = batcher.submit({"x": np.ones((2, 3), np.float32)}, 2)
    wide = batcher.submit({"x": np.ones((1, 5), np.float32)}, 1)
    bad = batcher.submit({"x": np.full((1, 3), np.nan, np.float32)}, 1)
    model.gate.set()
    blocker.result(5)
    assert good.result(5).outputs["y"].shape == (2, 3)
    assert wide.result(5).outputs["y"].shape == (1, 5)
    with pytest.raises(ValueError, match="NaN"):
        bad.result(5)
    batcher.close()


def test_rows_beyond_the_maximum_wait_for_the_next_run():
    model = Model()
    model.gate.clear()
    batcher = make(model, max_batch=4)
    futures = [batcher.submit({"x": np.ones((3, 3), np.float32)}, 3) for _ in range(3)]
    model.gate.set()
    for future in futures:
        future.result(5)
    assert model.sizes == [3, 3, 3]
    batcher.close()


def test_a_model_without_a_batch_dimension_runs_requests_one_by_one():
    model = Model()
    model.gate.clear()
    batcher = make(model, batchable=False)
    futures = [batcher.submit({"x": np.ones((1, 3), np.float32)}, 1) for _ in range(4)]
    model.gate.set()
    assert all(f.result(5).batch_requests == 1 for f in futures)
    assert model.sizes == [1, 1, 1, 1]
    batcher.close()


def test_a_full_queue_refuses_at_once_and_close_drains_everything_queued():
    model = Model()
    model.gate.clear()
    batcher = make(model, max_queue=3, batchable=False)
    first = batcher.submit({"x": np.ones((1, 3), np.float32)}, 1)
    time.sleep(0.1)  # the worker holds `first`; three more fill the queue
    queued = [batcher.submit({"x": np.ones((1, 3), np.float32)}, 1) for _ in range(3)]
    with pytest.raises(QueueFull):
        batcher.submit({"x": np.ones((1, 3), np.float32)}, 1)
    closer = threading.Thread(target=batcher.close)
    closer.start()
    time.sleep(0.05)
    with pytest.raises(Closed):
        batcher.submit({"x": np.ones((1, 3), np.float32)}, 1)
    model.gate.set()
    closer.join(5)
    assert not closer.is_alive()
    assert all(f.done() and f.exception() is None for f in [first, *queued])


def test_a_model_answering_the_wrong_outputs_fails_only_that_request():
    """One request's broken answer (here: one output instead of two for a wide input) must
    not fail the requests batched with it that had not run yet."""
    gate = threading.Event()

    def model(feeds):
        gate.wait(10)
        x = feeds["x"]
        if x.shape[1] == 5:
            return [x * 2]
        return [x * 2, x.sum(axis=1)]

    batcher = make(model)
    blocker = batcher.submit({"x": np.ones((1, 3), np.float32)}, 1)
    time.sleep(0.1)  # the worker holds the blocker; the next two are gathered together
    wide = batcher.submit({"x": np.ones((1, 5), np.float32)}, 1)
    good = batcher.submit({"x": np.ones((1, 3), np.float32)}, 1)
    gate.set()
    blocker.result(5)
    with pytest.raises(ValueError):
        wide.result(5)
    assert good.result(5).outputs["y"].shape == (1, 3)
    batcher.close()
