"""Analyst notes and pins in the web app: the JSON endpoints, and what the pages show beside what a note annotates.

Reads are open like the rest of the API; writes need the bearer token (``RequestGuard`` refuses a
write without it before its body is read, and each endpoint checks again, as ``POST /api/ingest``
does). Notes are stored and re-attached by ``rashomon.store.notes``; this module only speaks HTTP
and gives the templates one cached view of the notes per request.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import cached_property
from typing import Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from rashomon.store import Store
from rashomon.store.notes import MAX_AUTHOR_CHARS, MAX_NOTE_CHARS, BadNote, Note, NoTarget, Pin
from rashomon.web.api import Limit, Offset
from rashomon.web.deps import check_token, open_store

router = APIRouter()
_ID = 200  # characters of a story, question or article id (or an article's source) the API takes
_OFFSET = 10_000_000  # far past any article's length


class NoteIn(BaseModel):
    """A note to write: its kind, text and author, and what it annotates."""

    kind: Literal["story", "article", "statement", "question"]
    text: str = Field(..., min_length=1, max_length=MAX_NOTE_CHARS)
    author: str = Field(..., min_length=1, max_length=MAX_AUTHOR_CHARS)
    story: str | None = Field(None, max_length=_ID, description="story and question notes: the story id")
    question: str | None = Field(None, max_length=_ID, description="question notes: the question id")
    article: str | None = Field(None, max_length=_ID, description="article and statement notes: the article id")
    start: int | None = Field(None, ge=0, le=_OFFSET, description="statement notes: the statement's first character")
    end: int | None = Field(None, ge=0, le=_OFFSET, description="statement notes: its end (default: the statement's)")


class PinIn(BaseModel):
    story: str = Field(..., min_length=1, max_length=_ID)
    author: str = Field(..., min_length=1, max_length=MAX_AUTHOR_CHARS)


def _refused(e: Exception) -> HTTPException:
    """A store refusal as one-line HTTP error: 404 for a target that does not exist, 422 for the rest."""
    return HTTPException(404 if isinstance(e, NoTarget) else 422, str(e).strip("'\""))


def _story_id(store: Store, key: str) -> str:
    story = store.story(key)
    if story is None:
        raise HTTPException(404, f"no story {key[:_ID]!r}")
    return story.id


@router.get("/notes", summary="Analyst notes, oldest first: all, or those on a story, question or article")
def list_notes(story: str | None = Query(None, max_length=_ID), question: str | None = Query(None, max_length=_ID),
               article: str | None = Query(None, max_length=_ID),
               kind: Literal["story", "article", "statement", "question"] | None = None,
               limit: int = Limit, offset: int = Offset, store: Store = Depends(open_store)) -> dict[str, Any]:
    notes = store.notes(kind=kind)
    if story is not None:
        sid = _story_id(store, story)
        notes = [n for n in notes if n.at_story == sid]
    if question is not None:
        notes = [n for n in notes if n.at_question == question]
    if article is not None:
        art = store.article(article)
        if art is None:
            raise HTTPException(404, f"no article {article!r}")
        notes = [n for n in notes if n.article == art.id]
    return {"items": [n.to_dict() for n in notes[offset:offset + limit]], "total": len(notes), "limit": limit,
            "offset": offset}


@router.post("/notes", summary="Write a note (needs a bearer token)", status_code=201)
def add_note(body: NoteIn, request: Request) -> dict[str, Any]:
    check_token(request)
    with Store.open(request.app.state.db) as store:
        try:
            story = _story_id(store, body.story) if body.story else None
            note = store.add_note(body.kind, body.text, body.author, story=story, question=body.question,
                                  article=body.article, start=body.start, end=body.end)
        except (NoTarget, BadNote) as e:
            raise _refused(e) from None
    return note.to_dict()


@router.delete("/notes/{note_id}", summary="Delete a note (needs a bearer token)")
def delete_note(request: Request, note_id: int = Path(..., ge=1, le=2**62)) -> dict[str, Any]:
    check_token(request)
    with Store.open(request.app.state.db) as store:
        if not store.delete_note(note_id):
            raise HTTPException(404, f"no note {note_id}")
    return {"deleted": note_id}


@router.get("/pins", summary="Pinned stories, most recently pinned first")
def list_pins(store: Store = Depends(open_store)) -> dict[str, Any]:
    items = []
    for p in store.pins():
        story = store.story(p.at_story) if p.at_story else None
        items.append({**p.to_dict(), "title": story.title if story else None})
    return {"items": items, "total": len(items)}


@router.post("/pins", summary="Pin a story (needs a bearer token)", status_code=201)
def pin(body: PinIn, request: Request) -> dict[str, Any]:
    check_token(request)
    with Store.open(request.app.state.db) as store:
        try:
            return store.pin_story(_story_id(store, body.story), body.author).to_dict()
        except (NoTarget, BadNote) as e:
            raise _refused(e) from None


@router.delete("/pins/{story_id}", summary="Unpin a story (needs a bearer token)")
def unpin(request: Request, story_id: str = Path(..., max_length=_ID)) -> dict[str, Any]:
    check_token(request)
    with Store.open(request.app.state.db) as store:
        sid = _story_id(store, story_id)
        removed = store.unpin_story(sid)
    if not removed:
        raise HTTPException(404, f"story {sid} is not pinned")
    return {"story": sid, "unpinned": removed}


class PageNotes:
    """The notes and pins one page shows, each read on first use and once per request, with look-ups
    by what they annotate (the home page reads the pins, and the notes only when a story is pinned)."""

    def __init__(self, db: str, writable: bool) -> None:
        self.db, self.writable = db, writable

    @cached_property
    def notes(self) -> list[Note]:
        with Store.open(self.db, readonly=True) as store:
            return store.notes()

    @cached_property
    def pins(self) -> list[Pin]:
        with Store.open(self.db, readonly=True) as store:
            return store.pins()

    def story(self, story: str) -> list[Note]:
        return [n for n in self.notes if n.kind == "story" and n.at_story == story]

    def question(self, story: str, question: str) -> list[Note]:
        return [n for n in self.notes if n.kind == "question" and n.at_story == story and n.at_question == question]

    def lost_questions(self, story: str) -> list[Note]:
        """Notes on a question of this story that no current question matches (shown with the story's notes)."""
        return [n for n in self.notes if n.kind == "question" and n.at_story == story and n.at_question is None]

    def article(self, article: str) -> list[Note]:
        return [n for n in self.notes if n.kind == "article" and n.article == article]

    def statement(self, article: str, start: int, end: int | None = None) -> list[Note]:
        """Statement notes whose span meets this statement's (its start alone when its end is not known)."""
        from rashomon.store.notes import overlaps

        span = (start, end if end is not None and end > start else start + 1)
        return [n for n in self.notes if n.kind == "statement" and n.article == article
                and n.start is not None and n.end is not None and overlaps((n.start, n.end), span)]

    def statements_of(self, article: str) -> list[Note]:
        return [n for n in self.notes if n.kind == "statement" and n.article == article]

    def pinned(self, story: str) -> bool:
        return any(p.at_story == story for p in self.pins)


def notes_here(request: Request) -> PageNotes:
    """The page's notes and pins, read on first use and kept for the rest of the request."""
    cached = getattr(request.state, "notes_page", None)
    if cached is None:
        cached = request.state.notes_page = PageNotes(request.app.state.db, bool(request.app.state.token))
    return cached


def pinned_stories(request: Request) -> list[dict[str, Any]]:
    """The home page's "Pinned" rows: each pinned story with its pin and its number of notes."""
    page = notes_here(request)
    ids = list(dict.fromkeys(p.at_story for p in page.pins if p.at_story))
    if not ids:
        return []
    with Store.open(request.app.state.db, readonly=True) as store:
        stories = {s.id: s for s in store.stories(ids=ids)}
    first_pin = {}
    for p in page.pins:
        first_pin.setdefault(p.at_story, p)
    return [{"story": stories[sid], "pin": asdict(first_pin[sid]), "count": len(stories[sid].articles),
             "notes": sum(1 for n in page.notes if n.at_story == sid)} for sid in ids if sid in stories]


def install(app: FastAPI, templates: Jinja2Templates) -> None:
    """Mount the notes and pins endpoints under /api and give the templates their look-ups."""
    app.include_router(router, prefix="/api")
    templates.env.globals["notes_here"] = notes_here
    templates.env.globals["pinned_stories"] = pinned_stories
