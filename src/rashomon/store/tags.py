"""The SQL behind tags and the home page: entity counts per story and article, subjects, story figures.

Functions over an open ``Store`` (kept apart from its reader mixins so tags add no method to it):
they return plain rows and ``stories.tags.EntityCount``-shaped tuples; the choices (which entity
tags what, which country is a region) are made in ``stories.tags``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rashomon.store.base import StoreBase, chunks, now

# The labels that can make a tag (stories.tags.KIND_OF_LABEL): counts of other labels are not read.
TAG_LABELS = ("GPE", "LOC", "FAC", "ORG", "PERSON")
_LABELS_SQL = "(" + ",".join(f"'{x}'" for x in TAG_LABELS) + ")"
_NOT_TEASERS_ONLY = ("EXISTS (SELECT 1 FROM story_articles sa2 JOIN articles a2 ON a2.id = sa2.article "
                     "WHERE sa2.story = s.id AND a2.kind != 'teaser')")


@dataclass
class StoryFigures:
    """What the home page ranks a story by."""

    story: str
    title: str
    first: str | None
    last: str | None
    articles: int
    outlets: int
    contested: int  # contested questions
    contested_weight: float  # their summed confidence (a question compared before scores counts 0.5)
    changed: str  # the newest of: its membership change, its newest article stored, its newest analysis


def story_entity_counts(store: StoreBase, story_ids: list[str] | None = None,
                        entity_ids: list[str] | None = None) -> list[tuple[str, str, str, str, int, int]]:
    """(story, entity, canonical, label, articles naming it, mentions) for entities of a tag label."""
    return _entity_counts(store, "sa.story", "count(DISTINCT m.article)",
                          "JOIN story_articles sa ON sa.article = m.article", story_ids, entity_ids)


def article_entity_counts(store: StoreBase, article_ids: list[str] | None = None,
                          entity_ids: list[str] | None = None) -> list[tuple[str, str, str, str, int, int]]:
    """(article, entity, canonical, label, 1, mentions) for entities of a tag label."""
    return _entity_counts(store, "m.article", "1", "", article_ids, entity_ids)


def _entity_counts(store: StoreBase, unit: str, articles: str, join: str, unit_ids: list[str] | None,
                   entity_ids: list[str] | None) -> list[tuple[str, str, str, str, int, int]]:
    """Per (unit, entity) of a tag label: canonical, label, articles naming it, mentions."""
    conds, args = [f"e.label IN {_LABELS_SQL}"], []
    for column, ids in ((unit, unit_ids), ("m.entity", entity_ids)):
        if ids is not None:
            conds.append(f"{column} IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(list(ids)))
    rows = store.conn.execute(
        f"SELECT {unit}, m.entity, e.canonical, e.label, {articles}, count(*) FROM mentions m {join} "
        f"JOIN entities e ON e.id = m.entity WHERE {' AND '.join(conds)} GROUP BY {unit}, m.entity",
        args).fetchall()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def tag_entities(store: StoreBase) -> list[tuple[str, str, str]]:
    """(id, canonical, label) of every entity whose label can make a tag."""
    rows = store.conn.execute(f"SELECT id, canonical, label FROM entities WHERE label IN {_LABELS_SQL}")
    return [(r[0], r[1], r[2]) for r in rows]


def full_story_ids(store: StoreBase) -> set[str]:
    """The stories holding at least one full article (one known only from teasers is not listed)."""
    rows = store.conn.execute(f"SELECT s.id FROM stories s WHERE {_NOT_TEASERS_ONLY}")
    return {r[0] for r in rows}


def story_sizes(store: StoreBase, story_ids: list[str]) -> dict[str, int]:
    """Story id -> number of member articles."""
    out: dict[str, int] = {}
    for chunk in chunks(list(story_ids)):
        rows = store.conn.execute("SELECT story, count(*) FROM story_articles WHERE story IN "
                                  "(SELECT value FROM json_each(?)) GROUP BY story", (json.dumps(chunk),))
        out.update({r[0]: r[1] for r in rows})
    return out


# -- subjects ---------------------------------------------------------------------------------
def topics_pending(store: StoreBase, limit: int | None = None) -> list[str]:
    """Articles (not teasers) the subject tagger has not read yet, in ingest order."""
    rows = store.conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN topics_checked c ON c.article = a.id "
        f"WHERE c.article IS NULL AND a.kind != 'teaser' ORDER BY a.n LIMIT {int(limit) if limit else -1}")
    return [r[0] for r in rows]


def save_article_topics(store: Any, scores: Iterable[Any], checked: list[str], model: str) -> None:
    """Replace the subjects of the ``checked`` articles by ``scores`` (TopicScore records) and mark them read."""
    scores = list(scores)
    with store.transaction() as conn:
        conn.executemany("DELETE FROM article_topics WHERE article = ?", [(a,) for a in checked])
        conn.executemany("INSERT OR REPLACE INTO article_topics (article, topic, score) SELECT ?, ?, ? "
                         "WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
                         [(s.article, s.topic, s.score, s.article) for s in scores])
        at = now()
        conn.executemany("INSERT OR REPLACE INTO topics_checked (article, model, checked_at) SELECT ?, ?, ? "
                         "WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)", [(a, model, at, a) for a in checked])


def article_topics(store: StoreBase, article_ids: list[str] | None = None,
                   topic: str | None = None) -> list[tuple[str, str, float]]:
    """(article, subject slug, score) rows, best first per article."""
    conds, args = [], []
    if article_ids is not None:
        conds.append("article IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(list(article_ids)))
    if topic is not None:
        conds.append("topic = ?")
        args.append(topic)
    where = " WHERE " + " AND ".join(conds) if conds else ""
    rows = store.conn.execute(f"SELECT article, topic, score FROM article_topics{where} ORDER BY article, score DESC", args)
    return [(r[0], r[1], r[2]) for r in rows]


def story_topic_rows(store: StoreBase, story_ids: list[str] | None = None,
                     topic: str | None = None) -> list[tuple[str, str, float]]:
    """(story, article, subject slug) for every subject of every member article."""
    conds, args = [], []
    if story_ids is not None:
        conds.append("sa.story IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(list(story_ids)))
    if topic is not None:
        conds.append("t.topic = ?")
        args.append(topic)
    where = " WHERE " + " AND ".join(conds) if conds else ""
    rows = store.conn.execute("SELECT sa.story, t.article, t.topic, t.score FROM article_topics t JOIN story_articles sa "
                              f"ON sa.article = t.article{where}", args)
    return [(r[0], r[1], r[2], r[3]) for r in rows]  # type: ignore[misc]


def topics_checked_count(store: StoreBase) -> int:
    return store.conn.execute("SELECT count(*) FROM topics_checked").fetchone()[0]


# -- the home page ----------------------------------------------------------------------------
def story_figures(store: StoreBase, story_ids: list[str] | None = None) -> list[StoryFigures]:
    """Each story's size, outlets, contested questions and last change (stories of teasers only left out)."""
    conds, args = [_NOT_TEASERS_ONLY], []
    if story_ids is not None:
        conds.append("s.id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(list(story_ids)))
    rows = store.conn.execute(
        "SELECT s.id, s.title, s.first, s.last, s.updated_at, "
        "(SELECT count(*) FROM story_articles sa WHERE sa.story = s.id), "
        "(SELECT count(DISTINCT a.outlet) FROM story_articles sa JOIN articles a ON a.id = sa.article "
        " WHERE sa.story = s.id AND a.outlet IS NOT NULL), "
        "(SELECT count(*) FROM questions q WHERE q.story = s.id AND q.contested = 1), "
        "(SELECT coalesce(sum(coalesce(q.score, 0.5)), 0) FROM questions q WHERE q.story = s.id AND q.contested = 1), "
        "(SELECT max(p.ingested_at) FROM story_articles sa JOIN articles a ON a.id = sa.article "
        " JOIN pages p ON p.hash = a.page_hash WHERE sa.story = s.id), "
        "(SELECT max(an.analyzed_at) FROM story_articles sa JOIN analyses an ON an.article = sa.article "
        " WHERE sa.story = s.id) "
        f"FROM stories s WHERE {' AND '.join(conds)}", args).fetchall()
    return [StoryFigures(r[0], r[1], r[2], r[3], r[5], r[6], r[7], round(float(r[8]), 3),
                         max(x for x in (r[4], r[9], r[10]) if x) if any((r[4], r[9], r[10])) else "")
            for r in rows]


def articles_newest_first(store: StoreBase, article_ids: list[str], limit: int, offset: int) -> list[str]:
    """These articles' ids, newest published first (undated last), for a tag page."""
    rows = store.conn.execute(
        "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
        "ORDER BY published IS NULL, published DESC, n DESC LIMIT ? OFFSET ?",
        (json.dumps(list(article_ids)), int(limit), max(int(offset), 0)))
    return [r[0] for r in rows]
