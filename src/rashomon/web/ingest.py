"""POST /api/ingest: turn one request into a Page and run the same pipeline as the CLI."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from fastapi import HTTPException

from rashomon.config import default_options
from rashomon.model import Page, content_hash

if TYPE_CHECKING:
    from rashomon.web.api import IngestRequest


def ingest_request(db: str, body: "IngestRequest") -> dict[str, Any]:
    """Ingest one text/HTML/URL input into ``db``; returns the pipeline's report."""
    from rashomon import pipeline

    options = default_options(db=db)
    if body.url is not None:
        if not body.url.startswith(("http://", "https://")):
            raise HTTPException(422, "url must be http(s)")
        report = pipeline.ingest([body.url], options, outlet=body.outlet, published=body.published)
    else:
        text = body.text if body.text is not None else body.html or ""
        kind = "html" if body.html is not None else ("text" if body.capture else "article")
        source = body.source or f"api:{content_hash(text)[:12]}"
        page = Page(source=source, kind=kind, text=text, title=body.title, outlet=body.outlet,  # type: ignore[arg-type]
                    published=body.published, user_outlet=body.outlet is not None,
                    user_published=body.published is not None)
        report = pipeline.ingest_pages([page], options)
    out = asdict(report)
    out["partial"] = report.partial
    if report.failures and not report.articles_added:
        raise HTTPException(422, "; ".join(f"{f.source}: {f.reason}" for f in report.failures))
    return out
