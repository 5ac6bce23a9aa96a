"""Which languages the analysis reads, and what a page in another language is told instead.

The analyze stage runs spaCy's English model (names, quotes, attributions, dates); on German or
Russian text it finds nonsense, so such a page is not analysed: it still joins its story
(``stories.crosslingual``), and the export, API and UI say what was not analysed and why.
"""

from __future__ import annotations

__all__ = ["ANALYSED_LANGUAGES", "primary_language", "is_analysed", "analysis_note"]

ANALYSED_LANGUAGES = frozenset({"en"})


def primary_language(tag: str | None) -> str | None:
    """'en-GB' / 'de_DE' -> 'en' / 'de'; None for an empty tag."""
    if not tag:
        return None
    return tag.replace("_", "-").split("-")[0].strip().lower() or None


def is_analysed(language: str | None) -> bool:
    """True when the analysis can read the language (an unknown language is tried as English)."""
    primary = primary_language(language)
    return primary is None or primary in ANALYSED_LANGUAGES


def analysis_note(language: str | None) -> str | None:
    """What was not analysed on a page in this language, for a reader; None when it was analysed."""
    if is_analysed(language):
        return None
    return (f"not analysed: language {primary_language(language)} (names, quotes and claims are read in English only); "
            "grouped into its story by names, dates and a multilingual sentence model")
