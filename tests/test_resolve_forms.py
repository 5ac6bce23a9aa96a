"""Forms of one name that a reader would list: titled forms, acronyms, abbreviations, nicknames (invented text)."""

from __future__ import annotations

from rashomon.analyze.entities import repeated_surnames
from rashomon.model import Mention
from resolve_helpers import eid, entity, make, resolve


def test_forms_titled_forms_of_a_person_are_aliases() -> None:
    body = ("Former Fisheries Minister Halvard Ostby denied it. Ostby spoke to the Tromso Rowing Club. "
            "Later, Harbour Commissioner Ostby resigned.")
    a = make("a", body, [("Halvard Ostby", "PERSON"), ("Ostby", "PERSON"), ("Tromso Rowing Club", "ORG"), ("Ostby", "PERSON")])
    res, _ = resolve(a)
    e = entity(res, eid(res, a, "Halvard Ostby"))
    assert {"Former Fisheries Minister Halvard Ostby", "Minister Halvard Ostby", "Harbour Commissioner Ostby",
            "Commissioner Ostby"} <= set(e.aliases)
    assert e.canonical == "Halvard Ostby"
    assert not any("Club" in x or "spoke" in x for x in e.aliases)


def test_forms_a_title_phrase_runs_over_places_and_role_words_only() -> None:
    body = "Nordland Gov. Ilse Brekke and the city police chief Tor Aune met. Voters like Ilse Brekke."
    a = make("a", body, [("Nordland", "GPE"), ("Ilse Brekke", "PERSON"), ("Tor Aune", "PERSON"), ("Ilse Brekke", "PERSON")])
    res, _ = resolve(a)
    brekke = entity(res, eid(res, a, "Ilse Brekke"))
    assert {"Nordland Gov. Ilse Brekke", "Gov. Ilse Brekke"} <= set(brekke.aliases)
    assert not any(x.startswith("like") or x.startswith("Voters") for x in brekke.aliases)
    aune = entity(res, eid(res, a, "Tor Aune"))
    assert "chief Tor Aune" in aune.aliases and not any(x.startswith("the") or x.startswith("and") for x in aune.aliases)


def test_forms_repeated_surname_the_model_missed_is_a_mention() -> None:
    text = ("Orchestra director Selma Ringdahl resigned. Ringdahl's deputy stays. Critics at the Ringdahl Hall "
            "cheered. Ringdahl said little, and Mr. Ringdahl's brother, Per Ringdahl, said more.")
    first = Mention("a", 19, 33, "Selma Ringdahl", "PERSON")
    per = text.index("Per Ringdahl")
    extra = repeated_surnames(text, [first, Mention("a", per, per + 12, "Per Ringdahl", "PERSON")], "a")
    found = [(m.start, m.text) for m in extra]
    assert (text.index("Ringdahl's deputy"), "Ringdahl") in found  # possessive dropped
    assert (text.index("Ringdahl said"), "Ringdahl") in found
    assert (text.index("Ringdahl's brother"), "Ringdahl") in found  # after the honorific
    assert all(s != text.index("Ringdahl Hall") for s, _ in found)  # part of a longer name
    assert all(m.label == "PERSON" for m in extra)


def test_forms_repeated_surname_that_is_also_a_word_is_left_alone_at_a_sentence_start() -> None:
    text = "Critic Anna Will wrote the review. Will the theatre reopen? Nobody will say."
    extra = repeated_surnames(text, [Mention("a", 7, 16, "Anna Will", "PERSON")], "a")
    assert extra == []


def test_forms_state_abbreviations_are_the_state_and_two_states_stay_apart() -> None:
    a = make("a", "The orchard in Yakima, Wash., froze. Growers in Oregon worried.", [("Wash.", "GPE"), ("Oregon", "GPE")])
    b = make("b", "Washington State orchards froze; N.Y. and N.J. growers did not.",
             [("Washington State", "GPE"), ("N.Y.", "GPE"), ("N.J.", "GPE")])
    c = make("c", "Farmers in New York and New Jersey sold more apples.", [("New York", "GPE"), ("New Jersey", "GPE")])
    res, _ = resolve(a, b, c)
    assert eid(res, a, "Wash.") == eid(res, b, "Washington State")
    assert eid(res, b, "N.Y.") == eid(res, c, "New York") != eid(res, b, "N.J.") == eid(res, c, "New Jersey")


