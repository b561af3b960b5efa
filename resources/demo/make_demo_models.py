"""Write the two demo models EdgeDeck's `--demo` imports, reproducibly (fixed seeds).

    python resources/demo/make_demo_models.py            # writes resources/demo/models/
    python resources/demo/make_demo_models.py --out DIR

THESE ARE DEMONSTRATION MODELS WITH RANDOM WEIGHTS. `demo-inspector` has the shape of a small
visual inspection classifier (3x64x64 image -> 5 classes) but was never trained: its answers
mean nothing. `demo-text-classifier` (token ids -> 3 classes) is just as untrained. They exist
so the registry, playground, benchmarks and serving can be tried on a box with no real model.

Built with the `onnx` helper only (no torch), IR version 8 and opset 13 so that every
onnxruntime EdgeDeck supports (>= 1.16) loads them; the bytes are identical on every run.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
IR_VERSION = 8
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "models"
WARNING = "DEMO MODEL WITH RANDOM WEIGHTS - not trained, its predictions mean nothing."

IMAGE_NAME = "demo-inspector"
IMAGE_LABELS = ("ok", "scratch", "dent", "missing-part", "discoloration")
IMAGE_SIZE = 64

TEXT_NAME = "demo-text-classifier"
TEXT_LABELS = ("routine", "maintenance", "fault")
VOCABULARY = (
    "[PAD]", "[UNK]", "the", "a", "is", "on", "in", "of", "to", "and", "line", "machine",
    "motor", "belt", "conveyor", "sensor", "camera", "light", "error", "e42", "alarm", "jam",
    "stuck", "stopped", "overheat", "hot", "noise", "vibration", "leak", "oil", "clean",
    "check", "replace", "calibrate", "filter", "ok", "running", "normal", "shift", "start",
    "end", "report", "please", "broken", "fault", "warning", "maintenance", "service",
)
MAX_TOKENS = 32
EMBED_DIM = 16


def _model(graph: onnx.GraphProto, doc: str, metadata: dict[str, str]) -> onnx.ModelProto:
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="edgedeck-demo", producer_version="1",
                              doc_string=doc)
    model.ir_version = IR_VERSION
    helper.set_model_props(model, {"edgedeck.demo": "true", "warning": WARNING, **metadata})
    onnx.checker.check_model(model)
    return model


def _weights(rng: np.random.Generator, shape: tuple[int, ...], fan_in: int) -> np.ndarray:
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)


def image_classifier(seed: int = 20240501) -> onnx.ModelProto:
    """image [N,3,64,64] float in 0..1 -> probabilities [N,5]: 3x (Conv s2 + Relu), GAP, Gemm."""
    rng = np.random.default_rng(seed)
    channels = (3, 8, 16, 32)
    nodes, inits = [], []
    current = "image"
    for i in range(3):
        cin, cout = channels[i], channels[i + 1]
        w, b = f"conv{i}.weight", f"conv{i}.bias"
        inits += [numpy_helper.from_array(_weights(rng, (cout, cin, 3, 3), cin * 9), w),
                  numpy_helper.from_array(np.zeros(cout, np.float32), b)]
        nodes += [helper.make_node("Conv", [current, w, b], [f"conv{i}"], name=f"conv{i}",
                                   kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]),
                  helper.make_node("Relu", [f"conv{i}"], [f"relu{i}"], name=f"relu{i}")]
        current = f"relu{i}"
    classes = len(IMAGE_LABELS)
    inits += [numpy_helper.from_array(_weights(rng, (classes, channels[-1]), channels[-1]),
                                      "fc.weight"),
              numpy_helper.from_array(np.zeros(classes, np.float32), "fc.bias")]
    nodes += [
        helper.make_node("GlobalAveragePool", [current], ["pooled"], name="pool"),
        helper.make_node("Flatten", ["pooled"], ["features"], name="flatten", axis=1),
        helper.make_node("Gemm", ["features", "fc.weight", "fc.bias"], ["logits"], name="fc",
                         transB=1),
        helper.make_node("Softmax", ["logits"], ["probabilities"], name="softmax", axis=1),
    ]
    graph = helper.make_graph(
        nodes, "demo_inspector",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT,
                                       ["batch", 3, IMAGE_SIZE, IMAGE_SIZE])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT,
                                       ["batch", classes])],
        inits)
    return _model(graph, "Demo visual inspection classifier. " + WARNING,
                  {"task": "image-classification", "labels": ",".join(IMAGE_LABELS)})


def text_classifier(seed: int = 20240502) -> onnx.ModelProto:
    """input_ids [N,T] int64 -> probabilities [N,3]: Gather embedding, mean over T, Gemm."""
    rng = np.random.default_rng(seed)
    classes = len(TEXT_LABELS)
    embedding = (rng.standard_normal((len(VOCABULARY), EMBED_DIM)) * 0.5).astype(np.float32)
    embedding[0] = 0.0  # [PAD]
    inits = [numpy_helper.from_array(embedding, "embedding.weight"),
             numpy_helper.from_array(_weights(rng, (classes, EMBED_DIM), EMBED_DIM),
                                     "fc.weight"),
             numpy_helper.from_array(np.zeros(classes, np.float32), "fc.bias")]
    nodes = [
        helper.make_node("Gather", ["embedding.weight", "input_ids"], ["embedded"],
                         name="embed", axis=0),
        helper.make_node("ReduceMean", ["embedded"], ["sentence"], name="mean", axes=[1],
                         keepdims=0),
        helper.make_node("Gemm", ["sentence", "fc.weight", "fc.bias"], ["logits"], name="fc",
                         transB=1),
        helper.make_node("Softmax", ["logits"], ["probabilities"], name="softmax", axis=1),
    ]
    graph = helper.make_graph(
        nodes, "demo_text_classifier",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT,
                                       ["batch", classes])],
        inits)
    return _model(graph, "Demo text classifier. " + WARNING,
                  {"task": "text-classification", "labels": ",".join(TEXT_LABELS)})


def tokenize(text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
    """The demo's tokenizer: lower case, split on non-alphanumerics, unknown words -> [UNK]."""
    index = {word: i for i, word in enumerate(VOCABULARY)}
    words = re.findall(r"[a-z0-9]+", text.lower())[:max_tokens]
    return [index.get(word, 1) for word in words] or [0]


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))  # '\n' on every platform
    else:
        path.write_bytes(data)


