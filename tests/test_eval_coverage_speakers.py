"""How the coverage scorer reads a gold speaker: notes in brackets and unnamed sources' descriptions."""

from __future__ import annotations

from rashomon.eval import coverage_statements as cst


def test_a_note_in_brackets_is_not_part_of_the_speaker() -> None:
    assert cst.names("all twelve council members", "council members (open letter)")
    assert cst.names("Strikers", "Strikers (unnamed)")
    assert cst.names("Brightwell Foods", "Brightwell Foods (spokesperson)")
    assert not cst.names("the letter", "council members (open letter)")


def test_an_unnamed_source_is_named_by_the_same_description() -> None:
    assert cst.names("some shift workers", "unnamed shift workers")
    assert cst.names("one union steward", "an unnamed union steward")
    assert cst.names("a Brightwell spokeswoman", "an unnamed spokeswoman for Brightwell Foods")
    assert cst.names("the spokeswoman", "an unnamed spokeswoman for Brightwell Foods")
    assert cst.names("two of the people", "unnamed people with knowledge of the recall")


def test_a_different_head_noun_or_a_pronoun_is_not_the_same_source() -> None:
    assert not cst.names("the former official", "an unnamed former plant inspector")
    assert not cst.names("they", "unnamed shift workers")
    assert not cst.names("the spokeswoman", "Brightwell Foods")  # a named body needs its name
    assert not cst.names("the board", "Board of Health Inspectors")
    assert not cst.names("a Harlow spokeswoman", "an unnamed spokeswoman for Brightwell Foods")


def test_a_generational_suffix_is_part_of_neither_name() -> None:
    assert cst.names("Oskar Lindqvist Jr.", "Oskar Lindqvist")
    assert cst.names("Lindqvist", "Oskar B. Lindqvist III")
    assert not cst.names("Jr.", "Oskar Lindqvist Jr.")


def test_a_gold_speaker_with_a_relative_clause_is_a_description() -> None:
    assert cst.names("Some Labour councillors", "Labour councillors who backed the budget")
    assert not cst.names("Some Labour voters", "Labour councillors who backed the budget")


def test_a_name_inside_a_description_is_not_its_speaker() -> None:
    assert not cst.names("Hannah Berg", "an unnamed spokeswoman for Hannah Berg")
    assert not cst.names("the drivers", "a lawyer for two drivers")
    assert cst.names("a Berg spokeswoman", "an unnamed spokeswoman for Hannah Berg")
