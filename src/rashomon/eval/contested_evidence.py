"""Gold evidence ("FILE: snippet") located in a run's articles, for the contested section of coverage.

Kept apart from ``eval.coverage_contested`` so ``eval.contest_folds`` (which that module calls for
its held-out rows) can use it too without an import cycle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rashomon.eval.coverage_statements import locate as locate_folded
from rashomon.model import Article

_DASHES = str.maketrans({"—": "-", "–": "-"})  # one char for one: offsets into the body hold


def locate(body: str, snippet: str) -> tuple[int, int] | None:
    """The char span of ``snippet`` in ``body``, found exactly or once both are folded as the
    statements section folds them (``coverage_statements.locate``), dashes too, a final full stop aside."""
    i = body.find(snippet)
    if i >= 0:
        return i, i + len(snippet)
    spans = locate_folded(body.translate(_DASHES), snippet.translate(_DASHES).strip().rstrip("."))
    return spans[0] if spans else None


@dataclass(frozen=True)
class Evidence:
    file: str
    start: int
    end: int


def evidence_spans(items: Iterable[str], articles: dict[str, Article]) -> list[Evidence]:
    """Gold "FILE: snippet" items located in the run's main articles (those not found are dropped)."""
    out = []
    for item in items:
        file, _, text = item.partition(": ")
        art = articles.get(file.strip())
        span = locate(art.body, text.strip()) if art is not None else None
        if span is not None:
            out.append(Evidence(file.strip(), *span))
    return out


def placement(held: list[list[int]]) -> tuple[int, int]:
    """(evidence units on the wrong side, all placed evidence units) of one gold question in one reported question.

    ``held`` lists, per reported side, the gold side of each of its evidence units. Reported sides are
    matched one to one with gold sides (the matching that puts the most units right; a reported side
    may match none); a unit not on the reported side matched with its gold side is misplaced: a quote
    set on the side it argues against, or beside it on a side that holds the other position.
    """
    from itertools import permutations

    gold_sides = sorted({s for h in held for s in h})
    total = sum(len(h) for h in held)
    if not total:
        return 0, 0
    slots = gold_sides + [None] * len(held)
    right = max(sum(h.count(g) for h, g in zip(held, match) if g is not None) for match in permutations(slots, len(held)))
    return total - right, total
