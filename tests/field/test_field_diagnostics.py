"""The diagnostics bundle: contents, checksums, redaction, roles, audit, failure handling."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from app.errors import EdgeDeckError, PermissionDenied
from app.field.crypto import OperationCancelled, decrypt_file, is_encrypted

SECRETS = ("hunter2-SETTING-SECRET", "tok-UI-INI-SECRET", "env-SECRET-value",
           "meta-SECRET-value")
EXPECTED = {"manifest.json", "versions.json", "system.json", "doctor.json", "inventory.json",
            "snapshot.json", "history-last-hour.json", "alarms.json", "models.json",
            "providers.json", "audit.json", "config.json", "benchmark.json",
            "knowledge.json", "logs/edgedeck.log"}


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_bundle_holds_every_section_with_checksummed_manifest(ctx, tech, diagnostics,
                                                              tmp_path):
    result = diagnostics.bundle(tech, tmp_path / "diag.zip")
    members = _members(Path(result.path))
    assert EXPECTED <= set(members)
    manifest = json.loads(members["manifest.json"])
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(members) - {"manifest.json"}
    for name, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(members[name]).hexdigest(), name
        assert entry["size"] == len(members[name])
    assert manifest["created_by"] == "tech"
    assert manifest["device_id"] == ctx.settings.device_id
    assert manifest["device_name"] == ctx.settings.device_name
    assert manifest["edgedeck_version"] and manifest["created_at"]
    assert result.files == len(members) and result.problems == ()
    assert result.sha256 == hashlib.sha256(Path(result.path).read_bytes()).hexdigest()


def test_bundle_never_carries_the_database_keys_or_the_whole_trail(ctx, tech, diagnostics,
                                                                   tmp_path):
    members = _members(Path(diagnostics.bundle(tech, tmp_path / "d.zip").path))
    assert not any(n.endswith(".db") or n.startswith("keys/") for n in members)
    private = (ctx.data_dir / "keys" / "audit-signing.key").read_bytes()
    blob = b"".join(members.values())
    assert b"PRIVATE KEY" not in blob and private not in blob
    audit = json.loads(members["audit.json"])
    assert audit["verification"]["ok"] is True
    assert audit["head"]["seq"] == ctx.audit_trail.head().seq - 1  # before the bundle record
    assert "records" not in audit


def test_secrets_are_redacted_everywhere(ctx, tech, diagnostics, tmp_path, monkeypatch):
    with ctx.store.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value, updated_at, updated_by) VALUES "
                     "('smtp_password', ?, 'now', 'test')", [json.dumps(SECRETS[0])])
        conn.execute("INSERT INTO meta (key, value) VALUES ('serving_api_key', ?)",
                     [SECRETS[3]])
    (ctx.data_dir / "ui.ini").write_text(
        f"[view]\ntheme = dark\n[serving]\napi_token = {SECRETS[1]}\n", encoding="utf-8")
    monkeypatch.setenv("EDGEDECK_API_TOKEN", SECRETS[2])
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    members = _members(Path(diagnostics.bundle(tech, tmp_path / "d.zip").path))
    blob = b"".join(members.values()).decode("utf-8", errors="replace")
    for secret in SECRETS:
        assert secret not in blob
    config = json.loads(members["config.json"])
    assert config["ui_ini"]["view"]["theme"] == "dark"
    assert config["ui_ini"]["serving"]["api_token"] == "***redacted***"
    assert {s["key"]: s["value"] for s in config["settings"]}["smtp_password"] == \
        "***redacted***"
    env = json.loads(members["system.json"])["environment"]
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    assert env["EDGEDECK_API_TOKEN"] == "***redacted***"
    assert "HOME" not in env and "PATH" not in env


def test_operator_is_refused_and_the_refusal_audited(ctx, operator, diagnostics, tmp_path):
    out = tmp_path / "d.zip"
    with pytest.raises(PermissionDenied):
        diagnostics.bundle(operator, out)
    record = ctx.audit_trail.head()
    assert (record.actor, record.action, record.outcome) == ("operator", "permission_denied",
                                                             "denied")
    assert record.object == str(out)
    assert not out.exists()


def test_success_is_audited_with_size_checksum_and_count(ctx, tech, diagnostics, tmp_path):
    result = diagnostics.bundle(tech, tmp_path / "d.zip", include_benchmark=False)
    record = ctx.audit_trail.head()
    assert (record.category, record.action, record.object, record.outcome) == (
        "diagnostics", "bundle", result.path, "success")
    details = record.details_dict
    assert details["size"] == result.size and details["sha256"] == result.sha256
    assert details["files"] == result.files
    assert "benchmark.json" not in _members(Path(result.path))


def test_encrypted_bundle_never_puts_the_plain_zip_on_the_stick(ctx, tech, diagnostics,
                                                                tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    result = diagnostics.bundle(tech, stick / "d.zip", passphrase="field kit passphrase")
    assert result.path == str(stick / "d.zip.enc") and result.encrypted
    assert sorted(os.listdir(stick)) == ["d.zip.enc"]
    assert is_encrypted(result.path)
    plain = decrypt_file(result.path, tmp_path / "d.zip", "field kit passphrase")
    assert "manifest.json" in _members(plain)


def test_a_failing_section_is_a_problem_not_a_failed_bundle(ctx, tech, diagnostics,
                                                            tmp_path, monkeypatch):
    def broken() -> None:
        raise RuntimeError("history table gone")

    monkeypatch.setattr(diagnostics, "_history", broken)
    result = diagnostics.bundle(tech, tmp_path / "d.zip")
    assert any("history table gone" in p for p in result.problems)
    manifest = json.loads(_members(Path(result.path))["manifest.json"])
    assert manifest["problems"] == list(result.problems)


def test_missing_destination_folder_is_a_clear_error(tech, diagnostics, tmp_path):
    with pytest.raises(EdgeDeckError, match="does not exist"):
        diagnostics.bundle(tech, tmp_path / "unmounted" / "d.zip")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores modes")
def test_read_only_destination_is_a_clear_error(tech, diagnostics, tmp_path):
    stick = tmp_path / "ro"
    stick.mkdir()
    stick.chmod(0o500)
    try:
        with pytest.raises(EdgeDeckError, match="read-only"):
            diagnostics.bundle(tech, stick / "d.zip")
    finally:
        stick.chmod(0o700)


def test_full_destination_is_a_clear_error_and_leaves_nothing(ctx, tech, diagnostics,
                                                              tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(EdgeDeckError, match="Not enough space"):
        diagnostics.bundle(tech, stick / "d.zip")
    assert os.listdir(stick) == []
    record = ctx.audit_trail.head()
    assert (record.action, record.outcome) == ("bundle", "failure")


def test_cancel_removes_the_partial_file(tech, diagnostics, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    ticks = []

    def cancelled() -> bool:
        ticks.append(1)
        return len(ticks) > 3

    with pytest.raises(OperationCancelled):
        diagnostics.bundle(tech, stick / "d.zip", cancelled=cancelled)
    assert os.listdir(stick) == []


def test_models_section_lists_versions_with_checksums(ctx, tech, diagnostics, tmp_path):
    tables = {r[0] for r in ctx.store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table'")}
    if "model_versions" not in tables:
        pytest.skip("this build has no model registry tables yet")
    model_file = ctx.data_dir / "models" / "det" / "v1" / "model.onnx"
    model_file.parent.mkdir(parents=True)
    model_file.write_bytes(b"onnx")
    with ctx.store.transaction() as conn:
        conn.execute("INSERT INTO models (id, name, task, created_at, created_by, "
                     "active_version) VALUES (1, 'det', 'object-detection', 'now', 'x', 1)")
        conn.execute(
            "INSERT INTO model_versions (model_id, version, file, sha256, size_bytes, files, "
            "source, created_at, created_by) VALUES (1, 1, 'models/det/v1/model.onnx', ?, 4, "
            "?, 'import', 'now', 'x')",
            ["ab" * 32, json.dumps([{"path": "models/det/v1/model.onnx", "size": 4,
                                     "sha256": "ab" * 32}])])
    models = json.loads(_members(Path(diagnostics.bundle(tech, tmp_path / "d.zip").path))[
        "models.json"])
    version = models["models"][0]["versions"][0]
    assert version["sha256"] == "ab" * 32 and version["file_present"] is True
    assert version["files"][0]["size_ok"] is True


def test_real_collectors_run_on_this_box(ctx, tech, tmp_path):
    """No stubs: doctor, provider probes and a live snapshot (record=False) really run."""
    from app.field.diagnostics import DiagnosticsService

    before = ctx.store.conn.execute("SELECT COUNT(*) FROM history_raw").fetchone()[0]
    result = DiagnosticsService(ctx).bundle(tech, tmp_path / "d.zip", include_benchmark=False)
    members = _members(Path(result.path))
    assert result.problems == (), result.problems
    snapshot = json.loads(members["snapshot.json"])
    assert any(d["kind"] == "host" for d in snapshot["devices"])
    assert json.loads(members["doctor.json"])["checks"]
    assert json.loads(members["providers.json"])["probes"] is not None
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM history_raw").fetchone()[0] == before


def test_unwritable_destination_is_a_clear_error_even_as_root(tech, diagnostics, tmp_path,
                                                              monkeypatch):
    import app.field.diagnostics as module

    monkeypatch.setattr(module.os, "access", lambda path, mode: False)
    with pytest.raises(EdgeDeckError, match="read-only or not writable"):
        diagnostics.bundle(tech, tmp_path / "d.zip")
    assert not (tmp_path / "d.zip").exists()


def test_bundle_reports_the_knowledge_base_without_document_text(ctx, tech, diagnostics,
                                                                 tmp_path):
    (tmp_path / "ok.md").write_text("# Valve\n\nThe SECRET-PROCEDURE valve opens slowly.\n")
    (tmp_path / "empty.md").write_text("")
    ctx.knowledge.ingest(tech, [tmp_path / "ok.md", tmp_path / "empty.md"], "line 3")
    members = _members(Path(diagnostics.bundle(tech, tmp_path / "d.zip",
                                               include_benchmark=False).path))
    knowledge = json.loads(members["knowledge.json"])
    [collection] = knowledge["collections"]
    assert collection["name"] == "line 3" and collection["documents"] == 1
    assert collection["embedded"] == collection["chunks"] > 0
    [failed] = knowledge["failed_documents"]
    assert failed["file"] == "empty.md" and failed["reason"]
    assert knowledge["embedding_models"][0]["builtin"] is True
    assert b"SECRET-PROCEDURE" not in members["knowledge.json"]
