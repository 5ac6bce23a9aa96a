"""RSS and Atom feeds (feedparser): entries with full content become clean articles.

An entry that carries only a link and a short summary is fetched when online (the page it
links to is what the outlet published). Offline, it becomes a failure that says so: keeping
the summary as an "article" would put a two-line teaser into the story as if it were a
report, and count it as coverage; the user is told instead, and can re-run online.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from typing import Any

import feedparser

from rashomon.ingest.context import Context, iso_date, iso_datetime
from rashomon.ingest.fragment import html_to_blocks, html_to_paragraphs
from rashomon.model import InputFailure, Page

# A summary at least this long is the article itself (many feeds put full text there).
FULL_SUMMARY_WORDS = 150


def _content(entry: Any) -> str | None:
    """The entry's full content (Atom content / RSS content:encoded, or a long summary)."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return max(contents, key=len)
    summary = entry.get("summary") or ""
    if len(html_to_paragraphs(summary).split()) >= FULL_SUMMARY_WORDS:
        return summary
    return None


def _published(entry: Any) -> tuple[str | None, str | None]:
    """(date in the publisher's own offset, full ISO date-time) of an entry."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw and iso_date(raw):
            return iso_date(raw), iso_datetime(raw)
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
            return stamp[:10], stamp
    return None, None


# fetch(url, ctx, meta=..., allow_feed=False): ``url.fetch_url``, passed in by the caller because
# url.py reads feeds through here (importing it back would be an import cycle)
Fetch = Callable[..., Iterator[Page | InputFailure]]


def read_feed(label: str, data: bytes, ctx: Context, meta: dict[str, Any] | None = None, *,
              fetch: Fetch) -> Iterator[Page | InputFailure]:
    """An ``article`` Page per full-content entry; link-only entries fetched (with ``fetch``) or reported."""
    parsed = feedparser.parse(io.BytesIO(data))  # a file object: never a URL or a path
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            why = " ".join(str(parsed.get("bozo_exception") or "not well-formed").split())[:160]
            yield InputFailure(label, f"malformed feed: {why}")
        else:
            yield InputFailure(label, "feed has no entries")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    base = dict(meta or {}, reader="feed", container=label)
    if parsed.get("bozo"):
        base["feed_warning"] = " ".join(str(parsed.get("bozo_exception")).split())[:160]
    for n, entry in enumerate(entries, 1):
        link = (entry.get("link") or "").strip() or None
        title = " ".join((entry.get("title") or "").split()) or None
        published, published_at = _published(entry)
        info = dict(base, entry=n)
        if entry.get("author"):
            info["author"] = entry.get("author")
        if published_at:
            info["published_datetime"] = published_at
        content = _content(entry)
        if content is not None:
            paragraphs, headings = html_to_blocks(content)
            text = "\n\n".join(paragraphs)
            if headings:
                info["headings"] = headings  # which paragraphs were <h1>–<h6> in the feed
            if text:
                source = link or f"{label}#entry-{n}"
                yield Page(source=source, kind="article", text=text, url=link, outlet=outlet, title=title, published=published, meta=info)
                continue
        if link is None:
            yield InputFailure(f"{label}#entry-{n}", "feed entry has neither full content nor a link")
        elif not ctx.options.online:
            yield InputFailure(link, f"link-only feed entry (summary only) in {label}: not fetched while offline")
        else:
            for item in fetch(link, ctx, meta=info, allow_feed=False):
                if isinstance(item, Page):
                    item.title = item.title or title
                    item.outlet = item.outlet or outlet
                    item.published = item.published or published
                yield item
