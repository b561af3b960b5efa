from __future__ import annotations

import numpy as np
import pytest

from engines.base import EngineError, EngineOptions, InvalidModelError, TensorSpec
from engines.inputs import (
    concrete_shape,
    load_image_tensor,
    make_sample_inputs,
    softmax,
    top_k,
)
from engines.onnxruntime import OnnxRuntimeEngine


def test_sample_inputs_cover_the_dtypes_and_fill_dynamic_dims():
    specs = [
        TensorSpec("pixels", ("batch", 3, 8, 8), "float32"),
        TensorSpec("half", (None, 4), "float16"),
        TensorSpec("input_ids", ("batch", "sequence"), "int64"),
        TensorSpec("attention_mask", ("batch", "sequence"), "int64"),
        TensorSpec("token_type_ids", (2, 3), "int32"),
        TensorSpec("position_ids", (2, 3), "int64"),
        TensorSpec("raw", (1, 4, 4, 3), "uint8"),
        TensorSpec("flags", (5,), "bool"),
    ]
    feeds = make_sample_inputs(specs, batch=2, sizes={"sequence": 7}, int_high=30)
    assert feeds["pixels"].shape == (2, 3, 8, 8) and feeds["pixels"].dtype == np.float32
    assert feeds["half"].shape == (2, 4) and feeds["half"].dtype == np.float16
    assert feeds["input_ids"].shape == (2, 7) and feeds["input_ids"].max() < 30
    assert (feeds["attention_mask"] == 1).all()
    assert feeds["token_type_ids"].dtype == np.int32 and not feeds["token_type_ids"].any()
    assert feeds["position_ids"].tolist() == [[0, 1, 2], [0, 1, 2]]
    assert feeds["raw"].dtype == np.uint8
    assert feeds["flags"].dtype == np.bool_
    again = make_sample_inputs(specs, batch=2, sizes={"sequence": 7}, int_high=30)
    assert all(np.array_equal(feeds[k], again[k]) for k in feeds)
    other = make_sample_inputs(specs, batch=2, seed=1, sizes={"sequence": 7})
    assert not np.array_equal(feeds["pixels"], other["pixels"])
    assert concrete_shape(TensorSpec("x", ("n", "m", 3), "float32"), 4, 9) == (4, 9, 3)


def test_unsupported_dtype_is_named():
    with pytest.raises(EngineError, match="dtype object"):
        make_sample_inputs([TensorSpec("text", (1,), "object")])


@pytest.fixture
def image_file(tmp_path):
    Image = pytest.importorskip("PIL.Image")
    pixels = np.zeros((20, 30, 3), np.uint8)
    pixels[:, :, 0] = 255  # pure red
    path = tmp_path / "red.png"
    Image.fromarray(pixels).save(path)
    return path


def test_image_tensor_nchw_with_normalisation(image_file):
    spec = TensorSpec("image", ("batch", 3, 16, 24), "float32")
    tensor = load_image_tensor(image_file, spec)
    assert tensor.shape == (1, 3, 16, 24) and tensor.dtype == np.float32
    assert tensor[0, 0].mean() == pytest.approx((1 - 0.485) / 0.229, rel=1e-4)
    assert tensor[0, 1].mean() == pytest.approx((0 - 0.456) / 0.224, rel=1e-4)
    plain = load_image_tensor(image_file, spec, mean=None, std=None)
    assert plain[0, 0].max() == pytest.approx(1.0) and plain[0, 2].max() == 0


def test_image_tensor_nhwc_uint8_grey_and_dynamic_size(image_file):
    nhwc = load_image_tensor(image_file, TensorSpec("x", (1, 10, 12, 3), "uint8"))
    assert nhwc.shape == (1, 10, 12, 3) and nhwc.dtype == np.uint8 and nhwc[..., 0].min() == 255
    grey = load_image_tensor(image_file, TensorSpec("x", (1, 1, 8, 8), "float16"), mean=None,
                             std=None)
    assert grey.shape == (1, 1, 8, 8) and grey.dtype == np.float16
    dynamic = TensorSpec("x", ("batch", 3, "height", "width"), "float32")
    with pytest.raises(EngineError, match="size=\\(h, w\\)"):
        load_image_tensor(image_file, dynamic)
    assert load_image_tensor(image_file, dynamic, size=(5, 6)).shape == (1, 3, 5, 6)


def test_image_errors(image_file, tmp_path):
    with pytest.raises(InvalidModelError, match="does not look like an image"):
        load_image_tensor(image_file, TensorSpec("x", (1, 16), "float32"))
    with pytest.raises(EngineError, match="not found"):
        load_image_tensor(tmp_path / "none.png", TensorSpec("x", (1, 3, 4, 4), "float32"))
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    with pytest.raises(EngineError, match="not an image"):
        load_image_tensor(text, TensorSpec("x", (1, 3, 4, 4), "float32"))


def test_softmax_and_top_k():
    logits = np.array([[1.0, 3.0, 2.0, -1.0]])
    probs = softmax(logits)
    assert probs.sum() == pytest.approx(1.0) and probs.argmax() == 1
    assert softmax(np.array([1000.0, 1000.0])) == pytest.approx([0.5, 0.5])  # no overflow
    best = top_k(logits, k=2, labels=["cat", "dog", "bird", "fish"])
    assert [(i, label) for i, _, label in best] == [(1, "dog"), (2, "bird")]
    assert best[0][1] == pytest.approx(probs[0, 1])
    ready = top_k(np.array([0.1, 0.7, 0.2]), k=5)  # already probabilities: kept as they are
    assert [i for i, *_ in ready] == [1, 2, 0] and ready[0][1] == pytest.approx(0.7)
    with pytest.raises(EngineError, match="one sample"):
        top_k(np.zeros((2, 3)))


def test_image_through_a_classifier(image_file, small_cnn_path):
    engine = OnnxRuntimeEngine(small_cnn_path, EngineOptions())
    engine.load()
    tensor = load_image_tensor(image_file, engine.describe().inputs[0])
    logits = engine.run({"image": tensor})[0]
    ranked = top_k(logits, k=3)
    assert len(ranked) == 3 and ranked[0][1] >= ranked[1][1] >= ranked[2][1]
