"""Speakers that are documents, bodies or a party's members link to the body or author the article
names (issue 19): "the letter" to whoever signed it, "the site" to the website, "the office" to the
office named before, "Harbour lawmakers" and "some in the party" to the party. Invented stories (a
hospital strike, a stadium deal, a ferry contract); mentions built by hand, no model."""

from __future__ import annotations

from speaker_links import linked_canonical

from rashomon.model import Article, Attribution


def _linked(body: str, speaker: str, ents: list[tuple[str, str]], resolved: str | None = None, nth: int = 0) -> str | None:
    """The canonical name of the entity the ``nth`` occurrence of ``speaker`` links to as a statement's speaker."""
    art = Article(source="strike", page_source="strike", body=body, published="2031-03-02")
    s = -1
    for _ in range(nth + 1):
        s = body.index(speaker, s + 1)
    e = s + len(speaker)
    att = Attribution(article=art.id, speaker=speaker, speaker_start=s, speaker_end=e, cue="said", cue_start=e + 1,
                      cue_end=e + 5, kind="indirect", content=body[e + 6:], content_start=e + 6, content_end=len(body),
                      sentence_start=s, sentence_end=len(body), speaker_resolved=resolved or speaker)
    return linked_canonical(art, ents, att)


def test_the_letter_speaks_for_the_union_that_signed_it():
    body = ("In a letter signed by the nurses of the Harbour Nurses Union, delivered to the hospital board on Monday, "
            "the nurses said they would walk out.\n\nThe letter goes on: \u201cWe cannot staff the wards safely.\u201d")
    assert _linked(body, "The letter", [("Harbour Nurses Union", "ORG")]) == "Harbour Nurses Union"


def test_a_letter_from_a_place_is_not_written_by_the_place():
    body = ("A letter from Eastport reached the hospital board on Monday.\n\n"
            "The letter says the wards cannot be staffed.")
    assert _linked(body, "The letter", [("Eastport", "GPE")]) is None


def test_a_voice_over_speaks_for_whoever_paid_for_the_ad():
    body = ("The stadium campaign began on Monday. A voice-over at the end of the ad says the club needs a new home. "
            "The ad, paid for by the fans' group Stadium Now Fund, runs for two weeks.")
    assert _linked(body, "A voice-over at the end of the ad", [("Stadium Now Fund", "ORG")]) == "Stadium Now Fund"


def test_the_site_is_the_website_not_the_man_who_runs_it():
    body = ("The stadium plans were first reported by RinkWatch.com, a website run by the former councillor Ola Brekke. "
            "The site said the contract was signed in March.")
    # the analysis took the last person named for "the site"; a site is a body, never a person
    assert _linked(body, "The site", [("RinkWatch.com", "ORG"), ("Ola Brekke", "PERSON")],
                   resolved="Ola Brekke") == "RinkWatch.com"


def test_the_office_is_the_office_named_before():
    body = ("According to the Office of the Port Registrar, two earlier ferry contracts were awarded without a tender. "
            "But the office could not find any contract signed on a Sunday.")
    assert _linked(body, "the office", [("Office of the Port Registrar", "ORG")]) == "Office of the Port Registrar"


def test_the_magazine_named_after_the_headline_it_ran():
    body = ("The headline advertising the magazine's story reads \u201cThe Ward That Closed.\u201d Harbour Weekly "
            "magazine has covered the strike since May.")
    assert _linked(body, "The headline advertising the magazine's story",
                   [("Harbour Weekly", "ORG")], resolved="The headline") == "Harbour Weekly"


def test_a_party_s_lawmakers_and_some_in_the_party_speak_for_the_party():
    body = ("The Harbour Party runs the council. Harbour lawmakers said the stadium deal was rushed. "
            "Some in the party said the club should pay for it.")
    ents = [("Harbour Party", "ORG"), ("Harbour", "NORP")]
    assert _linked(body, "Harbour lawmakers", ents) == "Harbour Party"
    assert _linked(body, "Some in the party", ents) == "Harbour Party"


def test_a_body_described_or_a_person_in_apposition_stays_as_it_was():
    body = ("The Harbour Party runs the council. A moderate Harbour group said the deal was rushed. "
            "The group's chief executive, Ivo Roe, said the club should pay.")
    ents = [("Harbour Party", "ORG"), ("Harbour", "NORP"), ("Ivo Roe", "PERSON")]
    assert _linked(body, "A moderate Harbour group", ents) is None
    assert _linked(body, "The group's chief executive, Ivo Roe", ents, resolved="Ivo Roe") == "Ivo Roe"


def test_a_capitalised_report_is_a_name_not_a_document():
    body = ("The Ferry Report, a newsletter, covered the tender. Ana Lund of the ferry board wrote a report on Monday. "
            "The Ferry Report said the tender was late.")
    ents = [("Ferry Report", "ORG"), ("Ana Lund", "PERSON"), ("Ferry Report", "ORG")]
    assert _linked(body, "The Ferry Report", ents, nth=1) == "Ferry Report"


def test_a_report_the_board_released_speaks_for_the_board():
    body = ("The Eastport Hospital Board released a report on Monday about the strike. "
            "The report said the wards were short of forty nurses.")
    assert _linked(body, "The report", [("Eastport Hospital Board", "ORG")]) == "Eastport Hospital Board"


def test_an_announcer_speaks_for_the_group_that_produced_the_ad():
    body = ("A new stadium ad opens on the empty pitch. Then an unseen announcer concludes that the city needs the deal. "
            "The group that produced the ad, Stadium Now Fund, is run by two former club directors.")
    assert _linked(body, "an unseen announcer", [("Stadium Now Fund", "ORG")]) == "Stadium Now Fund"
