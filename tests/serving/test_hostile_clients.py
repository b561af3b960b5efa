"""Hostile and broken clients over real HTTP: every malformed request is a 4xx with a valid JSON
body, answers are always valid JSON, the access log and metrics count what the client got, and a
flood of garbage neither breaks nor rotates the application log."""

from __future__ import annotations

import json
import logging
import socket
import time

import httpx
import numpy as np
import pytest
import tritonclient.http as triton

from tests.serving.conftest import ADMIN, make_data, start

INFER = "/v2/models/demo-text-classifier/infer"
GOOD = '{"name":"input_ids","shape":[1,3],"datatype":"INT64","data":[1,2,3]}'


def strict_json(content: bytes) -> object:
    """Valid UTF-8, and JSON as RFC 8259 has it (no NaN/Infinity tokens)."""
    def refuse(token: str) -> None:
        raise AssertionError(f"{token} is not JSON")

    return json.loads(content.decode("utf-8"), parse_constant=refuse)


@pytest.fixture
def client(served):
    with httpx.Client(base_url=served.url, headers=served.headers(), timeout=30) as c:
        yield c


def raw(served_url: str, data: bytes, timeout: float = 10.0) -> bytes:
    host, port = served_url.split("://", 1)[1].rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(data)
        received = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            received += chunk
    return received


def logged_rows(served, after_id: int, expected: int) -> list[tuple]:
    deadline = time.monotonic() + 5
    while True:
        served.server.service.access_log.flush()
        rows = served.ctx.store.conn.execute(
            "SELECT status, error, model, path FROM serving_access_log WHERE id > ? ORDER BY id",
            [after_id]).fetchall()
        if len(rows) >= expected or time.monotonic() > deadline:
            return rows
        time.sleep(0.02)


def counted(metrics, code: int) -> int:
    """demo-text-classifier's requests answered with `code`, as the metrics have them."""
    series = f'requests_total{{model="demo-text-classifier",version="1",code="{code}"}} '
    for line in metrics.render().splitlines():
        if series in line:
            return int(line.rsplit(" ", 1)[1])
    return 0


def last_row_id(served) -> int:
    time.sleep(0.05)  # rows of earlier requests are added just after their answers
    served.server.service.access_log.flush()
    return served.ctx.store.conn.execute(
        "SELECT COALESCE(MAX(id), 0) FROM serving_access_log").fetchone()[0]


HOSTILE = [
    ("datatype list", '{"inputs":[{"name":"input_ids","shape":[1,3],"datatype":["INT64"],'
                      '"data":[1,2,3]}]}', "unknown datatype"),
    ("datatype object", '{"inputs":[{"name":"input_ids","shape":[1,3],"datatype":{"a":1},'
                        '"data":[1,2,3]}]}', "unknown datatype"),
    ("surrogate input name", '{"inputs":[{"name":"\\ud800","shape":[1,3],"datatype":"INT64",'
                             '"data":[1,2,3]}]}', "surrogate"),
    ("surrogate output name", '{"inputs":[' + GOOD + '],"outputs":[{"name":"\\udc00"}]}',
     "surrogate"),
    ("surrogate bytes", '{"inputs":[{"name":"input_ids","shape":[1],"datatype":"BYTES",'
                        '"data":["\\ud800"]}]}', "surrogate"),
    ("surrogate id", '{"id":"\\udbff","inputs":[' + GOOD + ']}', "surrogate"),
    ("surrogate parameter", '{"parameters":{"\\ud800":1},"inputs":[' + GOOD + ']}',
     "surrogate"),
    ("NaN", '{"inputs":[{"name":"input_ids","shape":[1,3],"datatype":"INT64",'
            '"data":[1,NaN,3]}]}', "input 'input_ids': JSON numbers must be finite"),
    ("Infinity", '{"inputs":[{"name":"input_ids","shape":[1,3],"datatype":"INT64",'
                 '"data":[1,-Infinity,3]}]}', "finite"),
    ("1e400", '{"inputs":[{"name":"input_ids","shape":[1,3],"datatype":"INT64",'
              '"data":[1,1e400,3]}]}', "finite"),
    ("parameters not an object", '{"parameters":[],"inputs":[' + GOOD + ']}', "object"),
    ("parameter NaN", '{"parameters":{"p":NaN},"inputs":[' + GOOD + ']}', "finite"),
    ("classification NaN", '{"inputs":[' + GOOD + '],"outputs":[{"name":"probabilities",'
                           '"parameters":{"classification":NaN}}]}', "finite"),
    ("huge shape", '{"inputs":[{"name":"input_ids","shape":[1,' + "9" * 400 + '],'
                   '"datatype":"INT64","data":[1,2,3]}]}', "too large"),
    ("control characters", '{"inputs":[{"name":"a\\u0000\\n\\u001b[2J","shape":[1,3],'
                           '"datatype":"INT64","data":[1,2,3]}]}', "unknown input"),
]


