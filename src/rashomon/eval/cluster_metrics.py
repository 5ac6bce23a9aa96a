"""Clustering scores (pairwise and B-cubed precision/recall/F1) shared by the story-grouping evaluations.

Kept apart from ``eval.stories`` so ``eval.coverage_stories`` can use them while ``eval.stories``
dispatches a coverage folder to it (no import cycle). scikit-learn's pair-confusion and
homogeneity scores were rejected: they give no B-cubed, and these are a few counted lines.
"""

from __future__ import annotations

from collections import Counter


def _prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    """Precision/recall/F1 over pairs of documents put in one cluster (counted, not enumerated)."""
    c2 = lambda n: n * (n - 1) // 2  # noqa: E731
    both = sum(c2(n) for n in Counter(zip(gold, pred)).values())
    in_pred = sum(c2(n) for n in Counter(pred).values())
    in_gold = sum(c2(n) for n in Counter(gold).values())
    return _prf(both / in_pred if in_pred else 1.0, both / in_gold if in_gold else 1.0)


def bcubed(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    joint = Counter(zip(gold, pred))
    g, p = Counter(gold), Counter(pred)
    n = len(gold)
    prec = sum(joint[(a, b)] / p[b] for a, b in zip(gold, pred)) / n
    rec = sum(joint[(a, b)] / g[a] for a, b in zip(gold, pred)) / n
    return _prf(prec, rec)
