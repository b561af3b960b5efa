"""The service over real HTTP: the official Triton client and plain httpx, every error case."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time

import httpx
import numpy as np
import onnxruntime as ort
import pytest
import tritonclient.http as triton
from tritonclient.utils import InferenceServerException

from app.auth.identity import Actor
from app.serving import protocol
from tests.serving.conftest import ADMIN, BODY_LIMIT, DEMO

TECH = Actor("tech", "technician", source="test")

INSPECTOR = DEMO / "demo-inspector" / "model.onnx"
TEXT = DEMO / "demo-text-classifier" / "model.onnx"


def reference(path, feeds):
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, feeds)[0]


def images(n=2, seed=0):
    return np.random.default_rng(seed).random((n, 3, 64, 64), dtype=np.float32)


def json_request(name, array, datatype="FP32"):
    return {"inputs": [{"name": name, "shape": list(array.shape), "datatype": datatype,
                        "data": array.ravel().tolist()}]}


@pytest.fixture
def client(served):
    with httpx.Client(base_url=served.url, headers=served.headers(), timeout=30) as c:
        yield c


@pytest.fixture
def anonymous(served):
    with httpx.Client(base_url=served.url, timeout=30) as c:
        yield c


# -- the Triton client ------------------------------------------------------------------------


@pytest.mark.parametrize("binary", [True, False])
def test_triton_client_gets_the_in_process_result(served, binary):
    x = images()
    client = triton.InferenceServerClient(served.address)
    assert client.is_server_live() and client.is_server_ready()
    assert client.is_model_ready("demo-inspector", headers=served.headers())
    meta = client.get_model_metadata("demo-inspector", headers=served.headers())
    assert meta["inputs"] == [{"name": "image", "datatype": "FP32", "shape": [-1, 3, 64, 64]}]
    assert meta["outputs"][0]["shape"] == [-1, 5]
    assert meta["parameters"]["provider"] == "CPUExecutionProvider"
    assert meta["versions"] == ["1"]
    tensor = triton.InferInput("image", list(x.shape), "FP32")
    tensor.set_data_from_numpy(x, binary_data=binary)
    result = client.infer("demo-inspector", [tensor], headers=served.headers(),
                          outputs=[triton.InferRequestedOutput("probabilities",
                                                               binary_data=binary)],
                          request_id="abc")
    np.testing.assert_allclose(result.as_numpy("probabilities"),
                               reference(INSPECTOR, {"image": x}), rtol=1e-5, atol=1e-6)
    assert result.get_response()["id"] == "abc"
    assert result.get_response()["model_version"] == "1"


def test_triton_client_versions_outputs_by_default_compression_and_classes(served):
    tokens = np.array([[1, 5, 7, 2]], dtype=np.int64)
    client = triton.InferenceServerClient(served.address)
    tensor = triton.InferInput("input_ids", [1, 4], "INT64")
    tensor.set_data_from_numpy(tokens)
    result = client.infer("demo-text-classifier", [tensor], model_version="1",
                          headers=served.headers(served.text_key),
                          request_compression_algorithm="gzip")
    expected = reference(TEXT, {"input_ids": tokens})
    np.testing.assert_allclose(result.as_numpy("probabilities"), expected, rtol=1e-5)
    top = client.infer("demo-text-classifier", [tensor], headers=served.headers(),
                       outputs=[triton.InferRequestedOutput("probabilities", class_count=2)])
    cells = top.as_numpy("probabilities")[0]
    labels = (DEMO / "demo-text-classifier" / "labels.txt").read_text().split()
    best = int(np.argmax(expected[0]))
    assert cells.shape == (2,) and cells[0].decode().split(":")[1:] == [str(best), labels[best]]
    config = client.get_model_config("demo-inspector", headers=served.headers())
    assert config["max_batch_size"] == 32 and config["input"][0]["dims"] == [3, 64, 64]
    assert "dynamic_batching" in config
    index = client.get_model_repository_index(headers=served.headers(served.text_key))
    assert [m["name"] for m in index] == ["demo-text-classifier"]


def test_triton_client_is_refused_without_a_valid_key(served):
    client = triton.InferenceServerClient(served.address)
    tensor = triton.InferInput("image", [1, 3, 64, 64], "FP32")
    tensor.set_data_from_numpy(images(1))
    with pytest.raises(InferenceServerException) as refused:
        client.infer("demo-inspector", [tensor])
    assert refused.value.status() == "401" and "API key is required" in refused.value.message()
    for key, status in ((served.revoked_key, "401"), ("edk_00000000_" + "A" * 43, "401"),
                        (served.text_key, "403")):
        with pytest.raises(InferenceServerException) as refused:
            client.infer("demo-inspector", [tensor], headers=served.headers(key))
        assert refused.value.status() == status


def test_each_refused_key_is_told_why(served, anonymous):
    """The client holding the secret learns whether it was revoked or expired (and when), so
    the line's engineer knows to ask for a new key instead of hunting a typo."""
    ctx = served.ctx
    key, secret = ctx.api_keys.add(ADMIN, "contractor-rig", expires_days=30)
    url = "/v2/models/demo-inspector"
    assert anonymous.get(url, headers=served.headers(secret)).status_code == 200
    past = "2020-01-01T00:00:00.000Z"
    with ctx.store.transaction() as conn:  # thirty days later
        conn.execute("UPDATE api_keys SET expires_at = ? WHERE id = ?", [past, key.id])
    cases = ((secret, f"the API key {key.prefix} expired at {past}"),
             (served.revoked_key, "was revoked"),
             ("edk_00000000_" + "A" * 43, "not known to this service"))
    for presented, reason in cases:
        refused = anonymous.get(url, headers=served.headers(presented))
        assert refused.status_code == 401 and reason in refused.json()["error"]

    def outcomes() -> set[str]:
        served.server.service.access_log.flush()
        return {row[0] for row in ctx.store.conn.execute(
            "SELECT outcome FROM serving_access_log WHERE key_prefix = ?", [key.prefix])}

    deadline = time.monotonic() + 5  # each row is added just after its response went out
    while not outcomes() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert outcomes() == {"unauthorized"}  # metadata reads are logged only when refused


