"""Who speaks among the article's own people (issue 19, point 1): a name inside a quotation whose marks the
pairing missed is no antecedent; "they" after two named people is those two; "the site" is the website
named before; "the Sheriff" is the person introduced with that title; "the official" after "a former
ferry inspector said" is that unnamed inspector. Invented stories of other kinds than the seeds."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)
from attribution_helpers import find


def test_a_name_in_a_quoted_sentence_is_no_antecedent(attr_nlp):
    # the second quotation opens with a left mark where a right one belongs, so no pair is found for it
    text = (
        "Coach Dario Velt spoke for an hour at the club's awards dinner on Friday.\n\n"
        "\u201cWho can promise you a trophy?\u201c he asked. \u201cPeter Hansen was not happy.\u201d\n\n"
        "If you win on the road to glory, he said, players believe \u201cyou should not be blamed for it.\u201d\n\n"
        "\u201cI am not going to carry your mistakes and I do not expect you to carry mine,\u201d he said, "
        "to loud applause.\n"
    )
    a = find(attr_nlp(text)._.attributions, "carry your mistakes")
    assert a.speaker_resolved == "Dario Velt"


def test_they_after_two_named_people_is_both(attr_nlp):
    text = (
        "The warehouse fire in Dunmore burned for two days before crews put it out.\n\n"
        "On Friday, Ms. Halvorsen and Mr. Okafor released a joint statement repeating that they had "
        "\u201clong warned about the sprinklers.\u201d\n\n"
        "\u201cNow that the cause is known, we believe the inspection records should be published as well,\u201d "
        "they said.\n"
    )
    doc = attr_nlp(
        "Fire inspector Ingrid Halvorsen and Paul Okafor of the dockworkers union had asked for a review in March.\n\n" + text)
    a = find(doc._.attributions, "inspection records should be published")
    assert "Halvorsen" in (a.speaker_resolved or "") and "Okafor" in (a.speaker_resolved or "")


def test_the_site_is_the_website_named_before(attr_nlp):
    text = (
        "Striker Tomas Ekberg has not spoken about his transfer since Tuesday, when Ekberg declined to answer "
        "questions at the training ground.\n\n"
        "The fee was first reported on Saturday by TransferDesk.net, a website run by the former agent Lene Moss.\n\n"
        "The site said the fee was paid in two parts.\n"
    )
    a = find(attr_nlp(text)._.attributions, "paid in two parts")
    assert a.speaker_resolved == "TransferDesk.net"


def test_the_capitalised_title_is_its_holder(attr_nlp):
    text = (
        "Kell County Sheriff Anton Marsh, known for his patrols along the river, backed the new ferry schedule on "
        "Tuesday.\n\n"
        "The self-styled River Sheriff, who has run the county's boat patrol since 2004, said that the "
        "schedule would cut the night crossings by half.\n"
    )
    a = find(attr_nlp(text)._.attributions, "cut the night crossings")
    assert a.speaker_resolved == "Anton Marsh"


def test_the_official_after_an_unnamed_inspector(attr_nlp):
    text = (
        "The harbour ferry has been out of service since the engine fire on Monday.\n\n"
        "A former port authority safety inspector said it would not cost much to test the other engines. "
        "The former official said the fire would have been found sooner with weekly checks.\n"
    )
    a = find(attr_nlp(text)._.attributions, "found sooner with weekly checks")
    assert (a.speaker_resolved or "").lower().startswith("a former port authority safety inspector")


def test_the_capitalised_title_the_tagger_calls_a_person(attr_nlp):
    text = (
        "Kell County Sheriff Anton Marsh, known for his patrols along the river, backed the new ferry schedule on "
        "Tuesday.\n\n"
        "The self-titled Kell's Toughest Sheriff, who has run the county's boat patrol since 2004, said that the "
        "schedule would cut the night crossings by half.\n"
    )
    a = find(attr_nlp(text)._.attributions, "cut the night crossings")
    assert a.speaker_resolved == "Anton Marsh"


def test_the_spokesperson_and_the_aide_are_the_one_introduced(attr_nlp):
    text = (
        "The ferry company has not said when the service will resume.\n\n"
        "A spokesperson for the harbour master fired back on Tuesday, saying the ferry had passed every inspection. "
        "The spokesperson also praised the crew's \"quick thinking\" during the fire.\n\n"
        "\"Alongside that, the harbour has one of only two fireboats on the coast,\" the aide said.\n"
    )
    atts = attr_nlp(text)._.attributions
    assert find(atts, "quick thinking").speaker_resolved == "A spokesperson for the harbour master"
    assert find(atts, "only two fireboats").speaker_resolved == "A spokesperson for the harbour master"


def test_the_official_past_a_named_person_quoted_between(attr_nlp):
    text = (
        "The harbour ferry has been out of service since the engine fire on Monday.\n\n"
        "A former port authority safety inspector said it would not cost much to test the other engines. Though "
        "Captain Ivo Brandt said the fire was not his crew's fault, the former official said the fire would have been "
        "found sooner with weekly checks.\n"
    )
    a = find(attr_nlp(text)._.attributions, "found sooner with weekly checks")
    assert (a.speaker_resolved or "").lower().startswith("a former port authority safety inspector")


def test_a_surname_misspelt_once_is_the_person_named_in_full(attr_nlp):
    text = (
        "Governor Ana Vell named her former chief of staff, Peter Moravec, to the vacant seat on Wednesday.\n\n"
        "Moravec is a graduate of the state law school. He and his wife have two sons.\n\n"
        "\u201cI am not standing here because of where I come from, but because the governor believes I can do the "
        "job,\u201d said Moravek, who joins the council as its youngest member.\n"
    )
    a = find(attr_nlp(text)._.attributions, "not standing here")
    assert a.speaker_resolved == "Peter Moravec"
