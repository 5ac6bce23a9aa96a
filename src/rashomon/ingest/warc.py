"""WARC files from a crawl: every HTML response record becomes a Page named by its URL.

warcio stops silently at a truncated gzip member and hands back a short block for a cut
uncompressed record, so damage is checked here: the records before it come through, then
one failure names the input and says what was lost.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from rashomon.ingest.context import iso_datetime
from rashomon.ingest.html import read_html
from rashomon.ingest.sniff import gunzip_head, sniff
from rashomon.model import InputFailure, Page

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_WBITS = 16 + zlib.MAX_WBITS
_CHUNK = 1 << 20


def gzip_damage(path: Path) -> tuple[int, str] | None:
    """Where a multi-member gzip file stops being whole: (offset of the damaged member, why).

    warcio reads a cut member as a clean end of file, so the whole file is checked once,
    member by member, before records are trusted.
    """
    member_start = consumed = fed = 0
    d = zlib.decompressobj(_GZIP_WBITS)
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            data = chunk
            while data:
                try:
                    d.decompress(data, _CHUNK)
                    while d.unconsumed_tail:  # bounded output: never hold a huge member in memory
                        d.decompress(d.unconsumed_tail, _CHUNK)
                except zlib.error as exc:
                    return member_start, f"corrupt compressed data at byte {member_start} ({exc})"
                if d.eof:
                    used = len(data) - len(d.unused_data)
                    consumed += used
                    member_start = consumed
                    data = d.unused_data
                    d = zlib.decompressobj(_GZIP_WBITS)
                    fed = 0
                else:
                    consumed += len(data)
                    fed += len(data)
                    data = b""
    if fed:
        return member_start, f"truncated at byte {member_start} (the file ends inside a compressed record)"
    return None


def _is_html(content_type: str | None, payload: bytes) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() in _HTML_TYPES
    return sniff(payload) == "html"


def read_warc(path: Path, label: str) -> Iterator[Page | InputFailure]:
    """Yield an ``html`` Page per HTML response record, then at most one failure for damage."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        yield InputFailure(label, f"unreadable: {exc.strerror or exc}")
        return
    gzipped = head.startswith(b"\x1f\x8b")
    start = gunzip_head(head) if gzipped else head
    if gzipped and not start:
        yield InputFailure(label, "truncated or corrupt compressed data at the start; nothing could be read")
        return
    if not start.startswith((b"WARC/", b"filedesc://")):  # WARC, or the older ARC that warcio reads
        what = "gzip data that is not a WARC" if gzipped else "no WARC header at the start"
        yield InputFailure(label, f"not a WARC file ({what})")
        return
    damage = gzip_damage(path) if gzipped else None
    good_end = damage[0] if damage else None
    read = pages = 0
    seen: set[str] = set()
    failure: str | None = None
    try:
        with path.open("rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                if good_end is not None and records.offset >= good_end:
                    break
                read += 1
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if record.rec_type not in ("response", "resource") or not uri:
                    continue
                status = record.http_headers.get_statuscode() if record.http_headers else "200"
                content_type = (
                    record.http_headers.get_header("Content-Type")
                    if record.http_headers
                    else record.rec_headers.get_header("Content-Type")
                )
                payload = record.content_stream().read()
                while record.raw_stream.read(_CHUNK):
                    pass
                if getattr(record.raw_stream, "limit", 0) > 0:
                    failure = f"truncated: record {read} ({uri}) is cut short"
                    break
                if good_end is not None and records.get_record_offset() + records.get_record_length() > good_end:
                    break
                if not (str(status).startswith("2") and payload.strip() and _is_html(content_type, payload)):
                    continue
                source = uri if uri not in seen else f"{label}#record-{read}"
                seen.add(uri)
                meta = {"container": label, "record": read, "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}
                for item in read_html(
                    source,
                    payload,
                    meta,
                    url=uri,
                    content_type=content_type,
                    captured=iso_datetime(record.rec_headers.get_header("WARC-Date")),
                ):
                    pages += isinstance(item, Page)
                    yield item
    except ArchiveLoadFailed as exc:
        if read == 0:
            yield InputFailure(label, f"not a WARC file ({_short(exc)})")
            return
        failure = f"damaged after record {read}: {_short(exc)}"
    except (OSError, EOFError, zlib.error, ValueError, AttributeError, TypeError) as exc:
        # warcio has no single error type for a cut or garbled stream; these are what it raises.
        failure = f"damaged after record {read}: {_short(exc)}"
    if damage:  # the integrity check says more than the error warcio stumbled on
        failure = damage[1]
    if failure:
        kept = f"{pages} page(s) before it were read" if pages else "nothing before it could be read"
        yield InputFailure(label, f"{failure}; {kept}, the rest is lost")
    elif pages == 0:
        yield InputFailure(label, f"no HTML response records ({read} record(s) read)")


def _short(exc: BaseException) -> str:
    """One printable line: warcio quotes raw (often compressed) bytes in its messages."""
    text = " ".join(str(exc).split())
    text = "".join(ch for ch in text if ch.isprintable() and ord(ch) < 127)
    return text[:80] or type(exc).__name__
