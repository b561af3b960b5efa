"""Small ONNX models built with the onnx helper: nothing is downloaded, every test owns its file.

Also used by tests/bench/bench_engines.py.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save

OPSET = 17
IR_VERSION = 8  # readable by onnxruntime >= 1.14


def _save(nodes, inputs, outputs, weights, path: Path, name: str) -> Path:
    graph = helper.make_graph(nodes, name, inputs, outputs,
                              [numpy_helper.from_array(w, n) for n, w in weights.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="edgedeck-tests")
    model.ir_version = IR_VERSION
    path = Path(path)
    save(model, str(path))
    return path


def mlp_classifier(path: Path, features: int = 16, hidden: int = 32, classes: int = 10,
                   seed: int = 0) -> Path:
    """x[batch, features] -> logits[batch, classes], probs[batch, classes]; microseconds a run."""
    rng = np.random.default_rng(seed)
    weights = {
        "w1": rng.normal(0, 0.5, (features, hidden)).astype(np.float32),
        "b1": rng.normal(0, 0.1, hidden).astype(np.float32),
        "w2": rng.normal(0, 0.5, (hidden, classes)).astype(np.float32),
        "b2": rng.normal(0, 0.1, classes).astype(np.float32),
    }
    nodes = [
        helper.make_node("Gemm", ["x", "w1", "b1"], ["h"]),
        helper.make_node("Relu", ["h"], ["a"]),
        helper.make_node("Gemm", ["a", "w2", "b2"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probs"], axis=-1),
    ]
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", features])
    outputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, ["batch", classes])
               for n in ("logits", "probs")]
    return _save(nodes, [x], outputs, weights, path, "mlp")


def conv_classifier(path: Path, size: int = 224, channels: tuple[int, ...] = (48, 96, 192),
                    classes: int = 10, seed: int = 0) -> Path:
    """image[batch, 3, size, size] -> logits[batch, classes]: a small CNN, ~10 ms on 2 cores."""
    rng = np.random.default_rng(seed)
    nodes, weights, previous, source = [], {}, 3, "image"
    for index, width in enumerate(channels):
        w, b = f"conv{index}_w", f"conv{index}_b"
        weights[w] = rng.normal(0, (2 / (previous * 9)) ** 0.5,
                                (width, previous, 3, 3)).astype(np.float32)
        weights[b] = np.zeros(width, np.float32)
        nodes.append(helper.make_node("Conv", [source, w, b], [f"c{index}"], pads=[1, 1, 1, 1],
                                      strides=[2, 2] if index else [1, 1]))
        nodes.append(helper.make_node("Relu", [f"c{index}"], [f"r{index}"]))
        source, previous = f"r{index}", width
    weights["fc_w"] = rng.normal(0, 0.3, (previous, classes)).astype(np.float32)
    weights["fc_b"] = np.zeros(classes, np.float32)
    nodes += [
        helper.make_node("GlobalAveragePool", [source], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["flat"]),
        helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["logits"]),
    ]
    image = helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, size, size])
    logits = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", classes])
    return _save(nodes, [image], [logits], weights, path, "cnn")


def matmul_model(path: Path, features: int = 256, hidden: int = 512, layers: int = 3,
                 classes: int = 10, seed: int = 0) -> Path:
    """x[batch, features] -> scores[batch, classes] through MatMul layers: what int8 is for."""
    rng = np.random.default_rng(seed)
    nodes, weights, source, width = [], {}, "x", features
    for index in range(layers):
        weights[f"w{index}"] = rng.normal(0, width ** -0.5, (width, hidden)).astype(np.float32)
        weights[f"b{index}"] = rng.normal(0, 0.05, hidden).astype(np.float32)
        nodes += [
            helper.make_node("MatMul", [source, f"w{index}"], [f"m{index}"]),
            helper.make_node("Add", [f"m{index}", f"b{index}"], [f"a{index}"]),
            helper.make_node("Relu", [f"a{index}"], [f"r{index}"]),
        ]
        source, width = f"r{index}", hidden
    weights["head"] = rng.normal(0, width ** -0.5, (width, classes)).astype(np.float32)
    nodes.append(helper.make_node("MatMul", [source, "head"], ["scores"]))
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", features])
    scores = helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", classes])
    return _save(nodes, [x], [scores], weights, path, "matmul")
