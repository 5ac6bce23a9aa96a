"""JSON API under /api: paginated reads open on loopback, one token-guarded write."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from rashomon.brief import brief_record, read_brief
from rashomon.browse import story_tags
from rashomon.export import article_record
from rashomon.store import Store
from rashomon.web.deps import check_token, open_store
from rashomon.web.ingest import IngestRequest, ingest_request

router = APIRouter()
MAX_OFFSET = 1_000_000_000  # far past any real database; a larger one would overflow SQLite's integers
MAX_QUERY = 1_000  # characters of a search query
Limit = Query(50, ge=1, le=500)
Offset = Query(0, ge=0, le=MAX_OFFSET)


def _page(items: list[Any], total: int | None, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/stories", summary="Stories, most recent first (teasers=true adds those known only from teasers)")
def stories(limit: int = Limit, offset: int = Offset, teasers: bool = False, store: Store = Depends(open_store)) -> dict[str, Any]:
    contested = store.contested_counts()
    items = [{**asdict(s), "contested": contested.get(s.id, 0)} for s in store.stories(limit=limit, offset=offset, teasers=teasers)]
    counts = store.counts(("stories", "teaser_stories"))
    return _page(items, counts["stories"] + (counts["teaser_stories"] if teasers else 0), limit, offset)


@router.get("/stories/{story_id}", summary="One story with its entities, claims, questions and framing")
def story(story_id: str, store: Store = Depends(open_store)) -> dict[str, Any]:
    s = store.story(story_id)
    if s is None:
        raise HTTPException(404, "no such story")
    report = store.story_report(s.id)
    members = store.articles(story=s.id)
    return {
        **asdict(s),
        "entities": [asdict(e) for e in store.story_entities(s.id)],
        "claims": [asdict(c) for c in report.claims] if report else [],
        "questions": [asdict(q) for q in report.questions] if report else [],
        "contested": [asdict(q) for q in report.questions if q.contested] if report else [],
        "framing": [asdict(f) for f in report.framing] if report else [],
        "threads": [asdict(t) for t in store.threads(s.id)],
        "brief": brief_record(read_brief(store, s.id, members), members),  # the export's cited brief
        "tags": [asdict(t) for t in story_tags(store, [s.id])[s.id]],  # subjects, places, organisations, people
    }


@router.get("/articles", summary="Articles in ingest order")
def articles(
    limit: int = Limit, offset: int = Offset, outlet: str | None = None, story: str | None = None,
    kind: Literal["article", "teaser"] | None = None, store: Store = Depends(open_store),
) -> dict[str, Any]:
    items = [_article(a) for a in store.articles(limit=limit, offset=offset, outlet=outlet, story=story, kind=kind)]
    return _page(items, store.count_articles(outlet=outlet, story=story, kind=kind), limit, offset)


@router.get("/articles/{article_id}", summary="One article as the export writes it: entities, statements, time")
def article(article_id: str, store: Store = Depends(open_store)) -> dict[str, Any]:
    a = store.article(article_id)
    if a is None:
        raise HTTPException(404, "no such article")
    analysis = next(iter(store.analyses([a.id])), None)
    ids = sorted({m.entity for m in analysis.mentions if m.entity} |
                 {t.speaker_entity for t in analysis.attributions if t.speaker_entity}) if analysis else []
    names = {e.id: e.canonical for e in store.entities(ids=ids)} if ids else {}
    versions = store.versions_of([a.id]).get(a.id)  # later texts of a changed page ("versions": [] when none)
    return article_record(a, analysis, names, store.article_story(a.id), versions)  # the export's record


@router.get("/entities", summary="Entities, most mentioned first")
def entities(limit: int = Limit, offset: int = Offset, label: str | None = None,
             store: Store = Depends(open_store)) -> dict[str, Any]:
    items = [asdict(e) for e in store.entities(limit=limit, offset=offset, label=label)]
    return _page(items, store.counts(("entities",))["entities"] if label is None else None, limit, offset)


@router.get("/entities/{entity_id}", summary="One entity with its statements")
def entity(entity_id: str, limit: int = Limit, offset: int = Offset, store: Store = Depends(open_store)) -> dict[str, Any]:
    e = store.entity(entity_id)
    if e is None:
        raise HTTPException(404, "no such entity")
    return {**asdict(e), "statements": [asdict(t) for t in store.attributions(entity=e.id, limit=limit, offset=offset)]}


@router.get("/statements", summary="Attributed statements, filtered by speaker or story")
def statements(speaker: str | None = None, story: str | None = None, limit: int = Limit, offset: int = Offset,
               store: Store = Depends(open_store)) -> dict[str, Any]:
    items = [asdict(t) for t in store.attributions(speaker=speaker, story=story, limit=limit, offset=offset)]
    return _page(items, None, limit, offset)


@router.get("/search", summary="Full-text search over titles and bodies")
def search(q: str = Query(..., min_length=1, max_length=MAX_QUERY), limit: int = Limit, offset: int = Offset,
           store: Store = Depends(open_store)) -> dict[str, Any]:
    hits = store.search(q, limit=limit, offset=offset)
    return _page([asdict(h) for h in hits], store.count_search(q), limit, offset)


@router.post("/ingest", summary="Ingest one page (needs a bearer token)", status_code=201)
def ingest(body: IngestRequest, request: Request) -> dict[str, Any]:
    check_token(request)
    server = request.scope.get("server") or ("", 0)
    return ingest_request(request.app.state.options, body, own_port=int(server[1] or 0))


def _article(a: Any) -> dict[str, Any]:
    d = a.to_dict()
    d.pop("page_hash", None)
    return d
