"""The /metrics endpoint: loopback only by default, read-only, and honest when it has no data."""

from __future__ import annotations

import http.client

import pytest

from app.errors import ValidationError
from app.telemetry.model import DeviceSnapshot, Reading, Snapshot
from app.telemetry.prometheus import CONTENT_TYPE, is_loopback, serve_metrics

SNAPSHOT = Snapshot(1_700_000_000.0, (DeviceSnapshot("gpu0", "gpu", "A10", {
    "gpu.temp": Reading("gpu.temp", "Temperature", 64, "C", "Core temperature", "instant"),
}),))


def request(server, method: str, path: str = "/metrics") -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        conn.request(method, path, body=b"x" if method in ("POST", "PUT") else None)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.fixture
def server():
    with serve_metrics("127.0.0.1", 0, lambda: SNAPSHOT, lambda: {"high": 2}) as running:
        yield running


def test_get_metrics(server):
    status, headers, body = request(server, "GET")
    assert status == 200
    assert headers["Content-Type"] == CONTENT_TYPE
    text = body.decode()
    assert 'edgedeck_gpu_temperature_celsius{device="gpu0",kind="gpu",name="A10"} 64' in text
    assert 'edgedeck_alarms_active{priority="high"} 2' in text
    assert int(headers["Content-Length"]) == len(body)
    assert server.url == f"http://127.0.0.1:{server.port}/metrics"


def test_query_string_is_ignored(server):
    assert request(server, "GET", "/metrics?name[]=x")[0] == 200


def test_head_has_no_body(server):
    status, headers, body = request(server, "HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "BREW"])
def test_other_methods_are_refused(server, method):
    status, headers, _ = request(server, method)
    assert status == 405
    assert headers["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", ["/", "/metrics/", "/admin", "/../etc/passwd"])
def test_other_paths_are_not_found(server, path):
    assert request(server, "GET", path)[0] == 404


def test_server_header_does_not_advertise_python(server):
    _, headers, _ = request(server, "GET")
    assert "Python" not in headers.get("Server", "")


def test_no_snapshot_yet_is_503():
    with serve_metrics("127.0.0.1", 0, lambda: None) as server:
        assert request(server, "GET")[0] == 503


def test_a_failing_provider_is_500_and_the_server_survives():
    calls = []

    def provider():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("sampler gone")
        return SNAPSHOT

    with serve_metrics("127.0.0.1", 0, provider) as server:
        assert request(server, "GET")[0] == 500
        assert request(server, "GET")[0] == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.0.2.10", "example.invalid"])
def test_non_loopback_addresses_are_refused(host):
    with pytest.raises(ValidationError, match="Refusing"):
        serve_metrics(host, 0, lambda: SNAPSHOT)


def test_provider_is_required():
    with pytest.raises(ValueError):
        serve_metrics("127.0.0.1", 0)


def test_port_in_use_is_a_clear_error(server):
    with pytest.raises(ValidationError, match="Cannot serve metrics"):
        serve_metrics("127.0.0.1", server.port, lambda: SNAPSHOT)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("10.0.0.5", False), ("", False)],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback
