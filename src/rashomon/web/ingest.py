"""POST /api/ingest: turn one request into a Page and run the same pipeline as the CLI."""

from __future__ import annotations

import threading
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from fastapi import HTTPException

from rashomon.config import Options
from rashomon.model import Page, content_hash

if TYPE_CHECKING:
    from rashomon.pipeline import IngestReport
    from rashomon.web.api import IngestRequest

# One ingest at a time per server process: each may hold up to text_max_chars of text and its
# analysis in memory, so parallel posts would multiply that. A second one is answered 503 at once
# rather than queued, because a queued request holds one of the worker threads the pages share.
_INGESTING = threading.Lock()


def ingest_request(options: Options, body: "IngestRequest", own_port: int = 0) -> dict[str, Any]:
    """Ingest one text/HTML/URL input into ``options.db``; returns the pipeline's report.

    Refuses with a 4xx, before any analysis: a text over ``text_max_chars``, a published value
    that is not a date, a URL that is not http(s) or whose fetch the guard stops (private
    address, this server, too large a body); with 503 while another ingest runs. ``own_port`` is
    the port this server listens on.
    """
    if not _INGESTING.acquire(blocking=False):
        raise HTTPException(503, "another ingest is running on this server; send this one again when it ends",
                            headers={"Retry-After": "5"})
    try:
        return _ingest(options, body, own_port)
    finally:
        _INGESTING.release()


def _ingest(options: Options, body: "IngestRequest", own_port: int) -> dict[str, Any]:
    from rashomon import pipeline
    from rashomon.ingest import iso_date

    published = iso_date(body.published) if body.published else None
    if body.published and published is None:
        raise HTTPException(422, f"published is not a date: {body.published[:40]!r} (use YYYY-MM-DD)")
    if body.url is not None:
        report = _ingest_url(body.url, options, own_port, outlet=body.outlet, published=published)
    else:
        text = body.text if body.text is not None else body.html or ""
        if len(text) > options.text_max_chars:
            raise HTTPException(413, f"the {'html' if body.html is not None else 'text'} is {len(text):,} characters; "
                                     f"this server takes at most {options.text_max_chars:,} (setting text_max_chars)")
        kind = "html" if body.html is not None else ("text" if body.capture else "article")
        source = body.source or f"api:{content_hash(text)[:12]}"
        page = Page(source=source, kind=kind, text=text, title=body.title, outlet=body.outlet,  # type: ignore[arg-type]
                    published=published, user_outlet=body.outlet is not None,
                    user_published=published is not None)
        report = pipeline.ingest_pages([page], options)
    out = asdict(report)
    out["partial"] = report.partial
    if report.failures and not report.articles_added:
        raise HTTPException(422, "; ".join(f"{_short(f.source)}: {f.reason}" for f in report.failures[:10]))
    return out


def _ingest_url(url: str, options: Options, own_port: int, **supplied: str | None) -> "IngestReport":
    """Fetch ``url`` (and any feed entries it links) through the guarded client, then ingest."""
    from rashomon import pipeline
    from rashomon.fetch_guard import guarded_client, limits_from
    from rashomon.ingest import read_inputs

    if not url.lower().startswith(("http://", "https://")):
        raise HTTPException(422, "url must be http(s)")
    limits = limits_from(options, frozenset({own_port}) if own_port else frozenset())
    client, transport = guarded_client(limits, options.user_agent, options.fetch_timeout)
    with client:
        report = pipeline.ingest_pages(read_inputs([url], options, client=client, **supplied), options, label=url)
    refused = transport.refused
    if refused is not None and not report.articles_added:
        raise HTTPException(refused.status, f"{_short(url)}: {refused}")
    return report


def _short(name: str) -> str:
    """An input's name cut to a readable length for an error message."""
    return name if len(name) <= 200 else name[:200] + "…"
