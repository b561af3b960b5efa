"""Qt-free helpers of the playground: turn what a person gives (an image, a sentence, JSON) into
a model's tensors and its outputs into something readable.

Kept apart from the page so each rule (which mode fits a model, how text is tokenized, what looks
like detection boxes) can be tested without widgets, and so that the work can run in a Task.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.errors import ValidationError
from app.messages import msg
from app.models.registry import ModelVersion
from engines.base import TENSORS, TensorSpec

IMAGE, DETECTION, TEXT, JSON_MODE = "image", "detection", "text", "json"
MODES = (IMAGE, DETECTION, TEXT, JSON_MODE)
MODE_NAMES = {IMAGE: "Image classification", DETECTION: "Object detection",
              TEXT: "Text", JSON_MODE: "Tensors (JSON)"}


def modes_for(capabilities: frozenset[str]) -> tuple[str, ...]:
    """The playground's input forms an engine with these capabilities can take (the model's
    backend says what it can do): today tensor models get every form; a language model's
    chat, an embedding model's search are their own views."""
    return MODES if TENSORS in capabilities else ()


# The registry records ONNX type names ('float'); numpy wants 'float32'.
_ONNX_TO_NUMPY = {"float": "float32", "double": "float64", "float16": "float16",
                  "bfloat16": "float32", "int64": "int64", "int32": "int32", "int16": "int16",
                  "int8": "int8", "uint8": "uint8", "uint16": "uint16", "uint32": "uint32",
                  "uint64": "uint64", "bool": "bool"}
MAX_IMAGE_BYTES = 256 << 20  # a photo from a line camera is a few MiB
DEFAULT_MEAN = (0.485, 0.456, 0.406)  # ImageNet, what most exported classifiers expect
DEFAULT_STD = (0.229, 0.224, 0.225)
MAX_JSON_VALUES = 4_000_000  # a pasted tensor bigger than this is a mistake, not an input
SHOWN_VALUES = 64  # per output in the JSON view; the rest is summarised
BOX_THRESHOLD = 0.3
MAX_BOXES = 100


def specs_of(records: Sequence[Mapping[str, Any]]) -> list[TensorSpec]:
    """The registry's input/output records as engine TensorSpecs (numpy dtype names)."""
    specs = []
    for record in records:
        dtype = str(record.get("dtype", "float"))
        shape = tuple(dim if isinstance(dim, int) else (str(dim) if dim is not None else None)
                      for dim in (record.get("shape") or ()))
        specs.append(TensorSpec(str(record.get("name", "")), shape,
                                _ONNX_TO_NUMPY.get(dtype, dtype)))
    return specs


def model_config(version: ModelVersion) -> dict[str, Any]:
    """The config.json shipped beside the model ({} when absent or unreadable: defaults apply)."""
    path = version.folder / "config.json"
    try:
        value = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def is_image_input(spec: TensorSpec) -> bool:
    """[N, C, H, W] or [N, H, W, C] with 1 or 3 channels: a picture can be fed to it."""
    return len(spec.shape) == 4 and (spec.shape[1] in (1, 3) or spec.shape[3] in (1, 3))


def is_token_input(spec: TensorSpec) -> bool:
    return len(spec.shape) == 2 and spec.dtype in ("int64", "int32")


def looks_like_detection(outputs: Sequence[TensorSpec]) -> bool:
    """An output whose last dimension is 4 (boxes) beside another output (scores)."""
    return len(outputs) >= 2 and any(o.shape and o.shape[-1] == 4 for o in outputs)


def choose_mode(task: str, inputs: Sequence[TensorSpec], outputs: Sequence[TensorSpec],
                has_tokenizer: bool) -> str:
    """The input form that fits: the task says what the model is for, the shapes whether the
    page can build its tensors; anything else gets the JSON editor."""
    first = inputs[0] if inputs else None
    if first is not None and is_image_input(first):
        if task == "object-detection" or looks_like_detection(outputs):
            return DETECTION
        return IMAGE
    if first is not None and is_token_input(first) and has_tokenizer and (
            task in ("text-classification", "text-embedding")):
        return TEXT
    return JSON_MODE


