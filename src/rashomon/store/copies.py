"""Copies and threads in the store: blocking keys, candidate look-ups, copy links, story threads."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from rashomon.model import Article, Thread
from rashomon.store.base import StoreBase, dumps, loads, row_to_article


class CopyStore(StoreBase):
    """Writers and readers of ``extract.copies`` and ``stories.threads`` (migration 0009)."""

    def copy_pending(self) -> list[str]:
        """Main articles the copy stage has not checked yet, in ingest order."""
        rows = self.conn.execute("SELECT id FROM articles WHERE copy_checked = 0 AND kind = 'article' ORDER BY n")
        return [r[0] for r in rows]

    def add_copy_keys(self, keys: Mapping[str, Iterable[str]]) -> None:
        """Index each article's blocking keys and count how many articles carry each key."""
        with self.transaction() as conn:
            for article, ks in keys.items():
                ks = sorted(set(ks))
                new = [k for k in ks if conn.execute(
                    "INSERT OR IGNORE INTO copy_keys (key, article) VALUES (?, ?)", (k, article)).rowcount]
                conn.executemany(
                    "INSERT INTO copy_key_counts (key, n) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET n = n + 1",
                    [(k,) for k in new])

    def copy_candidates(self, article: str, keys: Iterable[str], *, max_df: int, rarest: int, min_shared: int,
                        limit: int) -> list[tuple[str, int]]:
        """Other articles sharing at least ``min_shared`` of this one's ``rarest`` keys carried by at most
        ``max_df`` articles: (article id, keys shared), most shared first. Cost is bounded by the
        postings of rare keys, never by the corpus."""
        rows = self.conn.execute(
            "SELECT key FROM copy_key_counts WHERE key IN (SELECT value FROM json_each(?)) AND n <= ? "
            "ORDER BY n, key LIMIT ?", (json.dumps(sorted(set(keys))), max_df, rarest))
        rare = [r[0] for r in rows]
        if len(rare) < min_shared:
            return []
        # Only main articles carry keys (``copy_pending``), so no join: one joined to ``articles`` had
        # SQLite walk every article of the kind and probe the keys, a cost that grew with the corpus.
        rows = self.conn.execute(
            "SELECT article, count(*) AS shared FROM copy_keys WHERE key IN (SELECT value FROM json_each(?)) "
            "AND article != ? GROUP BY article HAVING shared >= ? ORDER BY shared DESC, article LIMIT ?",
            (json.dumps(rare), article, min_shared, limit))
        return [(r[0], r[1]) for r in rows]

    def article_order(self, ids: list[str]) -> dict[str, int]:
        """Article id -> its ingest position (the order seen, for copies with no dates to tell)."""
        rows = self.conn.execute("SELECT id, n FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                                 (json.dumps(ids),))
        return {r[0]: r[1] for r in rows}

    def save_copy_links(self, links: Mapping[str, tuple[str | None, str | None, dict]], checked: Iterable[str]) -> None:
        """Set (copy_of, kind, evidence) per article id and mark ``checked`` articles as seen by the copy stage."""
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE articles SET copy_of = ?, copy_kind = ?, copy_evidence = ? WHERE id = ?",
                [(of, kind, dumps(ev or {}), aid) for aid, (of, kind, ev) in links.items()])
            conn.executemany("UPDATE articles SET copy_checked = 1 WHERE id = ?", [(a,) for a in checked])

    def copies_of(self, source: str) -> list[Article]:
        """The articles found to copy this one (``copy_of``), in ingest order."""
        return [row_to_article(r) for r in self.conn.execute("SELECT * FROM articles WHERE copy_of = ? ORDER BY n", (source,))]

    def copy_links(self) -> dict[str, tuple[str, str | None]]:
        """Every copy link: article source -> (source it copies, kind)."""
        rows = self.conn.execute("SELECT source, copy_of, copy_kind FROM articles WHERE copy_of IS NOT NULL")
        return {r[0]: (r[1], r[2]) for r in rows}

    def save_threads(self, story: str, threads: list[Thread]) -> None:
        """Replace a story's threads."""
        with self.transaction() as conn:
            if not conn.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone():
                return
            conn.execute("DELETE FROM story_threads WHERE story = ?", (story,))
            conn.executemany(
                "INSERT INTO story_threads (story, id, pos, title, first, last, articles) VALUES (?,?,?,?,?,?,?)",
                [(story, t.id, i, t.title, t.first, t.last, dumps(t.articles)) for i, t in enumerate(threads)])

    def threads(self, story: str) -> list[Thread]:
        """A story's threads in date order (empty before its first compare)."""
        rows = self.conn.execute(
            "SELECT id, title, first, last, articles FROM story_threads WHERE story = ? ORDER BY pos", (story,))
        return [Thread(story, r[0], r[1], loads(r[4], []), r[2], r[3]) for r in rows]
