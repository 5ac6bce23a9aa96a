"""Files and directories: walk (sorted, hidden names skipped), pick a reader, read.

A directory walk takes only files whose name says they are an input we read (or that have
no extension at all, which are sniffed): a saved page's folder of images, scripts and
style sheets is not a list of failures. A file named explicitly is always read or refused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from rashomon.ingest.context import Context
from rashomon.ingest.encoding import binary_kind
from rashomon.ingest.feed import read_feed
from rashomon.ingest.html import read_html
from rashomon.ingest.jsonl import read_jsonl, read_jsonl_stream
from rashomon.ingest.sniff import kind_by_name, sniff
from rashomon.ingest.text import read_text
from rashomon.ingest.url import fetch_url
from rashomon.ingest.warc import read_warc
from rashomon.model import InputFailure, Page


def _join(label: str, name: str) -> str:
    return name if label in ("", ".") else f"{label.rstrip('/')}/{name}"


def walk(label: str) -> Iterator[str | InputFailure]:
    """File labels under directory ``label`` in sorted order, or a failure per unreadable folder.

    Directory symlinks are followed once (a loop is cut by the real path).
    """
    seen: set[str] = set()
    stack = [label]
    while stack:
        folder = stack.pop()
        real = os.path.realpath(folder)
        if real in seen:
            continue
        seen.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield os_failure(folder, exc, "unreadable directory: ")
            continue
        subdirs: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = _join(folder, entry.name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(child)
            elif _wanted(entry.name):
                yield child
        stack.extend(reversed(subdirs))  # files of a folder first, then its folders, in order


_EXPECTED = {"html": "HTML", "feed": "a feed", "jsonl": "JSON lines", "text": "text"}


def _wanted(name: str) -> bool:
    return kind_by_name(name) is not None or "." not in name


def _mtime(st: os.stat_result) -> str:
    return datetime.fromtimestamp(st.st_mtime, timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def os_failure(label: str, exc: OSError, prefix: str = "") -> InputFailure:
    """One reason line for a file-system error, the same for every reader."""
    if isinstance(exc, FileNotFoundError):
        return InputFailure(label, prefix + "no such file or directory")
    if isinstance(exc, PermissionError):
        return InputFailure(label, prefix + "permission denied")
    return InputFailure(label, f"{prefix or 'unreadable: '}{exc.strerror or exc}")


def read_path(label: str, ctx: Context) -> Iterator[Page | InputFailure]:
    """Read one file or walk one directory, as the user named it."""
    path = Path(label)
    try:
        st = path.stat()
    except OSError as exc:
        yield os_failure(label, exc)
        return
    if stat.S_ISDIR(st.st_mode):
        found = 0
        for item in walk(label):
            if isinstance(item, InputFailure):
                yield item
            else:
                found += 1
                yield from read_file(Path(item), item, ctx)
        if found == 0:
            yield InputFailure(label, "no readable inputs in this directory (.html, .warc, .warc.gz, .xml/.rss/.atom, .jsonl, .txt)")
        return
    yield from read_file(path, label, ctx)


def read_file(path: Path, label: str, ctx: Context) -> Iterator[Page | InputFailure]:
    """Read one file with the reader its name (or, failing that, its first bytes) asks for."""
    limit = ctx.options.max_page_bytes
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            yield InputFailure(label, "not a regular file")
            return
        kind = kind_by_name(path.name)
        if kind is None and st.st_size > limit:
            with path.open("rb") as fh:
                kind = sniff(fh.read(65536))
        if kind == "warc" and st.st_size > 0:
            yield from read_warc(path, label, ctx.options)  # streamed: crawls can be large
            return
        if kind == "jsonl" and st.st_size > limit:
            yield from read_jsonl_stream(path, label, {"mtime": _mtime(st)}, limit)  # a dump: line by line
            return
        if st.st_size > limit:
            yield InputFailure(label, f"larger than {limit:,} bytes (max_page_bytes); refused")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield os_failure(label, exc)
        return
    if not data:
        yield InputFailure(label, "empty file")
        return
    binary = binary_kind(data)
    if binary:
        yield InputFailure(label, f"binary file ({binary}), not {_EXPECTED.get(kind, 'a page, feed or text')}")
        return
    meta = {"mtime": _mtime(st)}
    if kind is None:
        kind = sniff(data)
    if kind == "warc":
        yield from read_warc(path, label, ctx.options)
    elif kind == "gzip":
        yield InputFailure(label, "gzip-compressed file that is not a WARC: decompress it first")
    elif kind == "html":
        yield from read_html(label, data, meta)
    elif kind == "feed":
        yield from read_feed(label, data, ctx, meta, fetch=fetch_url)
    elif kind == "jsonl":
        yield from read_jsonl(label, data, meta, limit)
    else:
        yield from read_text(label, data, meta)
