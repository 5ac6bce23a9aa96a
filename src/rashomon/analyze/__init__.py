"""One spaCy pipeline, with our components registered as factories, over batches of articles.

Contract (owner: analyze): ``build_nlp`` loads the configured pipeline and adds our
components; ``analyze_articles`` runs ``nlp.pipe`` over the bodies (publication date set on
``Doc._.dct`` before the components run) and returns one plain ``ArticleAnalysis`` per article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rashomon.config import Options
from rashomon.model import Article, ArticleAnalysis

if TYPE_CHECKING:
    from spacy.language import Language


def build_nlp(options: Options) -> "Language":
    """Load the spaCy pipeline named in options and add attribution, hedges and timex."""
    raise NotImplementedError


def analyze_articles(articles: list[Article], nlp: "Language", options: Options) -> list[ArticleAnalysis]:
    """Analyse a batch; one failing article yields an empty analysis, never sinks the batch."""
    raise NotImplementedError