# -- text --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordTokenizer:
    """Lower-case words looked up in vocab.txt (one token per line, the line number is the id);
    unknown words get the [UNK] id, the row is padded or cut to the input's length."""

    ids: Mapping[str, int]
    pad_id: int = 0
    unk_id: int = 1
    max_tokens: int = 32
    pattern: str = r"[a-z0-9]+"

    @classmethod
    def for_version(cls, version: ModelVersion) -> WordTokenizer | None:
        """The version's tokenizer, or None when it ships no vocab.txt."""
        settings = model_config(version).get("tokenizer") or {}
        if not isinstance(settings, dict):
            settings = {}
        vocab = version.folder / str(settings.get("vocab", "vocab.txt"))
        try:
            words = [w.strip() for w in vocab.read_text(encoding="utf-8-sig").splitlines()]
        except OSError:
            return None
        ids = {word: index for index, word in enumerate(words) if word}
        unk = settings.get("unk_id", ids.get("[UNK]", 0))
        return cls(ids, int(settings.get("pad_id", ids.get("[PAD]", 0))), int(unk),
                   int(settings.get("max_tokens", 32)),
                   str(settings.get("pattern", r"[a-z0-9]+")))

    def tokens(self, text: str) -> list[str]:
        return re.findall(self.pattern, text.lower())

    def encode(self, text: str, length: int | None = None) -> list[int]:
        size = length or self.max_tokens
        row = [self.ids.get(word, self.unk_id) for word in self.tokens(text)][:size]
        return row + [self.pad_id] * (size - len(row))


def text_feeds(tokenizer: WordTokenizer, specs: Sequence[TensorSpec],
               text: str) -> dict[str, np.ndarray]:
    """Token ids for the first input; masks get ones over the words, segment ids zeros."""
    if not tokenizer.tokens(text):
        raise ValidationError("Type a few words first.")
    first = specs[0]
    length = first.shape[-1] if isinstance(first.shape[-1], int) and first.shape[-1] > 0 \
        else tokenizer.max_tokens
    ids = tokenizer.encode(text, length)
    used = min(len(tokenizer.tokens(text)), length)
    feeds = {first.name: np.asarray([ids], dtype=first.dtype)}
    for spec in specs[1:]:
        name = spec.name.lower()
        if "mask" in name:
            feeds[spec.name] = np.asarray([[1] * used + [0] * (length - used)], spec.dtype)
        elif "type" in name or "segment" in name:
            feeds[spec.name] = np.zeros((1, length), spec.dtype)
        else:
            raise ValidationError(msg("The model also needs '{spec}', which text cannot fill: use "
                                      "the Tensors (JSON) mode.", spec=spec.describe()))
    return feeds


# -- images ------------------------------------------------------------------------------------


def image_feeds(version: ModelVersion, spec: TensorSpec, path: str | Path
                ) -> dict[str, np.ndarray]:
    """One picture as the model's config.json says (layout, size, mean/std), else ImageNet.

    A path is opened by the rules for chosen files (app.chosen_files): a FIFO never blocks
    the run, a link out of its folder is not followed."""
    from engines.base import EngineError
    from engines.inputs import load_image_tensor

    if isinstance(path, (str, Path)):
        from app.chosen_files import RefusedFile, chosen_path, open_regular

        name = Path(path).name
        try:
            with open_regular(chosen_path(path)) as handle:
                data = handle.read(MAX_IMAGE_BYTES + 1)
        except RefusedFile as exc:
            raise ValidationError(msg("Cannot use {name}: {exc}", name=name, exc=exc)) from None
        except OSError as exc:
            raise ValidationError(msg("Cannot use {name}: {strerror}", name=name,
                                      strerror=exc.strerror or exc)) from None
        if len(data) > MAX_IMAGE_BYTES:
            raise ValidationError(msg("Cannot use {name}: the picture is larger than "
                                      "{max_image_bytes} MiB.", name=name,
                                      max_image_bytes=MAX_IMAGE_BYTES >> 20))
        picture = io.BytesIO(data)
        picture.name = name  # what errors name (an opened descriptor has only a number)
        return image_feeds(version, spec, picture)

    settings = model_config(version).get("input") or {}
    if not isinstance(settings, dict):
        settings = {}
    size = settings.get("size")
    try:
        tensor = load_image_tensor(path, spec, layout=settings.get("layout"),
                                   mean=settings.get("mean", DEFAULT_MEAN),
                                   std=settings.get("std", DEFAULT_STD),
                                   size=tuple(size) if size else (224, 224))
    except (EngineError, OSError, ValueError) as exc:  # an open file (batch jobs) has a .name
        name = Path(path).name if isinstance(path, (str, Path)) else getattr(path, "name", path)
        raise ValidationError(msg("Cannot use {name}: {exc}", name=name, exc=exc)) from exc
    return {spec.name: tensor}


