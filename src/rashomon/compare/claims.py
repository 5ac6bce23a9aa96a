"""Claims: every attributed statement, and every sentence where the outlet itself asserts a fact.

A claim keeps its evidence span in the article body, its status (asserted / attributed /
alleged / denied), its speaker and the speaker's side, so a contested question can show each
side's exact sentences.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from itertools import accumulate

from rashomon.compare.lexicon import FRAMES, HEDGES
from rashomon.compare.sides import SideFinder
from rashomon.compare.spans import Inside
from rashomon.compare.text import count_terms, has_term
from rashomon.model import Article, ArticleAnalysis, Claim, Entity

_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_CHECKABLE_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_ALL_FRAME_TERMS = tuple(t for f in FRAMES for t in f.terms)


def claim_id(article: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{article}:{start}:{end}".encode()).hexdigest()[:16]


def _status_of_attribution(status: str, markers: list[str]) -> str:
    if status in ("denied", "alleged", "asserted", "attributed"):
        return status
    return "alleged" if markers else "attributed"


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when a sentence mostly lies inside an attributed statement or its sentence."""
    for s, e in spans:
        overlap = min(e, end) - max(s, start)
        if overlap > 0.5 * (end - start):
            return True
    return False


class _Covering:
    """``_covered`` over many sentences without scanning every span for each (issue 23): spans sorted
    by start, with the furthest end reached so far, so only spans that can overlap are tried."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach = list(accumulate((e for _, e in self.spans), max))

    def covered(self, start: int, end: int) -> bool:
        if end <= start:  # an empty or reversed sentence: the plain rule, as written
            return _covered(self.spans, start, end)
        k = bisect_left(self.starts, end) - 1  # spans starting at or after ``end`` cannot overlap
        while k >= 0 and self.reach[k] > start:  # nor can any span when none up to k ends past ``start``
            s, e = self.spans[k]
            if min(e, end) - max(s, start) > 0.5 * (end - start):
                return True
            k -= 1
        return False


def article_claims(
    story: str,
    article: Article,
    analysis: ArticleAnalysis,
    entities: dict[str, Entity],
    countries: list[str],
    every_sentence: bool = False,
) -> list[Claim]:
    """Claims of one article: its attributions, then its own checkable assertions.

    ``every_sentence`` keeps each assertion of five words or more, not only those the lexicon's
    frames name (the contested-question scorer reads them all).
    """
    sides = SideFinder(article, analysis, entities, countries)
    claims: list[Claim] = []
    covered: list[tuple[int, int]] = []
    for a in analysis.attributions:
        speaker_name = entities[a.speaker_entity].canonical if a.speaker_entity in entities else (
            a.speaker_resolved or a.speaker
        )
        claims.append(
            Claim(
                id=claim_id(article.id, a.content_start, a.content_end),
                story=story,
                article=article.id,
                text=a.content,
                start=a.content_start,
                end=a.content_end,
                status=_status_of_attribution(a.status, a.markers),  # type: ignore[arg-type]
                speaker=speaker_name,
                speaker_entity=a.speaker_entity,
                side=sides.side_of_attribution(a),
            )
        )
        covered.append((a.sentence_start, a.sentence_end))
    covering = _Covering(covered)
    named: Inside | None = None
    for start, end in analysis.sentences:
        if covering.covered(start, end):
            continue
        text = article.body[start:end].strip()
        if not every_sentence and named is None:
            named = Inside([m for m in analysis.mentions if m.label in _CHECKABLE_LABELS])
        if not text or not (_plain(text) if every_sentence else _checkable(text, named, start, end)):
            continue
        status = "alleged" if has_term(text, HEDGES) else "asserted"
        claims.append(
            Claim(
                id=claim_id(article.id, start, end),
                story=story,
                article=article.id,
                text=text,
                start=start,
                end=end,
                status=status,  # type: ignore[arg-type]
                speaker=article.outlet,
                side=None,
            )
        )
    return claims


def _plain(text: str) -> bool:
    """A sentence that asserts something: not a question, five words or more."""
    return not text.endswith("?") and len(text.split()) >= 5


def _checkable(text: str, named: Inside, start: int, end: int) -> bool:
    """An outlet's own sentence is a checkable claim when it names who or how many, and what.

    ``named`` holds the article's mentions of a checkable label (``_CHECKABLE_LABELS``)."""
    if not _plain(text):
        return False
    names = named.any_starting(start, end)
    numbers = bool(_NUMBER.search(text))
    return (names or numbers) and count_terms(text, _ALL_FRAME_TERMS) > 0
