"""The home page's sections (most covered, most contested, recently changed, by region, by subject) for the
page (``templates/_home_sections.html``) and for ``GET /api/home``: ``rashomon.browse.home`` as plain data."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import Request

from rashomon.browse import Home, Section, home
from rashomon.store import Store


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


def home_sections(request: Request) -> Home:
    """The home page's sections, read once per request (a Jinja global: the stories route needs no change)."""
    cached = getattr(request.state, "home_sections", None)
    if cached is None:
        with Store.open(request.app.state.db, readonly=True) as store:
            cached = home(store)
        request.state.home_sections = cached
    return cached
