"""Cross-document entities: cluster mentions into entities robust to transliteration.

Contract (owner: resolve): ``resolve_entities`` is a pure function over all analyses of a
corpus; it returns entities and the mapping from mention / speaker spans to entity ids.
"""

from rashomon.resolve.cluster import Resolution, SpanKey, resolve_entities

__all__ = ["Resolution", "SpanKey", "resolve_entities"]
