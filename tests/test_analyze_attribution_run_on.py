"""A statement's quotation runs to its closing mark (issue 19), on invented stories of other kinds."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


def test_a_quote_after_the_cue_sentence_continues_the_statement(attr_nlp):
    text = ('"I understand the anger," Varga said. "I am the head of safety at this plant. But I am also a mother." '
            "The spokeswoman then described how she had fed the spinach to her own children.")
    atts = attr_nlp(text)._.attributions
    a = find(atts, "head of safety")
    assert a.speaker == "Varga" and "I understand the anger" in a.content
    assert "fed the spinach" not in a.content  # the next sentence is a statement of its own


def test_a_reported_clause_that_opens_a_quote_takes_the_rest_of_it(attr_nlp):
    text = ("Shortly after the strike leader told workers that the offer is \"not about you. It's not about your "
            "pay. It's about some phony deadline. Some phony crisis.\"")
    a = find(attr_nlp(text)._.attributions, "not about you")
    assert a.content.endswith("Some phony crisis.")
