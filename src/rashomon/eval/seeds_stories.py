"""The stories section of `rashomon eval seeds`: how the seed documents group, against gold.json.

Gold names documents as ``<file>#main`` / ``<file>#teaser-N``; a run's article sources are
matched to them by suffix, so any folder the seeds were ingested from scores the same.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rashomon.eval import EvalTable
from rashomon.eval.stories import bcubed, pairwise

METRICS = ["docs_found", "pairwise_p", "pairwise_r", "pairwise_f1", "b3_f1", "mains_together", "no_teaser_in_main", "exact_stories"]


def gold_groups(gold: dict[str, Any]) -> dict[str, str]:
    """Gold document key -> gold story name, from gold.json or from its "stories" block."""
    block = gold.get("stories", gold)
    return {doc: name for name, docs in block.items() if isinstance(docs, list) for doc in docs}


def _match(key: str, sources: list[str]) -> str | None:
    hits = [s for s in sources if s == key or s.endswith("/" + key) or s.endswith("\\" + key)]
    return hits[0] if len(hits) == 1 else None


def _row(system: str, gold_of: dict[str, str], pred_of: dict[str, str | None], kinds: dict[str, str]) -> dict[str, Any]:
    found = [k for k in gold_of if pred_of.get(k) is not None]
    g = [gold_of[k] for k in found]
    p = [str(pred_of[k]) for k in found]
    pp, pr, pf = pairwise(g, p) if found else (0.0, 0.0, 0.0)
    bf = bcubed(g, p)[2] if found else 0.0
    mains = [k for k in found if k.endswith("#main")]
    main_stories = {pred_of[k] for k in mains}
    together = len(mains) >= 2 and len(main_stories) == 1
    teaser_in = any(kinds.get(k) == "teaser" and pred_of[k] in main_stories for k in found)
    gold_sets = Counter(frozenset(k for k in found if gold_of[k] == name) for name in set(g))
    pred_sets = Counter(frozenset(k for k in found if pred_of[k] == s) for s in set(p))
    exact = sum((gold_sets & pred_sets).values())
    return {"system": system, "docs_found": f"{len(found)}/{len(gold_of)}", "pairwise_p": pp, "pairwise_r": pr,
            "pairwise_f1": pf, "b3_f1": bf, "mains_together": together, "no_teaser_in_main": bool(mains) and not teaser_in,
            "exact_stories": f"{exact}/{len(set(gold_of.values()))}"}


def score(gold: dict[str, Any], run: Any) -> EvalTable:
    """Score the run's stories on the seeds; baseline: one story per captured page."""
    gold_of = gold_groups(gold)
    articles = list(getattr(run, "articles", []) or [])
    sources = [a.source for a in articles]
    by_source = {a.source: a for a in articles}
    story_of_article = {aid: s.id for s in (getattr(run, "stories", []) or []) for aid in s.articles}
    pred: dict[str, str | None] = {}
    page: dict[str, str | None] = {}
    kinds: dict[str, str] = {}
    for key in gold_of:
        src = _match(key, sources)
        art = by_source.get(src) if src else None
        pred[key] = story_of_article.get(art.id) if art is not None else None
        page[key] = src.split("#", 1)[0] if src else None
        kinds[key] = art.kind if art is not None else ("teaser" if "#teaser" in key else "article")
    table = EvalTable(task="seeds", title="Seeds: story grouping", dataset="seeds/gold.json stories", metrics=METRICS)
    table.rows.append(_row("rashomon", gold_of, pred, kinds))
    table.rows.append(_row("baseline: one story per page", gold_of, page, kinds))
    missing = [k for k in gold_of if pred[k] is None]
    if missing:
        table.notes.append("not grouped or not found: " + ", ".join(sorted(missing)))
    return table
