"""Shared by the speaker-link tests: hand-built mentions of an invented article, and the entity one
attribution's speaker links to after resolution (no model)."""

from __future__ import annotations

from rashomon.model import Article, ArticleAnalysis, Attribution, Mention
from rashomon.resolve import resolve_entities


def mentions_of(art: Article, ents: list[tuple[str, str]]) -> list[Mention]:
    """A mention for each (surface, label), found in order in the article's body."""
    mentions, pos = [], 0
    for surface, label in ents:
        start = art.body.index(surface, pos)
        mentions.append(Mention(art.id, start, start + len(surface), surface, label))
        pos = start + len(surface)
    return mentions


def linked_canonical(art: Article, ents: list[tuple[str, str]], att: Attribution) -> str | None:
    """The canonical name of the entity ``att``'s speaker links to (None when none)."""
    res = resolve_entities([ArticleAnalysis(art.id, mentions_of(art, ents), [att])], {art.id: art})
    eid = res.speaker_entity.get((art.id, att.speaker_start, att.speaker_end))
    return next((x.canonical for x in res.entities if x.id == eid), None)
