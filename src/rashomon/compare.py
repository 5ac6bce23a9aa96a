"""Inside a story: claims, the questions they answer, contested questions, corroboration, framing.

Contract (owner: compare): ``compare_story`` is a pure function of one story's records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rashomon.model import Article, ArticleAnalysis, Claim, Entity, Framing, Question, Story


@dataclass
class StoryReport:
    story: str
    claims: list[Claim] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)


def compare_story(
    story: Story,
    articles: list[Article],
    analyses: list[ArticleAnalysis],
    entities: list[Entity],
) -> StoryReport:
    """Claims with status and side, questions (contested or not), corroboration and framing."""
    raise NotImplementedError
