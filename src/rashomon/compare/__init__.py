"""Inside a story: claims, the questions they answer, contested questions, corroboration, framing.

``compare_story`` is a pure function of one story's records: the store hands it the story's
articles with their analyses and the corpus entities, and keeps what it returns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rashomon.compare.claims import article_claims
from rashomon.compare.framing import corroborate, framing
from rashomon.compare.questions import group_questions
from rashomon.compare.sides import story_countries
from rashomon.model import Article, ArticleAnalysis, Claim, Entity, Framing, Question, Story

__all__ = ["StoryReport", "compare_story"]

_PARTICIPANT_LABELS = ("PERSON", "NORP", "FAC", "ORG", "EVENT", "GPE")


@dataclass
class StoryReport:
    story: str
    claims: list[Claim] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)

    @property
    def contested(self) -> list[Question]:
        return [q for q in self.questions if q.contested]


def compare_story(
    story: Story,
    articles: list[Article],
    analyses: list[ArticleAnalysis],
    entities: list[Entity],
) -> StoryReport:
    """Claims with status and side, questions (contested or not), corroboration and framing."""
    main = [a for a in articles if a.kind == "article"]
    by_id = {a.id: a for a in main}
    by_analysis = {a.article: a for a in analyses}
    ents = {e.id: e for e in entities}
    countries = story_countries([by_analysis[a.id] for a in main if a.id in by_analysis], ents)
    claims: list[Claim] = []
    for art in main:
        if art.id in by_analysis:
            claims += article_claims(story.id, art, by_analysis[art.id], ents, countries)
    outlets = {a.id: a.outlet or a.source for a in main}
    participants = _participants(claims, by_analysis, ents)
    questions = group_questions(story.id, claims, by_id, outlets, participants)
    corroborate(claims, by_id)
    return StoryReport(
        story=story.id,
        claims=claims,
        questions=questions,
        framing=framing(story.id, main, by_analysis, claims, ents),
    )


def _participants(
    claims: list[Claim], analyses: dict[str, ArticleAnalysis], entities: dict[str, Entity]
) -> dict[str, list[tuple[str, str]]]:
    """Per claim, the (canonical name, label) of what it names (for question titles)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for c in claims:
        analysis = analyses.get(c.article)
        if analysis is None:
            continue
        for m in analysis.mentions:
            if m.label in _PARTICIPANT_LABELS and c.start <= m.start and m.end <= c.end:
                name = entities[m.entity].canonical if m.entity in entities else m.text
                if name != c.speaker:
                    out[c.id].append((name, m.label))
    return out
