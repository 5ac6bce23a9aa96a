"""Tags in the web app: the tag pages (/tags, /tags/{slug}), their JSON (/api/tags, /api/tags/{slug}), the home
sections' JSON (/api/home), and the look-ups the story, article and home templates call.

Thin: what carries which tag is decided in ``rashomon.browse`` (over ``stories.tags`` and ``store.tags``).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from rashomon import browse
from rashomon.store import Store
from rashomon.stories.tags import Tag
from rashomon.web.deps import open_store
from rashomon.web.home import cached, home_record, home_sections, read_home

router = APIRouter()
PAGE = 50
MAX_PAGE = 1_000_000
Slug = Path(..., min_length=1, max_length=120, pattern=r"^[a-z0-9-]+$")


def _article_row(a: Any) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url}


@router.get("/tags", summary="Every tag some story carries (subjects, places, organisations, people) with counts")
def tags(request: Request, kind: str | None = Query(None, pattern="^(topic|place|organisation|person)$"),
         store: Store = Depends(open_store)) -> dict[str, Any]:
    items = [{**asdict(c.tag), "stories": c.stories, "articles": c.articles} for c in tag_index(request, store)
             if kind is None or c.tag.kind == kind]
    return {"items": items, "total": len(items)}


@router.get("/tags/{slug}", summary="One tag: its stories and articles, newest first, paged")
def tag(request: Request, slug: str = Slug, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000_000),
        store: Store = Depends(open_store)) -> dict[str, Any]:
    found = kept_tag_page(request, store, slug, limit, offset)
    if found is None:
        raise HTTPException(404, "no such tag")
    by_id = {a.id: a for a in found["articles"]}
    figures = {f.story: f for f in found["stories"]}
    return {**asdict(found["tag"]), "limit": limit, "offset": offset,
            "total_stories": found["total_stories"], "total_articles": found["total_articles"],
            "stories": [asdict(figures[s]) for s in found["story_order"] if s in figures],
            "articles": [_article_row(by_id[a]) for a in found["article_order"] if a in by_id]}


@router.get("/home", summary="The home page's sections: most covered, most contested, recently changed, regions, subjects")
def home(request: Request) -> dict[str, Any]:
    return home_record(read_home(request.app.state.db))


def tag_index(request: Request, store: Store) -> list[browse.TagCount]:
    """Every tag with its counts, kept until the database changes (``web.home.cached``)."""
    return cached(request.app.state.db, "tag_index", lambda: browse.tag_index(store))


def kept_tag_page(request: Request, store: Store, slug: str, limit: int, offset: int) -> dict[str, Any] | None:
    """One page of a tag; the tag's stories and articles are kept until the database changes."""
    found = cached(request.app.state.db, f"tag:{slug}", lambda: browse.find_tag(store, slug))
    return browse.tag_page(store, slug, limit, offset, found=found)


def story_tag_list(request: Request, story_id: str) -> list[Tag]:
    """A story's tags, for its page."""
    with Store.open(request.app.state.db, readonly=True) as store:
        return browse.story_tags(store, [story_id]).get(story_id, [])


def article_tag_list(request: Request, article_id: str) -> list[Tag]:
    """An article's tags, for its page."""
    with Store.open(request.app.state.db, readonly=True) as store:
        return browse.article_tags(store, [article_id]).get(article_id, [])


def install(app: FastAPI, templates: Jinja2Templates) -> None:
    """Mount /api/tags, /api/tags/{slug} and /api/home, the /tags pages, and the templates' tag look-ups."""
    app.include_router(router, prefix="/api")
    templates.env.globals["story_tag_list"] = story_tag_list
    templates.env.globals["article_tag_list"] = article_tag_list
    templates.env.globals["home_sections"] = home_sections

    @app.get("/tags", response_class=HTMLResponse, include_in_schema=False)
    def tags_page(request: Request, store: Store = Depends(open_store)) -> HTMLResponse:
        index = tag_index(request, store)
        groups = [(kind, [c for c in index if c.tag.kind == kind]) for kind in ("topic", "place", "organisation", "person")]
        return templates.TemplateResponse(request, "tags.html", {"groups": [g for g in groups if g[1]]})

    @app.get("/tags/{slug}", response_class=HTMLResponse, include_in_schema=False)
    def tag_page(request: Request, slug: str = Slug, page: int = Query(1, ge=1, le=MAX_PAGE),
                 store: Store = Depends(open_store)) -> HTMLResponse:
        found = kept_tag_page(request, store, slug, PAGE, (page - 1) * PAGE)
        if found is None:
            raise HTTPException(404, "no such tag")
        figures = {f.story: f for f in found["stories"]}
        by_id = {a.id: a for a in found["articles"]}
        stories_of = {a: store.article_story(a) for a in found["article_order"]}
        return templates.TemplateResponse(request, "tag.html", {
            "tag": found["tag"], "page": page, "stories": [figures[s] for s in found["story_order"] if s in figures],
            "articles": [by_id[a] for a in found["article_order"] if a in by_id], "story_of": stories_of,
            "total_stories": found["total_stories"], "total_articles": found["total_articles"],
            "more": found["total_stories"] > page * PAGE or found["total_articles"] > page * PAGE})
