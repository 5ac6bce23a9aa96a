"""Atom feeds (issue 22 item 5): /feeds/stories/{id}.atom, /feeds/entities/{id}.atom,
/feeds/tags/{slug}.atom and /feeds/search.atom?q=, thin over ``rashomon.feeds``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from rashomon.feeds import Feed, atom_xml, entity_feed, search_feed, story_feed, tag_feed
from rashomon.store import Store
from rashomon.web.deps import open_store

router = APIRouter()
ATOM = "application/atom+xml; charset=utf-8"
MAX_QUERY = 1_000  # as the search API


def _atom(request: Request, feed: Feed | None, what: str) -> Response:
    if feed is None:
        raise HTTPException(404, f"no such {what}")
    return Response(atom_xml(feed, str(request.base_url)), media_type=ATOM)


@router.get("/feeds/stories/{story_id}.atom", summary="A story's new articles and newly contested questions (Atom)")
def story(request: Request, story_id: str, store: Store = Depends(open_store)) -> Response:
    return _atom(request, story_feed(store, story_id), "story")


@router.get("/feeds/entities/{entity_id}.atom", summary="New articles naming an entity, and questions it is quoted on (Atom)")
def entity(request: Request, entity_id: str, store: Store = Depends(open_store)) -> Response:
    return _atom(request, entity_feed(store, entity_id), "entity")


@router.get("/feeds/tags/{slug}.atom", summary="A tag's new articles and newly contested questions (Atom)")
def tag(request: Request, slug: str, store: Store = Depends(open_store)) -> Response:
    return _atom(request, tag_feed(store, slug), "tag")


@router.get("/feeds/search.atom", summary="New articles matching a search, and the questions they take a side in (Atom)")
def search(request: Request, q: str = Query(..., min_length=1, max_length=MAX_QUERY), store: Store = Depends(open_store)) -> Response:
    return _atom(request, search_feed(store, q), "search")
