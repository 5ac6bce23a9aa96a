"""Full-text search over titles and bodies (FTS5), safe against any string a user types."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from rashomon.store.base import StoreBase


@dataclass
class SearchHit:
    """One article matching a query, with a snippet whose matches are wrapped in ``mark``."""

    article: str  # article id
    source: str
    title: str
    outlet: str | None
    published: str | None
    kind: str
    snippet: str
    rank: float


_WORD = re.compile(r"\w+", re.UNICODE)


def quote_query(query: str) -> str:
    """Turn free text into an FTS5 query that cannot be a syntax error: every word a quoted term.

    Quoting each word (rather than the whole string as one phrase) keeps the user's intent of
    "all these words, anywhere", and a word-level tokenisation mirrors unicode61's.
    """
    return " ".join(f'"{w}"' for w in _WORD.findall(query))


class Searcher(StoreBase):
    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        *,
        mark: tuple[str, str] = ("[", "]"),
        ellipsis: str = "…",
        tokens: int = 16,
    ) -> list[SearchHit]:
        """Best matches first. The query may use FTS5 syntax (OR, NOT, "phrases", prefix*);
        when it is not valid FTS5 it is searched as plain words instead of failing."""
        query = (query or "").strip()
        if not query:
            return []
        for fts in dict.fromkeys((query, quote_query(query))):
            if not fts:
                continue
            try:
                return self._search(fts, limit, offset, mark, ellipsis, tokens)
            except sqlite3.OperationalError:
                continue
        return []

    def count_search(self, query: str) -> int:
        query = (query or "").strip()
        for fts in dict.fromkeys((query, quote_query(query))):
            if not fts:
                continue
            try:
                return self.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (fts,)).fetchone()[0]
            except sqlite3.OperationalError:
                continue
        return 0

    def _search(self, fts: str, limit: int, offset: int, mark: tuple[str, str], ellipsis: str, tokens: int) -> list[SearchHit]:
        rows = self.conn.execute(
            "SELECT a.id, a.source, a.title, a.outlet, a.published, a.kind, "
            "snippet(articles_fts, 1, ?, ?, ?, ?) AS snip, "
            "snippet(articles_fts, 0, ?, ?, ?, ?) AS tsnip, bm25(articles_fts, 5.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (mark[0], mark[1], ellipsis, max(1, min(tokens, 64)), mark[0], mark[1], ellipsis, 64,
             fts, int(limit), max(int(offset), 0)),
        ).fetchall()
        hits = []
        for r in rows:
            snip = r["snip"] if mark[0] in (r["snip"] or "") else (r["tsnip"] if mark[0] in (r["tsnip"] or "") else r["snip"])
            hits.append(SearchHit(r["id"], r["source"], r["title"], r["outlet"], r["published"], r["kind"], snip or "", r["rank"]))
        return hits
