"""Regenerate the README screenshots: drives the real app under Xvfb, grabs the X screen.

Usage (needs Debian's xvfb and imagemagick):
    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python docs/make_screenshots.py

Signs in with the demo accounts in a throw-away data folder, visits every page and saves
docs/<page>.png with `import -window root` (what a person would see on that screen).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

DOCS = Path(__file__).resolve().parent


def _wait(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _shoot(app: QApplication, name: str) -> None:
    _wait(app, 0.5)
    subprocess.run(["import", "-window", "root", str(DOCS / f"{name}.png")], check=True)
    print("wrote", DOCS / f"{name}.png")


def _sample_image(path: Path) -> None:
    """A made-up part photo: grey metal with a dark scratch (the demo model is random)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), (150, 155, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 280, 200), fill=(185, 188, 192), outline=(90, 90, 95), width=4)
    draw.line((70, 170, 250, 70), fill=(40, 40, 45), width=5)
    image.save(path)


def main() -> int:
    from app.context import AppContext
    from app.system.demo import demo_hint, seed_demo
    from app.telemetry.monitor import Monitor
    from app.telemetry.readers.simulated import SimulatedGpuReader
    from app.ui.app import SessionController
    from app.ui.sampler_bridge import SamplerBridge

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    data = Path(tempfile.mkdtemp(prefix="edgedeck-shots-"))
    ctx = AppContext.open(data)
    seed_demo(ctx)
    monitor = Monitor(ctx, simulate=True, interval_s=1.0)
    for reader in monitor.readers:  # bring the simulated GPU's heat phase forward
        if isinstance(reader, SimulatedGpuReader):
            reader._start -= 45  # noqa: SLF001 - a screenshot script may cheat the clock
    bridge = SamplerBridge(monitor.sampler)
    monitor.start()
    controller = SessionController(ctx, bridge, demo_hint())
    controller.start()
    _wait(app, 1.0)
    dialog = controller.dialog
    dialog.username.setText("tech")
    dialog.password.setText("wrong-password")
    dialog.submit()
    _wait(app, 2.0)
    _shoot(app, "login")
    dialog.password.setText("demo-admin")
    dialog.username.setText("admin")
    dialog.submit()
    _wait(app, 2.0)
    window = controller.window
    window.setGeometry(0, 0, 1280, 800)
    _wait(app, float(os.environ.get("EDGEDECK_SHOT_WARMUP", "40")))  # charts fill, GPU heats
    sample = Path(tempfile.mkdtemp()) / "part.png"
    _sample_image(sample)
    for index, page in enumerate(window.pages):
        window.show_page(index)
        if page.title == "Playground":
            page.select_model("demo-inspector")
            page.run_image(sample)
            _wait(app, 3.0)
        if page.title == "Models":  # benchmark v1 on the CPU, quantize it, benchmark v2
            page.select_model("demo-inspector")
            page.start_benchmark(["CPUExecutionProvider"], 300)
            _wait(app, 4.0)
            page.start_optimize("int8-dynamic")
            _wait(app, 4.0)
            page.select_model("demo-inspector")
            _wait(app, 1.0)
        if page.title == "Audit":
            page.refresh()
            page.table.selectRow(0)
        if page.title == "Users":
            page.select("tech")
        _wait(app, 3.0 if page.title == "Models" else 1.0)
        _shoot(app, page.title.lower())
    # The alarm flow an operator sees: acknowledge from the banner, then the GPU cools down
    # and the alarms clear; the History tab shows raised → acknowledged → cleared.
    banner = window.alarm_banner
    for _ in range(10):
        if not banner.isVisible():
            break
        banner.ack_button.click()
        _wait(app, 1.0)
    alarms_page = window.page("Alarms")
    window.show_page(window.pages.index(alarms_page))
    _shoot(app, "alarms-acknowledged")
    deadline = time.monotonic() + 150
    while ctx.alarms.list_active() and time.monotonic() < deadline:
        _wait(app, 2.0)
    alarms_page.tabs.setCurrentIndex(1)
    alarms_page.refresh_history()
    _shoot(app, "alarms-history")
    # The same console in Simplified Chinese, then the operator kiosk.
    controller.set_language("zh_CN")
    _wait(app, 2.0)
    window = controller.window
    window.show_page(0)
    _shoot(app, "dashboard-zh")
    controller.set_language("en")
    _wait(app, 2.0)
    operator = ctx.users.authenticate("operator", "demo-operator")
    controller.show_main(operator, kiosk=True)
    _wait(app, 3.0)
    _shoot(app, "kiosk")
    controller.window._kiosk_exit(ctx.users.authenticate("admin", "demo-admin"))
    _wait(app, 2.0)
    window = controller.window
    theme_combo = window.page("Settings").theme
    theme_combo.setCurrentIndex(theme_combo.findData("dark"))
    window.show_page(0)
    _shoot(app, "dashboard-dark")
    theme_combo.setCurrentIndex(theme_combo.findData("light"))
    QTimer.singleShot(0, window.close)
    _wait(app, 0.5)
    monitor.stop()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
