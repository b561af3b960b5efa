"""Light and dark themes: Fusion style, a palette, and QSS from resources/themes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from resources import resource_path

THEMES = ("light", "dark")

# Status colours: chosen to be told apart on cheap panels and by most colour-blind readers.
STATUS_COLOURS = {
    "ok": "#2e9e4f",
    "warn": "#d98e04",
    "alarm": "#d1242f",
    "unknown": "#8a94a3",
}

_PALETTES = {
    "light": {
        QPalette.ColorRole.Window: "#f3f5f8",
        QPalette.ColorRole.WindowText: "#1c2430",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f0f3f7",
        QPalette.ColorRole.Text: "#1c2430",
        QPalette.ColorRole.Button: "#e9edf2",
        QPalette.ColorRole.ButtonText: "#1c2430",
        QPalette.ColorRole.Highlight: "#2b6cb0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1c2430",
        QPalette.ColorRole.PlaceholderText: "#7b8594",
    },
    "dark": {
        QPalette.ColorRole.Window: "#161b22",
        QPalette.ColorRole.WindowText: "#e3e8ef",
        QPalette.ColorRole.Base: "#0f1318",
        QPalette.ColorRole.AlternateBase: "#1a2029",
        QPalette.ColorRole.Text: "#e3e8ef",
        QPalette.ColorRole.Button: "#27303c",
        QPalette.ColorRole.ButtonText: "#e3e8ef",
        QPalette.ColorRole.Highlight: "#3b82c4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#27303c",
        QPalette.ColorRole.ToolTipText: "#e3e8ef",
        QPalette.ColorRole.PlaceholderText: "#7d8896",
    },
}


def plot_colours(theme: str) -> dict[str, str]:
    """Background/foreground for pyqtgraph plots, which do not follow the palette."""
    if theme == "dark":
        return {"background": "#1f2630", "foreground": "#c9d1dc"}
    return {"background": "#ffffff", "foreground": "#3b4656"}


# Rich text (QTextDocument HTML) is out of QSS's reach: search hits arrive as <mark> and the
# cited passage as class "passage"; pages set this as the document's default style sheet.
_RICH_TEXT = {
    "light": {"mark": "#ffe066", "mark_text": "#1c2430", "passage": "#e3eefb",
              "link": "#1f5fa8"},
    "dark": {"mark": "#b38600", "mark_text": "#ffffff", "passage": "#1d3550",
             "link": "#7cb7ff"},
}


def rich_text_css(theme: str) -> str:
    """CSS for HTML shown in QTextBrowser/QLabel: <mark> hits, the cited passage, links."""
    c = _RICH_TEXT.get(theme, _RICH_TEXT["light"])
    return (f"mark {{ background-color: {c['mark']}; color: {c['mark_text']}; }}\n"
            f".passage {{ background-color: {c['passage']}; }}\n"
            f"a {{ color: {c['link']}; }}\n")


def apply_theme(app: QApplication, theme: str) -> str:
    theme = theme if theme in THEMES else "light"
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in _PALETTES[theme].items():
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    qss = resource_path("themes", "base.qss").read_text(encoding="utf-8")
    qss += "\n" + resource_path("themes", f"{theme}.qss").read_text(encoding="utf-8")
    app.setStyleSheet(qss)
    app.setProperty("edgedeck_theme", theme)
    return theme


def current_theme(app: QApplication) -> str:
    return str(app.property("edgedeck_theme") or "light")
