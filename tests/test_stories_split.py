"""Splitting a story that holds two events of one kind (invented coverage: one boxer's two title defences)."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.config import default_options
from rashomon.stories import StoryDoc, regroup
from rashomon.stories.split import FEATURES, SplitModel, load_split_model, pair_features, split_doc, split_labels

# Two fights of the champion Orlan Vesk, two years apart, each told by five outlets in their own
# words: the sport's vocabulary, the champion and his trainer are shared; the opponent, venue,
# year, round and crowd are not.
TULL = [
    ("Vesk stops Baro Tull in round 11 to keep heavyweight titles",
     "Heavyweight champion Orlan Vesk defended his WBX and IBX titles on Saturday with an eleventh-round knockout of "
     "Baro Tull at the Kessa Arena in Drovny. Tull, 31, from Marrow Bay, had won all 24 of his professional fights. "
     "Vesk dropped him with a right hand in the tenth and finished him early in the eleventh. A crowd of 58,000 saw "
     "the ninth defence of the champion's reign. Tull's promoter Ines Garrow said her fighter would ask for a rematch."),
    ("Orlan Vesk keeps belts against Tull in Drovny",
     "Orlan Vesk retained his heavyweight belts, dropping Baro Tull twice before referee Tomas Bly waved it off in "
     "round 11 at the Kessa Arena. The unbeaten challenger from Marrow Bay landed only 61 punches all night. "
     "Vesk, who turned 35 in January, said Tull was the strongest man he had fought. Promoter Ines Garrow called the "
     "stoppage early. The Drovny crowd of 58,000 was the largest for a title fight in the country in 2029."),
    ("Tull's perfect record ends against champion Vesk",
     "Baro Tull came to Drovny with a 24-0 record and left it on a stretcher after champion Orlan Vesk caught him "
     "with a right hand in the 11th round. Referee Tomas Bly stopped the fight at 1:42. It was Vesk's ninth title "
     "defence, his trainer Sam Ferrow said. Tull was taken to Drovny General for checks and released. Ines Garrow, "
     "who promotes Tull, wants the rematch at the Kessa Arena next year."),
    ("Champion Vesk too strong for Baro Tull at Kessa Arena",
     "The jab of Orlan Vesk controlled the heavyweight title fight from the first bell, and Baro Tull had no answer. "
     "Vesk landed 212 punches to Tull's 61 before the stoppage in round 11. The Marrow Bay fighter had knocked out 19 "
     "of his 24 opponents. 'He hits harder than anyone,' Tull said afterwards. The Kessa Arena in Drovny was sold out "
     "with 58,000 fans."),
    ("Vesk's ninth defence ends Baro Tull's unbeaten run",
     "Sam Ferrow said his fighter Orlan Vesk had studied Baro Tull for months before Saturday's bout in Drovny. The "
     "champion stopped Tull in the eleventh round to keep the WBX, IBX and OBA heavyweight titles. Referee Tomas Bly "
     "counted Tull out once in the tenth. Tull's promoter Ines Garrow said the 24-1 fighter from Marrow Bay would be "
     "back. Vesk earned a reported 30 million for the fight."),
]
ADAIR = [
    ("Vesk knocks out Kemi Adair in seventh round in Ostrel",
     "Orlan Vesk kept the WBX and IBX heavyweight titles on Saturday night with a seventh-round knockout of Kemi "
     "Adair at Halm Stadium in Ostrel, his twelfth defence. Adair, a 28-year-old southpaw from Fenwick, had been "
     "the mandatory challenger for a year. Referee Alma Quist stopped it at 2:15 of round 7. The crowd of 44,000 "
     "booed Adair's slow start. Vesk is now 37."),
    ("Kemi Adair no match for heavyweight champion Vesk",
     "Kemi Adair lasted until round 7 against champion Orlan Vesk before 44,000 fans at Halm Stadium. The Fenwick "
     "southpaw was down twice in the sixth, and referee Alma Quist ended it in the seventh. Adair's trainer Dario "
     "Pell said his fighter had a cut from the second round. Adair, now 19-2, said he would return. The Ostrel "
     "promoter Liv Haldane called it a great night for the city in 2031."),
    ("Orlan Vesk retains titles against Adair at Halm Stadium",
     "At Halm Stadium in Ostrel, Orlan Vesk retained his heavyweight belts against Kemi Adair, ending the bout "
     "with a left hook in the seventh round. Trainer Sam Ferrow praised his fighter's patience against a southpaw. "
     "Adair, from Fenwick, had won 19 fights in a row. Referee Alma Quist waved it off at 2:15. Promoter Liv Haldane "
     "said 44,000 tickets were sold in a day."),
    ("Kemi Adair stopped by Vesk in 2031 title fight",
     "Challenger Kemi Adair went down twice and referee Alma Quist stopped the heavyweight title fight in round 7. "
     "Orlan Vesk, the 37-year-old champion, has now defended his belts twelve times. Adair's corner, led by Dario "
     "Pell, complained about a head clash in round two. The Fenwick fighter landed 88 punches to Vesk's 174. Halm "
     "Stadium in Ostrel held 44,000."),
    ("Vesk's twelfth defence: Kemi Adair stopped in Ostrel",
     "Sam Ferrow's fighter Orlan Vesk broke down Kemi Adair with the jab before the knockout in round 7 at Halm "
     "Stadium. The WBX, IBX and OBA heavyweight titles stay with the champion. Adair, the southpaw from Fenwick, had "
     "a cut over his left eye from the second round, trainer Dario Pell said. Promoter Liv Haldane wants Vesk back "
     "in Ostrel. The champion said he would fight on in 2032."),
]
FIGHTS = {"tull": TULL, "adair": ADAIR}
OUTLETS = ["Daily Lantern", "Morning Courier", "Evening Wire", "Ring Gazette", "Fight Desk"]


# Coverage of either fight retells the champion's career in the same background lines: what
# makes the two stories look alike to a whole-text similarity.
BACKGROUND = [
    "Vesk won the vacant WBX heavyweight title in 2025 by beating Harlan Moss in Velmora, and added the IBX belt a year later.",
    "The Velmora-born champion is trained by Sam Ferrow and promoted by Orsa Fight Club, which has signed him to a five-fight deal.",
    "Vesk has not lost since a split decision against Petr Almqvist early in his career, and has stopped most of his challengers.",
    "Orsa Fight Club has talked for years about a unification bout with the OBA champion Rudo Kane, which never came together.",
    "Ferrow, a former amateur champion, has trained Vesk since he was a teenager in the Velmora boxing gym his father ran.",
]


def fight_docs() -> list[StoryDoc]:
    return [StoryDoc(article=f"{key}-{i}", source=f"invented://{key}/{i}", kind="article", title=title,
                     body=body + " " + BACKGROUND[i] + " " + BACKGROUND[(i + 2) % 5], published=None, outlet=OUTLETS[i])
            for key, rows in FIGHTS.items() for i, (title, body) in enumerate(rows)]


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
        assert s.title in {title for title, _ in FIGHTS[key]}


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


# One event told by two camps: officials say heart failure and 12 detained, relatives and a rights
# group say beatings and 40 detained. Different voices and numbers, one event: never split.
CONTESTED = [
    ("Two detainees die of heart failure in Varnsk police custody",
     "Two men held by police in Varnsk, Oleg Dremin and Pavel Sorov, died of heart failure on 14 May, the regional "
     "interior ministry said. Ministry spokesman Igor Lasko said the men had been detained in a fraud inquiry and "
     "received medical care. Lasko said claims of violence were unfounded."),
    ("Varnsk ministry: detainees died of natural causes",
     "The deaths of Oleg Dremin and Pavel Sorov in Varnsk police custody on 14 May were caused by natural causes, "
     "ministry spokesman Igor Lasko told state television. He said 12 people had been detained in the fraud inquiry "
     "and that doctors found no injuries."),
    ("Officials reject torture claims over Varnsk custody deaths",
     "Officials in Varnsk rejected reports that Oleg Dremin and Pavel Sorov were beaten before they died in custody "
     "on 14 May. Interior ministry spokesman Igor Lasko said both men suffered heart attacks and called the reports "
     "a provocation."),
    ("Relatives say brothers were beaten to death in Varnsk custody",
     "The family of Oleg Dremin and Pavel Sorov, who died in Varnsk police custody on 14 May, say the brothers were "
     "beaten to death. Their cousin Mara Dremina said the bodies showed bruises and broken ribs. Rights group Open "
     "Watch said at least 40 people were detained in raids."),
    ("Varnsk custody deaths: lawyer cites signs of torture",
     "A lawyer for the Dremin family, Ruslan Teyk, said Oleg Dremin and Pavel Sorov were tortured in Varnsk police "
     "custody before they died on 14 May. Teyk said the official account of heart failure was false and that 40 "
     "people were held in the raids."),
    ("Open Watch demands inquiry into Varnsk deaths",
     "Open Watch called for an independent inquiry into the deaths of Oleg Dremin and Pavel Sorov in Varnsk on 14 "
     "May. Relatives say the men were beaten; Mara Dremina said police denied the family access to the bodies. Open "
     "Watch counted 40 detained."),
]


def test_two_camps_of_one_contested_event_stay_together_while_the_fights_part():
    from test_stories_grouping import docs as other_docs  # unrelated invented stories, for a corpus-like idf

    contested = [StoryDoc(article=f"varnsk{i}-x", source=f"invented://varnsk/{i}", kind="article", title=t, body=b,
                          published=f"2031-05-{15 + i}", outlet=f"Outlet {i}") for i, (t, b) in enumerate(CONTESTED)]
    index = regroup(contested + fight_docs() + other_docs(), default_options())
    got = parts(index)
    assert frozenset({f"varnsk{i}" for i in range(6)}) in got
    assert frozenset({"tull"}) in got and frozenset({"adair"}) in got


def test_parts_under_the_minimum_share_fold_back_into_the_part_they_are_most_like():
    from rashomon.stories.split import _fold_small_parts

    labels = np.array([1, 1, 1, 1, 2, 2, 2, 3])
    prob = np.full((8, 8), 0.2)
    prob[7, 4:7] = prob[4:7, 7] = 0.45  # the stray member is closest to part 2
    folded = _fold_small_parts(labels, prob, smallest=2)
    assert folded.tolist() == [1, 1, 1, 1, 2, 2, 2, 2]
    assert len(set(_fold_small_parts(labels, prob, smallest=5).tolist())) == 1  # two parts of 4: one folds
    assert _fold_small_parts(labels, prob, smallest=1).tolist() == labels.tolist()


def test_index_members_reads_only_the_named_stories_within_the_size_bounds():
    index = regroup(fight_docs(), default_options())
    tull, adair = (index.story_of("tull-0"), index.story_of("adair-0"))
    assert sorted(index.members({tull})) == [f"tull-{i}" for i in range(5)]
    assert len(index.members({tull, adair, "story-gone"})) == 10
    assert index.members({tull}, fewest=6) == [] and index.members({tull}, most=4) == []


def test_depth_splits_the_parts_a_coarse_first_cut_leaves() -> None:
    """Four events of three members each: the min share folds the first cut into two parts of six;
    with depth 2 each part is split again into its two events."""
    from scipy.spatial.distance import squareform

    from rashomon.stories import split as split_mod

    events = ["kiln", "ferry", "mill", "quarry"]
    half = {"kiln": "north", "ferry": "north", "mill": "south", "quarry": "south"}
    docs = [split_doc(f"{e} {half[e]} {i}", "", {e: 1.0, half[e]: 1.0}) for e in events for i in range(3)]
    label = {id(d): (events[k // 3], half[events[k // 3]]) for k, d in enumerate(docs)}

    class Stub(SplitModel):
        def __init__(self):
            super().__init__(np.zeros(len(FEATURES)), 0.0, 0.5)

    model = Stub()
    original = split_mod.pair_features

    def features(members, idf):
        n = len(members)
        p = np.zeros((n, n))
        for a in range(n):
            for b in range(n):
                ea, eb = label[id(members[a])], label[id(members[b])]
                p[a, b] = 0.95 if ea == eb else 0.45 if ea[1] == eb[1] else 0.05
        model.current = squareform(p, checks=False)
        return original(members, idf)

    model.probabilities = lambda pairs: model.current  # type: ignore[method-assign]
    split_mod.pair_features = features
    try:
        flat = split_labels(docs, lambda t: 1.0, model, min_share=0.4)
        deep = split_labels(docs, lambda t: 1.0, model, min_share=0.4, depth=2)
    finally:
        split_mod.pair_features = original
    assert len(set(flat)) == 2  # parts of three are under 40% of twelve: folded into the halves
    assert len(set(deep)) == 4
    assert all(deep[i] == deep[i - i % 3] for i in range(12))
