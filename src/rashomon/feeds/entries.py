"""What a feed holds: its articles and its newly contested questions, each an entry with a stable id
and a stable time, read from the store (a story's, an entity's, a tag's or a search's)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from rashomon.model import Article, Claim, Question, StoryReport
from rashomon.store import Store
from rashomon.store import feeds as sql

MAX_ENTRIES = 50
SUMMARY_CHARS = 400
EPOCH = "1970-01-01T00:00:00+00:00"


@dataclass
class FeedEntry:
    """One entry. ``id`` never changes for the same article or question; ``updated`` is when the
    article was first stored, or when the question's second side first appeared in stored articles."""

    id: str
    kind: str  # "article" or "question"
    title: str
    updated: str  # ISO 8601 with a time zone
    path: str  # the page it links to, relative to the site's root
    summary: str
    author: str | None = None
    published: str | None = None  # an article's own publication date (ISO date)


@dataclass
class Feed:
    id: str
    title: str
    subtitle: str
    path: str  # the feed's own address (relative)
    page: str  # the web page it follows (relative)
    entries: list[FeedEntry] = field(default_factory=list)
    updated: str = EPOCH


def article_id(article: str) -> str:
    return f"urn:rashomon:article:{article}"


def question_id(story: str, question: str) -> str:
    return f"urn:rashomon:question:{story}:{question}"