def test_forms_an_acronym_spelling_the_initials_of_one_body_is_that_body() -> None:
    a = make("a", "The National Association of Glass Blowers sued the Harbour Authority of Tromso.",
             [("The National Association of Glass Blowers", "ORG"), ("the Harbour Authority of Tromso", "ORG")])
    b = make("b", "The N.A.G.B. said the lawsuit would go on. NAGB members agreed.", [("N.A.G.B.", "GPE"), ("NAGB", "NORP")])
    res, _ = resolve(a, b)
    body = eid(res, a, "The National Association of Glass Blowers")
    assert eid(res, b, "N.A.G.B.") == eid(res, b, "NAGB") == body
    assert entity(res, body).label == "ORG"


def test_forms_an_acronym_two_bodies_spell_goes_to_the_one_in_its_own_article() -> None:
    a = make("a", "The Nordic Rowing Association met the Nordic Racing Alliance.",
             [("The Nordic Rowing Association", "ORG"), ("the Nordic Racing Alliance", "ORG")])
    b = make("b", "NRA officials left.", [("NRA", "ORG")])
    c = make("c", "The Nordic Racing Alliance (not the rowers) spoke. NRA drivers cheered.",
             [("The Nordic Racing Alliance", "ORG"), ("NRA", "ORG")])
    res, _ = resolve(a, b, c)
    assert eid(res, b, "NRA") not in {eid(res, a, "The Nordic Rowing Association"), eid(res, a, "the Nordic Racing Alliance")}
    assert eid(res, c, "NRA") == eid(res, a, "the Nordic Racing Alliance")


def test_forms_a_nickname_joins_the_one_full_name_it_shortens() -> None:
    a = make("a", "Conductor Robert Aldane bowed. Violinist Roberta Aldane smiled.",
             [("Robert Aldane", "PERSON"), ("Roberta Aldane", "PERSON")])
    b = make("b", "Bob Aldane, the conductor, left early.", [("Bob Aldane", "PERSON")])
    c = make("c", "Tenor Charles Quist and his nephew Chuck Quist sang; Charlotte Quist played.",
             [("Charles Quist", "PERSON"), ("Chuck Quist", "PERSON"), ("Charlotte Quist", "PERSON")])
    res, _ = resolve(a, b, c)
    assert eid(res, b, "Bob Aldane") == eid(res, a, "Robert Aldane") != eid(res, a, "Roberta Aldane")
    assert eid(res, c, "Chuck Quist") == eid(res, c, "Charles Quist") != eid(res, c, "Charlotte Quist")


def test_forms_a_nickname_two_full_names_share_joins_neither() -> None:
    # "Bill" shortens both William and Robert in the nickname table: never guess between them
    a = make("a", "William Orrin and Robert Orrin ran the mill.", [("William Orrin", "PERSON"), ("Robert Orrin", "PERSON")])
    b = make("b", "Bill Orrin sold it.", [("Bill Orrin", "PERSON")])
    res, _ = resolve(a, b)
    assert len({eid(res, a, "William Orrin"), eid(res, a, "Robert Orrin"), eid(res, b, "Bill Orrin")}) == 3


def test_forms_a_name_without_suffix_is_the_one_suffixed_name_unless_an_article_tells_them_apart() -> None:
    a = make("a", "Judge Arvid K. Solberg Jr. ruled.", [("Arvid K. Solberg Jr.", "PERSON")])
    b = make("b", "Arvid Solberg read the ruling aloud.", [("Arvid Solberg", "PERSON")])
    c = make("c", "Pastor Lennart Moe Jr. preached; his father Lennart Moe listened.",
             [("Lennart Moe Jr.", "PERSON"), ("Lennart Moe", "PERSON")])
    res, _ = resolve(a, b, c)
    assert eid(res, b, "Arvid Solberg") == eid(res, a, "Arvid K. Solberg Jr.")
    assert eid(res, c, "Lennart Moe") != eid(res, c, "Lennart Moe Jr.")


