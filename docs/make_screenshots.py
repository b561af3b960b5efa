"""Regenerate the README screenshots: drives the real app under Xvfb, grabs the X screen.

Usage (needs Debian's xvfb and imagemagick):
    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python docs/make_screenshots.py

Signs in with the demo accounts in a throw-away data folder, visits every page and saves
docs/<page>.png with `import -window root` (what a person would see on that screen).
EDGEDECK_SHOT_PAGES=Knowledge,Models (page titles) shoots only those pages and skips the alarm,
language, kiosk and theme shots; EDGEDECK_SHOT_WARMUP=0 skips the wait for charts to fill.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serving_traffic(app: QApplication, ctx: Any, page: Any, admin: Any) -> None:
    """Start the real service from the Serving page, give it an API key and some traffic from
    a client thread (good calls, a wrong key, a wrong shape), let the page poll it."""
    import json
    import threading
    import urllib.error
    import urllib.request

    page.port_spin.setValue(_free_port())
    page.start_service()
    deadline = time.monotonic() + 30
    while (page.work.busy or not (page.status and page.status.running)) \
            and time.monotonic() < deadline:
        _wait(app, 0.2)
    if not (page.status and page.status.running):
        print("the service did not start:", page.message.text())
        return
    _, secret = ctx.api_keys.add(admin, "line3-vision", ["demo-inspector"])
    ctx.api_keys.add(admin, "mes-gateway")
    ctx.api_keys.add(admin, "vendor-trial", expires_days=5)  # amber: renew within a week
    page.reload_keys()
    url = page.status.url.rstrip("/")
    good = json.dumps({"inputs": [{"name": "image", "shape": [1, 3, 64, 64],
                                   "datatype": "FP32", "data": [0.5] * (3 * 64 * 64)}]})
    wrong = json.dumps({"inputs": [{"name": "image", "shape": [1, 3, 8, 8],
                                    "datatype": "FP32", "data": [0.5] * (3 * 8 * 8)}]})

    def call(body: str, key: str) -> None:
        request = urllib.request.Request(f"{url}/v2/models/demo-inspector/infer",
                                         body.encode(), {"Content-Type": "application/json",
                                                         "Authorization": f"Bearer {key}"})
        try:
            urllib.request.urlopen(request, timeout=10).read()
        except (urllib.error.URLError, OSError):
            pass

    def traffic() -> None:
        end = time.monotonic() + 14
        count = 0
        while time.monotonic() < end:
            count += 1
            if count % 40 == 0:
                call(good, "edk_00000000_" + "x" * 43)  # an unknown key: 401
            elif count % 55 == 0:
                call(wrong, secret)  # a wrong shape: 400
            else:
                call(good, secret)
            time.sleep(0.03)

    worker = threading.Thread(target=traffic, daemon=True)
    worker.start()
    while worker.is_alive():
        _wait(app, 0.2)
    page.tabs.setCurrentIndex(0)
    _wait(app, 2.5)  # one more poll after the last request


def main() -> int:
    from app.context import AppContext
    from app.system.demo import demo_hint, seed_demo
    from app.telemetry.monitor import Monitor
    from app.telemetry.readers.simulated import SimulatedGpuReader
    from app.ui.app import SessionController
    from app.ui.sampler_bridge import SamplerBridge

    only = [t.strip() for t in os.environ.get("EDGEDECK_SHOT_PAGES", "").split(",") if t.strip()]
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
    if not only:
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
        if only and page.title not in only:
            continue
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
        if page.title == "Serving":  # the real service with a key and some traffic
            _serving_traffic(app, ctx, page, ctx.users.authenticate("admin", "demo-admin"))
        if page.title == "Knowledge":  # an answer cited from the demo manuals (EN and ZH)
            page.ask("How often should the dust filter be cleaned?")
            _wait(app, 3.0)
        _wait(app, 3.0 if page.title == "Models" else 1.0)
        _shoot(app, page.title.lower().replace(" ", "-"))
        if page.title == "Serving" and page.status is not None and page.status.running:
            page.stop_service()
            while page.work.busy:
                _wait(app, 0.2)
        if page.title == "Knowledge" and page.last_answer and page.last_answer.passages:
            # The source viewer on a cited PDF page (the first cited passage with a page).
            cited = next((p for p in page.last_answer.passages if p.hit.page is not None),
                         page.last_answer.passages[0])
            viewer = page.open_source(cited.hit.chunk_id)
            viewer.move(window.geometry().center() - viewer.rect().center())
            _wait(app, 2.0)
            _shoot(app, "knowledge-source")
            viewer.close()
            page.ask("GPU 温度过高怎么办？")  # the same box answers from the Chinese manuals
            _wait(app, 3.0)
            _shoot(app, "knowledge-zh")
    if only:
        QTimer.singleShot(0, window.close)
        _wait(app, 0.5)
        monitor.stop()
        ctx.close()
        return 0
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
