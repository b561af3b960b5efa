"""EdgeDeck opens no outbound connection: the main flows run with the network blocked.

Loopback and Unix sockets stay allowed (the local /metrics server, X11); any other address,
or a name lookup of a remote host, is refused and recorded, and the test fails.
"""

from __future__ import annotations

import io
import ipaddress
import socket
import sys

import pytest

from app.cli import main

_LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "", None}


def _is_local(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    if isinstance(address, tuple) and address:
        host = address[0]
        if host in _LOCAL_NAMES:
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return True


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[str] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def guard(kind):
        def check(self, address, *args):
            if not _is_local(address):
                attempts.append(f"{kind} {address!r}")
                raise OSError(f"network blocked by test: {kind} {address!r}")
            return (real_connect if kind == "connect" else real_connect_ex)(self, address,
                                                                            *args)
        return check

    def getaddrinfo(host, *args, **kwargs):
        if host not in _LOCAL_NAMES and host != socket.gethostname():
            try:
                if not ipaddress.ip_address(host).is_loopback:
                    raise ValueError
            except ValueError:
                attempts.append(f"getaddrinfo {host!r}")
                raise socket.gaierror(f"name lookup blocked by test: {host!r}") from None
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guard("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", guard("connect_ex"))
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts
    assert attempts == [], f"EdgeDeck tried to reach the network: {attempts}"


def test_the_guard_itself_catches_an_outbound_attempt(monkeypatch):
    attempts: list[str] = []
    real = socket.socket.connect

    def check(self, address, *args):
        if not _is_local(address):
            attempts.append(repr(address))
            raise OSError("blocked")
        return real(self, address, *args)

    monkeypatch.setattr(socket.socket, "connect", check)
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.10", 80), timeout=1)  # TEST-NET-1, never routed
    assert attempts == ["('192.0.2.10', 80)"]


def _cli(argv, stdin=""):
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return main(argv)
    finally:
        sys.stdin = old


def test_cli_flows_offline(no_network, data_dir, tmp_path, capsys):
    d = ["--data-dir", str(data_dir)]
    assert _cli([*d, "setup", "--admin", "chief"], "chief-password\n") == 0
    assert _cli([*d, "status", "--json"]) == 0
    assert _cli([*d, "doctor", "--only", "data,database,onnxruntime,nvml"]) in (0, 1)
    assert _cli([*d, "monitor", "--once", "--simulate", "--json"]) == 0
    assert _cli([*d, "metrics", "--prometheus", "--simulate"]) == 0
    assert _cli([*d, "--user", "chief", "users", "add", "tech", "--role", "technician"],
                "chief-password\ntech-password\n") == 0
    assert _cli([*d, "--user", "chief", "audit", "verify"], "chief-password\n") == 0
    assert _cli([*d, "--user", "chief", "audit", "export", "--format", "syslog", "--out",
                 str(tmp_path / "trail.log")], "chief-password\n") == 0
    capsys.readouterr()


def test_gui_flows_offline(no_network, qtbot, make_window, admin):
    window = make_window(admin)
    for index in range(len(window.pages)):
        window.show_page(index)
        window.refresh_current()
    models = window.page("Models")
    qtbot.waitUntil(lambda: not models.panel.busy, timeout=15000)
    guide = window.show_guide()
    assert "EdgeDeck" in guide.browser.toPlainText()
    guide.close()
    about = window.show_about()
    qtbot.waitUntil(lambda: not about.panel.busy, timeout=15000)
    about.close()
