"""Inside a story: claims, the questions they answer, contested questions, corroboration, framing.

``compare_story`` is a pure function of one story's records: the store hands it the story's
articles with their analyses and the corpus entities, and keeps what it returns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np

from rashomon.compare import contest_model
from rashomon.compare.changes import account_changes
from rashomon.compare.claims import article_claims
from rashomon.compare.contest import learned_questions, score_story, story_units
from rashomon.compare.contest_model import ContestModel
from rashomon.compare.framing import corroborate, framing
from rashomon.compare.questions import group_questions
from rashomon.compare.wording import load_parser
from rashomon.compare.sides import story_countries
from rashomon.compare.spans import Inside
from rashomon.model import Article, ArticleAnalysis, Claim, Entity, Framing, Mention, Question, Story, StoryReport

__all__ = ["StoryReport", "compare_story"]

_PARTICIPANT_LABELS = ("PERSON", "NORP", "FAC", "ORG", "EVENT", "GPE")


_SHIPPED: Any = object()  # compare_story's default: the packaged contested-question model
# A learned question one of whose seeds stands on a contested lexicon question, and this share of whose
# statements do too, is that question seen again. Chosen on coverage/basil (careful run, shipped model,
# 2026-12-07): of the learned questions sharing one seed with a lexicon question, the 8 sharing 0.29 or more
# of their statements found a gold question once, the 12 sharing 0.26 or less 10 times; 0.275 lies between.
RESTATES_LEXICON = 0.275
MOST_UNITS = 600  # statements a story's contested questions are drawn from (180k pairs, about a second)


def compare_story(
    story: Story,
    articles: list[Article],
    analyses: list[ArticleAnalysis],
    entities: list[Entity],
    model: ContestModel | None = _SHIPPED,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> StoryReport:
    """Claims with status and side, questions (contested or not), corroboration and framing.

    ``model`` scores contested questions (the shipped one by default; None keeps the lexicon's
    questions only); ``embed`` turns statements into unit vectors (MiniLM by default).
    """
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
    model = contest_model.load() if model is _SHIPPED else model
    if model is not None:
        questions, claims = _with_learned(story, main, by_analysis, ents, countries, claims, questions, model, embed)
        changes = account_changes(story.id, claims, by_id, embed or _embed)
        _split_changes(questions, changes)
        questions += changes
        questions.sort(key=lambda q: (not q.contested, q.score is None, -(q.score or 0.0)))  # a change is unscored: after the scored
    corroborate(claims, by_id)
    return StoryReport(
        story=story.id,
        claims=claims,
        questions=questions,
        framing=framing(story.id, main, by_analysis, claims, ents),
    )


def _with_learned(
    story: Story, main: list[Article], by_analysis: dict[str, ArticleAnalysis], ents: dict[str, Entity], countries: list[str],
    claims: list[Claim], questions: list[Question], model: ContestModel, embed: Callable[[list[str]], np.ndarray] | None,
) -> tuple[list[Question], list[Claim]]:
    """The lexicon's questions scored by the model, plus the model's own, strongest first.

    A lexicon question the model scores under its floor (``lexicon_floor``, else ``min_confidence``) stays a
    question of the story but is no longer shown as contested; a learned one under it is dropped.
    Every sentence is a unit here, not only those the lexicon names; the ones a learned question
    uses join the story's claims so its evidence can be shown. A learned question whose two
    seed statements already stand on a lexicon question, or one of them and ``RESTATES_LEXICON`` of
    its statements, is left out (the same dispute seen again).
    """
    units_claims: list[Claim] = []
    for art in main:
        if art.id in by_analysis:
            units_claims += article_claims(story.id, art, by_analysis[art.id], ents, countries, every_sentence=True)
    by_article = {a.id: a for a in main}
    # pairs grow with the square: a large story keeps its statements and lead sentences, chosen before
    # the units' features are computed (a 4 MB article has tens of thousands of sentences; issue 23)
    units = story_units(units_claims, by_article, by_analysis, ents, most=MOST_UNITS, camps=bool(model.assembly.get("camps")))
    if len(units) < 2:
        return questions, claims
    vecs = (embed or _embed)([u.text for u in units])
    names = {e.id: e.canonical for e in ents.values()}
    index = {u.claim.id: k for k, u in enumerate(units)}
    scored = score_story(units, vecs, model)
    prob = np.zeros((len(units), len(units)))
    prob[scored[0], scored[1]] = scored[2]
    prob[scored[1], scored[0]] = scored[2]
    apart: set[frozenset[str]] = set()
    for q in questions:
        if q.contested and len(q.sides) >= 2:
            members = [[index[c] for c in side.claims if c in index] for side in q.sides]
            best = max((float(prob[a, b]) for i, si in enumerate(members) for sj in members[i + 1 :]
                        for a in si for b in sj if a != b), default=0.0)
            q.score = model.confidence(best, min(len(side.claims) for side in q.sides))
            q.contested = q.score >= _lexicon_floor(model)
            holders = [{units[m].speaker for m in side} for side in members]
            apart |= {frozenset((x, y)) for i, hi in enumerate(holders) for hj in holders[i + 1 :] for x in hi for y in hj if x != y}
    learned = learned_questions(story.id, units, vecs, model, names, apart=apart, scored=scored, parse=_parser())
    lexicon = [set().union(*(s.claims for s in q.sides)) for q in questions if q.contested]
    known = {c.id for c in claims}
    for q in learned:
        seeds = {q.sides[0].claims[0], q.sides[1].claims[0]}
        used = {c for side in q.sides for c in side.claims}
        if any(seeds <= held or (seeds & held and len(used & held) >= RESTATES_LEXICON * len(used)) for held in lexicon):
            continue
        questions.append(q)
        extra = [u.claim for u in units if u.claim.id in used and u.claim.id not in known]
        claims += extra
        known |= {c.id for c in extra}
    questions.sort(key=lambda q: (not q.contested, -(q.score or 0.0)))
    return questions, claims


def _split_changes(questions: list[Question], changes: list[Question]) -> None:
    """A side never holds both statements of a changed account (the earlier "none were contaminated"
    and the later "a batch was contaminated" argue opposite answers): the one the side does not lead with leaves it."""
    pairs = [(q.sides[0].claims[0], q.sides[1].claims[0]) for q in changes]
    for q in questions:
        for side in q.sides:
            for early, late in pairs:
                if early in side.claims and late in side.claims:
                    side.claims.remove(early if side.claims[0] == late else late)


def _lexicon_floor(model: ContestModel) -> float:
    """The model score a lexicon question needs to be shown as contested: its frame already found two
    opposed answers, so it may stand on less than a learned question's ``min_confidence``."""
    settings = model.assembly
    return float(settings.get("lexicon_floor", settings.get("min_confidence", 0.0)))


def _parser() -> Callable[[str], Any] | None:
    """The installed spaCy parser that words the questions; None (plain wording) when it cannot load."""
    try:
        return load_parser()
    except (OSError, ImportError):
        return None


def _embed(texts: list[str]) -> np.ndarray:
    from rashomon.stories.embed import load_embedder

    return load_embedder().embed_fast(texts)


def _participants(
    claims: list[Claim], analyses: dict[str, ArticleAnalysis], entities: dict[str, Entity]
) -> dict[str, list[tuple[str, str]]]:
    """Per claim, the (canonical name, label) of what it names (for question titles)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    inside: dict[str, tuple[list[Mention], Inside]] = {}  # by offset, not a scan of every mention per claim (issue 23)
    for c in claims:
        analysis = analyses.get(c.article)
        if analysis is None:
            continue
        if c.article not in inside:
            named = [m for m in analysis.mentions if m.label in _PARTICIPANT_LABELS]
            inside[c.article] = (named, Inside(named))
        named, index = inside[c.article]
        for k in index.within(c.start, c.end):
            m = named[k]
            name = entities[m.entity].canonical if m.entity in entities else m.text
            if name != c.speaker:
                out[c.id].append((name, m.label))
    return out
