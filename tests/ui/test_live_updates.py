"""Open pages keep themselves current (no F5): changes made in this process, in a transaction
that commits later, and by another process (a second AppContext whose notices never reach this
one, as the CLI's would not) all reach the page that shows them."""

from __future__ import annotations

import contextlib
import threading

import pytest

from app import events
from app.context import AppContext
from app.ui.change_relay import ChangeRelay
from app.ui.pages.audit import AuditPage
from tests.conftest import ADMIN

WAIT_MS = 10_000


@pytest.fixture
def other_process(data_dir, admin):
    """The same data folder opened a second time, announcing nothing in this process: what
    the page learns of its changes it must learn by watching the database."""
    other = AppContext.open(data_dir)
    other.audit_trail.events = events.ChangeBus()  # nobody listens there
    yield other, other.users.authenticate(*ADMIN, source="cli")
    other.close()


@pytest.fixture
def unheard(monkeypatch):
    """A block whose services' own notices (settings, alarms) reach no one in this process,
    as those of another process would not."""

    @contextlib.contextmanager
    def block():
        with monkeypatch.context() as patch:
            patch.setattr(events, "bus", events.ChangeBus())
            yield

    return block


@pytest.fixture
def shown(qtbot):
    pages = []

    def show(page, size=(1200, 800)):
        qtbot.addWidget(page)
        page.resize(*size)
        page.show()
        qtbot.waitExposed(page)
        pages.append(page)
        return page

    yield show
    for page in pages:
        page.shutdown()


def records_shown(page: AuditPage) -> int:
    return int(page.summary.text().split()[0])


def test_the_audit_page_counts_new_records_without_f5(qtbot, ctx, admin, shown,
                                                      other_process):
    page = shown(AuditPage(ctx, admin))
    before = records_shown(page)
    assert before == ctx.audit_trail.count()

    ctx.users.add_user(admin, "anna", "anna-password-1", "operator")  # in this process
    qtbot.waitUntil(lambda: records_shown(page) == before + 1, timeout=WAIT_MS)
    assert page.model.records[0].object == "user:anna"  # the newest on top, without F5

    other, cli_admin = other_process  # another process, signed in before the page opened
    other.users.add_user(cli_admin, "bert", "bert-password-1", "operator")
    qtbot.waitUntil(lambda: records_shown(page) == before + 2, timeout=WAIT_MS)
    assert page.model.records[0].object == "user:bert"


def test_a_page_out_of_sight_catches_up_when_shown(qtbot, ctx, admin, shown):
    page = shown(AuditPage(ctx, admin))
    before = records_shown(page)
    page.hide()
    ctx.users.add_user(admin, "carl", "carl-password-1", "operator")
    relay = ChangeRelay.of(ctx)
    qtbot.waitUntil(lambda: relay.seen == ctx.audit_trail.count(), timeout=WAIT_MS)
    qtbot.wait(400)  # longer than the debounce: a hidden page must not re-read
    assert records_shown(page) == before
    page.show()
    qtbot.waitUntil(lambda: records_shown(page) == before + 1, timeout=WAIT_MS)


def test_a_record_is_shown_only_once_its_transaction_commits(qtbot, ctx, admin, shown):
    """Records written inside a larger transaction are announced before it commits; the page
    must not re-read then (it would miss the record) but as soon as the commit lands."""
    page = shown(AuditPage(ctx, admin))
    before = records_shown(page)
    written, release = threading.Event(), threading.Event()

    def slow_transaction() -> None:
        with ctx.store.transaction(immediate=True):
            ctx.audit_trail.record(admin, "settings", "change", "setting:x", "success")
            written.set()
            release.wait(10)

    worker = threading.Thread(target=slow_transaction)
    worker.start()
    try:
        assert written.wait(10)
        qtbot.wait(300)
        assert records_shown(page) == before  # not committed: nothing new to show yet
    finally:
        release.set()
        worker.join()
    qtbot.waitUntil(lambda: records_shown(page) == before + 1, timeout=WAIT_MS)
    assert page.model.records[0].object == "setting:x"


