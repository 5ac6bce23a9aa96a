"""More forms of one name held by one entity, and the look-alikes they must not merge (invented text)."""

from __future__ import annotations

from resolve_helpers import eid, entity, make, resolve


def test_the_surname_alone_is_a_form_of_the_one_person_of_that_surname() -> None:
    a = make("a", "Ilse Marquardt rowed the strait.", [("Ilse Marquardt", "PERSON")])
    b = make("b", "Ilse Marquardt landed at dawn.", [("Ilse Marquardt", "PERSON")])
    res, _ = resolve(a, b)
    assert "Marquardt" in entity(res, eid(res, a, "Ilse Marquardt")).aliases


def test_the_surname_alone_is_no_form_where_two_people_share_it() -> None:
    a = make("a", "Ilse Marquardt rowed the strait.", [("Ilse Marquardt", "PERSON")])
    b = make("b", "Tomas Marquardt coached the crew.", [("Tomas Marquardt", "PERSON")])
    res, _ = resolve(a, b)
    ilse, tomas = eid(res, a, "Ilse Marquardt"), eid(res, b, "Tomas Marquardt")
    assert ilse != tomas
    assert "Marquardt" not in entity(res, ilse).aliases + entity(res, tomas).aliases


def test_a_person_known_by_the_middle_name_joins_that_name() -> None:
    a = make("a", "The keeper J. Tobias Wrenfield saved twice.", [("J. Tobias Wrenfield", "PERSON")])
    b = make("b", "Toby Wrenfield was named man of the match.", [("Toby Wrenfield", "PERSON")])
    res, _ = resolve(a, b)
    assert eid(res, a, "J. Tobias Wrenfield") == eid(res, b, "Toby Wrenfield")


def test_a_middle_name_never_picks_between_two_people() -> None:
    a = make("a", "The keeper J. Tobias Wrenfield saved twice.", [("J. Tobias Wrenfield", "PERSON")])
    b = make("b", "Toby Wrenfield was named man of the match.", [("Toby Wrenfield", "PERSON")])
    c = make("c", "Jonah Wrenfield, the chairman, watched.", [("Jonah Wrenfield", "PERSON")])
    res, _ = resolve(a, b, c)
    assert eid(res, b, "Toby Wrenfield") != eid(res, c, "Jonah Wrenfield")
    assert eid(res, a, "J. Tobias Wrenfield") not in (eid(res, b, "Toby Wrenfield"), eid(res, c, "Jonah Wrenfield"))


def test_a_person_named_by_their_outlet_keeps_that_form() -> None:
    a = make("a", "She told the Valley Ledger's Mara Quint that the dam held.",
             [("the Valley Ledger's", "ORG"), ("Mara Quint", "PERSON")])
    res, _ = resolve(a)
    assert "Valley Ledger's Mara Quint" in entity(res, eid(res, a, "Mara Quint")).aliases
    b = make("b", "Storms hit the Valley Ledger. Mara Quint wrote about it.",
             [("the Valley Ledger", "ORG"), ("Mara Quint", "PERSON")])
    res, _ = resolve(b)
    assert not any("Ledger" in x for x in entity(res, eid(res, b, "Mara Quint")).aliases)


def test_a_given_name_in_a_list_of_people_is_a_person_whatever_the_tag() -> None:
    body = "Councillors Ann Lee, Bo Park and Emil Roe voted against the quarry. Roe said the blasts were too close."
    a = make("a", body, [("Ann Lee", "PERSON"), ("Bo Park", "PERSON"), ("Emil Roe", "ORG"), ("Roe", "PERSON")])
    res, _ = resolve(a)
    ident = eid(res, a, "Emil Roe")
    assert entity(res, ident).label == "PERSON" and ident == eid(res, a, "Roe")
    b = make("b", "Suppliers Ann Lee Ltd and Harbor Freight bid.", [("Ann Lee Ltd", "ORG"), ("Harbor Freight", "ORG")])
    res, _ = resolve(b)
    assert entity(res, eid(res, b, "Harbor Freight")).label == "ORG"


def test_a_web_address_joins_the_outlet_whose_name_it_spells() -> None:
    a = make("a", "The video ran on RiverNews.com first.", [("RiverNews.com", "ORG")])
    b = make("b", "River News said the levee broke.", [("River News", "ORG")])
    c = make("c", "Readers of quaywatch.org disagreed.", [("quaywatch.org", "ORG")])
    res, _ = resolve(a, b, c)
    assert eid(res, a, "RiverNews.com") == eid(res, b, "River News")
    assert eid(res, c, "quaywatch.org") != eid(res, b, "River News")


def test_a_town_and_a_state_named_only_in_full_form_the_towns_alias() -> None:
    a = make("a", "The flood reached Marrowby, Ohio, by noon.", [("Marrowby", "GPE"), ("Ohio", "GPE")])
    res, _ = resolve(a)
    assert "Marrowby, Ohio" in entity(res, eid(res, a, "Marrowby")).aliases


