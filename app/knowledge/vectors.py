"""Exact dense search over the stored vectors, held in memory as one numpy matrix per model.

SQLite here cannot load extensions (no sqlite-vec), and an exact dot product over a few hundred
thousand 384-float vectors takes milliseconds, so the matrix is read once and reused until the
vectors change: triggers bump `kb_vector_generation` on every insert, update or delete
(cascaded ones too), so checking for staleness is one row read.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from app.store import Store


@dataclass
class _Matrix:
    stamp: int
    chunk_ids: np.ndarray  # int64 (n,), ascending
    collection_ids: np.ndarray  # int64 (n,)
    vectors: np.ndarray  # float32 (n, d)
    collections: frozenset[int] = frozenset()


class VectorIndex:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._cache: dict[str, _Matrix] = {}
        self._lock = threading.Lock()

    def generation(self) -> int:
        """Bumped by triggers on every vector insert, update or delete."""
        return self._stamp()

    def _stamp(self) -> int:
        return int(self._store.conn.execute(
            "SELECT generation FROM kb_vector_generation WHERE id = 1").fetchone()[0])

    def matrix(self, model: str) -> _Matrix:
        stamp = self._stamp()
        with self._lock:
            cached = self._cache.get(model)
            if cached is not None and cached.stamp == stamp:
                return cached
            rows = self._store.conn.execute(
                "SELECT e.chunk_id, d.collection_id, e.vector FROM kb_embeddings e"
                " JOIN kb_chunks k ON k.id = e.chunk_id"
                " JOIN kb_documents d ON d.id = k.document_id"
                " WHERE e.model = ? AND d.status = 'ok' ORDER BY e.chunk_id", [model]).fetchall()
            if rows:
                vectors = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32)
                vectors = vectors.reshape(len(rows), -1)
            else:
                vectors = np.zeros((0, 1), dtype=np.float32)
            collection_ids = np.fromiter((r[1] for r in rows), np.int64, len(rows))
            built = _Matrix(stamp, np.fromiter((r[0] for r in rows), np.int64, len(rows)),
                            collection_ids, vectors, frozenset(int(c) for c in
                                                               np.unique(collection_ids)))
            self._cache[model] = built
            return built

    def search(self, model: str, query: np.ndarray, collection_ids: set[int],
               limit: int) -> list[tuple[int, float]]:
        """(chunk id, cosine) best first, among chunks of the given collections."""
        found = self.matrix(model)
        if not len(found.chunk_ids) or found.vectors.shape[1] != query.shape[0]:
            return []
        scores = found.vectors @ query
        if found.collections <= collection_ids:  # every vector is in scope: no mask needed
            limit = min(limit, len(scores))
        else:
            allowed = np.isin(found.collection_ids, np.fromiter(collection_ids, np.int64))
            scores = np.where(allowed, scores, -np.inf)
            limit = min(limit, int(allowed.sum()))
        if limit <= 0:
            return []
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.argsort(-scores[top])]
        return [(int(found.chunk_ids[i]), float(scores[i])) for i in top]

    def vectors_of(self, model: str, chunk_ids: list[int]) -> dict[int, np.ndarray]:
        """The stored vectors of some chunks (binary search: chunk ids are sorted)."""
        found = self.matrix(model)
        if not len(found.chunk_ids):
            return {}
        wanted = np.asarray(chunk_ids, dtype=np.int64)
        at = np.clip(np.searchsorted(found.chunk_ids, wanted), 0, len(found.chunk_ids) - 1)
        return {int(c): found.vectors[i] for c, i in zip(wanted, at, strict=True)
                if found.chunk_ids[i] == c}

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()