# -- plain HTTP -------------------------------------------------------------------------------


def test_json_inference_with_x_api_key_and_nested_data(served, anonymous):
    x = images(1, seed=3)
    body = {"inputs": [{"name": "image", "shape": [1, 3, 64, 64], "datatype": "FP32",
                        "data": x.tolist()}]}  # nested lists are accepted too
    response = anonymous.post("/v2/models/demo-inspector/infer", json=body,
                              headers={"X-API-Key": served.key})
    assert response.status_code == 200, response.text
    output = response.json()["outputs"][0]
    assert output["shape"] == [1, 5] and output["datatype"] == "FP32"
    np.testing.assert_allclose(np.array(output["data"]).reshape(1, 5),
                               reference(INSPECTOR, {"image": x}), rtol=1e-5, atol=1e-6)


def test_binary_request_and_response_by_hand(client):
    x = images(3, seed=4)
    header = json.dumps({"inputs": [{"name": "image", "shape": [3, 3, 64, 64],
                                     "datatype": "FP32",
                                     "parameters": {"binary_data_size": x.nbytes}}],
                         "parameters": {"binary_data_output": True}}).encode()
    response = client.post("/v2/models/demo-inspector/versions/1/infer",
                           content=header + x.tobytes(),
                           headers={"Inference-Header-Content-Length": str(len(header)),
                                    "Content-Type": "application/octet-stream"})
    assert response.status_code == 200, response.text
    length = int(response.headers["Inference-Header-Content-Length"])
    head = json.loads(response.content[:length])
    assert head["outputs"][0]["parameters"]["binary_data_size"] == 3 * 5 * 4
    got = np.frombuffer(response.content[length:], dtype=np.float32).reshape(3, 5)
    np.testing.assert_allclose(got, reference(INSPECTOR, {"image": x}), rtol=1e-5, atol=1e-6)


