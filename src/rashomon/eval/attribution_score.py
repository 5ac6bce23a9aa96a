"""Scoring predicted attributions against PolNeAR gold: span, word-overlap and matched F1.

Words are ``\\w+`` runs of the text, so punctuation and quote marks never decide a match.
Exact: a predicted role span whose word set equals a gold one (one-to-one). Overlap: word-level
precision/recall of each role over the whole document. Matched: a prediction matches a gold
attribution when their content word-Jaccard is at least 0.5 (greedy one-to-one, best first);
"content+source" also needs the sources to share a content word (case-folded, stop words aside;
by text, so the borrowed mention "Caddell" of a continued quote matches the gold "Caddell"
written a paragraph earlier); a gold attribution without a source needs only the content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

WORD = re.compile(r"\w+")
Spans = Sequence[tuple[int, int]]


@dataclass
class Predicted:
    source: Spans = ()
    cue: Spans = ()
    content: Spans = ()


@dataclass
class Counts:
    """True positives, predictions and gold items for one metric."""

    tp: float = 0.0
    pred: float = 0.0
    gold: float = 0.0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Scores:
    counts: dict[str, Counts] = field(default_factory=dict)

    def get(self, key: str) -> Counts:
        return self.counts.setdefault(key, Counts())


def word_index(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


def words_in(words: list[tuple[int, int]], spans: Spans) -> frozenset[int]:
    """Indices of the words lying (mostly) inside the character spans."""
    out = set()
    for s, e in spans:
        for i, (ws, we) in enumerate(words):
            if we <= s:
                continue
            if ws >= e:
                break
            if min(we, e) - max(ws, s) >= (we - ws) / 2:
                out.add(i)
    return frozenset(out)


STOP = frozenset("the a an of 's s to in on at for and or by with from this that these those".split())


def source_words(text: str, spans: Spans) -> frozenset[str]:
    """Case-folded content words of a source, for text-level matching."""
    out = set()
    for s, e in spans:
        out.update(w.casefold() for w in WORD.findall(text[s:e]))
    return frozenset(out - STOP)


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _match(pairs: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best score first."""
    used_p, used_g, out = set(), set(), []
    for _, p, g in sorted(pairs, reverse=True):
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        out.append((p, g))
    return out


def score_doc(text: str, gold: list, pred: list[Predicted], scores: Scores) -> None:
    """Add one document's counts to ``scores`` (gold items need .source/.cue/.content spans)."""
    words = word_index(text)
    g_sets = [{r: words_in(words, getattr(g, r)) for r in ("source", "cue", "content")} for g in gold]
    p_sets = [{r: words_in(words, getattr(p, r)) for r in ("source", "cue", "content")} for p in pred]
    for role in ("source", "cue", "content"):
        gs = [g[role] for g in g_sets if g[role]]
        ps = [p[role] for p in p_sets if p[role]]
        exact = _match((1.0, i, j) for i, a in enumerate(ps) for j, b in enumerate(gs) if a == b)
        scores.get(f"{role}_exact").add(Counts(len(exact), len(ps), len(gs)))
        gu = frozenset().union(*gs) if gs else frozenset()
        pu = frozenset().union(*ps) if ps else frozenset()
        scores.get(f"{role}_words").add(Counts(len(gu & pu), len(pu), len(gu)))
    content_pairs = []
    both_pairs = []
    g_src = [source_words(text, g.source) for g in gold]
    p_src = [source_words(text, p.source) for p in pred]
    for i, p in enumerate(p_sets):
        for j, g in enumerate(g_sets):
            jac = _jaccard(p["content"], g["content"])
            if jac < 0.5:
                continue
            content_pairs.append((jac, i, j))
            if not g["source"] or (p["source"] & g["source"]) or (p_src[i] & g_src[j]):
                both_pairs.append((jac, i, j))
    n_pred = sum(1 for p in p_sets if p["content"])
    scores.get("content_match").add(Counts(len(_match(content_pairs)), n_pred, len(g_sets)))
    scores.get("content_source_match").add(Counts(len(_match(both_pairs)), n_pred, len(g_sets)))
