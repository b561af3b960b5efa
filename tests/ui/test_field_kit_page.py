"""The technician's USB round trip from the GUI: bundle, backup, check, restore."""

from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt

from app.field import crypto


def _page(make_window, actor):
    window = make_window(actor)
    return window, window.page("Field kit")


def test_operators_have_no_field_kit(make_window, operator):
    assert "Field kit" not in [p.title for p in make_window(operator).pages]


def test_technician_writes_a_plain_bundle(qtbot, make_window, tech, tmp_path, ctx):
    _, page = _page(make_window, tech)
    assert page.restore_button.isHidden()  # restoring is an administrator's decision
    page.folder.setText(str(tmp_path))
    page.encrypt.setChecked(False)
    page.benchmark.setChecked(False)
    qtbot.mouseClick(page.bundle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Wrote" in page.result.text(), timeout=60000)
    bundle = next(tmp_path.glob("edgedeck-diagnostics-*.zip"))
    with zipfile.ZipFile(bundle) as archive:
        assert "manifest.json" in archive.namelist()
    head = ctx.audit_trail.head()
    assert (head.category, head.action, head.actor) == ("diagnostics", "bundle", "tech")


def test_encrypted_backup_check_and_restore_round_trip(qtbot, make_window, admin, tmp_path,
                                                       ctx, monkeypatch):
    monkeypatch.setattr(crypto, "SCRYPT_LOG2_N", 10)
    window, page = _page(make_window, admin)
    page.ask_passphrase = lambda confirm: "usb-stick-passphrase"
    page.confirm_restore = lambda path: True
    page.folder.setText(str(tmp_path))
    page.write_backup()
    qtbot.waitUntil(lambda: "Backup written" in page.result.text(), timeout=60000)
    backup = next(tmp_path.glob("edgedeck-backup-*"))
    assert crypto.is_encrypted(backup)
    page.verify_backup(str(backup))
    qtbot.waitUntil(lambda: "Backup intact" in page.result.text(), timeout=60000)
    ctx.settings.set_device_name(admin, "renamed after the backup")
    with qtbot.waitSignal(window.restart_requested, timeout=60000):
        monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *a: None)
        page.restore_backup(str(backup))
    assert "Restored" in page.result.text() and "safety copy" in page.result.text()
    from app.context import AppContext

    with AppContext.open(ctx.data_dir) as reopened:
        assert reopened.settings.device_name != "renamed after the backup"
        assert reopened.audit_trail.head().action == "restore"


def test_wrong_passphrase_is_explained_and_changes_nothing(qtbot, make_window, admin, tmp_path,
                                                           monkeypatch):
    monkeypatch.setattr(crypto, "SCRYPT_LOG2_N", 10)
    _, page = _page(make_window, admin)
    page.folder.setText(str(tmp_path))
    page.ask_passphrase = lambda confirm: "right-passphrase"
    page.write_backup()
    qtbot.waitUntil(lambda: "Backup written" in page.result.text(), timeout=60000)
    backup = next(tmp_path.glob("edgedeck-backup-*"))
    page.ask_passphrase = lambda confirm: "wrong-passphrase"
    page.confirm_restore = lambda path: True
    page.restore_backup(str(backup))
    qtbot.waitUntil(lambda: "passphrase" in page.result.text().lower(), timeout=60000)
    assert "Restored" not in page.result.text()
