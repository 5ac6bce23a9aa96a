"""Read a PolNeAR split folder (``text/`` + brat ``attributions/``) into plain gold records.

Brat standoff is simple enough that a reader is a few lines; the ``brat``/``bratiaa`` packages
were rejected because they pull in a server or only read a subset of discontinuous spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.errors import EvalDataError

Spans = tuple[tuple[int, int], ...]


@dataclass
class GoldAttribution:
    """One annotated attribution; each role may be discontinuous (several char ranges)."""

    source: Spans = ()
    cue: Spans = ()
    content: Spans = ()


@dataclass
class GoldDoc:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _parse_spans(s: str) -> Spans:
    out = []
    for part in s.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_ann(text: str) -> list[GoldAttribution]:
    """Attribution events of one .ann file; Content2 is folded into the content."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, rng = cols[1].partition(" ")
            try:
                spans[cols[0]] = (label, _parse_spans(rng))
            except ValueError:
                continue
        elif line.startswith("E") and len(cols) >= 2:
            roles: dict[str, str] = {}
            for arg in cols[1].split():
                role, _, ref = arg.partition(":")
                roles[role] = ref
            events.append(roles)
    out = []
    for roles in events:
        def get(role: str) -> Spans:
            ref = roles.get(role)
            return spans[ref][1] if ref in spans else ()

        content = get("Content") + get("Content2")
        if not content:
            continue
        out.append(GoldAttribution(source=get("Source"), cue=get("Cue"), content=tuple(sorted(content))))
    return out


def read_split(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    """One GoldDoc per text; an article annotated twice uses its first annotator's file."""
    tdir, adir = folder / "text", folder / "attributions"
    if not tdir.is_dir() or not adir.is_dir():
        raise EvalDataError(str(folder), "expected a PolNeAR split folder with text/ and attributions/")
    anns: dict[str, Path] = {}
    for p in sorted(adir.glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", p.stem)
        anns.setdefault(stem, p)
    docs = []
    for t in sorted(tdir.glob("*.txt")):
        if t.stem not in anns:
            continue
        docs.append(GoldDoc(t.stem, t.read_text(encoding="utf-8"), read_ann(anns[t.stem].read_text(encoding="utf-8"))))
        if limit and len(docs) >= limit:
            break
    if not docs:
        raise EvalDataError(str(folder), "no text file has an attribution file")
    return docs