# -- JSON --------------------------------------------------------------------------------------


def sample_json(specs: Sequence[TensorSpec], vocab_size: int | None = None,
                dynamic_size: int = 1) -> str:
    """Random but valid inputs, so a person sees the expected nesting and edits from there;
    token ids stay below `vocab_size` (an id past the vocabulary makes the model fail)."""
    from engines.base import EngineError
    from engines.inputs import make_sample_inputs

    try:
        feeds = make_sample_inputs(specs, dynamic_size=dynamic_size,
                                   int_high=min(vocab_size or 100, 100))
    except EngineError as exc:
        raise ValidationError(str(exc)) from exc
    document = {name: np.round(value, 4).tolist() if value.dtype.kind == "f" else value.tolist()
                for name, value in feeds.items()}
    return json.dumps(document)


def json_feeds(specs: Sequence[TensorSpec], text: str) -> dict[str, np.ndarray]:
    """{"input": [[...]]} → tensors of each input's dtype; every mistake named precisely."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ValidationError(msg("The input is not valid JSON: {exc}.", exc=exc)) from None
    if not isinstance(document, dict):
        raise ValidationError('Give an object: {"input_name": [[...]], ...}.')
    known = {spec.name: spec for spec in specs}
    unknown = sorted(set(document) - set(known))
    if unknown:
        raise ValidationError(msg("The model has no input named {unknown}; its inputs are {known}.",
                                  unknown=', '.join(unknown), known=', '.join(known)))
    missing = [name for name in known if name not in document]
    if missing:
        raise ValidationError(msg("Missing input(s): {missing}.", missing=', '.join(missing)))
    feeds = {}
    for name, value in document.items():
        spec = known[name]
        try:
            array = np.asarray(value, dtype=spec.dtype)
        except (ValueError, TypeError) as exc:
            raise ValidationError(msg("'{name}' is not a rectangular array of {dtype} ({exc}).",
                                      name=name, dtype=spec.dtype, exc=exc)) from None
        if array.size > MAX_JSON_VALUES:
            raise ValidationError(msg("'{name}' holds {size} values; at most {max_json_values}.",
                                      name=name, size=array.size, max_json_values=MAX_JSON_VALUES))
        if len(array.shape) != len(spec.shape) or any(
                isinstance(want, int) and want >= 0 and want != got
                for want, got in zip(spec.shape, array.shape, strict=True)):
            raise ValidationError(msg("'{name}' has shape {shape}; the model expects {spec}.",
                                      name=name, shape=list(array.shape), spec=spec.describe()))
        feeds[name] = array
    return feeds


def outputs_json(outputs: Mapping[str, np.ndarray], limit: int = SHOWN_VALUES) -> str:
    """Outputs as indented JSON, each cut to `limit` values (shape and dtype always shown)."""
    document: dict[str, Any] = {}
    for name, value in outputs.items():
        array = np.asarray(value)
        flat = array.ravel()
        values = flat[:limit]
        shown = [round(float(v), 6) if array.dtype.kind == "f" else v.item() for v in values]
        item: dict[str, Any] = {"shape": list(array.shape), "dtype": str(array.dtype),
                                "values": shown}
        if flat.size > limit:
            item["truncated"] = f"first {limit} of {flat.size} values"
        document[name] = item
    # One line per output: long value lists stay readable, the text stays valid JSON.
    lines = [f"  {json.dumps(name)}: {json.dumps(item)}" for name, item in document.items()]
    return "{\n" + ",\n".join(lines) + "\n}"


# -- reading outputs ---------------------------------------------------------------------------


def class_scores(outputs: Mapping[str, np.ndarray], labels: Sequence[str] | None
                 ) -> np.ndarray | None:
    """The [1, classes] (or [classes]) output, preferring one that matches the label count."""
    candidates = []
    for value in outputs.values():
        array = np.asarray(value)
        if array.dtype.kind != "f":
            continue
        if array.ndim == 2 and array.shape[0] == 1:
            array = array[0]
        if array.ndim == 1 and array.size > 1:
            candidates.append(array)
    if labels:
        for array in candidates:
            if array.size == len(labels):
                return array
    return candidates[0] if candidates else None


def embedding_summary(outputs: Mapping[str, np.ndarray]) -> tuple[str, int, float] | None:
    """(output name, vector length, L2 norm) of the first float output of one sample."""
    for name, value in outputs.items():
        array = np.asarray(value)
        if array.dtype.kind != "f" or array.size == 0:
            continue
        if array.ndim == 3 and array.shape[0] == 1:  # token vectors: mean-pool
            array = array[0].mean(axis=0)
        vector = array.reshape(-1) if array.ndim <= 1 or array.shape[0] == 1 else array[0]
        return name, int(vector.size), float(np.linalg.norm(vector.astype(np.float64)))
    return None


@dataclass(frozen=True)
class Detection:
    x1: float
    y1: float
    x2: float
    y2: float
    score: float
    label: str


def detections(outputs: Mapping[str, np.ndarray], width: int, height: int,
               labels: Sequence[str] | None = None,
               threshold: float = BOX_THRESHOLD) -> list[Detection]:
    """Boxes from a [N, 4] (or [1, N, 4]) output and scores from an [N] / [N, classes] one.

    Boxes are x1, y1, x2, y2; values all within 0..1.5 are taken as fractions of the image,
    otherwise as pixels of the model input (`width` x `height`), which the caller scales."""
    arrays = {name: np.asarray(value) for name, value in outputs.items()}
    boxes_name = next((n for n, a in arrays.items() if a.ndim in (2, 3) and a.shape[-1] == 4
                       and a.dtype.kind == "f"), None)
    if boxes_name is None:
        return []
    boxes = arrays[boxes_name].reshape(-1, 4).astype(np.float64)
    count = boxes.shape[0]
    scores = np.ones(count)
    classes = np.full(count, -1)
    for name, array in arrays.items():
        if name == boxes_name:
            continue
        flat = array.reshape(count, -1) if array.size and array.size % count == 0 else None
        if flat is None:
            continue
        if array.dtype.kind == "f":
            if flat.shape[1] == 1:
                scores = flat[:, 0].astype(np.float64)
            else:
                classes, scores = flat.argmax(axis=1), flat.max(axis=1).astype(np.float64)
        elif array.dtype.kind in "iu" and flat.shape[1] == 1:
            classes = flat[:, 0]
    if boxes.size and float(np.nanmax(np.abs(boxes))) <= 1.5:
        boxes = boxes * np.array([width, height, width, height], np.float64)
    found = []
    for index in np.argsort(-scores):
        score = float(scores[index])
        if not math.isfinite(score) or score < threshold:
            continue
        x1, y1, x2, y2 = (float(v) for v in boxes[index])
        cls = int(classes[index])
        label = labels[cls] if labels and 0 <= cls < len(labels) else (
            str(cls) if cls >= 0 else "object")
        found.append(Detection(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2), score,
                               label))
        if len(found) >= MAX_BOXES:
            break
    return found



# -- shared with the CLI and the inference service ------------------------------------------


def vocabulary_size(version: ModelVersion) -> int | None:
    """Token ids must stay below this (a Gather beyond it fails); None without a vocabulary."""
    tokenizer = WordTokenizer.for_version(version)
    return (max(tokenizer.ids.values()) + 1) if tokenizer and tokenizer.ids else None


def sample_feeds(version: ModelVersion, specs: Sequence[TensorSpec],
                 seed: int = 0) -> dict[str, np.ndarray]:
    """Deterministic random inputs that the model accepts (ids within its vocabulary)."""
    from engines.inputs import make_sample_inputs

    return make_sample_inputs(specs, seed=seed, int_high=vocabulary_size(version) or 100)


def outputs_data(outputs: Mapping[str, np.ndarray], limit: int = 64) -> dict[str, Any]:
    """Outputs as JSON-able data for `--json`, long tensors cut to `limit` values."""
    shown: dict[str, Any] = {}
    for name, array in outputs.items():
        flat = np.asarray(array).ravel()
        shown[name] = {"shape": list(np.shape(array)), "dtype": str(np.asarray(array).dtype),
                       "values": flat[:limit].tolist(), "truncated": flat.size > limit}
    return shown
