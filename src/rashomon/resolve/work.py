"""One mention being resolved (``_Work``), shared by the clustering (``cluster``) and speaker linking (``speakers``).

Kept apart from ``cluster`` so ``speakers``, which ``cluster`` calls, need not import it back: that
was an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from rashomon.resolve.names import PersonName, parse_person


@dataclass
class _Work:
    """One mention being resolved: its original span, cleaned surface and decisions so far."""

    article: str
    start: int
    end: int
    label: str
    text: str
    cstart: int
    cend: int
    order: tuple[str, str, int] = ("", "", 0)  # (published, article, start): recency for ties
    cls: str = ""
    person: PersonName | None = None
    link: "_Work | None" = None
    family: bool = False  # "the Safarov brothers": a surname naming several people, never linked
    key: str = ""
    surface: str = ""
    extra: tuple[str, ...] = ()  # the name as written with its title ("Justice Anne Roe"): more aliases
    company: bool = False  # "Roe Holdings, L.L.C.": a company suffix follows, so a body whatever the tag
    short: tuple[str, ...] = ()  # shorter forms of a full name a reader may use ("Roe", "Dutch Roe"): more aliases


def _title_stripped(w: _Work) -> str:
    if w.surface:
        return w.surface
    if w.cls == "PERSON":
        p = parse_person(w.text)
        return p.display if p else w.text
    return w.text
