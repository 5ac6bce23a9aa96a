"""POST /api/ingest: turn one request into a Page and run the same pipeline as the CLI."""

from __future__ import annotations

import threading
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from fastapi import HTTPException
from pydantic import BaseModel, Field, field_validator, model_validator

from rashomon.config import Options
from rashomon.model import Page, content_hash

if TYPE_CHECKING:
    from rashomon.pipeline import IngestReport


class IngestRequest(BaseModel):
    """One page to ingest: exactly one of text, html or url, plus what is known about it."""

    text: str | None = Field(None, description="Plain text of an article or a page capture")
    html: str | None = Field(None, description="A saved HTML page")
    url: str | None = Field(None, max_length=8192, description="An http(s) URL to fetch")
    source: str | None = Field(None, description="A name for the input (default: the URL or 'api:<hash>')")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD")
    capture: bool = Field(False, description="Treat text as a page capture with site furniture")

    @field_validator("text", "html", "url", "source", "title", "outlet", "published")
    @classmethod
    def valid_unicode(cls, value: str | None) -> str | None:
        """A lone surrogate (JSON "\\ud800") cannot be stored or hashed: refuse it here, clearly."""
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(f"holds a lone surrogate ({value[exc.start]!r} at character {exc.start}): "
                                 "not valid Unicode") from None
        return value

    @model_validator(mode="after")
    def one_input(self) -> "IngestRequest":
        if sum(x is not None for x in (self.text, self.html, self.url)) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


# One ingest at a time per server process: each may hold up to text_max_chars of text and its
# analysis in memory, so parallel posts would multiply that. A second one is answered 503 at once
# rather than queued, because a queued request holds one of the worker threads the pages share.
_INGESTING = threading.Lock()


def ingest_request(options: Options, body: IngestRequest, own_port: int = 0) -> dict[str, Any]:
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


def _ingest(options: Options, body: IngestRequest, own_port: int) -> dict[str, Any]:
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
