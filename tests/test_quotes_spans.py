"""Statements that were never found, or found cut short (issue 19), on invented stories of other kinds:
a quotation continued over paragraphs without its opening mark repeated, a clause between the
statement and its closing speaker, a dateline, a quoted name after the cue, an extent cut inside the
reported clause, and a clause that the parse ran back over its own speaker."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find
from rashomon.analyze.quotes import find_quotes


def _inner(text: str) -> list[str]:
    return [text[q.inner_start:q.inner_end] for q in find_quotes(text)]


def test_a_quote_not_reopened_at_the_next_paragraph_closes_where_that_paragraph_closes_it():
    text = ("One driver posted this message:\n\n“It has been hard to watch riders curse us on the platforms "
            "this week.\n\nSo I am asking you kindly to wait one more day — we have no other way to be heard.”\n\n"
            "The union said “no deal” was near.")
    quotes = _inner(text)
    assert quotes[0].startswith("It has been hard") and quotes[0].endswith("to be heard.")
    assert quotes[1] == "no deal"


def test_a_straight_quote_left_open_mid_paragraph_runs_into_the_next():
    text = ('She left the depot saying she feels no anger. "The authority may be big and that is sure.\n\n'
            'But it is not big enough to escape a court of law."\n\nTalks resume Monday.')
    assert _inner(text) == ["The authority may be big and that is sure.\n\nBut it is not big enough to escape a court of law."]


def test_an_open_block_quote_is_not_paired_with_a_later_quote_that_opens_again():
    text = ("The blog wrote:\n\n“Now, the drivers are only partly right. They need not have walked out.\n\n"
            "But little is known about these “organisers.” The video is odd.")
    assert _inner(text) == ["organisers."]


def test_a_block_quote_over_paragraphs_is_the_statement_of_the_one_who_introduces_it(attr_nlp):
    text = ("The strike entered its fifth day on Friday.\n\n"
            "One striking driver who works the night routes posted this message:\n\n"
            "“It has been hard to watch how many riders have cursed us on the platforms this week.\n\n"
            "So I am asking you kindly to wait one more day — we have no other way to be heard.”\n\n"
            "Talks between the union and the authority are set to resume on Monday morning at the city hall.")
    a = find(attr_nlp(text)._.attributions, "no other way to be heard")
    assert "cursed us on the platforms" in a.content
    assert "driver" in a.speaker


def test_a_clause_between_the_statement_and_its_closing_speaker_is_part_of_the_statement(attr_nlp):
    text = ("All drivers who are on the night routes will be paid as such for overtime purposes, even if the depot "
            "where they work does not record their hours, the transit authority and the city council said Thursday.")
    a = find(attr_nlp(text)._.attributions, "night routes")
    assert "the transit authority" in a.speaker
    assert a.content.endswith("does not record their hours")


def test_a_statement_opening_its_paragraph_does_not_begin_with_the_dateline(attr_nlp):
    text = ("HARBORTON — All drivers who are on the night routes will be paid as such for overtime purposes, the "
            "transit authority said Thursday.")
    a = find(attr_nlp(text)._.attributions, "night routes")
    assert a.content.startswith("All drivers")


def test_a_quoted_name_after_the_cue_is_not_the_quote_resumed(attr_nlp):
    text = ('"Have you walked the picket line today?" Okafor asked her followers on what became an unofficial '
            '"Picket Appreciation Day."')
    a = find(attr_nlp(text)._.attributions, "picket line today")
    assert "Appreciation" not in a.content
    assert a.content_spans() == [(a.content_start, a.content_end)]


def test_a_reported_clause_is_not_cut_between_its_subject_and_its_verb(attr_nlp):
    text = ("The Harbour Ledger, a news site that covers politics, reported that the union's president, who is from Glasgow, "
            "wants the deal signed before the ballot.")
    a = find(attr_nlp(text)._.attributions, "president")
    assert "wants the deal" in a.content


def test_a_second_that_clause_of_the_same_cue_is_part_of_the_statement(attr_nlp):
    text = ("He said that he had hired a fire safety firm and a lawyer to look into the blaze, but that he did not "
            "believe the fire merited a criminal inquiry.")
    a = find(attr_nlp(text)._.attributions, "fire safety firm")
    assert "did not believe the fire merited" in a.content


def test_a_clause_run_back_over_its_own_cue_gives_way_to_what_follows_the_cue(attr_nlp):
    text = ("As the hours went on, the plant manager began making noises about closing the line; however, as late "
            "as Monday night, he was still saying that the factory was safe.")
    a = find(attr_nlp(text)._.attributions, "factory was safe")
    assert "hours went on" not in a.content


def test_a_sentence_run_over_a_paragraph_break_does_not_carry_the_statement_into_the_next(attr_nlp):
    text = ("The mayor told union leaders this week that the drivers will be back on Monday, according to The "
            "Courier, a local paper in Washington, D.C.\n\n"
            "The mayor also warned the strikers that the city would hire replacement drivers from other counties.")
    atts = attr_nlp(text)._.attributions
    assert all("\n" not in a.content for a in atts)
    assert find(atts, "replacement drivers").cue == "warned"


def test_a_report_inside_a_block_quotation_is_also_the_statement_of_the_one_it_names(attr_nlp):
    text = ("The strike entered its fifth day on Friday.\n\n"
            "The Courier reports:\n\n"
            "“A driver involved with the walkout said the pickets are standing at the north depot and the river "
            "depot. The strike fund is ultimately going to reach $2 million.\n\n"
            "Those depots serve most of the night routes.”\n\n"
            "Talks between the union and the authority are set to resume on Monday morning at the city hall.")
    atts = attr_nlp(text)._.attributions
    block = find(atts, "Those depots serve")
    assert block.speaker == "The Courier" and "A driver involved" in block.content
    inner = [a for a in atts if a.speaker.startswith("A driver involved")]
    assert inner and "pickets are standing" in inner[0].content
