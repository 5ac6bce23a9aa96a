"""Speaker labels ("NAME: …") and signed comments ("'…' ― Name") as attribution candidates."""

from __future__ import annotations

import pytest

from rashomon.analyze.cues import load_lexicon
from rashomon.analyze.candidates import candidate_frames
from rashomon.analyze.quotes import find_quotes
from rashomon.analyze.spans import clear_cache


@pytest.fixture(scope="module")
def frames_of(nlp):
    def run(text: str) -> list[tuple[str, str, str, str]]:
        doc = nlp(text)
        try:
            frames = candidate_frames(doc, load_lexicon(), find_quotes(text), relaxed=True)
        finally:
            clear_cache(doc)
        return [(f.how, text[f.content[0] : f.content[1]], text[f.source[0] : f.source[1]] if f.source else "",
                 text[f.cue[0] : f.cue[1]]) for f in frames]
    return run


def test_transcript_label_opens_a_statement(frames_of):
    text = "MORVEN: Thank you for joining us tonight.\nTALLIS: The harbour tax will hurt every fisherman in Dunmere."
    labels = [f for f in frames_of(text) if f[0] == "label"]
    assert ("label", "The harbour tax will hurt every fisherman in Dunmere", "TALLIS", ":") in labels
    assert any(f[2] == "MORVEN" for f in labels)


def test_headline_label_with_a_name(frames_of):
    text = "Greta Vinsk: Port Levy Is 'Dead on Arrival'\n\nThe council meets on Monday."
    labels = [f for f in frames_of(text) if f[0] == "label"]
    assert labels and labels[0][2] == "Greta Vinsk"
    assert labels[0][1].startswith("Port Levy")


def test_a_colon_inside_a_sentence_is_no_label(frames_of):
    text = "The council listed three reasons for the delay: money, weather and the strike at the docks."
    assert not [f for f in frames_of(text) if f[0] == "label"]


def test_signed_comment_with_glued_dash(frames_of):
    text = "“The ferry fares are a scandal. Nobody in Dunmere can pay them.”― Ilse Maarten\n"
    dash = [f for f in frames_of(text) if f[0] == "dash"]
    assert dash == [("dash", "The ferry fares are a scandal. Nobody in Dunmere can pay them", "Ilse Maarten", "―")]


def test_a_dash_inside_a_sentence_is_no_signature(frames_of):
    text = "The ferry — which the council sold in 2019 — now runs twice a day."
    assert not [f for f in frames_of(text) if f[0] == "dash"]


def test_a_hyphen_inside_a_name_is_no_signature(frames_of):
    text = "The talks on Vell-Dorn failed, the envoy said.\nThe border with Nagorno-Karabakh stayed shut."
    assert not [f for f in frames_of(text) if f[0] == "dash"]
