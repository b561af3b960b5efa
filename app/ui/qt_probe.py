"""Run by `edgedeck doctor` in a child process: Qt aborts the whole process when its platform
plugin cannot load, so the check must not happen inside the doctor itself."""

from __future__ import annotations


def probe() -> int:
    """Start Qt and open a real window with the app's icon (proves plugins and image formats)."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from resources import resource_path

    app = QApplication([])
    icon = QIcon(str(resource_path("icons", "edgedeck.svg")))
    window = QWidget()
    window.setWindowIcon(icon)
    window.resize(320, 200)
    window.show()
    app.processEvents()
    shown = window.isVisible() and not icon.pixmap(32, 32).isNull()
    print(f"Qt {pyside_version}, platform plugin '{app.platformName()}' loaded, "
          f"window {'opened' if shown else 'NOT opened'}")
    return 0 if shown else 1
