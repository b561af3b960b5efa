"""inspect_model / verify_loads: what a good model reports, and why bad files are refused."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import onnx
import pytest
from onnx import TensorProto, helper
from registry_helpers import classifier, write_model

from engines.onnx_model import InvalidModelError, file_sha256, inspect_model, verify_loads

ROOT = Path(__file__).resolve().parents[2]


def test_inspect_reports_identity_and_interface(tmp_path):
    path = write_model(tmp_path / "m.onnx", classifier(classes=5, metadata={"author": "qa"}))
    info = inspect_model(path)
    assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert info.size_bytes == path.stat().st_size
    assert info.opset == {"": 13} and info.ir_version == 8
    assert (info.producer_name, info.producer_version) == ("tests", "0.1")
    assert info.graph_name == "test_classifier"
    assert [(t.name, t.shape, t.dtype) for t in info.inputs] == [("x", ("batch", 4), "float")]
    assert [(t.name, t.shape, t.dtype) for t in info.outputs] == [
        ("probabilities", ("batch", 5), "float")]
    assert info.metadata_props == {"author": "qa"}
    assert not info.has_external_data and info.external_files == ()
    assert info.as_dict()["inputs"][0]["shape"] == ["batch", 4]


def test_unknown_dims_and_initializers_listed_as_inputs(tmp_path):
    model = classifier()
    model.graph.input[0].type.tensor_type.shape.dim[0].Clear()  # neither value nor name
    # IR < 4 style: initializers repeated as graph inputs are not inputs to feed
    model.graph.input.append(helper.make_tensor_value_info("w", TensorProto.FLOAT, [3, 4]))
    info = inspect_model(write_model(tmp_path / "m.onnx", model))
    assert [(t.name, t.shape) for t in info.inputs] == [("x", ("?", 4))]


def test_sha256_is_streamed_with_progress(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(b"x" * (3 * (1 << 20) + 5))
    seen = []
    digest = file_sha256(path, lambda done, total, text: seen.append((done, total)))
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(seen) == 4 and seen[-1] == (path.stat().st_size, path.stat().st_size)


@pytest.mark.parametrize("make, reason", [
    (lambda p: p, "does not exist"),
    (lambda p: (p.mkdir(), p)[1], "is not a file"),
    (lambda p: (p.write_bytes(b""), p)[1], "is empty"),
    (lambda p: (p.write_text("hello, I am a text file\n"), p)[1], "not an ONNX model"),
    (lambda p: (p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100), p)[1], "a PNG image"),
    (lambda p: (p.write_bytes(b'{"model": 1}'), p)[1], "JSON"),
    (lambda p: (p.write_bytes(bytes(range(256)) * 4), p)[1], "not an ONNX model"),
])
def test_not_a_model_is_refused_with_the_reason(tmp_path, make, reason):
    path = make(tmp_path / "model.onnx")
    with pytest.raises(InvalidModelError, match=reason):
        inspect_model(path)


def test_zip_renamed_to_onnx_says_so(tmp_path):
    path = tmp_path / "model.onnx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("data.pkl", b"\x80\x02...")
    with pytest.raises(InvalidModelError, match="zip archive"):
        inspect_model(path)


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_truncated_model_is_refused(tmp_path, keep):
    data = classifier(classes=50, features=64).SerializeToString()
    path = tmp_path / "model.onnx"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(InvalidModelError, match="truncated"):
        inspect_model(path)


def test_checker_failure_names_the_problem(tmp_path):
    model = classifier()
    model.graph.node[0].op_type = "FooBar"
    with pytest.raises(InvalidModelError, match="ONNX checker.*FooBar"):
        inspect_model(write_model(tmp_path / "m.onnx", model))


def test_checker_catches_a_dangling_input(tmp_path):
    model = classifier()
    model.graph.node[1].input[0] = "nowhere"
    with pytest.raises(InvalidModelError, match="ONNX checker.*nowhere"):
        inspect_model(write_model(tmp_path / "m.onnx", model))


def _external_model(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    model = classifier(classes=64, features=64)
    path = folder / "model.onnx"
    onnx.save_model(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True,
                    location="model.onnx_data", size_threshold=0)
    return path


def test_external_data_is_found_and_must_be_present(tmp_path):
    path = _external_model(tmp_path / "ext")
    info = inspect_model(path)
    assert info.has_external_data and info.external_files == ("model.onnx_data",)
    verify_loads(path)
    data = tmp_path / "ext" / "model.onnx_data"
    data.write_bytes(data.read_bytes()[:100])
    with pytest.raises(InvalidModelError, match="external data file 'model.onnx_data' is "
                                                "truncated"):
        inspect_model(path)
    data.unlink()
    with pytest.raises(InvalidModelError, match="external data file 'model.onnx_data' is "
                                                "missing"):
        inspect_model(path)


def test_external_data_outside_the_folder_is_refused(tmp_path):
    path = _external_model(tmp_path / "ext")
    model = onnx.load(str(path), load_external_data=False)
    for tensor in model.graph.initializer:
        for entry in tensor.external_data:
            if entry.key == "location":
                entry.value = "../secret.bin"
    path.write_bytes(model.SerializeToString())
    with pytest.raises(InvalidModelError, match="outside the model's folder"):
        inspect_model(path)


def test_verify_loads_accepts_a_good_model(tmp_path):
    verify_loads(write_model(tmp_path / "m.onnx"))


def test_verify_loads_refuses_what_onnxruntime_cannot_run(tmp_path):
    # The checker accepts unknown custom-domain ops; onnxruntime has no kernel for them.
    model = classifier()
    model.graph.node[1].op_type = "Mystery"
    model.graph.node[1].domain = "com.example"
    model.opset_import.append(helper.make_opsetid("com.example", 1))
    path = write_model(tmp_path / "m.onnx", model)
    inspect_model(path)
    with pytest.raises(InvalidModelError, match="does not load in onnxruntime") as err:
        verify_loads(path)
    assert "\n" not in str(err.value)


def test_engine_module_imports_nothing_heavy():
    code = ("import sys, engines.onnx_model\n"
            "bad = [m for m in ('onnx', 'onnxruntime', 'app') if m in sys.modules]\n"
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
