"""Splitting a story that holds two events of one kind (invented coverage: one boxer's two title defences)."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.config import default_options
from rashomon.stories import StoryDoc, regroup
from rashomon.stories.split import FEATURES, SplitModel, load_split_model, pair_features, split_doc, split_labels

# Two fights of the champion Orlan Vesk, two years apart, each told by several outlets; the
# words of the sport are shared, the opponent, venue, year and numbers are not.
FIGHTS = {
    "tull": ("Baro Tull", "Kessa Arena in Drovny", "2029", "11", "58,000"),
    "adair": ("Kemi Adair", "Halm Stadium in Ostrel", "2031", "7", "44,000"),
}
OUTLETS = ["Daily Lantern", "Morning Courier", "Evening Wire", "Ring Gazette", "Fight Desk"]
LEADS = [
    "Heavyweight champion Orlan Vesk defended his WBX and IBX heavyweight titles with a knockout of {opp} in round {rnd} at {venue}.",
    "Orlan Vesk kept his heavyweight belts, stopping challenger {opp} in the {rnd}th round before {crowd} fans at {venue}.",
    "{opp} was knocked out by heavyweight champion Orlan Vesk in round {rnd} of their title fight at {venue} in {year}.",
    "The heavyweight champion Orlan Vesk stopped {opp} at {venue}, his trainer Sam Ferrow said, as {crowd} fans watched.",
    "At {venue}, Orlan Vesk retained his WBX, IBX and OBA heavyweight titles against {opp}, ending the bout in round {rnd}.",
]
TAILS = [
    "Vesk, the champion, said {opp} had been brave. Trainer Sam Ferrow praised the champion's jab. The heavyweight title fight was his {n}th defence.",
    "The champion's jab controlled the fight. {opp} said he would return. Vesk improved his record in heavyweight title fights, {year} promoters said.",
    "Orlan Vesk dominated the heavyweight title fight from the opening bell. {opp} went down in round {rnd} and the referee stopped it.",
    "Sam Ferrow, the champion's trainer, said Vesk would defend the heavyweight titles again. {crowd} fans saw {opp} stopped in round {rnd}.",
    "It was the heavyweight champion's {n}th title defence. {opp} had not lost before the fight at {venue}.",
]


def fight_docs() -> list[StoryDoc]:
    out = []
    for key, (opp, venue, year, rnd, crowd) in FIGHTS.items():
        n = 9 if key == "tull" else 12
        for i, outlet in enumerate(OUTLETS):
            vals = {"opp": opp, "venue": venue, "year": year, "rnd": rnd, "crowd": crowd, "n": n}
            title = f"Orlan Vesk keeps heavyweight titles against {opp.split()[-1]}" if i % 2 else f"Vesk stops {opp} in round {rnd}"
            out.append(StoryDoc(article=f"{key}-{i}", source=f"invented://{key}/{i}", kind="article", title=title,
                                body=LEADS[i].format(**vals) + " " + TAILS[i].format(**vals), published=None, outlet=outlet))
    return out


def parts(index) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for s in index.stories():
        out[s.id] = {a.split("-")[0] for a in s.articles}
    return {frozenset(v) for v in out.values()}


def test_shipped_model_loads_with_the_features_the_code_computes():
    model = load_split_model()
    assert model is not None and model.features == FEATURES and model.weights.shape == (len(FEATURES),)


def test_two_fights_of_one_boxer_merge_without_the_split_and_part_with_it():
    unsplit = regroup(fight_docs(), default_options(extra={"story_split": False}))
    assert frozenset({"tull", "adair"}) in parts(unsplit)  # centroid joining alone merges them
    index = regroup(fight_docs(), default_options())
    stories = index.stories()
    assert len(stories) == 2
    assert {frozenset(a.split("-")[0] for a in s.articles) for s in stories} == {frozenset({"tull"}), frozenset({"adair"})}
    for s in stories:  # each part is titled by one of its own articles
        key = s.articles[0].split("-")[0]
        assert FIGHTS[key][0].split()[-1] in s.title


def test_one_event_told_by_many_outlets_stays_one_story():
    docs = [d for d in fight_docs() if d.article.startswith("tull")]
    index = regroup(docs, default_options())
    assert [len(s.articles) for s in index.stories()] == [5]


def test_a_copy_follows_its_original_when_a_story_splits():
    docs = fight_docs()
    orig = next(d for d in docs if d.article == "adair-2")
    copy = StoryDoc(article="adair-copy", source="invented://copy", kind="article", title=orig.title, body=orig.body,
                    published=None, outlet="Syndicate", near_duplicate_of=orig.source)
    index = regroup(docs + [copy], default_options())
    assert index.story_of("adair-copy") == index.story_of("adair-2") != index.story_of("tull-0")


def test_pair_features_are_symmetric_and_small_stories_never_split():
    docs = [split_doc(d.title, d.body, {"w": 1.0, "@orlan vesk": 1.0}) for d in fight_docs()[:4]]
    f = pair_features(docs, lambda t: 1.0)
    assert f.shape == (4, 4, len(FEATURES))
    assert np.allclose(f, f.transpose(1, 0, 2))
    never = SplitModel(np.zeros(len(FEATURES)), -30.0)  # P(same event) ~ 0 for every pair
    assert split_labels(docs[:2], lambda t: 1.0, never) == [0, 0]
    assert split_labels(docs[:3], lambda t: 1.0, never) == [0, 1, 2]


@pytest.mark.parametrize("size", [3, 6])
def test_split_max_bounds_the_stories_examined(size):
    options = default_options(extra={"story_split_max": size})
    index = regroup(fight_docs(), options)
    assert len(index.stories()) == 1  # ten members, above the bound: left as grouped


def test_incremental_batches_merge_the_fights_and_resplit_parts_them():
    from rashomon.stories import StoryIndex, assign_stories, resplit

    options = default_options()
    docs = fight_docs()
    index = StoryIndex.from_bytes(None, options)
    touched = set()
    for i in range(0, len(docs), 3):
        touched |= set(assign_stories(docs[i : i + 3], index, options).values())
    assert frozenset({"tull", "adair"}) in parts(index)
    members = [a for s in index.stories() if s.id in touched for a in s.articles]
    by_id = {d.article: d for d in docs}
    changed = resplit([by_id[a] for a in members], index, options)
    assert parts(index) == {frozenset({"tull"}), frozenset({"adair"})}
    assert set(changed) == {s.id for s in index.stories()}
    again = StoryIndex.from_bytes(index.to_bytes(), options)  # the split index round-trips and keeps grouping
    extra = StoryDoc(article="adair-9", source="invented://adair/9", kind="article",
                     title="Vesk stops Kemi Adair in round 7 at Halm Stadium",
                     body=docs[5].body, published=None, outlet="Late Edition")
    story = assign_stories([extra], again, options)["adair-9"]
    assert story == again.story_of("adair-0")
