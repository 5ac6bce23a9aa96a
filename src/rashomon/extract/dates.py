"""Publication dates: supplied, from metadata, or read off a dateline, each with its evidence.

The capture date is kept apart: a teaser's "6 hours ago" is relative to the capture, so it may
date the teaser (weakly, when the capture time is known) and never the article it sat beside.

Dateline patterns are hand-written: ``dateparser.search.search_dates`` was rejected because it is
a dev-only dependency here, slow, and far too eager on prose ("May" the verb, bare weekdays);
``htmldate`` needs markup. ``dateutil`` normalises user and metadata dates.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import NamedTuple

from dateutil import parser as dateutil_parser

from rashomon.model import Article, Page

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),  # 2026-03-12 (and ISO datetimes)
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),  # 12 March 2026
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # March 12, 2026
    re.compile(rf"\b(?P<day>[0-3]?\d)[./](?P<mnum>[01]?\d)[./]{_YEAR}\b"),  # 12.03.2026 (day first)
]
_TIME = r"\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?"
_ZONE = r"(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|msk|[+-]\d\d:?\d\d)"
_CUE = re.compile(
    r"^\W*(first published|last updated|published|posted|updated|modified|corrected|correction|date|on)\b\W*", re.I
)
_UPDATE_CUES = ("updated", "last updated", "modified", "corrected", "correction")
_FILLER = re.compile(
    rf"\b(?:{_TIME}|{_ZONE}|at|on|and|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thurs|fri|sat|sun|by|local time|time)\b",
    re.I,
)

AGE_PATTERN = re.compile(
    r"^(?:(?:updated|posted|published)\s+)?"
    r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|few)\s*"
    r"(?P<unit>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?|y|yrs?|years?)"
    r"\.?\s+ago\.?$|^(?P<word>just now|yesterday|today|moments ago|an hour ago|last night)\.?$",
    re.I,
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "few": 3}


class DateHit(NamedTuple):
    iso: str
    text: str  # the characters that carried the date
    confidence: float


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first absolute calendar date (day, month and year) written in ``text``."""
    best: tuple[int, str, re.Match[str]] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            month = int(g["mnum"]) if g.get("mnum") else MONTHS[g["month"].lower().rstrip(".")]
            iso = _valid(int(g["year"]), month, int(g["day"]))
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso, m)
            if iso:
                break
    return (best[1], best[2]) if best else None


def dateline(line: str) -> DateHit | None:
    """A line that is only a publication date (with cue words, times and zones), or None.

    Prose that merely mentions a date ("was arrested on 30 June 2025 in ...") is not a dateline.
    """
    found = find_date(line)
    if not found:
        return None
    iso, m = found
    cue = _CUE.match(line)
    rest = (line[: m.start()] + " " + line[m.end():])
    rest = _CUE.sub(" ", rest.strip())
    rest = _FILLER.sub(" ", rest)
    leftover = re.findall(r"[^\W\d_]{2,}", rest)
    if len(leftover) > 2:
        return None
    word = cue.group(1).lower() if cue else ""
    confidence = 0.6 if word in _UPDATE_CUES else 0.8 if word else 0.7
    return DateHit(iso, line.strip(), confidence)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]{2,}", _FILLER.sub(" ", text))


def own_dateline(line: str) -> DateHit | None:
    """A dateline that dates the page itself, or None.

    ``dateline`` lets two other words stand beside the date (enough to strip a line from the
    text); the page's own date line is stricter: besides cue words, times and weekdays, only a
    byline before the date ("By Ivo Stanek, 14 January 2026") or a place ending in a comma or dash
    ("ARDLE, 14 January 2026"). A short line about another day ("Born 3 March 1941",
    "Funeral: 14 March 2026", "Election day, 2 November 2026") is not the page's date.
    """
    hit = dateline(line)
    if hit is None:
        return None
    _, m = find_date(line) or (None, None)
    if m is None:
        return None
    before = _CUE.sub(" ", line[: m.start()].strip(), count=1)
    if _words(line[m.end():]):
        return None
    if not _words(before):
        return hit
    if re.fullmatch(r"\s*(?i:by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*[,|–—-]?\s*", before):
        return hit
    if re.fullmatch(r"\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*[,–—-]\s*", before):
        return hit
    return None


