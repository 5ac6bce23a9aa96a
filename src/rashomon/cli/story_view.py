"""`rashomon show STORY`: one story laid out for a terminal, from the store's records only."""

from __future__ import annotations

from collections import defaultdict

from rashomon.analyze.timex_events import dated_events, undated_note
from rashomon.brief import brief_lines, read_brief
from rashomon.cli.common import table
from rashomon.compare.contest_model import how_sure
from rashomon.model import Article, ArticleAnalysis, Story
from rashomon.shown_parts import shown_in_parts, with_dek
from rashomon.shown_speaker import UNNAMED_HEADING, is_named
from rashomon.store import Store
from rashomon.text.clip import clip

_TIMELINE_MAX = 25
_QUOTES_PER_SPEAKER = 4


def render_story(store: Store, story: Story) -> str:
    """Title, outlets, the cited brief, timeline, who said what, contested questions with both sides, framing."""
    articles = store.articles(story=story.id)
    by_id = {a.id: a for a in articles}
    analyses = {x.article: x for x in store.analyses(list(by_id))}
    names = {e.id: e for e in store.story_entities(story.id)}
    report = store.story_report(story.id)
    outlets: dict[str, int] = defaultdict(int)
    for a in articles:
        outlets[a.outlet or "(unknown outlet)"] += 1
    out = [story.title or "(untitled story)", "=" * min(len(story.title or "x"), 100)]
    dates = f"{story.first or '?'} – {story.last or '?'}" if story.first or story.last else "dates unknown"
    out.append(f"id {story.id}  ·  {dates}  ·  {len(articles)} articles")
    out.append("Outlets: " + ", ".join(f"{o} ({n})" for o, n in sorted(outlets.items(), key=lambda p: (-p[1], p[0]))))
    out += ["", "Brief (each sentence cut from the numbered sources below it)", *brief_lines(read_brief(store, story.id, articles), articles)]
    threads = store.threads(story.id)
    if len(threads) > 1:
        out += ["", f"Threads ({len(threads)})"]
        out += [f"  {t.first or '?'} – {t.last or '?'}  {clip(t.title, 90)}  ({len(t.articles)} articles)" for t in threads]
    by_source = {a.source: a for a in articles}
    copied = [(a, by_source.get(a.upstream or "")) for a in articles if a.upstream]
    if copied:
        out += ["", "Who copied whom (copies count as their original in corroboration)"]
        out += [f"  {a.outlet or a.source} is a {a.copy_kind or 'duplicate'} of "
                f"{(o.outlet or o.source) if o else a.upstream}" for a, o in copied]
    versions = store.versions_of(list(by_id))  # pages changed since first read (the first text is analysed)
    if versions:
        out += ["", "Changed since first read (the first text is the one analysed)"]
        out += [f"  {a.outlet or a.source}: {clip(a.title, 70)}  ({len(versions[a.id]) + 1} versions; changed "
                f"{versions[a.id][-1].changed})" for a in articles if a.id in versions]
    note = undated_note(sum(1 for a in articles if not a.published), len(articles))
    out += ["", "Timeline", *(_timeline(articles, analyses) or ["  (no dated events found)"]), *([f"  ({note})"] if note else [])]
    out += ["", "Who said what", *(_quotes(by_id, analyses, names) or ["  (no attributed statements)"])]
    contested = [q for q in (report.questions if report else []) if q.contested]
    out += ["", f"Contested questions ({len(contested)})"]
    claims = {c.id: c for c in report.claims} if report else {}
    for q in contested:
        out.append(f"  ? {q.summary}   [{how_sure(q.score)}" + (f"; {q.reason}]" if q.reason else "]"))
        for side in q.sides:
            who = ", ".join(side.speakers[:6]) + (f" and {len(side.speakers) - 6} more" if len(side.speakers) > 6 else "") or "unattributed"
            out.append(f"    • {side.position}  — {who}")
            for cid in side.claims[:3]:
                c = claims.get(cid)
                if c is None:
                    continue
                art = by_id.get(c.article)
                where = (art.outlet or art.source) if art else c.article
                out.append(f"        “{clip(c.text, 160)}” ({where})")
    if not contested:
        out.append("  (none found)" if report else "  (not compared yet: run `rashomon analyze`)")
    out += ["", "Framing"]
    if report and report.framing:
        rows = [
            (f.outlet, f.statements, f"{f.hedged_share:.0%}", f"{f.tone:+.2f}",
             _voices(f.voices),
             "; ".join(f"{k}: {'/'.join(v)}" for k, v in sorted(f.word_choices.items()) if len(set(v)) > 1 or k not in v))
            for f in report.framing
        ]
        out.append(table(rows, ("outlet", "statements", "hedged", "tone", "officials quoted (others)", "words for")))
    else:
        out.append("  (no framing figures)")
    return "\n".join(out)


