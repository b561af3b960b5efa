"""Crafted model folders and packages (issue 12): files linked out of the chosen folder, FIFOs,
names that are not UTF-8, manifests and labels nested 100,000 deep, members flagged encrypted,
and a disk that fills up during an import."""

from __future__ import annotations

import errno
import io
import json
import os
import sys
import zipfile
from pathlib import Path

import onnx
import pytest
from registry_helpers import (
    classifier,
    files_under,
    manifest_for,
    model_entry,
    model_folder,
    patch_encrypted_flag,
    write_model,
    write_zip,
)

from app.cli import main
from app.errors import DiskFullError
from app.models.package import PackageError, import_package
from app.models.registry import ModelError
from tests.knowledge.helpers import deadline

SECRET = "zebracorn"
MODEL = classifier(classes=2).SerializeToString()


@pytest.fixture
def outside(tmp_path):
    folder = tmp_path / "etc"
    folder.mkdir()
    (folder / "three-lines").write_text(f"root\n{SECRET}\ndaemon\n", encoding="utf-8")
    (folder / "config.json").write_text(json.dumps({"task": "image-classification",
                                                    "secret": SECRET}), encoding="utf-8")
    write_model(folder / "model.onnx")
    return folder


def _nothing_imported(registry, tech, models_dir):
    assert registry.list_models(tech) == []
    assert files_under(models_dir) == []


@pytest.mark.parametrize("side, target", [("labels.txt", "three-lines"),
                                          ("config.json", "config.json"),
                                          ("model.onnx", "model.onnx")])
def test_files_linked_out_of_a_model_folder_are_refused(registry, tech, tmp_path, models_dir,
                                                       outside, side, target):
    folder = model_folder(tmp_path, "inspector", labels=[])
    (folder / side).unlink(missing_ok=True)
    (folder / side).symlink_to(outside / target)
    with pytest.raises(ModelError, match=f"{side}: It is a link to .*outside the folder"):
        registry.import_model(tech, folder)
    _nothing_imported(registry, tech, models_dir)


def test_a_named_model_file_linked_out_of_its_folder_is_refused(registry, tech, tmp_path,
                                                                models_dir, outside):
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "inspector.onnx").symlink_to(outside / "model.onnx")
    (usb / "docs").symlink_to(outside)
    for path in (usb / "inspector.onnx", usb / "docs" / "model.onnx"):
        with pytest.raises(ModelError, match="outside the folder"):
            registry.import_model(tech, path)
    _nothing_imported(registry, tech, models_dir)


def test_external_data_reached_through_a_linked_folder_is_refused(registry, tech, tmp_path,
                                                                  models_dir):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "data").mkdir(parents=True)
    onnx.save_model(classifier(classes=4, features=8), str(elsewhere / "model.onnx"),
                    save_as_external_data=True, location="data/weights.bin", size_threshold=0)
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "model.onnx").write_bytes((elsewhere / "model.onnx").read_bytes())
    (folder / "data").symlink_to(elsewhere / "data")
    with pytest.raises(ModelError, match="outside"):  # onnx's checker says so too
        registry.import_model(tech, folder / "model.onnx")
    _nothing_imported(registry, tech, models_dir)


def test_a_fifo_in_a_model_folder_is_refused_without_blocking(registry, tech, tmp_path,
                                                              models_dir):
    folder = model_folder(tmp_path, "inspector", labels=[])
    os.mkfifo(folder / "labels.txt")
    with deadline(60, "importing a folder holding a FIFO"), \
            pytest.raises(ModelError, match="labels.txt: It is a device, pipe or socket"):
        registry.import_model(tech, folder)
    _nothing_imported(registry, tech, models_dir)


def test_a_package_that_is_a_fifo_or_leaves_its_folder_is_refused(ctx, registry, tech,
                                                                  tmp_path, models_dir,
                                                                  outside):
    usb = tmp_path / "usb"
    usb.mkdir()
    os.mkfifo(usb / "pipe.zip")
    write_zip(outside / "real.zip", manifest_for([model_entry("m", {"m/model.onnx": MODEL})]),
              [("m/model.onnx", MODEL)])
    (usb / "link.zip").symlink_to(outside / "real.zip")
    with deadline(60, "importing a FIFO named like a package"):
        with pytest.raises(PackageError, match="device, pipe or socket"):
            import_package(registry, tech, usb / "pipe.zip")
    with pytest.raises(PackageError, match="outside the folder"):
        import_package(registry, tech, usb / "link.zip")
    _nothing_imported(registry, tech, models_dir)