def is_age_line(line: str) -> bool:
    """A relative age such as "6 hours ago", "2h ago" or "Yesterday": relative to the capture."""
    return bool(AGE_PATTERN.match(line.strip()))


def age_delta(age: str) -> timedelta | None:
    """How long before the capture a relative age points, or None when it is not an age."""
    m = AGE_PATTERN.match(age.strip())
    if not m:
        return None
    if m.group("word"):
        w = m.group("word").lower()
        return {"yesterday": timedelta(days=1), "last night": timedelta(hours=12), "an hour ago": timedelta(hours=1)}.get(
            w, timedelta(0)
        )
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 1)
    unit = m.group("unit").lower()
    if unit.startswith("s"):
        return timedelta(seconds=n)
    if unit == "m" or unit.startswith("min"):
        return timedelta(minutes=n)
    if unit.startswith("h"):
        return timedelta(hours=n)
    if unit.startswith("d"):
        return timedelta(days=n)
    if unit.startswith("w"):
        return timedelta(weeks=n)
    if unit.startswith("mo"):
        return timedelta(days=30 * n)
    return timedelta(days=365 * n)


def normalise_date(value: str | None) -> str | None:
    """ISO YYYY-MM-DD for a user- or metadata-supplied date, or None when it cannot be read."""
    if not value or not str(value).strip():
        return None
    value = str(value).strip()
    found = find_date(value)
    if found and found[1].start() == 0:
        return found[0]
    try:
        return dateutil_parser.parse(value, dayfirst=True, default=datetime(1900, 1, 1)).date().isoformat()
    except (ValueError, OverflowError, TypeError):
        return None


def _parse_datetime(value: str) -> datetime | None:
    try:
        parsed = dateutil_parser.parse(value)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.replace(tzinfo=None)


def _infer_from_text(article: Article) -> DateHit | None:
    """A dateline among the lines removed around the article or at the edges of its body."""
    paragraphs = [p for p in article.body.split("\n\n") if p.strip()]
    candidates = list(article.furniture) + paragraphs[:3] + paragraphs[-3:]
    hits = [h for h in (own_dateline(c) for c in candidates if len(c) <= 120) if h]
    if not hits:
        return None
    return max(hits, key=lambda h: h.confidence)


def date_article(
    article: Article,
    page: Page,
    meta_date: str | None = None,
    meta_evidence: str | None = None,
) -> Article:
    """Fill ``published`` (with evidence and confidence) and ``captured``; return a new Article."""
    captured = article.captured or page.captured
    if article.kind == "teaser":
        return _date_teaser(replace(article, captured=captured))
    if page.user_published and (iso := normalise_date(page.published)):
        return replace(article, captured=captured, published=iso, published_evidence="--published", published_confidence=1.0)
    if not page.user_published and (iso := normalise_date(page.published)):
        return replace(article, captured=captured, published=iso, published_evidence="metadata", published_confidence=0.9)
    if iso := normalise_date(meta_date):
        evidence = meta_evidence or "metadata"
        return replace(article, captured=captured, published=iso, published_evidence=evidence, published_confidence=0.9)
    if hit := _infer_from_text(article):
        return replace(
            article, captured=captured, published=hit.iso, published_evidence=f"text:'{hit.text}'", published_confidence=hit.confidence
        )
    return replace(article, captured=captured, published=None, published_evidence=None, published_confidence=0.0)


def _date_teaser(article: Article) -> Article:
    """A teaser's age counts back from the capture; without a capture time it dates nothing.

    A date printed on the card itself (set by the cleaner, evidence "text:...") is kept.
    """
    if article.published and (article.published_evidence or "").startswith("text:"):
        return article
    delta = age_delta(article.age) if article.age else None
    when = _parse_datetime(article.captured) if article.captured else None
    if delta is None or when is None:
        return replace(article, published=None, published_evidence=None, published_confidence=0.0)
    iso = (when - delta).date().isoformat()
    evidence = f"age:'{article.age}' before capture {article.captured}"
    return replace(article, published=iso, published_evidence=evidence, published_confidence=0.3)
