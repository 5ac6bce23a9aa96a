"""Which languages the analysis reads, and what a page in another language is told instead.

The analyze stage runs spaCy's English model (names, quotes, attributions, dates); on German or
Russian text it finds nonsense, so such a page is not analysed: it still joins its story
(``stories.crosslingual``), and the export, API and UI say what was not analysed and why.
"""

from __future__ import annotations

__all__ = ["ANALYSED_LANGUAGES", "is_analysed", "analysis_note"]

ANALYSED_LANGUAGES = frozenset({"en"})


def _primary(language: str | None) -> str | None:
    return language.replace("_", "-").split("-")[0].lower() if language else None


def is_analysed(language: str | None) -> bool:
    """True when the analysis can read the language (an unknown language is tried as English)."""
    primary = _primary(language)
    return primary is None or primary in ANALYSED_LANGUAGES


def analysis_note(language: str | None) -> str | None:
    """What was not analysed on a page in this language, for a reader; None when it was analysed."""
    if is_analysed(language):
        return None
    return (f"not analysed: language {_primary(language)} (names, quotes and claims are read in English only); "
            "grouped into its story by names, dates and a multilingual sentence model")
