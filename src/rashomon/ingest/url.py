"""http(s) inputs (httpx): fetched with a timeout and an honest User-Agent, only when online."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx

from rashomon.fetch_guard import FetchRefused
from rashomon.ingest.context import Context, now_iso
from rashomon.ingest.feed import read_feed
from rashomon.ingest.html import read_html
from rashomon.ingest.jsonl import read_jsonl
from rashomon.ingest.sniff import sniff
from rashomon.ingest.text import read_text
from rashomon.model import InputFailure, Page

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml", "application/feed+json")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def _kind(content_type: str, data: bytes) -> str:
    mime = content_type.split(";")[0].strip().lower()
    if mime in _HTML_TYPES:
        return "html"
    if mime in _FEED_TYPES:
        return "feed"
    if mime in _JSONL_TYPES:
        return "jsonl"
    if mime == "text/plain":
        return "text"
    return sniff(data)


def fetch_url(url: str, ctx: Context, *, meta: dict[str, Any] | None = None, allow_feed: bool = True) -> Iterator[Page | InputFailure]:
    """Fetch ``url`` and read it as the kind its Content-Type (or its first bytes) says."""
    if not ctx.options.online:
        yield InputFailure(url, "offline: http(s) inputs are not fetched (the 'online' setting is off)")
        return
    try:
        response = ctx.http().get(
            url,
            headers={"User-Agent": ctx.options.user_agent},
            timeout=ctx.options.fetch_timeout,
            follow_redirects=True,
        )
    except FetchRefused as exc:  # the guard's own reasons are short and name the setting to change
        yield InputFailure(url, f"refused: {exc}")
        return
    except httpx.TimeoutException:
        yield InputFailure(url, f"timed out after {ctx.options.fetch_timeout:g} s")
        return
    except httpx.HTTPError as exc:
        yield InputFailure(url, f"could not fetch: {' '.join(str(exc).split())[:160] or type(exc).__name__}")
        return
    if response.status_code >= 400:
        yield InputFailure(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
        return
    data = response.content
    content_type = response.headers.get("content-type", "")
    info = dict(meta or {}, fetched_url=str(response.url))
    captured = now_iso()
    kind = _kind(content_type, data)
    if kind == "html":
        yield from read_html(url, data, info, url=str(response.url), content_type=content_type, captured=captured)
    elif kind == "feed" and allow_feed:
        yield from read_feed(url, data, ctx, info, fetch=fetch_url)
    elif kind == "jsonl" and allow_feed:
        yield from read_jsonl(url, data, info)
    elif kind == "text":
        for item in read_text(url, data, info, url=str(response.url)):
            if isinstance(item, Page):
                item.captured = captured
            yield item
    else:
        what = content_type.split(";")[0].strip() or kind
        yield InputFailure(url, f"unsupported content type {what!r} (expected an HTML page, a feed, JSONL or plain text)")
