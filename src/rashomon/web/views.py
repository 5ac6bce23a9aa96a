"""View models for the web pages: highlighted text, timelines, statements by speaker.

Pure functions from store records to plain dicts the templates render; every piece of article
text stays a plain string here and is escaped by Jinja's autoescape, never marked safe.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rashomon.analyze.timex_events import dated_events
from rashomon.model import Article, ArticleAnalysis, Attribution, Entity, Timex
from rashomon.shown_parts import shown_in_parts
from rashomon.shown_speaker import UNNAMED_HEADING, is_named

_FULL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Segment:
    text: str
    classes: list[str] = field(default_factory=list)
    title: str | None = None


@dataclass
class Piece:
    """The segments of one sentence inside one paragraph; ``anchor`` ("s-<offset of the sentence>")
    is set on a sentence's first piece only, so evidence links can open the article at it."""

    anchor: str | None
    sentence: int | None = None  # offset of the sentence it belongs to
    segments: list[Segment] = field(default_factory=list)


def sentence_anchor(analysis: ArticleAnalysis | None, offset: int) -> str | None:
    """The anchor of the sentence holding character ``offset`` ("s-120"), None when none does."""
    for s, e in analysis.sentences if analysis is not None else []:
        if s <= offset < e:
            return f"s-{s}"
    return None


def evidence_href(article: str, analysis: ArticleAnalysis | None, offset: int) -> str:
    """The article page scrolled to the sentence at ``offset`` (its anchor highlighted by :target)."""
    anchor = sentence_anchor(analysis, offset)
    return f"/articles/{article}" + (f"#{anchor}" if anchor else "")


def highlight(body: str, analysis: ArticleAnalysis | None, entities: dict[str, Entity]) -> list[list[Piece]]:
    """Split the body into paragraphs of sentence pieces of segments, each segment carrying the
    classes of the spans over it."""
    spans: list[tuple[int, int, str, str]] = []
    sentences: list[tuple[int, int]] = sorted(analysis.sentences) if analysis is not None else []
    if analysis is not None:
        for m in analysis.mentions:
            name = entities[m.entity].canonical if m.entity in entities else m.text
            spans.append((m.start, m.end, f"ent ent-{m.label}", f"{m.label}: {name}"))
        for a in analysis.attributions:
            who = a.speaker_resolved or a.speaker
            for start, end in a.content_spans():  # the speaker between pieces stays unmarked
                spans.append((start, end, "stmt", f"{a.kind} statement by {who} ({a.status})"))
            spans.append((a.speaker_start, a.speaker_end, "speaker", f"speaker: {who}"))
            spans.append((a.cue_start, a.cue_end, "cue", f"cue: {a.cue}"))
        for t in analysis.timexes:
            spans.append((t.start, t.end, "timex", f"{t.type} {t.value}"))
    bounds = (p for s, e in sentences for p in (s, e))
    points = sorted({0, len(body), *(p for s, e, _, _ in spans for p in (s, e) if 0 <= p <= len(body)),
                     *(p for p in bounds if 0 <= p <= len(body))})
    paragraphs: list[list[Piece]] = [[]]
    anchored: set[int] = set()
    k = 0  # the first sentence that may still hold a point (points and sentences both ascend)
    for lo, hi in zip(points, points[1:]):
        while k < len(sentences) and sentences[k][1] <= lo:
            k += 1
        sentence = sentences[k][0] if k < len(sentences) and sentences[k][0] <= lo else None
        covering = [(c, t) for s, e, c, t in spans if s <= lo and hi <= e]
        classes = sorted({name for c, _ in covering for name in c.split()})
        title = "; ".join(dict.fromkeys(t for _, t in covering)) or None
        for i, part in enumerate(body[lo:hi].split("\n\n")):
            if i:
                paragraphs.append([])
            if not part:
                continue
            para = paragraphs[-1]
            if not para or para[-1].sentence != sentence:
                anchor = f"s-{sentence}" if sentence is not None and sentence not in anchored else None
                if sentence is not None:
                    anchored.add(sentence)
                para.append(Piece(anchor, sentence))
            para[-1].segments.append(Segment(part, classes, title))
    return [p for p in paragraphs if p]


def sentence_at(body: str, analysis: ArticleAnalysis | None, start: int, end: int) -> str:
    if analysis is not None:
        for s, e in analysis.sentences:
            if s <= start < e:
                return body[s:max(e, end)].strip()
    lo = body.rfind("\n", 0, start) + 1
    hi = body.find("\n", end)
    return body[lo : hi if hi >= 0 else len(body)].strip()


def _placeable(t: Timex) -> bool:
    return t.type == "DATE" and bool(_FULL_DATE.match(t.value))


def timeline(articles: list[Article], analyses: dict[str, ArticleAnalysis]) -> list[dict[str, Any]]:
    """Dated events and publications in date order: each sentence once, at its most precise date.

    Rewrites and syndicated copies (near-duplicates of an article in the list) add nothing new.
    """
    sources = {a.source for a in articles}
    items: list[dict[str, Any]] = []
    for a in articles:
        if a.published:
            items.append({"date": a.published, "kind": "published", "text": a.title, "article": a.id,
                          "outlet": a.outlet})
        an = analyses.get(a.id)
        if an is None or a.near_duplicate_of in sources or a.copy_of in sources:
            continue
        best: dict[str, Timex] = {}
        for t, _span in dated_events(a.body, an, _placeable):  # a sentence at its own event's date
            sentence = sentence_at(a.body, an, t.start, t.end)
            if sentence not in best or len(t.value) > len(best[sentence].value):
                best[sentence] = t
        for sentence, t in best.items():
            items.append({"date": t.value, "kind": "event", "text": sentence, "timex": t.text, "article": a.id,
                          "outlet": a.outlet, "href": evidence_href(a.id, an, t.start)})
    return sorted(items, key=lambda i: (i["date"], i["kind"] != "event"))


