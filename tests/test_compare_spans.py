"""Look-ups by offset (compare/spans.py, claims._Covering) answer what the plain scans answered (issue 23)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from rashomon.compare.claims import _covered, _Covering
from rashomon.compare.spans import Inside, Sentences


@dataclass
class _M:
    start: int
    end: int


def _random_spans(rng: random.Random, n: int, size: int = 400) -> list[_M]:
    out = []
    for _ in range(n):
        s = rng.randrange(size)
        out.append(_M(s, s + rng.randrange(0, 40)))
    return out


def test_inside_matches_the_scan_in_list_order() -> None:
    rng = random.Random(5)
    for _ in range(200):
        items = _random_spans(rng, rng.randrange(0, 30))
        index = Inside(items)
        for _ in range(20):
            a = rng.randrange(420)
            b = a + rng.randrange(0, 80)
            assert index.within(a, b) == [k for k, m in enumerate(items) if a <= m.start and m.end <= b]
            assert index.any_starting(a, b) == any(a <= m.start < b for m in items)


def test_inside_with_a_reversed_span_still_matches_the_scan() -> None:
    items = [_M(10, 30), _M(50, 20), _M(12, 18)]
    assert Inside(items).within(0, 40) == [0, 1, 2]


def test_sentence_of_an_offset_matches_the_scan() -> None:
    rng = random.Random(9)
    for _ in range(200):
        cuts = sorted(rng.sample(range(1, 500), rng.randrange(1, 25)))
        sents = []
        for a, b in zip(cuts, cuts[1:]):
            sents.append((a + rng.randrange(0, 2), b))  # gaps and touching ends, as spaCy's sentences
        if rng.random() < 0.2 and sents:  # an unsorted or overlapping list falls back to the scan
            sents.append((sents[0][0] + 1, sents[-1][1] + 5))
        index = Sentences(sents)
        for x in range(0, 520, 3):
            assert index.index(x) == next((i for i, (s, e) in enumerate(sents) if s <= x < e), None)


def test_covering_matches_the_scan() -> None:
    rng = random.Random(13)
    for _ in range(300):
        spans = [(m.start, m.end) for m in _random_spans(rng, rng.randrange(0, 15), 300)]
        if rng.random() < 0.1:
            spans.append((0, 400))  # one span over everything: the reach keeps it in view
        cover = _Covering(spans)
        for _ in range(30):
            s = rng.randrange(320)
            e = s + rng.randrange(-3, 60)
            assert cover.covered(s, e) == _covered(spans, s, e), (spans, s, e)


def test_the_unit_limit_keeps_what_the_limit_after_the_units_kept() -> None:
    from rashomon.compare.contest import story_units
    from rashomon.model import Article, ArticleAnalysis, Attribution, Claim

    lines = [f"The lighthouse keeper Ada Morrow said the lamp {k} was dimmed on purpose." if k % 3 == 0
             else f"Boats waited near the harbour wall for {k} hours before the fog lifted." for k in range(24)]
    body = " ".join(lines)
    art = Article(source="gull.txt#main", page_source="gull.txt", title="Fog", body=body, outlet="Gull Post")
    sents, claims, atts, start = [], [], [], 0
    for k, line in enumerate(lines):
        s, e = start, start + len(line)
        sents.append((s, e))
        if k % 3 == 0:
            c0 = body.index("the lamp", s)
            atts.append(Attribution(article=art.id, speaker="Ada Morrow", speaker_start=s + 23, speaker_end=s + 33, cue="said",
                                    cue_start=s + 34, cue_end=s + 38, kind="indirect", content=body[c0 : e - 1],
                                    content_start=c0, content_end=e - 1, sentence_start=s, sentence_end=e))
            claims.append(Claim("s", art.id, body[c0 : e - 1], c0, e - 1, "attributed", speaker="Ada Morrow", id=f"a{k}"))
        else:
            claims.append(Claim("s", art.id, line, s, e, "asserted", speaker="Gull Post", id=f"o{k}"))
        start = e + 1
    analysis = ArticleAnalysis(article=art.id, attributions=atts, sentences=sents)
    every = story_units(claims, {art.id: art}, {art.id: analysis}, {})
    keep = set(sorted(range(len(every)), key=lambda k: (not every[k].attributed, every[k].position))[:10])
    after = [u for k, u in enumerate(every) if k in keep]
    before = story_units(claims, {art.id: art}, {art.id: analysis}, {}, most=10)
    assert [u.claim.id for u in before] == [u.claim.id for u in after]
    assert sum(u.attributed for u in before) == 8 and len(before) == 10
    assert [(u.speaker, u.position, u.sentence) for u in before] == [(u.speaker, u.position, u.sentence) for u in after]
