"""Related articles and an aggregator copy's credit, for the article page and ``GET /api/articles/{id}/related``.

The ranking is ``stories.related`` and the look-ups ``store.related``; this module only joins them
for one article and speaks HTTP. The credit line of a re-served copy names the outlet it credits
(``extract.credits``) and the site it was found on, and links the original when the store holds it:
the article at the copy's original URL, else the report the copy stage linked it to when that
report is the credited outlet's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.templating import Jinja2Templates

from rashomon.extract.credits import found_on, same_outlet
from rashomon.model import Article
from rashomon.store import Store
from rashomon.stories.related import PEOPLE_AND_PLACES, Related, across_stories, rarity, same_story
from rashomon.web.deps import open_store

router = APIRouter()
_CANDIDATES = 200  # other-story articles whose records are read, best sharing first


@dataclass
class Credit:
    """Who reported a re-served copy, where it was found, and the stored original when there is one."""

    original: str
    found_on: str | None
    evidence: str | None
    url: str | None
    article: Article | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"original_outlet": self.original, "found_on": self.found_on, "evidence": self.evidence,
                "original_url": self.url, "original_article": self.article.id if self.article else None}


@dataclass
class ArticleRelations:
    """What the article page shows about one article's relations: its credit and related articles."""

    story: str | None
    credit: Credit | None = None
    same: list[Related] = field(default_factory=list)
    other: list[Related] = field(default_factory=list)

    def to_dict(self, article: Article) -> dict[str, Any]:
        return {"article": article.id, "story": self.story, "credit": self.credit.to_dict() if self.credit else None,
                "same_story": [r.to_dict() for r in self.same], "other_stories": [r.to_dict() for r in self.other]}


def credit_of(store: Store, article: Article) -> Credit | None:
    """The credit line of a re-served copy (None for an article that credits nobody else)."""
    if not article.original_outlet:
        return None
    stored = store.article_at(article.original_url) if article.original_url else None
    if stored is None and article.upstream:
        up = store.article(article.upstream)
        if up is not None and same_outlet(up.credited_outlet or "", article.original_outlet):
            stored = up
    if stored is not None and stored.id == article.id:
        stored = None
    # the original's own page names its outlet better than a host read off a URL ("Kestrelgazette")
    name = stored.outlet if stored is not None and stored.outlet and same_outlet(stored.outlet, article.original_outlet) \
        else article.original_outlet
    return Credit(name, found_on(article), article.original_evidence, article.original_url, stored)


def relations(store: Store, article: Article) -> ArticleRelations:
    """The article's credit, the rest of its story and the articles of other stories sharing its people and places."""
    story = store.article_story(article.id)
    out = ArticleRelations(story, credit_of(store, article))
    if story is not None:
        out.same = same_story(article, store.articles(story=story), story)
    entities, postings = store.entity_postings(article.id, PEOPLE_AND_PLACES)
    if postings:
        stories = store.story_of_each(postings)
        candidates = [a for a in postings if story is None or stories.get(a) != story]
        n = store.main_article_count()
        # score exactly only the candidates sharing the most rarity: the ranking needs no more
        weight = {e: rarity(df, n) for e, (_, df, _) in entities.items()}
        candidates.sort(key=lambda a: -sum(weight[e] for e in postings[a]))
        vectors, df = store.entity_vectors(candidates[:_CANDIDATES], PEOPLE_AND_PLACES)
        df.update({e: d for e, (_, d, _) in entities.items()})
        records = {a.id: a for a in store.articles(ids=list(vectors))}
        mine = {e: tf for e, (_, _, tf) in entities.items()}
        names = {e: name for e, (name, _, _) in entities.items()}
        out.other = across_stories(story, mine, names, vectors, df, records, stories, n)
    return out


@router.get("/articles/{article_id}/related",
            summary="Related articles: its story's others newest first (copies folded), then other stories sharing its people and places; and who a re-served copy credits")
def related(article_id: str, store: Store = Depends(open_store)) -> dict[str, Any]:
    a = store.article(article_id)
    if a is None:
        raise HTTPException(404, "no such article")
    return relations(store, a).to_dict(a)


def relations_here(request: Request, article: Article) -> ArticleRelations:
    """The article page's relations, read once per request."""
    cached = getattr(request.state, "relations_page", None)
    if cached is None or cached[0] != article.id:
        with Store.open(request.app.state.db, readonly=True) as store:
            cached = (article.id, relations(store, article))
        request.state.relations_page = cached
    return cached[1]


def install(app: FastAPI, templates: Jinja2Templates) -> None:
    """Mount ``/api/articles/{id}/related`` and give the article page its look-up."""
    app.include_router(router, prefix="/api")
    templates.env.globals["relations_here"] = relations_here
