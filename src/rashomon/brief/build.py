"""Build a story's brief extractively from its stored records, so every sentence can be checked.

No sentence is generated: each is a sentence (or a clause cut from one) of an article, or a
claim's quoted words, put into a fixed template ("10 March 2026: …", "according to X, “…”",
"X is quoted in N statements, among them “…”"). The template adds only a date written from the
cited time expression's value, the names of speakers, holders and outlets, counts, and the
template's own few words (``TEMPLATE_WORDS``). A summariser (sumy, a hub model) was rejected:
it would write or pick sentences whose support nobody could point to.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from collections.abc import Iterable, Mapping

from rashomon.analyze.timex_events import dated_events
from rashomon.brief.model import Brief, BriefSentence, Citation
from rashomon.model import Article, ArticleAnalysis, Attribution, Claim, StoryReport
from rashomon.shown_speaker import is_named, shown_speakers

MAX_EVENTS = 6
MAX_QUESTIONS = 5
MAX_SPEAKERS = 3
EVENT_CHARS = 260  # a longer event sentence is cut at a clause boundary after its date
QUOTE_CHARS = 200
TEMPLATE_WORDS = frozenset("according to is quoted in statement statements among them".split())
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s[\u2013\u2014-]\s")
_SPACE = re.compile(r"\s+")


def story_brief(story: str, articles: list[Article], analyses: Iterable[ArticleAnalysis],
                report: StoryReport | None, entity_names: Mapping[str, str]) -> Brief:
    """The brief of one story from its articles, their analyses, its compare report and the
    canonical names of its entities (entity id -> name)."""
    by_id = {a.id: a for a in articles}
    analysed = {x.article: x for x in analyses if x.article in by_id}
    originals = _originals(articles)
    copies = [a for a in articles if a.kind == "article" and a not in originals]
    shown = _shown(analysed, by_id, entity_names)  # read per article, so one pass serves both sections
    sentences = _happened(originals, analysed, copies)
    sentences += _sides(report, by_id, analysed, entity_names, shown)
    sentences += _quoted(originals, analysed, entity_names, shown)
    return Brief(story=story, sentences=sentences)


def date_words(value: str) -> str:
    """An ISO date value as a reader writes it: "2026-03-10" -> "10 March 2026", "2025-10" -> "October 2025"."""
    m = _DATE.match(value or "")
    if not m:
        return value
    year, month, day = m.groups()
    if not month or not 1 <= int(month) <= 12:
        return year
    return (f"{int(day)} " if day else "") + f"{MONTHS[int(month) - 1]} {year}"


def _originals(articles: list[Article]) -> list[Article]:
    """The story's articles less the copies of another of its articles (a wire copy adds nothing new)."""
    sources = {a.source for a in articles}
    return [a for a in articles if a.kind == "article" and a.upstream not in sources]


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _paragraph(body: str, start: int, end: int, inside: int) -> tuple[int, int]:
    """The part of [start, end) in the paragraph holding offset ``inside`` (a heading run into a
    sentence is cut off), whitespace trimmed."""
    lo = body.rfind("\n\n", start, inside)
    lo = lo + 2 if lo >= 0 else start
    hi = body.find("\n\n", inside, end)
    hi = hi if hi >= 0 else end
    while lo < hi and body[lo].isspace():
        lo += 1
    while hi > lo and body[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _cut(body: str, start: int, end: int, after: int, limit: int) -> tuple[int, int, bool]:
    """[start, end) cut at the last clause boundary before ``start + limit`` that falls after offset
    ``after`` (so the cut keeps what it must); unchanged when short or when no boundary fits."""
    if end - start <= limit:
        return start, end, False
    best = None
    for m in _CLAUSE_BREAK.finditer(body, after, start + limit):
        best = m.start()
    if best is None or best <= after:
        return start, end, False
    return start, best, True


def _happened(articles: list[Article], analyses: dict[str, ArticleAnalysis], copies: list[Article]) -> list[BriefSentence]:
    """The dated events, one sentence per date, the busiest dates kept, shown in date order. A
    date's sentence is the one most outlets carry (a copy counts for its outlet, the original is
    cited), then the one reported nearest the event, then the one nearest its article's lead."""
    by_date: dict[str, dict[str, dict]] = defaultdict(dict)
    originals = {a.id for a in articles}
    for a in articles + copies:
        x = analyses.get(a.id)
        if x is None:
            continue
        for t, (s, e) in dated_events(a.body, x):
            lo, hi = _paragraph(a.body, s, e, t.start)
            if not lo <= t.start < t.end <= hi:
                continue
            lo, hi, cut = _cut(a.body, lo, hi, t.end, EVENT_CHARS)
            item = by_date[t.value].setdefault(_norm(a.body[lo:hi]), {"outlets": set(), "cite": None})
            item["outlets"].add(a.outlet or a.source)
            if a.id in originals and item["cite"] is None:
                item["cite"] = (a, lo, hi, cut)
    picked = []
    for value, items in by_date.items():
        cited = [i for i in items.values() if i["cite"] is not None]
        if not cited:
            continue
        best = min(cited, key=lambda i: (-len(i["outlets"]), _days(i["cite"][0].published, value), i["cite"][1]))
        picked.append((len(items), value, best["cite"]))
    picked = sorted(picked, key=lambda p: (-p[0], p[1]))[:MAX_EVENTS]
    out = []
    for _, value, (a, lo, hi, cut) in sorted(picked, key=lambda p: p[1]):
        text = _SPACE.sub(" ", a.body[lo:hi]).strip() + ("…" if cut else "")
        out.append(BriefSentence("happened", f"{date_words(value)}: {text}", [Citation(a.id, lo, hi)], date=value))
    return out


def _days(published: str | None, value: str) -> int:
    """Days between an article's date and an event's (its first day when only month or year is
    known); a large number when either is unknown."""
    try:
        y, m, d = (value.split("-") + ["01", "01"])[:3]
        return abs((date.fromisoformat((published or "")[:10]) - date(int(y), int(m), int(d))).days)
    except ValueError:
        return 1_000_000


def _clip(text: str, limit: int) -> str:
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _quote(claim_text: str) -> str:
    """A claim's words as quoted in the brief: a reported "that" clause loses its "that"."""
    text = _SPACE.sub(" ", claim_text).strip()
    text = re.sub(r"^that\s+", "", text, flags=re.I)
    return _clip(text, QUOTE_CHARS)


def _sides(report: StoryReport | None, articles: dict[str, Article], analyses: dict[str, ArticleAnalysis],
           names: Mapping[str, str], shown: dict[int, str]) -> list[BriefSentence]:
    """One sentence per contested question (most likely real first): each of its first two sides by
    one of its statements, quoted, with who holds it."""
    if report is None:
        return []
    claims = {c.id: c for c in report.claims}
    atts = {(t.article, t.content_start, t.content_end): t for x in analyses.values() for t in x.attributions}
    out = []
    questions = sorted((q for q in report.questions if q.contested), key=lambda q: -(q.score or 0.0))
    for q in questions[:MAX_QUESTIONS]:
        parts, cites, held_by, used = [], [], [], set()
        for side in q.sides[:2]:
            pick = _side_claim(side.claims, claims, articles, atts, shown, used, names)
            if pick is None:
                break
            claim, said, holder, span = pick
            used.add(_norm(claim.text))
            parts.append(f"according to {holder}, “{_quote(said)}”")
            cites.append(Citation(claim.article, *span))
            held_by.append(holder)
        if len(parts) == 2 and _norm(held_by[0]) != _norm(held_by[1]):  # one holder against itself is no two sides
            text = parts[0][0].upper() + parts[0][1:] + "; " + parts[1] + "."
            out.append(BriefSentence("sides", text, cites, names=held_by, question=q.id))
    return out


def _side_claim(ids: list[str], claims: dict[str, Claim], articles: dict[str, Article],
                atts: dict[tuple[str, int, int], Attribution], shown: dict[int, str],
                used: set[str], names: Mapping[str, str]) -> tuple[Claim, str, str, tuple[int, int]] | None:
    """The statement that stands for a side: its first with a named holder and four words or more,
    else its first; with its words as a reader sees them, the holder's name and its sentence's span."""
    found = []
    for cid in ids[:8]:
        c = claims.get(cid)
        art = articles.get(c.article) if c else None
        if c is None or art is None or _norm(c.text) in used or not c.text.strip():
            continue
        t = atts.get((c.article, c.start, c.end))
        if t is not None:
            holder = shown.get(id(t)) or ""
            named = is_named(holder, names.get(t.speaker_entity or ""), art.body)
            said = t.said()
            span = (t.sentence_start, t.sentence_end)
        else:
            holder = art.outlet or ""
            named, said = bool(holder), c.text
            span = (c.start, c.end)
        if not holder:
            continue
        lo, hi = _paragraph(art.body, min(span[0], c.start), max(span[1], c.end), c.start)
        found.append((not named, len(said.split()) < 4, len(found), (c, said, holder, (lo, hi))))
    return min(found)[-1] if found else None


def _shown(analyses: dict[str, ArticleAnalysis], articles: dict[str, Article], names: Mapping[str, str]) -> dict[int, str]:
    """Each attribution's shown speaker (a name, else what the text says), keyed by ``id()``."""
    atts = [t for x in analyses.values() for t in x.attributions]
    bodies = {k: a.body for k, a in articles.items()}
    return {id(t): who for t, who in zip(atts, shown_speakers(atts, bodies, names))}


def _quoted(articles: list[Article], analyses: dict[str, ArticleAnalysis], names: Mapping[str, str],
            shown: dict[int, str]) -> list[BriefSentence]:
    """The named speakers with the most distinct statements, each with one statement quoted and
    every counted statement cited."""
    by_id = {a.id: a for a in articles}
    keep = {k: x for k, x in analyses.items() if k in by_id}
    groups: dict[str, dict] = {}
    for x in keep.values():
        art = by_id[x.article]
        for t in sorted(x.attributions, key=lambda t: t.content_start):
            who = shown.get(id(t)) or ""
            entity = names.get(t.speaker_entity or "")
            if not who or not is_named(who, entity, art.body):
                continue
            g = groups.setdefault(t.speaker_entity or "name:" + who.casefold(),
                                  {"name": entity or who, "said": {}})
            g["said"].setdefault(_norm(t.said()), []).append(t)
    ranked = sorted(groups.values(), key=lambda g: (-len(g["said"]), g["name"]))[:MAX_SPEAKERS]
    out = []
    for g in ranked:
        said = list(g["said"].values())
        example = max(said, key=lambda ts: (len({by_id[t.article].outlet for t in ts}), len(ts[0].said().split()) >= 4))
        order = [example] + [ts for ts in said if ts is not example]
        cites = [Citation(ts[0].article, ts[0].content_start, ts[0].content_end) for ts in order]  # each statement's words
        n = len(said)
        text = (f"{g['name']} is quoted in {n} statements, among them “{_quote(example[0].said())}”." if n > 1
                else f"{g['name']} is quoted in 1 statement: “{_quote(example[0].said())}”.")
        out.append(BriefSentence("quoted", text, cites, names=[g["name"]], count=n))
    return out
