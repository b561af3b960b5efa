"""Turn a person's input (an image file, a sentence, a JSON document) into a model's tensors.

Shared by the playground and `edgedeck models run`, so both feed a model the same way. A
version's config.json (shipped beside the .onnx) says how; without one, sensible defaults from
the input's shape apply.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from app.errors import ValidationError

_DTYPES = {"float": np.float32, "float32": np.float32, "float16": np.float16,
           "double": np.float64, "float64": np.float64, "int64": np.int64, "int32": np.int32,
           "uint8": np.uint8, "int8": np.int8, "bool": np.bool_}


def model_config(version: Any) -> dict[str, Any]:
    path = Path(version.folder) / "config.json"
    if not path.is_file():
        return {}
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValidationError(f"{version.tag}: config.json is not valid JSON ({exc}).") from exc
    return value if isinstance(value, dict) else {}


def vocabulary_size(version: Any) -> int | None:
    """Token ids must stay below this (a Gather beyond it fails); None without a vocabulary."""
    tokenizer = model_config(version).get("tokenizer") or {}
    path = Path(version.folder) / tokenizer.get("vocab", "vocab.txt")
    if not path.is_file():
        return None
    try:
        return len(path.read_text(encoding="utf-8").split()) or None
    except OSError:
        return None


def sample_feeds(version: Any, specs: list[Any], seed: int = 0) -> dict[str, np.ndarray]:
    """Deterministic random inputs that the model accepts (ids within its vocabulary)."""
    from engines.inputs import make_sample_inputs

    return make_sample_inputs(specs, seed=seed, int_high=vocabulary_size(version) or 100)


def image_feeds(version: Any, spec: Any, image_path: Path) -> dict[str, np.ndarray]:
    """One image, resized and normalised as the model's config says."""
    from engines.base import EngineError
    from engines.inputs import IMAGENET_MEAN, IMAGENET_STD, load_image_tensor

    config = model_config(version).get("input", {})
    size = config.get("size")
    try:
        tensor = load_image_tensor(image_path, spec, layout=config.get("layout"),
                                   mean=config.get("mean", IMAGENET_MEAN),
                                   std=config.get("std", IMAGENET_STD),
                                   size=tuple(size) if size else None)
    except (EngineError, OSError, ValueError) as exc:
        raise ValidationError(f"Cannot use {image_path.name} as input: {exc}") from exc
    return {spec.name: tensor}


def text_feeds(version: Any, spec: Any, text: str) -> dict[str, np.ndarray]:
    """Word-level tokenisation with the vocabulary the model ships (the demo's scheme)."""
    tokenizer = model_config(version).get("tokenizer")
    if not tokenizer:
        raise ValidationError(f"{version.tag} ships no tokenizer description (config.json "
                              "'tokenizer'): give its input tensors as JSON instead.")
    vocab_path = Path(version.folder) / tokenizer.get("vocab", "vocab.txt")
    try:
        words = vocab_path.read_text(encoding="utf-8").split()
    except OSError as exc:
        raise ValidationError(f"{version.tag}: its vocabulary {vocab_path.name} is missing."
                              ) from exc
    ids = {word: index for index, word in enumerate(words)}
    pattern = re.compile(tokenizer.get("pattern", r"\w+"))
    tokens = pattern.findall(text.lower())
    if not tokens:
        raise ValidationError("Type some words to classify.")
    length = int(tokenizer.get("max_tokens", 32))
    unk, pad = int(tokenizer.get("unk_id", 1)), int(tokenizer.get("pad_id", 0))
    row = [ids.get(token, unk) for token in tokens][:length]
    row += [pad] * (length - len(row))
    dtype = _DTYPES.get(spec.dtype, np.int64)
    return {spec.name: np.asarray([row], dtype=dtype)}


def json_feeds(specs: list[Any], document: str | dict[str, Any]) -> dict[str, np.ndarray]:
    """{"input_name": nested lists} → tensors of each input's dtype, with clear errors."""
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError as exc:
            raise ValidationError(f"The input is not valid JSON: {exc}.") from exc
    if not isinstance(document, dict):
        raise ValidationError('Give an object: {"input name": [[...]]}.')
    by_name = {spec.name: spec for spec in specs}
    unknown = set(document) - set(by_name)
    if unknown:
        raise ValidationError(f"Unknown input(s) {', '.join(sorted(unknown))}; the model "
                              f"takes {', '.join(by_name)}.")
    missing = set(by_name) - set(document)
    if missing:
        raise ValidationError(f"Missing input(s): {', '.join(sorted(missing))}.")
    feeds = {}
    for name, value in document.items():
        spec = by_name[name]
        try:
            array = np.asarray(value, dtype=_DTYPES.get(spec.dtype, np.float32))
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"Input '{name}' is not a rectangular {spec.dtype} array: "
                                  f"{exc}.") from exc
        expected = list(spec.shape)
        fixed = [(d, s) for d, s in zip(expected, array.shape, strict=False)
                 if isinstance(d, int) and d > 0]
        if len(expected) != array.ndim or any(d != s for d, s in fixed):
            raise ValidationError(f"Input '{name}' has shape {list(array.shape)}; the model "
                                  f"expects {expected}.")
        feeds[name] = array
    return feeds


def outputs_json(outputs: dict[str, np.ndarray], limit: int = 64) -> dict[str, Any]:
    """Outputs as JSON-able data, long tensors cut to `limit` values (shape kept)."""
    shown: dict[str, Any] = {}
    for name, array in outputs.items():
        flat = np.asarray(array).ravel()
        shown[name] = {"shape": list(np.shape(array)), "dtype": str(np.asarray(array).dtype),
                       "values": flat[:limit].tolist(), "truncated": flat.size > limit}
    return shown