def test_health_needs_no_key_but_everything_else_does(anonymous, client):
    assert anonymous.get("/v2/health/live").status_code == 200
    assert anonymous.get("/v2/health/ready").json() == {"ready": True}
    for path in ("/v2", "/v2/models/demo-inspector", "/v2/models/demo-inspector/ready",
                 "/metrics"):
        refused = anonymous.get(path)
        assert refused.status_code == 401 and "error" in refused.json(), path
        assert refused.headers["WWW-Authenticate"] == "Bearer"
        assert client.get(path).status_code == 200, path
    assert client.get("/v2").json()["extensions"][0] == "binary_tensor_data"
    assert anonymous.get("/v2", headers={"Authorization": "Basic abc"}).status_code == 401


def test_openapi_document_is_published(anonymous):
    document = anonymous.get("/openapi.json").json()
    assert "/v2/models/{name}/infer" in document["paths"]
    assert anonymous.get("/docs").status_code == 404  # Swagger UI would load scripts online


def malformed_cases():
    binary_head = (b'{"inputs": [{"name": "image", "shape": [1, 3, 64, 64], "datatype": "FP32",'
                   b' "parameters": {"binary_data_size": 8}}]}')
    full_head = binary_head.replace(b": 8}", b": 49152}")
    good = {"name": "image", "shape": [1, 3, 64, 64], "datatype": "FP32",
            "data": [0.0] * (3 * 64 * 64)}
    return [
        ("not json", b"{inputs: nope", {}, "not valid JSON"),
        ("not an object", b"[1, 2]", {}, "JSON object"),
        ("no inputs", b'{"inputs": []}', {}, "non-empty 'inputs'"),
        ("wrong datatype", {"inputs": [{**good, "datatype": "INT64", "data": [0] * (3 * 64 * 64)}]},
         {}, "expects FP32"),
        ("unknown datatype", {"inputs": [{**good, "datatype": "FLOAT"}]}, {},
         "unknown datatype"),
        ("wrong shape", {"inputs": [{**good, "shape": [1, 3, 32, 128]}]}, {},
         "expects [-1, 3, 64, 64]"),
        ("wrong rank", {"inputs": [{**good, "shape": [3, 64, 64]}]}, {}, "expects"),
        ("data length", {"inputs": [{**good, "data": [0.0] * 10}]}, {}, "needs 12288"),
        ("text as floats", {"inputs": [{**good, "data": ["x"] * (3 * 64 * 64)}]}, {},
         "FP32 data must be numbers, but it holds strings"),
        ("negative dim", {"inputs": [{**good, "shape": [-1, 3, 64, 64]}]}, {}, "negative"),
        ("unknown input", {"inputs": [good, {**good, "name": "other"}]}, {},
         "unknown input 'other'"),
        ("missing data", {"inputs": [{k: v for k, v in good.items() if k != "data"}]}, {},
         "neither 'data'"),
        ("unknown output", {"inputs": [good], "outputs": [{"name": "nope"}]}, {},
         "unknown output 'nope'"),
        ("shared memory", {"inputs": [{**good, "parameters": {"shared_memory_region": "r"}}]},
         {}, "shared memory"),
        ("binary size mismatch", binary_head + b"\0" * 8,
         {"Inference-Header-Content-Length": str(len(binary_head))}, "needs 49152"),
        ("binary data unclaimed", full_head + b"\0" * (49152 + 4),
         {"Inference-Header-Content-Length": str(len(full_head))}, "no input claims"),
        ("binary without header length", binary_head, {}, "runs past the end"),
        ("header past the end", b'{"inputs": []}', {"Inference-Header-Content-Length": "99"},
         "has only"),
        ("header not a number", b'{"inputs": []}', {"Inference-Header-Content-Length": "x"},
         "must be a number"),
        ("bad gzip", b"not gzip at all", {"Content-Encoding": "gzip"}, "decompressed"),
    ]


@pytest.mark.parametrize("case", malformed_cases(), ids=lambda c: c[0])
def test_malformed_requests_get_400_and_the_service_survives(client, case):
    _, body, headers, message = case
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = client.post("/v2/models/demo-inspector/infer", content=content, headers=headers)
    assert response.status_code == 400, response.text
    assert message in response.json()["error"]
    assert client.get("/v2/models/demo-inspector/ready").status_code == 200


