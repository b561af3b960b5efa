"""Activating or rolling back a version while clients hammer the service loses no request."""

from __future__ import annotations

import threading
import time

import httpx
import numpy as np

from app.context import AppContext
from tests.serving.conftest import ADMIN, DEMO, scale_model, start


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_swap_under_load_drops_nothing_and_later_answers_come_from_the_new_version(tmp_path):
    ctx = AppContext.open(tmp_path / "data")
    ctx.models.import_model(ADMIN, scale_model(tmp_path / "v1" / "model.onnx", 1.0),
                            name="swapper")
    ctx.models.import_model(ADMIN, scale_model(tmp_path / "v2" / "model.onnx", 2.0),
                            name="swapper")
    _, key = ctx.api_keys.add(ADMIN, "line")
    server = start(ctx)
    stop = threading.Event()
    answers: list[tuple[float, int]] = []
    failures: list[str] = []

    def client(seed):
        rng = np.random.default_rng(seed)
        with httpx.Client(base_url=server.url, headers={"X-API-Key": key}, timeout=30) as http:
            while not stop.is_set():
                x = rng.random((1, 4), dtype=np.float32)
                response = http.post("/v2/models/swapper/infer", json={"inputs": [
                    {"name": "x", "shape": [1, 4], "datatype": "FP32",
                     "data": x.ravel().tolist()}]})
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {response.text}")
                    continue
                body = response.json()
                version = int(body["model_version"])
                y = np.array(body["outputs"][0]["data"], np.float32)
                if not np.allclose(y, x.ravel() * version):  # the answer matches its version
                    failures.append(f"v{version} answered {y} for {x}")
                answers.append((time.monotonic(), version))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    try:
        for thread in threads:
            thread.start()
        assert wait_for(lambda: len(answers) > 50)
        with AppContext.open(tmp_path / "data") as other:  # as the console or CLI would
            other.models.activate(ADMIN, "swapper", 2)
        activated = time.monotonic()
        assert wait_for(lambda: any(r.action == "swap"
                                    for r in ctx.audit_trail.read_page(limit=20)))
        at_swap = len(answers)
        assert wait_for(lambda: len(answers) > at_swap + 50)
        before_rollback = len(answers)
        with AppContext.open(tmp_path / "data") as other:
            other.models.rollback(ADMIN, "swapper")
        assert wait_for(lambda: sum(r.action == "swap"
                                    for r in ctx.audit_trail.read_page(limit=30)) == 2)
        count = len(answers)
        assert wait_for(lambda: len(answers) > count + 20)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert failures == []
    versions = [v for _, v in answers]
    assert versions[0] == 1 and 2 in versions and versions[-1] == 1
    # once the old version has drained, every answer comes from v2 (a few answers of v1 may
    # still be on their way back to the clients: one per client thread)
    assert set(versions[at_swap + len(threads):before_rollback]) == {2}
    assert any(v == 1 for t, v in answers if t < activated)
    swap = next(r for r in ctx.audit_trail.read_page(limit=30) if r.action == "swap"
                and '"to_version":2' in r.details)
    assert swap.actor == "system" and swap.source == "serve"
    assert '"from_version":1' in swap.details and '"drained_in_time":true' in swap.details
    server.stop()  # writes the rest of the access log
    logged = ctx.store.conn.execute(
        "SELECT version, COUNT(*) FROM serving_access_log WHERE status = 200 GROUP BY version"
    ).fetchall()
    assert dict(logged).keys() == {1, 2} and sum(n for _, n in logged) == len(answers)
    ctx.close()


def test_models_appear_and_disappear_while_serving(tmp_path):
    ctx = AppContext.open(tmp_path / "data")
    _, key = ctx.api_keys.add(ADMIN, "line")
    server = start(ctx)
    headers = {"Authorization": f"Bearer {key}"}
    try:
        with httpx.Client(base_url=server.url, headers=headers) as http:
            assert http.get("/v2/models/late").status_code == 404
            ctx.models.import_model(ADMIN, DEMO / "demo-inspector", name="late")
            assert wait_for(lambda: http.get("/v2/models/late/ready").status_code == 200)
            ctx.models.delete_model(ADMIN, "late")
            assert wait_for(lambda: http.get("/v2/models/late").status_code == 404)
        actions = [r.action for r in ctx.audit_trail.read_page(limit=20)]
        assert wait_for(lambda: "model_unload" in [
            r.action for r in ctx.audit_trail.read_page(limit=20)]), actions
    finally:
        server.stop()
        ctx.close()
