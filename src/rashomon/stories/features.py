"""Turn an article into weighted story features: salient terms, entity names and years.

Why hand-written and not scikit-learn's TfidfVectorizer: grouping is incremental, so document
frequencies live in the index and grow one article at a time; a fitted vectorizer would have to
be refitted on every batch. The tokeniser stays a regular expression because spaCy tokenisation
is ~100x slower and grouping must scale to 100k articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’\-](?=[^\W\d_]))*|\d+(?:[.,]\d+)*", re.UNICODE)
_SENTENCES = re.compile(r"(?<=[.!?:;\"“”])\s+|\n+")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")

TITLE_WEIGHT = 2  # a title word counts like this many body occurrences
ENTITY_PREFIX = "@"  # entity features live in the same vector, marked by this prefix
YEAR_PREFIX = "#"
DATE_PREFIX = "%"  # a calendar date mentioned in the text: "%2013-03" (month of a year) or "%03-11" (day of a month)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
_MONTH = r"(?P<mon>" + "|".join(v for m in sorted(_MONTHS, key=len, reverse=True) for v in (m.capitalize(), m.upper())) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YR = r"(?P<year>1[89]\d\d|20\d\d)"
# Written dates: "March 11, 2013", "11 March 2013", "Dec. 14", "March 2013", "2013-03-11" (also "2013 - 03 - 11").
_DATES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:\s*,?\s*{_YR}\b)?"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*{_YR}\b)?"),
    re.compile(rf"\b{_MONTH}\s*,?\s+{_YR}\b"),
    re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)\s?[-/.]\s?(?P<mnum>[01]?\d)\s?[-/.]\s?(?P<day>[0-3]?\d)\b"),
]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop list plus news boilerplate words that name no story."""
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = {
        "said", "says", "told", "according", "reported", "report", "reports", "news", "new", "year",
        "years", "time", "day", "days", "week", "month", "people", "like", "just", "also", "http",
        "https", "www", "com", "html", "htm", "article", "story", "mr", "mrs", "ms", "dr", "st",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
        "yesterday", "tomorrow", "ago", "hours", "hour", "minutes", "last", "first", "second",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "am", "pm", "et", "pt", "gmt", "utc", "s", "t", "ll", "ve", "re",
    }
    return frozenset(STOP_WORDS) | frozenset(extra)


def normalise(word: str) -> str:
    """Lower-case and fold simple inflections so 'quakes'/'quake', 'killed'/'kill' meet."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    return w


def capitalised_names(text: str) -> list[str]:
    """Runs of capitalised words not at a sentence start: a model-free stand-in for NER."""
    stops = stop_words()
    names: list[str] = []
    for sentence in _SENTENCES.split(text):
        run: list[str] = []
        for i, tok in enumerate(_WORD.findall(sentence)):
            if i and tok[:1].isupper() and tok.lower() not in stops:
                run.append(tok)
            elif run:
                names.append(" ".join(run))
                run = []
        if run:
            names.append(" ".join(run))
    return names


def date_keys(text: str) -> list[str]:
    """Calendar dates the text names, as month-of-year and day-of-month keys.

    Two reports of one event name the same days; two events of one kind (two quakes, two
    fights of one boxer) rarely do, so a shared date is strong evidence and a date is the
    cheapest event-specific detail to read. Rejected: dateparser's search_dates (dev-only,
    ~1000x slower, and it reads bare numbers as dates).
    """
    keys: list[str] = []
    taken: set[int] = set()  # character offsets already read as part of a date
    for pattern in _DATES:
        for m in pattern.finditer(text):
            if taken.intersection(range(m.start(), m.end())):
                continue
            taken.update(range(m.start(), m.end()))
            g = m.groupdict()
            month = int(g["mnum"]) if g.get("mnum") else _MONTHS.get((g.get("mon") or "").lower().rstrip("."))
            if not month or not 1 <= month <= 12:
                continue
            day = int(g["day"]) if g.get("day") else None
            if day is not None and not 1 <= day <= 31:
                day = None
            if g.get("year"):
                keys.append(f"{DATE_PREFIX}{g['year']}-{month:02d}")
            if day is not None:
                keys.append(f"{DATE_PREFIX}{month:02d}-{day:02d}")
    return keys


@dataclass
class DocFeatures:
    """Raw term weights of one article (1 + log tf); idf is applied later from the index."""

    weights: dict[str, float]


def extract_features(
    title: str, body: str, entities: list[str] | None = None, *, entity_boost: float = 1.0,
    date_boost: float = 1.0, year_boost: float = 1.0,
) -> DocFeatures:
    """Terms from title and body, entity names (given, or capitalised runs) and years."""
    stops = stop_words()
    tf: Counter[str] = Counter()
    for text, mult in ((title, TITLE_WEIGHT), (body, 1)):
        for m in _WORD.finditer(text):
            raw = m.group()
            low = raw.lower()
            if _YEAR.match(low):
                tf[YEAR_PREFIX + low] += mult
                continue
            if low in stops or len(low) < 2 or low.isdigit():
                continue
            tf[normalise(raw)] += mult
    names = entities if entities else capitalised_names(title + ".\n" + body)
    for name in names:
        key = ENTITY_PREFIX + " ".join(normalise(w) for w in name.split())
        tf[key] += 1
    if date_boost:
        tf.update(date_keys(title + ".\n" + body))
    boost = {ENTITY_PREFIX: entity_boost, DATE_PREFIX: date_boost, YEAR_PREFIX: year_boost}
    weights: dict[str, float] = {}
    for term, n in tf.items():
        weights[term] = (1.0 + math.log(n)) * boost.get(term[:1], 1.0)
    return DocFeatures(weights)
