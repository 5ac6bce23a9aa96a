"""What related articles and an aggregator copy's credit read from the store (``stories.related`` ranks them)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from rashomon.model import Article
from rashomon.store.base import StoreBase, row_to_article

# An entity named in more articles than this says little about how two of them relate, and its
# postings would make the look-up grow with the corpus: it is left out of the shared names.
MAX_ENTITY_ARTICLES = 500


class RelatedStore(StoreBase):
    """Readers for ``stories.related`` and the credit line of an aggregator's copy (migration 0011)."""

    def entity_postings(self, article_id: str, labels: Iterable[str], *,
                        max_df: int = MAX_ENTITY_ARTICLES) -> tuple[dict[str, tuple[str, int, int]], dict[str, set[str]]]:
        """The article's entities of ``labels`` with (canonical name, articles naming it, its mentions here),
        and for each other main article naming one of those carried by at most ``max_df`` articles, which it names."""
        rows = self.conn.execute(
            "SELECT m.entity, e.canonical, count(*) AS tf, "
            "(SELECT count(DISTINCT m2.article) FROM mentions m2 WHERE m2.entity = m.entity) AS df "
            "FROM mentions m JOIN entities e ON e.id = m.entity "
            "WHERE m.article = ? AND e.label IN (SELECT value FROM json_each(?)) GROUP BY m.entity",
            (article_id, json.dumps(sorted(set(labels)))))
        entities = {r[0]: (r[1], r[3], r[2]) for r in rows}
        kept = sorted(e for e, (_, df, _) in entities.items() if df <= max_df)
        postings: dict[str, set[str]] = defaultdict(set)
        if kept:
            rows = self.conn.execute(
                "SELECT DISTINCT m.article, m.entity FROM mentions m JOIN articles a ON a.id = m.article "
                "WHERE m.entity IN (SELECT value FROM json_each(?)) AND m.article != ? AND a.kind = 'article'",
                (json.dumps(kept), article_id))
            for art, ent in rows:
                postings[art].add(ent)
        return entities, dict(postings)

    def entity_vectors(self, article_ids: Iterable[str], labels: Iterable[str]) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
        """Each article's entities of ``labels`` with their mention counts, and how many articles name each."""
        rows = self.conn.execute(
            "SELECT m.article, m.entity, count(*) FROM mentions m JOIN entities e ON e.id = m.entity "
            "WHERE m.article IN (SELECT value FROM json_each(?)) AND e.label IN (SELECT value FROM json_each(?)) "
            "GROUP BY m.article, m.entity", (json.dumps(sorted(set(article_ids))), json.dumps(sorted(set(labels)))))
        vectors: dict[str, dict[str, int]] = defaultdict(dict)
        for art, ent, n in rows:
            vectors[art][ent] = n
        ents = sorted({e for v in vectors.values() for e in v})
        df = {r[0]: r[1] for r in self.conn.execute(
            "SELECT entity, count(DISTINCT article) FROM mentions WHERE entity IN (SELECT value FROM json_each(?)) "
            "GROUP BY entity", (json.dumps(ents),))}
        return dict(vectors), df

    def main_article_count(self) -> int:
        """How many main articles (not teasers) the store holds: the N of an entity's rarity."""
        return self.conn.execute("SELECT count(*) FROM articles WHERE kind = 'article'").fetchone()[0]

    def article_at(self, url: str) -> Article | None:
        """The stored main article read from ``url`` (its address, or the page it came from), if any.

        Tried as written, then with and without a trailing slash and under the other scheme; an
        article's ``source`` is indexed, its ``url`` is not (a scan, run only for a credited copy).
        """
        forms = _url_forms(url)
        sources = [f + "#main" for f in forms]
        row = self.conn.execute(
            "SELECT * FROM articles WHERE source IN (SELECT value FROM json_each(?)) AND kind = 'article' LIMIT 1",
            (json.dumps(sources),)).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT * FROM articles WHERE url IN (SELECT value FROM json_each(?)) AND kind = 'article' ORDER BY n LIMIT 1",
                (json.dumps(forms),)).fetchone()
        return row_to_article(row) if row else None


def _url_forms(url: str) -> list[str]:
    url = url.strip()
    bare = url.rstrip("/")
    forms = [url, bare, bare + "/"]
    for a, b in (("https://", "http://"), ("http://", "https://")):
        if bare.startswith(a):
            forms += [b + bare[len(a):], b + bare[len(a):] + "/"]
    return list(dict.fromkeys(forms))
