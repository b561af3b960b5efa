"""The Serving page with real widgets: start/stop, the loopback warning, live rate and latency,
recent requests and errors, API keys for administrators (the secret shown once), the example
call — against a fake service with the ServingControl interface, then against the real one."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox

from app.errors import PermissionDenied
from app.serving.control import AccessRecord, ApiKey, RateSummary, ServiceStatus
from app.serving.keys import expiry_after
from app.ui.dialogs.api_key_dialogs import AddKeyDialog, SecretDialog
from app.ui.pages.serving import ServingPage, duration_text, is_loopback
from app.ui.theme import STATUS_COLOURS
from app.ui.time_text import local_time

WAIT_MS = 10_000


def iso(seconds_ago: float = 0) -> str:
    when = datetime.now(timezone.utc) - timedelta(seconds=seconds_ago)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class FakeControl:
    """What app/serving/control.py's ServingControl offers, kept in memory."""

    def __init__(self, guard=None):
        self.running = False
        self.url = None
        self.error = None
        self.starts: list[tuple] = []
        self.stops = 0
        self.requests = [
            AccessRecord(iso(1), "line3 (edk_1234abcd)", "demo-inspector", 1, 3.25, 0.4, 200,
                         "ok", "", 2),
            AccessRecord(iso(2), "edk_deadbeef", "demo-inspector", None, 0.2, 0.0, 401,
                         "unauthorized", "unknown API key", 0),
        ]
        self.guard = guard

    def status(self):
        if self.running:
            return ServiceStatus(True, 4242, self.url, iso(3700), iso(1), False,
                                 ["demo-inspector", "demo-text-classifier"], None)
        return ServiceStatus(False, None, self.url, None, None, False, [], self.error)

    def start(self, actor, host="127.0.0.1", port=8000, tls_cert=None, tls_key=None):
        self.starts.append((actor.username, host, port, tls_cert, tls_key))
        if port == 1:
            self.error = "port 1 is not allowed"
            return self.status()
        self.running, self.url = True, f"http://{host}:{port}"
        return self.status()

    def stop(self, actor):
        self.stops += 1
        self.running = False

    def recent_requests(self, actor, limit=200):
        return self.requests[:limit]

    def recent_errors(self, actor, limit=50):
        return [r for r in self.requests if r.status >= 400][:limit]

    def rates(self, actor, window_s=60):
        if window_s <= 10:
            return RateSummary(window_s, 125, 12.5, 1, 3.1, 9.8, {"demo-inspector": 125})
        return RateSummary(window_s, 700, 11.7, 4, 3.2, 9.9,
                           {"demo-inspector": 650, "demo-text-classifier": 50})


class FakeKeys:
    def __init__(self):
        self.keys: list[ApiKey] = []

    def add(self, actor, name, models=None, expires_days=None):
        if actor.role != "admin":
            raise PermissionDenied(actor.username, actor.role, "manage_api_keys", "admin")
        key = ApiKey(len(self.keys) + 1, name, f"edk_0000000{len(self.keys) + 1}", models,
                     iso(), actor.username, None, None, expiry_after(expires_days))
        self.keys.append(key)
        return key, f"{key.prefix}_{'s' * 43}"

    def list(self, actor):
        return list(self.keys)

    def revoke(self, actor, key_id):
        self.keys = [ApiKey(*[*k.__dict__.values()][:6], iso(), None) if k.id == key_id else k
                     for k in self.keys]


@pytest.fixture
def fake():
    return FakeControl()


@pytest.fixture
def fake_keys():
    return FakeKeys()


@pytest.fixture
def make_page(qtbot, seeded):
    pages = []

    def make(actor, control=None, keys=None):
        page = ServingPage(seeded, actor, control, keys)
        qtbot.addWidget(page)
        page.resize(1200, 900)
        page.show()
        pages.append(page)
        qtbot.waitUntil(lambda: not page.polling, timeout=WAIT_MS)
        return page

    yield make
    for page in pages:
        page.shutdown()


def test_start_and_stop_show_the_status(qtbot, make_page, tech, fake, fake_keys):
    page = make_page(tech, fake, fake_keys)
    assert "Stopped" in page.state_label.text()
    assert page.start_button.isEnabled() and not page.stop_button.isEnabled()
    assert page.host_edit.text() == "127.0.0.1" and page.port_spin.value() == 8000
    assert page.exposure_warning.isHidden()

    page.port_spin.setValue(8123)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.work.busy, timeout=WAIT_MS)
    assert fake.starts == [("tech", "127.0.0.1", 8123, None, None)]
    assert "Running at http://127.0.0.1:8123" in page.state_label.text()
    detail = page.detail_label.text()
    assert "pid 4242" in detail and "up 1 h 1 min" in detail
    assert "demo-inspector, demo-text-classifier" in detail
    assert page.message.kind == "ok"
    assert page.stop_button.isEnabled() and not page.start_button.isEnabled()
    assert not page.host_edit.isEnabled()  # the address of a running service is fixed

    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.work.busy, timeout=WAIT_MS)
    assert fake.stops == 1 and "Stopped" in page.state_label.text()
    assert page.start_button.isEnabled()


