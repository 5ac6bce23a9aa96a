"""Seeds section: gold.json's name groups — each group one entity, distinct groups distinct.

For every alias of a gold group, each occurrence in an article body (case-insensitive, curly
quotes folded, not inside a longer word or hyphenated compound) is traced to the mention that
names it: a mention spanning exactly the occurrence (after "the"/possessive/punctuation are
trimmed), a mention inside it that ends where it ends ("Azerbaijan's | Ministry of Foreign
Affairs"), or a longer mention whose title-stripped text is another alias of the same group
("Aliyev" inside "Ilham Aliyev"). An occurrence inside some other name ("Azerbaijani" inside
"Azerbaijani Foreign Ministry") is not this group's mention and is skipped. A group is whole when
its traced mentions share one entity; two groups sharing an entity are a wrong merge.
The baseline in the same run groups mentions by their exact cleaned string.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable

from rashomon.eval import EvalTable
from rashomon.model import Article, ArticleAnalysis, Entity, Mention
from rashomon.resolve.names import clean_span, parse_person

STRICT = ("PERSON", "ORG")


def _fold(text: str) -> str:
    return text.replace("‘", "'").replace("’", "'").lower()


def _articles(run: Any) -> dict[str, Article]:
    arts = run.articles
    if isinstance(arts, dict):
        return arts
    return {a.id: a for a in arts}


def _occurrences(body: str, alias: str) -> Iterable[tuple[int, int]]:
    pattern = r"(?<![\w\-])" + re.escape(_fold(alias)) + r"(?![\w\-])"
    for m in re.finditer(pattern, _fold(body)):
        yield m.start(), m.end()


def _stripped(m: Mention) -> str:
    text, _, _ = clean_span(m.text)
    p = parse_person(text) if m.label == "PERSON" else None
    return _fold(p.display if p else text)


def _trace(s: int, e: int, mentions: list[Mention], aliases: set[str]) -> Mention | None:
    """The mention that names the occurrence [s, e), or None."""
    exact, head, longer = [], [], []
    for m in mentions:
        if m.end <= s or m.start >= e:
            continue
        _, cs, ce = clean_span(m.text, m.start)
        if (cs, ce) == (s, e) or (m.start, m.end) == (s, e):
            exact.append(m)
        elif cs >= s and ce == e:
            head.append(m)
        elif m.start <= s and m.end >= e and _stripped(m) in aliases:
            longer.append(m)
    for group in (exact, head, longer):
        if group:
            return max(group, key=lambda m: m.end - m.start)
    return None


def _group_entities(gold_group: dict[str, Any], articles: dict[str, Article],
                    mentions: dict[str, list[Mention]], entity_of) -> tuple[set[str], int, int]:  # type: ignore[no-untyped-def]
    """Entities the group's occurrences trace to, occurrences seen, occurrences traced."""
    aliases = {_fold(a) for a in gold_group["aliases"]} | {_fold(gold_group["canonical"])}
    ids: set[str] = set()
    seen = traced = 0
    for aid, art in articles.items():
        ms = mentions.get(aid, [])
        for alias in aliases:
            for s, e in _occurrences(art.body, alias):
                seen += 1
                m = _trace(s, e, ms, aliases)
                if m is None:
                    continue
                eid = entity_of(m)
                if eid:
                    traced += 1
                    ids.add(eid)
    return ids, seen, traced


