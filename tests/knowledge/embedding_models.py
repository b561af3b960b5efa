"""A tiny sentence-embedding model built in place (onnx helper + a word-level tokenizer).

Each word maps to one fixed random vector, so texts sharing words are close: enough to prove
import, pooling, re-embedding and search with a second model without any download.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

WORDS = ["valve", "pump", "conveyor", "fault", "e42", "clear", "guard", "door", "reset", "glue",
         "tank", "heater", "roller", "chain", "weekly", "pressure", "filter", "belt", "speed"]


def write_tiny_embedding_model(folder: Path, dimensions: int = 16, output: str = "tokens",
                               with_mask: bool = True) -> Path:
    """output: 'tokens' (batch, tokens, size), 'sentence' (batch, size) or 'bad' (1-D)."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    folder.mkdir(parents=True, exist_ok=True)
    vocab = {"[PAD]": 0, "[UNK]": 1, **{w: i + 2 for i, w in enumerate(WORDS)}}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    from tokenizers import normalizers

    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.save(str(folder / "tokenizer.json"))
    table = np.random.default_rng(7).standard_normal((len(vocab), dimensions)).astype(np.float32)
    table[:2] = 0.0  # padding and unknown words carry no direction
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "s"])]
    if with_mask:
        inputs.append(helper.make_tensor_value_info("attention_mask", TensorProto.INT64,
                                                    ["b", "s"]))
    nodes = [helper.make_node("Gather", ["table", "input_ids"], ["states"])]
    if output == "tokens":
        out = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                            ["b", "s", dimensions])
        nodes.append(helper.make_node("Identity", ["states"], ["last_hidden_state"]))
    elif output == "sentence":
        out = helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT,
                                            ["b", dimensions])
        nodes.append(helper.make_node("ReduceMean", ["states"], ["sentence_embedding"],
                                      axes=[1], keepdims=0))
    else:
        out = helper.make_tensor_value_info("flat", TensorProto.FLOAT, ["n"])
        nodes.append(helper.make_node("Flatten", ["states"], ["flat2"], axis=0))
        nodes.append(helper.make_node("Squeeze", ["flat2", "zero"], ["flat"]))
    initializers = [numpy_helper.from_array(table, "table"),
                    numpy_helper.from_array(np.array([0], dtype=np.int64), "zero")]
    graph = helper.make_graph(nodes, "tiny-embedding", inputs, [out], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, str(folder / "model.onnx"))
    return folder