def test_the_audit_page_keeps_the_readers_place(qtbot, ctx, admin, shown):
    """New records are put on top; the selected record stays selected."""
    for n in range(5):
        ctx.audit_trail.record(admin, "system", "self_test", f"record {n}")
    page = shown(AuditPage(ctx, admin))
    page.table.selectRow(2)
    chosen = page.model.records[2].seq
    ctx.audit_trail.record(admin, "system", "self_test", "one more")
    qtbot.waitUntil(lambda: page.model.records[0].object == "one more", timeout=WAIT_MS)
    selected = page.table.selectionModel().selectedRows()
    assert [page.model.records[i.row()].seq for i in selected] == [chosen]
    assert chosen in {int(line.split(":")[1].strip(" ,"))
                      for line in page.detail.toPlainText().splitlines()
                      if line.strip().startswith('"seq"')}


# -- other pages, changed by another process ---------------------------------------------------


@pytest.fixture
def quick_watch(monkeypatch):
    """Look at the audit head every 0.2 s (the real 2 s only makes these tests slower)."""
    from app.ui import change_relay

    monkeypatch.setattr(change_relay, "WATCH_MS", 200)


def test_models_imported_elsewhere_appear_on_the_models_page(qtbot, seeded, tech, shown,
                                                             other_process, quick_watch,
                                                             tmp_path):
    from app.ui.pages.models import ModelsPage
    from tests.ui.test_models_page import tiny_model

    page = shown(ModelsPage(seeded, tech))
    before = page.models_model.rowCount()
    page.select_model("demo-inspector")
    other, cli_admin = other_process
    other.models.import_model(cli_admin, tiny_model(tmp_path / "scaler.onnx"))
    qtbot.waitUntil(lambda: page.models_model.rowCount() == before + 1, timeout=WAIT_MS)
    assert "scaler" in [m.name for m in page.models_model.rows]
    assert page.selected_model().name == "demo-inspector"  # the reader's choice stays


def test_settings_follow_changes_except_what_is_being_edited(qtbot, ctx, admin, shown,
                                                             other_process, quick_watch,
                                                             unheard):
    from app.ui.pages.settings import SettingsPage

    page = shown(SettingsPage(ctx, admin, "light", lambda theme: None))
    other, cli_admin = other_process
    with unheard():
        other.settings.set_device_name(cli_admin, "Line 3 press")
    qtbot.waitUntil(lambda: page.device_name.text() == "Line 3 press", timeout=WAIT_MS)
    page.idle_minutes.setValue(42)  # the person is editing this one
    with unheard():
        other.settings.set(cli_admin, "idle_lock_minutes", 5)
        other.settings.set(cli_admin, "sampling_interval_s", 2.5)
    qtbot.waitUntil(lambda: page.sampling.value() == 2.5, timeout=WAIT_MS)
    assert page.idle_minutes.value() == 42  # their edit is kept, not overwritten


def test_accounts_added_elsewhere_appear_and_the_selection_stays(qtbot, ctx, admin, tech,
                                                                  shown, other_process,
                                                                  quick_watch):
    from app.ui.pages.users import UsersPage

    page = shown(UsersPage(ctx, admin))
    page.select("tech")
    other, cli_admin = other_process
    other.users.add_user(cli_admin, "dora", "dora-password-1", "operator")
    qtbot.waitUntil(lambda: "dora" in [u.username for u in page.users], timeout=WAIT_MS)
    assert page.selected().username == "tech"


def test_collections_made_elsewhere_appear_on_the_knowledge_page(qtbot, ctx, tech, shown,
                                                                 other_process, quick_watch):
    from app.ui.pages.knowledge import KnowledgePage

    page = shown(KnowledgePage(ctx, tech))
    assert page.empty.isVisible()
    other, cli_admin = other_process
    other.knowledge.create_collection(cli_admin, "Manuals")
    qtbot.waitUntil(lambda: page.selected_collection() == "Manuals", timeout=WAIT_MS)
    assert page.split.isVisible() and not page.empty.isVisible()


def test_the_window_title_follows_a_rename(qtbot, make_window, admin, ctx, other_process,
                                           quick_watch, unheard):
    window = make_window(admin)
    other, cli_admin = other_process
    with unheard():
        other.settings.set_device_name(cli_admin, "Inspection cell 7")
    qtbot.waitUntil(lambda: window.windowTitle() == "EdgeDeck — Inspection cell 7",
                    timeout=WAIT_MS)


def test_the_watch_stops_with_the_last_page(qtbot, ctx, admin, shown):
    page = shown(AuditPage(ctx, admin))
    relay = ChangeRelay.of(ctx)
    assert relay.active and relay.timer.isActive()
    page.shutdown()
    assert not relay.active and not relay.timer.isActive()
    assert events.bus.subscriber_count == 0 or relay._unsubscribe is None