def test_unsupported_content_encoding_is_refused(client):
    response = client.post("/v2/models/demo-inspector/infer", content=b"x",
                           headers={"Content-Encoding": "br"})
    assert response.status_code == 415 and "not supported" in response.json()["error"]


def test_oversized_bodies_get_413(client):
    big = json.dumps(json_request("image", images(8))).encode()
    assert len(big) > BODY_LIMIT
    response = client.post("/v2/models/demo-inspector/infer", content=big)
    assert response.status_code == 413 and "limit" in response.json()["error"]

    def chunks():  # no Content-Length: counted while reading
        for start in range(0, len(big), 65536):
            yield big[start:start + 65536]

    response = client.post("/v2/models/demo-inspector/infer", content=chunks())
    assert response.status_code == 413
    bomb = gzip.compress(b" " * (BODY_LIMIT * 2))
    response = client.post("/v2/models/demo-inspector/infer", content=bomb,
                           headers={"Content-Encoding": "gzip"})
    assert response.status_code == 413 and "decompressed" in response.json()["error"]


def test_unknown_model_and_version_get_404(client):
    x = json_request("image", images(1))
    assert client.post("/v2/models/nope/infer", json=x).status_code == 404
    assert "unknown model 'nope'" in client.get("/v2/models/nope").json()["error"]
    response = client.post("/v2/models/demo-inspector/versions/7/infer", json=x)
    assert response.status_code == 404 and "active version is 1" in response.json()["error"]
    assert client.get("/v2/models/demo-inspector/versions/7").status_code == 404
    assert client.get("/v2/models/demo-inspector/versions/abc").status_code == 400
    assert client.get("/v2/nothing/here").status_code == 404
    assert "error" in client.get("/v2/nothing/here").json()


def test_a_model_that_cannot_load_gets_503_and_the_rest_keep_working(client):
    x = json_request("image", images(1))
    response = client.post("/v2/models/broken-model/infer", json=x)
    assert response.status_code == 503 and "could not be loaded" in response.json()["error"]
    ready = client.get("/v2/models/broken-model/ready")
    assert ready.status_code == 503 and ready.json()["ready"] is False
    assert client.get("/v2/models/broken-model").status_code == 503
    assert client.post("/v2/models/demo-inspector/infer", json=x).status_code == 200


def test_fixed_batch_model_runs_without_batching(client):
    x = np.arange(8, dtype=np.float32).reshape(2, 4)
    meta = client.get("/v2/models/fixed-scale").json()
    assert meta["inputs"][0]["shape"] == [2, 4]
    assert meta["parameters"]["dynamic_batching"] is False
    config = client.get("/v2/models/fixed-scale/config").json()
    assert config["max_batch_size"] == 0 and config["input"][0]["dims"] == [2, 4]
    response = client.post("/v2/models/fixed-scale/infer", json=json_request("x", x))
    assert response.json()["outputs"][0]["data"] == (x * 3).ravel().tolist()
    bad = client.post("/v2/models/fixed-scale/infer", json=json_request("x", x[:1]))
    assert bad.status_code == 400 and "expects [2, 4]" in bad.json()["error"]


