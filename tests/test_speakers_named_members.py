"""A plural phrase referring back to people the text named all of ("the senators" after "three senators —
A, B and C —", "both of them" after "its two councillors, A and B,") is those people (issue 19). Invented."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


def test_the_plural_role_is_the_members_named_in_apposition(attr_nlp):
    text = (
        "The strike was backed by three city councillors \u2014 Dara Quill, Ivo Roe and Lena Marsh, all members of "
        "the transport committee \u2014 who had voted for the pay rise.\n\n"
        "\u201cThe drivers were promised this money two years ago,\u201d the councillors said in a letter to the mayor.\n"
    )
    a = find(attr_nlp(text)._.attributions, "promised this money")
    assert a.speaker_resolved == "Dara Quill, Ivo Roe and Lena Marsh"


def test_a_plural_role_with_no_members_named_stays_as_written(attr_nlp):
    text = (
        "Three city councillors backed the strike on Monday.\n\n"
        "\u201cThe drivers were promised this money two years ago,\u201d the councillors said in a letter to the mayor.\n"
    )
    a = find(attr_nlp(text)._.attributions, "promised this money")
    assert " and " not in (a.speaker_resolved or "")


def test_a_speaker_resolved_to_several_named_people_links_to_none_of_them_alone():
    from rashomon.resolve.speakers import _several

    assert _several("Dara Quill, Ivo Roe and Lena Marsh")
    assert _several("Dara Quill and Ivo Roe")
    assert not _several("Dara Quill")
    assert not _several("Harbour Rail and Bus")  # one body's name, not a list of people
