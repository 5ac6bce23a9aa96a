"""Seeds section "statements": gold.json's quotes found with the right speaker.

A gold statement is found when one attribution of the same document has content that contains
(or is contained in) the gold text, after case-folding, collapsing whitespace and folding curly
quotes, and a speaker that agrees: the speaker entity's canonical name, the resolved speaker or
the speaker as written contains the gold speaker or is contained in it (case-insensitive).
"""

from __future__ import annotations

import re
from typing import Any

from rashomon.eval import EvalTable
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
    return out


def score(gold: dict, run: Any) -> EvalTable:
    """One table row per document and a total: statements found with the right speaker."""
    canonical = {e.id: e.canonical for e in getattr(run, "entities", []) or []}
    table = EvalTable("seeds", "Seeds: statements found with the right speaker", "gold.json",
                      ["found", "content only", "total", "share"])
    found_all = content_all = total_all = 0
    for doc_name, doc in sorted(gold.get("documents", {}).items()):
        quotes = doc.get("quotes") or []
        if not quotes:
            continue
        atts = _doc_attributions(run, doc_name)
        found = content_only = 0
        for q in quotes:
            hits = [a for a in atts if content_matches(a.content, q["text"])]
            if any(speaker_matches(a, q["speaker"], canonical) for a in hits):
                found += 1
            elif hits:
                content_only += 1
                table.notes.append(f"{doc_name}: wrong speaker for {q['text'][:50]!r} "
                                   f"(gold {q['speaker']!r}, got {[h.speaker_resolved or h.speaker for h in hits][:2]})")
            else:
                table.notes.append(f"{doc_name}: not found {q['text'][:60]!r} ({q['speaker']})")
        table.rows.append({"system": f"rashomon {doc_name}", "found": found, "content only": content_only,
                           "total": len(quotes), "share": found / len(quotes)})
        found_all += found
        content_all += content_only
        total_all += len(quotes)
    table.rows.append({"system": "rashomon (all)", "found": found_all, "content only": content_all,
                       "total": total_all, "share": found_all / total_all if total_all else 0.0})
    return table
