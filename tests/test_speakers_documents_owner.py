"""A document referred back to ("the letter says") speaks for the person its first mention named, also
when that person stands in apposition to a common noun ("a letter from its lawyer, Ana Vell,"); invented
stories of another kind than the seeds (issue 19, point 1)."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


def test_the_letter_is_from_the_lawyer_named_in_apposition(attr_nlp):
    text = (
        "The bus company said on Monday it would not appear before the transport committee, in a letter from "
        "its lawyer, Maren Solvik, to the committee's chair.\n\n"
        "\u201cThe company has answered every question put to it in writing,\u201d the letter reads.\n"
    )
    a = find(attr_nlp(text)._.attributions, "answered every question")
    assert a.speaker_resolved == "Maren Solvik"
