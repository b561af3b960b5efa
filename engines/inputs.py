"""Inputs for a model: random samples for benchmarks, an image file for the playground, and the
small helpers that turn class scores into something a person reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from engines.base import EngineError, InvalidModelError, TensorSpec

SUPPORTED_DTYPES = ("float32", "float16", "float64", "int64", "int32", "int8", "uint8", "bool")
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def concrete_shape(spec: TensorSpec, batch: int = 1, dynamic_size: int = 1,
                   sizes: Mapping[str, int] | None = None) -> tuple[int, ...]:
    """A shape to feed: a dynamic first dim becomes `batch`, a named dim takes `sizes[name]`,
    any other dynamic dim `dynamic_size`."""
    shape = []
    for index, dim in enumerate(spec.shape):
        if isinstance(dim, int) and dim >= 0:
            shape.append(dim)
        elif isinstance(dim, str) and sizes and dim in sizes:
            shape.append(int(sizes[dim]))
        else:
            shape.append(batch if index == 0 else dynamic_size)
    return tuple(shape)


def make_sample_inputs(specs: Sequence[TensorSpec], batch: int = 1, seed: int = 0,
                       dynamic_size: int = 1, sizes: Mapping[str, int] | None = None,
                       int_high: int = 100) -> dict[str, np.ndarray]:
    """Deterministic random feeds for benchmarks and accuracy checks.

    Floats are standard normal, integers lie in [0, int_high) (token ids must stay below the
    vocabulary size). Transformer conventions by name: masks are all ones so attention sees
    every position, token type (segment) ids are zeros, position ids count up."""
    rng = np.random.default_rng(seed)
    feeds: dict[str, np.ndarray] = {}
    for spec in specs:
        shape = concrete_shape(spec, batch, dynamic_size, sizes)
        dtype = spec.dtype
        lowered = spec.name.lower()
        is_mask = "mask" in lowered
        if dtype not in SUPPORTED_DTYPES:
            raise EngineError(f"cannot make sample data for input {spec.describe()}: "
                              f"dtype {dtype} is not one of {', '.join(SUPPORTED_DTYPES)}")
        if dtype == "bool":
            value = np.ones(shape, bool) if is_mask else rng.random(shape) < 0.5
        elif dtype.startswith("float"):
            value = rng.standard_normal(shape).astype(dtype)
        elif is_mask:
            value = np.ones(shape, dtype)
        elif "token_type" in lowered or "segment" in lowered:
            value = np.zeros(shape, dtype)
        elif "position_ids" in lowered and shape:
            value = np.broadcast_to(np.arange(shape[-1], dtype=dtype), shape)
        elif dtype == "uint8":
            value = rng.integers(0, 256, shape, dtype=np.uint8)
        else:
            high = min(int_high, int(np.iinfo(dtype).max))
            value = rng.integers(0, high, shape).astype(dtype)
        feeds[spec.name] = np.ascontiguousarray(value)
    return feeds


def guess_layout(spec: TensorSpec) -> str:
    """NCHW when the second dim holds 1 or 3 channels, NHWC when the last does."""
    if len(spec.shape) == 4:
        if spec.shape[1] in (1, 3):
            return "NCHW"
        if spec.shape[3] in (1, 3):
            return "NHWC"
    raise InvalidModelError(
        f"input {spec.describe()} does not look like an image (expected [N, C, H, W] or "
        "[N, H, W, C] with 1 or 3 channels); give the layout explicitly")


def load_image_tensor(path: str | Path, spec: TensorSpec, layout: str | None = None,
                      mean: Sequence[float] | None = IMAGENET_MEAN,
                      std: Sequence[float] | None = IMAGENET_STD,
                      size: tuple[int, int] | None = None) -> np.ndarray:
    """An image file as a batch of one for `spec`: resized to the model's H x W (or `size`
    where those are dynamic), scaled to [0, 1], then (x - mean) / std per channel.

    uint8 inputs get the raw 0-255 pixels (quantized or preprocessing-included models)."""
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError as exc:  # pragma: no cover - pillow is a dependency
        raise EngineError("reading images needs Pillow: pip install pillow") from exc
    layout = (layout or guess_layout(spec)).upper()
    if layout not in ("NCHW", "NHWC") or len(spec.shape) != 4:
        raise EngineError(f"unsupported layout {layout} for input {spec.describe()}")
    c_axis, h_axis, w_axis = (1, 2, 3) if layout == "NCHW" else (3, 1, 2)
    channels = spec.shape[c_axis] if isinstance(spec.shape[c_axis], int) else 3
    if channels not in (1, 3):
        raise EngineError(f"input {spec.describe()} has {channels} channels; images have 1 or 3")
    height, width = spec.shape[h_axis], spec.shape[w_axis]
    if not (isinstance(height, int) and isinstance(width, int) and height > 0 and width > 0):
        if size is None:
            raise EngineError(f"input {spec.describe()} has a dynamic image size; pass size=(h, w)")
        height, width = size
    try:
        with Image.open(path) as image:
            image = image.convert("RGB" if channels == 3 else "L")
            image = image.resize((int(width), int(height)), Image.Resampling.BILINEAR)
            pixels = np.asarray(image)
    except FileNotFoundError:
        raise EngineError(f"image not found: {path}") from None
    except (UnidentifiedImageError, OSError) as exc:
        name = Path(path).name if isinstance(path, (str, Path)) else getattr(path, "name", path)
        raise EngineError(f"{name} is not an image Pillow can read: {exc}") from exc
    if pixels.ndim == 2:
        pixels = pixels[:, :, None]
    if spec.dtype == "uint8":
        tensor = pixels
    else:
        tensor = pixels.astype(np.float32) / 255.0
        if mean is not None:
            tensor -= np.asarray(mean, np.float32)[:channels]
        if std is not None:
            tensor /= np.asarray(std, np.float32)[:channels]
        tensor = tensor.astype(spec.dtype)
    if layout == "NCHW":
        tensor = tensor.transpose(2, 0, 1)
    return np.ascontiguousarray(tensor[None])


def softmax(scores: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax (subtracts the max first)."""
    scores = np.asarray(scores, np.float64)
    shifted = np.exp(scores - scores.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def looks_like_probabilities(scores: np.ndarray, axis: int = -1) -> bool:
    scores = np.asarray(scores)
    return bool(scores.size) and scores.min() >= 0 and np.allclose(scores.sum(axis=axis), 1,
                                                                   atol=1e-3)


def top_k(scores: np.ndarray, k: int = 5, labels: Sequence[str] | None = None,
          apply_softmax: bool | None = None) -> list[tuple[int, float, str]]:
    """(class index, probability, label) of the k best classes of one sample.

    `scores` is [classes] or [1, classes]; logits get a softmax unless they already look like
    probabilities (or apply_softmax says otherwise)."""
    row = np.asarray(scores)
    if row.ndim == 2 and row.shape[0] == 1:
        row = row[0]
    if row.ndim != 1:
        raise EngineError(f"top-k needs the scores of one sample, got shape {row.shape}")
    if apply_softmax is None:
        apply_softmax = not looks_like_probabilities(row)
    probs = softmax(row) if apply_softmax else row.astype(np.float64)
    k = max(1, min(k, row.shape[0]))
    best = np.argpartition(-probs, k - 1)[:k]
    best = best[np.argsort(-probs[best], kind="stable")]
    return [(int(i), float(probs[i]), labels[i] if labels and i < len(labels) else str(int(i)))
            for i in best]
