"""A quotation whose only cue stands inside it takes the speaker of the clause that introduces it, not the
previous statement's speaker (issue 19, point 1); invented stories of another kind than the seeds."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


def test_a_quote_after_a_colon_is_the_speaker_of_the_clause_before_it(attr_nlp):
    text = (
        "Club chairman Tomas Brevik said the club had offered the striker a fair contract.\n\n"
        "Anders Holm was quick to retort: \"With all due respect, that is nonsense. Nothing he said about "
        "the wages was true.\"\n"
    )
    a = find(attr_nlp(text)._.attributions, "With all due respect")
    assert a.speaker_resolved == "Anders Holm"


def test_a_paragraph_ending_in_a_colon_introduces_the_quote_below_it(attr_nlp):
    text = (
        "The transit authority said the strike had cost it two million a day.\n\n"
        "The Harbour Gazette recently reported:\n\n"
        "\u201cBeyond the lost fares, it is unclear what the walkout will do to the drivers who keep the night buses running.\u201d\n"
    )
    a = find(attr_nlp(text)._.attributions, "Beyond the lost fares")
    assert "Harbour Gazette" in (a.speaker_resolved or a.speaker)


def test_a_relative_clause_cue_before_a_quote_is_its_antecedent_s(attr_nlp):
    text = (
        "Plant owner Oskar Dahl said the sprinklers had worked.\n\n"
        "The report was denounced by the Eastport Dockers Guild, which said it was "
        "\u201cwrong for the owner to assume that a fire drill once a year does not leave anyone to blame.\u201d\n"
    )
    a = find(attr_nlp(text)._.attributions, "wrong for the owner")
    assert "Dockers Guild" in (a.speaker_resolved or a.speaker)
    assert "Dahl" not in (a.speaker_resolved or "")


def test_a_quote_opening_a_paragraph_with_no_lead_in_still_continues_the_last_speaker(attr_nlp):
    text = (
        "\u201cWe will not go back to work for less,\u201d said Ivo Roe, the drivers\u2019 union leader.\n\n"
        "\u201cThe company knows what it owes us. It has said so itself.\u201d\n"
    )
    a = find(attr_nlp(text)._.attributions, "company knows what it owes")
    assert a.speaker_resolved == "Ivo Roe"


def test_an_unnamed_source_s_report_of_what_a_named_person_told_others_is_both_statements(attr_nlp):
    text = (
        "The bus drivers walked out on Monday.\n\n"
        "A source within the transit authority told the Harbour Gazette that union leader Ivo Roe had already told "
        "the drivers that the strike would go on until the pay offer was doubled.\n"
    )
    atts = attr_nlp(text)._.attributions
    inner = [a for a in atts if "strike would go on" in a.content and a.speaker_resolved == "Ivo Roe"]
    outer = [a for a in atts if "strike would go on" in a.content and "source" in a.speaker]
    assert inner and outer


def test_a_speaker_written_before_a_colon_is_not_the_one_of_the_paragraph_before(attr_nlp):
    text = (
        "Fire chief Lena Marsh said \"all causes are still open.\"\n\n"
        "Plant owner Oskar Dahl, in a written statement, said: \"The alarms worked. The night shift left in "
        "four minutes and nobody was hurt.\"\n"
    )
    a = find(attr_nlp(text)._.attributions, "alarms worked")
    assert a.speaker_resolved == "Oskar Dahl"
