"""Teasers: the related-story cards a page shows after its article, split into their own records.

A card is a headline plus some of: an outlet label, a byline ("- Outlet"), a relative age
("6 hours ago", "2h ago", "Yesterday") and a standfirst or body. Cards come in any order of
those parts; what makes a run of lines a card is a headline carrying at least one meta line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rashomon.extract.dates import DateHit, dateline, is_age_line
from rashomon.extract.furniture import line_cue, reader_appeal
from rashomon.extract.lines import Line, fold, headline_like, prose_like, title_case_ratio, word_count

_BYLINE = re.compile(r"^(?:[-–—]\s*|by\s+)(?P<name>[^\W\d_][\w&.' -]{0,60})$", re.I)
_META_SPLIT = re.compile(r"\s+[·•|–—]\s+|\s*[·•|]\s*")


@dataclass
class Teaser:
    """One card: its parts as written, and the lines it consumed."""

    title: str = ""
    outlet: str | None = None
    outlet_evidence: str | None = None
    age: str | None = None
    date: DateHit | None = None  # an absolute date printed on the card instead of an age
    body: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # every line of the card, in order

    @property
    def has_meta(self) -> bool:
        return bool(self.age or self.outlet or self.date)


def byline_name(text: str) -> str | None:
    """'Outlet' from a card byline such as "- Outlet" or "By Outlet"."""
    m = _BYLINE.match(text.strip())
    if not m or word_count(m.group("name")) > 5:
        return None
    return m.group("name").strip()


def _meta(text: str, neighbour_meta: bool, repeated: bool) -> tuple[str | None, str | None] | None:
    """(outlet, age) when the line is card meta, else None."""
    if is_age_line(text):
        return None, text
    if name := byline_name(text):
        return name, None
    parts = [p for p in _META_SPLIT.split(text) if p]
    if len(parts) >= 2 and any(is_age_line(p) for p in parts):
        age = next(p for p in parts if is_age_line(p))
        names = [p for p in parts if not is_age_line(p) and word_count(p) <= 4]
        return (names[0] if names else None), age
    short_label = word_count(text) <= 4 and headline_like(text)
    if short_label and (repeated or neighbour_meta and title_case_ratio(text) == 1.0):
        return text, None
    return None


def split_teasers(lines: list[Line], repeated: set[str]) -> tuple[list[Teaser], list[str]]:
    """Cards found in the part of a page after its article, and the lines that were not cards."""
    teasers: list[Teaser] = []
    leftover: list[str] = []
    current = Teaser()

    def close() -> None:
        nonlocal current
        if current.title and current.has_meta:
            teasers.append(current)
        else:
            leftover.extend(current.lines)
        current = Teaser()

    texts = [l.text for l in lines]
    hard_meta = [is_age_line(t) or byline_name(t) is not None for t in texts]
    for i, text in enumerate(texts):
        if (hit := dateline(text)) is not None and len(text) <= 80:
            if current.title and (current.body or current.date):
                close()
            current.date = current.date or hit
            current.lines.append(text)
            continue
        near = (i > 0 and hard_meta[i - 1]) or (i + 1 < len(texts) and hard_meta[i + 1])
        meta = _meta(text, near, fold(text) in repeated)
        if meta is not None:
            outlet, age = meta
            if current.title and (current.body or (age and current.age) or (outlet and current.outlet)):
                close()  # meta after a finished card opens the next card
            if age and not current.age:
                current.age = age
            if outlet and not current.outlet:
                current.outlet = outlet
                current.outlet_evidence = f"teaser line '{text}'"
            current.lines.append(text)
            continue
        if line_cue(text) or reader_appeal(text):
            close()
            leftover.append(text)
            continue
        if headline_like(text) and word_count(text) >= 3 and not (current.title and not current.body and word_count(text) > 15):
            if current.title:
                close()
            current.title = text
            current.lines.append(text)
            continue
        if current.title and (prose_like(text) or word_count(text) > 15):
            current.body.append(text)
            current.lines.append(text)
            continue
        close()
        leftover.append(text)
    close()
    return teasers, leftover