def test_a_bare_surname_with_a_title_joins_the_one_person_given_that_title() -> None:
    a = make("a", "Governor Ada Pell opened the bridge. Her husband, Mayor Rolf Pell, cut the ribbon.",
             [("Ada Pell", "PERSON"), ("Rolf Pell", "PERSON")])
    b = make("b", "Mayor Pell said the tolls would stay. Pell left early.", [("Pell", "PERSON"), ("Pell", "PERSON")])
    res, _ = resolve(a, b)
    assert eid(res, b, "Pell", 0) == eid(res, a, "Rolf Pell")
    assert eid(res, b, "Pell", 1) not in (eid(res, a, "Rolf Pell"), eid(res, a, "Ada Pell"))  # no title: either


def test_a_body_beside_one_person_stays_a_body() -> None:
    body = "Grace Fellowship and Tom Hale ran the shelter. Reps. Ann Lee, Bo Park and Emil Roe visited."
    a = make("a", body, [("Grace Fellowship", "ORG"), ("Tom Hale", "PERSON"), ("Ann Lee", "PERSON"),
                         ("Bo Park", "PERSON"), ("Emil Roe", "ORG")])
    res, _ = resolve(a)
    assert entity(res, eid(res, a, "Grace Fellowship")).label == "ORG"
    assert entity(res, eid(res, a, "Emil Roe")).label == "PERSON"


def test_a_person_going_by_a_middle_name_is_also_known_by_it_alone() -> None:
    a = make("a", "Senator C. A. Dutch Vandemeer of the coast district spoke.", [("C. A. Dutch Vandemeer", "PERSON")])
    b = make("b", "Anna Maria Quell sang.", [("Anna Maria Quell", "PERSON")])
    res, _ = resolve(a, b)
    assert "Dutch Vandemeer" in entity(res, eid(res, a, "C. A. Dutch Vandemeer")).aliases
    assert "Anna Quell" not in entity(res, eid(res, b, "Anna Maria Quell")).aliases  # another person may be Anna Quell


def test_an_outlet_named_with_what_it_is_keeps_that_form() -> None:
    a = make("a", "The Harbour Gazette newspaper first printed the map.", [("The Harbour Gazette", "ORG")])
    res, _ = resolve(a)
    assert "Harbour Gazette newspaper" in entity(res, eid(res, a, "The Harbour Gazette")).aliases


def test_a_given_name_beside_a_relative_is_the_corpus_s_one_person_of_that_family() -> None:
    a = make("a", "Ruth Okafor, whose son, Emeka, drowned at the weir, spoke. Emeka was nine.",
             [("Ruth Okafor", "PERSON"), ("Emeka", "PERSON"), ("Emeka", "PERSON")])
    b = make("b", "Emeka Okafor, 9, drowned at the weir on Sunday.", [("Emeka Okafor", "PERSON")])
    c = make("c", "Emeka Adeyemi coached the rowing club.", [("Emeka Adeyemi", "PERSON")])
    res, _ = resolve(a, b, c)
    assert eid(res, a, "Emeka") == eid(res, b, "Emeka Okafor") != eid(res, c, "Emeka Adeyemi")
    d = make("d", "Ruth Okafor, whose son, Chidi, swam, spoke.", [("Ruth Okafor", "PERSON"), ("Chidi", "PERSON")])
    res, _ = resolve(d, b)
    assert eid(res, d, "Chidi") not in (eid(res, b, "Emeka Okafor"), eid(res, d, "Ruth Okafor"))


def test_a_name_followed_by_a_company_suffix_is_a_body_with_that_form() -> None:
    a = make("a", "He ran the cafe through Marlow Teas, L.L.C., until it closed. Marlow Teas owed rent.",
             [("Marlow Teas", "PERSON"), ("Marlow Teas", "PERSON")])
    b = make("b", "Marlow Teas was sued.", [("Marlow Teas", "PERSON")])
    res, _ = resolve(a, b)
    e = entity(res, eid(res, a, "Marlow Teas"))
    assert e.label == "ORG" and "Marlow Teas, L.L.C." in e.aliases and e.id == eid(res, b, "Marlow Teas")
    c = make("c", "Ada Lune, a baker, sold bread.", [("Ada Lune", "PERSON")])
    res, _ = resolve(c)
    assert entity(res, eid(res, c, "Ada Lune")).label == "PERSON"


def test_a_party_nickname_names_the_party_of_the_same_state_only() -> None:
    a = make("a", "The Idaho GOP picked a chair. The Idaho Republican Party met in Boise.",
             [("Idaho GOP", "ORG"), ("Idaho Republican Party", "ORG")])
    b = make("b", "The Utah Republican Party disagreed with the G.O.P. leadership.",
             [("Utah Republican Party", "ORG"), ("G.O.P.", "ORG")])
    res, _ = resolve(a, b)
    assert eid(res, a, "Idaho GOP") == eid(res, a, "Idaho Republican Party") != eid(res, b, "Utah Republican Party")
    assert eid(res, b, "G.O.P.") not in (eid(res, a, "Idaho GOP"), eid(res, b, "Utah Republican Party"))
