"""Export of a Hugging Face model with optimum, fully offline.

Runs only where the optimize extra (optimum-onnx, torch, transformers) is installed; the main
development environment deliberately does not have it. A tiny random-weight BERT is built on
the spot: nothing is fetched from a hub.
"""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("optimum.onnxruntime")
transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

from engines.inputs import make_sample_inputs  # noqa: E402
from engines.onnxruntime import OnnxRuntimeEngine  # noqa: E402
from engines.optimize import export_hf_to_onnx, quantize_dynamic_int8  # noqa: E402

WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "clear", "error", "e42", "press", "reset",
         "the", "line", "stops", "when", "belt", "jams"]


@pytest.fixture
def tiny_bert(tmp_path):
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    torch.manual_seed(0)
    config = transformers.BertConfig(vocab_size=len(WORDS), hidden_size=32, num_hidden_layers=2,
                                     num_attention_heads=2, intermediate_size=64,
                                     max_position_embeddings=64)
    model_dir = tmp_path / "tiny-bert"
    transformers.BertModel(config).eval().save_pretrained(model_dir)
    vocab = {word: index for index, word in enumerate(WORDS)}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    transformers.PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
        sep_token="[SEP]", mask_token="[MASK]").save_pretrained(model_dir)
    assert json.loads((model_dir / "config.json").read_text())["hidden_size"] == 32
    return model_dir


def test_tiny_bert_exports_offline_and_runs(tiny_bert, tmp_path):
    seen = []
    result = export_hf_to_onnx(tiny_bert, tmp_path / "onnx", task="feature-extraction",
                               progress=lambda *a: seen.append(a))
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert result.kind == "export" and result.output.endswith("model.onnx")
    assert {"optimum", "torch", "transformers"} <= set(result.tools)
    assert seen[-1] == (1, 1, "exported")
    assert (tmp_path / "onnx" / "tokenizer.json").is_file()  # the tokenizer travels with it

    engine = OnnxRuntimeEngine(result.output)
    engine.load()
    names = [spec.name for spec in engine.describe().inputs]
    assert names[:2] == ["input_ids", "attention_mask"]
    feeds = make_sample_inputs(engine.describe().inputs, batch=2, sizes={"sequence_length": 6},
                               int_high=len(WORDS))
    hidden = engine.run(feeds)[0]
    assert hidden.shape == (2, 6, 32) and np.isfinite(hidden).all()

    int8 = quantize_dynamic_int8(result.output, tmp_path / "model-int8.onnx", per_channel=True,
                                 matmul_only=True)
    assert int8.output_bytes < result.output_bytes


def test_export_refuses_a_non_empty_folder(tiny_bert, tmp_path):
    out = tmp_path / "busy"
    out.mkdir()
    (out / "something.txt").write_text("keep me")
    from engines.base import EngineError

    with pytest.raises(EngineError, match="not empty"):
        export_hf_to_onnx(tiny_bert, out)
