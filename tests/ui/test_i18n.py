"""Simplified Chinese: the translation file is complete and safe, compiles, and reaches widgets."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.ui import i18n
from app.ui.i18n import cjk_font_hint, current_language, install_language
from app.ui.widgets.alarm_banner import priority_word

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "edgedeck_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")


@pytest.fixture(autouse=True)
def back_to_english(qapp):
    """A translator is process-wide: never let Chinese leak into the next test."""
    yield
    install_language(qapp, "en")


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(context.findtext("name") or "", message.findtext("source") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def test_ts_is_complete_and_keeps_every_placeholder():
    root = ET.parse(TS).getroot()
    assert root.get("language") == "zh_CN"
    messages = _messages()
    assert len(messages) > 300
    problems = []
    for context, source, message in messages:
        translation = message.find("translation")
        assert translation is not None, (context, source)
        forms = [f.text or "" for f in translation.findall("numerusform")] or \
            [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append((context, source, translation.get("type")))
        for form in forms:
            if not form.strip():
                problems.append((context, source, "empty"))
            elif sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(source)):
                problems.append((context, source, form))
    assert problems == []


def test_agreed_terms_are_used():
    translated = {(c, s): m.findtext("translation") for c, s, m in _messages()}
    assert translated[("DashboardPage", "Dashboard")] == "仪表板"
    assert translated[("AlarmsPage", "Alarms")] == "告警"
    assert translated[("AuditPage", "Audit")] == "审计"
    assert translated[("AlarmBanner", "Acknowledge")] == "确认"
    assert "搁置" in translated[("ShelveDialog", "Shelve alarm")]
    assert "执行提供程序" in translated[("ModelsPage", "Execution providers")]


def test_compile_writes_a_qm(qm_dir):
    qm = qm_dir / "edgedeck_zh_CN.qm"
    assert qm.is_file() and qm.stat().st_size > 1000


def test_chinese_reaches_the_main_window_and_english_comes_back(qapp, qm_dir, make_window,
                                                               admin):
    assert install_language(qapp, "zh_CN", qm_dir)
    assert current_language() == "zh_CN"
    window = make_window(admin)
    assert window.nav.item(0).text() == "仪表板"
    assert window.pages[0].title == "Dashboard"  # titles stay keys: page("Alarms") still works
    assert window.page("Alarms") is not None
    assert window.refresh_action.text() == "刷新"
    assert priority_word("critical") == "紧急"  # module-level translate("alarms", …)
    assert install_language(qapp, "en")
    assert current_language() == "en"
    assert make_window(admin).nav.item(0).text() == "Dashboard"
    assert priority_word("critical") == "Critical"


def test_installing_twice_does_not_stack_translators(qapp, qm_dir):
    assert install_language(qapp, "zh_CN", qm_dir)
    assert install_language(qapp, "zh_CN", qm_dir)
    assert install_language(qapp, "en")
    assert priority_word("high") == "High"


def test_a_missing_translation_keeps_english_and_says_how_to_build_it(qapp, tmp_path, caplog):
    assert install_language(qapp, "zh_CN", tmp_path) is False
    assert current_language() == "en"
    hint = i18n.missing_translation_hint("zh_CN", tmp_path)
    assert "edgedeck_zh_CN.qm" in hint and "packaging/i18n.py compile" in hint
    assert "packaging/i18n.py compile" in caplog.text
    assert install_language(qapp, "fr") is False
    assert "Unknown language" in i18n.missing_translation_hint("fr")
    assert priority_word("low") == "Low"


def test_a_missing_cjk_font_is_named(monkeypatch):
    monkeypatch.setattr(i18n.QFontDatabase, "families", staticmethod(lambda *a: ["DejaVu Sans"]))
    assert "fonts-noto-cjk" in cjk_font_hint()
    monkeypatch.setattr(i18n.QFontDatabase, "families",
                        staticmethod(lambda *a: ["Noto Sans CJK SC", "DejaVu Sans"]))
    assert cjk_font_hint() == ""


def test_session_controller_starts_in_the_saved_language(qtbot, qapp, qm_dir, monkeypatch, ctx,
                                                         admin, bridge):
    from app.ui.app import SessionController

    monkeypatch.setattr(i18n, "I18N_DIR", qm_dir)
    settings = QSettings(str(ctx.data_dir / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "zh_CN")
    settings.sync()
    controller = SessionController(ctx, bridge)
    assert controller.language == current_language() == "zh_CN"
    controller.start()
    qtbot.addWidget(controller.dialog)
    assert "登录" in controller.dialog.windowTitle()
    controller.dialog.reject()


def test_session_controller_falls_back_to_english_without_the_file(qapp, tmp_path, monkeypatch,
                                                                   ctx, bridge):
    from app.ui.app import SessionController

    monkeypatch.setattr(i18n, "I18N_DIR", tmp_path)
    settings = QSettings(str(ctx.data_dir / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "zh_CN")
    settings.sync()
    controller = SessionController(ctx, bridge)
    assert controller.language == current_language() == "en"
    assert controller.set_language("zh_CN") is False
    assert current_language() == "en"


def test_set_language_rebuilds_the_window_quietly(qtbot, qapp, qm_dir, monkeypatch, ctx, admin,
                                                  bridge):
    from app.ui.app import SessionController
    from app.ui.main_window import MainWindow

    if not hasattr(MainWindow, "close_quietly"):
        pytest.skip("MainWindow.close_quietly() not added yet (see app/ui/i18n.py report)")
    monkeypatch.setattr(i18n, "I18N_DIR", qm_dir)
    controller = SessionController(ctx, bridge)
    old = controller.show_main(admin)  # not qtbot.addWidget: the controller deletes it
    old.show_page(len(old.pages) - 1)  # Settings, where the switch is made
    records = ctx.audit_trail.count()
    assert controller.set_language("zh_CN")
    qtbot.waitUntil(lambda: controller.window is not None and controller.window is not old)
    new = controller.window
    assert new.nav.item(0).text() == "仪表板"
    assert new.actor.username == admin.username
    assert new.stack.currentIndex() == len(new.pages) - 1
    assert ctx.audit_trail.count() == records  # not a sign-out: nothing audited
    assert QApplication.instance() is not None and new.isVisible()
    assert controller.ui_settings.value("language") == "zh_CN"
    assert controller.set_language("en")
    qtbot.waitUntil(lambda: controller.window is not new)
    assert controller.window.nav.item(0).text() == "Dashboard"
    controller.window.close_quietly()
    controller.window.deleteLater()


def test_settings_combo_switches_language(qtbot, qapp, qm_dir, monkeypatch, ctx, admin, bridge):
    from app.ui.app import SessionController
    from app.ui.main_window import MainWindow

    monkeypatch.setattr(i18n, "I18N_DIR", qm_dir)
    controller = SessionController(ctx, bridge)
    if not hasattr(MainWindow, "close_quietly"):
        pytest.skip("Settings → Language not wired yet (see app/ui/i18n.py report)")
    old = controller.show_main(admin)  # not qtbot.addWidget: the controller deletes it
    settings = old.pages[-1]
    settings.language.setCurrentIndex(settings.language.findData("zh_CN"))
    qtbot.waitUntil(lambda: controller.window is not old)
    new = controller.window
    assert new.nav.item(0).text() == "仪表板"
    assert new.pages[-1].language.currentData() == "zh_CN"
    combo = new.pages[-1].language
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(lambda: controller.window is not new)
    english = controller.window
    assert english.nav.item(0).text() == "Dashboard"
    monkeypatch.setattr(i18n, "I18N_DIR", qm_dir / "nothing")
    combo = english.pages[-1].language
    combo.setCurrentIndex(combo.findData("zh_CN"))  # cannot load: stays, says why
    qtbot.wait(50)
    assert controller.window is english and current_language() == "en"
    assert combo.currentData() == "en" and "compile" in english.pages[-1].language_hint.text()
    english.close_quietly()
    english.deleteLater()
