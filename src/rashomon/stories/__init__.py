"""Group articles about the same real-world story across outlets, incrementally.

Contract (owner: stories): the grouping state is a ``StoryIndex`` that the store keeps as
bytes between runs; ``assign_stories`` adds new articles to it without re-clustering the rest (only the small stories
near the ones a batch touched may join them, ``group.absorb``);
``regroup`` rebuilds it from scratch (``rashomon stories --regroup``); ``resplit`` splits the
stories a batch touched when they hold two events of one kind.
"""

from __future__ import annotations

from rashomon.stories.group import StoryDoc, assign_stories, regroup, resplit
from rashomon.stories.index import Params, StoryIndex

__all__ = ["Params", "StoryDoc", "StoryIndex", "assign_stories", "regroup", "resplit"]
