"""Candidate look-up counts at most ``scan_budget`` postings, the rarest keys first."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from rashomon.config import default_options
from rashomon.stories import StoryIndex


def _crowded_index(budget: int) -> StoryIndex:
    """Forty stories of a transit strike posted under common words in one time bucket, and one
    football-transfer story posted under a rare name and one of those common words."""
    options = replace(default_options(), extra={"story_scan_budget": budget, "story_candidates": 3})
    index = StoryIndex(options)
    day = 20000
    for k in range(40):
        s = index.found(f"strike{k}", f"Strike day {k}", [False, "2024-10-05", k])
        s.first = s.last = "2024-10-05"
        index.post(s, ["word:strike", "word:union", "word:depot"], day)
    t = index.found("transfer", "Keeper signs", [False, "2024-10-05", 99])
    t.first = t.last = "2024-10-05"
    index.post(t, ["ent:brannock", "word:depot"], day)
    return index


def test_the_rare_key_is_read_first_and_its_story_found() -> None:
    index = _crowded_index(budget=16)
    found = [s.id for s in index.candidates(["word:strike", "word:union", "word:depot", "ent:brannock"], 20000)]
    assert found[0] == "story-transfer"  # counted under the rare name and under "depot", read before the long lists
    assert len(found) == 3


def test_no_more_postings_than_the_budget_are_counted(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    counted: list[int] = []
    real = Counter.update

    def spy(self, iterable=None, /, **kw):  # type: ignore[no-untyped-def]
        if isinstance(iterable, list):
            counted.append(len(iterable))
        return real(self, iterable, **kw)

    monkeypatch.setattr(Counter, "update", spy)
    index = _crowded_index(budget=16)
    index.candidates(["word:strike", "word:union", "word:depot", "ent:brannock"], 20000)
    assert 0 < sum(counted) <= 16
    counted.clear()
    unbounded = _crowded_index(budget=0)
    unbounded.candidates(["word:strike", "word:union", "word:depot", "ent:brannock"], 20000)
    assert sum(counted) == 40 * 3 + 2  # budget 0: every list read to ``scan``, as before
