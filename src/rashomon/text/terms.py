"""Small text helpers over stored bodies: prefix-term matching, stems, sentences of a span.

Compare runs on stored records, not on spaCy Docs, so it cannot use lemmas; a prefix lexicon
and a crude suffix stemmer are enough for matching claims (NLTK's stemmers were rejected as a
dependency for six lines of suffix stripping).
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
STOPWORDS = frozenset(
    "a an the and or of to in on at for by with from that this these those is are was were be been being "
    "has have had it its their they them he she his her we our you your i as which who whom what when where "
    "also said says told would could should may might will can than then there here about after before "
    "into over under more most some any such not no".split()
)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def stem(word: str) -> str:
    for suffix in ("ings", "ing", "edly", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> frozenset[str]:
    """The set of stemmed content words, for overlap between claims."""
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 2)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@lru_cache(maxsize=1024)
def _term_pattern(term: str) -> re.Pattern[str]:
    """A term is a phrase of word prefixes; a trailing "=" asks for whole words."""
    whole = term.endswith("=")
    parts = [re.escape(p) for p in term.rstrip("=").split()]
    tail = r"(?![\w'])" if whole else r"\w*"
    body = r"\W+".join(p + (tail if i == len(parts) - 1 else r"\w*") for i, p in enumerate(parts))
    lead = "" if term.startswith("n'") else r"(?<![\w])"
    return re.compile(lead + body)


def count_terms(text: str, terms: tuple[str, ...]) -> int:
    """How many distinct terms of the lexicon occur in the text."""
    low = text.lower().replace("’", "'")
    return sum(1 for t in terms if _term_pattern(t).search(low))


def term_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the lexicon's terms occur in the text."""
    low = text.lower().replace("’", "'")
    return [m.span() for t in terms for m in _term_pattern(t).finditer(low)]


def has_term(text: str, terms: tuple[str, ...]) -> bool:
    return count_terms(text, terms) > 0


def sentence_of(sentences: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence span covering [start, end), or the span itself when sentences are unknown."""
    for s, e in sentences:
        if s <= start < e:
            return s, max(e, end) if end > e else e
    return start, end
