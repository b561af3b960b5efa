"""Extractive answers: the sentences of the best passages that cover the question, each cited.

Without a generative model the product is the manual's own words, so nothing is invented: the
answer is a few sentences quoted from the top passages with a [n] marker per passage. Whether
retrieval is strong enough to answer at all is decided from two signals that do not depend on
the ranking method: how much of the question's vocabulary the passage contains (word stems for
English, character pairs for Chinese) and, when the collection has vectors, the cosine
similarity of the question and the passage. Below both thresholds the outcome is "no reliable
answer" rather than a guess.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Tuned on tests/bench/knowledge_eval.jsonl (see BENCHMARKS.md, "Knowledge").
CJK_CHAR_WEIGHT = 0.5
MIN_COVERAGE = 0.45  # weighted share of the question's terms found in the passage
MIN_COSINE = 0.65  # MiniLM cosine of question and passage, alone
STRONG_COVERAGE = 0.3  # enough together with a cosine of at least COSINE_WITH_TERMS
COSINE_WITH_TERMS = 0.35
MAX_PASSAGES = 3
MAX_SENTENCES = 2  # per passage
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"

STOPWORDS = frozenset("""
a an and are as at be by can do does for from how i if in is it its me my of on or our should
that the this to was what when where which who why will with you your there their then than
these those into about after before during use used using need needs must please tell show
get set make any all each have has had not no yes we they them he she his her been being so
""".split())
# Question words split a Chinese run into the pieces that carry its meaning.
CJK_QUESTION_WORDS = re.compile(
    "什么时候|为什么|怎么办|怎么样|能不能|要不要|有没有|会不会|是不是|可不可以|怎么|怎样|如何|"
    "什么|哪些|哪个|哪里|多少|多久|多长|多高|多宽|多大|多重|多快|多远|多厚|多深|几点|几次|几个|"
    "几天|找谁|是否|需要|应该|可以|请问|一下|吗|呢|吧|啊|的|了|是|在|和|与|及|或|我|你|他|她|它|"
    "们|这|那|哪|谁|要|一个")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|(?<=[。！？；])\s*|\n+")
_LIST_NUMBER = re.compile(r"^\(?\d{1,3}[.)、]$")


def is_cjk(ch: str) -> bool:
    """CJK ideographs, kana and hangul: scripts written without spaces between words."""
    return ord(ch) >= 0x2E80


def cjk_share(text: str) -> float:
    """Share of CJK characters among the letters of `text`."""
    letters = [ch for ch in text if ch.isalnum()]
    return sum(1 for ch in letters if is_cjk(ch)) / len(letters) if letters else 0.0


def _stem(word: str) -> str:
    """A light English stemmer: enough to match 'clearing'/'cleared'/'clears' with 'clear'."""
    for suffix in ("ingly", "ing", "edly", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def question_terms(text: str) -> set[str]:
    """Content terms: lower-cased stems of non-stop words, and bigrams of Chinese runs."""
    terms: set[str] = set()
    for word in _WORD.findall(CJK_QUESTION_WORDS.sub(" ", text.lower())):
        if any(is_cjk(ch) for ch in word):
            pieces = re.split(r"([a-z0-9]+)", word)
            for piece in pieces:
                if not piece:
                    continue
                if piece.isascii():
                    terms.add(_stem(piece))
                elif len(piece) == 1:
                    terms.add(piece)
                else:
                    terms.update(piece[i:i + 2] for i in range(len(piece) - 1))
        elif word not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            terms.add(_stem(word))
    return terms


def _text_terms(text: str) -> set[str]:
    terms: set[str] = set()
    for word in _WORD.findall(text.lower()):
        if any(is_cjk(ch) for ch in word):
            for piece in re.split(r"([a-z0-9]+)", word):
                if piece.isascii():
                    if piece:
                        terms.add(_stem(piece))
                else:
                    terms.update(piece)
                    terms.update(piece[i:i + 2] for i in range(len(piece) - 1))
        else:
            terms.add(_stem(word))
    return terms


def coverage(question: set[str], text: str) -> float:
    """Share of the question's terms present in `text` (0 when the question has none)."""
    if not question:
        return 0.0
    present = _text_terms(text)
    return sum(1 for t in question if t in present) / len(question)


@dataclass(frozen=True)
class QuestionTerms:
    """What a passage must contain to answer a question: Latin words (stem → the word as
    typed, for its document frequency) and runs of Chinese characters."""

    latin: dict[str, str]
    cjk: list[str]


def parse_question(text: str) -> QuestionTerms:
    latin: dict[str, str] = {}
    cjk: list[str] = []
    for word in _WORD.findall(CJK_QUESTION_WORDS.sub(" ", text.lower())):
        for piece in re.split(r"([a-z0-9]+)", word) if any(is_cjk(c) for c in word) else [word]:
            if not piece:
                continue
            if any(is_cjk(ch) for ch in piece):
                cjk.append(piece)
            elif piece not in STOPWORDS and (len(piece) > 1 or piece.isdigit()):
                latin.setdefault(_stem(piece), piece)
    return QuestionTerms(latin, cjk)