def _clip(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _article_entries(store: Store, articles: list[Article]) -> list[FeedEntry]:
    seen = sql.first_stored(store, [a.id for a in articles])
    return [
        FeedEntry(id=article_id(a.id), kind="article", title=a.title or _clip(a.body, 80) or a.source,
                  updated=seen.get(a.id) or EPOCH, path=f"/articles/{a.id}",
                  summary=_clip(a.dek or a.body, SUMMARY_CHARS), author=a.outlet, published=a.published)
        for a in articles if a.kind == "article"
    ]


def first_pair(q: Question, report: StoryReport, seen: dict[str, str]) -> tuple[str, tuple[str, str]] | None:
    """When a question first had two sides in stored articles (the later of its first two sides'
    earliest stored article), and the two statements that first made it so.

    The entry's id is made from those two statements, not from the question's own id: a question is
    re-derived with its story, and new pages may give it other seed statements and another title, but
    while the statements that first set the two sides apart stay on two sides it is the same entry."""
    article_of = {c.id: c.article for c in report.claims}
    firsts = []
    for side in q.sides[:2]:
        dated = sorted((seen[article_of[c]], c) for c in side.claims if article_of.get(c) in seen)
        if not dated:
            return None
        firsts.append(dated[0])
    if len(firsts) < 2:
        return None
    return max(t for t, _ in firsts), tuple(sorted(c for _, c in firsts))  # type: ignore[return-value]


def question_key(pair: tuple[str, str]) -> str:
    """A question entry's stable key: a hash of the two statements that first made it contested."""
    return hashlib.sha1("|".join(pair).encode()).hexdigest()[:16]


def _question_entries(store: Store, story_ids: list[str], keep: Callable[[Claim], bool] | None = None) -> list[FeedEntry]:
    """The contested questions of these stories (only those with a statement on a side that ``keep``
    accepts, when given), each dated when it became contested."""
    out: list[FeedEntry] = []
    for sid in story_ids:
        report = store.story_report(sid)
        if report is None:
            continue
        claims = {c.id: c for c in report.claims}
        seen = sql.first_stored(store, sorted({c.article for c in report.claims}))
        for q in report.questions:
            if not q.contested:
                continue
            if keep is not None and not any(c in claims and keep(claims[c]) for s in q.sides for c in s.claims):
                continue
            first = first_pair(q, report, seen)
            if first is None:
                continue
            when, pair = first
            entry = question_id(sid, question_key(pair))
            if any(e.id == entry for e in out):
                continue  # two questions first set apart by the same two statements: one entry
            sides = "; ".join(f"{_clip(s.position, 120)} ({', '.join(s.speakers[:3]) or 'unattributed'})"
                              for s in q.sides)
            out.append(FeedEntry(id=entry, kind="question", title=f"Contested: {_clip(q.summary, 150)}",
                                 updated=when, path=f"/stories/{sid}#contested", summary=_clip(sides, SUMMARY_CHARS),
                                 author="Rashomon"))
    return out


def _feed(fid: str, title: str, subtitle: str, path: str, page: str, entries: list[FeedEntry], store: Store) -> Feed:
    entries = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[:MAX_ENTRIES]
    updated = entries[0].updated if entries else (sql.latest_stored(store) or EPOCH)
    return Feed(id=fid, title=title, subtitle=subtitle, path=path, page=page, entries=entries, updated=updated)


def story_feed(store: Store, story_id: str) -> Feed | None:
    """A story's new articles and newly contested questions."""
    story = store.story(story_id)
    if story is None:
        return None
    arts = store.articles(ids=story.articles) if story.articles else []
    entries = _article_entries(store, arts) + _question_entries(store, [story.id])
    return _feed(f"urn:rashomon:feed:story:{story.id}", f"{story.title or 'Untitled story'} · Rashomon",
                 "New articles and newly contested questions of this story", f"/feeds/stories/{story.id}.atom",
                 f"/stories/{story.id}", entries, store)


def entity_feed(store: Store, entity_id: str) -> Feed | None:
    """New articles naming or quoting an entity, and contested questions where it is on a side."""
    ent = store.entity(entity_id)
    if ent is None:
        return None
    ids = sql.entity_articles(store, ent.id, MAX_ENTRIES)
    arts = store.articles(ids=ids) if ids else []
    stories = sorted({s for a in arts if (s := store.article_story(a.id))})
    entries = _article_entries(store, arts) + _question_entries(store, stories, keep=lambda c: c.speaker_entity == ent.id)
    return _feed(f"urn:rashomon:feed:entity:{ent.id}", f"{ent.canonical} · Rashomon",
                 f"New articles naming {ent.canonical}, and contested questions where {ent.canonical} holds a side",
                 f"/feeds/entities/{ent.id}.atom", f"/entities/{ent.id}", entries, store)


def tag_feed(store: Store, slug: str) -> Feed | None:
    """A tag's new articles and the newly contested questions of its stories."""
    from rashomon.browse import find_tag  # tags (issue 22 item 3): the tag's stories and articles

    tag, stories, articles = find_tag(store, slug)
    if tag is None:
        return None
    ids = sorted(set(articles) | {a for s in stories[:MAX_ENTRIES] if (st := store.story(s)) for a in st.articles})
    arts = store.articles(ids=ids) if ids else []
    entries = _article_entries(store, arts) + _question_entries(store, stories[:MAX_ENTRIES])
    return _feed(f"urn:rashomon:feed:tag:{tag.slug}", f"{tag.name} · Rashomon",
                 f"New articles and newly contested questions tagged {tag.name} ({tag.kind})",
                 f"/feeds/tags/{tag.slug}.atom", f"/tags/{tag.slug}", entries, store)


def search_feed(store: Store, q: str) -> Feed:
    """New articles matching a search, and the contested questions those articles take a side in."""
    from urllib.parse import quote_plus

    hits = store.search(q, limit=MAX_ENTRIES) if q.strip() else []
    arts = store.articles(ids=[h.article for h in hits]) if hits else []
    stories = sorted({h.story for h in hits if h.story})
    found = {h.article for h in hits}
    entries = _article_entries(store, arts) + _question_entries(store, stories, keep=lambda c: c.article in found)
    key = hashlib.sha1(" ".join(q.casefold().split()).encode()).hexdigest()[:16]
    return _feed(f"urn:rashomon:feed:search:{key}", f"Search “{_clip(q, 60)}” · Rashomon",
                 f"New articles matching “{_clip(q, 200)}”, and contested questions they take a side in",
                 f"/feeds/search.atom?q={quote_plus(q)}", f"/search?q={quote_plus(q)}", entries, store)
