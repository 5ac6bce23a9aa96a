"""Page → Article(s): HTML through trafilatura, text captures through our own cleaner.

Contract (owner: extract): ``extract_page`` returns the page's main article first
(source ``<page source>#main``) then any teasers (``#teaser-N``, kind "teaser", parent = main
source); it raises ``ExtractionError`` with a reason when nothing can be extracted.
"""

from __future__ import annotations

import re

from rashomon.config import Options
from rashomon.errors import ExtractionError
from rashomon.extract.credits import credit_article
from rashomon.extract.dates import date_article
from rashomon.extract.html import extract_html, looks_binary
from rashomon.extract.language import with_language
from rashomon.extract.outlets import outlet_article
from rashomon.extract.text import clean_capture
from rashomon.model import Article, Page

__all__ = ["extract_page", "article_paragraphs"]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def extract_page(page: Page, options: Options) -> list[Article]:
    """Extract the main article (and teasers) from one page, with dates, outlet and language filled."""
    return [with_language(a) for a in _extract(page)]


def _extract(page: Page) -> list[Article]:
    if page.kind == "html":
        return [_from_html(page)]
    if page.kind == "text":
        if looks_binary(page.text):
            raise ExtractionError(page.source, "binary or undecodable content, not a text capture")
        articles = clean_capture(page)
        if not articles or not any(a.body.strip() for a in articles):
            raise ExtractionError(page.source, "no article text found in the capture")
        return [credit_article(outlet_article(date_article(a, page), page), page) for a in articles]
    if page.kind == "article":
        return [_from_article(page)]
    raise ExtractionError(page.source, f"unknown page kind {page.kind!r}")


def article_paragraphs(text: str) -> list[str]:
    """Paragraphs of already clean text: blank-line separated, else one per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _BLANK_LINE.split(text)
    if len(blocks) == 1:
        blocks = text.split("\n")
    return [p for p in (" ".join(b.split()) for b in blocks) if p]


def _main(page: Page) -> Article:
    return Article(
        source=f"{page.source}#main",
        page_source=page.source,
        kind="article",
        url=page.url,
        captured=page.captured,
        page_hash=page.hash,
    )


def _from_html(page: Page) -> Article:
    """The html route: trafilatura's text and metadata, then our date and outlet rules."""
    found = extract_html(page.text, page.source, page.url)
    article = _main(page)
    article.title = found.title or page.title or ""
    article.byline = found.byline or page.meta.get("author")
    article.body = "\n\n".join(found.paragraphs)
    article.dek = _dek(found.description, article.body, article.title)
    article.headings = found.headings
    article.language = found.language
    article.url = page.url or found.url
    article = date_article(article, page, meta_date=found.date, meta_evidence=found.date_evidence)
    article = outlet_article(article, page, site_name=found.sitename)
    return credit_article(article, page, site_name=found.sitename, canonical=found.canonical)


def _dek(description: str | None, body: str, title: str) -> str | None:
    """The page's description as standfirst, unless it only repeats the title or the body's start."""
    if not description:
        return None
    probe = description.rstrip(" .…").casefold()[:80]
    if not probe or probe in body.casefold() or probe == title.casefold():
        return None
    return description


def _from_article(page: Page) -> Article:
    """The article route (JSONL text, feed entries): the text is clean already; only normalise it."""
    if looks_binary(page.text):
        raise ExtractionError(page.source, "binary or undecodable content, not article text")
    paragraphs = article_paragraphs(page.text)
    title = " ".join((page.title or "").split())
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline repeated as the first line
    if not paragraphs:
        raise ExtractionError(page.source, "record has no article text")
    article = _main(page)
    article.title = title
    article.byline = page.meta.get("author")
    article.body = "\n\n".join(paragraphs)
    article.language = page.meta.get("language")
    article = date_article(article, page)
    return credit_article(outlet_article(article, page), page)
