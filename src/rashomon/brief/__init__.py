"""A story's cited brief (issue 22): what happened, what each side says, who is quoted most.

Built offline from the stored records (``build.story_brief``), every sentence cut from the spans it
cites; shown by the story page, ``rashomon show``, the API's story record and the story export.
"""

from __future__ import annotations

from typing import Any

from rashomon.brief.build import TEMPLATE_WORDS, date_words, story_brief
from rashomon.brief.model import SECTION_TITLES, SECTIONS, Brief, BriefSentence, Citation
from rashomon.model import Article
from rashomon.store import Store

__all__ = ["Brief", "BriefSentence", "Citation", "SECTIONS", "SECTION_TITLES", "TEMPLATE_WORDS", "brief_lines",
           "brief_record", "date_words", "read_brief", "story_brief"]


def read_brief(store: Store, story: str, articles: list[Article] | None = None) -> Brief:
    """The brief of a stored story (its articles may be passed when the caller has read them)."""
    arts = articles if articles is not None else store.articles(story=story)
    ids = [a.id for a in arts]
    analyses = store.analyses(ids) if ids else []
    wanted = sorted({m.entity for x in analyses for m in x.mentions if m.entity}
                    | {t.speaker_entity for x in analyses for t in x.attributions if t.speaker_entity})
    names = {e.id: e.canonical for e in store.entities(ids=wanted)} if wanted else {}
    return story_brief(story, arts, analyses, store.story_report(story), names)


def brief_record(brief: Brief, articles: list[Article]) -> list[dict[str, Any]]:
    """The brief as the API and the export write it: each sentence with its cited spans (article id,
    source, outlet, offsets into the body and the cited text)."""
    by_id = {a.id: a for a in articles}
    out = []
    for s in brief.sentences:
        cites = []
        for c in s.citations:
            a = by_id.get(c.article)
            cites.append({"article": c.article, "source": a.source if a else None, "outlet": a.outlet if a else None,
                          "start": c.start, "end": c.end, "text": a.body[c.start:c.end] if a else None})
        out.append({"section": s.section, "text": s.text, "citations": cites, "names": list(s.names),
                    "date": s.date, "count": s.count, "question": s.question})
    return out


def brief_lines(brief: Brief, articles: list[Article]) -> list[str]:
    """The brief for a terminal: sections, sentences with numbered citations, then what each number cites."""
    by_id = {a.id: a for a in articles}
    lines: list[str] = []
    notes: list[str] = []
    for section in SECTIONS:
        sentences = brief.section(section)
        if not sentences:
            continue
        lines.append(f"  {SECTION_TITLES[section]}")
        for s in sentences:
            marks = []
            for c in s.citations:
                a = by_id.get(c.article)
                notes.append(f"  [{len(notes) + 1}] {(a.outlet or a.source) if a else c.article}, "
                             f"characters {c.start}–{c.end} of article {c.article}")
                marks.append(f"[{len(notes)}]")
            lines.append(f"    • {s.text} {''.join(marks)}")
    if not lines:
        return ["  (nothing to brief yet: no dated events, contested questions or named speakers)"]
    return lines + ["", "  Sources", *notes]
