"""Subjects (stories.topics): the IPTC top level assigned by sentence similarity, on invented stories of
fourteen kinds, and the cut-offs that turn similarities into tags."""

from __future__ import annotations

import numpy as np
import pytest
from tags_fixtures import KINDS

from rashomon.stories.embed import lead_text
from rashomon.stories.tags import country_of, entity_tag, slugify, story_regions, tags_of, EntityCount
from rashomon.stories.topics import FLOOR, MARGIN, TOPICS, TopicModel, TopicScore, pick, story_topics


@pytest.fixture(scope="module")
def model(minilm: str) -> TopicModel:
    from rashomon.stories.embed import load_embedder

    return TopicModel(load_embedder(minilm))


def test_topics_cover_the_iptc_top_level_once() -> None:
    codes = [t.code for t in TOPICS]
    assert len(TOPICS) == 17 and len(set(codes)) == 17 and len({t.slug for t in TOPICS}) == 17
    assert all(c.startswith("medtop:") and len(c) == 15 for c in codes)


def test_topics_invented_stories_of_many_kinds(model: TopicModel) -> None:
    """The best subject is the kind each story was written as for at least 12 of the 14 (13 when written);
    and the written kind is among the tags given for as many."""
    scores = model.scores([lead_text(title, lead) for _, title, lead in KINDS])
    best = [TOPICS[int(np.argmax(row))].slug for row in scores]
    right = sum(b == kind for b, (kind, _, _) in zip(best, KINDS))
    given = [{s.topic for s in pick(str(i), row)} for i, row in enumerate(scores)]
    among = sum(kind in g for g, (kind, _, _) in zip(given, KINDS))
    print(f"best subject right for {right}/{len(KINDS)}; written kind among the tags for {among}/{len(KINDS)}")
    assert right >= 12 and among >= 12


def test_topics_pick_keeps_the_best_and_near_ties_only() -> None:
    row = np.full(len(TOPICS), 0.05, dtype=np.float32)
    row[0], row[1], row[2] = FLOOR + 0.2, FLOOR + 0.2 - MARGIN / 2, FLOOR + 0.2 - 2 * MARGIN
    assert [s.topic for s in pick("a", row)] == [TOPICS[0].slug, TOPICS[1].slug]
    assert pick("a", np.full(len(TOPICS), FLOOR - 0.01, dtype=np.float32)) == []  # near nothing: no subject


def test_topics_story_keeps_subjects_of_a_third_of_its_articles() -> None:
    scores = [TopicScore("a", "labour", .4), TopicScore("b", "labour", .4), TopicScore("b", "economy", .3),
              TopicScore("c", "labour", .3), TopicScore("d", "crime", .2)]
    assert story_topics(scores, 4) == [("labour", 0.75)]  # economy and crime: one article of four each
    assert story_topics(scores[:3], 2) == [("labour", 1.0), ("economy", 0.5)]
    assert story_topics([], 3) == []


def test_tags_slugs_kinds_and_thresholds() -> None:
    assert entity_tag("Łódź Metro", "ORG").slug == "org-lodz-metro"
    assert entity_tag("Ana Ferro", "PERSON").slug == "person-ana-ferro"
    assert entity_tag("Tuesday", "DATE") is None and entity_tag("Portuguese", "NORP") is None
    assert slugify("  ") == ""
    once = [EntityCount("s", "e1", "Ana Ferro", "PERSON", 1, 1)]
    assert tags_of(once, 1) == []  # named once: no tag
    one_article = [EntityCount("s", "e1", "Ana Ferro", "PERSON", 1, 5)]
    assert tags_of(one_article, 1) and not tags_of(one_article, 3)  # a story of three: one article is not enough
    # one name under two entity ids counts as one tag
    split = [EntityCount("s", "e1", "Ana Ferro", "PERSON", 1, 1), EntityCount("s", "e2", "Ana  Ferro", "PERSON", 1, 1)]
    assert [t.slug for t in tags_of(split, 2)] == ["person-ana-ferro"]


def test_tags_regions_are_countries_else_the_main_place() -> None:
    assert country_of("Britain") == "United Kingdom" and country_of("Bosnia and Herzegovina") == "Bosnia and Herzegovina"
    assert country_of("Orvell") is None
    counts = [EntityCount("s", "p", "Portugal", "GPE", 1, 2), EntityCount("s", "o", "Orvell", "GPE", 3, 9)]
    assert [t.slug for t in story_regions(counts, 3)] == ["place-portugal"]  # a country in a third of them
    assert [t.slug for t in story_regions(counts[1:], 3)] == ["place-orvell"]  # no country: the main place
    assert story_regions([EntityCount("s", "o", "Orvell", "GPE", 1, 2)], 3) == []  # in one article of three
