"""Incremental grouping: an article that came before its story's first reports is not left a story of its own."""

from __future__ import annotations

from dataclasses import replace

from rashomon.config import default_options
from rashomon.stories import StoryDoc, StoryIndex, assign_stories

# One dam failure told over three days: the first short bulletin shares too little with the
# fuller reports that follow to be joined by them when they arrive, but fits the story they make.
DAM = [
    ("dam-bulletin", "2031-04-02", "Marrowby residents told to leave as river rises",
     "Residents of Marrowby were told to leave their homes on Tuesday night as the river rose fast."),
    ("dam-inspectors", "2031-04-03", "Kesting dam inspectors had flagged cracks in spillway",
     "Inspectors of the Halden water board found cracks in the spillway of the Kesting dam last autumn, "
     "records show. The board's chair, Oda Brenner, said repairs had been planned for the summer."),
    ("dam-flood", "2031-04-03", "Kesting dam spillway gives way, Marrowby flooded",
     "The cracked spillway of the Kesting dam gave way and the river flooded Marrowby, where residents had been told "
     "to leave their homes. Inspectors of the Halden water board had found the cracks, chair Oda Brenner said."),
    ("dam-repairs", "2031-04-04", "Halden board faces questions over Kesting dam cracks",
     "Oda Brenner, chair of the Halden water board, faced questions over cracks found in the Kesting dam spillway "
     "before the river rose and Marrowby residents had to leave their homes."),
]
# Another event of the same kind, elsewhere, the same week: stays a story of its own.
OTHER = [
    ("levee-1", "2031-04-03", "Levee breach at Sorrin floods farmland",
     "A levee on the Tavel river broke near Sorrin, flooding farmland. Farmer Jonas Erk said the water rose in an hour."),
]


def _docs(rows) -> list[StoryDoc]:
    return [StoryDoc(article=a, source=f"invented://{a}", kind="article", title=t, body=b, published=p, outlet=None)
            for a, p, t, b in rows]


def _one_at_a_time(docs: list[StoryDoc], **extra) -> StoryIndex:
    options = replace(default_options(), extra={"story_split": False, **extra})
    index = StoryIndex.from_bytes(None, options)
    for d in docs:
        assign_stories([d], index, options)
        index = StoryIndex.from_bytes(index.to_bytes(), options)
    return index


def test_an_early_bulletin_joins_the_story_that_formed_after_it() -> None:
    index = _one_at_a_time(_docs(DAM + OTHER))
    story = index.story_of("dam-bulletin")
    assert [a for a, *_ in DAM if index.story_of(a) != story] == []
    assert index.story_of("levee-1") != story


def test_without_the_absorb_step_the_bulletin_stays_alone() -> None:
    """The case above is one the join alone misses (so the first test can fail)."""
    index = _one_at_a_time(_docs(DAM + OTHER), story_absorb_max=0)
    assert index.story_of("dam-bulletin") != index.story_of("dam-flood")


def test_a_merged_story_keeps_its_members_findable_after_a_round_trip() -> None:
    index = _one_at_a_time(_docs(DAM))
    stories = index.stories()
    assert sorted(a for s in stories for a in s.articles) == sorted(a for a, *_ in DAM)
    again = StoryIndex.from_bytes(index.to_bytes(), default_options())
    assert {a: again.story_of(a) for a, *_ in DAM} == {a: index.story_of(a) for a, *_ in DAM}
