"""Corpus commands: ingest, demo, articles, search, export."""

from __future__ import annotations

import os
import sys
from dataclasses import asdict

import click

from rashomon.cli.common import (
    Fatal, db_option, dump_json, echo_change, finish, json_option, options_for, reading, run_pipeline, table,
)
from rashomon.errors import RashomonError
from rashomon.pipeline import IngestReport, ingest
from rashomon.store import Store


def _human(report: IngestReport, db: str) -> str:
    line = (
        f"{report.pages} pages read ({report.pages_skipped} already stored): "
        f"{report.articles_added} articles added, {report.articles_skipped} already stored"
    )
    if report.pages_changed:
        line += f", {report.pages_changed} changed since (kept as versions)"
    if report.analyzed:
        line += f"; {report.analyzed} analysed, {report.entities} entities, {report.stories_changed} stories changed"
    return line + f"; {len(report.failures)} failed -> {db}"


@click.command("ingest")
@click.argument("targets", metavar="PATH_OR_URL...", nargs=-1, required=True)
@db_option
@click.option("--outlet", help="Outlet of the main article of each page given (not of teasers).")
@click.option("--published", help="Publication date (YYYY-MM-DD) of the main article of each page given.")
@click.option("--captured", help="Capture date of the pages (teasers' ages count from it).")
@click.option("--no-analyze", "no_analyze", is_flag=True, help="Store articles only; run `rashomon analyze` later.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Pages per store transaction and articles per analysis batch (default 32).")
@click.option("--allow-private-fetch", is_flag=True,
              help="Fetch URLs on loopback, private and link-local addresses too (refused by default).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Run here, or read, extract and analyse on a Ray cluster (needs rashomon[ray]).")
