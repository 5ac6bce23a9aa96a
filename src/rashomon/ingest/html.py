"""Saved HTML pages: decoded (BOM, then the page's meta charset, then detection), not parsed.

Parsing is extract's job; reading a page here only has to get its characters right.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rashomon.ingest.encoding import DecodeError, decode, header_charset
from rashomon.model import InputFailure, Page


def read_html(
    source: str,
    data: bytes,
    meta: dict[str, Any] | None = None,
    *,
    url: str | None = None,
    content_type: str | None = None,
    captured: str | None = None,
) -> Iterator[Page | InputFailure]:
    """One ``html`` Page, or one failure saying why the bytes are not a readable page."""
    try:
        decoded = decode(data, declared=header_charset(content_type), html=True)
    except DecodeError as exc:
        reason = exc.reason if not exc.reason.startswith("binary") else exc.reason.replace("not text", "not HTML")
        yield InputFailure(source, reason)
        return
    if not decoded.text.strip():
        yield InputFailure(source, "empty page (only whitespace)")
        return
    info = dict(meta or {}, encoding=decoded.encoding, encoding_evidence=decoded.evidence, reader="html")
    if content_type:
        info["content_type"] = content_type
    yield Page(source=source, kind="html", text=decoded.text, url=url, captured=captured, meta=info)
