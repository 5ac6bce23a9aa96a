"""Hand-built articles and analyses for the resolve tests (no model): make, resolve, and look-ups."""

from __future__ import annotations

from rashomon.model import Article, ArticleAnalysis, Mention
from rashomon.resolve import Resolution, resolve_entities


def make(source: str, body: str, ents: list[tuple[str, str]], published: str = "2031-03-02"):
    """An article and its analysis; each (surface, label) is located after the previous one."""
    art = Article(source=source, page_source=source, body=body, published=published)
    mentions, pos = [], 0
    for surface, label in ents:
        start = body.index(surface, pos)
        mentions.append(Mention(art.id, start, start + len(surface), surface, label))
        pos = start + len(surface)
    return art, ArticleAnalysis(art.id, mentions)


def resolve(*docs) -> tuple[Resolution, dict]:
    arts = {a.id: a for a, _ in docs}
    return resolve_entities([an for _, an in docs], arts), arts


def eid(res: Resolution, doc, surface: str, nth: int = 0) -> str:
    """The entity of the nth mention written ``surface`` in ``doc``."""
    ms = [m for m in doc[1].mentions if m.text == surface]
    return res.mention_entity[(ms[nth].article, ms[nth].start, ms[nth].end)]


def entity(res: Resolution, ident: str):
    return next(e for e in res.entities if e.id == ident)
