"""Seeds section: gold.json's time values, each found with the exact TIMEX3 value.

A gold item ``{"text", "value"}`` of a seed page is found when a timex of one of that page's
articles contains the gold text or is contained in it (both normalised as gold.json says; the
TimeML extent of "on Friday" is "Friday") and has the gold value. Baseline in the same run:
dateparser's search over the same bodies with the publication date as RELATIVE_BASE.
"""

from __future__ import annotations

import logging
from typing import Any, Iterable

from rashomon.analyze.timex_normalize import canonical_value
from rashomon.eval import EvalTable
from rashomon.eval.seeds import norm, split_source
from rashomon.model import Article, ArticleAnalysis, Timex

log = logging.getLogger(__name__)


def found(gold_text: str, gold_value: str, timexes: Iterable[Timex]) -> bool:
    """True when a timex overlaps the gold text (containment either way) with the gold value."""
    g = norm(gold_text)
    for t in timexes:
        o = norm(t.text)
        if o and g and (g in o or o in g) and canonical_value(t.value) == canonical_value(gold_value):
            return True
    return False


def _analyses(run: Any, articles: list[Article], notes: list[str]) -> dict[str, ArticleAnalysis]:
    """The stored analyses; when the run has none (extract-only mode), analyse the articles here."""
    stored = {a.article: a for a in (run.analyses or [])}
    if stored or not articles:
        return stored
    try:
        from rashomon.analyze import analyze_articles, build_nlp
        from rashomon.config import default_options

        options = default_options()
        notes.append("no stored analyses: analysed the extracted articles directly")
        return {a.article: a for a in analyze_articles(articles, build_nlp(options), options)}
    except Exception as e:  # noqa: BLE001 - the section reports, it never crashes the seeds eval
        notes.append(f"analysis unavailable: {type(e).__name__}: {e}")
        return {}


def _baseline(articles: list[Article]) -> dict[str, list[Timex]]:
    from rashomon.eval.timex import TmlDoc, dateparser_timexes

    docs = [TmlDoc(a.id, a.body, a.published, []) for a in articles]
    out: dict[str, list[Timex]] = {}
    for a, spans in zip(articles, dateparser_timexes(docs)):
        out[a.id] = [Timex(a.id, s.start, s.end, s.text, s.type, s.value) for s in spans]  # type: ignore[arg-type]
    return out


def score(gold: dict[str, Any], run: Any) -> EvalTable:
    """How many of gold.json's time values each system finds exactly."""
    notes: list[str] = []
    articles = list(run.articles or [])
    by_page: dict[str, list[Article]] = {}
    for a in articles:
        by_page.setdefault(split_source(a.source)[0], []).append(a)
    analyses = _analyses(run, articles, notes)
    try:
        baseline = _baseline(articles)
    except Exception as e:  # noqa: BLE001
        baseline = {}
        notes.append(f"dateparser baseline unavailable: {type(e).__name__}: {e}")
    totals = {"rashomon": 0, "dateparser.search": 0}
    n = 0
    for name, doc in gold.get("documents", {}).items():
        page_articles = by_page.get(name, [])
        ours = [t for a in page_articles for t in (analyses.get(a.id).timexes if analyses.get(a.id) else [])]
        theirs = [t for a in page_articles for t in baseline.get(a.id, [])]
        for item in doc.get("timex", []):
            n += 1
            hit = found(item["text"], item["value"], ours)
            totals["rashomon"] += hit
            totals["dateparser.search"] += found(item["text"], item["value"], theirs)
            if not hit:
                near = [f"{t.text!r}={t.value}" for t in ours if norm(t.text) in norm(item["text"]) or norm(item["text"]) in norm(t.text)]
                notes.append(f"missed {name}: {item['text']!r}={item['value']} (got {', '.join(near) or 'nothing'})")
    table = EvalTable(
        task="seeds",
        title="Seeds: time values (TIMEX3, exact value)",
        dataset="seeds/gold.json",
        metrics=["found", "total", "share"],
        notes=notes,
    )
    for system, k in totals.items():
        table.rows.append({"system": system, "found": k, "total": n, "share": k / n if n else 0.0})
    return table
