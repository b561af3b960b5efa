"""HTTPS with a given certificate (self-signed here, made by `cryptography` in the test)."""

from __future__ import annotations

import datetime
import ipaddress
import ssl

import httpx
import numpy as np
import pytest
import tritonclient.http as triton
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.context import AppContext
from app.errors import ValidationError
from app.models.demo import seed_demo_models
from app.serving.server import check_tls
from tests.serving.conftest import ADMIN, start


def self_signed(folder):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "edgedeck-test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_https_serves_with_the_given_certificate(tmp_path):
    cert, key_file = self_signed(tmp_path)
    ctx = AppContext.open(tmp_path / "data")
    seed_demo_models(ctx.models, ADMIN)
    _, key = ctx.api_keys.add(ADMIN, "tls")
    server = start(ctx, tls_cert=cert, tls_key=key_file)
    try:
        assert server.url.startswith("https://127.0.0.1:")
        trust = ssl.create_default_context(cafile=str(cert))
        with httpx.Client(base_url=server.url, verify=trust,
                          headers={"X-API-Key": key}) as client:
            assert client.get("/v2/health/ready").status_code == 200
            x = np.zeros((1, 3, 64, 64), np.float32)
            response = client.post("/v2/models/demo-inspector/infer", json={"inputs": [
                {"name": "image", "shape": [1, 3, 64, 64], "datatype": "FP32",
                 "data": x.ravel().tolist()}]})
            assert response.status_code == 200
        with pytest.raises(httpx.ConnectError):  # an untrusted certificate is refused
            httpx.get(server.url + "/v2/health/live")
        plain = server.url.replace("https://", "http://")
        with pytest.raises(httpx.HTTPError):
            httpx.get(plain + "/v2/health/live")
        client = triton.InferenceServerClient(server.url.split("://")[1], ssl=True,
                                              ssl_context_factory=lambda: trust)
        assert client.is_server_live()
        assert client.get_model_metadata("demo-inspector", headers={"X-API-Key": key})
        assert ctx.serving.status().tls
    finally:
        server.stop()
        ctx.close()


def test_tls_files_are_checked_before_listening(tmp_path):
    cert, key_file = self_signed(tmp_path)
    (tmp_path / "other").mkdir()
    other_cert, _ = self_signed(tmp_path / "other")
    with pytest.raises(ValidationError, match="both"):
        check_tls(cert, None)
    with pytest.raises(ValidationError, match="not found"):
        check_tls(tmp_path / "missing.pem", key_file)
    with pytest.raises(ValidationError, match="cannot be used together"):
        check_tls(other_cert, key_file)
    check_tls(cert, key_file)


def test_a_silent_tls_client_is_let_go_at_the_read_timeout(tmp_path):
    """After the handshake a client that sends nothing is dropped at the read timeout, and so
    is one that then ignores the 408's close: neither keeps the connection for asyncio's 30 s
    wait for a TLS close_notify."""
    import socket
    import time

    cert, key_file = self_signed(tmp_path)
    ctx = AppContext.open(tmp_path / "data")
    server = start(ctx, tls_cert=cert, tls_key=key_file, read_timeout_s=1.0)
    trust = ssl.create_default_context(cafile=str(cert))
    port = int(server.url.rsplit(":", 1)[1])
    state = server.server.server_state
    try:
        raws = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2)]
        silent, partial = (trust.wrap_socket(raw, server_hostname="127.0.0.1") for raw in raws)
        partial.sendall(b"GET /v2 HTTP/1.1\r\nHost: x\r\n")  # and never the rest
        started = time.monotonic()
        while state.connections and time.monotonic() - started < 20:
            time.sleep(0.05)
        assert not state.connections, "a TLS connection outlived the read timeout"
        assert time.monotonic() - started < 10  # not asyncio's 30 s close_notify wait
        assert partial.recv(4096).startswith(b"HTTP/1.1 408")
        for sock in (silent, partial):
            sock.close()
    finally:
        server.stop()
        ctx.close()
