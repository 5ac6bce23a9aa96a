"""Page → Article(s): HTML through trafilatura, text captures through our own cleaner.

Contract (owner: extract): ``extract_page`` returns the page's main article first
(source ``<page source>#main``) then any teasers (``#teaser-N``, kind "teaser", parent = main
source); it raises ``ExtractionError`` with a reason when nothing can be extracted.
"""

from __future__ import annotations

from rashomon.config import Options
from rashomon.model import Article, Page


def extract_page(page: Page, options: Options) -> list[Article]:
    """Extract the main article (and teasers) from one page, with dates and outlet filled."""
    raise NotImplementedError