def test_forms_a_longer_name_of_one_body_takes_the_short_one() -> None:
    a = make("a", "Skyfarer Airways Group said on Monday that Skyfarer would cut flights.",
             [("Skyfarer Airways Group", "ORG"), ("Skyfarer", "ORG")])
    b = make("b", "Skyfarer denied it. The Elk Valley Rowing Club and the Elk Valley Council met.",
             [("Skyfarer", "ORG"), ("The Elk Valley Rowing Club", "ORG"), ("the Elk Valley Council", "ORG")])
    c = make("c", "Elk Valley spoke for the Elk Valley Council.", [("Elk Valley", "ORG"), ("the Elk Valley Council", "ORG")])
    res, _ = resolve(a, b, c)
    assert eid(res, a, "Skyfarer") == eid(res, b, "Skyfarer") == eid(res, a, "Skyfarer Airways Group")
    # a council is a part of what "Elk Valley" names, and two longer names compete: no merge
    assert eid(res, c, "Elk Valley") not in {eid(res, b, "The Elk Valley Rowing Club"), eid(res, c, "the Elk Valley Council")}


def test_forms_a_party_and_its_people_are_one_and_plurals_do_not_split_a_body() -> None:
    a = make("a", "The Green Party won seats; Greens cheered and a Green mayor spoke. The Federal Elections Board agreed.",
             [("The Green Party", "ORG"), ("Greens", "NORP"), ("Green", "NORP"), ("The Federal Elections Board", "ORG")])
    b = make("b", "The Federal Election Board certified it; the Liberals sulked.",
             [("The Federal Election Board", "ORG"), ("Liberals", "NORP")])
    res, _ = resolve(a, b)
    party = eid(res, a, "The Green Party")
    assert eid(res, a, "Greens") == eid(res, a, "Green") == party
    assert eid(res, b, "Liberals") != party
    assert eid(res, a, "The Federal Elections Board") == eid(res, b, "The Federal Election Board")


def test_forms_a_town_as_the_text_places_it_and_abbreviated_saints_and_forts() -> None:
    a = make("a", "Hail hit Yakima, Wash., and Ft. Collins on Monday.", [("Yakima", "GPE"), ("Wash.", "GPE"), ("Ft. Collins", "GPE")])
    b = make("b", "Fort Collins and Yakima cleaned up; Main St. Market reopened.",
             [("Fort Collins", "GPE"), ("Yakima", "GPE"), ("Main St. Market", "FAC")])
    res, _ = resolve(a, b)
    town = entity(res, eid(res, a, "Yakima"))
    assert "Yakima, Wash" in town.aliases and town.canonical == "Yakima"
    assert eid(res, b, "Yakima") == town.id
    assert eid(res, a, "Ft. Collins") == eid(res, b, "Fort Collins")


def test_forms_a_title_and_a_given_name_tagged_org_make_a_person() -> None:
    a = make("a", "Bishop Anna Lindvall wrote to General Electric Company. Bishop Lindvall signed.",
             [("Bishop Anna Lindvall", "ORG"), ("General Electric Company", "ORG"), ("Bishop Lindvall", "ORG")])
    b = make("b", "Anna Lindvall, a bishop, declined to comment.", [("Anna Lindvall", "PERSON")])
    res, _ = resolve(a, b)
    bishop = entity(res, eid(res, a, "Bishop Anna Lindvall"))
    assert bishop.label == "PERSON" and eid(res, b, "Anna Lindvall") == bishop.id == eid(res, a, "Bishop Lindvall")
    assert entity(res, eid(res, a, "General Electric Company")).label == "ORG"


