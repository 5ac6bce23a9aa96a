"""A ``Feed`` written as Atom (RFC 4287) by feedgen, the well-kept feed writer (hand-built XML was
rejected: escaping, dates and required elements are what feedgen already gets right)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from rashomon.feeds.entries import Feed

# XML 1.0 forbids most control characters; article text is untrusted and may carry them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str | None) -> str:
    return _NOT_XML.sub("", value or "")


def _time(value: str) -> datetime:
    """An ISO date or datetime as an aware datetime (a bare date at midnight UTC)."""
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        dt = datetime(1970, 1, 1)
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def atom_xml(feed: Feed, base_url: str) -> bytes:
    """The feed as an Atom document, every link absolute under ``base_url`` (the site's root)."""
    root = base_url.rstrip("/")
    fg = FeedGenerator()
    fg.id(feed.id)
    fg.title(_text(feed.title))
    fg.subtitle(_text(feed.subtitle))
    fg.updated(_time(feed.updated))
    fg.author({"name": "Rashomon"})
    fg.link(href=root + feed.path, rel="self", type="application/atom+xml")
    fg.link(href=root + feed.page, rel="alternate", type="text/html")
    fg.generator("Rashomon")
    for e in feed.entries:
        fe = fg.add_entry(order="append")
        fe.id(e.id)
        fe.title(_text(e.title))
        fe.updated(_time(e.updated))
        fe.link(href=root + e.path, rel="alternate", type="text/html")
        if e.summary:
            fe.summary(_text(e.summary))
        if e.author:
            fe.author({"name": _text(e.author)})
        if e.published:
            fe.published(_time(e.published))
        fe.category(term=e.kind, label="new article" if e.kind == "article" else "newly contested question")
    return fg.atom_str(pretty=True)
