"""JSONL dumps: one record per line (url, title, text or html, published, outlet).

A bad line becomes one failure named ``path:LINE`` and the other lines go on; a record is
named by its URL, or ``path#L<line>`` when it has none.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rashomon.ingest.context import iso_date, iso_datetime
from rashomon.ingest.encoding import DecodeError, decode
from rashomon.model import InputFailure, Page

# Accepted spellings of each field, first wins; dumps from other tools name them differently.
FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content"),
    "html": ("html", "raw_html"),
    "published": ("published", "date", "published_at"),
    "outlet": ("outlet", "site_name", "source_name"),
    "captured": ("captured", "crawled", "captured_at"),
}


def _field(record: dict[str, Any], name: str) -> tuple[str | None, str | None]:
    """(value, None) or (None, problem) for one field of a record; absent or null is fine."""
    for key in FIELDS[name]:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return None, f"field {key!r} must be a string, not {type(value).__name__}"
        return value.strip() or None, None
    return None, None


def parse_record(record: Any) -> tuple[dict[str, str | None], str | None]:
    """Validate one decoded line: (fields, None) or ({}, the reason it is refused)."""
    if not isinstance(record, dict):
        return {}, f"a record must be a JSON object, not {type(record).__name__}"
    values: dict[str, str | None] = {}
    for name in FIELDS:
        value, problem = _field(record, name)
        if problem:
            return {}, problem
        values[name] = value
    if not values["text"] and not values["html"]:
        return {}, "record has neither 'text' nor 'html'"
    return values, None


def read_jsonl(label: str, data: bytes, meta: dict[str, Any] | None = None,
               max_line: int | None = None) -> Iterator[Page | InputFailure]:
    """A Page per good line (``html`` for html records, ``article`` for text records)."""
    try:
        text = decode(data).text
    except DecodeError as exc:
        yield InputFailure(label, exc.reason)
        return
    for number, line in enumerate(text.split("\n"), 1):
        yield from _line(label, number, line, meta, max_line)


def read_jsonl_stream(path: Path, label: str, meta: dict[str, Any], max_line: int) -> Iterator[Page | InputFailure]:
    """The same, for a dump too large to hold: line by line, each line no longer than ``max_line``."""
    with path.open("rb") as fh:
        number = 0
        while True:
            raw = fh.readline(max_line + 1)
            if not raw:
                break
            number += 1
            if len(raw) > max_line and not raw.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the overlong line without holding it
                yield InputFailure(f"{label}:{number}", f"line longer than {max_line:,} bytes (max_page_bytes)")
                continue
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    line = decode(raw).text
                except DecodeError as exc:
                    yield InputFailure(f"{label}:{number}", exc.reason)
                    continue
            yield from _line(label, number, line.rstrip("\r\n"), meta, max_line)


def _line(label: str, number: int, line: str, meta: dict[str, Any] | None,
          max_line: int | None) -> Iterator[Page | InputFailure]:
    """The Page of one line, a failure naming ``path:LINE``, or nothing for a blank line."""
    if not line.strip():
        return
    where = f"{label}:{number}"
    if max_line is not None and len(line) > max_line:
        yield InputFailure(where, f"line longer than {max_line:,} characters (max_page_bytes)")
        return
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        yield InputFailure(where, f"malformed JSON line: {exc.msg} (column {exc.colno})")
        return
    except RecursionError:
        yield InputFailure(where, "malformed JSON line: nested too deeply")
        return
    except ValueError as exc:  # an integer of more digits than Python converts (sys.int_info)
        yield InputFailure(where, f"malformed JSON line: {' '.join(str(exc).split())[:120]}")
        return
    values, problem = parse_record(raw)
    if problem:
        yield InputFailure(where, problem)
        return
    info: dict[str, Any] = dict(meta or {}, reader="jsonl", container=label, line=number)
    published = iso_date(values["published"])
    if values["published"] and not published:
        info["published_raw"] = values["published"]  # kept for the user; extract may infer a date
    elif values["published"]:
        info["published_datetime"] = iso_datetime(values["published"])
    kind = "article" if values["text"] else "html"
    yield Page(
        source=values["url"] or f"{label}#L{number}",
        kind=kind,
        text=(values["text"] or values["html"] or "").replace("\r\n", "\n"),
        url=values["url"],
        outlet=values["outlet"],
        title=values["title"],
        published=published,
        captured=iso_datetime(values["captured"]) if values["captured"] else None,
        meta=info,
    )
