"""A participle of saying hung by the parse on the reported clause ("X disputed that workers feel cheated,
saying …") reports for X, who reported that clause, not for the clause's subject (issue 19, point 1).
Invented story of another kind than the seeds."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


def test_saying_after_a_reported_clause_is_the_reporter(attr_nlp):
    text = ("In short remarks after meeting with the mayor of Tarn, Mr. Ostby on Wednesday flatly disputed that workers "
            "generally feel cheated by his plan for the factory, saying that \u201cthe more people read it, the more will "
            "say this is fair.\u201d\n")
    a = find(attr_nlp(text)._.attributions, "the more will say this is fair")
    assert a.speaker == "Mr. Ostby"


def test_a_quote_closing_a_paragraph_is_not_the_next_paragraphs_that_clause(attr_nlp):
    text = ("The coach was asked about the magazine cover at a school visit in Tarn on Monday. She told parents she had "
            "not seen it.\n\n"
            "\"Oh, really,\" she said when told the cover line. \"Well, we will have to take a look at that, won't we?\"\n\n"
            "Ostby said that the main reason his club, which disagrees with her on almost everything, would defend her "
            "is \"we want women in the sport.\"\n")
    a = find(attr_nlp(text)._.attributions, "take a look at that")
    assert a.speaker.lower() == "she"


def test_saying_after_a_reported_person_without_that_is_the_person(attr_nlp):
    text = ("The Courier reports Ana Vell on Friday first explained her position on the ferry fares, saying it should be "
            "something for riders to decide, and not a matter for the council.\n")
    a = find(attr_nlp(text)._.attributions, "something for riders to decide")
    assert a.speaker == "Ana Vell"