def _voices(voices: dict[str, int]) -> str:
    """compare.framing's {"Ostria": 3, "unaligned": 22} as "Ostria 3 (others 22)": statements by each
    state's officials, then by everyone not seen speaking for a government."""
    states = ", ".join(f"{k} {v}" for k, v in sorted(voices.items()) if k != "unaligned") or "none"
    return states + (f" (others {voices['unaligned']})" if voices.get("unaligned") else "")


def _timeline(articles: list[Article], analyses: dict[str, ArticleAnalysis]) -> list[str]:
    """Dated events in date order; one line per sentence however many outlets carried it."""
    events: dict[tuple[str, str], list[str]] = {}
    for a in articles:
        outlet = a.outlet or a.source
        if a.published and a.kind == "article":
            events[(a.published[:10], f"{outlet} publishes “{clip(a.title, 90)}”")] = []
        x = analyses.get(a.id)
        for t, (s, e) in (dated_events(a.body, x) if x else []):  # each event at its own date
            sentence = clip(a.body[s:e], 140)
            where = events.setdefault((t.value, sentence), [])
            if outlet not in where:
                where.append(outlet)
    ordered = sorted(events.items(), key=lambda p: p[0])
    lines = [f"  {value:10}  {text}" + (f" ({', '.join(outlets)})" if outlets else "")
             for (value, text), outlets in ordered[:_TIMELINE_MAX]]
    if len(ordered) > _TIMELINE_MAX:
        lines.append(f"  … {len(ordered) - _TIMELINE_MAX} more")
    return lines


def _quotes(by_id: dict[str, Article], analyses: dict[str, ArticleAnalysis], names: dict) -> list[str]:
    """Statements grouped by speaker (entity when resolved); a statement carried by several
    outlets is one line naming them all. Statements with no named speaker come last, apart, under
    "Unnamed sources", each with what the text says of its source."""
    by_speaker: dict[str, dict[tuple[str, str, str], list[str]]] = defaultdict(dict)
    unnamed: dict[tuple[str, str, str, str], list[str]] = {}
    canonical = {k: e.canonical for k, e in names.items()}
    for aid, x in analyses.items():
        outlet = by_id[aid].outlet or by_id[aid].source
        body = by_id[aid].body
        atts = with_dek(x)  # the standfirst's statements too, each read against its own text
        for t, who in zip(atts, shown_in_parts(atts, {aid: by_id[aid]}, canonical)):
            key = (t.cue, " ".join(t.said().split()), ", ".join(t.markers))
            if is_named(who, canonical.get(t.speaker_entity or ""), body):
                where = by_speaker[who].setdefault(key, [])
            else:
                where = unnamed.setdefault((who, *key), [])
            if outlet not in where:
                where.append(outlet)
    out = []
    for who, said in sorted(by_speaker.items(), key=lambda p: (-len(p[1]), p[0])):
        ent = next((e for e in names.values() if e.canonical == who), None)
        aka = [a for a in (ent.aliases if ent else []) if a != who]
        n = len(said)
        out.append(f"  {who}" + (f"  (also: {', '.join(aka[:5])})" if aka else "") + f"  — {n} statement{'s' if n != 1 else ''}")
        for (cue, content, marks), outlets in list(said.items())[:_QUOTES_PER_SPEAKER]:
            out.append(f"      {cue}: “{clip(content, 150)}” ({', '.join(outlets)})" + (f" [{marks}]" if marks else ""))
        if n > _QUOTES_PER_SPEAKER:
            out.append(f"      … {n - _QUOTES_PER_SPEAKER} more")
    if unnamed:
        n = len(unnamed)
        out.append(f"  {UNNAMED_HEADING}  — {n} statement{'s' if n != 1 else ''}")
        for (who, cue, content, marks), outlets in list(unnamed.items())[:_QUOTES_PER_SPEAKER]:
            out.append(f"      {who}, {cue}: “{clip(content, 150)}” ({', '.join(outlets)})" + (f" [{marks}]" if marks else ""))
        if n > _QUOTES_PER_SPEAKER:
            out.append(f"      … {n - _QUOTES_PER_SPEAKER} more")
    return out
