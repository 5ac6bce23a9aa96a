"""Seeds section: gold.json's contested questions found, each side's evidence on opposite sides.

A gold question is found when one contested question has two different sides such that one
side carries at least one of the gold side A's evidence sentences and the other at least one of
side B's. Name variants (gold "not_contested") must never be the substance of a disagreement.
The baseline, measured in the same run, is a denial-cue detector: a story's claims that deny
or negate on one side, every other claim on the other.
"""

from __future__ import annotations

import re
from typing import Any

from rashomon.compare.questions import polarity
from rashomon.eval import EvalTable
from rashomon.model import Article, Claim, Question, Side


def _norm(text: str) -> str:
    text = text.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _matches(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _evidence(items: list[str]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        doc, _, text = item.partition(": ")
        out.append((doc.strip(), text.strip()))
    return out


def _side_has(side_claims: list[Claim], articles: dict[str, Article], evidence: list[tuple[str, str]]) -> bool:
    for c in side_claims:
        art = articles.get(c.article)
        if art is None:
            continue
        around = art.body[c.start : c.end + 120]  # the claim and what directly follows it
        for doc, text in evidence:
            if art.page_source.endswith(doc) and (_matches(c.text, text) or _matches(text, around)):
                return True
    return False


def _finds(g: dict[str, Any], q: Question, claims: dict[str, Claim], articles: dict[str, Article]) -> bool:
    """True when two of the question's sides carry the gold question's two sides' evidence."""
    ev_a, ev_b = (_evidence(s["evidence"]) for s in g["sides"][:2])
    sides = [[claims[i] for i in s.claims if i in claims] for s in q.sides]
    return any(i != j and _side_has(si, articles, ev_a) and _side_has(sj, articles, ev_b)
               for i, si in enumerate(sides) for j, sj in enumerate(sides))


def found_questions(
    gold: dict[str, Any], questions: list[Question], claims: dict[str, Claim], articles: dict[str, Article]
) -> tuple[int, list[str]]:
    """How many gold contested questions some contested question covers, with both sides apart."""
    found, missed = 0, []
    for g in gold.get("contested", []):
        hit = any(q.contested and _finds(g, q, claims, articles) for q in questions)
        found += hit
        if not hit:
            missed.append(g["id"])
    return found, missed


def true_questions(gold: dict[str, Any], questions: list[Question], claims: dict[str, Claim], articles: dict[str, Article]) -> int:
    """Contested questions that find some gold question (the rest are not in the gold)."""
    return sum(q.contested and any(_finds(g, q, claims, articles) for g in gold.get("contested", [])) for q in questions)


def name_variant_disagreements(gold: dict[str, Any], questions: list[Question], claims: dict[str, Claim]) -> int:
    """Contested questions whose opposite sides say the same thing once name variants are folded."""
    folds = [(a.lower(), e["canonical"].lower()) for e in gold.get("entities", []) for a in e["aliases"]]

    def fold(t: str) -> str:
        t = _norm(t)
        for alias, canon in sorted(folds, key=lambda x: -len(x[0])):
            t = t.replace(alias, canon)
        return t

    bad = 0
    for q in questions:
        if not q.contested:
            continue
        texts = [{fold(claims[i].text) for i in s.claims if i in claims} for s in q.sides]
        if any(a & b for x, a in enumerate(texts) for y, b in enumerate(texts) if x < y):
            bad += 1
    return bad


def baseline_questions(claims: list[Claim]) -> list[Question]:
    """Denial cues only: per story, negating claims against all the others."""
    by_story: dict[str, list[Claim]] = {}
    for c in claims:
        by_story.setdefault(c.story, []).append(c)
    out = []
    for story, cs in by_story.items():
        neg = [c.id for c in cs if polarity(c.text) == "no"]
        pos = [c.id for c in cs if c.id not in neg]
        out.append(Question(id=f"baseline-{story}", story=story, summary="denials", contested=bool(neg and pos),
                            sides=[Side("no", neg), Side("yes", pos)]))
    return out


def score(gold: dict[str, Any], run: Any) -> EvalTable:
    reports = list(getattr(run, "reports", None) or [])
    articles = {a.id: a for a in run.articles}
    claims = {c.id: c for r in reports for c in r.claims}
    questions = [q for r in reports for q in r.questions]
    total = len(gold.get("contested", []))
    table = EvalTable(
        task="seeds",
        title="Seeds: contested questions",
        dataset="seeds/gold.json",
        metrics=["found", "of", "contested_total", "contested_true", "name_variant_disagreements"],
    )
    f, missed = found_questions(gold, questions, claims, articles)
    table.rows.append({"system": "rashomon", "found": f, "of": total,
                       "contested_total": sum(q.contested for q in questions),
                       "contested_true": true_questions(gold, questions, claims, articles),
                       "name_variant_disagreements": name_variant_disagreements(gold, questions, claims)})
    base = baseline_questions(list(claims.values()))
    bf, _ = found_questions(gold, base, claims, articles)
    table.rows.append({"system": "baseline: denial cues", "found": bf, "of": total,
                       "contested_total": sum(q.contested for q in base),
                       "contested_true": true_questions(gold, base, claims, articles),
                       "name_variant_disagreements": name_variant_disagreements(gold, base, claims)})
    if missed:
        table.notes.append("missed: " + ", ".join(missed))
    if not reports:
        table.notes.append("no story reports were read back: the compare stage did not run")
    return table
