"""Tags and the home page's sections read from one store: what the web pages, the API and ``rashomon tags`` show.

The choices are ``stories.tags`` and ``stories.topics`` (pure functions); the SQL is ``store.tags``;
this module joins the two, so the surfaces stay thin. Entity tags and regions are computed on read
from the resolved entities (they follow every re-resolution at no bookkeeping); subjects were stored
per article by the derive step (``run.topics``) and are combined per story here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rashomon.store import Store
from rashomon.store import tags as sql
from rashomon.store.tags import StoryFigures
from rashomon.stories.tags import (
    KINDS, EntityCount, Tag, all_topic_tags, country_of, entity_tag, slugify, story_regions, tags_of, topic_of_tag,
    topic_tag,
)
from rashomon.stories.topics import TopicScore, story_topics

RECENT_STORIES = 300  # the home page's regions and subjects are read from the most recently changed stories


@dataclass
class TagCount:
    """A tag with how many stories and articles carry it."""

    tag: Tag
    stories: int
    articles: int


@dataclass
class Section:
    """One list of the home page: a heading, the tag it stands for (regions, subjects) and its stories."""

    key: str
    heading: str
    stories: list[StoryFigures]
    tag: Tag | None = None
    why: str = ""
    more: int = 0  # stories of the section not listed


@dataclass
class Home:
    """The home page's sections."""

    covered: Section
    contested: Section
    changed: Section
    regions: list[Section] = field(default_factory=list)
    topics: list[Section] = field(default_factory=list)


def _counts(rows: list[tuple[str, str, str, str, int, int]]) -> dict[str, list[EntityCount]]:
    out: dict[str, list[EntityCount]] = defaultdict(list)
    for r in rows:
        out[r[0]].append(EntityCount(*r))
    return out


def _order(tags: list[Tag]) -> list[Tag]:
    """Subjects first, then places, organisations and people (each kind in its given order)."""
    return sorted(tags, key=lambda t: KINDS.index(t.kind))


def story_subjects(store: Store, story_ids: list[str] | None = None) -> dict[str, list[tuple[str, float]]]:
    """Story id -> its subjects (slug, share of its articles), from the stored article subjects."""
    rows = sql.story_topic_rows(store, story_ids)
    by_story: dict[str, list[TopicScore]] = defaultdict(list)
    for sid, art, topic, score in rows:
        by_story[sid].append(TopicScore(art, topic, score))
    sizes = sql.story_sizes(store, sorted(by_story))
    return {sid: story_topics(scores, sizes.get(sid, 0)) for sid, scores in by_story.items()}


def story_tags(store: Store, story_ids: list[str]) -> dict[str, list[Tag]]:
    """Each story's tags: subjects, then places, organisations and people it is about."""
    counts = _counts(sql.story_entity_counts(store, story_ids))
    sizes = sql.story_sizes(store, story_ids)
    subjects = story_subjects(store, story_ids)
    out: dict[str, list[Tag]] = {}
    for sid in story_ids:
        topics = [t for t in (topic_tag(s) for s, _ in subjects.get(sid, [])) if t]
        out[sid] = _order(topics + tags_of(counts.get(sid, []), sizes.get(sid, 1)))
    return out


def article_tags(store: Store, article_ids: list[str]) -> dict[str, list[Tag]]:
    """Each article's tags: its own subjects, then the places, organisations and people it names twice or more."""
    counts = _counts(sql.article_entity_counts(store, article_ids))
    topics: dict[str, list[Tag]] = defaultdict(list)
    for aid, topic, _ in sql.article_topics(store, article_ids):
        tag = topic_tag(topic)
        if tag:
            topics[aid].append(tag)
    return {aid: _order(topics.get(aid, []) + tags_of(counts.get(aid, []), 1)) for aid in article_ids}


def story_region_tags(store: Store, story_ids: list[str]) -> dict[str, list[Tag]]:
    """Each story's regions (``stories.tags.story_regions``)."""
    counts = _counts(sql.story_entity_counts(store, story_ids))
    sizes = sql.story_sizes(store, story_ids)
    return {sid: story_regions(counts.get(sid, []), sizes.get(sid, 1)) for sid in story_ids}


def tag_index(store: Store) -> list[TagCount]:
    """Every tag some story carries, with its story and article counts; subjects first, then by stories."""
    full = sql.full_story_ids(store)  # as the tag pages and the home page list stories
    story_counts = {sid: c for sid, c in _counts(sql.story_entity_counts(store)).items() if sid in full}
    sizes = sql.story_sizes(store, sorted(story_counts))
    found: dict[str, TagCount] = {}
    for sid, counts in story_counts.items():
        for tag in tags_of(counts, sizes.get(sid, 1)):
            found.setdefault(tag.slug, TagCount(tag, 0, 0)).stories += 1
    for sid, subjects in story_subjects(store).items():
        for slug, _ in subjects if sid in full else ():
            tag = topic_tag(slug)
            if tag:
                found.setdefault(tag.slug, TagCount(tag, 0, 0)).stories += 1
    for aid, counts in _counts(sql.article_entity_counts(store)).items():
        for tag in tags_of(counts, 1):
            if tag.slug in found:
                found[tag.slug].articles += 1
    for _, topic, _ in sql.article_topics(store):
        tag = topic_tag(topic)
        if tag and tag.slug in found:
            found[tag.slug].articles += 1
    return sorted(found.values(), key=lambda c: (KINDS.index(c.tag.kind), -c.stories, -c.articles, c.tag.slug))