def test_concurrent_clients_are_batched_and_each_gets_its_own_answer(served):
    inputs = [images(1, seed=100 + i) for i in range(48)]
    expected = [reference(INSPECTOR, {"image": x}) for x in inputs]
    failures: list[str] = []
    results: dict[int, np.ndarray] = {}

    def worker(indices):
        client = triton.InferenceServerClient(served.address)
        for i in indices:
            tensor = triton.InferInput("image", [1, 3, 64, 64], "FP32")
            tensor.set_data_from_numpy(inputs[i])
            try:
                results[i] = client.infer("demo-inspector", [tensor],
                                          headers=served.headers()).as_numpy("probabilities")
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                failures.append(repr(exc))

    time.sleep(0.05)  # rows of earlier tests are added just after their responses went out
    served.server.service.access_log.flush()  # and written later: none may count as ours
    before = served.ctx.store.conn.execute("SELECT MAX(id) FROM serving_access_log").fetchone()
    threads = [threading.Thread(target=worker, args=(range(i, 48, 8),)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for i, value in results.items():
        np.testing.assert_allclose(value, expected[i], rtol=1e-5, atol=1e-6)
    sizes = logged_since(served, before[0] or 0, 48)
    assert len(sizes) == 48 and max(sizes) > 1, sizes


def logged_since(served, after_id, expected):
    """Batch sizes of the successful rows after `after_id`, once `expected` are written (a row
    is added just after its response went out, so the client can be a moment ahead)."""
    deadline = time.monotonic() + 5
    while True:
        served.server.service.access_log.flush()
        sizes = [r[0] for r in served.ctx.store.conn.execute(
            "SELECT batch_size FROM serving_access_log WHERE id > ? AND model = 'demo-inspector'"
            " AND status = 200", [after_id])]
        if len(sizes) >= expected or time.monotonic() > deadline:
            return sizes
        time.sleep(0.02)


def test_metrics_count_requests_per_model_and_version(client):
    client.post("/v2/models/demo-inspector/infer", json=json_request("image", images(1)))
    text = client.get("/metrics").text
    assert '# TYPE edgedeck_serving_requests_total counter' in text
    assert 'edgedeck_serving_requests_total{model="demo-inspector",version="1",code="200"}' in text
    assert 'edgedeck_serving_request_duration_seconds_bucket{model="demo-inspector",version="1",' \
           'le="+Inf"}' in text
    for name in ("queue_duration_seconds", "inference_duration_seconds", "batch_requests"):
        assert f'edgedeck_serving_{name}_count{{model="demo-inspector",version="1"}}' in text
    assert 'edgedeck_serving_model_ready{model="broken-model",version="1",provider=""} 0' in text
    assert ('edgedeck_serving_model_ready{model="demo-inspector",version="1",'
            'provider="CPUExecutionProvider"} 1') in text
    assert 'edgedeck_serving_queue_depth{model="demo-inspector",version="1"} 0' in text


def test_access_log_rows_hold_facts_never_payloads(served, client, anonymous):
    marker = 0.123456789
    x = np.full((1, 3, 64, 64), marker, np.float32)
    client.post("/v2/models/demo-inspector/infer", json=json_request("image", x))
    anonymous.get("/v2/models/demo-inspector")
    client.post("/v2/models/demo-inspector/infer", content=b"{broken")
    time.sleep(0.1)  # each row is added just after its response went out
    served.server.service.access_log.flush()
    control = served.ctx.serving
    records = control.recent_requests(TECH, limit=3)
    bad, refused, ok = records
    assert ok.status == 200 and ok.outcome == "ok" and ok.model == "demo-inspector"
    assert ok.version == 1 and ok.batch_size >= 1 and ok.latency_ms > 0
    assert ok.key.startswith("all-models (edk_")
    assert refused.status == 401 and refused.outcome == "unauthorized" and refused.key == ""
    assert bad.status == 400 and "not valid JSON" in bad.error
    errors = control.recent_errors(TECH, limit=5)
    assert errors[0] == bad and all(e.status >= 400 for e in errors)
    dump = "\n".join(str(row) for row in served.ctx.store.conn.execute(
        "SELECT * FROM serving_access_log"))
    assert "0.1234" not in dump and served.key not in dump
    summary = control.rates(TECH, window_s=300)
    assert summary.requests >= 3 and summary.errors >= 2
    assert summary.per_model["demo-inspector"] >= 2 and summary.p50_ms is not None
    keys = {k.name: k for k in served.ctx.api_keys.list(ADMIN)}
    assert keys["all-models"].last_used_at is not None
    assert keys["old-key"].last_used_at is None



def _nodelay_of_accepted(listening: socket.socket) -> int:
    """TCP_NODELAY on the server side of one connection accepted by asyncio, as uvicorn does."""
    import asyncio

    async def accept_one() -> int:
        seen: asyncio.Future = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport):
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listening)
        port = listening.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            return await asyncio.wait_for(seen, 5)
        finally:
            writer.close()
            server.close()
            await server.wait_closed()

    return asyncio.run(accept_one())


