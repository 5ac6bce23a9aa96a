"""`rashomon tags`: every tag with its counts, or one tag's stories and articles (over ``rashomon.browse``)."""

from __future__ import annotations

from dataclasses import asdict

import click

from rashomon import browse
from rashomon.cli.common import Fatal, db_option, dump_json, json_option, reading, table
from rashomon.stories.tags import KINDS


@click.command("tags")
@click.argument("slug", required=False)
@db_option
@click.option("--kind", type=click.Choice(KINDS), help="List only tags of this kind.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True,
              help="With SLUG: at most this many stories and this many articles.")
@json_option
def tags_command(slug: str | None = None, db: str | None = None, kind: str | None = None, limit: int = 50,
                 as_json: bool = False) -> None:
    """List the tags (subjects, places, organisations, people) with how many stories and articles carry
    each; with SLUG, that tag's stories and articles, newest first.

    Example: rashomon tags topic-disaster --db demo.db
    """
    with reading(db) as store:
        if slug is None:
            index = [c for c in browse.tag_index(store) if kind is None or c.tag.kind == kind]
            if as_json:
                dump_json([{**asdict(c.tag), "stories": c.stories, "articles": c.articles} for c in index])
                return
            if not index:
                click.echo("No tags yet: ingest some pages first (subjects need the MiniLM model, see docs/commands.md).")
                return
            click.echo(table([(c.tag.slug, c.tag.kind, c.stories, c.articles, c.tag.name) for c in index],
                             ("tag", "kind", "stories", "articles", "name")))
            return
        found = browse.tag_page(store, slug.strip().lower(), limit, 0)
        if found is None:
            raise Fatal(f"no tag {slug!r}; `rashomon tags` lists them")
        figures = {f.story: f for f in found["stories"]}
        stories = [figures[s] for s in found["story_order"] if s in figures]
        arts = {a.id: a for a in found["articles"]}
        articles = [arts[a] for a in found["article_order"] if a in arts]
        if as_json:
            dump_json({**asdict(found["tag"]), "total_stories": found["total_stories"],
                       "total_articles": found["total_articles"], "stories": [asdict(f) for f in stories],
                       "articles": [{"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published}
                                    for a in articles]})
            return
        tag = found["tag"]
        click.echo(f"{tag.name} ({tag.kind}, {tag.slug}): {found['total_stories']} stories, "
                   f"{found['total_articles']} articles")
        click.echo("")
        click.echo(table([(f.story, f"{f.first or '?'}..{f.last or '?'}", f.articles, f.title) for f in stories],
                         ("story", "dates", "articles", "title")))
        click.echo("")
        click.echo(table([(a.id, a.published or "?", a.outlet or "", a.title) for a in articles],
                         ("article", "published", "outlet", "title")))


COMMANDS = [tags_command]
