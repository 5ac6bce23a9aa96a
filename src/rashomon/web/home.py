"""The home page's sections (most covered, most contested, recently changed, by region, by subject) for the
page (``templates/_home_sections.html``) and for ``GET /api/home``: ``rashomon.browse.home`` as plain data.

The sections and the tag index read every story of the database (about a second, and five for the
index, at 10,000 articles), so each is kept per server process until the database file changes: any
committed write changes the size or time of the file or of its write-ahead log (``db_stamp``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, TypeVar

from fastapi import Request

from rashomon.browse import Home, Section, home
from rashomon.store import Store

T = TypeVar("T")
_CACHE: dict[tuple[str, str], tuple[tuple[Any, ...], Any]] = {}
_LOCK = threading.Lock()
MAX_KEPT = 256


def db_stamp(db: str) -> tuple[Any, ...]:
    """What changes when a write commits: size and modification time of the database and of its WAL."""
    out: list[Any] = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(db + suffix)
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


def cached(db: str, name: str, compute: Callable[[], T]) -> T:
    """``compute()``'s value, kept until the database changes (the stamp is read first, so a write made
    while computing makes the next call compute again)."""
    stamp = db_stamp(db)
    with _LOCK:
        hit = _CACHE.get((db, name))
    if hit is not None and hit[0] == stamp:
        return hit[1]
    value = compute()
    with _LOCK:
        _CACHE.pop((db, name), None)
        _CACHE[(db, name)] = (stamp, value)
        while len(_CACHE) > MAX_KEPT:  # the oldest first (tag pages: one entry per tag visited)
            del _CACHE[next(iter(_CACHE))]
    return value


def section_record(section: Section) -> dict[str, Any]:
    """One section as JSON: its key, heading, why its stories are there, its tag (regions, subjects) and stories."""
    return {"key": section.key, "heading": section.heading, "why": section.why,
            "tag": asdict(section.tag) if section.tag else None, "more": section.more,
            "stories": [asdict(f) for f in section.stories]}


def home_record(h: Home) -> dict[str, Any]:
    """The whole home page as JSON (``GET /api/home``)."""
    return {"covered": section_record(h.covered), "contested": section_record(h.contested),
            "changed": section_record(h.changed), "regions": [section_record(s) for s in h.regions],
            "topics": [section_record(s) for s in h.topics]}


def read_home(db: str) -> Home:
    """The home sections of a database, kept until it changes."""
    def compute() -> Home:
        with Store.open(db, readonly=True) as store:
            return home(store)
    return cached(db, "home", compute)


def home_sections(request: Request) -> Home:
    """The home page's sections (a Jinja global: the stories route needs no change)."""
    return read_home(request.app.state.db)
