"""A sentence-embedding model as an engine: text in, one unit vector per text out.

The ONNX export of a sentence-transformers model gives token states (or sentence vectors); this
engine pairs it with its `tokenizers` tokenizer (never torch), pools the states (mean over the
attention mask, or the [CLS] state) and L2-normalises, so a dot product is the cosine
similarity. The session comes from the ONNX Runtime backend like every other model's.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from engines.backends import backend
from engines.base import (
    CPU,
    EMBED,
    EMBEDDING_MODEL,
    CancelledFn,
    EngineDescription,
    EngineError,
    EngineOptions,
    LoadReport,
    ProgressFn,
)


class EmbeddingModelError(EngineError):
    """The folder's model or tokenizer cannot embed text; the message says why."""


class TextEmbeddingEngine:
    capabilities = frozenset({EMBED})

    def __init__(self, name: str, model_path: Path, tokenizer_path: Path, max_tokens: int,
                 pooling: str = "mean", runtime: str = "onnxruntime") -> None:
        self.name = name
        self.model_path = Path(model_path)
        self.tokenizer_path = Path(tokenizer_path)
        self.max_tokens = max_tokens
        self.pooling = pooling
        self._runtime = runtime
        self._engine: Any = None
        self._tokenizer: Any = None
        self._inputs: set[str] = set()
        self._lock = threading.Lock()  # the tokenizer's padding/truncation state is shared

    @property
    def report(self) -> LoadReport | None:
        return self._engine.report if self._engine is not None else None

    def load(self, progress: ProgressFn | None = None,
             cancelled: CancelledFn | None = None) -> LoadReport:
        from tokenizers import Tokenizer

        try:
            tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
        except Exception as exc:  # noqa: BLE001 - tokenizers raises plain Exception subclasses
            raise EmbeddingModelError(f"Cannot read the tokenizer of embedding model "
                                      f"'{self.name}': {exc}") from None
        tokenizer.enable_truncation(self.max_tokens)
        pad = _pad_token(tokenizer)
        found = tokenizer.token_to_id(pad)
        tokenizer.enable_padding(pad_id=0 if found is None else int(found), pad_token=pad)
        engine = backend(self._runtime).open(
            self.model_path, EngineOptions(providers=[CPU], capture_native_output=False))
        try:
            report = engine.load(progress, cancelled)
        except EngineError as exc:
            raise EmbeddingModelError(f"Cannot load embedding model '{self.name}': "
                                      f"{exc}") from None
        inputs = {spec.name for spec in engine.describe().inputs}
        missing = {"input_ids", "attention_mask"} - inputs
        if missing:
            engine.unload()
            raise EmbeddingModelError(
                f"Embedding model '{self.name}' has no input named "
                f"{', '.join(sorted(missing))}; a sentence-embedding ONNX export takes "
                "input_ids and attention_mask.")
        self._tokenizer, self._engine, self._inputs = tokenizer, engine, inputs
        return report

    def describe(self) -> EngineDescription:
        if self._engine is None:
            raise EngineError(f"embedding model {self.name} is not loaded")
        return self._engine.describe()

    def run(self, feeds: Any) -> list[np.ndarray]:  # noqa: ANN401 - the Engine protocol
        return self._engine.run(feeds)

    def unload(self) -> None:
        if self._engine is not None:
            self._engine.unload()
        self._engine = None

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dimensions) float32 unit vectors for one batch of texts."""
        if self._engine is None:
            raise EngineError(f"embedding model {self.name} is not loaded")
        with self._lock:
            encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        output = np.asarray(self._engine.run(feeds)[0], dtype=np.float32)
        if output.ndim == 3:
            if self.pooling == "cls":
                vectors = output[:, 0, :]
            else:
                weights = mask[..., None].astype(np.float32)
                vectors = (output * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        elif output.ndim == 2:
            vectors = output
        else:
            raise EmbeddingModelError(
                f"Embedding model '{self.name}' returned a {output.ndim}-dimensional output; "
                "expected token states (batch, tokens, size) or sentence vectors (batch, size).")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def _pad_token(tokenizer: Any) -> str:  # noqa: ANN401 - tokenizers.Tokenizer
    for token in ("[PAD]", "<pad>"):
        if tokenizer.token_to_id(token) is not None:
            return token
    return "[PAD]"


__all__ = ["EMBEDDING_MODEL", "EmbeddingModelError", "TextEmbeddingEngine"]
