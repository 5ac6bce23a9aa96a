"""Pronouns resolved through what the text tells of a person's gender (issue 19, point 1), on invented stories."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


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


def test_a_pronoun_after_a_dash_is_the_sentence_subject_not_a_clause_before_the_cue(attr_nlp):
    text = ("The review of the port was published on Monday. Former harbour master Ana Vell, who led the review, "
            "appeared to ease off slightly on the call for new cranes -- she said it is \"important\" for every "
            "berth to have one.")
    a = find(attr_nlp(text)._.attributions, "every berth")
    assert a.speaker_resolved == "Ana Vell" and not a.content.startswith("Former")


def test_a_pronoun_is_not_the_person_someone_called_on_or_spoke_about(attr_nlp):
    text = ("The strike went on. Union leader Tom Berg, who led calls for the manager Ivo Roe to resign, said on the "
            "radio that Roe still needs to go -- though he said Roe tried to convince him otherwise.\n\n"
            "\"I think it would be better if he went,\" he said.")
    atts = attr_nlp(text)._.attributions
    assert find(atts, "convince him otherwise").speaker_resolved == "Tom Berg"
    assert find(atts, "better if he went").speaker_resolved == "Tom Berg"
