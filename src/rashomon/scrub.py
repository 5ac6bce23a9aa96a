"""Text that cannot be stored or hashed is made storable at the door: every reader's pages
(``ingest``) and every page handed to the pipeline (the web API, Python callers).

A lone UTF-16 surrogate (a JSON ``"\\ud800"`` escape) or a file name that is not UTF-8 (Python
hands it over with ``surrogateescape`` code points) cannot be encoded as UTF-8, so SQLite and
the content hash refuse it. Each such code point becomes U+FFFD, as a browser would show it.
"""

from __future__ import annotations

import dataclasses
import re

from rashomon.model import InputFailure, Page

_SURROGATE = re.compile("[\ud800-\udfff]")
_PAGE_TEXT = ("source", "text", "url", "outlet", "title", "published", "captured")


def scrub(text: str) -> str:
    """``text`` with every surrogate code point replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _name_char(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def scrub_name(text: str) -> str:
    """A source name with each undecodable file-name byte written ``\\xNN`` (as ``ls -b`` does),
    so two such names stay two names; other surrogates become U+FFFD."""
    return _SURROGATE.sub(_name_char, text) if _SURROGATE.search(text) else text


def scrub_item(item: Page | InputFailure) -> Page | InputFailure:
    """A page or failure whose text fields all encode as UTF-8."""
    if isinstance(item, InputFailure):
        return InputFailure(scrub_name(item.source), scrub(item.reason))
    changes = {name: (scrub_name if name == "source" else scrub)(value) for name in _PAGE_TEXT
               if isinstance(value := getattr(item, name), str) and _SURROGATE.search(value)}
    return dataclasses.replace(item, **changes) if changes else item
