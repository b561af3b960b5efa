"""ModelRegistry: import, duplicates, activate/rollback, delete, lineage, roles, audit, safety."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import onnx
import pytest
from registry_helpers import classifier, files_under, model_folder, write_model

from app.auth.permissions import MINIMUM_ROLE, Permission, Role
from app.errors import PermissionDenied
from app.models.demo import DEMO_MODELS, seed_demo_models
from app.models.registry import ImportCancelled, ModelError, ModelNotFound, parse_version

ROOT = Path(__file__).resolve().parents[2]


def _audit(ctx, action=None, outcome=None):
    return [r for r in ctx.audit_trail.read_page(limit=500)
            if r.category == "model" and (action is None or r.action == action)
            and (outcome is None or r.outcome == outcome)]


def _no_leftovers(models_dir: Path) -> None:
    assert not (models_dir / ".staging").exists() or not any((models_dir / ".staging").iterdir())
    assert not (models_dir / ".trash").exists() or not any((models_dir / ".trash").iterdir())


# -- import --------------------------------------------------------------------------------------


def test_import_file_copies_checks_and_activates(ctx, registry, tech, tmp_path, models_dir):
    source = write_model(tmp_path / "Line 3 inspector.onnx")
    version = registry.import_model(tech, source, task="image-classification")
    assert version.model == "Line-3-inspector" and version.version == 1 and version.active
    assert version.file == "models/Line-3-inspector/v1/Line 3 inspector.onnx"
    assert version.path == ctx.data_dir / version.file
    assert version.path.read_bytes() == source.read_bytes()
    assert version.source == "import" and version.status == "active"
    assert version.opset == {"": 13} and version.inputs[0]["shape"] == ["batch", 4]
    assert version.producer == "tests 0.1" and version.labels is None
    assert registry.get_model(tech, "line-3-INSPECTOR").active_version == 1  # no case twins
    [record] = _audit(ctx, "import", "success")
    assert record.object == "model:Line-3-inspector/v1" and record.actor == "tech"
    assert record.details_dict["sha256"] == version.sha256
    assert record.details_dict["activated"] is True
    _no_leftovers(models_dir)


def test_import_folder_takes_labels_config_and_leaves_the_rest(registry, tech, tmp_path):
    folder = model_folder(tmp_path, "widget", classes=3, labels=["ok", "dent", "scratch"],
                          extra={"config.json": '{"task": "image-classification"}',
                                 "README.md": "notes", "train.py": "print()"})
    version = registry.import_model(tech, folder, description="line 3 widget")
    assert version.model == "widget" and version.labels == ["ok", "dent", "scratch"]
    assert registry.get_model(tech, "widget").task == "image-classification"  # from config
    assert registry.get_model(tech, "widget").description == "line 3 widget"
    assert sorted(f["path"] for f in version.files) == ["config.json", "labels.txt",
                                                        "model.onnx"]
    assert {f["path"]: f["role"] for f in version.files}["labels.txt"] == "labels"
    assert sorted(p.name for p in version.folder.iterdir()) == ["config.json", "labels.txt",
                                                                "model.onnx"]
    assert version.size_bytes == sum(f["size"] for f in version.files)


def test_labels_json_and_config_id2label(registry, tech, tmp_path):
    a = model_folder(tmp_path, "a", classes=2, labels=[])
    (a / "labels.json").write_text(json.dumps({"0": "good", "1": "bad"}))
    assert registry.import_model(tech, a, task="image-classification").labels == ["good", "bad"]
    b = model_folder(tmp_path, "b", classes=2, seed=1, labels=[])
    (b / "config.json").write_text(json.dumps({"id2label": {"1": "POSITIVE", "0": "NEGATIVE"}}))
    assert registry.import_model(tech, b, task="text-classification").labels == [
        "NEGATIVE", "POSITIVE"]


def test_label_count_must_match_a_classifier_output(registry, tech, tmp_path, models_dir):
    folder = model_folder(tmp_path, "m", classes=3, labels=["ok", "dent"])
    with pytest.raises(ModelError, match="lists 2 classes but the model's output "
                                         "'probabilities' has 3"):
        registry.import_model(tech, folder, task="image-classification")
    assert files_under(models_dir) == []


def test_folder_with_two_onnx_files_is_ambiguous(registry, tech, tmp_path):
    folder = model_folder(tmp_path, "m")
    write_model(folder / "model_quantized.onnx", seed=3)
    with pytest.raises(ModelError, match="holds 2 .onnx files"):
        registry.import_model(tech, folder)


@pytest.mark.parametrize("damage, reason", [
    (lambda b: b[: len(b) // 2], "truncated or corrupt"),
    (lambda b: b"", "is empty"),
    (lambda b: b"PK\x03\x04" + b[4:], "zip archive"),
])
def test_corrupt_files_are_refused_at_import(ctx, registry, tech, tmp_path, models_dir, damage,
                                             reason):
    path = tmp_path / "bad.onnx"
    path.write_bytes(damage(classifier(classes=40, features=40).SerializeToString()))
    with pytest.raises(ModelError, match=reason):
        registry.import_model(tech, path)
    assert registry.list_models(tech) == [] and files_under(models_dir) == []
    [failure] = _audit(ctx, "import", "failure")
    assert reason.split()[0] in failure.details_dict["reason"]


def test_model_that_does_not_load_is_refused(registry, tech, tmp_path, models_dir):
    model = classifier()
    model.graph.node[1].op_type, model.graph.node[1].domain = "Mystery", "com.example"
    model.opset_import.append(onnx.helper.make_opsetid("com.example", 1))
    with pytest.raises(ModelError, match="does not load in onnxruntime"):
        registry.import_model(tech, write_model(tmp_path / "m.onnx", model))
    assert registry.list_models(tech) == [] and files_under(models_dir) == []


def test_duplicate_is_refused_naming_the_version(registry, tech, tmp_path, models_dir):
    path = write_model(tmp_path / "m.onnx")
    registry.import_model(tech, path, name="cam")
    registry.import_model(tech, write_model(tmp_path / "m2.onnx", seed=1), name="cam")
    with pytest.raises(ModelError, match=r"already version v1 of 'cam'"):
        registry.import_model(tech, path, name="CAM")
    assert [v.version for v in registry.versions(tech, "cam")] == [1, 2]
    # the same file under another model name is a different model: allowed
    assert registry.import_model(tech, path, name="cam-copy").version == 1
    _no_leftovers(models_dir)


def test_a_new_version_is_added_but_not_activated(registry, tech, tmp_path):
    registry.import_model(tech, write_model(tmp_path / "a.onnx"), name="cam")
    second = registry.import_model(tech, write_model(tmp_path / "b.onnx", seed=2), name="cam",
                                   description="retrained on May data")
    assert second.version == 2 and not second.active and second.notes == "retrained on May data"
    assert registry.get_model(tech, "cam").active_version == 1


def test_a_new_version_cannot_change_the_task(registry, tech, tmp_path):
    registry.import_model(tech, write_model(tmp_path / "a.onnx"), name="cam",
                          task="image-classification")
    with pytest.raises(ModelError, match="is a image-classification model"):
        registry.import_model(tech, write_model(tmp_path / "b.onnx", seed=2), name="cam",
                              task="text-embedding")


@pytest.mark.parametrize("name", ["../evil", ".hidden", "a/b", "con", "x" * 65, "naïve"])
def test_bad_names_are_refused(registry, tech, tmp_path, name):
    with pytest.raises(ModelError, match="not a valid model name"):
        registry.import_model(tech, write_model(tmp_path / "a.onnx"), name=name)


def test_unknown_task_and_zip_are_refused(registry, tech, tmp_path):
    with pytest.raises(ModelError, match="Unknown task"):
        registry.import_model(tech, write_model(tmp_path / "a.onnx"), task="segmentation")
    (tmp_path / "p.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    with pytest.raises(ModelError, match="model package"):
        registry.import_model(tech, tmp_path / "p.zip")


def test_external_data_travels_with_the_model(registry, tech, tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    onnx.save_model(classifier(classes=32, features=32), str(folder / "model.onnx"),
                    save_as_external_data=True, location="weights.onnx_data", size_threshold=0)
    version = registry.import_model(tech, folder / "model.onnx", name="big")
    roles = {f["path"]: f["role"] for f in version.files}
    assert roles == {"model.onnx": "model", "weights.onnx_data": "external-data"}
    assert (version.folder / "weights.onnx_data").is_file()
    # a changed weights file with the same graph file is a new version, not a duplicate
    data = folder / "weights.onnx_data"
    raw = bytearray(data.read_bytes())
    raw[0] ^= 0xFF
    data.write_bytes(bytes(raw))
    assert registry.import_model(tech, folder / "model.onnx", name="big").version == 2


def test_progress_covers_check_copy_and_verify(registry, tech, tmp_path):
    path = write_model(tmp_path / "a.onnx", classifier(classes=64, features=512))
    seen = []
    registry.import_model(tech, path, progress=lambda d, t, text: seen.append((d, t, text)))
    size = path.stat().st_size
    assert seen[-1][0] == seen[-1][1] == 3 * size
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    texts = " ".join(text for _, _, text in seen)
    assert "checking a.onnx" in texts and "copying a.onnx" in texts and "verifying" in texts


def test_cancel_removes_everything(ctx, registry, tech, tmp_path, models_dir):
    path = write_model(tmp_path / "a.onnx", classifier(classes=64, features=512))
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ImportCancelled, match="cancelled"):
        registry.import_model(tech, path, cancelled=cancelled)
    assert registry.list_models(tech) == [] and files_under(models_dir) == []


def test_failure_while_committing_leaves_no_files_and_no_rows(ctx, registry, tech, tmp_path,
                                                             models_dir, monkeypatch):
    original = ctx.audit_trail.record

    def failing(actor, category, action, *args, **kwargs):
        if category == "model" and action == "import" and args[1] == "success":
            raise RuntimeError("disk full while auditing")
        return original(actor, category, action, *args, **kwargs)

    monkeypatch.setattr(ctx.audit_trail, "record", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        registry.import_model(tech, write_model(tmp_path / "a.onnx"), name="cam")
    monkeypatch.undo()
    assert registry.list_models(tech) == [] and files_under(models_dir) == []
    assert ctx.store.conn.execute("SELECT COUNT(*) FROM model_versions").fetchone()[0] == 0


def test_a_leftover_folder_from_a_crash_is_replaced(registry, tech, tmp_path, models_dir):
    stale = models_dir / "cam" / "v1"
    stale.mkdir(parents=True)
    (stale / "half-written.onnx").write_bytes(b"\x08")
    version = registry.import_model(tech, write_model(tmp_path / "a.onnx"), name="cam")
    assert sorted(p.name for p in version.folder.iterdir()) == ["a.onnx"]


# -- activation ----------------------------------------------------------------------------------


@pytest.fixture
def three_versions(registry, tech, tmp_path):
    for seed in range(3):
        registry.import_model(tech, write_model(tmp_path / f"m{seed}.onnx", seed=seed),
                              name="cam")
    return registry


def test_activate_and_rollback_follow_the_history(ctx, three_versions, tech):
    registry = three_versions
    assert registry.activate(tech, "cam", 2).active_version == 2
    assert registry.activate(tech, "cam", 3).active_version == 3
    assert registry.rollback(tech, "cam").active_version == 2
    assert registry.rollback(tech, "cam").active_version == 1
    with pytest.raises(ModelError, match="no earlier active version"):
        registry.rollback(tech, "cam")
    assert [v.version for v in registry.versions(tech, "cam") if v.active] == [1]
    actions = [(r.action, r.object) for r in _audit(ctx) if r.action in ("activate",
                                                                         "rollback")]
    assert actions[::-1] == [("activate", "model:cam/v2"), ("activate", "model:cam/v3"),
                             ("rollback", "model:cam/v2"), ("rollback", "model:cam/v1")]
    rows = ctx.store.conn.execute("SELECT from_version, to_version, kind, activated_by FROM"
                                  " model_activations ORDER BY id").fetchall()
    assert rows[0] == (None, 1, "import", "tech") and rows[-1] == (2, 1, "rollback", "tech")


def test_activating_after_a_rollback_starts_a_new_branch(three_versions, tech):
    registry = three_versions
    registry.activate(tech, "cam", 2)
    registry.rollback(tech, "cam")  # -> 1
    registry.activate(tech, "cam", 3)
    assert registry.rollback(tech, "cam").active_version == 1


def test_activate_the_active_version_changes_nothing(ctx, three_versions, tech):
    model = three_versions.activate(tech, "cam", 1)
    assert model.active_version == 1
    assert _audit(ctx, "activate")[0].details_dict["unchanged"] is True


def test_activate_refuses_missing_deleted_and_damaged_versions(three_versions, tech, admin):
    registry = three_versions
    with pytest.raises(ModelNotFound, match="no version v9"):
        registry.activate(tech, "cam", 9)
    with pytest.raises(ModelNotFound, match="no model named 'nope'"):
        registry.activate(tech, "nope", 1)
    registry.delete_version(admin, "cam", 2)
    with pytest.raises(ModelError, match="cam/v2 was deleted"):
        registry.activate(tech, "cam", 2)
    registry.get_version(tech, "cam", 3).path.write_bytes(b"tampered")
    with pytest.raises(ModelError, match="missing or damaged"):
        registry.activate(tech, "cam", 3)


def test_rollback_skips_versions_whose_files_were_deleted(three_versions, tech, admin):
    registry = three_versions
    registry.activate(tech, "cam", 2)
    registry.activate(tech, "cam", 3)
    registry.delete_version(admin, "cam", 2)
    assert registry.rollback(tech, "cam").active_version == 1


# -- deletion ------------------------------------------------------------------------------------


def test_delete_version_keeps_the_row_and_removes_the_files(ctx, three_versions, tech, admin,
                                                            models_dir):
    registry = three_versions
    with pytest.raises(ModelError, match="is the active version"):
        registry.delete_version(admin, "cam", 1)
    folder = registry.get_version(tech, "cam", 2).folder
    deleted = registry.delete_version(admin, "cam", 2)
    assert deleted.status == "retired" and not folder.exists()
    assert [(v.version, v.status) for v in registry.versions(tech, "cam")] == [
        (1, "active"), (2, "retired"), (3, "active")]
    assert registry.get_model(tech, "cam").version_count == 2
    with pytest.raises(ModelError, match="already deleted"):
        registry.delete_version(admin, "cam", 2)
    [record] = _audit(ctx, "delete_version")
    assert record.actor == "admin" and record.details_dict["files_found"] is True
    _no_leftovers(models_dir)
    # numbers are never reused, and the deleted file may come back as a new version
    again = registry.import_model(tech, ctx.data_dir.parent / "m1.onnx", name="cam")
    assert again.version == 4


def test_delete_version_failure_puts_the_files_back(ctx, three_versions, tech, admin,
                                                    monkeypatch):
    registry = three_versions
    folder = registry.get_version(tech, "cam", 2).folder

    def failing(*args, **kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(ctx.audit_trail, "record", failing)
    with pytest.raises(RuntimeError):
        registry.delete_version(admin, "cam", 2)
    monkeypatch.undo()
    assert folder.is_dir() and registry.get_version(tech, "cam", 2).status == "active"


def test_delete_model_removes_everything(ctx, three_versions, tech, admin, models_dir):
    registry = three_versions
    registry.record_benchmark(tech, "cam", 1, {"provider_requested": "CPUExecutionProvider",
                                               "provider_used": "CPUExecutionProvider",
                                               "results": {"mean_ms": 1.0}})
    registry.delete_model(admin, "cam")
    assert registry.list_models(tech) == [] and files_under(models_dir) == []
    for table in ("models", "model_versions", "model_benchmarks", "model_activations"):
        assert ctx.store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    [record] = _audit(ctx, "delete")
    assert [v["version"] for v in record.details_dict["versions"]] == [1, 2, 3]
    _no_leftovers(models_dir)


# -- lineage and benchmarks ----------------------------------------------------------------------


def test_lineage_of_optimized_versions(ctx, registry, tech, admin, tmp_path):
    folder = model_folder(tmp_path, "cam", labels=["a", "b", "c"],
                          extra={"config.json": "{}"})
    registry.import_model(tech, folder, task="image-classification")
    int8 = registry.add_version(tech, "cam", write_model(tmp_path / "q.onnx", seed=5),
                                "optimize:int8", 1, {"top1": -0.004, "samples": 500})
    fp16 = registry.add_version(tech, "cam", write_model(tmp_path / "h.onnx", seed=6),
                                "optimize:fp16", 2, {"top1": 0.0})
    assert int8.labels == ["a", "b", "c"] and int8.parent_version == 1
    assert sorted(f["path"] for f in int8.files) == ["config.json", "labels.txt", "q.onnx"]
    chain = registry.lineage(tech, "cam", 3)
    assert [(v.version, v.source) for v in chain] == [
        (3, "optimize:fp16"), (2, "optimize:int8"), (1, "import")]
    assert chain[1].accuracy == {"top1": -0.004, "samples": 500}
    assert not fp16.active and registry.get_model(tech, "cam").active_version == 1
    registry.delete_version(admin, "cam", 2)  # lineage survives a deleted middle version
    assert [v.version for v in registry.lineage(tech, "cam", 3)] == [3, 2, 1]
    [record] = _audit(ctx, "add_version")[-1:]
    assert record.details_dict["parent_version"] == 1
    assert record.details_dict["source"] == "optimize:int8"


def test_add_version_checks_its_arguments(registry, tech, tmp_path):
    registry.import_model(tech, write_model(tmp_path / "a.onnx"), name="cam")
    with pytest.raises(ModelError, match="Unknown source"):
        registry.add_version(tech, "cam", write_model(tmp_path / "b.onnx", seed=1), "magic", 1)
    with pytest.raises(ModelNotFound, match="no version v7"):
        registry.add_version(tech, "cam", tmp_path / "b.onnx", "optimize:int8", 7)
    with pytest.raises(ModelNotFound):
        registry.add_version(tech, "other", tmp_path / "b.onnx", "optimize:int8", 1)


def test_benchmarks_are_recorded_per_version(ctx, three_versions, tech):
    registry = three_versions
    registry.record_benchmark(tech, "cam", 1, {
        "provider_requested": "CUDAExecutionProvider", "provider_used": "CPUExecutionProvider",
        "settings": {"batch": 1}, "results": {"p50_ms": 1.2, "inferences_per_s": 800}})
    registry.record_benchmark(tech, "cam", 2, {
        "provider_requested": "CPUExecutionProvider", "provider_used": "CPUExecutionProvider",
        "mean_ms": 2.0})
    newest, oldest = registry.benchmarks(tech, "cam")
    assert (newest.version, newest.results) == (2, {"mean_ms": 2.0})
    assert oldest.provider_used == "CPUExecutionProvider" and oldest.settings == {"batch": 1}
    assert [b.version for b in registry.benchmarks(tech, "cam", 1)] == [1]
    with pytest.raises(ModelError, match="provider_used"):
        registry.record_benchmark(tech, "cam", 1, {"provider_requested": "x"})
    assert len(_audit(ctx, "benchmark")) == 2


# -- roles -------------------------------------------------------------------------------------


CALLS = [
    (Permission.VIEW_STATUS, lambda r, a, p: r.list_models(a)),
    (Permission.VIEW_STATUS, lambda r, a, p: r.versions(a, "cam")),
    (Permission.VIEW_STATUS, lambda r, a, p: r.lineage(a, "cam", 1)),
    (Permission.VIEW_STATUS, lambda r, a, p: r.benchmarks(a, "cam")),
    (Permission.MANAGE_MODELS, lambda r, a, p: r.import_model(a, p, name="cam")),
    (Permission.MANAGE_MODELS, lambda r, a, p: r.activate(a, "cam", 2)),
    (Permission.MANAGE_MODELS, lambda r, a, p: r.rollback(a, "base")),
    (Permission.MANAGE_MODELS,
     lambda r, a, p: r.add_version(a, "cam", p, "optimize:int8", 1, {"top1": 0})),
    (Permission.MANAGE_MODELS, lambda r, a, p: r.record_benchmark(
        a, "cam", 1, {"provider_requested": "CPU", "provider_used": "CPU"})),
    (Permission.DELETE_DATA, lambda r, a, p: r.delete_version(a, "cam", 2)),
    (Permission.DELETE_DATA, lambda r, a, p: r.delete_model(a, "cam")),
]


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize("index", range(len(CALLS)))
def test_role_matrix(ctx, registry, admin, tmp_path, role, index):
    registry.import_model(admin, write_model(tmp_path / "one.onnx", seed=1), name="cam")
    registry.import_model(admin, write_model(tmp_path / "two.onnx", seed=2), name="cam")
    registry.import_model(admin, write_model(tmp_path / "b1.onnx", seed=3), name="base")
    registry.import_model(admin, write_model(tmp_path / "b2.onnx", seed=4), name="base")
    registry.activate(admin, "base", 2)
    ctx.users.add_user(admin, f"as-{role}", f"{role}-password-1", role)
    actor = ctx.users.authenticate(f"as-{role}", f"{role}-password-1")
    permission, call = CALLS[index]
    new_file = write_model(tmp_path / "new.onnx", seed=9)
    if Role(role).rank >= MINIMUM_ROLE[permission].rank:
        call(registry, actor, new_file)
    else:
        before = ctx.audit_trail.head().seq
        with pytest.raises(PermissionDenied):
            call(registry, actor, new_file)
        denied = [r for r in ctx.audit_trail.read_page(limit=5) if r.seq > before]
        assert [r.action for r in denied] == ["permission_denied"]
        assert denied[0].actor == f"as-{role}"
        assert [v.version for v in registry.versions(admin, "cam")] == [1, 2]


def test_operator_lists_but_cannot_import_and_technician_cannot_delete(
        registry, operator, tech, tmp_path):
    registry.import_model(tech, write_model(tmp_path / "a.onnx"), name="cam")
    assert [m.name for m in registry.list_models(operator)] == ["cam"]
    with pytest.raises(PermissionDenied, match="manage models"):
        registry.import_model(operator, write_model(tmp_path / "b.onnx", seed=1), name="cam")
    with pytest.raises(PermissionDenied, match="delete data"):
        registry.delete_model(tech, "cam")


# -- odds and ends -----------------------------------------------------------------------------


def test_parse_version():
    assert parse_version("v3") == parse_version("3") == parse_version(3) == 3
    with pytest.raises(Exception, match="not a version number"):
        parse_version("latest")


def test_demo_models_are_seeded_once(registry, admin):
    imported = seed_demo_models(registry, admin)
    assert [v.model for v in imported] == [name for name, _, _ in DEMO_MODELS]
    inspector, text = imported
    assert inspector.labels == ["ok", "scratch", "dent", "missing-part", "discoloration"]
    assert inspector.inputs[0]["shape"] == ["batch", 3, 64, 64]
    assert text.labels == ["routine", "maintenance", "fault"]
    assert {f["path"] for f in text.files} >= {"vocab.txt", "config.json"}
    assert "RANDOM WEIGHTS" in registry.get_model(admin, "demo-inspector").description
    assert seed_demo_models(registry, admin) == []


def test_demo_models_are_reproducible(tmp_path):
    script = ROOT / "resources" / "demo" / "make_demo_models.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    committed = ROOT / "resources" / "demo" / "models"
    for name, _, _ in DEMO_MODELS:
        for path in (tmp_path / name).iterdir():
            assert path.read_bytes() == (committed / name / path.name).read_bytes(), path
            assert path.stat().st_size < 1 << 20


def test_registry_import_does_not_load_onnx_or_onnxruntime():
    code = ("import sys, app.models.registry, app.models.package, app.cli.models\n"
            "bad = [m for m in ('onnx', 'onnxruntime', 'torch') if m in sys.modules]\n"
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_disk_errors_become_one_clear_message(ctx, registry, tech, tmp_path, models_dir,
                                              monkeypatch):
    import errno

    from app.errors import DiskFullError, EdgeDeckError
    from app.models import registry as registry_module

    def full(src, dst, progress, text):
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(registry_module, "copy_file", full)
    with pytest.raises(DiskFullError, match="is full while importing a.onnx") as raised:
        registry.import_model(tech, write_model(tmp_path / "a.onnx"))
    assert raised.value.exit_code == 74
    assert files_under(models_dir) == [] and registry.list_models(tech) == []
    assert "is full" in _audit(ctx, "import", "failure")[0].details_dict["reason"]

    def unreadable(src, dst, progress, text):
        raise OSError(errno.EIO, "Input/output error", str(src))

    monkeypatch.setattr(registry_module, "copy_file", unreadable)
    with pytest.raises(EdgeDeckError, match="Input/output error.*Nothing was imported"):
        registry.import_model(tech, write_model(tmp_path / "b.onnx"))