def _entity_ids(store: Store, slug: str) -> tuple[Tag | None, list[str]]:
    """The tag a slug names and the entities under it (a country's tag also holds its other names)."""
    tag: Tag | None = None
    ids: list[str] = []
    for eid, canonical, label in sql.tag_entities(store):
        own = entity_tag(canonical, label)
        if own is None:
            continue
        country = country_of(canonical) if own.kind == "place" else None
        if own.slug == slug:
            ids.append(eid)
            tag = tag or own
        elif country and f"place-{slugify(country)}" == slug:
            ids.append(eid)
            tag = tag or Tag(slug, "place", country)
    if tag is not None and tag.kind == "place":
        country = country_of(tag.name)
        if country and f"place-{slugify(country)}" == slug:
            tag = Tag(slug, "place", country)
    return tag, ids


def find_tag(store: Store, slug: str) -> tuple[Tag | None, list[str], list[str]]:
    """The tag a slug names, its stories (newest first) and its articles (newest first); (None, [], []) when none."""
    topic = topic_of_tag(slug)
    if topic is not None:
        rows = sql.story_topic_rows(store, topic=topic)
        candidates = sorted({r[0] for r in rows})
        subjects = story_subjects(store, candidates)
        stories = [sid for sid in candidates if any(s == topic for s, _ in subjects.get(sid, []))]
        articles = sorted({aid for aid, _, _ in sql.article_topics(store, topic=topic)})
        return topic_tag(topic), _newest_stories(store, stories), articles
    tag, ids = _entity_ids(store, slug)
    if tag is None:
        return None, [], []
    story_counts = _counts(sql.story_entity_counts(store, entity_ids=ids))
    sizes = sql.story_sizes(store, sorted(story_counts))
    stories = [sid for sid, counts in story_counts.items()
               if _carries(counts, sizes.get(sid, 1), slug)]
    article_counts = _counts(sql.article_entity_counts(store, entity_ids=ids))
    articles = [aid for aid, counts in article_counts.items() if sum(c.mentions for c in counts) >= 2]
    return tag, _newest_stories(store, stories), articles


def _carries(counts: list[EntityCount], members: int, slug: str) -> bool:
    """Whether these counts (of the entities under one tag) make the tag: one tag from all of them."""
    merged = [EntityCount(c.owner, c.entity, "x", c.label, c.articles, c.mentions) for c in counts]
    kept = tags_of(merged, members)
    return bool(kept) or any(r.slug == slug for r in story_regions(counts, members))


def _newest_stories(store: Store, story_ids: list[str]) -> list[str]:
    figures = {f.story: f for f in sql.story_figures(store, story_ids)}
    return sorted(figures, key=lambda s: (figures[s].last or "", figures[s].changed, s), reverse=True)


def tag_page(store: Store, slug: str, limit: int = 50, offset: int = 0,
             found: tuple[Tag | None, list[str], list[str]] | None = None) -> dict[str, Any] | None:
    """A tag with one page of its stories and of its articles, newest first, and their totals
    (``found``: what ``find_tag`` gave for this slug, when the caller kept it)."""
    tag, stories, articles = found if found is not None else find_tag(store, slug)
    if tag is None:
        return None
    page_stories = stories[offset:offset + limit]
    page_articles = sql.articles_newest_first(store, articles, limit, offset)
    return {"tag": tag, "stories": sql.story_figures(store, page_stories) if page_stories else [],
            "story_order": page_stories, "articles": store.articles(ids=page_articles) if page_articles else [],
            "article_order": page_articles, "total_stories": len(stories), "total_articles": len(articles)}


def home(store: Store, per: int = 5, sections: int = 8) -> Home:
    """The home page's sections: most covered, most contested, recently changed, by region and by subject."""
    figures = sql.story_figures(store)
    covered = sorted(figures, key=lambda f: (-f.articles, -f.outlets, f.story))[:per]
    contested = sorted((f for f in figures if f.contested), key=lambda f: (-f.contested_weight, -f.contested, f.story))[:per]
    recent = sorted(figures, key=lambda f: (f.changed, f.story), reverse=True)
    result = Home(
        covered=Section("covered", "Most covered", covered, why="most articles, then most outlets"),
        contested=Section("contested", "Most contested", contested,
                          why="contested questions, each weighted by how sure Rashomon is that it is disputed"),
        changed=Section("changed", "Recently changed", recent[:per],
                        why="newest article stored, analysis or regrouping first"),
    )
    pool = recent[:RECENT_STORIES]
    by_id = {f.story: f for f in pool}
    ids = [f.story for f in pool]
    regions: dict[str, tuple[Tag, list[str]]] = {}
    for sid, tags in story_region_tags(store, ids).items():
        for tag in tags:
            regions.setdefault(tag.slug, (tag, []))[1].append(sid)
    topics: dict[str, tuple[Tag, list[str]]] = {}
    for sid, subjects in story_subjects(store, ids).items():
        for slug, _ in subjects:
            tag = topic_tag(slug)
            if tag:
                topics.setdefault(tag.slug, (tag, []))[1].append(sid)
    result.regions = _grouped(regions, by_id, per, sections)
    result.topics = _grouped(topics, by_id, per, sections)
    return result


def _grouped(groups: dict[str, tuple[Tag, list[str]]], by_id: dict[str, StoryFigures], per: int,
             most: int) -> list[Section]:
    """Sections of the biggest groups, each with its most recently changed stories."""
    order = sorted(groups.values(), key=lambda g: (-len(g[1]), g[0].name))[:most]
    out = []
    for tag, sids in order:
        stories = sorted((by_id[s] for s in sids if s in by_id), key=lambda f: (f.changed, f.story), reverse=True)
        out.append(Section(tag.slug, tag.name, stories[:per], tag=tag, more=max(0, len(stories) - per)))
    return out


def known_topics() -> list[Tag]:
    """Every subject tag, used or not (the IPTC top level)."""
    return all_topic_tags()
