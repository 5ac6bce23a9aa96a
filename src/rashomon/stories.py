"""Group articles about the same real-world story across outlets, incrementally.

Contract (owner: stories): the grouping state is a ``StoryIndex`` that the store keeps as
bytes between runs; ``assign_stories`` adds new articles to it without re-clustering the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rashomon.config import Options
from rashomon.model import Story


@dataclass
class StoryDoc:
    """What grouping needs to know about one article."""

    article: str  # article id
    source: str
    kind: str  # "article" | "teaser"
    title: str
    body: str
    published: str | None
    outlet: str | None
    entities: list[str] = field(default_factory=list)  # canonical entity names mentioned
    near_duplicate_of: str | None = None


class StoryIndex:
    """Incremental grouping state; serialisable with to_bytes/from_bytes."""

    def to_bytes(self) -> bytes:
        raise NotImplementedError

    @classmethod
    def from_bytes(cls, data: bytes | None, options: Options) -> "StoryIndex":
        raise NotImplementedError

    def stories(self) -> list[Story]:
        """Every story with title, article ids, first and last dates."""
        raise NotImplementedError


def assign_stories(docs: list[StoryDoc], index: StoryIndex, options: Options) -> dict[str, str]:
    """Add docs to the index; return article id -> story id for the new docs."""
    raise NotImplementedError