@click.option("--address", default=None, help="With --engine ray: the cluster to join (HOST:6379); default a local Ray.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="With --engine ray: workers at once (default: one per CPU of the cluster).")
@click.option("--parquet", "parquet", type=click.Path(file_okay=False), default=None,
              help="Also write the result as a Parquet dataset in this folder (articles.parquet, stories.parquet).")
@json_option
def ingest_command(targets: tuple[str, ...], db: str | None, outlet: str | None, published: str | None,
                   captured: str | None, no_analyze: bool, batch_size: int | None, allow_private_fetch: bool,
                   engine: str, address: str | None, workers: int | None, parquet: str | None,
                   as_json: bool) -> None:
    """Read pages, feeds, WARCs, JSONL dumps, text captures or URLs into the database.

    Example: rashomon ingest pages/ crawl.warc.gz --db news.db
    """
    options = options_for(db, analyze=False if no_analyze else None, batch_size=batch_size,
                          allow_private_fetch=allow_private_fetch or None)
    runner, extra = ingest, {}
    if engine == "ray":
        from rashomon.run.ray_engine import ingest_ray

        runner, extra = ingest_ray, {"address": address, "workers": workers}
    report = run_pipeline(runner, list(targets), options, outlet=outlet, published=published, captured=captured,
                          on_change=echo_change, **extra)
    if parquet:
        from rashomon.run.outputs import write_parquet_dataset

        try:
            write_parquet_dataset(options.db, parquet)
        except OSError as e:
            raise Fatal(f"{e.filename or parquet}: {e.strerror or e}") from e
    finish(report, as_json, _human(report, options.db))


@click.command("demo")
@db_option
@json_option
def demo_command(db: str | None, as_json: bool) -> None:
    """Ingest the bundled demo corpus and summarise it.

    Example: rashomon demo --db demo.db
    """
    try:
        from rashomon.demo import DEMO_DIR
    except ImportError as e:
        raise click.ClickException(f"the demo corpus is not installed: {e}") from e
    options = options_for(db)
    report = run_pipeline(ingest, [str(DEMO_DIR)], options)
    with Store.open(options.db) as store:
        counts = store.counts()
        outlets = store.outlets()
        stories = store.stories()
    if as_json:
        finish(report, True, "")
        return
    names = ", ".join(name for name, _ in outlets)
    lines = [
        f"Demo corpus ingested into {options.db}",
        f"  articles   {counts['articles']} ({counts['teasers']} teasers, {counts['near_duplicates']} near-duplicates)",
        f"  outlets    {counts['outlets']}: {names}",
        f"  stories    {counts['stories']}",
        f"  contested  {counts['contested']} questions",
        f"  entities   {counts['entities']}",
        f"  statements {counts['attributions']}",
    ]
    if stories:
        lines.append(f"Next: rashomon stories --db {options.db}   or   rashomon show {stories[0].id[:12]} --db {options.db}")
    finish(report, False, "\n".join(lines))


@click.command("articles")
@db_option
@click.option("--outlet", help="Only this outlet's articles.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@json_option
def articles_command(db: str | None, outlet: str | None, limit: int | None, offset: int, as_json: bool) -> None:
    """List stored articles (id, date, outlet, kind, title).

    Example: rashomon articles --json
    """
    from rashomon.export import version_record

    with reading(db) as store:
        arts = store.articles(limit=limit, offset=offset, outlet=outlet)
        versions = store.versions_of([a.id for a in arts])
    if as_json:
        dump_json([{**a.to_dict(), "versions": [version_record(v) for v in versions.get(a.id, [])]} for a in arts])
        return
    rows = [(a.id, a.published or "", a.outlet or "", a.kind + (" (copy)" if a.near_duplicate_of else "")
             + versions_note(versions.get(a.id, [])), a.title) for a in arts]
    click.echo(table(rows, ("id", "published", "outlet", "kind", "title")))


def versions_note(later: list) -> str:
    """' (3 versions; changed 2031-05-02)' for an article whose page changed since it was first read."""
    if not later:
        return ""
    return f" ({len(later) + 1} versions; changed {later[-1].changed})"


@click.command("search")
@click.argument("query")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, help="At most this many hits.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@json_option
def search_command(query: str, db: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Full-text search over titles and bodies (words, "phrases", OR, NOT, prefix*); a name is also
    searched in the other spellings stored for the same person, and each hit names its story.

    Example: rashomon search "dam inspection"
    """
    with reading(db) as store:
        hits = store.search(query, limit, offset)
        variants = store.search_variants(query)
    if variants and not as_json:
        click.echo("also searched as: " + ", ".join(variants))
    if as_json:
        dump_json([asdict(h) for h in hits])
        return
    if not hits:
        click.echo("no matches")
        return
    for h in hits:
        click.echo(f"{h.article}  {h.published or '':10}  {h.outlet or ''}  {h.title}")
        click.echo("    " + " ".join(h.snippet.split()))
        click.echo(f"    story: {h.story}  {h.story_title or ''}" if h.story else "    story: (none yet)")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True,
              help="Output format.")
@click.option("--stories", is_flag=True, help="One record per story instead of per article.")
@click.option("--notes", is_flag=True, help="One record per analyst note instead of per article.")
@db_option
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Output file (default: standard output; required for parquet).")
def export_command(fmt: str, stories: bool, notes: bool, db: str | None, output: str | None) -> None:
    """Export articles (or stories) following the export contract in docs.

    Example: rashomon export --format jsonl --stories -o stories.jsonl
    """
    from rashomon.export import export

    if fmt == "parquet" and not output:
        raise click.ClickException("parquet is binary: give --output FILE")
    if output and not os.path.isdir(os.path.dirname(os.path.abspath(output))):
        raise Fatal(f"{output}: cannot write here: {os.path.dirname(os.path.abspath(output))} is not a directory")
    with reading(db) as store:
        try:
            if notes:
                from rashomon.export.notes import export_notes

                n = export_notes(store, fmt, output or sys.stdout)
            else:
                n = export(store, fmt, output or sys.stdout, stories=stories)
        except RashomonError as e:
            raise Fatal(str(e)) from e
        except OSError as e:
            raise Fatal(f"{output or 'standard output'}: cannot write: {e.strerror or e}") from e
    if output:
        click.echo(f"{n} {'notes' if notes else 'stories' if stories else 'articles'} written to {output}", err=True)


COMMANDS = [ingest_command, demo_command, articles_command, search_command, export_command]
