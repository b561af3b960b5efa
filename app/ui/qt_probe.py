"""Run by `edgedeck doctor` in a child process: Qt aborts the whole process when its platform
plugin cannot load, so the check must not happen inside the doctor itself."""

from __future__ import annotations


def probe() -> int:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])
    print(f"Qt {pyside_version}, platform plugin '{app.platformName()}' loaded")
    return 0