def test_forms_an_acronym_keeps_the_country_said_before_it() -> None:
    a = make("a", "Latvia's KNB and Lithuania's KNB swapped files; the U.N. watched the United Nations vote.",
             [("Latvia", "GPE"), ("KNB", "ORG"), ("Lithuania", "GPE"), ("KNB", "ORG"), ("U.N.", "ORG"), ("the United Nations", "ORG")])
    res, _ = resolve(a)
    assert eid(res, a, "KNB") != eid(res, a, "KNB", 1)
    assert eid(res, a, "U.N.") == eid(res, a, "the United Nations")


def test_forms_a_committee_named_short_after_its_full_name_is_that_committee() -> None:
    a = make("a", "The Upper Chamber Fisheries Committee met. Later the Fisheries Committee voted.",
             [("The Upper Chamber Fisheries Committee", "ORG"), ("the Fisheries Committee", "ORG")])
    b = make("b", "The Fisheries Committee of the lower house met first.", [("The Fisheries Committee", "ORG")])
    res, _ = resolve(a, b)
    full = eid(res, a, "The Upper Chamber Fisheries Committee")
    assert eid(res, a, "the Fisheries Committee") == full
    assert eid(res, b, "The Fisheries Committee") != full  # named bare, nothing before it


def test_forms_an_outlet_glued_to_its_journalist_is_split() -> None:
    from rashomon.analyze.entities import split_glued

    people = {"Tarik Osmanli", "Osmanli"}
    glued = Mention("a", 10, 40, "Radio Kaspi Tarik Osmanli", "ORG")
    parts = split_glued(glued, people)
    assert [(p.text, p.label) for p in parts] == [("Radio Kaspi", "ORG"), ("Tarik Osmanli", "PERSON")]
    assert parts[1].start == 10 + len("Radio Kaspi ") and parts[1].end == 40
    titled = split_glued(Mention("a", 0, 34, "Harbour Board Chair Janet Olsvik", "ORG"), set())
    assert [(p.text, p.label) for p in titled] == [("Harbour Board", "ORG"), ("Chair Janet Olsvik", "PERSON")]
    for whole, label in [("Kay Bailey Rask", "PERSON"), ("Bill & Melinda Rask Foundation", "ORG"),
                         ("J. Russell Holm", "PERSON"), ("St. Louis County", "GPE"), ("Senator Janet Olsvik", "ORG")]:
        assert split_glued(Mention("a", 0, len(whole), whole, label), people) == [Mention("a", 0, len(whole), whole, label)]


def test_forms_a_country_named_by_its_own_name_is_a_place_whatever_the_model_said() -> None:
    a = make("a", "Armenia said the border was calm. Armenian troops stayed.", [("Armenia", "PERSON"), ("Armenian", "NORP")])
    res, _ = resolve(a)
    assert entity(res, eid(res, a, "Armenia")).label == "GPE"


def test_forms_a_person_span_cut_after_a_particle_takes_the_name_that_follows() -> None:
    import spacy
    from spacy.tokens import Doc

    from rashomon.analyze.entities import doc_mentions

    words = ["Marta", "van", "der", "Brook", "spoke", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True, True, True, True, False, False],
              ents=["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"])
    assert [m.text for m in doc_mentions(doc) if m.label == "PERSON"] == ["Marta van der Brook"]


def test_forms_a_body_named_by_a_surname_is_an_organisation_mention() -> None:
    from rashomon.analyze.entities import named_teams

    text = "Mayor Dana Quill spoke. The Quill administration denied it; Quill campaign aides and the Quill government agreed."
    ms = [Mention("a", text.index(w), text.index(w) + len(w), w, "PERSON") for w in ("Dana Quill",)]
    ms += [Mention("a", i, i + 5, "Quill", "PERSON") for i in (text.index("Quill administration"), text.index("Quill campaign"),
                                                            text.index("Quill government"))]
    teams = named_teams(text, ms, "a")
    assert [(t.text, t.label) for t in teams] == [("Quill administration", "ORG"), ("Quill government", "ORG")]