def _json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def write_demo_models(out: Path = DEFAULT_OUT) -> list[Path]:
    """Write both demo model folders under `out`; returns the .onnx paths."""
    image_dir, text_dir = out / IMAGE_NAME, out / TEXT_NAME
    _write(image_dir / "model.onnx", image_classifier().SerializeToString())
    _write(image_dir / "labels.txt", "\n".join(IMAGE_LABELS) + "\n")
    _write(image_dir / "config.json", _json({
        "task": "image-classification", "demo": True, "warning": WARNING,
        "input": {"name": "image", "layout": "NCHW", "size": [IMAGE_SIZE, IMAGE_SIZE],
                  "color": "RGB", "scale": 1 / 255, "mean": [0.0, 0.0, 0.0],
                  "std": [1.0, 1.0, 1.0]},
        "output": {"name": "probabilities", "kind": "softmax"}}))
    _write(text_dir / "model.onnx", text_classifier().SerializeToString())
    _write(text_dir / "labels.txt", "\n".join(TEXT_LABELS) + "\n")
    _write(text_dir / "vocab.txt", "\n".join(VOCABULARY) + "\n")
    _write(text_dir / "config.json", _json({
        "task": "text-classification", "demo": True, "warning": WARNING,
        "tokenizer": {"kind": "lowercase-words", "vocab": "vocab.txt", "pad_id": 0,
                      "unk_id": 1, "max_tokens": MAX_TOKENS, "pattern": "[a-z0-9]+"},
        "input": {"name": "input_ids", "dtype": "int64"},
        "output": {"name": "probabilities", "kind": "softmax"}}))
    return [image_dir / "model.onnx", text_dir / "model.onnx"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for path in write_demo_models(args.out):
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
