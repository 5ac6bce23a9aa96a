"""Analysis commands: analyze, quotes, entities, stories, show."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

import click

from rashomon.cli.common import db_option, dump_json, finish, json_option, options_for, reading, run_pipeline, table
from rashomon.model import Attribution, Story
from rashomon.pipeline import IngestReport, analyze_stored, regroup_stories
from rashomon.shown_parts import shown_in_parts
from rashomon.shown_speaker import UNNAMED_HEADING, is_named


def _human(report: IngestReport) -> str:
    return (f"{report.analyzed} articles analysed, {report.entities} entities, {report.stories_changed} stories changed, "
            f"{report.stories_compared} compared; {len(report.failures)} failed")


@click.command("analyze")
@db_option
@click.option("--regroup", is_flag=True, help="Also group every article into stories from scratch.")
@json_option
def analyze_command(db: str | None, regroup: bool, as_json: bool) -> None:
    """Re-run attribution, entities and time over the stored articles, then stories and comparisons.

    Example: rashomon analyze --db news.db
    """
    with reading(db):
        pass  # only to fail clearly on a missing database
    report = run_pipeline(analyze_stored, options_for(db), regroup)
    finish(report, as_json, _human(report))


@click.command("quotes")
@db_option
@click.option("--speaker", help="Speaker name, as written or any spelling of the resolved person.")
@click.option("--story", help="Story id, a unique prefix of it, or words of its title.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@json_option
def quotes_command(db: str | None, speaker: str | None, story: str | None, limit: int | None, as_json: bool) -> None:
    """Who said what: attributed statements with speaker, cue and content.

    Example: rashomon quotes --speaker "Mayor Dravec"
    """
    with reading(db) as store:
        story_id = None
        if story:
            story_id = find_story(store, story).id
        statements = store.attributions(speaker=speaker, story=story_id, limit=limit)
        ents = {e.id: e.canonical for e in store.entities()}
        arts = {a.id: a for a in store.articles(ids=sorted({t.article for t in statements}))}
    bodies = {a.id: a.body for a in arts.values()}
    shown = shown_in_parts(statements, arts, ents)  # a dek statement's offsets index the dek (part="dek")
    named = [is_named(w, ents.get(t.speaker_entity or ""), bodies.get(t.article, "")) for t, w in zip(statements, shown)]
    if as_json:
        dump_json([
            {**asdict(t), "speaker_entity_name": ents.get(t.speaker_entity or ""), "speaker_shown": who,
             "speaker_named": is_n, "source": arts[t.article].source, "outlet": arts[t.article].outlet}
            for t, who, is_n in zip(statements, shown, named)
        ])
        return
    if not statements:
        click.echo("no statements")
        return

    def line(t: Attribution, who: str) -> str:
        art = arts[t.article]
        marks = f" [{', '.join(t.markers)}]" if t.markers else ""
        where = ", standfirst" if t.part == "dek" else ""
        return f"{who} ({t.kind}, {t.cue}{where}){marks}: “{' '.join(t.said().split())}”  — {art.outlet or ''} {art.source}"

    for t, who, is_n in zip(statements, shown, named):
        if is_n:
            click.echo(line(t, who))
    unnamed = [(t, who) for t, who, is_n in zip(statements, shown, named) if not is_n]
    if unnamed:  # apart, under their own heading: never read as the last named speaker's
        click.echo(f"{UNNAMED_HEADING} ({len(unnamed)}):")
        for t, who in unnamed:
            click.echo("  " + line(t, who))


@click.command("entities")
@db_option
@click.option("--label", help="Only this label (PERSON, ORG, GPE, NORP, ...).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@json_option
def entities_command(db: str | None, label: str | None, limit: int | None, as_json: bool) -> None:
    """People, organisations and places with every spelling the outlets used.

    Example: rashomon entities --label PERSON
    """
    with reading(db) as store:
        ents = store.entities(limit=limit, label=label)
    if as_json:
        dump_json([asdict(e) for e in ents])
        return
    click.echo(table([(e.id, e.label, e.canonical, ", ".join(a for a in e.aliases if a != e.canonical)) for e in ents],
                     ("id", "label", "canonical", "also written")))


@click.command("stories")
@db_option
@click.option("--regroup", is_flag=True, help="Group every article into stories from scratch first.")
@click.option("--with-teasers", is_flag=True, help="Also list stories known only from teasers (\"Related Articles\" links).")
@json_option
def stories_command(db: str | None, regroup: bool, with_teasers: bool, as_json: bool) -> None:
    """Stories across outlets: dates, articles, outlets, contested questions.

    Example: rashomon stories --regroup
    """
    failed = False
    if regroup:
        with reading(db):
            pass
        failed = bool(run_pipeline(regroup_stories, options_for(db)).failures)
    with reading(db) as store:
        stories = store.stories(teasers=with_teasers)
        contested = store.contested_counts()
        rows = []
        for s in stories:
            outlets = sorted({a.outlet for a in store.articles(story=s.id) if a.outlet})
            rows.append((s, outlets))
    if as_json:
        dump_json([{**asdict(s), "outlets": o, "contested": contested.get(s.id, 0)} for s, o in rows])
    else:
        click.echo(table(
            [(s.id, f"{s.first or '?'}..{s.last or '?'}", len(s.articles), len(o), contested.get(s.id, 0), s.title)
             for s, o in rows],
            ("id", "dates", "articles", "outlets", "contested", "title"),
        ))
    if failed:
        raise SystemExit(1)


@click.command("show")
@click.argument("story")
@db_option
def show_command(story: str, db: str | None) -> None:
    """A story at a glance: timeline, who said what, contested questions, framing.

    STORY is an id, a unique prefix of one, or words of the story's title.

    Example: rashomon show brenna
    """
    from rashomon.cli.story_view import render_story

    with reading(db) as store:
        click.echo(render_story(store, find_story(store, story)))


def find_story(store: Any, key: str) -> Story:
    """The story a user's id, id prefix or title words name, or a one-line error: none, or which
    ones it could be. Ids depend on where the pages were read from, so a README example names its
    story by title words ("rashomon show brenna"), which read the same on every machine."""
    ids = store.story_ids_like(key) or _titled(store, key)
    found = store.story(ids[0]) if len(ids) == 1 else None
    if found is not None:
        return found
    if ids:
        more = ", …" if len(ids) >= 6 else ""
        raise click.ClickException(f"{key}: ambiguous story id, it could be {', '.join(ids[:5])}{more} (type more of it)")
    raise click.ClickException(f"{key}: no such story (see `rashomon stories`)")


_TITLE_WORD = re.compile(r"\w+")


def _titled(store: Any, key: str, most: int = 6, page: int = 1000) -> list[str]:
    """Ids of the stories whose title holds every word of ``key`` (case folded), at most ``most``."""
    wanted = {w.casefold() for w in _TITLE_WORD.findall(key)}
    found: list[str] = []
    offset = 0
    while wanted and len(found) < most:
        batch = store.stories(limit=page, offset=offset, teasers=False)
        found += [s.id for s in batch if wanted <= {w.casefold() for w in _TITLE_WORD.findall(s.title or "")}]
        if len(batch) < page:
            break
        offset += page
    return found[:most]


COMMANDS = [analyze_command, quotes_command, entities_command, stories_command, show_command]
