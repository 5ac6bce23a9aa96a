"""WARC files from a crawl: every HTML response record becomes a Page named by its URL.

warcio stops silently at a truncated gzip member and hands back a short block for a cut
uncompressed record, so damage is checked here: the records before it come through, then
one failure names the input and says what was lost.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from rashomon.config import Options
from rashomon.ingest.context import iso_datetime
from rashomon.ingest.html import read_html
from rashomon.ingest.sniff import gunzip_head, sniff
from rashomon.model import InputFailure, Page

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_WBITS = 16 + zlib.MAX_WBITS
_CHUNK = 1 << 20


INFLATE_FLOOR = 16 << 20  # below this much output no ratio is judged: small inputs compress well


def inflate_problem(out: int, consumed: int, options: Options) -> str | None:
    """Why ``out`` bytes inflated from ``consumed`` compressed ones look like a bomb, or None."""
    if out > INFLATE_FLOOR and out > options.max_inflate_ratio * max(consumed, 1):
        return (f"inflates more than {options.max_inflate_ratio} times its compressed size "
                f"(max_inflate_ratio): refused as a likely decompression bomb")
    return None


@dataclass
class GzipCheck:
    """What one pass over a gzip file found: where it stops being whole, and how many members."""

    damage: tuple[int, str] | None
    members: int


def gzip_damage(path: Path, options: Options) -> GzipCheck:
    """Where a multi-member gzip file stops being whole: (offset of the damaged member, why).

    warcio reads a cut member as a clean end of file, so the whole file is checked once,
    member by member, before records are trusted. A file that inflates past
    ``max_inflate_ratio`` stops being trusted at the member where it does.
    """
    member_start = consumed = fed = out = members = 0
    d = zlib.decompressobj(_GZIP_WBITS)
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            data = chunk
            while data:
                try:
                    out += len(d.decompress(data, _CHUNK))
                    while d.unconsumed_tail:  # bounded output: never hold a huge member in memory
                        out += len(d.decompress(d.unconsumed_tail, _CHUNK))
                        bomb = inflate_problem(out, consumed + fed + len(data), options)
                        if bomb:
                            return GzipCheck((member_start, bomb), members)
                except zlib.error as exc:
                    return GzipCheck((member_start, f"corrupt compressed data at byte {member_start} ({exc})"), members)
                if d.eof:
                    used = len(data) - len(d.unused_data)
                    consumed += used
                    member_start = consumed
                    members += 1
                    data = d.unused_data
                    d = zlib.decompressobj(_GZIP_WBITS)
                    fed = 0
                else:
                    consumed += len(data)
                    fed += len(data)
                    data = b""
            bomb = inflate_problem(out, consumed, options)
            if bomb:
                return GzipCheck((member_start, bomb), members)
    if fed:
        return GzipCheck((member_start, f"truncated at byte {member_start} (the file ends inside a compressed record)"), members)
    return GzipCheck(None, members)


class _Upto(io.RawIOBase):
    """A file read up to ``end`` only, so warcio never parses past the damage into a bomb."""

    def __init__(self, fh: BinaryIO, end: int | None) -> None:
        self.fh, self.end = fh, end

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        want = len(buf)
        if self.end is not None:
            want = min(want, max(0, self.end - self.fh.tell()))
        data = self.fh.read(want)
        buf[: len(data)] = data
        return len(data)

    def tell(self) -> int:
        return self.fh.tell()


def _is_html(content_type: str | None, payload: bytes) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() in _HTML_TYPES
    return sniff(payload) == "html"


def read_warc(path: Path, label: str, options: Options) -> Iterator[Page | InputFailure]:
    """Yield an ``html`` Page per HTML response record, a failure per record too large to
    read, then at most one failure for damage."""
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
    check = gzip_damage(path, options) if gzipped else GzipCheck(None, 0)
    damage = check.damage
    # One gzip member for the whole file (``gzip crawl.warc``) rather than one per record:
    # warcio refuses it, so it is inflated here as one stream and read as a plain WARC.
    whole = gzipped and (damage[0] == 0 if damage else check.members <= 1)
    good_end = damage[0] if damage and not whole else None
    if whole and damage and "max_inflate_ratio" in damage[1]:
        yield InputFailure(label, f"{damage[1]}; nothing could be read")
        return
    state = _State(plain=path if not gzipped else None)
    try:
        while True:
            with path.open("rb") as raw:
                raw.seek(state.base)
                fh: Any = gzip.GzipFile(fileobj=raw) if whole else _Upto(raw, good_end)
                yield from _records(fh, label, options, good_end, delimited=gzipped and not whole, state=state)
            if state.resume is None:
                break
            state.base, state.resume = state.resume, None  # on after a record that had no length
    except ArchiveLoadFailed as exc:
        if state.read == 0:
            yield InputFailure(label, f"not a WARC file ({_short(exc)})")
            return
        state.failure = f"damaged after record {state.read}: {_short(exc)}"
    except (OSError, EOFError, zlib.error, ValueError, AttributeError, TypeError) as exc:
        # warcio has no single error type for a cut or garbled stream; these are what it raises.
        state.failure = f"damaged after record {state.read}: {_short(exc)}"
    if damage:  # the integrity check says more than the error warcio stumbled on
        state.failure = damage[1]
    if state.failure:
        kept = f"{state.pages} page(s) before it were read" if state.pages else "nothing before it could be read"
        yield InputFailure(label, f"{state.failure}; {kept}, the rest is lost")
    elif state.misplaced:
        yield InputFailure(label, f"{state.misplaced} record(s) not followed by the blank lines a WARC puts after "
                                  f"each (a wrong Content-Length?); {state.pages} page(s) were read")
    elif state.pages == 0 and not state.refused:
        yield InputFailure(label, f"no HTML response records ({state.read} record(s) read)")


@dataclass
class _State:
    plain: Path | None = None  # an uncompressed WARC, where reading may go on at a later byte
    base: int = 0  # where in the file this pass started
    resume: int | None = None  # where the next pass starts
    read: int = 0
    pages: int = 0
    refused: int = 0
    misplaced: int = 0
    failure: str | None = None


def _records(fh: Any, label: str, options: Options, good_end: int | None, *, delimited: bool,
             state: _State) -> Iterator[Page | InputFailure]:
    """The records of one WARC stream; ``delimited`` when each sits in its own gzip member."""
    seen: set[str] = set()
    records = ArchiveIterator(fh)
    it = iter(records)
    sink = io.StringIO()
    while True:
        # warcio writes a raw, multi-line warning (bytes of the record included) to stderr when a
        # record is not followed by blank lines; it is counted and reported in one line instead.
        with contextlib.redirect_stderr(sink):
            record = next(it, None)
        state.misplaced = records.err_count
        if record is None:
            break
        if good_end is not None and records.offset >= good_end:
            break
        state.read += 1
        uri = record.rec_headers.get_header("WARC-Target-URI")
        if not delimited and record.rec_headers.get_header("Content-Length") is None:
            # warcio would read such a record to the end of the file, swallowing the records after
            # it; in a plain WARC the next record's "WARC/" line is found and reading goes on there.
            after = _next_record(state.plain, state.base + records.offset + 5) if state.plain else None
            why = f"record {state.read} ({uri or 'no URI'}) has no Content-Length header, so where it ends cannot be told"
            if after is None:
                state.failure = why
            else:
                state.refused += 1
                state.resume = after
                yield InputFailure(label, f"{why}; skipped to the next record, at byte {after}")
            break
        if record.rec_type not in ("response", "resource") or not uri:
            continue
        status = record.http_headers.get_statuscode() if record.http_headers else "200"
        content_type = (
            record.http_headers.get_header("Content-Type")
            if record.http_headers
            else record.rec_headers.get_header("Content-Type")
        )
        said = sink.tell()
        with contextlib.redirect_stderr(sink):  # warcio prints a body it cannot inflate, and reads on
            payload, problem = _payload(record, options)
            while record.raw_stream.read(_CHUNK):
                pass
        if sink.tell() > said and not problem:
            problem = "its compressed body (Content-Encoding) is corrupt; refused rather than read in part"
        if getattr(record.raw_stream, "limit", 0) > 0:
            state.failure = f"truncated: record {state.read} ({uri}) is cut short"
            break
        if good_end is not None and records.get_record_offset() + records.get_record_length() > good_end:
            break
        if problem:
            state.refused += 1
            yield InputFailure(uri, problem)
            continue
        if not (str(status).startswith("2") and payload.strip() and _is_html(content_type, payload)):
            continue
        source = uri if uri not in seen else f"{label}#record-{state.read}"
        seen.add(uri)
        meta = {"container": label, "record": state.read, "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}
        for item in read_html(
            source,
            payload,
            meta,
            url=uri,
            content_type=content_type,
            captured=iso_datetime(record.rec_headers.get_header("WARC-Date")),
        ):
            state.pages += isinstance(item, Page)
            yield item


def _next_record(path: Path, start: int) -> int | None:
    """The byte where the next ``WARC/1.x`` record header line starts after ``start``, or None."""
    with path.open("rb") as fh:
        fh.seek(start)
        pos, tail = start, b""
        while chunk := fh.read(_CHUNK):
            data = tail + chunk
            found = data.find(b"\nWARC/1.")
            if found >= 0:
                return pos - len(tail) + found + 1
            tail = data[-8:]
            pos += len(chunk)
    return None


def _payload(record: Any, options: Options) -> tuple[bytes, str | None]:
    """A record's payload (HTTP Content-Encoding undone) read no further than ``max_page_bytes``."""
    limit = options.max_page_bytes
    try:
        stored = int(record.rec_headers.get_header("Content-Length") or 0)
    except ValueError:
        stored = 0
    stream = record.content_stream()
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
        bomb = inflate_problem(size, stored, options)
        if bomb:
            return b"", f"the page {bomb}"
    if size > limit:
        return b"", f"page larger than {limit:,} bytes after decompression (max_page_bytes); refused"
    return b"".join(parts), None


def _short(exc: BaseException) -> str:
    """One printable line: warcio quotes raw (often compressed) bytes in its messages."""
    text = " ".join(str(exc).split())
    text = "".join(ch for ch in text if ch.isprintable() and ord(ch) < 127)
    return text[:80] or type(exc).__name__
