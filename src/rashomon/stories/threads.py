"""Threads: the phases of one developing story (first reports, an inquiry, arrests), each with a title and dates.

A story followed over weeks is one story, not several: its members are cut into phases along the
calendar. A silence of ``GAP_DAYS`` always opens a new thread; a shorter one of at least
``SOFT_GAP_DAYS`` opens one when the words change, i.e. when the articles just before and just after
the gap (``WINDOW`` on each side) have a cosine under ``SHIFT`` over words weighted by how rare they
are within the story (words every phase shares, the place and the company, weigh nothing). Copies
(``Article.copy_of``) stay in their original's thread; undated articles join the thread whose words
they share most. Each thread is titled by its most central original report and dated by its
first and last members.

Hand-written: ruptures-style change-point libraries (ruptures) work on numeric series and add a
dependency for what is one pass over date-ordered articles; TF-IDF is a few lines over ``text.terms``.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from datetime import date

from rashomon.text.terms import content_stems
from rashomon.model import Article, Thread, original_of

__all__ = ["GAP_DAYS", "SOFT_GAP_DAYS", "SHIFT", "WINDOW", "build_threads"]

GAP_DAYS = 10
SOFT_GAP_DAYS = 3
SHIFT = 0.25
WINDOW = 3
_LEAD = 600  # characters of the body read with the title: what the phase is about, not the recap


def _day(a: Article) -> date | None:
    try:
        return date.fromisoformat((a.published or "")[:10])
    except ValueError:
        return None


def _vectors(articles: list[Article]) -> dict[str, dict[str, float]]:
    """Unit TF-IDF vectors of title + lead, idf over the story's own members."""
    bags = {a.id: Counter(content_stems(f"{a.title} {a.body[:_LEAD]}")) for a in articles}
    df = Counter(w for bag in bags.values() for w in bag)
    n = len(bags)
    out = {}
    for aid, bag in bags.items():
        v = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[aid] = {w: x / norm for w, x in v.items() if x}
    return out


def _centroid(vs: list[dict[str, float]]) -> dict[str, float]:
    c: Counter[str] = Counter()
    for v in vs:
        c.update(v)
    norm = math.sqrt(sum(x * x for x in c.values())) or 1.0
    return {w: x / norm for w, x in c.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def _phases(dated: list[Article], vec: dict[str, dict[str, float]]) -> list[list[Article]]:
    """Cut date-ordered articles at long silences, and at shorter ones where the words change."""
    phases: list[list[Article]] = []
    for i, a in enumerate(dated):
        if phases:
            gap = (_day(a) - _day(dated[i - 1])).days  # type: ignore[operator]
            before = [vec[x.id] for x in dated[max(0, i - WINDOW):i]]
            after = [vec[x.id] for x in dated[i:i + WINDOW]]
            if gap >= GAP_DAYS or gap >= SOFT_GAP_DAYS and _cos(_centroid(before), _centroid(after)) < SHIFT:
                phases.append([])
        else:
            phases.append([])
        phases[-1].append(a)
    return phases


def _title(members: list[Article], vec: dict[str, dict[str, float]]) -> str:
    """The title of the thread's most central original report (earliest on a tie)."""
    pool = [a for a in members if not a.copy_of and not a.near_duplicate_of and a.title] or \
        [a for a in members if a.title] or members
    if len(pool) == 1:
        return pool[0].title
    centre = _centroid([vec[a.id] for a in members])
    return max(pool, key=lambda a: (round(_cos(vec[a.id], centre), 6), -pool.index(a))).title


def build_threads(story: str, articles: list[Article]) -> list[Thread]:
    """The story's threads in date order; one thread when the story has a single phase."""
    main = [a for a in articles if a.kind == "article"] or list(articles)
    if not main:
        return []
    vec = _vectors(main)
    by_source = {a.source: a for a in main}
    copies = [a for a in main if a.upstream in by_source]
    originals = [a for a in main if a not in copies]
    dated = sorted((a for a in originals if _day(a)), key=lambda a: (_day(a), a.source))
    phases = _phases(dated, vec) if dated else [[]]
    thread_of = {a.id: i for i, p in enumerate(phases) for a in p}
    for a in originals:
        if a.id not in thread_of:  # undated: the thread whose words it shares most
            scores = [_cos(vec[a.id], _centroid([vec[x.id] for x in p])) if p else 0.0 for p in phases]
            thread_of[a.id] = max(range(len(phases)), key=lambda i: (scores[i], -i))
            phases[thread_of[a.id]].append(a)
    for a in copies:
        phases[thread_of.get(original_of(a, by_source).id, 0)].append(a)
    out = []
    for p in phases:
        if not p:
            continue
        p.sort(key=lambda a: ((a.published or "~")[:10], a.source))
        days = [a.published[:10] for a in p if _day(a)]
        first_id = p[0].id
        tid = hashlib.sha1(f"{story}:{first_id}".encode()).hexdigest()[:12]
        out.append(Thread(story, tid, _title(p, vec), [a.id for a in p], min(days) if days else None,
                          max(days) if days else None))
    return out
