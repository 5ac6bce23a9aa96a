"""Seeds section "statements": gold.json's quotes found with the right speaker.

A gold statement is found when one attribution of the same document has content that contains
(or is contained in) the gold text, after case-folding, collapsing whitespace and folding curly
quotes, and a speaker that agrees: the speaker entity's canonical name, the resolved speaker or
the speaker as written contains the gold speaker or is contained in it (case-insensitive).
``named`` counts the found statements whose gold speaker is an entity of the run (a name of some entity
names it as the coverage scorer reads names: "Peskov" names "Dmitry Peskov", "Russian" does not name
"Russian prosecutors"), ``linked`` those of them whose matching attribution's speaker entity is that
one: a statement credited to a resolved name but to no entity is missed by a filter on the person.
"""

from __future__ import annotations

import re
from typing import Any

from rashomon.eval import EvalTable
from rashomon.eval.coverage_statements import names
from rashomon.model import Attribution

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_SPACE = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """Case-folded, whitespace-collapsed, curly quotes folded to straight ones."""
    return _SPACE.sub(" ", (text or "").translate(_QUOTES)).strip().casefold()


def _contains_either(a: str, b: str, min_len: int = 1) -> bool:
    if not a or not b:
        return False
    return b in a or (len(a) >= min_len and a in b)


def content_matches(content: str, gold_text: str) -> bool:
    """Content contains the gold text, or lies inside it while being at least a third of it."""
    c, g = normalise(content), normalise(gold_text)
    return _contains_either(c, g, min_len=max(8, len(g) // 3))


def speaker_matches(a: Attribution, gold_speaker: str, canonical: dict[str, str]) -> bool:
    g = normalise(gold_speaker)
    names = [canonical.get(a.speaker_entity or "", ""), a.speaker_resolved, a.speaker]
    return any(_contains_either(normalise(n), g, min_len=3) for n in names if n)


def _doc_attributions(run: Any, doc_name: str) -> list[Attribution]:
    """Attributions of the main article(s) split out of the seed page named ``doc_name``."""
    ids = {a.id for a in run.articles if a.source.split("#")[0].endswith(doc_name) and a.kind == "article"}
    out: list[Attribution] = []
    for analysis in run.analyses:
        if analysis.article in ids:
            out.extend(analysis.attributions)
            out.extend(analysis.dek_attributions)  # the standfirst's statements count too
    return out


def score(gold: dict, run: Any) -> EvalTable:
    """One table row per document and a total: statements found with the right speaker."""
    entities = getattr(run, "entities", []) or []
    canonical = {e.id: e.canonical for e in entities}
    forms = {e.id: [e.canonical, *e.aliases] for e in entities}

    def entity_names(eid: str | None, g: str) -> bool:
        return any(names(f, g) for f in forms.get(eid or "", []))

    table = EvalTable("seeds", "Seeds: statements found with the right speaker", "gold.json",
                      ["found", "content only", "total", "share", "named", "linked"])
    found_all = content_all = total_all = named_all = linked_all = 0
    for doc_name, doc in sorted(gold.get("documents", {}).items()):
        quotes = doc.get("quotes") or []
        if not quotes:
            continue
        atts = _doc_attributions(run, doc_name)
        found = content_only = named = linked = 0
        for q in quotes:
            hits = [a for a in atts if content_matches(a.content, q["text"])]
            right = [a for a in hits if speaker_matches(a, q["speaker"], canonical)]
            if right:
                found += 1
                g = q["speaker"]
                if any(entity_names(e.id, g) for e in entities):
                    named += 1
                    if any(entity_names(a.speaker_entity, g) for a in right):
                        linked += 1
                    else:
                        table.notes.append(f"{doc_name}: no speaker entity for {q['text'][:50]!r} ({q['speaker']})")
            elif hits:
                content_only += 1
                table.notes.append(f"{doc_name}: wrong speaker for {q['text'][:50]!r} "
                                   f"(gold {q['speaker']!r}, got {[h.speaker_resolved or h.speaker for h in hits][:2]})")
            else:
                table.notes.append(f"{doc_name}: not found {q['text'][:60]!r} ({q['speaker']})")
        table.rows.append({"system": f"rashomon {doc_name}", "found": found, "content only": content_only,
                           "total": len(quotes), "share": found / len(quotes), "named": named, "linked": linked})
        named_all += named
        linked_all += linked
        found_all += found
        content_all += content_only
        total_all += len(quotes)
    table.rows.append({"system": "rashomon (all)", "found": found_all, "content only": content_all,
                       "total": total_all, "share": found_all / total_all if total_all else 0.0,
                       "named": named_all, "linked": linked_all})
    return table
