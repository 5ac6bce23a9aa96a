"""A quantifier standing for people ("Many said", "others said") picks from the group named before, which is
named without the quantifier it was first written with (issue 19, point 1). Invented story."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find
from rashomon.analyze.speakers import _without_quantifier


def test_a_group_is_named_without_its_quantifier():
    assert _without_quantifier("many commuters") == "commuters"
    assert _without_quantifier("some of the drivers") == "drivers"
    assert _without_quantifier("Republicans") == "Republicans"
    assert _without_quantifier("some") == "some"


def test_many_and_others_are_the_group_named_before_not_its_first_quantifier(attr_nlp):
    text = (
        "Long queues formed at the bus stops on Monday. Many commuters told reporters the strike had cost them a "
        "day's pay.\n\n"
        "Many said they supported the drivers, while others said they wanted the city to step in.\n"
    )
    atts = attr_nlp(text)._.attributions
    many = find(atts, "supported the drivers")
    others = find(atts, "wanted the city to step in")
    assert many.speaker_resolved == "commuters"
    assert others.speaker_resolved == "commuters"


def test_a_role_someone_says_they_held_does_not_make_the_role_an_unnamed_source(attr_nlp):
    text = (
        "\u201cI was a director of a bus company for ten years before this,\u201d one driver said.\n\n"
        "Talks were led by Transit Authority Director Hedda Brun, who met the drivers on Friday.\n\n"
        "The director, who has worked for the authority since 2015, has insisted the offer is final.\n"
    )
    a = find(attr_nlp(text)._.attributions, "offer is final")
    assert a.speaker_resolved == "Hedda Brun"