UNNAMED_KEY = "unnamed"
OWN_VOICE_KEY = "outlet"  # a sentence an outlet asserts in its own voice


def statements_by_speaker(
    attributions: list[Attribution], entities: dict[str, Entity], articles: dict[str, Article],
    analyses: dict[str, ArticleAnalysis] | None = None,
) -> list[dict[str, Any]]:
    """Who said what: statements grouped by the speaker's entity or name; statements with no named
    speaker go together, last, under "Unnamed sources", each shown with what the text says of its
    source ("an unnamed official"), never under a named speaker's heading. Each group has a
    ``key`` (what the speaker filter matches) and each statement an ``href`` to its sentence."""
    names = {e.id: e.canonical for e in entities.values()}
    shown = shown_in_parts(attributions, articles, names)  # a dek statement (part="dek") is read against the dek
    groups: dict[str, dict[str, Any]] = {}
    unnamed: dict[str, Any] = {"speaker": UNNAMED_HEADING, "entity": None, "aliases": [], "unnamed": True,
                               "key": UNNAMED_KEY, "statements": []}
    for a, who in zip(attributions, shown):
        ent = entities.get(a.speaker_entity or "")
        art = articles.get(a.article)
        if is_named(who, ent.canonical if ent else None, art.body if art else ""):
            key = ent.id if ent else "name:" + who.lower()
            g = groups.setdefault(key, {
                "speaker": ent.canonical if ent else who,
                "entity": ent.id if ent else None,
                "aliases": [x for x in ent.aliases if x != ent.canonical] if ent else [],
                "unnamed": False,
                "key": key,
                "statements": [],
            })
        else:
            g = unnamed
        g["statements"].append({"content": a.said(), "cue": a.cue, "kind": a.kind, "status": a.status,
                                "markers": a.markers, "article": a.article, "speaker": who,
                                "outlet": art.outlet if art else None, "as_written": a.speaker,
                                "start": a.content_start, "part": a.part,
                                "href": f"/articles/{a.article}#dek" if a.part == "dek"
                                else evidence_href(a.article, (analyses or {}).get(a.article), a.content_start)})
    named = sorted(groups.values(), key=lambda g: -len(g["statements"]))
    return named + ([unnamed] if unnamed["statements"] else [])


def speaker_keys(groups: list[dict[str, Any]]) -> dict[tuple[str, int], str]:
    """(article, statement offset) -> the speaker filter key of its group, for claims and evidence."""
    return {(s["article"], s["start"]): g["key"] for g in groups for s in g["statements"] if s.get("part") != "dek"}


UNALIGNED = "unaligned"  # compare.framing's side for a statement by no state's official


def voices_in_words(voices: dict[str, int]) -> list[str]:
    """Framing's "voices" ({"Ostria": 3, "unaligned": 22}) as a journalist would say them."""
    out = [f"{n} by officials speaking for {side}" for side, n in sorted(voices.items(), key=lambda p: (-p[1], p[0]))
           if side != UNALIGNED]
    if voices.get(UNALIGNED):
        n = voices[UNALIGNED]
        out.append(f"{n} by {'other ' if out else ''}sources not seen speaking for a government")
    return out


def copy_rows(articles: list[Article]) -> list[dict[str, Any]]:
    """Who copied whom inside a story: each copy with its kind, its original and the evidence shown."""
    by_source = {a.source: a for a in articles}
    rows = []
    for a in articles:
        up = a.upstream
        if not up:
            continue
        ev = a.copy_evidence or {}
        why = []
        if ev.get("quotes"):
            why.append(f"{ev['quotes_in_order']} of {ev['quotes']} quotes in the same order")
        if ev.get("verbatim"):
            why.append(f"{round(100 * ev['verbatim'])}% of sentences word for word")
        if ev.get("aligned") and a.copy_kind == "rewrite":
            why.append(f"{round(100 * ev['aligned'])}% of sentences reworded in order")
        if ev.get("shared_names") or ev.get("shared_numbers"):
            why.append(f"{ev.get('shared_names', 0)} names and {ev.get('shared_numbers', 0)} numbers shared")
        rows.append({"copied": a, "original": by_source.get(up), "original_source": up,
                     "kind": a.copy_kind or "duplicate", "why": "; ".join(why)})
    return rows


def dated_timexes(timexes: list[Timex]) -> list[Timex]:
    return [t for t in timexes if t.type == "DATE"]


def by_id(items: list[Any]) -> dict[str, Any]:
    return {i.id: i for i in items}


def group_claims(claims: list[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for c in claims:
        out[c.article].append(c)
    return out


def version_rows(article: Article, versions: list[Any]) -> list[dict[str, Any]]:
    """Each later text of a changed page, against the text before it: when it was seen, its title,
    and the paragraphs removed and added (difflib over paragraphs; a word diff of a long article
    would be unreadable)."""
    rows = []
    before = article.body
    for k, v in enumerate(versions, start=2):
        old, new = before.split("\n\n"), v.body.split("\n\n")
        removed, added = [], []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if op in ("replace", "delete"):
                removed += [p for p in old[i1:i2] if p.strip()]
            if op in ("replace", "insert"):
                added += [p for p in new[j1:j2] if p.strip()]
        rows.append({"n": k, "seen": (v.captured or v.stored_at or "")[:10], "title": v.title,
                     "retitled": v.title != (article.title if k == 2 else versions[k - 3].title),
                     "removed": removed, "added": added, "body": v.body})
        before = v.body
    return rows
