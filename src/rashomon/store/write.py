"""Writers: each is one transaction (or joins the caller's), so a killed process leaves whole batches."""

from __future__ import annotations

import os
import re
import socket
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from rashomon.model import Article, ArticleAnalysis, Story
from rashomon.store.base import ARTICLE_COLUMNS, ATTRIBUTION_COLUMNS, CREDIT_COLUMNS, JSON_ARTICLE_FIELDS, StoreBase, dumps, now

if TYPE_CHECKING:
    from rashomon.compare import StoryReport
    from rashomon.resolve import Resolution

ENTITIES_DIRTY = "entities_dirty"  # stage_state key: analyses changed since the last resolve
CLAIM_PREFIX = "analysing:"  # stage_state key prefix: an article a live run is analysing


@dataclass
class PageAdded:
    """What storing one page did: articles new, and sources stored before with other text."""

    added: int = 0
    changed: list[str] = field(default_factory=list)


class Writer(StoreBase):
    def add_page_articles(
        self,
        page_hash: str,
        page_source: str,
        articles: Sequence[Article],
        signatures: Sequence[bytes | None] | None = None,
    ) -> int:
        """Record a page and its articles; return how many articles were new (see ``add_page``)."""
        return self.add_page(page_hash, page_source, articles, signatures).added

    def add_page(
        self,
        page_hash: str,
        page_source: str,
        articles: Sequence[Article],
        signatures: Sequence[bytes | None] | None = None,
    ) -> PageAdded:
        """Record a page and its articles: how many were new, and which changed.

        A page already recorded adds nothing. An article whose source is already stored from
        other content (the same URL captured twice, its text since corrected) keeps the first
        copy as the analysed article, so re-running an ingest never flips between versions;
        the new text is kept in ``article_versions`` and its source returned as changed.
        """
        sigs = list(signatures) if signatures is not None else [None] * len(articles)
        if len(sigs) != len(articles):
            raise ValueError("one signature per article")
        result = PageAdded()
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM pages WHERE hash = ?", (page_hash,)).fetchone():
                return result
            conn.execute(
                "INSERT INTO pages (hash, source, articles, ingested_at) VALUES (?, ?, 0, ?)",
                (page_hash, page_source, now()),
            )
            cols = ("id", *ARTICLE_COLUMNS, "text_hash", "minhash")
            sql = f"INSERT OR IGNORE INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            for article, sig in zip(articles, sigs):
                values = []
                for c in ARTICLE_COLUMNS:
                    v = page_hash if c == "page_hash" else getattr(article, c)
                    values.append(dumps(v) if c in JSON_ARTICLE_FIELDS else v)
                cur = conn.execute(sql, (article.id, *values, article.text_hash, sig))
                result.added += cur.rowcount
                if cur.rowcount and article.original_outlet:
                    conn.execute(f"UPDATE articles SET {', '.join(f'{c} = ?' for c in CREDIT_COLUMNS)} WHERE id = ?",
                                 (*(getattr(article, c) for c in CREDIT_COLUMNS), article.id))
                if cur.rowcount == 0 and self._keep_version(article, page_hash):
                    result.changed.append(article.source)
            conn.execute("UPDATE pages SET articles = ? WHERE hash = ?", (result.added, page_hash))
        return result

    def _keep_version(self, article: Article, page_hash: str) -> bool:
        """Keep a new text of a stored article in its history; True when it was new."""
        row = self.conn.execute("SELECT id, text_hash FROM articles WHERE source = ?", (article.source,)).fetchone()
        if row is None or row[1] == article.text_hash:
            return False
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO article_versions (article, page_hash, title, body, text_hash, published, captured, "
            "stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (row[0], page_hash, article.title, article.body, article.text_hash, article.published, article.captured, now()),
        )
        return cur.rowcount > 0

    def claim_unanalyzed(self, owner: str, limit: int, stale_minutes: float) -> list[str]:
        """Claim up to ``limit`` articles still without an analysis and not claimed by another
        live run, so two ingests of one database never analyse the same article twice.

        A claim older than ``stale_minutes`` (its run was killed) is taken over.
        """
        cutoff = (datetime.now(timezone.utc) - timedelta(minutes=stale_minutes)).isoformat(timespec="seconds")
        with self.transaction() as conn:
            dead = [(key,) for key, value in conn.execute("SELECT key, value FROM stage_state WHERE key LIKE ?",
                                                          (CLAIM_PREFIX + "%",))
                    if not claim_alive(bytes(value or b"").decode("utf-8", "replace"))]
            conn.executemany("DELETE FROM stage_state WHERE key = ?", dead)  # a killed run's claims
            rows = conn.execute(
                "SELECT a.id FROM articles a LEFT JOIN analyses x ON x.article = a.id "
                "LEFT JOIN stage_state s ON s.key = ? || a.id "
                "WHERE x.article IS NULL AND (s.key IS NULL OR s.value = ? OR s.updated_at < ?) ORDER BY a.n LIMIT ?",
                (CLAIM_PREFIX, owner.encode(), cutoff, limit),
            ).fetchall()
            ids = [r[0] for r in rows]
            stamp = now()
            conn.executemany(
                "INSERT INTO stage_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                "value = excluded.value, updated_at = excluded.updated_at",
                [(CLAIM_PREFIX + i, owner.encode(), stamp) for i in ids],
            )
        return ids

    def release_claims(self, article_ids: Iterable[str]) -> None:
        """Drop this run's claims on articles (analysed, or given up)."""
        with self.transaction() as conn:
            conn.executemany("DELETE FROM stage_state WHERE key = ?", [(CLAIM_PREFIX + i,) for i in article_ids])

    def relink_duplicates(self, relinks: dict[str, str]) -> int:
        """Point stored copies at a newly found earlier copy (source -> its new earliest copy)."""
        with self.transaction() as conn:
            cur = conn.executemany(
                "UPDATE articles SET near_duplicate_of = ? WHERE source = ?",
                [(None if target == source else target, source) for source, target in relinks.items()],
            )
        return cur.rowcount

    def save_analysis(self, analyses: Iterable[ArticleAnalysis]) -> None:
        """Replace each article's mentions, attributions and timexes with the new analysis."""
        with self.transaction() as conn:
            for a in analyses:
                if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (a.article,)).fetchone():
                    continue  # the article was removed meanwhile; nothing to attach to
                for table in ("mentions", "attributions", "timexes", "analyses"):
                    conn.execute(f"DELETE FROM {table} WHERE article = ?", (a.article,))
                conn.execute(
                    "INSERT INTO analyses (article, sentences, analyzed_at) VALUES (?, ?, ?)",
                    (a.article, dumps([list(s) for s in a.sentences]), now()),
                )
                conn.executemany(
                    'INSERT INTO mentions (article, start, "end", text, label, entity) VALUES (?, ?, ?, ?, ?, ?)',
                    [(a.article, m.start, m.end, m.text, m.label, m.entity) for m in a.mentions],
                )
                conn.executemany(
                    f"INSERT INTO attributions ({', '.join(ATTRIBUTION_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(ATTRIBUTION_COLUMNS))})",
                    [
                        tuple(a.article if c == "article" else dumps(getattr(t, c)) if c in {"markers", "content_parts"} else getattr(t, c)
                              for c in ATTRIBUTION_COLUMNS)
                        for t in [*a.attributions, *a.dek_attributions]
                    ],
                )
                conn.executemany(
                    'INSERT INTO timexes (article, start, "end", text, type, value) VALUES (?, ?, ?, ?, ?, ?)',
                    [(a.article, t.start, t.end, t.text, t.type, t.value) for t in a.timexes],
                )
            self.set_state(ENTITIES_DIRTY, b"1")

    def replace_entities(self, resolution: "Resolution") -> set[str]:
        """Swap in a new entity resolution; return the ids of articles whose entities changed."""
        with self.transaction() as conn:
            before = self._entity_snapshot()
            conn.execute("DELETE FROM entity_aliases")
            conn.execute("DELETE FROM entities")
            conn.executemany(
                "INSERT OR REPLACE INTO entities (id, canonical, label) VALUES (?, ?, ?)",
                [(e.id, e.canonical, e.label) for e in resolution.entities],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO entity_aliases (entity, alias, pos) VALUES (?, ?, ?)",
                [(e.id, alias, i) for e in resolution.entities for i, alias in enumerate(e.aliases)],
            )
            conn.execute("UPDATE mentions SET entity = NULL")
            conn.executemany(
                'UPDATE mentions SET entity = ? WHERE article = ? AND start = ? AND "end" = ?',
                [(ent, art, s, e) for (art, s, e), ent in resolution.mention_entity.items()],
            )
            conn.execute("UPDATE attributions SET speaker_entity = NULL")
            conn.executemany(  # a dek span and a body span may share offsets: each updates its own part
                "UPDATE attributions SET speaker_entity = ? WHERE article = ? AND speaker_start = ? AND speaker_end = ? AND part = ?",
                [(ent, art, s, e, part) for part, links in (("body", resolution.speaker_entity), ("dek", resolution.dek_speaker_entity))
                 for (art, s, e), ent in links.items()],
            )
            after = self._entity_snapshot()
            conn.execute("DELETE FROM stage_state WHERE key = ?", (ENTITIES_DIRTY,))
        return {art for art in before.keys() | after.keys() if before.get(art) != after.get(art)}

    def _entity_snapshot(self) -> dict[str, frozenset[tuple]]:
        """Per article: its (span, entity id, canonical, aliases) links, to tell what a re-resolve changed."""
        aliases: dict[str, tuple[str, ...]] = {}
        for ent, alias in self.conn.execute("SELECT entity, alias FROM entity_aliases ORDER BY entity, pos"):
            aliases[ent] = (*aliases.get(ent, ()), alias)
        names = {r[0]: (r[1], aliases.get(r[0], ())) for r in self.conn.execute("SELECT id, canonical FROM entities")}
        snap: dict[str, set[tuple]] = {}
        rows = self.conn.execute(
            """SELECT article, start, "end", entity, 'body' FROM mentions WHERE entity IS NOT NULL """
            "UNION ALL SELECT article, speaker_start, speaker_end, speaker_entity, part FROM attributions "
            "WHERE speaker_entity IS NOT NULL"
        )
        for art, s, e, ent, part in rows:
            snap.setdefault(art, set()).add((s, e, ent, names.get(ent), part))
        return {k: frozenset(v) for k, v in snap.items()}

    def save_stories(
        self,
        stories: Sequence[Story],
        *,
        grouped: Iterable[str] = (),
        state: tuple[str, bytes] | None = None,
        replace_all: bool = True,
    ) -> list[str]:
        """Store the story grouping; return the ids of stories that are new or changed.

        ``grouped`` marks articles the story stage has seen (so they are not offered again),
        ``state`` saves the stage's serialised index in the same transaction. With
        ``replace_all`` the given stories are the whole grouping and stories not in it go.
        Changed stories are marked stale until their report is saved.
        """
        changed: list[str] = []
        with self.transaction() as conn:
            current = {s.id: s for s in (self.stories() if replace_all else self.stories(ids=[s.id for s in stories]))}
            if replace_all:
                keep = {s.id for s in stories}
                gone = [sid for sid in current if sid not in keep]
                conn.executemany("DELETE FROM stories WHERE id = ?", [(sid,) for sid in gone])
            for s in stories:
                old = current.get(s.id)
                if old is not None and (old.title, old.articles, old.first, old.last) == (s.title, s.articles, s.first, s.last):
                    continue
                changed.append(s.id)
                conn.execute(
                    "INSERT INTO stories (id, title, first, last, report_stale, updated_at) VALUES (?, ?, ?, ?, 1, ?) "
                    "ON CONFLICT(id) DO UPDATE SET title = excluded.title, first = excluded.first, "
                    "last = excluded.last, report_stale = 1, updated_at = excluded.updated_at",
                    (s.id, s.title, s.first, s.last, now()),
                )
                conn.execute("DELETE FROM story_articles WHERE story = ?", (s.id,))
                # An article sits in one story: moving it takes it out of the previous one.
                conn.executemany("DELETE FROM story_articles WHERE article = ?", [(a,) for a in s.articles])
                conn.executemany(
                    "INSERT INTO story_articles (story, article, pos) SELECT ?, ?, ? WHERE EXISTS "
                    "(SELECT 1 FROM articles WHERE id = ?)",
                    [(s.id, a, i, a) for i, a in enumerate(s.articles)],
                )
            conn.executemany("UPDATE articles SET grouped = 1 WHERE id = ?", [(a,) for a in grouped])
            if state is not None:
                self.set_state(*state)
        return changed

    def clear_stories(self, state_key: str | None = None) -> None:
        """Forget every story and mark every article ungrouped (for a regroup from scratch)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM stories")
            conn.execute("UPDATE articles SET grouped = 0")
            if state_key:
                conn.execute("DELETE FROM stage_state WHERE key = ?", (state_key,))

    def mark_stories_stale(self, story_ids: Iterable[str] | None = None) -> None:
        """Ask for the given stories' reports (all when None) to be recomputed."""
        with self.transaction() as conn:
            if story_ids is None:
                conn.execute("UPDATE stories SET report_stale = 1")
            else:
                conn.executemany("UPDATE stories SET report_stale = 1 WHERE id = ?", [(s,) for s in story_ids])

    def save_story_report(self, report: "StoryReport") -> None:
        """Replace a story's claims, questions and framing, and mark its report current."""
        sid = report.story
        with self.transaction() as conn:
            if not conn.execute("SELECT 1 FROM stories WHERE id = ?", (sid,)).fetchone():
                return
            for table in ("claims", "question_sides", "questions", "framing"):
                conn.execute(f"DELETE FROM {table} WHERE story = ?", (sid,))
            conn.executemany(
                'INSERT OR REPLACE INTO claims (story, id, pos, article, text, start, "end", status, speaker, '
                "speaker_entity, side, question, position, corroboration) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (sid, c.id or f"c{i}", i, c.article, c.text, c.start, c.end, c.status, c.speaker,
                     c.speaker_entity, c.side, c.question, c.position, c.corroboration)
                    for i, c in enumerate(report.claims)
                ],
            )
            for i, q in enumerate(report.questions):
                conn.execute(
                    "INSERT OR REPLACE INTO questions (story, id, pos, summary, contested, reason, score) VALUES (?,?,?,?,?,?,?)",
                    (sid, q.id, i, q.summary, int(q.contested), q.reason, q.score),
                )
                conn.executemany(
                    "INSERT OR REPLACE INTO question_sides (story, question, pos, position, claims, speakers, outlets) "
                    "VALUES (?,?,?,?,?,?,?)",
                    [(sid, q.id, j, s.position, dumps(s.claims), dumps(s.speakers), dumps(s.outlets))
                     for j, s in enumerate(q.sides)],
                )
            conn.executemany(
                "INSERT OR REPLACE INTO framing (story, outlet, word_choices, hedged_share, voices, tone, statements) "
                "VALUES (?,?,?,?,?,?,?)",
                [(sid, f.outlet, dumps(f.word_choices), f.hedged_share, dumps(f.voices), f.tone, f.statements)
                 for f in report.framing],
            )
            conn.execute("UPDATE stories SET report_stale = 0 WHERE id = ?", (sid,))

    def record_failure(self, source: str, reason: str, run: str | None = None) -> None:
        """Remember an input that failed, so `rashomon` and the web app can show it later."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO errors (run, source, reason, at) VALUES (?, ?, ?, ?)",
                (run, _utf8(source), _utf8(reason), now()),
            )

    def set_state(self, key: str, value: bytes | None) -> None:
        """Keep a stage's serialised state (e.g. the story index) in the database."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO stage_state (key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (key, value, now()),
            )


def _utf8(text: str) -> str:
    """Text SQLite can store: a surrogate (an undecodable file name, a lone JSON escape) becomes U+FFFD."""
    return text if text.isascii() else re.sub("[\ud800-\udfff]", "\ufffd", text)


def claim_owner() -> str:
    """A run's claim owner: host and process, so a claim of a process that died is seen as dead."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def claim_alive(owner: str) -> bool:
    """False when the owner's process ran on this host and is gone (killed); other hosts' claims
    live until they are ``analysis_claim_minutes`` old."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True

