"""Readers: plain ``rashomon.model`` records out, with limit/offset on every list."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rashomon.model import Article, ArticleAnalysis, Attribution, Claim, Entity, Framing, Mention, Question, Side, Story, Timex
from rashomon.store.base import StoreBase, chunks, loads, row_to_article, row_to_attribution, row_to_mention, row_to_timex

if TYPE_CHECKING:
    from rashomon.compare import StoryReport


@dataclass
class Failure:
    """One recorded per-input failure."""

    source: str
    reason: str
    at: str
    run: str | None = None


def _page(limit: int | None, offset: int) -> str:
    return f" LIMIT {int(limit) if limit is not None else -1} OFFSET {max(int(offset), 0)}"


@dataclass
class Version:
    """A later text of a stored article (the outlet changed the page); the article keeps the first."""

    article: str
    title: str
    body: str
    text_hash: str
    published: str | None
    captured: str | None
    stored_at: str

    @property
    def changed(self) -> str:
        """The day this text was seen: its capture date, else the day it was stored."""
        return (self.captured or self.stored_at or "")[:10]


class Reader(StoreBase):
    # -- articles ---------------------------------------------------------------------------
    def articles(
        self,
        limit: int | None = None,
        offset: int = 0,
        *,
        outlet: str | None = None,
        kind: str | None = None,
        story: str | None = None,
        ids: list[str] | None = None,
        near_duplicate_of: str | None = None,
        parent: str | None = None,
    ) -> list[Article]:
        """Articles in ingest order, optionally filtered; the web app pages through this."""
        where, args = self._article_filter(
            outlet=outlet, kind=kind, story=story, ids=ids, near_duplicate_of=near_duplicate_of, parent=parent
        )
        order = " ORDER BY sa.pos" if story else " ORDER BY a.n"
        rows = self.conn.execute(f"SELECT a.* FROM articles a{where}{order}{_page(limit, offset)}", args)
        return [row_to_article(r) for r in rows]

    def count_articles(self, *, outlet: str | None = None, kind: str | None = None, story: str | None = None) -> int:
        where, args = self._article_filter(outlet=outlet, kind=kind, story=story)
        return self.conn.execute(f"SELECT count(*) FROM articles a{where}", args).fetchone()[0]

    def _article_filter(self, **f: Any) -> tuple[str, list[Any]]:
        joins, conds, args = "", [], []
        if f.get("story"):
            joins = " JOIN story_articles sa ON sa.article = a.id"
            conds.append("sa.story = ?")
            args.append(f["story"])
        for col in ("outlet", "kind", "near_duplicate_of", "parent"):
            if f.get(col) is not None:
                conds.append(f"a.{col} = ?")
                args.append(f[col])
        if f.get("ids") is not None:  # json_each: one parameter however many ids (no variable limit)
            conds.append("a.id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(list(f["ids"])))
        return joins + (" WHERE " + " AND ".join(conds) if conds else ""), args

    def article(self, id_or_source: str) -> Article | None:
        row = self.conn.execute(
            "SELECT * FROM articles WHERE id = ? OR source = ? LIMIT 1", (id_or_source, id_or_source)
        ).fetchone()
        return row_to_article(row) if row else None

    def story_map(self) -> dict[str, str]:
        """Article id -> story id for every grouped article (one query, for exports)."""
        return {a: s for s, a in self.conn.execute("SELECT story, article FROM story_articles")}

    def article_story(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT story FROM story_articles WHERE article = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def outlets(self) -> list[tuple[str, int]]:
        """Each outlet with its article count, most articles first."""
        rows = self.conn.execute(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY 2 DESC, 1"
        )
        return [(r[0], r[1]) for r in rows]

    def has_page(self, page_hash: str) -> int | None:
        """Articles stored from this page, or None when the page was never stored."""
        row = self.conn.execute("SELECT articles FROM pages WHERE hash = ?", (page_hash,)).fetchone()
        return None if row is None else row[0]

    def signatures(self) -> Iterator[tuple[str, bytes | None, str, str | None]]:
        """(source, minhash, text hash, published) of every stored article, in ingest order."""
        yield from self.conn.execute("SELECT source, minhash, text_hash, published FROM articles ORDER BY n")

    def versions(self, article_id: str) -> list[Version]:
        """The later texts kept for an article, oldest first."""
        rows = self.conn.execute(
            "SELECT article, title, body, text_hash, published, captured, stored_at FROM article_versions "
            "WHERE article = ? ORDER BY n", (article_id,))
        return [Version(*r) for r in rows]

    def versions_of(self, article_ids: Iterable[str]) -> dict[str, list[Version]]:
        """The later texts of each of these articles that has any, oldest first (one query per 500 ids)."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, list[Version]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self.conn.execute(
                "SELECT article, title, body, text_hash, published, captured, stored_at FROM article_versions "
                f"WHERE article IN ({', '.join('?' * len(chunk))}) ORDER BY n", chunk)
            for r in rows:
                out.setdefault(r[0], []).append(Version(*r))
        return out

    def unanalyzed(self) -> list[str]:
        rows = self.conn.execute("SELECT a.id FROM articles a LEFT JOIN analyses x ON x.article = a.id WHERE x.article IS NULL ORDER BY a.n")
        return [r[0] for r in rows]

    def ungrouped(self, analyzed: bool = False) -> list[str]:
        """Articles the story stage has not seen (only the analysed ones with ``analyzed``)."""
        join = " JOIN analyses x ON x.article = a.id" if analyzed else ""
        return [r[0] for r in self.conn.execute(f"SELECT a.id FROM articles a{join} WHERE a.grouped = 0 ORDER BY a.n")]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY n")]

    # -- analyses ---------------------------------------------------------------------------
    def analyses(self, article_ids: list[str] | None = None) -> list[ArticleAnalysis]:
        """Stored analyses (all, or of the given articles, in that order)."""
        if article_ids is None:
            ids = [r[0] for r in self.conn.execute("SELECT x.article FROM analyses x JOIN articles a ON a.id = x.article ORDER BY a.n")]
        else:
            ids = list(article_ids)
        out: dict[str, ArticleAnalysis] = {}
        for chunk in chunks(ids, 500):
            q = self._in_clause(chunk)
            for r in self.conn.execute(f"SELECT article, sentences FROM analyses WHERE article IN ({q})", chunk):
                out[r[0]] = ArticleAnalysis(r[0], sentences=[tuple(s) for s in loads(r[1], [])])
            for r in self.conn.execute(f'SELECT * FROM mentions WHERE article IN ({q}) ORDER BY article, start, n', chunk):
                out[r["article"]].mentions.append(row_to_mention(r))
            for r in self.conn.execute(f"SELECT * FROM attributions WHERE article IN ({q}) ORDER BY article, content_start, n", chunk):
                t = row_to_attribution(r)
                (out[r["article"]].dek_attributions if t.part == "dek" else out[r["article"]].attributions).append(t)
            for r in self.conn.execute(f"SELECT * FROM timexes WHERE article IN ({q}) ORDER BY article, start, n", chunk):
                out[r["article"]].timexes.append(row_to_timex(r))
        return [out[i] for i in ids if i in out]

    def mentions(self, *, entity: str | None = None, article: str | None = None, limit: int | None = None, offset: int = 0) -> list[Mention]:
        conds, args = [], []
        if entity is not None:
            conds.append("entity = ?")
            args.append(entity)
        if article is not None:
            conds.append("article = ?")
            args.append(article)
        where = " WHERE " + " AND ".join(conds) if conds else ""
        rows = self.conn.execute(f"SELECT * FROM mentions{where} ORDER BY n{_page(limit, offset)}", args)
        return [row_to_mention(r) for r in rows]

    def timexes(self, article: str) -> list[Timex]:
        return [row_to_timex(r) for r in self.conn.execute('SELECT * FROM timexes WHERE article = ? ORDER BY start', (article,))]

    def attributions(
        self,
        speaker: str | None = None,
        story: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        entity: str | None = None,
        article: str | None = None,
    ) -> list[Attribution]:
        """Statements; ``speaker`` matches (case-insensitively) the words as written, the resolved
        antecedent, or any name of the speaker's entity."""
        joins, conds, args = "", [], []
        if story:
            joins = " JOIN story_articles sa ON sa.article = t.article"
            conds.append("sa.story = ?")
            args.append(story)
        if entity:
            conds.append("t.speaker_entity = ?")
            args.append(entity)
        if article:
            conds.append("t.article = ?")
            args.append(article)
        if speaker:
            like = f"%{speaker.lower()}%"
            conds.append(
                "(lower(t.speaker) LIKE ? OR lower(coalesce(t.speaker_resolved, '')) LIKE ? OR t.speaker_entity IN "
                "(SELECT id FROM entities WHERE lower(canonical) LIKE ? UNION SELECT entity FROM entity_aliases WHERE lower(alias) LIKE ?))"
            )
            args += [like] * 4
        where = " WHERE " + " AND ".join(conds) if conds else ""
        # Unfiltered, insertion order is ingest order and needs no sort over every statement.
        order = "a.n, t.content_start" if conds else "t.rowid"
        rows = self.conn.execute(
            f"SELECT t.* FROM attributions t JOIN articles a ON a.id = t.article{joins}{where} "
            f"ORDER BY {order}{_page(limit, offset)}",
            args,
        )
        return [row_to_attribution(r) for r in rows]

    # -- entities ---------------------------------------------------------------------------
    def entities(self, limit: int | None = None, offset: int = 0, *, label: str | None = None, ids: list[str] | None = None) -> list[Entity]:
        """Entities, most mentioned first."""
        conds, args = [], []
        if label:
            conds.append("e.label = ?")
            args.append(label)
        if ids is not None:
            conds.append("e.id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(list(ids)))
        where = " WHERE " + " AND ".join(conds) if conds else ""
        # Looking entities up by id needs no mention counts (the costly part on a large corpus).
        rank = "0" if ids is not None else "(SELECT count(*) FROM mentions m WHERE m.entity = e.id)"
        rows = self.conn.execute(
            f"SELECT e.id, e.canonical, e.label, {rank} AS c "
            f"FROM entities e{where} ORDER BY c DESC, e.canonical{_page(limit, offset)}",
            args,
        ).fetchall()
        return self._with_aliases([Entity(r[0], r[1], r[2]) for r in rows])

    def entity(self, entity_id: str) -> Entity | None:
        found = self.entities(ids=[entity_id])
        return found[0] if found else None

    def story_entities(self, story_id: str) -> list[Entity]:
        """Entities mentioned (or speaking) in a story's articles, most mentioned first."""
        rows = self.conn.execute(
            "SELECT e.id, e.canonical, e.label FROM (SELECT m.entity AS ent FROM mentions m JOIN story_articles sa "
            "ON sa.article = m.article WHERE sa.story = ? UNION ALL SELECT t.speaker_entity FROM attributions t "
            "JOIN story_articles sa ON sa.article = t.article WHERE sa.story = ?) x JOIN entities e ON e.id = x.ent "
            "GROUP BY e.id ORDER BY count(*) DESC, e.canonical",
            (story_id, story_id),
        ).fetchall()
        return self._with_aliases([Entity(r[0], r[1], r[2]) for r in rows])

    def article_entity_names(self, article_ids: list[str]) -> dict[str, list[str]]:
        """Canonical names of the entities each article mentions (what story grouping needs)."""
        out: dict[str, list[str]] = {a: [] for a in article_ids}
        for chunk in chunks(article_ids, 500):
            rows = self.conn.execute(
                f"SELECT DISTINCT m.article, e.canonical FROM mentions m JOIN entities e ON e.id = m.entity "
                f"WHERE m.article IN ({self._in_clause(chunk)}) ORDER BY m.article, e.canonical",
                chunk,
            )
            for art, name in rows:
                out[art].append(name)
        return out

    def _with_aliases(self, ents: list[Entity]) -> list[Entity]:
        by_id = {e.id: e for e in ents}
        for chunk in chunks(list(by_id), 500):
            rows = self.conn.execute(
                f"SELECT entity, alias FROM entity_aliases WHERE entity IN ({self._in_clause(chunk)}) ORDER BY entity, pos", chunk
            )
            for ent, alias in rows:
                by_id[ent].aliases.append(alias)
        return ents

    # -- stories ----------------------------------------------------------------------------
    def stories(self, limit: int | None = None, offset: int = 0, *, ids: list[str] | None = None, teasers: bool = True) -> list[Story]:
        """Stories, most recent last date first; ``teasers=False`` leaves out a story of teasers only
        (a "Related Articles" link to a story the corpus does not hold is not a story of the corpus)."""
        clauses, args = [], []
        if ids is not None:
            clauses.append("id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(list(ids)))
        if not teasers:
            clauses.append(_NOT_TEASERS_ONLY)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self.conn.execute(
            f"SELECT id, title, first, last FROM stories{where} ORDER BY coalesce(last, '') DESC, id{_page(limit, offset)}",
            args,
        ).fetchall()
        stories = {r[0]: Story(r[0], r[1], [], r[2], r[3]) for r in rows}
        for chunk in chunks(list(stories), 500):
            for sid, art in self.conn.execute(
                f"SELECT story, article FROM story_articles WHERE story IN ({self._in_clause(chunk)}) ORDER BY story, pos", chunk
            ):
                stories[sid].articles.append(art)
        return list(stories.values())

    def story_ids_like(self, key: str, limit: int = 6) -> list[str]:
        """The story ids ``key`` names: itself, else those starting with it or with "story-" + key
        (``rashomon show 3f2a9c`` as the README writes it); at most ``limit``."""
        row = self.conn.execute("SELECT id FROM stories WHERE id = ?", (key,)).fetchone()
        if row is not None:
            return [row[0]]
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.conn.execute("SELECT id FROM stories WHERE id LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
                                 (escaped + "%", "story-" + escaped + "%", limit)).fetchall()
        return [r[0] for r in rows]

    def story(self, story_id: str) -> Story | None:
        """A story by id, or by a unique prefix of its id (with or without "story-")."""
        ids = self.story_ids_like(story_id, limit=2) if story_id else []
        if len(ids) != 1:
            return None
        sid = ids[0]
        r = self.conn.execute("SELECT id, title, first, last FROM stories WHERE id = ?", (sid,)).fetchone()
        arts = [a[0] for a in self.conn.execute("SELECT article FROM story_articles WHERE story = ? ORDER BY pos", (sid,))]
        return Story(r[0], r[1], arts, r[2], r[3])

    def stories_of(self, article_ids: list[str]) -> set[str]:
        """The stories holding any of these articles."""
        out: set[str] = set()
        for chunk in chunks(list(article_ids), 500):
            rows = self.conn.execute(f"SELECT DISTINCT story FROM story_articles WHERE article IN ({self._in_clause(chunk)})", chunk)
            out.update(r[0] for r in rows)
        return out

    def stale_stories(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM stories WHERE report_stale = 1 ORDER BY id")]

    def story_report(self, story_id: str) -> "StoryReport | None":
        """The saved claims, questions and framing of a story (None before compare has run)."""
        from rashomon.compare import StoryReport

        row = self.conn.execute("SELECT report_stale FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        claims = [
            Claim(story=r["story"], article=r["article"], text=r["text"], start=r["start"], end=r["end"],
                  status=r["status"], speaker=r["speaker"], speaker_entity=r["speaker_entity"], side=r["side"],
                  question=r["question"], position=r["position"], corroboration=r["corroboration"], id=r["id"])
            for r in self.conn.execute("SELECT * FROM claims WHERE story = ? ORDER BY pos", (story_id,))
        ]
        sides: dict[str, list[Side]] = {}
        for r in self.conn.execute("SELECT * FROM question_sides WHERE story = ? ORDER BY question, pos", (story_id,)):
            sides.setdefault(r["question"], []).append(
                Side(r["position"], loads(r["claims"], []), loads(r["speakers"], []), loads(r["outlets"], []))
            )
        questions = [
            Question(r["id"], story_id, r["summary"], bool(r["contested"]), r["reason"], sides.get(r["id"], []), r["score"])
            for r in self.conn.execute("SELECT * FROM questions WHERE story = ? ORDER BY pos", (story_id,))
        ]
        framing = [
            Framing(story_id, r["outlet"], loads(r["word_choices"], {}), r["hedged_share"], loads(r["voices"], {}),
                    r["tone"], r["statements"])
            for r in self.conn.execute("SELECT * FROM framing WHERE story = ? ORDER BY outlet", (story_id,))
        ]
        return StoryReport(story=story_id, claims=claims, questions=questions, framing=framing)

    def contested_counts(self) -> dict[str, int]:
        """Story id -> number of contested questions (for the stories list)."""
        rows = self.conn.execute("SELECT story, count(*) FROM questions WHERE contested = 1 GROUP BY story")
        return {r[0]: r[1] for r in rows}

    # -- bookkeeping ------------------------------------------------------------------------
    def failures(self, limit: int | None = None, offset: int = 0, *, run: str | None = None) -> list[Failure]:
        where, args = (" WHERE run = ?", [run]) if run else ("", [])
        rows = self.conn.execute(f"SELECT source, reason, at, run FROM errors{where} ORDER BY n{_page(limit, offset)}", args)
        return [Failure(*r) for r in rows]

    def get_state(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT value FROM stage_state WHERE key = ?", (key,)).fetchone()
        return None if row is None or row[0] is None else bytes(row[0])

    def counts(self, keys: Iterable[str] | None = None) -> dict[str, int]:
        """How many of each record the database holds (only ``keys`` when given: big tables cost)."""
        wanted = set(keys) if keys is not None else None
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        queries = {
            "pages": "SELECT count(*) FROM pages",
            "articles": "SELECT count(*) FROM articles",
            "teasers": "SELECT count(*) FROM articles WHERE kind = 'teaser'",
            "near_duplicates": "SELECT count(*) FROM articles WHERE near_duplicate_of IS NOT NULL",
            "outlets": "SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL",
            "analyzed": "SELECT count(*) FROM analyses",
            "mentions": "SELECT count(*) FROM mentions",
            "attributions": "SELECT count(*) FROM attributions",
            "timexes": "SELECT count(*) FROM timexes",
            "entities": "SELECT count(*) FROM entities",
            "stories": f"SELECT count(*) FROM stories WHERE {_NOT_TEASERS_ONLY}",  # as the stories list shows them
            "teaser_stories": f"SELECT count(*) FROM stories WHERE NOT {_NOT_TEASERS_ONLY}",
            "claims": "SELECT count(*) FROM claims",
            "questions": "SELECT count(*) FROM questions",
            "contested": "SELECT count(*) FROM questions WHERE contested = 1",
            "errors": "SELECT count(*) FROM errors",
        }
        return {k: one(q) for k, q in queries.items() if wanted is None or k in wanted}


# A story with at least one full article: one known only from "Related Articles" teasers is not listed.
_NOT_TEASERS_ONLY = ("EXISTS (SELECT 1 FROM story_articles sa JOIN articles a ON a.id = sa.article "
                     "WHERE sa.story = stories.id AND a.kind != 'teaser')")

