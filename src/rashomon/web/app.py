"""The FastAPI application: server-rendered pages and a JSON API over one Rashomon database.

Article text is untrusted: templates autoescape everything (no ``|safe`` anywhere), the CSP
forbids inline script, and no route maps a request path onto the file system except the
packaged static folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from fastapi_offline import FastAPIOffline

from rashomon.brief import read_brief
from rashomon.compare.contest_model import how_sure
from rashomon.config import Options, default_options
from rashomon.language_scope import analysis_note
from rashomon.model import ArticleAnalysis
from rashomon.shown_parts import with_dek
from rashomon.store import Store
from rashomon.web import api
from rashomon.web import feeds as atom_feeds
from rashomon.web import notes as analyst_notes
from rashomon.web import related as related_articles
from rashomon.web import tags as tag_pages
from rashomon.web.deps import check_token, open_store  # noqa: F401  (re-exported: their old home)
from rashomon.web.guards import RequestGuard, allowed_hosts, invalid_request
from rashomon.web.views import (
    OWN_VOICE_KEY, UNNAMED_KEY, by_id, copy_rows, evidence_href, highlight, speaker_keys, statements_by_speaker,
    timeline, version_rows, voices_in_words,
)

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
PAGE = 50
_JSON_PATHS = ("/api", "/static", "/openapi.json", "/docs", "/redoc")
MAX_PAGE = api.MAX_OFFSET // PAGE


def create_app(db: str, token: str | None = None, *, options: Options | None = None,
               host: str = "127.0.0.1") -> FastAPI:
    """An app bound to one database; ``token`` guards the write endpoint, ``options`` carries the
    limits (request size, text size, fetch targets), ``host`` is the address it is served on."""
    Store.open(db).close()  # create and migrate once, so request handlers can open read-only
    # API docs (Swagger UI at /docs, ReDoc at /redoc) from the files fastapi-offline packages, not
    # FastAPI's default CDN: they work offline. (swagger-ui-bundle was tried: its Swagger UI 4 cannot
    # read the OpenAPI 3.1 that FastAPI writes.)
    app = FastAPIOffline(title="Rashomon", version="0.1.0", description="Stories, statements and contested questions.",
                         static_url="/static/docs")
    app.state.db = db
    app.state.token = token
    app.state.options = (options or default_options()).with_(db=db)
    # added innermost first: Host check, then token and body size, all before a body is parsed
    app.add_middleware(RequestGuard, token=token, max_bytes=app.state.options.request_max_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host, app.state.options.allowed_hosts))
    app.add_exception_handler(RequestValidationError, invalid_request)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    templates.env.globals["how_sure"] = how_sure
    templates.env.globals["analysis_note"] = analysis_note  # a page in a language the analysis cannot read
    templates.env.globals["voices_in_words"] = voices_in_words
    templates.env.globals["link_of"] = source_link

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.include_router(api.router, prefix="/api")
    app.include_router(atom_feeds.router)  # /feeds/...atom: Atom feeds per story, entity, tag and search
    analyst_notes.install(app, templates)  # /api/notes, /api/pins and the pages' note look-ups
    related_articles.install(app, templates)  # /api/articles/{id}/related; the article page's credit and related list
    tag_pages.install(app, templates)  # /tags pages, /api/tags, /api/home and the templates' tag look-ups

    def render(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.exception_handler(StarletteHTTPException)
    async def error_page(request: Request, exc: StarletteHTTPException) -> Response:
        """A page address that leads nowhere is answered with a page; the API keeps its JSON."""
        if request.url.path.startswith(_JSON_PATHS):
            return await http_exception_handler(request, exc)
        heading = {404: "Not found"}.get(exc.status_code, f"Error {exc.status_code}")
        detail = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else "No page has this address."
        detail = str(detail)[0].upper() + str(detail)[1:] + ("." if not str(detail).endswith(".") else "")
        response = templates.TemplateResponse(request, "error.html", {"heading": heading, "detail": detail,
                                                                      "status": exc.status_code},
                                              status_code=exc.status_code)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, page: int = Query(1, ge=1, le=MAX_PAGE), store: Store = Depends(open_store)) -> HTMLResponse:
        stories = store.stories(limit=PAGE, offset=(page - 1) * PAGE, teasers=False)
        contested = store.contested_counts()
        rows = []
        for s in stories:
            arts = store.articles(ids=s.articles[:200]) if s.articles else []
            outlets = sorted({a.outlet for a in arts if a.outlet})
            rows.append({"story": s, "outlets": outlets, "count": len(s.articles), "contested": contested.get(s.id, 0)})
        return render(request, "stories.html", rows=rows, page=page, more=len(stories) == PAGE,
                      counts=store.counts(("articles", "outlets", "stories", "contested")))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str, store: Store = Depends(open_store)) -> HTMLResponse:
        story = store.story(story_id)
        if story is None:
            raise HTTPException(404, "no such story")
        arts = store.articles(ids=story.articles)
        analyses = {a.article: a for a in store.analyses([a.id for a in arts])}
        entities = by_id(store.story_entities(story.id))
        report = store.story_report(story.id)
        claims = by_id(report.claims) if report else {}
        arts_by_id = by_id(arts)
        atts = [t for a in arts for t in with_dek(analyses.get(a.id))]  # the standfirst's statements too
        speakers = {t.speaker_entity for t in atts if t.speaker_entity and t.speaker_entity not in entities}
        if speakers:
            entities.update(by_id(store.entities(ids=sorted(speakers))))
        outlets: dict[str, dict[str, Any]] = {}
        for a in arts:
            col = outlets.setdefault(a.outlet or "unknown outlet", {"articles": [], "claims": [], "framing": None})
            col["articles"].append(a)
        for c in report.claims if report else []:
            art = arts_by_id.get(c.article)
            if art is not None and c.status != "asserted":
                outlets[art.outlet or "unknown outlet"]["claims"].append(c)
        for f in report.framing if report else []:
            if f.outlet in outlets:
                outlets[f.outlet]["framing"] = f
        top = sorted(report.claims, key=lambda c: -c.corroboration)[:15] if report else []
        speakers = statements_by_speaker(atts, entities, arts_by_id, analyses)
        keys = speaker_keys(speakers)

        def speaker_of(c: Any) -> str:
            """The speaker filter key of a claim: its statement's group, else the outlet's own voice."""
            return keys.get((c.article, c.start), OWN_VOICE_KEY if c.status == "asserted" else UNNAMED_KEY)

        def href(article: str, offset: int) -> str:
            return evidence_href(article, analyses.get(article), offset)

        return render(
            request, "story.html", story=story, outlets=outlets, articles=arts_by_id,
            timeline=timeline(arts, analyses), speakers=speakers, speaker_of=speaker_of, href=href,
            questions=[q for q in (report.questions if report else []) if q.contested],
            other_questions=[q for q in (report.questions if report else []) if not q.contested],
            claims=claims, corroborated=top, threads=store.threads(story.id), copies=copy_rows(arts),
            brief=read_brief(store, story.id, arts),  # the cited brief at the top (templates/_brief.html)
            entities=sorted(
                (e for e in entities.values() if len(e.aliases) > 0), key=lambda e: (e.label, e.canonical)),
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str, store: Store = Depends(open_store)) -> HTMLResponse:
        art = store.article(article_id)
        if art is None:
            raise HTTPException(404, "no such article")
        analysis = next(iter(store.analyses([art.id])), None)
        ids = sorted({m.entity for m in (analysis.mentions if analysis else []) if m.entity})
        entities = by_id(store.entities(ids=ids)) if ids else {}
        copies = store.articles(near_duplicate_of=art.source) + store.copies_of(art.source)
        copies = list({c.id: c for c in copies}.values())
        original = store.article(art.upstream) if art.upstream else None
        teasers = store.articles(parent=art.source) if art.kind == "article" else []
        return render(
            request, "article.html", article=art, paragraphs=highlight(art.body, analysis, entities),
            dek_paragraphs=highlight(art.dek, ArticleAnalysis(art.id, attributions=analysis.dek_attributions), {})
            if art.dek and analysis and analysis.dek_attributions else None,
            analysis=analysis, entities=entities, copies=copies, original=original, teasers=teasers,
            story=store.article_story(art.id), versions=version_rows(art, store.versions(art.id)),
        )

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str, store: Store = Depends(open_store)) -> HTMLResponse:
        ent = store.entity(entity_id)
        if ent is None:
            raise HTTPException(404, "no such entity")
        mentions = store.mentions(entity=ent.id, limit=200)
        arts = by_id(store.articles(ids=sorted({m.article for m in mentions})))
        atts = store.attributions(entity=ent.id, limit=500)
        arts.update(by_id(store.articles(ids=sorted({a.article for a in atts} - set(arts)))))
        stories = {a: store.article_story(a) for a in arts}
        return render(request, "entity.html", entity=ent, mentions=mentions, articles=arts, statements=atts,
                      stories=stories)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = Query("", max_length=api.MAX_QUERY), page: int = Query(1, ge=1, le=MAX_PAGE),
                    store: Store = Depends(open_store)) -> HTMLResponse:
        hits = store.search(q, limit=PAGE, offset=(page - 1) * PAGE, mark=("\x02", "\x03")) if q else []
        results = [{"hit": h, "snippet": _marked(h.snippet)} for h in hits]
        return render(request, "search.html", q=q, results=results, page=page, more=len(hits) == PAGE,
                      variants=store.search_variants(q) if q else [])

    return app


def source_link(article: Any) -> str | None:
    """The web address an article was read from, when it has one (an http(s) URL), for a real link."""
    for candidate in (article.url, article.page_source, article.source.split("#", 1)[0]):
        if candidate and candidate.lower().startswith(("http://", "https://")):
            return candidate
    return None


def _marked(snippet: str) -> list[tuple[str, bool]]:
    """Split an FTS snippet into (text, is_match) parts so the template escapes every part."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split("\x02")):
        if i == 0:
            parts.append((chunk, False))
            continue
        hit, _, rest = chunk.partition("\x03")
        parts += [(hit, True), (rest, False)]
    return [p for p in parts if p[0]]
