"""Link the speakers of statements in an article's standfirst (dek) to entities.

The dek is analysed as its own short text (analyze.analyze_deks) and its mentions are not kept, so a
dek speaker is looked up by its words, never by offsets (a dek offset means nothing in the body's
mentions): as the article's body names it (the first mention of that form or surname, since the
dek comes before the body; else the last one), else as the corpus names it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rashomon.model import Article, ArticleAnalysis
from rashomon.resolve.speakers import _PRONOUNS, _Index

if TYPE_CHECKING:
    from rashomon.model import SpanKey


def link_dek_speakers(analyses: list[ArticleAnalysis], articles: dict[str, Article], index: _Index) -> "dict[SpanKey, str]":
    """Speaker span in the dek → entity id, for every dek statement whose speaker names an entity."""
    out: dict[tuple[str, int, int], str] = {}
    for an in analyses:
        for a in an.dek_attributions:
            art = a.article or an.article
            after_body = len(articles[art].body) + 1 if art in articles else 1 << 30
            eid = None
            for text in (a.speaker_resolved, a.speaker):
                if not text or text.strip().lower() in _PRONOUNS:
                    continue
                eid = index.from_text(art, text, 0) or index.from_text(art, text, after_body)
                if eid is not None:
                    break
            if eid is not None:
                out[(art, a.speaker_start, a.speaker_end)] = eid
    return out
