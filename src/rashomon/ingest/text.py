"""Plain-text page captures: decoded as they are; extract's own cleaner does the rest."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rashomon.ingest.encoding import DecodeError, decode
from rashomon.model import InputFailure, Page


def read_text(source: str, data: bytes, meta: dict[str, Any] | None = None, *, url: str | None = None) -> Iterator[Page | InputFailure]:
    """One ``text`` Page for a capture, or one failure saying why the bytes are not text."""
    try:
        decoded = decode(data)
    except DecodeError as exc:
        yield InputFailure(source, exc.reason)
        return
    info = dict(meta or {}, encoding=decoded.encoding, encoding_evidence=decoded.evidence, reader="text")
    yield Page(source=source, kind="text", text=decoded.text, url=url, meta=info)
