"""A document speaks for whoever issued it (issue 19, point 1), on invented stories of other kinds."""

from __future__ import annotations

import pytest

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


RECALL = (
    "The recall covers eleven brands of frozen spinach.\n\n"
    "But the report, by chief inspector Maria Holm, concluded that the plant had cleaned its lines every night.\n\n"
    "A memo circulated by Brightwell Foods noted that no illness had been traced to the plant."
)


def test_a_report_by_someone_set_off_by_commas_is_theirs(attr_nlp):
    a = find(attr_nlp(RECALL)._.attributions, "cleaned its lines")
    assert a.speaker_resolved == "Maria Holm"


def test_a_memo_circulated_by_a_firm_is_the_firms(attr_nlp):
    a = find(attr_nlp(RECALL)._.attributions, "no illness")
    assert a.speaker_resolved == "Brightwell Foods"


def test_the_suit_is_the_lawsuit_named_before(attr_nlp):
    text = ("The strike at the port entered its third week.\n\n"
            "The lawsuit from the Harbour Workers Union asks the court to void the new rota. "
            "\"The rota breaks the contract we signed in March,\" the suit says.")
    a = find(attr_nlp(text)._.attributions, "breaks the contract")
    assert "Harbour Workers Union" in a.speaker_resolved


def test_a_complaint_filed_by_a_party_and_an_apology_speak_for_their_authors(attr_nlp):
    text = ("The count in Leaford went on overnight.\n\n"
            "The complaint was filed by the Green Party on Monday. The complaint says that forty ballots were "
            "counted twice.\n\nOlav Brenner's apology noted that his staff had misread the tally sheets.")
    atts = attr_nlp(text)._.attributions
    assert "Green Party" in find(atts, "counted twice").speaker_resolved
    assert find(atts, "misread the tally").speaker_resolved == "Olav Brenner"


@pytest.mark.parametrize("org", ["The Eastport Dockers' Guild", "The Northport Harbour Workers Union"])
def test_the_place_group_is_the_organisation_of_that_place_named_before(attr_nlp, org):
    place = org.split()[1]
    text = (f"{org} called the strike on Monday. Later, the {place} group said the pickets would stay until the "
            "rota was withdrawn.")
    a = find(attr_nlp(text)._.attributions, "pickets would stay")
    assert a.speaker_resolved == org


def test_they_continues_the_people_named_before_not_the_last_statements_source(attr_nlp):
    text = ("The Leaford count ended on Tuesday, the Daily Courier reported.\n\n"
            "Mayor Olav Brandt said he would ask for a recount later, given the objections of some Green "
            "councillors on Wednesday. They argued that forty ballots had been counted twice.")
    a = find(attr_nlp(text)._.attributions, "forty ballots")
    assert a.speaker == "They" and "Green councillors" in a.speaker_resolved


def test_the_official_is_never_merely_the_person_the_story_is_about(attr_nlp):
    text = ("Brightwell Foods chief executive Laura Benton apologised on Monday for the spinach recall.\n\n"
            "A former plant inspector, who spoke on condition of anonymity, said the lines had not been cleaned "
            "for weeks. Benton should have known, the former official said.")
    a = find(attr_nlp(text)._.attributions, "should have known")
    assert a.speaker_resolved != "Laura Benton"
