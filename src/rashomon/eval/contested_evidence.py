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