def test_accepted_connections_send_answers_without_waiting_for_delayed_acks():
    """A response written in two parts on a socket without TCP_NODELAY waits up to 40 ms for
    the client's delayed ACK. asyncio sets NODELAY on accepted connections only when the
    listening socket says proto=TCP, so bind() must make one (checked by socket option, not
    by timing: timings on a shared CI box prove nothing)."""
    from app.serving.server import bind

    assert _nodelay_of_accepted(bind("127.0.0.1", 0)) != 0
    # The probe can tell the difference: a listening socket made with proto 0 is left as is.
    plain = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0)
    plain.bind(("127.0.0.1", 0))
    assert _nodelay_of_accepted(plain) == 0


# -- hardening --------------------------------------------------------------------------------


def raw_exchange(served, head: bytes, body_parts=(), timeout=3.0):
    """Send a request by hand; returns (response bytes, seconds until the server closed)."""
    host, port = served.address.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        started = time.perf_counter()
        sock.sendall(head)
        for part in body_parts:
            try:
                sock.sendall(part)
            except OSError:  # the server answered and closed: stop sending
                break
        received = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            received += chunk
        return received, time.perf_counter() - started


def test_a_body_declared_too_large_is_refused_without_reading_it(served):
    """413 at once, nothing of the body read, and the connection closed (uvicorn would
    otherwise read and drop the rest of the body, however large)."""
    head = (f"POST /v2/models/demo-inspector/infer HTTP/1.1\r\nHost: x\r\n"
            f"X-API-Key: {served.key}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {1 << 30}\r\n\r\n").encode()
    response, seconds = raw_exchange(served, head)  # not one byte of the body is sent
    assert response.startswith(b"HTTP/1.1 413"), response[:200]
    assert b"connection: close" in response.lower() and b'"error"' in response
    assert seconds < 2.5  # answered and closed, not waiting for the gigabyte