@pytest.mark.parametrize("case", HOSTILE, ids=lambda c: c[0])
def test_a_hostile_request_is_a_400_with_a_valid_json_body(served, client, capfd, case):
    _, body, message = case
    before = last_row_id(served)
    response = client.post(INFER, content=body.encode())
    assert response.status_code == 400, response.text
    error = strict_json(response.content)["error"]
    assert message in error and len(error) < 700 and "\n" not in error
    rows = logged_rows(served, before, 1)
    assert rows and rows[-1][0] == 400 and message in rows[-1][1]
    assert served.server.service.access_log.dropped == 0
    assert client.get("/v2/models/demo-text-classifier/ready").status_code == 200
    err = capfd.readouterr().err
    assert "Logging error" not in err and "Traceback" not in err, err


def test_non_finite_model_outputs_are_refused_as_json_and_carried_in_binary(served, client):
    """fixed-scale is y = 3x in float32: 2e38 is a finite input whose output is +inf, and a
    NaN sent in binary form (IEEE floats are fine there) comes back NaN."""
    x = np.array([[2e38, 1, 2, 3], [0, 1, 2, 3]], dtype=np.float32)
    body = {"inputs": [{"name": "x", "shape": [2, 4], "datatype": "FP32",
                        "data": x.ravel().tolist()}]}
    response = client.post("/v2/models/fixed-scale/infer", json=body)
    assert response.status_code == 500, response.text
    error = strict_json(response.content)["error"]
    assert "non-finite" in error and "output 'y'" in error and "binary" in error
    x[1, 0] = np.nan
    tensor = triton.InferInput("x", [2, 4], "FP32")
    tensor.set_data_from_numpy(x, binary_data=True)
    result = triton.InferenceServerClient(served.address).infer(
        "fixed-scale", [tensor], headers=served.headers(),
        outputs=[triton.InferRequestedOutput("y", binary_data=True)])
    y = result.as_numpy("y")
    assert np.isposinf(y[0, 0]) and np.isnan(y[1, 0]) and y[0, 1] == 3


def test_a_malformed_chunked_body_is_a_400_everywhere(served, capfd):
    """h11 refuses the framing and answers itself; the handler reading the body must record
    that 400 (access log, metrics), not a 500 with a traceback."""
    before = last_row_id(served)
    metrics = served.server.service.metrics
    counted_before = {code: counted(metrics, code) for code in (400, 500)}
    head = (f"POST {INFER} HTTP/1.1\r\nHost: x\r\nX-API-Key: {served.key}\r\n"
            "Transfer-Encoding: chunked\r\n\r\n").encode()
    response = raw(served.url, head + b"5\r\nhello\r\nzz\r\n")
    assert response.startswith(b"HTTP/1.1 400"), response[:200]
    strict_json(response.partition(b"\r\n\r\n")[2])
    rows = logged_rows(served, before, 1)
    assert rows[-1][0] == 400 and "invalid HTTP request" in rows[-1][1], rows
    assert counted(metrics, 400) == counted_before[400] + 1
    assert counted(metrics, 500) == counted_before[500]
    err = capfd.readouterr().err
    assert "Exception in ASGI application" not in err and "Traceback" not in err, err


def test_a_client_that_leaves_mid_body_is_a_499_not_a_500(served, capfd):
    before = last_row_id(served)
    errors_before = counted(served.server.service.metrics, 500)
    head = (f"POST {INFER} HTTP/1.1\r\nHost: x\r\nX-API-Key: {served.key}\r\n"
            "Content-Length: 1000\r\n\r\n").encode()
    host, port = served.address.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + b'{"inputs": [')
        time.sleep(0.2)  # the handler is reading the body when the client goes
    rows = logged_rows(served, before, 1)
    assert rows[-1][0] == 499 and "closed the connection" in rows[-1][1], rows
    assert counted(served.server.service.metrics, 500) == errors_before
    assert "Traceback" not in capfd.readouterr().err


def test_what_is_echoed_back_is_bounded(served, client):
    name = "m" * 10_000
    for response in (client.get(f"/v2/models/{name}"),
                     client.post(f"/v2/models/{name}/infer", content=b"{}"),
                     client.post(f"/v2/models/{name}/versions/{'1' * 5000}/infer",
                                 content=b"{}")):
        assert response.status_code in (400, 404) and len(response.content) < 600
        strict_json(response.content)
    scoped = client.get(f"/v2/models/{name}", headers=served.headers(served.text_key))
    assert scoped.status_code == 403 and len(scoped.content) < 600
    odd = client.get("/v2/models/a%00%0a%1b%E2%80%AEb")
    assert odd.status_code == 404 and "\\n" in strict_json(odd.content)["error"]
    huge = raw(served.url, b"GET /v2/models/" + b"m" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n"
               b"Connection: close\r\nX-API-Key: " + served.key.encode() + b"\r\n\r\n")
    assert huge.split(b" ", 2)[1] in (b"400", b"404", b"431"), huge[:200]
    body = huge.partition(b"\r\n\r\n")[2]
    assert len(body) < 600 and "error" in strict_json(body)