def _covered_chars(run: str, text: str) -> int:
    """Characters of `run` inside a piece of 2+ characters that `text` contains (greedy,
    longest first), or the one character when the run is a single character."""
    if len(run) == 1:
        return 1 if run in text else 0
    covered, at = 0, 0
    while at < len(run) - 1:
        size = next((n for n in range(len(run) - at, 1, -1) if run[at:at + n] in text), 0)
        if size:
            covered += size
            at += size
        else:
            at += 1
    return covered


def weighted_coverage(question: QuestionTerms, text: str,
                      weights: dict[str, float] | None = None) -> float:
    """Share of the question found in `text`, rare words counting more than common ones.

    A Latin word weighs its `weights` entry (an inverse document frequency scaled to 0..1;
    1 without weights); a Chinese character weighs CJK_CHAR_WEIGHT, since without a word
    segmenter two characters are about one word.
    """
    present = _text_terms(text)
    lowered = text.lower()
    total = found = 0.0
    for stem in question.latin:
        weight = 1.0 if weights is None else weights.get(stem, 1.0)
        total += weight
        if stem in present:
            found += weight
    for run in question.cjk:
        total += CJK_CHAR_WEIGHT * len(run)
        found += CJK_CHAR_WEIGHT * _covered_chars(run, lowered)
    return found / total if total else 0.0


def is_reliable(term_coverage: float, cosine: float | None) -> bool:
    if term_coverage >= MIN_COVERAGE:
        return True
    if cosine is None:
        return False
    return cosine >= MIN_COSINE or (cosine >= COSINE_WITH_TERMS
                                    and term_coverage >= STRONG_COVERAGE)


_WRAPPED = re.compile(r"(?<![.!?;:。！？；：])[ \t]*\n(?!\s*\n|\s*(?:[-*•·]|\d+[.)、])\s)[ \t]*")


def sentences(text: str) -> list[str]:
    """Sentences of a passage; a line break inside a sentence (PDF layout) is not an end."""
    joined = _WRAPPED.sub(lambda m: "" if _cjk_join(text, m) else " ", text)
    parts = [p.strip() for p in _SENTENCE.split(joined)]
    merged: list[str] = []
    for part in parts:
        if merged and _LIST_NUMBER.match(merged[-1]):
            merged[-1] = f"{merged[-1]} {part}"  # "1." belongs to its step
        else:
            merged.append(part)
    return [p for p in merged if p and any(ch.isalnum() for ch in p)]


def _cjk_join(text: str, match: re.Match[str]) -> bool:
    """Chinese lines wrap without a space: join them directly."""
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return is_cjk(before) and is_cjk(after)


def best_sentences(question: set[str], text: str, limit: int = MAX_SENTENCES) -> list[str]:
    """The `limit` sentences that cover most of the question, in their original order."""
    found = sentences(text)
    if len(found) <= limit:
        return [clip(sentence, question) for sentence in found]
    scored = sorted(range(len(found)), key=lambda i: (-coverage(question, found[i]), i))
    keep = sorted(scored[:limit])
    if coverage(question, found[keep[0]]) == 0.0:
        keep = list(range(limit))  # nothing matches: the passage's opening says what it is
    return [clip(found[i], question) for i in keep]


MAX_QUOTE_CHARS = 300


def clip(sentence: str, question: set[str], width: int = MAX_QUOTE_CHARS) -> str:
    """A long "sentence" (a flattened table, a list without full stops) cut to `width`
    characters around the question's words that are closest together, with ellipses."""
    if len(sentence) <= width:
        return sentence
    lowered = sentence.lower()
    spots = sorted(at for term in question if len(term) >= 2
                   for at in _find_all(lowered, term))
    if not spots:
        return sentence[:width].rstrip() + "…"
    best, best_count = spots[0], 0
    for at in spots:  # the window start that covers most matches
        count = sum(1 for other in spots if at <= other < at + width * 2 // 3)
        if count > best_count:
            best, best_count = at, count
    start = max(0, best - width // 3)
    end = min(len(sentence), start + width)
    start = max(0, end - width)
    while start > 0 and not sentence[start - 1].isspace() and best - start < width // 2:
        start -= 1  # do not cut a word in two
    return (("…" if start else "") + sentence[start:end].strip()
            + ("…" if end < len(sentence) else ""))


def _find_all(text: str, term: str) -> list[int]:
    found, at = [], text.find(term)
    while at >= 0 and len(found) < 50:
        found.append(at)
        at = text.find(term, at + 1)
    return found


def highlight(text: str, question: set[str]) -> str:
    """Mark the question's words in `text` with the private-use markers search uses."""
    if not question:
        return text
    words = sorted((t for t in question if len(t) >= 2), key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return pattern.sub(lambda m: HIT_OPEN + m.group(0) + HIT_CLOSE, text)


def to_html(marked: str) -> str:
    return html.escape(marked).replace(HIT_OPEN, "<mark>").replace(HIT_CLOSE, "</mark>")


def to_plain(marked: str) -> str:
    return marked.replace(HIT_OPEN, "[").replace(HIT_CLOSE, "]")


@dataclass(frozen=True)
class Quote:
    number: int
    sentences: list[str]


def compose(quotes: list[Quote]) -> str:
    """'sentence sentence [1] sentence [2]': each passage's sentences end with its marker."""
    parts = []
    for quote in quotes:
        body = " ".join(quote.sentences)
        parts.append(f"{body} [{quote.number}]")
    return "\n".join(parts)
