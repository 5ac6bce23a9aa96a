"""Analyst commands: notes (list, add, delete) and pin, over ``rashomon.store.notes``."""

from __future__ import annotations

import getpass
import os

import click

from rashomon.cli.analysis import find_story
from rashomon.cli.common import Fatal, db_option, dump_json, json_option, reading, table
from rashomon.store.notes import NOTE_KINDS, BadNote, Note, NoTarget


def _author(author: str | None) -> str:
    """The note's author: --author, else $RASHOMON_AUTHOR, else the login name."""
    if author:
        return author
    if os.environ.get("RASHOMON_AUTHOR"):
        return os.environ["RASHOMON_AUTHOR"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        raise Fatal("no author: pass --author NAME or set $RASHOMON_AUTHOR") from None


def _target(n: Note) -> str:
    """What a note is on, in a few words: where it is attached now."""
    if n.kind == "story":
        return f"story {n.at_story or '(no current story)'}"
    if n.kind == "question":
        where = f"question {n.at_question}" if n.at_question else "a question no longer found"
        return f"{where} of {n.at_story or '(no current story)'}: {n.quote or ''}"
    if n.kind == "statement":
        return f"statement {n.article}:{n.start}-{n.end} “{(n.quote or '')[:60]}”"
    return f"article {n.article}"


@click.group("notes", invoke_without_command=True)
@click.pass_context
def notes_group(ctx: click.Context) -> None:
    """Analyst notes on stories, articles, statements and contested questions.

    Without a subcommand, lists every note (as `rashomon notes list`).

    Example: rashomon notes add --story brenna "Check the toll against the council's figure"
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_command)


@notes_group.command("list")
@db_option
@click.option("--story", help="Only notes attached to this story (id, id prefix or title words).")
@click.option("--article", help="Only notes on this article or its statements (id or source).")
@click.option("--kind", type=click.Choice(NOTE_KINDS), help="Only notes of this kind.")
@json_option
def list_command(db: str | None = None, story: str | None = None, article: str | None = None, kind: str | None = None,
                 as_json: bool = False) -> None:
    """List notes, oldest first, each with where it is attached now.

    Example: rashomon notes list --story brenna
    """
    with reading(db) as store:
        notes = store.notes(kind=kind)
        if story:
            sid = find_story(store, story).id
            notes = [n for n in notes if n.at_story == sid]
        if article:
            art = store.article(article)
            if art is None:
                raise Fatal(f"{article}: no such article (see `rashomon articles`)")
            notes = [n for n in notes if n.article == art.id]
    if as_json:
        dump_json([n.to_dict() for n in notes])
        return
    if not notes:
        click.echo("no notes")
        return
    click.echo(table([(n.id, n.created[:16].replace("T", " "), n.author, _target(n), n.text) for n in notes],
                     ("id", "written", "author", "on", "note")))


@notes_group.command("add")
@click.argument("text")
@db_option
@click.option("--story", help="A note on this story (id, id prefix or title words); with --question, on its question.")
@click.option("--question", help="A note on this contested question (its id, from `rashomon show` or the API); needs --story.")
@click.option("--article", help="A note on this article (id or source); with --start, on its statement.")
@click.option("--start", type=click.IntRange(min=0), help="A note on the statement of --article starting at this character.")
@click.option("--end", type=click.IntRange(min=0), help="The statement's end (default: the end of the statement at --start).")
@click.option("--author", help="Who writes it (default: $RASHOMON_AUTHOR, else your login name).")
@json_option
def add_command(text: str, db: str | None, story: str | None, question: str | None, article: str | None,
                start: int | None, end: int | None, author: str | None, as_json: bool) -> None:
    """Write a note. Give --story (and --question), or --article (and --start for a statement).

    Example: rashomon notes add --article 40f66ea1c0292b88 --start 44 "Quote checked with the reporter"
    """
    if bool(story) == bool(article):
        raise Fatal("give either --story (with --question for a question) or --article (with --start for a statement)")
    if question and not story:
        raise Fatal("--question needs --story")
    if (start is not None or end is not None) and not article:
        raise Fatal("--start and --end need --article")
    kind = ("question" if question else "story") if story else ("statement" if start is not None else "article")
    with reading(db) as store:
        sid = find_story(store, story).id if story else None
        try:
            note = store.add_note(kind, text, _author(author), story=sid, question=question, article=article,
                                  start=start, end=end)
        except (NoTarget, BadNote) as e:
            raise Fatal(str(e).strip("'\"")) from None
    if as_json:
        dump_json(note.to_dict())
    else:
        click.echo(f"note {note.id} on {_target(note)}")


@notes_group.command("delete")
@click.argument("note_id", type=click.IntRange(min=1))
@db_option
def delete_command(note_id: int, db: str | None) -> None:
    """Delete one note by its id (the only way a note is ever removed).

    Example: rashomon notes delete 3
    """
    with reading(db) as store:
        if not store.delete_note(note_id):
            raise Fatal(f"no note {note_id} (see `rashomon notes list`)")
    click.echo(f"note {note_id} deleted")


@click.command("pin")
@click.argument("story", required=False)
@db_option
@click.option("--remove", is_flag=True, help="Unpin STORY instead.")
@click.option("--author", help="Who pins it (default: $RASHOMON_AUTHOR, else your login name).")
@json_option
def pin_command(story: str | None, db: str | None, remove: bool, author: str | None, as_json: bool) -> None:
    """Pin a story to the top of the home page; without STORY, list the pinned stories.

    STORY is an id, a unique prefix of one, or words of the story's title.

    Example: rashomon pin brenna
    """
    with reading(db) as store:
        if story is None:
            if remove:
                raise Fatal("--remove needs the STORY to unpin")
            pins = store.pins()
            titles = {s.id: s.title for s in store.stories(ids=[p.at_story for p in pins if p.at_story])}
            if as_json:
                dump_json([{**p.to_dict(), "title": titles.get(p.at_story or "")} for p in pins])
            elif not pins:
                click.echo("no pinned stories")
            else:
                click.echo(table([(p.at_story or "(no current story)", p.created[:10], p.author,
                                   titles.get(p.at_story or "", "")) for p in pins],
                                 ("story", "pinned", "by", "title")))
            return
        sid = find_story(store, story).id
        if remove:
            n = store.unpin_story(sid)
            if not n:
                raise Fatal(f"{sid} is not pinned")
            click.echo(f"unpinned {sid}")
            return
        try:
            pin = store.pin_story(sid, _author(author))
        except (NoTarget, BadNote) as e:
            raise Fatal(str(e).strip("'\"")) from None
    if as_json:
        dump_json(pin.to_dict())
    else:
        click.echo(f"pinned {pin.at_story}")


COMMANDS = [notes_group, pin_command]
