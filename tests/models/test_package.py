"""Model packages from USB: every unsafe or inconsistent member is refused, by name, before
anything is extracted; nothing is left behind; a package imports all of its models or none."""

from __future__ import annotations

import json
import warnings
import zipfile

import pytest
from registry_helpers import (
    classifier,
    files_under,
    manifest_for,
    model_entry,
    model_folder,
    patch_declared_size,
    sha,
    write_zip,
)

from app.errors import PermissionDenied
from app.models.package import (
    Limits,
    PackageError,
    PackageSource,
    build_package,
    export_package,
    import_package,
    unsafe_reason,
)

MODEL = classifier(classes=2).SerializeToString()
LABELS = b"ok\nbad\n"


def _members(prefix: str = "m") -> dict[str, bytes]:
    return {f"{prefix}/model.onnx": MODEL, f"{prefix}/labels.txt": LABELS}


def _package(tmp_path, extra_members=(), manifest_members=None, name="pkg.zip", **entry_kw):
    """A package of model 'm' whose manifest lists `manifest_members` (default: the real two)
    and whose zip also holds `extra_members` [(name or ZipInfo, data)]."""
    members = _members()
    listed = manifest_members if manifest_members is not None else members
    manifest = manifest_for([model_entry("m", listed, entry="m/model.onnx", **entry_kw)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        return write_zip(tmp_path / name, manifest, [*members.items(), *extra_members])


def _refused(ctx, registry, tech, path, match, models_dir, **kwargs):
    with pytest.raises(PackageError, match=match) as err:
        import_package(registry, tech, path, **kwargs)
    assert "\n" not in str(err.value)
    assert files_under(models_dir) == [], "something was extracted"
    assert registry.list_models(tech) == []
    failures = [r for r in ctx.audit_trail.read_page(limit=20)
                if r.action == "import_package" and r.outcome == "failure"]
    assert failures and failures[0].details_dict["reason"] == str(err.value)
    return str(err.value)


# -- good packages -------------------------------------------------------------------------------


def test_build_and_import_a_two_model_package(ctx, registry, tech, tmp_path, models_dir):
    a = model_folder(tmp_path / "src", "cam", classes=3, labels=["ok", "dent", "scratch"])
    b = model_folder(tmp_path / "src", "txt", classes=2, seed=4, labels=[],
                     extra={"vocab.txt": "a\nb\n"})
    path = build_package(tmp_path / "update.zip", [
        PackageSource("cam", "image-classification", a, version_label="2024-05"),
        PackageSource("txt", "text-classification", b, labels=["no", "yes"],
                      description="demo text")])
    seen = []
    versions = import_package(registry, tech, path, progress=lambda *p: seen.append(p))
    assert [(v.tag, v.source, v.label, v.active) for v in versions] == [
        ("cam/v1", "package", "2024-05", True), ("txt/v1", "package", "", True)]
    assert versions[0].labels == ["ok", "dent", "scratch"]
    assert versions[1].labels == ["no", "yes"]
    assert sorted(f["path"] for f in versions[1].files) == ["model.onnx", "vocab.txt"]
    assert (versions[0].folder / "labels.txt").read_text().split() == ["ok", "dent", "scratch"]
    assert registry.get_model(tech, "txt").description == "demo text"
    assert seen[-1][0] == seen[-1][1] and "extracting" in " ".join(p[2] for p in seen)
    records = [r for r in ctx.audit_trail.read_page(limit=20) if r.category == "model"]
    assert records[0].action == "import_package" and records[0].outcome == "success"
    assert records[0].details_dict["models"] == ["cam/v1", "txt/v1"]
    assert {r.object for r in records if r.action == "import"} == {"model:cam/v1",
                                                                   "model:txt/v1"}
    assert files_under(models_dir / ".staging") == []


def test_entry_may_be_given_by_file_name_and_labels_by_file(registry, tech, tmp_path):
    members = _members()
    manifest = manifest_for([model_entry("m", members, entry="model.onnx",
                                         labels="m/labels.txt")])
    path = write_zip(tmp_path / "p.zip", manifest, list(members.items()))
    [version] = import_package(registry, tech, path)
    assert version.labels == ["ok", "bad"] and version.file.endswith("m/v1/model.onnx")


def test_export_and_reimport_round_trip(registry, tech, admin, tmp_path):
    original = registry.import_model(tech, model_folder(tmp_path, "cam", labels=["a", "b", "c"]),
                                     task="image-classification")
    path = export_package(registry, tech, tmp_path / "out.zip", [("cam", None)])
    registry.delete_model(admin, "cam")
    [again] = import_package(registry, tech, path)
    assert (again.sha256, again.labels, again.label) == (original.sha256, ["a", "b", "c"], "v1")


def test_a_package_already_imported_is_refused_by_version(registry, tech, tmp_path,
                                                          models_dir):
    path = _package(tmp_path)
    import_package(registry, tech, path)
    with pytest.raises(PackageError, match="already version v1 of 'm'") as err:
        import_package(registry, tech, path)
    assert str(err.value).count("othing was") == 1
    assert [v.version for v in registry.versions(tech, "m")] == [1]
    assert files_under(models_dir / ".staging") == []


def test_all_or_nothing_when_one_model_is_corrupt(ctx, registry, tech, tmp_path, models_dir):
    good = _members("good")
    bad = {"bad/model.onnx": MODEL[: len(MODEL) // 2]}  # checksums match: damaged at the source
    manifest = manifest_for([model_entry("good", good), model_entry("bad", bad)])
    path = write_zip(tmp_path / "p.zip", manifest, [*good.items(), *bad.items()])
    message = _refused(ctx, registry, tech, path, "truncated or corrupt", models_dir)
    assert message.startswith("Refused the package p.zip: model 'bad': model.onnx is truncated")
    assert message.endswith("Nothing was imported.") and message.count("othing was") == 1


# -- unsafe members: refused by name, nothing extracted --------------------------------------------


def _symlink(name: str, target: bytes) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return info, target


@pytest.mark.parametrize("member, reason", [
    ("../evil.txt", "climbs out of the package"),
    ("m/../../evil.txt", "climbs out of the package"),
    ("/etc/cron.d/evil.txt", "absolute path"),
    ("C:/Windows/evil.txt", "drive letter"),
    ("C:evil.txt", "drive letter"),
    ("m\\..\\..\\evil.txt", "backslashes"),
    ("m/./labels2.txt", "empty or '.' path component"),
])
def test_path_tricks_are_refused(ctx, registry, tech, tmp_path, models_dir, member, reason):
    path = _package(tmp_path, [(member, b"pwned")])
    message = _refused(ctx, registry, tech, path, reason, models_dir)
    assert f"member '{member}'" in message
    assert not (tmp_path / "evil.txt").exists() and not (models_dir.parent / "evil.txt").exists()


def test_symlink_member_is_refused(ctx, registry, tech, tmp_path, models_dir):
    members = _members()
    manifest = manifest_for([model_entry("m", {**members, "m/vocab.txt": b"/etc/shadow"},
                                         entry="m/model.onnx")])
    path = write_zip(tmp_path / "p.zip", manifest,
                     [*members.items(), _symlink("m/vocab.txt", b"/etc/shadow")])
    _refused(ctx, registry, tech, path, "member 'm/vocab.txt' is a symbolic link", models_dir)


def test_unlisted_member_is_refused(ctx, registry, tech, tmp_path, models_dir):
    path = _package(tmp_path, [("m/extra.json", b"{}")])
    _refused(ctx, registry, tech, path, "member 'm/extra.json' is not listed", models_dir)


def test_duplicate_member_is_refused(ctx, registry, tech, tmp_path, models_dir):
    path = _package(tmp_path, [("m/labels.txt", b"evil\nlabels\n")])
    _refused(ctx, registry, tech, path, "member 'm/labels.txt' appears more than once",
             models_dir)


def test_case_twins_are_duplicates(ctx, registry, tech, tmp_path, models_dir):
    path = _package(tmp_path, [("m/LABELS.txt", LABELS)])
    _refused(ctx, registry, tech, path, "member 'm/LABELS.txt' appears more than once",
             models_dir)


def test_oversize_member_is_refused_from_its_header(ctx, registry, tech, tmp_path, models_dir):
    path = _package(tmp_path)
    limits = Limits(member_bytes=len(MODEL) - 1)
    _refused(ctx, registry, tech, path, r"member 'm/model.onnx' expands to \d+ bytes, above the "
             r"limit",
             models_dir, limits=limits)


def test_total_size_limit(ctx, registry, tech, tmp_path, models_dir):
    path = _package(tmp_path)
    _refused(ctx, registry, tech, path, "expand to .* above the limit", models_dir,
             limits=Limits(total_bytes=len(MODEL)))


def test_zip_bomb_declaring_a_small_size_is_refused(ctx, registry, tech, tmp_path, models_dir):
    bomb = b"\0" * (32 << 20)  # 32 MiB of zeros deflates to ~32 KiB
    declared = 1000
    members = _members()
    listed = {**members, "m/weights.bin": bomb[:declared]}
    manifest = manifest_for([model_entry("m", listed, entry="m/model.onnx")])
    path = write_zip(tmp_path / "bomb.zip", manifest, [*members.items(), ("m/weights.bin",
                                                                           bomb)])
    assert path.stat().st_size < 1 << 20
    patch_declared_size(path, "m/weights.bin", declared)
    message = _refused(ctx, registry, tech, path, "member 'm/weights.bin'", models_dir)
    assert "zip bomb" in message


def test_declared_size_must_match_the_manifest(ctx, registry, tech, tmp_path, models_dir):
    members = _members()
    manifest = manifest_for([model_entry("m", members, entry="m/model.onnx")])
    manifest["models"][0]["files"][1]["size"] = 3
    path = write_zip(tmp_path / "p.zip", manifest, list(members.items()))
    _refused(ctx, registry, tech, path, "member 'm/labels.txt' is 7 bytes but manifest.json "
             "says 3", models_dir)


def test_checksum_mismatch_is_refused(ctx, registry, tech, tmp_path, models_dir):
    members = _members()
    manifest = manifest_for([model_entry("m", members, entry="m/model.onnx")])
    manifest["models"][0]["files"][1]["sha256"] = sha(b"other labels")
    path = write_zip(tmp_path / "p.zip", manifest, list(members.items()))
    _refused(ctx, registry, tech, path, "member 'm/labels.txt' fails its checksum", models_dir)


def test_unknown_file_type_is_refused(ctx, registry, tech, tmp_path, models_dir):
    members = {**_members(), "m/run.exe": b"MZ..."}
    manifest = manifest_for([model_entry("m", members, entry="m/model.onnx")])
    path = write_zip(tmp_path / "p.zip", manifest, list(members.items()))
    _refused(ctx, registry, tech, path, "member 'm/run.exe' has an unknown file type '.exe'",
             models_dir)


def test_only_onnx_entries(ctx, registry, tech, tmp_path, models_dir):
    members = {"m/model.pt": b"\x80\x02torch", "m/labels.txt": LABELS}
    manifest = manifest_for([model_entry("m", members, entry="m/model.pt")])
    path = write_zip(tmp_path / "p.zip", manifest, list(members.items()))
    _refused(ctx, registry, tech, path, "'m/model.pt' is not an .onnx model", models_dir)


def test_a_second_onnx_file_must_be_an_entry(ctx, registry, tech, tmp_path, models_dir):
    members = {**_members(), "m/other.onnx": MODEL}
    manifest = manifest_for([model_entry("m", members, entry="m/model.onnx")])
    path = write_zip(tmp_path / "p.zip", manifest, list(members.items()))
    _refused(ctx, registry, tech, path, "member 'm/other.onnx' is an ONNX file but no model's "
             "entry", models_dir)


def test_listed_file_missing_from_the_zip(ctx, registry, tech, tmp_path, models_dir):
    path = _package(tmp_path, manifest_members={**_members(), "m/vocab.txt": b"x"})
    _refused(ctx, registry, tech, path, "'m/vocab.txt' is listed in manifest.json but not in "
             "the package", models_dir)


def test_several_problems_are_summarised(ctx, registry, tech, tmp_path, models_dir):
    path = _package(tmp_path, [("../a.txt", b"1"), ("/b.txt", b"2"), ("m/c.txt", b"3"),
                               ("m/d.txt", b"4")])
    message = _refused(ctx, registry, tech, path, "and 1 more problems", models_dir)
    assert "'../a.txt'" in message and "'/b.txt'" in message


# -- manifest and container ----------------------------------------------------------------------


@pytest.mark.parametrize("change, match", [
    (lambda m: m.update(format="something-else"), "not an EdgeDeck model package"),
    (lambda m: m.update(format_version=2), "made for a newer EdgeDeck"),
    (lambda m: m.update(models=[]), "'models' must be a non-empty list"),
    (lambda m: m["models"][0].update(name="../x"), "not a valid model name"),
    (lambda m: m["models"][0].update(task="magic"), "Unknown task"),
    (lambda m: m["models"][0].update(entry="nope.onnx"), "is not exactly one of its files"),
    (lambda m: m["models"][0]["files"][0].update(sha256="abc"), "no valid sha256"),
    (lambda m: m["models"][0]["files"][0].update(path="../model.onnx"), "unsafe"),
    (lambda m: m["models"].append(dict(m["models"][0])), "repeats the model name"),
])
def test_bad_manifests_are_refused(ctx, registry, tech, tmp_path, models_dir, change, match):
    members = _members()
    manifest = manifest_for([model_entry("m", members, entry="m/model.onnx")])
    change(manifest)
    path = write_zip(tmp_path / "p.zip", manifest, list(members.items()))
    _refused(ctx, registry, tech, path, match, models_dir)


def test_no_manifest_or_not_json(ctx, registry, tech, tmp_path, models_dir):
    path = write_zip(tmp_path / "a.zip", None, list(_members().items()))
    _refused(ctx, registry, tech, path, "has no manifest.json", models_dir)
    with zipfile.ZipFile(tmp_path / "b.zip", "w") as zf:
        zf.writestr("manifest.json", "{not json")
    _refused(ctx, registry, tech, tmp_path / "b.zip", "not valid JSON", models_dir)


def test_not_a_zip_or_truncated_zip(ctx, registry, tech, tmp_path, models_dir):
    (tmp_path / "x.zip").write_text("hello")
    _refused(ctx, registry, tech, tmp_path / "x.zip", "not a zip file", models_dir)
    good = _package(tmp_path)
    (tmp_path / "cut.zip").write_bytes(good.read_bytes()[:-30])
    _refused(ctx, registry, tech, tmp_path / "cut.zip", "not a zip file", models_dir)


def test_operator_cannot_import_packages(ctx, registry, operator, tmp_path, models_dir):
    with pytest.raises(PermissionDenied):
        import_package(registry, operator, _package(tmp_path))
    assert files_under(models_dir) == []


def test_cancel_during_extraction_leaves_nothing(registry, tech, tmp_path, models_dir):
    from app.models.registry import ImportCancelled

    calls = []
    with pytest.raises(ImportCancelled):
        import_package(registry, tech, _package(tmp_path),
                       cancelled=lambda: bool(calls.append(1)) or len(calls) > 1)
    assert files_under(models_dir) == [] and registry.list_models(tech) == []


def test_unsafe_reason_accepts_plain_paths():
    assert unsafe_reason("m/model.onnx") is None
    assert unsafe_reason("a/b/c.onnx_data") is None
    assert json.dumps(unsafe_reason("..")) != "null"


def test_external_data_through_a_package(registry, tech, tmp_path):
    import onnx

    folder = tmp_path / "src" / "big"
    folder.mkdir(parents=True)
    onnx.save_model(classifier(classes=2, features=64), str(folder / "model.onnx"),
                    save_as_external_data=True, location="weights.bin", size_threshold=0)
    (folder / "notes.bin").write_bytes(b"not referenced by the graph")
    path = build_package(tmp_path / "p.zip", [PackageSource("big", "other", folder)])
    [version] = import_package(registry, tech, path)
    roles = {f["path"]: f["role"] for f in version.files}
    assert roles == {"model.onnx": "model", "weights.bin": "external-data", "notes.bin": "other"}


def test_manifest_labels_win_over_files(registry, tech, tmp_path):
    members = {**_members(), "m/config.json": json.dumps({"id2label": {"0": "x", "1": "y"}})
               .encode()}
    manifest = manifest_for([model_entry("m", members, entry="m/model.onnx",
                                         labels=["good", "bad"])])
    [version] = import_package(registry, tech, write_zip(tmp_path / "p.zip", manifest,
                                                         list(members.items())))
    assert version.labels == ["good", "bad"]
