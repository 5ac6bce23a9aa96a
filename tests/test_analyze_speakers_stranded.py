"""A speaker the parser left off its cue (issue 19, point 1), on invented stories of other kinds."""

from __future__ import annotations

import pytest

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


@pytest.mark.parametrize("text, content, speaker", [
    ("In a statement issued on Monday, Ilse Marren, a lawyer with Hobb Lindqvist, said the recall had "
     "come two weeks too late for the families.", "recall had", "Ilse Marren"),
    ("In another appeal to dock workers, Pavel Orsk, a steward in the Northport branch of the union, "
     "announced that the strike would go on through the holiday.", "strike would go on", "Pavel Orsk"),
    ("After the councils of Wendham and Rusk backed the count, the returning officer of Leaford, "
     "Dara Quill, said the ballots would be counted again.", "ballots would be counted", "Dara Quill"),
])
def test_a_long_subject_the_parser_hung_elsewhere_is_the_speaker(attr_nlp, text, content, speaker):
    a = find(attr_nlp(text)._.attributions, content)
    assert speaker in (a.speaker_resolved or a.speaker)


def test_a_cue_read_as_a_noun_keeps_its_subject(attr_nlp):
    text = "Shareholders of Brightwell Foods argue that the board hid the test results for a month."
    a = find(attr_nlp(text)._.attributions, "hid the test results")
    assert "Shareholders" in a.speaker



def test_a_dateline_is_never_the_speaker(attr_nlp):
    text = ("EASTPORT, Me. — Gov. Carla Dunn of Maine on Monday said the ferry strike had cost the island its "
            "busiest week.\n\nNEW YORK — The union said members would vote again on Friday.")
    atts = attr_nlp(text)._.attributions
    a = find(atts, "ferry strike")
    assert "Dunn" in (a.speaker_resolved or "") and "EASTPORT" not in a.speaker
    assert "union" in find(atts, "vote again").speaker


def test_a_name_before_a_dash_mid_paragraph_is_no_dateline() -> None:
    from rashomon.analyze.attribution import dateline_end

    assert dateline_end("EASTPORT, Me. — The ferry", 0) == len("EASTPORT, Me. — ")
    assert dateline_end("UPDATE 4:10 p.m. -- Records show", 0) == len("UPDATE 4:10 p.m. -- ")
    assert dateline_end("Carla Dunn — the mayor — said", 0) == 0
    assert dateline_end("The union -- its members -- said", 0) == 0


def test_a_statement_a_paper_reports_is_the_speakers_not_the_papers(attr_nlp):
    text = ("\"We will reopen the plant on Monday,\" said Ida Varga in an interview with a radio station, "
            "according to the Ledger.\n\nThe strike will end on Friday, union leader Hannah Berg said at a rally, "
            "according to the Northport Courier.")
    atts = attr_nlp(text)._.attributions
    assert find(atts, "reopen the plant").speaker_resolved == "Ida Varga"
    assert find(atts, "strike will end").speaker_resolved == "Hannah Berg"


def test_according_to_keeps_its_source_when_the_inner_verb_has_no_speaker(attr_nlp):
    text = ("Two workers were hurt at the mill on Friday. One suffered 'severe burns' while the other worker's injury "
            "'is being assessed', according to the mill's owners.")
    a = find(attr_nlp(text)._.attributions, "severe burns")
    assert "owners" in a.speaker
