"""The coverage scorer reads a speaker description with a qualifier after its head ("the faculty at
Eastport") by its head, as it reads the bare head ("the faculty"); the head must still agree (issue 19)."""

from __future__ import annotations

from rashomon.eval.coverage_statements import names


def test_a_qualified_description_names_what_its_bare_head_names() -> None:
    gold = "Eastport College nurses and porters (letter)"
    assert names("the nurses", gold)
    assert names("the nurses at Eastport", gold)
    assert names("nurses from the college ward", gold)


def test_the_head_must_still_agree() -> None:
    assert not names("the porters at Eastport", "Eastport College nurses")
    assert not names("the nurses at Eastport", "Dana Roe")
    assert not names("the nurses at Eastport", "Eastport College")
