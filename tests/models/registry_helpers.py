"""Small ONNX models and hand-made zips for the registry and package tests."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def classifier(classes: int = 3, features: int = 4, seed: int = 0, opset: int = 13,
               metadata: dict[str, str] | None = None) -> onnx.ModelProto:
    """x [batch, features] -> probabilities [batch, classes]; the seed changes the bytes."""
    rng = np.random.default_rng(seed)
    weight = numpy_helper.from_array(rng.standard_normal((classes, features)).astype(np.float32),
                                     "w")
    bias = numpy_helper.from_array(np.zeros(classes, np.float32), "b")
    graph = helper.make_graph(
        [helper.make_node("Gemm", ["x", "w", "b"], ["logits"], transB=1),
         helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1)],
        "test_classifier",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", features])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", classes])],
        [weight, bias])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                              producer_name="tests", producer_version="0.1")
    model.ir_version = 8
    if metadata:
        helper.set_model_props(model, metadata)
    return model


def write_model(path: Path, model: onnx.ModelProto | None = None, **kwargs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((model or classifier(**kwargs)).SerializeToString())
    return path


def model_folder(root: Path, name: str = "inspector", classes: int = 3, seed: int = 0,
                 labels: list[str] | None = None, extra: dict[str, str] | None = None) -> Path:
    folder = root / name
    write_model(folder / "model.onnx", classes=classes, seed=seed)
    labels = labels if labels is not None else [f"class-{i}" for i in range(classes)]
    if labels:
        (folder / "labels.txt").write_text("\n".join(labels) + "\n", encoding="utf-8")
    for rel, text in (extra or {}).items():
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_for(models: list[dict]) -> dict:
    return {"format": "edgedeck-model-package", "format_version": 1, "models": models}


def model_entry(name: str, members: dict[str, bytes], entry: str | None = None,
                task: str = "image-classification", **extra) -> dict:
    """A manifest item listing `members` with their true sizes and checksums."""
    files = [{"path": p, "sha256": sha(d), "size": len(d)} for p, d in members.items()]
    entry = entry or next(p for p in members if p.endswith(".onnx"))
    return {"name": name, "task": task, "entry": entry, "files": files, **extra}


def write_zip(path: Path, manifest: dict | None, members: list[tuple[str | zipfile.ZipInfo,
                                                                      bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        if manifest is not None:
            zf.writestr("manifest.json", json.dumps(manifest))
        for name, data in members:
            zf.writestr(name, data)
    return path


def patch_declared_size(path: Path, member: str, declared: int) -> None:
    """Rewrite a member's uncompressed size in its local header and the central directory,
    the way a zip bomb lies about how much it will inflate to."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    eocd = data.rfind(b"PK\x05\x06")
    cd_offset = struct.unpack_from("<I", data, eocd + 16)[0]
    pos = cd_offset
    while data[pos:pos + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        name = data[pos + 46:pos + 46 + name_len].decode()
        if name == member:
            struct.pack_into("<I", data, pos + 24, declared)
        pos += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))


def files_under(folder: Path) -> list[str]:
    """Every file (not folder) left under `folder`, for 'nothing was extracted' checks."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())


def patch_encrypted_flag(path: Path, member: str) -> None:
    """Set a member's "encrypted" flag (bit 0) in its local header and the central directory
    (zipfile clears it when writing), as a crafted or password-protected zip has it."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    flags = struct.unpack_from("<H", data, info.header_offset + 6)[0]
    struct.pack_into("<H", data, info.header_offset + 6, flags | 0x1)
    eocd = data.rfind(b"PK\x05\x06")
    pos = struct.unpack_from("<I", data, eocd + 16)[0]
    while data[pos:pos + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        if data[pos + 46:pos + 46 + name_len].decode() == member:
            flags = struct.unpack_from("<H", data, pos + 8)[0]
            struct.pack_into("<H", data, pos + 8, flags | 0x1)
        pos += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))
