"""A spokesperson speaks for the organisation the phrase names, and "the spokesperson" after "a spokesperson
for X" is X's too; a person's spokesman is not that person (issue 19, point 1). Invented stories."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


def test_the_spokesperson_introduced_for_an_organisation_speaks_for_it(attr_nlp):
    text = (
        "The fire at the Northgate warehouse burned for six hours on Tuesday.\n\n"
        "A spokesperson for Harbourline Logistics said the company was cooperating with investigators.\n\n"
        "\u201cWe will pay for every night the families spend in a hotel,\u201d the spokesperson said.\n"
    )
    atts = attr_nlp(text)._.attributions
    assert find(atts, "cooperating with investigators").speaker_resolved == "Harbourline Logistics"
    assert find(atts, "every night the families").speaker_resolved == "Harbourline Logistics"


def test_a_person_s_spokesman_is_not_that_person(attr_nlp):
    text = (
        "Mayor Ana Vell visited the burned warehouse on Tuesday.\n\n"
        "A spokesman for Ana Vell said the mayor would meet the families on Friday.\n"
    )
    a = find(attr_nlp(text)._.attributions, "meet the families")
    assert a.speaker_resolved != "Ana Vell"
