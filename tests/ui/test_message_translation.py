"""The UI translates a Message by its key — no regular expression — and counts the fallback
for plain English read back from old database rows."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.messages import msg


@pytest.fixture
def chinese_translator(qapp, qm_dir):
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(qm_dir / "edgedeck_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    from app.ui import i18n_service

    i18n_service.clear_cache()
    yield i18n_service
    QCoreApplication.removeTranslator(translator)
    i18n_service.clear_cache()


def test_the_ui_translates_a_message_by_its_key_without_parsing(chinese_translator):
    i18n = chinese_translator
    before = i18n.legacy_stats()["lookups"]
    error = ValidationError(msg("Cannot use {name}: {exc}", name="photo.png",
                                exc=ValidationError(msg("It is a folder, not a file."))))
    assert i18n.error_text(error) == "无法使用 photo.png：这是文件夹，不是文件。"
    assert i18n.service_text(msg("Cannot read it: {strerror}.", strerror="Permission denied")
                             ) == "无法读取：Permission denied。"
    assert i18n.legacy_stats()["lookups"] == before  # nothing went through the patterns
    # An old database row holds the English only: the one fallback, counted.
    assert i18n.service_text("Cannot read it: No such device.") == "无法读取：No such device。"
    assert i18n.legacy_stats()["lookups"] == before + 1
