"""Clients that never finish a request are cut off; slow but moving ones are served.

Each check waits on the server's behaviour (a 408, a close, a 503), never on how fast the box
is: the lower bounds (the server did not act before its timeout) are exact, the upper ones are
generous deadlines for a busy CI machine.
"""

from __future__ import annotations

import json
import socket
import time

import pytest

from tests.serving.conftest import ADMIN, make_data, start

READ_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory):
    ctx = make_data(tmp_path_factory.mktemp("slow") / "data")
    _, key = ctx.api_keys.add(ADMIN, "line")
    server = start(ctx, read_timeout_s=READ_TIMEOUT)
    yield ctx, server, key
    server.stop()
    ctx.close()


def connect(server) -> socket.socket:
    host, port = server.url.split("://", 1)[1].rsplit(":", 1)
    return socket.create_connection((host, int(port)), timeout=10)


def read_until_closed(sock: socket.socket) -> bytes:
    received = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        received += chunk
    return received


def read_response(sock: socket.socket) -> bytes:
    """One whole answer on a kept-alive connection (head and body may come in two sends)."""
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = sock.recv(65536)
        assert chunk, f"closed after {received[:200]!r}"
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "closed in the middle of the body"
        body += chunk
    return head + b"\r\n\r\n" + body


def status_and_json(response: bytes) -> tuple[int, dict]:
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


def infer_request(key: str, body: bytes) -> bytes:
    return (f"POST /v2/models/demo-text-classifier/infer HTTP/1.1\r\nHost: x\r\n"
            f"X-API-Key: {key}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()


BODY = json.dumps({"inputs": [{"name": "input_ids", "shape": [1, 3], "datatype": "INT64",
                               "data": [1, 2, 3]}]}).encode()


def test_a_head_that_never_completes_gets_408_and_is_closed(box):
    ctx, server, _ = box
    before = server.service.slow_heads
    with connect(server) as sock:
        started = time.monotonic()
        sock.sendall(b"POST /v2/models/demo-text-classifier/infer HTTP/1.1\r\nHost: x\r\n")
        response = read_until_closed(sock)
        waited = time.monotonic() - started
    status, body = status_and_json(response)
    assert status == 408 and "did not arrive within 1 s" in body["error"]
    assert b"connection: close" in response.lower()
    assert READ_TIMEOUT * 0.5 <= waited < 8
    assert server.service.slow_heads == before + 1
    server.service.access_log.flush()  # the request is on record, with who sent it
    assert (408, "127.0.0.1", "the request head did not arrive within 1 s") in list(
        ctx.store.conn.execute("SELECT status, client, error FROM serving_access_log"))


def test_a_connection_that_sends_nothing_is_closed_without_an_answer(box):
    _, server, _ = box
    with connect(server) as sock:
        started = time.monotonic()
        assert read_until_closed(sock) == b""
        assert READ_TIMEOUT * 0.5 <= time.monotonic() - started < 8


def test_a_stalled_body_gets_408_and_a_row_in_the_access_log(box):
    ctx, server, key = box
    with connect(server) as sock:
        sock.sendall(infer_request(key, BODY) + BODY[:10])
        response = read_until_closed(sock)
    status, body = status_and_json(response)
    assert status == 408 and "stalled" in body["error"]
    server.service.access_log.flush()
    rows = list(ctx.store.conn.execute(
        "SELECT status, outcome FROM serving_access_log WHERE status = 408"
        " AND error LIKE '%stalled%'"))
    deadline = time.monotonic() + 5  # the row is added just after the answer went out
    while not rows and time.monotonic() < deadline:
        time.sleep(0.02)
        server.service.access_log.flush()
        rows = list(ctx.store.conn.execute(
            "SELECT status, outcome FROM serving_access_log WHERE status = 408"
        " AND error LIKE '%stalled%'"))
    assert rows == [(408, "timeout")]


def test_a_head_trickling_in_is_cut_off_at_the_deadline(box):
    """Slowloris: a byte now and then keeps no per-read timer from firing, so the head has a
    deadline as a whole."""
    _, server, key = box
    head = infer_request(key, BODY)
    with connect(server) as sock:
        started = time.monotonic()
        sent = 0
        try:
            for byte in head:
                sock.sendall(bytes([byte]))
                sent += 1
                time.sleep(READ_TIMEOUT / 10)
        except OSError:  # the server answered and closed
            pass
        response = read_until_closed(sock)
        assert READ_TIMEOUT * 0.5 <= time.monotonic() - started < 8
    assert sent < len(head) and response.startswith(b"HTTP/1.1 408")


def test_a_slow_but_moving_body_is_served(box):
    """The body arrives in pieces spaced under the timeout, over longer than it."""
    _, server, key = box
    pieces = [BODY[i:i + 8] for i in range(0, len(BODY), 8)]
    with connect(server) as sock:
        sock.sendall(infer_request(key, BODY))
        started = time.monotonic()
        for piece in pieces:
            time.sleep(READ_TIMEOUT / 4)
            sock.sendall(piece)
        assert time.monotonic() - started > READ_TIMEOUT * 2
        response = read_response(sock)
    assert response.startswith(b"HTTP/1.1 200"), response[:200]


def test_a_kept_alive_connection_serves_one_request_after_another(box):
    """Gaps just under the timeout, over more than twice it: the head timer is re-armed after
    each answer and disarmed by each new head (else the second or third request is cut)."""
    _, server, key = box
    with connect(server) as sock:
        started = time.monotonic()
        for _ in range(5):
            sock.sendall(infer_request(key, BODY) + BODY)
            assert read_response(sock).startswith(b"HTTP/1.1 200")
            time.sleep(READ_TIMEOUT * 0.5)
        assert time.monotonic() - started > READ_TIMEOUT * 2


def test_the_rest_of_an_answered_body_never_draws_a_408(box):
    """A request refused before its body was read (401 here) leaves the connection open; the
    body arriving afterwards is not a new request, so the idle connection is closed silently:
    a 408 there could be read as the answer to the client's next request."""
    _, server, _ = box
    before = server.service.slow_heads
    with connect(server) as sock:
        sock.sendall(infer_request("edk_00000000_" + "A" * 43, BODY))
        assert read_response(sock).startswith(b"HTTP/1.1 401")
        sock.sendall(BODY)
        assert read_until_closed(sock) == b""  # within the socket's 10 s, else it raises
    assert server.service.slow_heads == before


def test_a_partial_pipelined_head_gets_408(box):
    _, server, _ = box
    with connect(server) as sock:
        sock.sendall(b"GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n"
                     b"GET /v2/health/live HTTP/1.1\r\nHo")
        assert read_response(sock).startswith(b"HTTP/1.1 200")
        assert read_until_closed(sock).startswith(b"HTTP/1.1 408")