def test_a_failed_start_says_why(qtbot, make_page, tech, fake, fake_keys):
    page = make_page(tech, fake, fake_keys)
    page.port_spin.setValue(1)
    assert page.start_service()
    qtbot.waitUntil(lambda: not page.work.busy, timeout=WAIT_MS)
    assert page.message.kind == "alarm" and "port 1 is not allowed" in page.message.text()
    assert "Last start failed: port 1 is not allowed" in page.detail_label.text()
    page.cert_edit.setText("/etc/cert.pem")
    assert not page.start_service()
    assert "both the certificate and its private key" in page.message.text()
    page.key_edit.setText("/etc/key.pem")
    page.port_spin.setValue(8443)
    assert page.start_service()
    qtbot.waitUntil(lambda: not page.work.busy, timeout=WAIT_MS)
    assert fake.starts[-1] == ("tech", "127.0.0.1", 8443, "/etc/cert.pem", "/etc/key.pem")


@pytest.mark.parametrize("host, exposed", [
    ("127.0.0.1", False), ("localhost", False), ("::1", False), ("127.0.0.2", False),
    ("0.0.0.0", True), ("192.168.1.20", True), ("edge-box.local", True), ("::", True)])
def test_a_non_loopback_address_is_warned_about(make_page, tech, fake, fake_keys, host,
                                                exposed):
    assert is_loopback(host) is not exposed
    page = make_page(tech, fake, fake_keys)
    page.host_edit.setText(host)
    assert page.exposure_warning.isHidden() is not exposed
    if exposed:
        assert "reachable" in page.exposure_warning.text()
        assert "TLS" in page.exposure_warning.text()


def test_live_rate_latency_and_tables_update(qtbot, make_page, tech, fake, fake_keys):
    fake.running, fake.url = True, "http://127.0.0.1:8000"
    page = make_page(tech, fake, fake_keys)
    rate = page.rate_label.text()
    assert "12.5 requests/s" in rate and "p50 3.2 ms" in rate and "p99 9.9 ms" in rate
    assert "4 error(s)" in rate
    assert "demo-inspector 650" in page.per_model_label.text()
    assert page.requests_model.rowCount() == 2
    assert page.requests_model.cell(0, 2) == "demo-inspector"
    assert page.requests_model.cell(0, 3) == "v1" and page.requests_model.cell(0, 6) == "3.2"
    assert page.requests_model.cell(1, 4) == "401"
    assert page.errors_model.rowCount() == 1
    assert page.errors_model.cell(0, 4) == "unknown API key"
    assert len(page.chart.points) == 1 and page.chart.points[0][1] == 12.5
    # The timer polls again about every 2 s, off the GUI thread.
    qtbot.waitUntil(lambda: len(page.chart.points) >= 2, timeout=WAIT_MS)


def test_example_follows_the_address_and_the_served_model(qtbot, make_page, tech, fake,
                                                          fake_keys):
    page = make_page(tech, fake, fake_keys)
    page.port_spin.setValue(9001)
    example = page.example.toPlainText()
    assert "curl http://127.0.0.1:9001/v2/health/ready" in example
    assert "http://127.0.0.1:9001/v2/models/demo-inspector/infer" in example
    assert '"name": "image", "shape": [1, 3, 64, 64], "datatype": "FP32"' in example
    assert 'InferenceServerClient("127.0.0.1:9001", ssl=False)' in example
    assert 'result.as_numpy("probabilities")' in example
    page.cert_edit.setText("/tmp/cert.pem")
    assert "https://127.0.0.1:9001" in page.example.toPlainText()
    assert "--cacert" in page.example.toPlainText()


