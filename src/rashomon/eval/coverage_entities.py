"""Coverage section "entities": gold alias groups found whole, groups split, look-alikes merged.

Names are compared by ``name_key`` (folded; leading article, honorific and possessive dropped:
"Mr. Romney's" -> "romney"). A gold group's canonical name and aliases count only where they occur
in the run's article bodies at all (case kept: "Times" is not "times"). A group is *whole* when one
run entity (its canonical name or aliases) holds every present name, *split* when not and its
present names land in two or more entities, *unheld* otherwise. A ``distinct`` pair is *merged*
when one entity holds a name of each side (a side's names are the name given and, where it is a
gold canonical, its group's aliases, less any name the other side shares). The baseline makes
each distinct surface form of the run's mentions its own entity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from rashomon.eval import EvalTable
from rashomon.eval.coverage_statements import name_words

METRICS = ["groups", "whole", "whole_share", "split", "unheld", "distinct_pairs", "merged"]
_QUOTE_CLASS = "['‘’`´\"“”„]"
_SHOWN = 12


def name_key(name: str | None) -> str:
    """The form two spellings of one name share here: folded words, no article/honorific/possessive."""
    return " ".join(name_words(name))


def _pattern(name: str) -> re.Pattern[str]:
    parts = [r"\s+" if ch.isspace() else _QUOTE_CLASS if re.match(_QUOTE_CLASS, ch) else re.escape(ch) for ch in name.strip()]
    return re.compile(r"(?<![\w\-])" + "".join(parts) + r"(?![\w\-])")


def present_names(group: dict[str, Any], text: str) -> set[str]:
    """Keys of the group's names that occur in ``text`` (case-sensitive, whole words)."""
    names = {group.get("canonical") or "", *(group.get("aliases") or [])}
    return {name_key(n) for n in names if n.strip() and name_key(n) and _pattern(n).search(text)}


def entity_index(run: Any) -> dict[str, set[str]]:
    """Name key -> ids of the run entities that carry it (canonical or alias)."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in run.entities:
        for n in {e.canonical, *e.aliases}:
            if name_key(n):
                out[name_key(n)].add(e.id)
    return out


def surface_index(run: Any) -> dict[str, set[str]]:
    """Baseline: each distinct mention surface form (by key) is its own entity."""
    keys = {name_key(m.text) for an in run.analyses if an.article in run.file_of for m in an.mentions}
    return {k: {k} for k in keys if k}


def group_verdict(keys: set[str], index: dict[str, set[str]]) -> str:
    """'whole', 'split' or 'unheld' for a group's present name keys."""
    held = [index.get(k, set()) for k in keys]
    if held and all(held) and set.intersection(*held):
        return "whole"
    return "split" if len(set().union(*held)) >= 2 else "unheld"


def side_names(gold: dict[str, Any], name: str, other: str) -> set[str]:
    """Keys naming one side of a ``distinct`` pair, less the keys the other side shares."""
    groups = {g["canonical"]: g for g in gold.get("entities", [])}

    def keys(n: str) -> set[str]:
        g = groups.get(n, {})
        return {name_key(x) for x in [n, *(g.get("aliases") or [])]} - {""}

    return keys(name) - keys(other) or {name_key(name)}


def score_index(gold: dict[str, Any], text: str, index: dict[str, set[str]], system: str) -> tuple[dict[str, Any], list[str]]:
    """One row for one way of grouping names into entities, and what went wrong."""
    counts = dict.fromkeys(["whole", "split", "unheld"], 0)
    problems: list[str] = []
    for g in gold.get("entities", []):
        keys = present_names(g, text)
        if not keys:
            continue
        verdict = group_verdict(keys, index)
        counts[verdict] += 1
        if verdict != "whole":
            problems.append(f"{verdict}: {g['canonical']} ({', '.join(sorted(keys))})")
    merged = 0
    pairs = gold.get("distinct") or []
    for pair in pairs:
        a, b = side_names(gold, pair["a"], pair["b"]), side_names(gold, pair["b"], pair["a"])
        ea = set().union(*(index.get(k, set()) for k in a))
        eb = set().union(*(index.get(k, set()) for k in b))
        if ea & eb:
            merged += 1
            problems.append(f"merged: {pair['a']} + {pair['b']}")
    groups = sum(counts.values())
    row = {"system": system, "groups": groups, **counts, "whole_share": counts["whole"] / groups if groups else 0.0,
           "distinct_pairs": len(pairs), "merged": merged}
    return row, problems


def score(gold: dict[str, Any], careful: Any, hurried: Any) -> list[EvalTable]:
    """Rashomon's entities and exact-string entities, on the careful and the hurried run."""
    table = EvalTable("coverage", "Coverage: entities (gold alias groups whole, split; look-alikes merged)",
                      "gold.json entities, distinct", METRICS)
    baselines = []
    for run in (careful, hurried):
        text = "\n\n".join(a.body for a in run.article_of.values())
        row, problems = score_index(gold, text, entity_index(run), f"rashomon ({run.mode})")
        table.rows.append(row)
        base, _ = score_index(gold, text, surface_index(run), f"baseline: exact-string entities ({run.mode})")
        baselines.append(base)
        shown = [p for p in problems if p.startswith("merged")][:_SHOWN] + [p for p in problems if p.startswith("split")][:_SHOWN]
        table.notes += [f"{run.mode}: {p}" for p in shown]
    table.rows += baselines
    table.notes.insert(0, "groups = gold groups with a name present in the bodies; names compared without article, honorific or possessive")
    return [table]
