"""Per-outlet framing inside a story, and corroboration counted by independent outlets."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from rashomon.compare.text import content_stems, jaccard
from rashomon.extract.credits import newsroom_key
from rashomon.model import Article, ArticleAnalysis, Claim, Entity, Framing, original_of

_WORDING_LABELS = {"NORP", "PERSON", "GPE", "ORG", "LOC"}


@lru_cache(maxsize=1)
def _vader():  # type: ignore[no-untyped-def]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def independent_outlet(article: Article, by_source: dict[str, Article]) -> str:
    """The outlet a report counts for: a duplicate, wire copy, rewrite or translation counts as its original,
    and a page an aggregator re-served counts as the newsroom it credits."""
    original = original_of(article, by_source)
    return original.credited_outlet or original.source


def _witness(article: Article, by_source: dict[str, Article]) -> str:
    """One key per newsroom, so the credited "The Vale Courier" and the stored "valecourier.com" count once."""
    return newsroom_key(independent_outlet(article, by_source)) or article.source


def corroborate(claims: list[Claim], articles: dict[str, Article], threshold: float = 0.4) -> None:
    """Set claim.corroboration: independent outlets carrying the same claim (rewrites count once)."""
    by_source = {a.source: a for a in articles.values()}
    stems = {c.id: content_stems(c.text) for c in claims}
    # by stem, then by article: a claim is compared only with other articles' claims, so one long
    # article's own sentences are never paired with each other (issue 23: that grew with the square)
    index: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        for s in stems[c.id]:
            index[s][c.article].append(c)
    for c in claims:
        candidates = {o.id: o for s in stems[c.id] for art, group in index[s].items() if art != c.article for o in group}
        outlets = {_witness(articles[c.article], by_source)}
        for o in candidates.values():
            if jaccard(stems[c.id], stems[o.id]) >= threshold:
                outlets.add(_witness(articles[o.article], by_source))
        c.corroboration = len(outlets)


def framing(
    story: str,
    articles: list[Article],
    analyses: dict[str, ArticleAnalysis],
    claims: list[Claim],
    entities: dict[str, Entity],
) -> list[Framing]:
    """Word choices for shared entities, hedging rate, voices by side and tone, per outlet."""
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        if a.kind == "article":
            by_outlet[a.outlet or a.source].append(a)
    words: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for outlet, arts in by_outlet.items():
        for a in arts:
            for m in analyses[a.id].mentions if a.id in analyses else []:
                if m.entity in entities and m.label in _WORDING_LABELS:
                    words[entities[m.entity].canonical][outlet][m.text.removesuffix("'s").removesuffix("’s")] += 1
    contrasting = {
        name: per for name, per in words.items()
        if len(per) >= 2 and len({frozenset(c) for c in per.values()}) >= 2
    }
    result = []
    for outlet, arts in sorted(by_outlet.items()):
        ids = {a.id for a in arts}
        own = [c for c in claims if c.article in ids and c.status != "asserted"]
        hedged = sum(1 for c in own if c.status in ("alleged", "denied"))
        marked = sum(
            1 for a in arts for att in (analyses[a.id].attributions if a.id in analyses else []) if att.markers
        )
        voices = Counter(c.side or "unaligned" for c in own)
        tone = _tone(arts, analyses)
        result.append(
            Framing(
                story=story,
                outlet=outlet,
                word_choices={n: sorted(per[outlet]) for n, per in contrasting.items() if outlet in per},
                hedged_share=(max(hedged, marked) / len(own)) if own else 0.0,
                voices=dict(voices),
                tone=tone,
                statements=len(own),
            )
        )
    return result


_TONE_WINDOW = 600  # characters: longer than most real sentences (VADER is quadratic within one text)


def _tone(arts: list[Article], analyses: dict[str, ArticleAnalysis]) -> float:
    """Mean VADER compound over sentences (VADER ships its lexicon on PyPI; no better offline model)."""
    scores = []
    vader = _vader()
    for a in arts:
        spans = analyses[a.id].sentences if a.id in analyses and analyses[a.id].sentences else [
            (0, len(a.body))
        ]
        for s, e in spans:
            # VADER's cost grows with the square of a text's words: a body with no sentence
            # spans (an article left unanalysed) is scored in windows, not as one "sentence".
            for w in range(s, e, _TONE_WINDOW):
                text = a.body[w : min(e, w + _TONE_WINDOW)].strip()
                if text:
                    scores.append(vader.polarity_scores(text)["compound"])
    return round(sum(scores) / len(scores), 4) if scores else 0.0
