"""Interface language: English (the source text) or Simplified Chinese via Qt Linguist files.

Translations are compiled .qm files in resources/i18n (build outputs of `python
packaging/i18n.py compile`, made by `make run`, `make test` and the bundle build). They must be
installed before widgets are built: Qt translates a text when the widget asks for it, so a
language switch rebuilds the main window (SessionController.set_language).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtGui import QFontDatabase

from app.ui.i18n_service import clear_cache
from resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"  # the source language: needs no file, so it always works
I18N_DIR = resource_path("i18n")
# Families that carry Simplified Chinese glyphs on the platforms EdgeDeck runs on.
CJK_FONT_FAMILIES = ("Noto Sans CJK", "Noto Serif CJK", "WenQuanYi", "Source Han",
                     "Droid Sans Fallback", "Microsoft YaHei", "SimSun", "PingFang")
FONT_PACKAGE = "fonts-noto-cjk"

_translators: list[QTranslator] = []  # installed ones, kept referenced so Python keeps them
_current = DEFAULT_LANGUAGE


def qm_path(code: str, directory: Path | None = None) -> Path:
    """Where the compiled translation for `code` is expected."""
    return (directory or I18N_DIR) / f"edgedeck_{code}.qm"


def current_language() -> str:
    """The language whose translator is installed now ("en" when none is)."""
    return _current


def missing_translation_hint(code: str, directory: Path | None = None) -> str:
    """Why `code` cannot be installed, in words for the log or the Settings page; "" if it can."""
    if code == DEFAULT_LANGUAGE:
        return ""
    if code not in LANGUAGES:
        return f"Unknown language {code!r}; choose one of: {', '.join(LANGUAGES)}."
    path = qm_path(code, directory)
    if not path.is_file():
        return (f"The translation file {path.name} is missing from {path.parent}; "
                "build it with `python packaging/i18n.py compile` (make run does).")
    return ""


def install_language(app: QCoreApplication, code: str, directory: Path | None = None) -> bool:
    """Make `code` the interface language for widgets built from now on.

    Removes the translators a previous call installed, so switching back and forth never stacks
    them. For a missing or unreadable file it logs why, leaves English in place and returns
    False: a console in the wrong language beats one that does not start.
    """
    global _current
    clear_cache()  # service texts translated so far were in the previous language
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    _current = DEFAULT_LANGUAGE
    if code == DEFAULT_LANGUAGE:
        return True
    hint = missing_translation_hint(code, directory)
    translator = QTranslator(app)
    if hint or not translator.load(str(qm_path(code, directory))):
        log.warning("interface stays in English: %s",
                    hint or f"{qm_path(code, directory)} could not be read")
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    # Qt's own strings (OK/Cancel/Yes in standard dialogs, context menus) come from qtbase.
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{code}", qt_dir):
        app.installTranslator(qt_translator)
        _translators.append(qt_translator)
    else:
        log.info("no qtbase_%s.qm in %s: standard dialog buttons stay in English", code, qt_dir)
    _current = code
    hint = cjk_font_hint() if code.startswith("zh") else ""
    if hint:
        log.warning(hint)
    return True


def has_cjk_font() -> bool:
    """Whether any installed font family can draw Chinese (else Qt draws empty boxes)."""
    families = QFontDatabase.families()
    return any(wanted.lower() in family.lower()
               for family in families for wanted in CJK_FONT_FAMILIES)


def cjk_font_hint() -> str:
    """A one-line fix when Chinese would render as boxes; "" when a CJK font is installed."""
    if has_cjk_font():
        return ""
    return (f"No Chinese font is installed, so Chinese text shows as boxes; install "
            f"{FONT_PACKAGE} (Debian/Ubuntu: sudo apt install {FONT_PACKAGE}).")


# Texts that reach tr() from data in modules whose owners have not marked them yet (lupdate
# only extracts literals). Move each marker next to its string when that module is next edited.
_MARKED_ELSEWHERE = (
    QT_TRANSLATE_NOOP("ModelsPage", "Models"),  # pages/models.py: ModelsPage.title
    QT_TRANSLATE_NOOP("FieldKitPage", "Field kit"),  # pages/field_kit.py: FieldKitPage.title
    QT_TRANSLATE_NOOP("PlaygroundPage", "Playground"),  # pages/playground.py: its title
    QT_TRANSLATE_NOOP("SettingsPage", "Settings"),  # pages/settings.py: SettingsPage.title
    QT_TRANSLATE_NOOP("SettingsPage", "Light"),  # pages/settings.py: theme names, capitalized
    QT_TRANSLATE_NOOP("SettingsPage", "Dark"),
    QT_TRANSLATE_NOOP("SettingsPage", "Language"),  # the language combo's label (to be added)
)


ROLE_WORDS = {
    "operator": QT_TRANSLATE_NOOP("Roles", "operator"),
    "technician": QT_TRANSLATE_NOOP("Roles", "technician"),
    "admin": QT_TRANSLATE_NOOP("Roles", "admin"),
    "system": QT_TRANSLATE_NOOP("Roles", "system"),  # the appliance acting by itself (audit)
    "none": QT_TRANSLATE_NOOP("Roles", "none"),  # not signed in (a refused sign-in, audit)
}


def role_word(role: str) -> str:
    """A role as people read it in the current language (the stored value stays English)."""
    return QCoreApplication.translate("Roles", ROLE_WORDS.get(role, role))