def test_unparseable_http_is_a_json_400_and_an_access_log_row(served):
    before = last_row_id(served)
    response = raw(served.url, b"GARBAGE\xff\xfe / HTTP/1.1\r\n\r\n")
    assert response.startswith(b"HTTP/1.1 400"), response[:200]
    assert b"application/json" in response.lower()
    assert "invalid HTTP request" in strict_json(response.partition(b"\r\n\r\n")[2])["error"]
    rows = logged_rows(served, before, 1)
    assert rows[-1][0] == 400 and "invalid HTTP request" in rows[-1][1]


# -- log flooding ------------------------------------------------------------------------------


@pytest.fixture
def flooded(tmp_path):
    ctx = make_data(tmp_path / "data")
    root = logging.getLogger()
    handler = next(h for h in root.handlers
                   if getattr(h, "baseFilename", "") == str(ctx.log_path))
    size = handler.maxBytes
    handler.maxBytes = 20_000  # a few hundred unsummarised lines would rotate it
    server = start(ctx)
    try:
        yield ctx, server, handler
    finally:
        server.stop()
        handler.maxBytes = size
        root.removeHandler(handler)
        handler.close()
        ctx.close()


def test_a_flood_of_garbage_neither_rotates_nor_fills_the_log(flooded):
    ctx, server, handler = flooded
    logging.getLogger("edgedeck.test").warning("EARLY-MARKER before the flood")
    _, key = ctx.api_keys.add(ADMIN, "flood")
    floods = [b"GARBAGE / HTTP/1.1\r\n\r\n",
              b"GET /v2 HTTP/1.1\r\nHost: x\r\nConnection: upgrade, close\r\nUpgrade: x\r\n\r\n",
              b"POST /v2/models/demo-inspector/infer HTTP/1.1\r\nHost: x\r\n"
              b"Transfer-Encoding: chunked\r\nX-API-Key: " + key.encode() + b"\r\n\r\nzz\r\n"]
    for index in range(300):
        raw(server.url, floods[index % len(floods)])
    handler.flush()
    folder = ctx.log_path.parent
    assert not (folder / (ctx.log_path.name + ".1")).exists(), "the log rotated"
    text = ctx.log_path.read_text(encoding="utf-8")
    assert "EARLY-MARKER" in text
    assert text.count("Invalid HTTP request") <= 2 and text.count("upgrade") <= 4, text[-3000:]
    server.service.warnings.flush(force=True)
    handler.flush()
    summary = ctx.log_path.read_text(encoding="utf-8")
    assert "more in the last" in summary and "127.0.0.1" in summary
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        server.service.access_log.flush()
        refused = ctx.store.conn.execute(
            "SELECT COUNT(*) FROM serving_access_log WHERE status = 400 AND client = "
            "'127.0.0.1' AND error LIKE 'invalid HTTP request%'").fetchone()[0]
        if refused >= 200:
            break
        time.sleep(0.05)
    assert refused == 200  # the garbage and the broken bodies; upgrades are answered normally


def test_a_bug_hit_again_and_again_logs_one_traceback(flooded, monkeypatch):
    """Should a request still find a bug, retrying it must not flood the log with tracebacks:
    the first is logged whole, the repeats counted (and each request is in the access log)."""
    from app.serving import protocol

    ctx, server, handler = flooded
    handler.maxBytes = 10_000_000  # every traceback stays in this one file
    _, key = ctx.api_keys.add(ADMIN, "bug")

    def broken(body, header_length):
        raise RuntimeError("a bug")

    monkeypatch.setattr(protocol, "parse_infer_request", broken)
    for _ in range(10):
        with httpx.Client(base_url=server.url, headers={"X-API-Key": key}, timeout=30) as http:
            response = http.post(INFER, content=b"{}")
        assert response.status_code == 500
    handler.flush()
    text = ctx.log_path.read_text(encoding="utf-8")
    assert text.count("RuntimeError: a bug") == 1, text[-3000:]
    deadline = time.monotonic() + 5  # a row is added just after its answer went out
    while True:
        server.service.access_log.flush()
        errors = ctx.store.conn.execute(
            "SELECT COUNT(*) FROM serving_access_log WHERE status = 500").fetchone()[0]
        if errors >= 10 or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert errors == 10
