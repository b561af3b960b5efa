"""Finding passages: BM25 over the trigram FTS5 index, dense vectors, and their fusion.

Hybrid ranking is reciprocal rank fusion (score = Σ 1/(k + rank), k = 60) of the BM25 list and
the dense list, so neither method's raw scores need calibrating against the other: words that
must match exactly (fault codes, part numbers, Chinese terms MiniLM does not know) come from
BM25, paraphrases from the vectors. Each hit keeps both ranks and the cosine, which the answer
step uses to decide whether the knowledge base really holds an answer.
"""

from __future__ import annotations

import html
import math
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from app.knowledge.answer import (
    CJK_QUESTION_WORDS,
    HIT_CLOSE,
    HIT_OPEN,
    STOPWORDS,
    highlight,
    is_cjk,
    question_terms,
)
from app.knowledge.embedding import Embedder
from app.knowledge.vectors import VectorIndex
from app.store import Store

MIN_FTS_CHARS = 3  # the trigram tokenizer cannot match anything shorter
RRF_K = 60
CANDIDATES = 50  # per method, before fusion
MODES = ("hybrid", "bm25", "dense")
# Dense search always has a nearest neighbour; below this cosine it is noise, not a result.
DENSE_FLOOR = 0.2
_TERM = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 40
TRIGRAM_INDEX, WORD_INDEX = "kb_chunks_fts", "kb_chunks_words"
_LATIN_WORD = re.compile(r"[^\W_]+", re.UNICODE)
COMMON_SHARE = 0.05  # a word in more than 5 % of passages is "common"…
COMMON_FLOOR = 2000  # …once it is in more than this many



@dataclass(frozen=True)
class SearchHit:
    chunk_id: int
    document_id: int
    document_title: str
    file_name: str
    collection: str
    page: int | None
    heading: str
    snippet: str  # matches in [brackets]
    snippet_html: str  # escaped, matches in <mark>
    score: float  # hybrid: RRF score; bm25: -bm25(); dense: cosine; substring: 0.0
    char_start: int
    char_end: int
    bm25_rank: int | None = None  # 1-based place in each method's list, None if absent
    dense_rank: int | None = None
    cosine: float | None = None


@dataclass
class SearchResult:
    query: str
    hits: list[SearchHit]
    mode: str  # 'hybrid', 'bm25', 'dense', 'substring' or 'refused'
    note: str = ""


def fts_terms(text: str) -> list[str]:
    """FTS5 phrases for a question: each word of 3+ characters, quoted (no query syntax).

    English stop words are left out (they match almost every passage, which costs time at
    100k passages and adds nothing). Chinese has no spaces: question words (如何, 怎样, 需要…)
    split a run into pieces, and each piece gives itself and its 3-character windows, so a
    question worded differently from the manual still finds the passage.
    """
    terms: list[str] = []
    words = [w for w in _TERM.findall(CJK_QUESTION_WORDS.sub(" ", text))
             if len(w) >= MIN_FTS_CHARS]
    content = [w for w in words if w.lower() not in STOPWORDS]
    for word in content or words:
        candidates = [word]
        if len(word) > MIN_FTS_CHARS and any(ord(ch) > 0x2E80 for ch in word):
            candidates += [word[i:i + 3] for i in range(len(word) - 2)]
        for term in candidates:
            phrase = '"' + term.replace('"', '""') + '"'
            if phrase not in terms:
                terms.append(phrase)
    return terms[:MAX_TERMS]


def word_terms(text: str) -> list[str]:
    """Quoted words for the word index: no stop words unless there is nothing else, no query
    syntax (porter stems them)."""
    words = [w for w in _LATIN_WORD.findall(text) if len(w) >= 2 or w.isdigit()]
    content = [w for w in words if w.lower() not in STOPWORDS]
    terms: list[str] = []
    for word in content or words:
        phrase = '"' + word + '"'
        if phrase not in terms:
            terms.append(phrase)
    return terms[:MAX_TERMS]


def lexical_terms(text: str) -> tuple[str, list[str]]:
    """(FTS table, phrases): the trigram index when the question has Chinese, else words."""
    if any(is_cjk(ch) for ch in text):
        return TRIGRAM_INDEX, fts_terms(text)
    return WORD_INDEX, word_terms(text)