def test_names_that_are_not_utf8_are_refused_or_imported_and_shown_safely(
        ctx, registry, tech, tmp_path, models_dir):
    folder = os.fsencode(tmp_path) + b"/mod\xe9le"
    os.mkdir(folder)
    write_model(Path(os.fsdecode(folder + b"/inspector.onnx")))
    # onnx takes only UTF-8 paths: a clear refusal naming the file, not a crash
    with pytest.raises(ModelError, match="mod\\\\xe9le.*not valid UTF-8"):
        registry.import_model(tech, os.fsdecode(folder))
    _nothing_imported(registry, tech, models_dir)
    for record in ctx.audit_trail.read_page(limit=5):
        json.dumps(record.details_dict, ensure_ascii=False).encode("utf-8")
    # a package is unpacked under names of its own: an undecodable zip name is fine
    package = os.fsdecode(os.fsencode(tmp_path) + b"/p\xe9.zip")
    write_zip(Path(package), manifest_for([model_entry("m", {"m/model.onnx": MODEL})]),
              [("m/model.onnx", MODEL)])
    [version] = import_package(registry, tech, package)
    assert version.model == "m" and version.path.is_file()
    for record in ctx.audit_trail.read_page(limit=5):
        json.dumps(record.details_dict, ensure_ascii=False).encode("utf-8")


def test_the_cli_prints_undecodable_names_safely(ctx, admin, tech, tmp_path, capsys,
                                                 monkeypatch):
    folder = os.fsencode(tmp_path) + b"/caf\xe9"
    os.mkdir(folder)
    write_model(Path(os.fsdecode(folder + b"/model.onnx")))
    broken = os.fsdecode(folder + b"/not-a-model\xe9.onnx")
    with open(broken, "wb") as handle:
        handle.write(b"garbage")
    monkeypatch.setattr(sys, "stdin", io.StringIO("tech-password\n"))
    code = main(["--data-dir", str(ctx.data_dir), "models", "import", broken, "--user", "tech"])
    _out, err = capsys.readouterr()
    assert code == 2 and "caf\\xe9" in err and "internal error" not in err


def _package_with_manifest(path, raw: bytes):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", raw)
        zf.writestr("m/model.onnx", MODEL)
    return path


def test_a_manifest_nested_100000_deep_is_refused(registry, tech, tmp_path, models_dir):
    nested = b'{"format": "edgedeck-model-package", "models": ' + b"[" * 100_000 \
        + b"]" * 100_000 + b"}"
    path = _package_with_manifest(tmp_path / "deep.zip", nested)
    with pytest.raises(PackageError, match="nested too deeply"):
        import_package(registry, tech, path)
    _nothing_imported(registry, tech, models_dir)


def test_a_manifest_flagged_encrypted_is_refused(registry, tech, tmp_path, models_dir):
    manifest = json.dumps(manifest_for([model_entry("m", {"m/model.onnx": MODEL})])).encode()
    path = _package_with_manifest(tmp_path / "locked.zip", manifest)
    patch_encrypted_flag(path, "manifest.json")
    with pytest.raises(PackageError, match="manifest.json.*encrypted"):
        import_package(registry, tech, path)
    _nothing_imported(registry, tech, models_dir)


@pytest.mark.parametrize("name", ["labels.json", "config.json"])
def test_side_files_nested_100000_deep_are_refused(registry, tech, tmp_path, models_dir, name):
    folder = model_folder(tmp_path, "inspector", labels=[])
    (folder / name).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ModelError, match=f"{name} is nested too deeply"):
        registry.import_model(tech, folder)
    _nothing_imported(registry, tech, models_dir)


def test_a_full_disk_during_an_import_is_disk_full(ctx, registry, tech, tmp_path, models_dir,
                                                   monkeypatch):
    from app.models import registry as registry_module

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(registry_module, "copy_file", full)
    with pytest.raises(DiskFullError, match="is full while importing"):
        registry.import_model(tech, write_model(tmp_path / "a.onnx"))
    _nothing_imported(registry, tech, models_dir)


def test_the_playground_never_blocks_on_a_fifo_or_follows_a_link_out(ctx, admin, tmp_path):
    """`models run --image` and the playground open a picture by the chosen-file rules."""
    import os

    from app.errors import ValidationError
    from app.models import preprocess
    from app.models.demo import seed_demo_models

    seed_demo_models(ctx.models, admin)
    version = ctx.models.get_version(admin, "demo-inspector")
    spec = ctx.inference.describe(admin, "demo-inspector").inputs[0]
    fifo = tmp_path / "photo.png"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match="device, pipe or socket"):
        preprocess.image_feeds(version, spec, fifo)
    (tmp_path / "usb").mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not yours")
    (tmp_path / "usb" / "part.png").symlink_to(secret)
    with pytest.raises(ValidationError, match="outside"):
        preprocess.image_feeds(version, spec, tmp_path / "usb" / "part.png")
