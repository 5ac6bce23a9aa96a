"""Which dates of a sentence date its own event, for the timelines.

"Hundreds gathered on Friday for the victims of Monday's flood" happened on Friday; "the
minister said on Tuesday that the dam, which burst on Monday, ..." is a Tuesday statement. A
sentence with several dates is placed by the ones that modify its main clause, not by dates
that belong to another event it mentions: a possessive date ("Monday's flood"), a date inside
a reported statement when the reporting has a date of its own, a date inside a relative clause
(", which ... on Monday,"), a date inside a subject's reduced relative ("the two men detained on
Tuesday were charged on Friday"). Works on stored records only (no parse at display time); a
sentence whose dates all look subordinate keeps them all.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Sequence

from rashomon.model import ArticleAnalysis, Attribution, Timex

FULL_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?")
_HAS_PROSE = re.compile(r"\b[a-z]{3,}\b")  # a lower-case word: a dateline or heading has none
_POSSESSIVE = re.compile(r"^(?:'s|’s|')(?!\w)")
_SEGMENT_BREAK = re.compile(r"[,;:()\u2013\u2014]| - ")
_RELATIVE_OPENER = re.compile(r"^\s*(?:which|who|whom|whose|where|when)\b", re.I)
# 'the men detained in X on Tuesday were charged': a participle after a noun, then a finite verb
_REDUCED_RELATIVE = re.compile(
    r"\b(?:the|a|an|two|three|four|five|several|some|\d+)\s+(?:[\w'’-]+\s+){0,3}?\w+(?:ed|en)"
    r"\s+(?:in|at|on|near|by|from|during|over|outside)\b[^,;:]*$",
    re.I,
)
_FINITE_AFTER = re.compile(r"^\s+(?:was|were|is|are|has|have|had|will|would|could|might|must)\b")


def is_dated(t: Timex) -> bool:
    """A DATE with a calendar day or month (what a timeline can place)."""
    return t.type == "DATE" and bool(FULL_DATE.match(t.value or "")) and "X" not in t.value


def own_dates(body: str, sentence: tuple[int, int], timexes: Sequence[Timex], attributions: Iterable[Attribution] = ()) -> list[Timex]:
    """Of one sentence's dated timexes, those that date its own event (see the module docstring)."""
    dated = list(timexes)
    if len({t.value for t in dated}) < 2:
        return dated
    s0, s1 = sentence
    contents = [a.content_spans() for a in attributions if s0 <= a.cue_start < s1]
    reported = {id(t) for t in dated if any(cs <= t.start and t.end <= ce for spans in contents for cs, ce in spans)}
    drop = {id(t) for t in dated if _POSSESSIVE.match(body[t.end : t.end + 3])}
    if reported and len(reported) < len(dated):
        drop |= reported
    for t in dated:
        if _in_relative_clause(body, s0, t) or _in_subject_participle(body, s0, t):
            drop.add(id(t))
    kept = [t for t in dated if id(t) not in drop]
    return kept or dated


def _segment_start(body: str, s0: int, t: Timex) -> int:
    """Start of the comma/dash/parenthesis-delimited segment that holds ``t``."""
    cut = s0
    for m in _SEGMENT_BREAK.finditer(body, s0, t.start):
        cut = m.end()
    return cut


def _in_relative_clause(body: str, s0: int, t: Timex) -> bool:
    """', which burst on Monday,': the segment opens with a relative pronoun or adverb."""
    seg = _segment_start(body, s0, t)
    return seg > s0 and bool(_RELATIVE_OPENER.match(body[seg : t.start]))


def _in_subject_participle(body: str, s0: int, t: Timex) -> bool:
    """'the two men detained near the dam on Tuesday night were charged on Friday': the date sits
    in a participle phrase of a noun that is the subject of the verb right after it."""
    before = body[_segment_start(body, s0, t) : t.start]
    return bool(_REDUCED_RELATIVE.search(before)) and bool(_FINITE_AFTER.match(body[t.end : t.end + 40]))


def dated_events(
    body: str, analysis: ArticleAnalysis, placeable: Callable[[Timex], bool] = is_dated
) -> list[tuple[Timex, tuple[int, int]]]:
    """Every (timex, sentence span) pair a timeline should place, sentence by sentence."""
    sentences = list(analysis.sentences)
    out: list[tuple[Timex, tuple[int, int]]] = []
    by_sentence: dict[tuple[int, int], list[Timex]] = {}
    for t in analysis.timexes:
        if not placeable(t):
            continue
        span = next(((s, e) for s, e in sentences if s <= t.start < e), None)
        if span is None:  # no sentence split stored: the line around the expression
            lo = body.rfind("\n", 0, t.start) + 1
            hi = body.find("\n", t.end)
            span = (lo, hi if hi >= 0 else len(body))
        by_sentence.setdefault(span, []).append(t)
    atts = list(analysis.attributions)
    for span, ts in by_sentence.items():
        if not _HAS_PROSE.search(body[span[0] : span[1]]):
            continue  # a dateline ('HARBOURTON, 3 May (Agency) -') or a heading is no event
        out.extend((t, span) for t in own_dates(body, span, ts, atts))
    return out


def undated_note(undated: int, total: int) -> str | None:
    """Why a timeline is short or empty: articles without a publication date anchor nothing."""
    if not undated:
        return None
    if undated == total:
        what = "no article has a publication date, so relative dates ('on Tuesday', 'last week') cannot be placed"
    else:
        what = f"{undated} of {total} articles have no publication date, so their relative dates are not placed"
    return f"{what}: pass --published YYYY-MM-DD to `rashomon ingest`, or give the pages a date"