def _score_system(gold: dict[str, Any], articles: dict[str, Article], mentions: dict[str, list[Mention]],
                  entity_of, system: str) -> tuple[dict[str, Any], list[str]]:  # type: ignore[no-untyped-def]
    groups = gold.get("entities", [])
    owner: dict[str, list[str]] = defaultdict(list)
    row: dict[str, Any] = {"system": system, "groups": len(groups), "whole": 0, "split": 0, "unseen": 0,
                           "wrong_merges": 0, "occurrences_traced": 0}
    strict_ok = strict_n = 0
    problems: list[str] = []
    per_group: dict[str, set[str]] = {}
    for g in groups:
        ids, seen, traced = _group_entities(g, articles, mentions, entity_of)
        row["occurrences_traced"] += traced
        per_group[g["canonical"]] = ids
        for eid in ids:
            owner[eid].append(g["canonical"])
        if not ids:
            row["unseen"] += 1
            problems.append(f"{g['canonical']}: no mention found for any alias ({seen} occurrences)")
        elif len(ids) == 1:
            row["whole"] += 1
        else:
            row["split"] += 1
            problems.append(f"{g['canonical']}: split over {len(ids)} entities")
    merged = {eid: names for eid, names in owner.items() if len(names) > 1}
    row["wrong_merges"] = len(merged)
    for names in merged.values():
        problems.append("merged: " + " + ".join(names))
    bad = {n for names in merged.values() for n in names}
    for g in groups:
        if g.get("type") in STRICT:
            strict_n += 1
            strict_ok += len(per_group[g["canonical"]]) == 1 and g["canonical"] not in bad
    row["person_org_ok"] = f"{strict_ok}/{strict_n}"
    row["pass"] = strict_ok == strict_n
    return row, problems


def _analyse_here(articles: list[Article], notes: list[str]) -> list[ArticleAnalysis]:
    """Stage-level fallback while the pipeline cannot run: analyse the extracted articles here."""
    from rashomon.config import default_options

    options = default_options()
    try:
        from rashomon.analyze import analyze_articles, build_nlp

        out = analyze_articles(articles, build_nlp(options), options)
        if any(an.mentions for an in out):
            notes.append("no stored analyses: articles analysed here with rashomon.analyze")
            return out
        reason = "it returned no mentions"
    except Exception as e:  # noqa: BLE001 - another stage failing only changes the route and the note
        reason = f"{type(e).__name__}: {e}"
    try:
        import spacy

        from rashomon.analyze.entities import doc_mentions

        nlp = spacy.load(options.spacy_model, exclude=["lemmatizer"])
        out = [ArticleAnalysis(art.id, doc_mentions(doc, art.id)) for art, doc in zip(articles, nlp.pipe(a.body for a in articles))]
        notes.append(f"no stored analyses and rashomon.analyze failed ({reason}): bare {options.spacy_model} NER used")
        return out
    except Exception as e:  # noqa: BLE001
        notes.append(f"no analyses: rashomon.analyze failed ({reason}); spaCy failed ({type(e).__name__}: {e})")
        return []


def score(gold: dict[str, Any], run: Any) -> EvalTable:
    """Name groups whole / split / merged for Rashomon's entities and for exact-string grouping."""
    articles = _articles(run)
    analyses: list[ArticleAnalysis] = list(run.analyses)
    notes: list[str] = []
    if not analyses and articles:
        analyses = _analyse_here(list(articles.values()), notes)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for an in analyses:
        mentions[an.article].extend(an.mentions)
    entities: list[Entity] = list(getattr(run, "entities", []) or [])
    by_id = {e.id for e in entities}
    by_name = {e.canonical: e.id for e in entities}
    filled = any(m.entity for ms in mentions.values() for m in ms)
    if filled:
        def entity_of(m: Mention) -> str | None:
            if m.entity in by_id or not by_id:
                return m.entity
            return by_name.get(m.entity or "", m.entity)
    else:
        from rashomon.resolve import resolve_entities

        res = resolve_entities(analyses, articles)
        notes.append("mentions carried no entity: resolved here with resolve_entities")

        def entity_of(m: Mention) -> str | None:
            return res.mention_entity.get((m.article, m.start, m.end))

    table = EvalTable(
        task="seeds", title="Seeds: name groups (one entity per gold group)", dataset="seeds/gold.json entities",
        metrics=["groups", "whole", "split", "unseen", "wrong_merges", "occurrences_traced", "person_org_ok", "pass"],
        notes=notes,
    )
    row, problems = _score_system(gold, articles, mentions, entity_of, "rashomon")

    def exact(m: Mention) -> str:
        return _stripped(m)

    base, _ = _score_system(gold, articles, mentions, exact, "exact-string baseline")
    table.rows = [row, base]
    table.notes += [f"rashomon: {p}" for p in problems]
    return table