def test_a_chunked_body_is_cut_off_at_the_limit(served):
    head = (f"POST /v2/models/demo-inspector/infer HTTP/1.1\r\nHost: x\r\n"
            f"X-API-Key: {served.key}\r\nTransfer-Encoding: chunked\r\n\r\n").encode()
    chunk = b"0" * 65536
    framed = b"%x\r\n%s\r\n" % (len(chunk), chunk)
    # the limit plus 64 KiB, and then the client stops without ending the body: the 413 must
    # come once the limit is passed, not after the rest of a body that never ends
    response, _ = raw_exchange(served, head, [framed] * (BODY_LIMIT // len(chunk) + 1))
    assert response.startswith(b"HTTP/1.1 413"), response[:200]
    assert b"connection: close" in response.lower()


def test_model_names_and_versions_from_clients_do_not_become_metric_labels(served, client,
                                                                         anonymous):
    body = json_request("image", images(1))
    anonymous.post("/v2/models/made-up-by-a-stranger/infer", json=body)
    client.post("/v2/models/made-up-by-a-client/infer", json=body)
    client.post("/v2/models/demo-inspector/versions/4242/infer", json=body)
    client.post("/v2/models/demo-inspector/versions/abc/infer", json=body)
    text = client.get("/metrics").text
    assert "made-up" not in text and "4242" not in text and "abc" not in text
    assert 'edgedeck_serving_requests_total{model="",version="",code="404"}' in text
    assert 'edgedeck_serving_requests_total{model="demo-inspector",version="",code="404"}' \
        in text


def test_a_huge_version_is_a_400_and_the_access_log_keeps_working(served, client):
    body = json_request("image", images(1))
    for digits in (20, 5000):
        response = client.post(f"/v2/models/demo-inspector/versions/{'9' * digits}/infer",
                               json=body)
        assert response.status_code == 400 and "not a model version" in response.json()["error"]
    assert client.post("/v2/models/demo-inspector/infer", json=body).status_code == 200
    time.sleep(0.1)
    log = served.server.service.access_log
    log.flush()  # raised OverflowError for ever when a version did not fit SQLite's integer
    assert log.pending == 0


def test_the_key_is_checked_before_anything_else(anonymous):
    response = anonymous.post("/v2/models/demo-inspector/versions/abc/infer", content=b"{")
    assert response.status_code == 401
    assert anonymous.get("/v2/models/demo-inspector/versions/0/config").status_code == 401


def test_an_internal_error_still_answers_in_the_protocol_form(served, client, monkeypatch):
    def broken(body, header_length):
        raise RuntimeError("a bug")

    monkeypatch.setattr(protocol, "parse_infer_request", broken)
    with httpx.Client(base_url=served.url, headers=served.headers(), timeout=30) as fresh:
        response = fresh.post("/v2/models/demo-inspector/infer",
                              json=json_request("image", images(1)))
    assert response.status_code == 500
    assert "internal server error (RuntimeError)" in response.json()["error"]
    assert "a bug" not in response.text  # details go to the log, not to the client
    monkeypatch.undo()
    assert client.get("/v2/models/demo-inspector/ready").status_code == 200


def test_client_names_are_shortened_in_errors(client):
    body = {"inputs": [{"name": "n" * 100_000, "shape": [1], "datatype": "FP32",
                        "data": [0.0]}]}
    response = client.post("/v2/models/demo-inspector/infer", json=body)
    assert response.status_code == 400 and len(response.text) < 400, len(response.text)


def test_a_large_body_is_decoded_off_the_event_loop(served, anonymous, monkeypatch):
    """Decoding a large JSON body takes a while; other clients must not wait for it."""
    from app.serving import server as server_module

    monkeypatch.setattr(server_module, "PARSE_INLINE_BYTES", 1000, raising=False)
    real = protocol.parse_infer_request

    def slow(body, header_length):
        time.sleep(1.0)
        return real(body, header_length)

    monkeypatch.setattr(protocol, "parse_infer_request", slow)
    outcome = {}

    def big():
        with httpx.Client(base_url=served.url, headers=served.headers(), timeout=30) as http:
            outcome["big"] = http.post("/v2/models/demo-inspector/infer",
                                       json=json_request("image", images(1))).status_code

    thread = threading.Thread(target=big)
    thread.start()
    time.sleep(0.2)
    started = time.perf_counter()
    assert anonymous.get("/v2/health/live").status_code == 200
    waited = time.perf_counter() - started
    thread.join()
    assert outcome["big"] == 200 and waited < 0.5, waited


def test_request_data_held_at_once_is_bounded(served, monkeypatch):
    """Beyond the in-flight budget a new request gets 503 at once (a request alone always
    gets in), and every answered request gives its bytes back."""
    service = served.server.service
    body = json.dumps(json_request("image", images(1))).encode()
    budget = len(body) + 10
    monkeypatch.setattr(type(service.options), "inflight_budget", property(lambda _: budget),
                        raising=False)
    release = threading.Event()
    real = protocol.parse_infer_request

    def held(body_bytes, header_length):
        release.wait(5)
        return real(body_bytes, header_length)

    monkeypatch.setattr(protocol, "parse_infer_request", held)
    from app.serving import server as server_module

    monkeypatch.setattr(server_module, "PARSE_INLINE_BYTES", 0, raising=False)
    outcome = {}

    def first():
        with httpx.Client(base_url=served.url, headers=served.headers(), timeout=30) as http:
            outcome["first"] = http.post("/v2/models/demo-inspector/infer",
                                         content=body).status_code

    thread = threading.Thread(target=first)
    thread.start()
    deadline = time.monotonic() + 5
    while service.inflight == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    with httpx.Client(base_url=served.url, headers=served.headers(), timeout=30) as http:
        second = http.post("/v2/models/demo-inspector/infer", content=body)
    release.set()
    thread.join()
    assert outcome["first"] == 200
    assert second.status_code == 503 and "more request data" in second.json()["error"]
    assert service.inflight == 0
