"""The model door: backends say what an artefact is, refuse what they cannot run, open engines;
a new runtime is one module and one line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from engines import backends
from engines.base import (
    EMBEDDING_MODEL,
    TENSORS,
    Artefact,
    EngineDescription,
    EngineOptions,
    InvalidModelError,
    LoadReport,
    TensorSpec,
)


def test_an_onnx_model_is_described_by_its_backend(mlp_path):
    artefact = backends.inspect_artefact(mlp_path)
    assert (artefact.runtime, artefact.kind) == ("onnxruntime", "tensor")
    assert artefact.capabilities == frozenset({TENSORS})
    assert artefact.sha256 == hashlib.sha256(mlp_path.read_bytes()).hexdigest()
    assert artefact.precision == "fp32" and artefact.size_bytes == mlp_path.stat().st_size
    assert [s.name for s in artefact.inputs] and [s.name for s in artefact.outputs]
    assert artefact.record["inputs"][0]["name"] == artefact.inputs[0].name
    assert backends.backend("onnxruntime").platform == "onnxruntime_onnx"


def test_what_no_backend_accepts_is_refused_with_every_reason(tmp_path):
    folder = tmp_path / "llm"
    folder.mkdir()
    with pytest.raises(InvalidModelError, match="onnxruntime: it opens a single .onnx file"):
        backends.inspect_artefact(folder)
    text = tmp_path / "notes.onnx"
    text.write_text("<html>not a model</html>")
    with pytest.raises(InvalidModelError, match="XML/HTML"):
        backends.inspect_artefact(text)
    with pytest.raises(InvalidModelError, match="no backend for the runtime 'tflite'"):
        backends.backend("tflite")


def test_embedding_models_embed_and_tensor_models_take_tensors():
    onnx = backends.backend("onnxruntime")
    assert onnx.capabilities(EMBEDDING_MODEL) == frozenset({"embed"})
    assert onnx.capabilities("tensor") == frozenset({TENSORS})


# -- a runtime of our own: one module, one line ------------------------------------------------


class ConstantEngine:
    """A 'model' that answers every input with the numbers in its file."""

    def __init__(self, path: Path) -> None:
        self.model_path = path
        self.report: LoadReport | None = None
        self._values: np.ndarray | None = None

    def load(self, progress=None, cancelled=None) -> LoadReport:
        self._values = np.array(json.loads(self.model_path.read_text())["values"],
                                dtype=np.float32)
        self.report = LoadReport(["CPUExecutionProvider"], ["CPUExecutionProvider"], False, [],
                                 0.0)
        return self.report

    def describe(self) -> EngineDescription:
        return EngineDescription((TensorSpec("x", ("batch", 1), "float32"),),
                                 (TensorSpec("y", ("batch", len(self._values)), "float32"),))

    def run(self, feeds):
        rows = len(feeds["x"])
        return [np.tile(self._values, (rows, 1))]

    def run_named(self, feeds):
        return {"y": self.run(feeds)[0]}

    def unload(self) -> None:
        self._values = None


class ConstantBackend:
    runtime = "constant"
    platform = "constant_json"
    kinds = frozenset({"tensor"})

    def accepts(self, path: Path) -> str | None:
        return None if Path(path).suffix == ".const" else "it opens .const files"

    def inspect(self, path: Path, progress=None) -> Artefact:
        data = Path(path).read_bytes()
        values = json.loads(data)["values"]
        inputs = (TensorSpec("x", ("batch", 1), "float"),)
        outputs = (TensorSpec("y", ("batch", len(values)), "float"),)
        return Artefact("constant", "tensor", Path(path), hashlib.sha256(data).hexdigest(),
                        len(data), frozenset({TENSORS}), inputs, outputs, "fp32",
                        record={"inputs": [{"name": "x", "shape": ["batch", 1],
                                            "dtype": "float"}],
                                "outputs": [{"name": "y", "shape": ["batch", len(values)],
                                             "dtype": "float"}]})

    def verify(self, path: Path) -> None:
        json.loads(Path(path).read_text())

    def capabilities(self, kind: str) -> frozenset[str]:
        return frozenset({TENSORS})

    def open(self, path: Path, options: EngineOptions) -> ConstantEngine:
        return ConstantEngine(Path(path))


@pytest.fixture
def constant_runtime(monkeypatch):
    """The one line: the new backend in the registry of backends."""
    monkeypatch.setattr(backends, "_BACKENDS", (ConstantBackend(), *backends.backends()))
    return ConstantBackend


def test_a_new_runtime_is_one_backend_and_one_line(constant_runtime, tmp_path, ctx, admin,
                                                   operator):
    assert isinstance(ConstantBackend(), backends.Backend)
    path = tmp_path / "answer.const"
    path.write_text(json.dumps({"values": [0.25, 0.75]}))
    version = ctx.models.import_model(admin, path, name="constant-model")
    assert (version.runtime, version.kind) == ("constant", "tensor")
    assert version.capabilities == frozenset({TENSORS})
    result = ctx.inference.run(operator, "constant-model",
                               {"x": np.zeros((3, 1), dtype=np.float32)})
    assert result.outputs["y"].tolist() == [[0.25, 0.75]] * 3
    assert [e["engine"] for e in ctx.engines.loaded()] == [
        "constant-model/v1 (TensorrtExecutionProvider, CUDAExecutionProvider, "
        "CPUExecutionProvider)"]
