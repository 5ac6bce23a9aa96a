"""Headings, subheadings and captions are not statements of the speaker before them (issue 19, point 2),
on an invented story of a dock strike."""

from __future__ import annotations

import pytest

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find
from rashomon.analyze.attribution import heading_span, heading_statements
from rashomon.analyze.frames import Frame

STRIKE = (
    "The strike at the Northport docks entered its third week on Monday, union leader Hannah Berg said.\n\n"
    "\"We will not sign this offer,\" Berg told a rally outside the gates.\n\n"
    "“We will not go back for less”\n\n"
    "The port authority said the strike had cost shippers $40 million. Its chairman, Olav Brenner, said ships "
    "were being sent to Eastmere instead.\n\n"
    "\"We will not go back for less,\" said steward Pavel Orsk, who has worked at the port for 30 years.\n\n"
    "Dockers march past the harbour office on Monday. (Photo: Ida Varga)\n\n"
    "Photos showed visible injuries on two pickets."
)


@pytest.fixture(scope="module")
def strike(attr_nlp):
    return attr_nlp(STRIKE)


def test_a_heading_without_a_full_stop_does_not_swallow_the_next_paragraphs_speaker(strike):
    a = find(strike._.attributions, "cost shippers")
    assert a.speaker == "The port authority" and a.content.startswith("the strike")


def test_said_followed_by_a_role_and_a_name_is_the_name(strike):
    a = find(strike._.attributions, "go back for less")
    assert a.speaker_resolved == "Pavel Orsk"


def test_captions_and_pictures_are_no_statements(strike):
    assert not [a for a in strike._.attributions if "harbour office" in a.content or "injuries" in a.content]


def test_heading_span_tells_a_subheading_from_a_sentence():
    assert heading_span(STRIKE, STRIKE.index("We will not go back for less”")) is not None
    assert heading_span(STRIKE, STRIKE.index("The port authority")) is None
    assert heading_span(STRIKE, 5) is None  # the first paragraph is the lead, not a heading


def test_a_quoted_subheading_goes_to_who_says_it_not_to_the_speaker_before(strike):
    text = STRIKE
    head = text.index("We will not go back for less”")
    berg = text.index("Berg told")
    orsk_quote = text.index("We will not go back for less,\"")
    orsk = text.index("steward Pavel Orsk")
    borrowed = Frame(cue=(head, head + 2), content=(head, head + 29), source=(berg, berg + 4), kind="direct",
                     cue_token=0, source_root=strike.char_span(berg, berg + 4).root.i, how="inquote")
    said = Frame(cue=(orsk - 5, orsk - 1), content=(orsk_quote, orsk_quote + 28), source=(orsk, orsk + 18),
                 kind="direct", cue_token=0, source_root=strike.char_span(orsk + 8, orsk + 18).root.i)
    kept = heading_statements(strike, [borrowed, said])
    assert kept[0] is borrowed and borrowed.source == said.source
    lonely = Frame(cue=(head, head + 2), content=(head, head + 29), source=(berg, berg + 4), kind="direct",
                   cue_token=0, source_root=0, how="inquote")
    assert heading_statements(strike, [lonely]) == []  # no one else says it: not Berg's statement


def test_a_thing_said_to_be_done_by_no_one_is_no_statement(attr_nlp):
    text = ("The review of the harbour cranes was published on Monday. The port authority said the cranes were safe.")
    atts = attr_nlp(text)._.attributions
    assert not [a for a in atts if a.content.startswith("The review")]
    assert find(atts, "cranes were safe").speaker == "The port authority"


def test_a_caption_with_a_photo_credit_is_no_statement(attr_nlp):
    from rashomon.analyze.attribution import in_caption

    text = ("The strike went on.\n\nUnion leader Hannah Berg tells strikers the offer is an insult, at the gate on "
            "Monday. (Photo: Ida Varga)\n\nBerg said the pickets would stay until Friday.")
    atts = attr_nlp(text)._.attributions
    assert not [a for a in atts if "insult" in a.content]
    assert find(atts, "pickets would stay").speaker_resolved == "Hannah Berg"
    assert not in_caption("He tried to soften his image by recounting the talks.", 0)
    assert not in_caption("The Reuters/Ipsos poll showed the mayor ahead.", 0)
