"""Decide which reader an input needs: by its name first, by its first bytes otherwise.

Only the head of an input is looked at, and HTML is never parsed here: a pathological page
(nested 200,000 levels deep) must reach extract intact, which deals with it.
"""

from __future__ import annotations

import json
import re
import zlib

from rashomon.ingest.encoding import binary_kind

Kind = str  # "html" | "warc" | "feed" | "jsonl" | "text" | "gzip" | "binary"

EXTENSIONS: dict[str, Kind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
}

_FEED = re.compile(r"<(rss|feed|rdf:rdf)[\s>]", re.I)
_HTML = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_HEAD = 65536


def kind_by_name(name: str) -> Kind | None:
    """The reader an input's file name asks for, or None when the name says nothing."""
    lower = name.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if lower.endswith(ext):
            return EXTENSIONS[ext]
    return None


def gunzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:_HEAD], 4096)
    except zlib.error:
        return b""


def _text_head(data: bytes) -> str:
    head = data[:_HEAD]
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(enc, "replace")
    return head.decode("utf-8", "replace")


def sniff(data: bytes) -> Kind:
    """The reader ``data`` needs, judged from its first bytes."""
    if data.startswith(b"WARC/"):
        return "warc"
    if data.startswith(b"\x1f\x8b"):
        return "warc" if gunzip_head(data).startswith(b"WARC/") else "gzip"
    if binary_kind(data):
        return "binary"
    head = _text_head(data).lstrip("\ufeff \t\r\n")
    first = next((line for line in head.splitlines() if line.strip()), "")
    if first.lstrip().startswith('{"'):  # before markup: a JSONL record may carry a whole page
        return "jsonl"  # (its first line may be longer than the head, so it is not parsed)
    if first.lstrip().startswith("{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    if head.startswith("<"):  # markup starts with a tag; a capture that quotes "<html>" does not
        start = head[:4096]
        feed = _FEED.search(start)
        if feed and not _HTML.search(start[: feed.start()]):
            return "feed"
        if _HTML.search(start):
            return "html"
    return "text"

