"""How well related-article ranking finds an article's own event when story membership is hidden.

    python scripts/related_ranking.py COVERAGE.db [../shared/eval/coverage/basil/gold.json]

COVERAGE.db is a database of ``coverage/basil`` (the development set: 50 events, each told by 3
outlets), e.g. a copy of the one ``rashomon eval coverage`` builds. For every article, every other
article is ranked by ``stories.related.across_stories`` (no story excluded, no floor, no cap), and
the article's two others of its gold event should come first: R-precision (the share of them in
the top two) and MRR (of the first one found). The baseline in the same run ranks by the plain sum
of the shared names' rarities. Prints one line per ranking.
"""

from __future__ import annotations

import json
import os
import sys

from rashomon.stories.related import PEOPLE_AND_PLACES, across_stories, rarity
from rashomon.store import Store


def main(db: str, gold_path: str) -> None:
    gold = json.load(open(gold_path, encoding="utf-8"))["documents"]
    store = Store.open(db)
    arts = [a for a in store.articles() if a.kind == "article"]
    event = {a.id: gold[os.path.basename(a.page_source)]["story"] for a in arts}
    n = store.main_article_count()
    runs: dict[str, dict[str, list[str]]] = {"rashomon (cosine of rarity x salience)": {}, "sum of shared rarities": {}}
    for a in arts:
        entities, postings = store.entity_postings(a.id, PEOPLE_AND_PLACES)
        vectors, df = store.entity_vectors(list(postings), PEOPLE_AND_PLACES)
        df.update({e: d for e, (_, d, _) in entities.items()})
        records = {r.id: r for r in store.articles(ids=list(vectors))}
        got = across_stories(None, {e: tf for e, (_, _, tf) in entities.items()}, {e: nm for e, (nm, _, _) in entities.items()},
                             vectors, df, records, {}, n, limit=10**9, per_story=10**9, min_score=0.0)
        runs["rashomon (cosine of rarity x salience)"][a.id] = [r.article.id for r in got]
        weight = {e: rarity(d, n) for e, (_, d, _) in entities.items()}
        runs["sum of shared rarities"][a.id] = sorted(postings, key=lambda b: (-sum(weight[e] for e in postings[b]), b))
    for name, ranked in runs.items():
        rp = mrr = 0.0
        for a in arts:
            own = {b.id for b in arts if event[b.id] == event[a.id] and b.id != a.id}
            order = ranked[a.id]
            rp += len(set(order[: len(own)]) & own) / len(own)
            found = [order.index(b) for b in own if b in order]
            mrr += 1 / (1 + min(found)) if found else 0.0
        print(f"{name:40s} R-precision {rp / len(arts):.3f}  MRR {mrr / len(arts):.3f}  (articles {len(arts)})")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "../shared/eval/coverage/basil/gold.json")