def rrf(lists: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of ranked id lists, best first (ties: first list's order)."""
    scores: dict[int, float] = {}
    for ranked in lists:
        for rank, item in enumerate(ranked, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


class Retriever:
    """Runs one method or the fusion over the given collections (ids → embedding model)."""

    def __init__(self, store: Store, vectors: VectorIndex) -> None:
        self._store = store
        self._vectors = vectors
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kb-dense")
        self._counts_lock = threading.Lock()
        self._counts_stamp: tuple[int, int] | None = None
        self._counts_cache: dict[str, int] = {}

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def bm25(self, text: str, collection_ids: set[int], limit: int) -> list[SearchHit]:
        """BM25 over the word index for Latin-script questions, the trigram index otherwise."""
        index, match, ranked = self._lexical(text, collection_ids, limit)
        hits = self._with_snippets(index, match, [chunk for chunk, _ in ranked], text)
        return [replace(hits[chunk], score=score, bm25_rank=rank)
                for rank, (chunk, score) in enumerate(ranked, start=1) if chunk in hits]

    def _lexical(self, text: str, collection_ids: set[int],
                 limit: int) -> tuple[str, str, list[tuple[int, float]]]:
        """(index, MATCH expression, [(chunk id, -bm25)]) — ranking only, no snippets yet:
        snippet() for 50 candidates cost more than the ranking itself."""
        index, terms = lexical_terms(text)
        if index == WORD_INDEX:
            terms = self._selective(terms)
        if not terms:
            return index, "", []
        match = " OR ".join(terms)
        sql = (f"SELECT f.rowid, -bm25({index}, 2.0, 1.0) FROM {index} f"
               " JOIN kb_chunks k ON k.id = f.rowid JOIN kb_documents d ON d.id = k.document_id"
               f" WHERE {index} MATCH ? AND d.status = 'ok'"
               f" AND d.collection_id IN ({_marks(collection_ids)})"
               f" ORDER BY bm25({index}, 2.0, 1.0) LIMIT ?")
        rows = self._store.conn.execute(sql, [match, *collection_ids, limit]).fetchall()
        return index, match, [(int(r[0]), float(r[1])) for r in rows]

    def _with_snippets(self, index: str, match: str, chunk_ids: Sequence[int],
                       text: str) -> dict[int, SearchHit]:
        """Hits whose snippet is FTS5's (the matched words marked) for the given chunks."""
        if not chunk_ids or not match:
            return {}
        snippet = f"snippet({index}, 1, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 48)"
        rows = self._store.conn.execute(
            f"SELECT f.rowid, {snippet} FROM {index} f WHERE {index} MATCH ?"
            f" AND f.rowid IN ({_marks(chunk_ids)})", [match, *chunk_ids]).fetchall()
        snippets = {int(r[0]): str(r[1]) for r in rows}
        hits = self.hits_for(chunk_ids, text)
        for chunk, marked in snippets.items():
            if chunk in hits:
                hit = hits[chunk]
                plain, html_text = _render(marked)
                hits[chunk] = replace(hit, snippet=plain, snippet_html=html_text)
        return hits

    def _selective(self, terms: list[str]) -> list[str]:
        """Leave out words found in very many passages (all but the rarest, if all are).

        BM25 gives such words almost no weight, yet ranking their tens of thousands of matches
        is what made a query slow at 100k passages (p95 112 ms → 10 ms without them). Below
        COMMON_FLOOR passages nothing is left out, so small knowledge bases rank as before.
        """
        if not terms:
            return terms
        total = self._passages()
        limit = max(COMMON_FLOOR, COMMON_SHARE * total)
        if total <= COMMON_FLOOR:
            return terms
        counts = {t: self._passages_with(t) for t in terms}
        found = [t for t in terms if counts[t]]
        kept = [t for t in found if counts[t] <= limit]
        return kept or sorted(found, key=counts.__getitem__)[:1]

    def _counts(self) -> dict[str, int]:
        """Document frequencies, kept while no passage was added or removed (every change
        to the passages changes their highest id or the vector generation)."""
        conn = self._store.conn
        stamp = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM kb_chunks").fetchone()[0],
                 self._vectors.generation())
        with self._counts_lock:
            if self._counts_stamp != stamp:
                self._counts_stamp, self._counts_cache = stamp, {}
            return self._counts_cache

    def _passages(self) -> int:
        counts = self._counts()
        if "" not in counts:
            counts[""] = self._store.conn.execute("SELECT COUNT(*) FROM kb_chunks").fetchone()[0]
        return counts[""]

    def _passages_with(self, phrase: str) -> int:
        """How many passages the word index matches for one quoted word."""
        counts = self._counts()
        if phrase not in counts:
            if len(counts) > 10_000:
                counts.clear()
            counts[phrase] = self._store.conn.execute(
                f"SELECT COUNT(*) FROM {WORD_INDEX} WHERE {WORD_INDEX} MATCH ?",
                [phrase]).fetchone()[0]
        return counts[phrase]

    def word_weights(self, words: dict[str, str]) -> dict[str, float]:
        """BM25's inverse document frequency of each word, scaled to 0..1 (1 = in one
        passage): 'EdgeDeck' in every manual must not make a passage look like an answer."""
        total = self._passages()
        if not total or not words:
            return {}
        ceiling = math.log((total - 0.5) / 1.5 + 1.0)
        weights = {}
        for stem, word in words.items():
            count = self._passages_with('"' + word.replace('"', '""') + '"')
            idf = math.log((total - count + 0.5) / (count + 0.5) + 1.0)
            weights[stem] = max(0.05, min(1.0, idf / ceiling)) if count else 1.0
        return weights

    def substring(self, text: str, collection_ids: set[int], limit: int) -> list[SearchHit]:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"
        sql = (f"SELECT {_columns('k.text', '0.0')}"
               " FROM kb_chunks k JOIN kb_documents d ON d.id = k.document_id"
               " JOIN kb_collections c ON c.id = d.collection_id"
               " WHERE (k.text LIKE ? ESCAPE '\\' OR k.heading LIKE ? ESCAPE '\\')"
               f" AND d.status = 'ok' AND d.collection_id IN ({_marks(collection_ids)})"
               " ORDER BY d.id, k.ordinal LIMIT ?")
        rows = self._store.conn.execute(sql, [pattern, pattern, *collection_ids, limit])
        return [_hit((*row[:7], _substring_snippet(row[7], text), *row[8:])) for row in rows]

    def dense(self, text: str, groups: dict[str, tuple[Embedder, set[int]]],
              limit: int) -> list[SearchHit]:
        """Best chunks by cosine; `groups` maps a model to its embedder and collections."""
        ranked, _ = self._dense(text, groups, limit)
        hits = self.hits_for([chunk for chunk, _ in ranked], text)
        return [replace(hits[chunk], score=cosine, cosine=cosine, dense_rank=rank)
                for rank, (chunk, cosine) in enumerate(ranked, start=1) if chunk in hits]

    def _dense(self, text: str, groups: dict[str, tuple[Embedder, set[int]]],
               limit: int) -> tuple[list[tuple[int, float]], dict[str, np.ndarray]]:
        scored: list[tuple[int, float]] = []
        queries: dict[str, np.ndarray] = {}
        for model, (embedder, collection_ids) in groups.items():
            queries[model] = embedder.embed_query(text)
            scored += self._vectors.search(model, queries[model], collection_ids, limit)
        scored = sorted((p for p in scored if p[1] >= DENSE_FLOOR), key=lambda pair: -pair[1])
        return scored[:limit], queries

    def hybrid(self, text: str, collection_ids: set[int],
               groups: dict[str, tuple[Embedder, set[int]]], limit: int) -> list[SearchHit]:
        # The two rankings overlap: SQLite, onnxruntime and numpy all release the GIL, so the
        # dense half runs on a worker thread while BM25 runs here (~15 ms less at 100k).
        pending = self._pool.submit(self._dense, text, groups, CANDIDATES) if groups else None
        index, match, lexical = self._lexical(text, collection_ids, CANDIDATES)
        semantic, queries = pending.result() if pending is not None else ([], {})
        bm25_rank = {chunk: rank for rank, (chunk, _) in enumerate(lexical, start=1)}
        dense_rank = {chunk: rank for rank, (chunk, _) in enumerate(semantic, start=1)}
        cosine: dict[int, float] = dict(semantic)
        fused = rrf([[c for c, _ in lexical], [c for c, _ in semantic]])[:limit]
        missing = [chunk for chunk, _ in fused if chunk not in cosine]
        if missing and queries:
            cosine.update(self._cosines(missing, queries))
        hits = self._with_snippets(index, match, [c for c, _ in fused if c in bm25_rank], text)
        hits.update(self.hits_for([c for c, _ in fused if c not in hits], text))
        return [replace(hits[chunk], score=score, bm25_rank=bm25_rank.get(chunk),
                        dense_rank=dense_rank.get(chunk), cosine=cosine.get(chunk))
                for chunk, score in fused if chunk in hits]

    def _cosines(self, chunk_ids: list[int], queries: dict[str, np.ndarray]) -> dict[int, float]:
        """Cosine of question and passage for hits BM25 found but the dense list did not."""
        found: dict[int, float] = {}
        for model, query in queries.items():
            for chunk, vector in self._vectors.vectors_of(model, chunk_ids).items():
                found[chunk] = float(vector @ query)
        return found

    def hits_for(self, chunk_ids: Sequence[int], text: str) -> dict[int, SearchHit]:
        """Hits (snippet = the passage's start with the question's words marked) by chunk id."""
        if not chunk_ids:
            return {}
        sql = (f"SELECT {_columns('k.text', '0.0')}"
               " FROM kb_chunks k JOIN kb_documents d ON d.id = k.document_id"
               " JOIN kb_collections c ON c.id = d.collection_id"
               f" WHERE k.id IN ({_marks(chunk_ids)})")
        terms = question_terms(text)
        found = {}
        for row in self._store.conn.execute(sql, list(chunk_ids)):
            found[row[0]] = _hit((*row[:7], _window(highlight(row[7], terms)), *row[8:]))
        return found

    def texts(self, chunk_ids: Sequence[int]) -> dict[int, str]:
        if not chunk_ids:
            return {}
        rows = self._store.conn.execute(
            f"SELECT id, text FROM kb_chunks WHERE id IN ({_marks(chunk_ids)})", list(chunk_ids))
        return {row[0]: row[1] for row in rows}


_HIT_COLUMNS = ("k.id, d.id, d.title, d.file_name, c.name, k.page, k.heading, {snippet},"
                " {score}, k.char_start, k.char_end")


def _columns(snippet: str, score: str) -> str:
    return _HIT_COLUMNS.format(snippet=snippet, score=score)


def _marks(values: Any) -> str:
    return ", ".join("?" * len(values)) or "NULL"


def _window(marked: str, width: int = 240) -> str:
    """About `width` characters around the first marked word, like FTS5's snippet()."""
    at = marked.find(HIT_OPEN)
    if len(marked) <= width:
        return marked
    start = max(0, at - width // 3) if at >= 0 else 0
    end = min(len(marked), start + width)
    piece = marked[start:end]
    first_close, first_open = piece.find(HIT_CLOSE), piece.find(HIT_OPEN)
    if first_close >= 0 and (first_open < 0 or first_close < first_open):
        piece = HIT_OPEN + piece  # the window starts inside a marked word
    if piece.count(HIT_OPEN) > piece.count(HIT_CLOSE):
        piece += HIT_CLOSE
    return ("…" if start else "") + piece + ("…" if end < len(marked) else "")


def _substring_snippet(text: str, needle: str, width: int = 60) -> str:
    at = text.lower().find(needle.lower())
    if at < 0:
        return text[:2 * width] + ("…" if len(text) > 2 * width else "")
    start, end = max(0, at - width), min(len(text), at + len(needle) + width)
    return (("…" if start else "") + text[start:at] + HIT_OPEN + text[at:at + len(needle)]
            + HIT_CLOSE + text[at + len(needle):end] + ("…" if end < len(text) else ""))


def _render(raw: str) -> tuple[str, str]:
    """(plain with [brackets], escaped HTML with <mark>) from private-use markers."""
    plain = raw.replace(HIT_OPEN, "[").replace(HIT_CLOSE, "]")
    marked = html.escape(raw).replace(HIT_OPEN, "<mark>").replace(HIT_CLOSE, "</mark>")
    return plain, marked


def _hit(row: Sequence[Any]) -> SearchHit:
    plain, marked = _render(str(row[7]))
    return SearchHit(row[0], row[1], row[2], row[3], row[4], row[5], row[6], plain, marked,
                     float(row[8]), row[9], row[10])
