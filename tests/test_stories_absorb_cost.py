"""The absorb step offers a small story to a touched one only when it fits it: its cost stays a
look-up per touched story however crowded the window is with small stories of the same beat."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rashomon.config import default_options
from rashomon.stories import StoryDoc, StoryIndex, assign_stories
from rashomon.stories import group as group_mod

TOWNS = ["Orlenby", "Caskmere", "Dunhollow", "Pellistor", "Vantry", "Quillbrook", "Rosswater", "Tamsford", "Ulverden",
         "Wexmoor", "Yarrowick", "Zennor", "Abbotsley", "Brackwell", "Corrowan", "Delphing"]
OWNERS = ["Ilka Morrow", "Tobin Sarle", "Greta Vane", "Osric Pell", "Mina Holt", "Dario Quist", "Lene Ashby",
          "Pavel Crane", "Hedda Lorne", "Jory Tamber", "Sefa Ondry", "Nils Farrow", "Una Belcourt", "Rafe Dunmore",
          "Cora Wilde", "Emil Strand"]


def _doc(aid: str, title: str, body: str, day: str) -> StoryDoc:
    return StoryDoc(article=aid, source=f"invented://{aid}", kind="article", title=title, body=body, published=day,
                    outlet=None)


def _factory_fire(k: int) -> StoryDoc:
    """One report each of sixteen factory fires in one week: the same beat's words, their own places and people."""
    town, owner = TOWNS[k], OWNERS[k]
    return _doc(f"fire-{k}", f"Fire guts {town} textile factory",
                f"A fire gutted the textile factory in {town} overnight. Firefighters fought the blaze for hours; "
                f"the owner, {owner}, said the sprinklers had failed.", "2032-06-0" + str(1 + k % 7))


# The touched story: four reports of one more factory fire, in Helvick, with its own people and details.
HELVICK = [
    _doc(f"helvick-{k}", title, body, f"2032-06-0{k + 2}")
    for k, (title, body) in enumerate([
        ("Fire guts Helvick textile factory",
         "A fire gutted the textile factory in Helvick overnight. Firefighters fought the blaze for hours; "
         "fire chief Arno Lisk said the sprinklers had failed."),
        ("Helvick factory fire: night shift of forty got out",
         "All forty workers of the Helvick textile factory's night shift got out of the fire, Arno Lisk said."),
        ("Sprinkler valves at Helvick factory were shut, chief says",
         "The sprinkler valves of the Helvick textile factory were shut when the fire broke out, fire chief "
         "Arno Lisk told the town council."),
        ("Helvick council orders checks of factory sprinklers after fire",
         "Helvick's council ordered checks of the sprinklers of every textile factory in town after the fire "
         "that gutted one, on the advice of fire chief Arno Lisk."),
    ])
]


def _offers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stories the absorb step offers to their best story (its ``place`` calls name the story left out)."""
    offered: list[str] = []
    real = group_mod.place

    def spy(index, weights, day, **kw):  # type: ignore[no-untyped-def]
        if kw.get("exclude") is not None:
            offered.append(kw["exclude"].id)
        return real(index, weights, day, **kw)

    monkeypatch.setattr(group_mod, "place", spy)
    return offered


def test_small_stories_of_the_beat_are_not_offered_to_a_story_they_do_not_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    options = replace(default_options(), extra={"story_split": False})
    index = StoryIndex.from_bytes(None, options)
    assign_stories([_factory_fire(k) for k in range(len(TOWNS))] + HELVICK[:3], index, options)
    fires = {index.story_of(f"fire-{k}") for k in range(len(TOWNS))}
    assert len(fires) == len(TOWNS)  # sixteen fires, sixteen one-article stories
    offered = _offers(monkeypatch)
    assign_stories([HELVICK[3]], index, options)  # touches the Helvick story
    assert not fires & set(offered)
    assert len({index.story_of(d.article) for d in HELVICK}) == 1
    assert len({index.story_of(f"fire-{k}") for k in range(len(TOWNS))}) == len(TOWNS)


def test_without_the_fit_test_the_fires_would_be_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The case above is one where the look-up does find the fires (so the first test can fail)."""
    options = replace(default_options(), extra={"story_split": False})
    index = StoryIndex.from_bytes(None, options)
    assign_stories([_factory_fire(k) for k in range(len(TOWNS))] + HELVICK[:3], index, options)
    fires = {index.story_of(f"fire-{k}") for k in range(len(TOWNS))}
    monkeypatch.setattr(group_mod, "fits", lambda *a: True)
    offered = _offers(monkeypatch)
    assign_stories([HELVICK[3]], index, options)
    assert fires & set(offered)


def test_a_story_founded_in_the_batch_is_not_looked_up_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sixteen fires founding sixteen stories in one batch: their own look-ups just found nothing they fit, so the
    absorb step looks up only the story the batch grew (Helvick), not each newcomer again."""
    options = replace(default_options(), extra={"story_split": False})
    index = StoryIndex.from_bytes(None, options)
    looked_up: list[str] = []
    real = group_mod.story_terms

    def spy(index, story):  # type: ignore[no-untyped-def]
        looked_up.append(story.id)
        return real(index, story)

    monkeypatch.setattr(group_mod, "story_terms", spy)
    assign_stories([_factory_fire(k) for k in range(len(TOWNS))] + HELVICK[:3], index, options)
    assert len({index.story_of(f"fire-{k}") for k in range(len(TOWNS))}) == len(TOWNS)
    assert looked_up == [index.story_of("helvick-0")]


def test_a_newcomer_still_joins_the_story_that_grew_after_it_in_the_same_batch() -> None:
    """A one-line first report founds a story of its own, the fuller reports after it in the batch make the story
    it fits: that story's look-up offers it (the newcomer's own is skipped)."""
    from test_stories_absorb import DAM, OTHER, _docs

    def grouped(**extra: object) -> StoryIndex:
        options = replace(default_options(), extra={"story_split": False, **extra})
        index = StoryIndex.from_bytes(None, options)
        assign_stories(_docs(DAM + OTHER), index, options)
        return index

    index = grouped()
    story = index.story_of("dam-bulletin")
    assert [a for a, *_ in DAM if index.story_of(a) != story] == []
    assert index.story_of("levee-1") != story
    without = grouped(story_absorb_max=0)  # the join alone leaves it out (so the test above can fail)
    assert without.story_of("dam-bulletin") != without.story_of("dam-flood")


def test_a_doc_scored_by_its_query_gets_the_cosine_of_its_tf_idf_vector() -> None:
    """``StoryIndex.score`` (idf read once per doc term) is the cosine of the doc's tf-idf vector and the centroid."""
    options = replace(default_options(), extra={"story_split": False})
    index = StoryIndex.from_bytes(None, options)
    assign_stories([_factory_fire(k) for k in range(len(TOWNS))] + HELVICK[:3], index, options)
    weights = group_mod.doc_weights(HELVICK[3], index.params)
    stories = list(index.stories_by_id.values())
    got = [index.score(index.query(weights), s) for s in stories]
    vec, norm = index.doc_vector(weights)
    want = [sum(v * s.centroid.get(t, 0.0) * index.idf(t) for t, v in vec.items()) / (norm * index.story_norm(s))
            for s in stories]
    assert got == pytest.approx(want, rel=1e-9)
    assert max(got) > 0.23 and min(got) < max(got)  # a story it fits and some it does not: not all zeros
