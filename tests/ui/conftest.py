from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.telemetry.model import DeviceSnapshot, Reading, Snapshot
from app.telemetry.sampler import Sampler
from app.ui.i18n import install_language
from app.ui.sampler_bridge import SamplerBridge


class FakeHostReader:
    """Deterministic host values so the dashboard can be checked number by number."""

    name = "host"

    def __init__(self) -> None:
        self.cpu = 42.0
        self.mem = 50.0

    def read(self) -> list[DeviceSnapshot]:
        readings = {
            "cpu.util": Reading("cpu.util", "CPU", self.cpu, "%", "busy share", "1 s"),
            "mem.util": Reading("mem.util", "Memory", self.mem, "%", "in use", "instant"),
            "disk.data.util": Reading("disk.data.util", "Data disk", 20.0, "%", "used",
                                      "instant"),
            "swap.util": Reading("swap.util", "Swap", None, "%", "in use", "instant", False,
                                 "no swap space"),
        }
        return [DeviceSnapshot("host", "host", "test-host", readings)]


@pytest.fixture
def fake_reader() -> FakeHostReader:
    return FakeHostReader()


@pytest.fixture
def bridge(fake_reader) -> SamplerBridge:
    return SamplerBridge(Sampler([fake_reader], interval_s=1.0))


@pytest.fixture
def ui_settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, ctx, bridge, ui_settings):
    from app.ui.main_window import MainWindow

    windows = []

    def make(actor, theme="light"):
        window = MainWindow(ctx, actor, bridge, ui_settings, theme)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        for page in window.pages:
            page.shutdown()
        window.settings_watch.stop()  # nothing watches the database once the test ends


def snapshot_now(reader: FakeHostReader) -> Snapshot:
    return Snapshot(time.time(), tuple(reader.read()))


@pytest.fixture
def seeded(ctx, admin):
    """The context with the two demo models imported."""
    from app.models.demo import seed_demo_models

    seed_demo_models(ctx.models, admin)
    return ctx


@pytest.fixture
def page_factory(qtbot, seeded):
    """make(PageClass, actor, size) → a shown page on the seeded context, shut down after."""
    pages = []

    def make(page_class, actor, size):
        page = page_class(seeded, actor)
        qtbot.addWidget(page)
        page.resize(*size)
        page.show()
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.shutdown()


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory) -> Path:
    """A fresh compile of the .ts (once per run), so the tests never depend on a stale build
    output."""
    out = tmp_path_factory.mktemp("qm")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, str(root / "packaging" / "i18n.py"), "compile", "--out",
                    str(out)], check=True, capture_output=True, text=True)
    return out


@pytest.fixture
def chinese(qapp, qm_dir):
    """The interface in Simplified Chinese for one test, English again afterwards."""
    assert install_language(qapp, "zh_CN", qm_dir)
    yield
    install_language(qapp, "en")
