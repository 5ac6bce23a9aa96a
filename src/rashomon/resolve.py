"""Cross-document entities: cluster mentions into entities robust to transliteration.

Contract (owner: resolve): ``resolve_entities`` is a pure function over all analyses of a
corpus; it returns entities and the mapping from mention / speaker spans to entity ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rashomon.model import Article, ArticleAnalysis, Entity

SpanKey = tuple[str, int, int]  # (article id, start, end)


@dataclass
class Resolution:
    entities: list[Entity] = field(default_factory=list)
    mention_entity: dict[SpanKey, str] = field(default_factory=dict)
    speaker_entity: dict[SpanKey, str] = field(default_factory=dict)  # keyed by speaker span


def resolve_entities(analyses: list[ArticleAnalysis], articles: dict[str, Article]) -> Resolution:
    """Group mentions across articles into entities; link attribution speakers to them."""
    raise NotImplementedError