def test_admin_adds_a_key_sees_the_secret_once_and_revokes(qtbot, make_page, admin, fake,
                                                           fake_keys):
    page = make_page(admin, fake, fake_keys)
    assert not page.add_key_button.isHidden() and page.keys_note.isHidden()
    dialog = page.add_key()
    assert isinstance(dialog, AddKeyDialog)
    dialog.submit()
    assert "name" in dialog.error.text()  # a key says who uses it
    dialog.name.setText("line3-vision")
    dialog.all_models.setChecked(False)
    dialog.submit()
    assert "at least one model" in dialog.error.text()
    dialog.models.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.expires.text() == "never" and dialog.expires_days() is None
    dialog.expires.setValue(5)
    dialog.submit()
    qtbot.waitUntil(lambda: page.last_secret_dialog is not None, timeout=WAIT_MS)
    secret_dialog = page.last_secret_dialog
    assert isinstance(secret_dialog, SecretDialog)
    assert "Valid until" in secret_dialog.findChild(QLabel, "secretIntro").text()
    secret = secret_dialog.secret.text()
    assert secret.startswith("edk_00000001_") and secret_dialog.secret.isReadOnly()
    assert "won't see it again" in secret_dialog.findChild(
        type(secret_dialog.copied_label), "secretWarning").text()
    qtbot.mouseClick(secret_dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == secret
    secret_dialog.done_button.click()
    assert secret_dialog.secret.text() == ""  # not left lying around in the widget
    assert page.keys_model.rowCount() == 1
    assert page.keys_model.cell(0, 0) == "line3-vision"
    assert page.keys_model.cell(0, 2) == "demo-inspector"
    [key] = fake_keys.keys
    assert page.keys_model.cell(0, 6) == f"active until {local_time(key.expires_at, True)}"
    amber = page.keys_model.index(0, 6).data(Qt.ItemDataRole.ForegroundRole)
    assert amber.color().name() == QColor(STATUS_COLOURS["warn"]).name()  # 5 days < a week

    page.keys_table.selectRow(0)
    assert page.revoke_key_button.isEnabled()
    box = page.revoke_selected()
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert page.keys_model.cell(0, 6).startswith("revoked")
    assert page.message.kind == "ok" and "revoked" in page.message.text()
    page.keys_table.selectRow(0)
    assert not page.revoke_key_button.isEnabled()


def test_technicians_see_no_keys(make_page, tech, fake, fake_keys):
    page = make_page(tech, fake, fake_keys)
    assert page.add_key_button.isHidden() and page.keys_table.isHidden()
    assert not page.keys_note.isHidden()
    assert "administrators" in page.keys_note.text()


def test_duration_text():
    assert [duration_text(s) for s in (5, 240, 7500, 3 * 86400 + 4 * 3600)] == [
        "5 s", "4 min", "2 h 5 min", "3 d 4 h"]


# -- the real service backend --------------------------------------------------------------------


def test_real_backend_status_when_stopped_and_keys(qtbot, make_page, admin, seeded):
    page = make_page(admin)  # ctx.serving and ctx.api_keys
    assert not seeded.serving.status().running
    assert "Stopped" in page.state_label.text()
    assert page.start_button.isEnabled() and not page.stop_button.isEnabled()
    assert "0.0 requests/s" in page.rate_label.text()
    assert page.requests_model.rowCount() == 0

    dialog = page.add_key()
    dialog.name.setText("mes-gateway")
    dialog.submit()
    qtbot.waitUntil(lambda: page.last_secret_dialog is not None, timeout=WAIT_MS)
    secret = page.last_secret_dialog.secret.text()
    assert seeded.api_keys.verify(secret) is not None  # the shown secret is the real key
    page.last_secret_dialog.accept()
    [key] = seeded.api_keys.list(admin)
    assert key.name == "mes-gateway" and key.models is None
    assert page.keys_model.rowCount() == 1 and page.keys_model.cell(0, 2) == "every model"
    page.keys_table.selectRow(0)
    assert page.revoke_selected(confirm=False)
    assert seeded.api_keys.list(admin)[0].revoked_at is not None
    assert seeded.api_keys.verify(secret) is None
    actions = [r.action for r in seeded.audit_trail.read_page(limit=20)
               if r.category == "serving"]
    assert actions[:2] == ["api_key_revoke", "api_key_add"]


def test_an_expired_key_is_shown_as_such(make_page, admin, seeded):
    key, _ = seeded.api_keys.add(admin, "trial", expires_days=1)
    with seeded.store.transaction() as conn:  # the day went by
        conn.execute("UPDATE api_keys SET expires_at = ? WHERE id = ?",
                     ["2020-01-01T00:00:00.000Z", key.id])
    page = make_page(admin)
    assert page.keys_model.cell(0, 6).startswith("expired 20")
    grey = page.keys_model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert grey.color().name() == QColor(STATUS_COLOURS["unknown"]).name()


def test_real_backend_as_technician(make_page, tech, seeded):
    page = make_page(tech)
    assert "Stopped" in page.state_label.text() and page.keys_table.isHidden()
    assert page.snapshot is not None and page.snapshot.problem == ""


def test_the_page_is_in_the_console_for_technicians_not_operators_or_kiosks(make_window, admin,
                                                                           tech, operator):
    assert "Serving" in [p.title for p in make_window(tech).pages]
    assert "Serving" in [p.title for p in make_window(admin).pages]
    assert "Serving" not in [p.title for p in make_window(operator).pages]
