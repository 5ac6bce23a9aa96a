"""Speakers resolved to the person or body the text names (issue 19, point 1), on invented stories."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


def test_pronoun_after_a_sentence_about_another_person_is_that_person(attr_nlp):
    text = (
        "Club chairman Tomas Brevik said the transfer fee was fair. "
        "But the striker Anders Holm was unconvinced. "
        "“I was never asked where I wanted to play,” he told reporters at the training ground."
    )
    a = find(attr_nlp(text)._.attributions, "never asked where")
    assert a.speaker == "he"
    assert a.speaker_resolved == "Anders Holm"


def test_pronoun_after_a_clause_naming_a_person_before_it(attr_nlp):
    text = (
        "Plant manager Rolf Sande said the sprinklers had worked. "
        "When the fire report was sent to inspector Maja Lind on Friday, she said it left out the locked exits."
    )
    a = find(attr_nlp(text)._.attributions, "locked exits")
    assert a.speaker_resolved == "Maja Lind"


def test_an_honorific_gives_the_gender_of_a_name(attr_nlp):
    text = (
        "Ms. Ingrid Vold said she would ask for an inquiry. "
        "Mr. Oskar Dahl, the plant owner, said the blaze was an accident. "
        "“The workers deserve the truth,” she said."
    )
    a = find(attr_nlp(text)._.attributions, "deserve the truth")
    assert a.speaker_resolved.endswith("Ingrid Vold")


def test_a_role_noun_takes_the_title_written_before_the_name(attr_nlp):
    text = (
        "Gov. Lena Marsh of Eastland visited the burned warehouse on Monday. "
        "Firefighters worked through the night. "
        "The governor said the state would pay for the clean-up."
    )
    a = find(attr_nlp(text)._.attributions, "pay for the clean-up")
    assert a.speaker_resolved == "Lena Marsh"


def test_a_role_noun_after_an_unnamed_source_stays_unnamed(attr_nlp):
    text = (
        "Plant owner Oskar Dahl toured the site. "
        "An official said the alarms had been switched off. "
        "The official said the inquiry would take months."
    )
    a = find(attr_nlp(text)._.attributions, "inquiry would take months")
    assert a.speaker_resolved != "Oskar Dahl"


def test_the_company_is_the_company_named_before(attr_nlp):
    text = (
        "Nordvik Timber Ltd. denied that the warehouse had failed an inspection. "
        "The company said its sprinklers were checked in March."
    )
    a = find(attr_nlp(text)._.attributions, "sprinklers were checked")
    assert a.speaker_resolved == "Nordvik Timber Ltd"


def test_a_common_noun_with_a_named_apposition_is_that_person(attr_nlp):
    text = "One bidder, Karl Ostby, the owner of a rival club, said the transfer was rushed."
    a = find(attr_nlp(text)._.attributions, "transfer was rushed")
    assert a.speaker_resolved == "Karl Ostby"


def test_a_spokesman_for_a_named_person_is_not_that_person(attr_nlp):
    text = "A spokesman for club president Henrik Aas said the transfer was legal."
    a = find(attr_nlp(text)._.attributions, "transfer was legal")
    assert a.speaker_resolved != "Henrik Aas"


def test_a_statement_from_a_body_speaks_for_that_body(attr_nlp):
    text = (
        "The Eastland Fire Safety Board opened an inquiry on Monday. "
        "A statement from the board said the exits had been locked."
    )
    a = find(attr_nlp(text)._.attributions, "exits had been locked")
    assert a.speaker_resolved == "The Eastland Fire Safety Board"


def test_a_title_before_a_surname_resolves_to_the_full_name(attr_nlp):
    text = (
        "Harbour Commissioner Petra Lindqvist opened the new ferry terminal on Monday. "
        "Engineers said the pier had been raised by a metre. "
        "“The boats will run on time from now on,” Commissioner Lindqvist said."
    )
    a = find(attr_nlp(text)._.attributions, "run on time")
    assert a.speaker_resolved == "Petra Lindqvist"


def test_a_surname_shared_by_two_people_is_the_one_written_with_the_same_title(attr_nlp):
    text = (
        "Judge Arvo Kallas, who heard the fishing case, ruled on Tuesday. "
        "His daughter Mirja Kallas, a lawyer for the fleet, was in court. "
        "“The quota was never lawful,” Judge Kallas said."
    )
    a = find(attr_nlp(text)._.attributions, "quota was never lawful")
    assert a.speaker_resolved == "Arvo Kallas"


def test_a_generational_suffix_stays_with_the_full_name(attr_nlp):
    text = (
        "Former Mayor Henrik Dale Jr. appeared at the harbour hearing on Friday. "
        "“I never saw the permits,” Dale said."
    )
    a = find(attr_nlp(text)._.attributions, "never saw the permits")
    assert a.speaker_resolved == "Henrik Dale Jr."


def test_a_pronoun_object_of_the_previous_subject_is_someone_else(attr_nlp):
    text = (
        "Harbour master Elin Strand was asked about the permits last spring. "
        "Councillor Jonas Berg asked her whether the fees had been paid. "
        "She said: “Every fee was paid on time.”"
    )
    a = find(attr_nlp(text)._.attributions, "Every fee was paid")
    assert a.speaker_resolved == "Elin Strand"


def test_an_organisation_with_a_title_word_keeps_its_name(attr_nlp):
    text = "The Justice Ministry said the harbour permits had been issued lawfully."
    a = find(attr_nlp(text)._.attributions, "permits had been issued")
    assert (a.speaker_resolved or a.speaker).endswith("Justice Ministry")


def test_the_statement_is_whoever_issued_the_earlier_one(attr_nlp):
    text = (
        "“We will appeal,” said the statement from the ferry company’s lawyer, Maria Jensen. "
        "The statement said the company “followed every rule” on the night of the storm."
    )
    a = find(attr_nlp(text)._.attributions, "followed every rule")
    assert a.speaker_resolved == "Maria Jensen"


def test_the_group_is_the_organisation_an_apposition_called_a_group(attr_nlp):
    text = (
        "The ferry ban was pushed by the Coastal Safety Alliance, a shipping industry group. "
        "The group says the ban only restates existing harbour rules."
    )
    a = find(attr_nlp(text)._.attributions, "only restates")
    assert a.speaker_resolved == "the Coastal Safety Alliance" or a.speaker_resolved == "Coastal Safety Alliance"


def test_a_title_taken_for_a_name_is_no_antecedent(attr_nlp):
    text = (
        "Deputy Assistant Secretary Liv Aune testified about the harbour budget. "
        "Asked whether money was short, she said: “The budget was never the problem.”"
    )
    a = find(attr_nlp(text)._.attributions, "never the problem")
    assert a.speaker_resolved == "Liv Aune"


def test_the_president_is_the_one_titled_president_not_the_vice_president(attr_nlp):
    text = (
        "President Mira Holt met Vice President Ivo Sand and union leader Tor Eide on Monday. "
        "Eide left early. "
        "“We will not cut pensions,” the president said."
    )
    a = find(attr_nlp(text)._.attributions, "not cut pensions")
    assert a.speaker_resolved == "Mira Holt"


def test_a_paragraph_break_ends_what_a_pronoun_looks_back_over(attr_nlp):
    text = (
        "“Was the dam ever inspected?” Judge Tarja Nieminen asked Mr. Lauri Koski, “before the flood came?”\n\n"
        "Mr. Koski said that was not the right question. “The dam was sound,” he said, “until the rain.”"
    )
    a = find(attr_nlp(text)._.attributions, "until the rain")
    assert a.speaker_resolved.endswith("Koski")


def test_a_pronoun_after_a_sentence_naming_one_person_as_its_object(attr_nlp):
    text = (
        "Mayor Ingrid Lund opened the village council meeting on Tuesday.\n\n"
        "Enter Ms. Helga Brandt, a retired teacher from the valley.\n\n"
        "“Nobody asked us about the quarry,” she wrote in a letter to the council."
    )
    a = find(attr_nlp(text)._.attributions, "Nobody asked us")
    assert a.speaker_resolved == "Helga Brandt"


def test_a_statement_in_a_clause_under_its_speaker_takes_the_subject(attr_nlp):
    text = "Councillor Ruth Alder has not been shy about criticizing the new ferry timetable."
    a = find(attr_nlp(text)._.attributions, "ferry timetable")
    assert (a.speaker_resolved or "").endswith("Ruth Alder")


def test_a_passive_statement_gets_no_invented_source(attr_nlp):
    text = "The harbour subpoenas were disclosed on Thursday, the port authority's lawyers said."
    atts = attr_nlp(text)._.attributions
    assert all(a.speaker != "The harbour subpoenas" for a in atts)


def test_what_pictures_show_is_not_a_statement(attr_nlp):
    text = "Photos published by the harbour police showed visible bruises on both arms."
    assert not [a for a in attr_nlp(text)._.attributions if "bruises" in a.content]


def test_what_a_person_showed_in_words_is_still_a_statement(attr_nlp):
    text = "The harbour master said the photos showed that the ferry had left early."
    assert find(attr_nlp(text)._.attributions, "ferry had left early")


def test_a_title_no_full_name_carried_keeps_the_surname(attr_nlp):
    text = (
        "Ivo Brenner, the chancellor's nephew, opened the harbour fair. "
        "Chancellor Brenner arrived later. "
        "“This fair is older than the harbour,” Chancellor Brenner said."
    )
    a = find(attr_nlp(text)._.attributions, "older than the harbour")
    assert a.speaker_resolved == "Brenner"


def test_an_epithet_is_the_person_the_text_is_about(attr_nlp):
    text = (
        "Speaking on a radio show, Senator Marta Olsen, a Northland Liberal, said the levy was unfair. "
        "The Northland Liberal said the harbour towns would pay twice."
    )
    a = find(attr_nlp(text)._.attributions, "pay twice")
    assert a.speaker_resolved == "Marta Olsen"


def test_an_outlets_poll_speaks_for_the_outlet(attr_nlp):
    text = "A Nordic Institute survey found that most voters oppose the harbour levy."
    a = find(attr_nlp(text)._.attributions, "oppose the harbour levy")
    assert a.speaker_resolved == "Nordic Institute"


def test_a_name_after_a_common_noun_subject_is_the_speaker(attr_nlp):
    text = "The levy's author, Councillor Jonas Berg (Liberal), had argued that the towns could afford it."
    a = find(attr_nlp(text)._.attributions, "could afford it")
    assert a.speaker_resolved == "Jonas Berg"


def test_a_title_heading_the_phrase_gives_the_name_that_ends_it(attr_nlp):
    text = (
        "Director of Harbour Intelligence James Miller issued a statement on Thursday decrying the leak. "
        "He called the leak of the inspection files a crime."
    )
    a = find(attr_nlp(text)._.attributions, "leak of the inspection files")
    assert a.speaker_resolved == "James Miller"


def test_a_persons_office_speaks_for_the_person_but_a_lawyer_does_not(attr_nlp):
    text = (
        "“The ferry will sail,” said a statement from Mayor Ingrid Lund's office. "
        "Ingrid Lund's lawyer said the contract was valid."
    )
    atts = attr_nlp(text)._.attributions
    assert find(atts, "ferry will sail").speaker_resolved == "Ingrid Lund"
    assert find(atts, "contract was valid").speaker_resolved != "Ingrid Lund"
