"""Entities across articles, on invented multi-article corpora built by hand (no model)."""

from __future__ import annotations

from rashomon.model import Attribution
from rashomon.resolve import resolve_entities
from resolve_helpers import eid, entity, make, resolve


def test_entities_transliteration_variants_across_outlets_are_one_person() -> None:
    a = make("a", "Yevgeny Kartavykh, a ferry captain, was held.", [("Yevgeny Kartavykh", "PERSON")])
    b = make("b", "Police questioned Evgeny Kartavikh on Tuesday.", [("Evgeny Kartavikh", "PERSON")])
    c = make("c", "Жена Евгения Картавых рассказала. Евгений Картавых молчит.", [("Евгений Картавых", "PERSON")])
    res, _ = resolve(a, b, c)
    ids = {eid(res, a, "Yevgeny Kartavykh"), eid(res, b, "Evgeny Kartavikh"), eid(res, c, "Евгений Картавых")}
    assert len(ids) == 1
    e = entity(res, ids.pop())
    assert e.label == "PERSON" and set(e.aliases) >= {"Yevgeny Kartavykh", "Evgeny Kartavikh", "Евгений Картавых"}


def test_entities_same_surname_different_given_names_never_merge() -> None:
    a = make("a", "The brothers Tofig Mammadli and Elnur Mammadli ran a bakery.",
             [("Tofig Mammadli", "PERSON"), ("Elnur Mammadli", "PERSON")])
    b = make("b", "Their cousin Rauf Mamedli told reporters. Tofig Mamedli was absent.",
             [("Rauf Mamedli", "PERSON"), ("Tofig Mamedli", "PERSON")])
    res, _ = resolve(a, b)
    tofig = eid(res, a, "Tofig Mammadli")
    assert eid(res, b, "Tofig Mamedli") == tofig
    assert len({tofig, eid(res, a, "Elnur Mammadli"), eid(res, b, "Rauf Mamedli")}) == 3


def test_entities_bare_surname_goes_to_the_full_name_in_the_same_article() -> None:
    a = make("a", "Kremlin spokesman Arkady Volnov spoke. Volnov declined to elaborate. Later Volnov left.",
             [("Arkady Volnov", "PERSON"), ("Volnov", "ORG"), ("Volnov", "PERSON")])
    res, _ = resolve(a)
    person = eid(res, a, "Arkady Volnov")
    assert eid(res, a, "Volnov", 0) == person == eid(res, a, "Volnov", 1)
    assert entity(res, person).label == "PERSON"


def test_entities_shared_surname_bare_mention_is_given_to_neither_of_two_people() -> None:
    # the most recent full name is no evidence: a bare surname between two namesakes stays apart
    body = "Rauf Aliyarov spoke first. Then Kamran Aliyarov spoke. Aliyarov said the talks failed."
    a = make("a", body, [("Rauf Aliyarov", "PERSON"), ("Kamran Aliyarov", "PERSON"), ("Aliyarov", "PERSON")])
    res, _ = resolve(a)
    assert eid(res, a, "Aliyarov") not in {eid(res, a, "Kamran Aliyarov"), eid(res, a, "Rauf Aliyarov")}


def test_entities_bare_surname_elsewhere_links_only_when_the_corpus_has_one_such_person() -> None:
    a = make("a", "Ilkin Dadashov, the mayor, resigned.", [("Ilkin Dadashov", "PERSON")])
    b = make("b", "Dadashov denied the report.", [("Dadashov", "PERSON")])
    res, _ = resolve(a, b)
    assert eid(res, b, "Dadashov") == eid(res, a, "Ilkin Dadashov")
    c = make("c", "Vugar Dadashov, his nephew, spoke.", [("Vugar Dadashov", "PERSON")])
    res, _ = resolve(a, b, c)
    ambiguous = eid(res, b, "Dadashov")
    assert ambiguous not in {eid(res, a, "Ilkin Dadashov"), eid(res, c, "Vugar Dadashov")}


def test_entities_coordinated_given_names_share_the_surname() -> None:
    a = make("a", "The sisters Leyla and Nigar Rzayeva were detained.", [("Leyla", "GPE"), ("Nigar Rzayeva", "PERSON")])
    b = make("b", "Leyla Rzayeva was freed on bail.", [("Leyla Rzayeva", "PERSON")])
    res, _ = resolve(a, b)
    leyla = eid(res, a, "Leyla")
    assert leyla == eid(res, b, "Leyla Rzayeva") != eid(res, a, "Nigar Rzayeva")
    assert entity(res, leyla).label == "PERSON" and entity(res, leyla).canonical == "Leyla Rzayeva"


def test_entities_titles_possessives_and_noise_do_not_split() -> None:
    a = make("a", "President Ilkin Dadashov met the Kremlin. Kazakhstan's envoy came.",
             [("President Ilkin Dadashov", "PERSON"), ("the Kremlin.", "ORG"), ("Kazakhstan's", "GPE")])
    b = make("b", "Ilkin Dadashov's aides told the Kremlin that Kazakhstan agreed.",
             [("Ilkin Dadashov's", "PERSON"), ("Kremlin", "ORG"), ("Kazakhstan", "GPE")])
    res, _ = resolve(a, b)
    person = eid(res, a, "President Ilkin Dadashov")
    assert person == eid(res, b, "Ilkin Dadashov's")
    assert entity(res, person).canonical == "Ilkin Dadashov"
    assert eid(res, a, "the Kremlin.") == eid(res, b, "Kremlin")
    assert eid(res, a, "Kazakhstan's") == eid(res, b, "Kazakhstan")


def test_entities_diacritic_and_exonym_variants_of_a_place_are_one() -> None:
    a = make("a", "Türkiye sent aid. Turkey later sent more.", [("Türkiye", "GPE"), ("Turkey", "GPE")])
    b = make("b", "Turkiye denied it.", [("Turkiye", "GPE")])
    res, _ = resolve(a, b)
    assert eid(res, a, "Türkiye") == eid(res, a, "Turkey") == eid(res, b, "Turkiye")


def test_entities_demonym_variants_are_one_norp_and_mislabels_are_outvoted() -> None:
    a = make("a", "Azeri traders and Azerbaijanis abroad. Moldovan farmers met Moldovans in Moldova.",
             [("Azeri", "NORP"), ("Azerbaijanis", "PERSON"), ("Moldovan", "PERSON"), ("Moldovans", "NORP"), ("Moldova", "GPE")])
    b = make("b", "Azerbaijani workers met Azeris.", [("Azerbaijani", "NORP"), ("Azeris", "ORG")])
    res, _ = resolve(a, b)
    azeri = eid(res, a, "Azeri")
    assert azeri == eid(res, a, "Azerbaijanis") == eid(res, b, "Azerbaijani") == eid(res, b, "Azeris")
    assert entity(res, azeri).label == "NORP"
    moldovan = eid(res, a, "Moldovan")
    assert moldovan == eid(res, a, "Moldovans") != eid(res, a, "Moldova")
    assert entity(res, moldovan).label == "NORP"


def test_entities_ministries_of_different_countries_stay_apart() -> None:
    a = make("a", "The Moldovan Foreign Ministry protested. The Romanian Foreign Ministry replied.",
             [("The Moldovan Foreign Ministry", "ORG"), ("The Romanian Foreign Ministry", "ORG")])
    b = make("b", "Moldova's Ministry of Foreign Affairs said. Later the Foreign Ministry added more.",
             [("Moldova", "GPE"), ("Ministry of Foreign Affairs", "ORG"), ("Foreign Ministry", "ORG")])
    res, _ = resolve(a, b)
    moldova = eid(res, a, "The Moldovan Foreign Ministry")
    assert moldova == eid(res, b, "Ministry of Foreign Affairs") == eid(res, b, "Foreign Ministry")
    assert moldova != eid(res, a, "The Romanian Foreign Ministry")
    assert "Moldova's Ministry of Foreign Affairs" in entity(res, moldova).aliases


def test_entities_label_vote_within_a_cluster() -> None:
    a = make("a", "Port Sarvel is calm. Port Sarvel reopened. Port Sarvel voted.",
             [("Port Sarvel", "GPE"), ("Port Sarvel", "GPE"), ("Port Sarvel", "PERSON")])
    res, _ = resolve(a)
    ids = {eid(res, a, "Port Sarvel", i) for i in range(3)}
    assert len(ids) == 1 and entity(res, ids.pop()).label == "GPE"


def test_entities_canonical_is_the_most_frequent_full_form() -> None:
    a = make("a", "Gusein Talybov spoke.", [("Gusein Talybov", "PERSON")])
    b = make("b", "Huseyn Talibov spoke. Talibov left.", [("Huseyn Talibov", "PERSON"), ("Talibov", "PERSON")])
    c = make("c", "Huseyn Talibov returned.", [("Huseyn Talibov", "PERSON")])
    res, _ = resolve(a, b, c)
    e = entity(res, eid(res, a, "Gusein Talybov"))
    assert e.canonical == "Huseyn Talibov"
    # each spelling's surname alone is a form too (the corpus has one person of that surname)
    assert set(e.aliases) == {"Gusein Talybov", "Huseyn Talibov", "Talibov", "Talybov"}


def test_entities_ids_are_stable_across_runs_and_unrelated_additions() -> None:
    a = make("a", "Yevgeny Kartavykh spoke in Moldova.", [("Yevgeny Kartavykh", "PERSON"), ("Moldova", "GPE")])
    b = make("b", "Evgeny Kartavikh left.", [("Evgeny Kartavikh", "PERSON")])
    c = make("c", "Lala Huseynli visited Chisinau.", [("Lala Huseynli", "PERSON"), ("Chisinau", "GPE")])
    first, _ = resolve(a, b)
    second, _ = resolve(c, b, a)
    for surface in ("Yevgeny Kartavykh", "Moldova"):
        assert eid(first, a, surface) == eid(second, a, surface)
    again, _ = resolve(b, a, c)
    assert sorted((e.id, e.canonical, tuple(e.aliases)) for e in again.entities) == \
        sorted((e.id, e.canonical, tuple(e.aliases)) for e in second.entities)


def test_entities_speakers_link_through_spans_and_resolved_antecedents() -> None:
    body = ("Kremlin spokesman Arkady Volnov said the talks were over. 'We regret it,' he added. "
            "Moldovan prosecutors said the case was closed. The ministry spokeswoman said it was false.")
    art, an = make("a", body, [("Arkady Volnov", "PERSON"), ("Moldovan", "NORP")])
    other, oan = make("b", "Lala Huseynli, the ministry spokeswoman, is new.", [("Lala Huseynli", "PERSON")])

    def attr(speaker: str, resolved: str | None = None, nth: int = 0) -> Attribution:
        start = body.index(speaker)
        return Attribution(art.id, speaker, start, start + len(speaker), "said", 0, 0, "indirect", "", 0, 0, 0, 0,
                           speaker_resolved=resolved)

    an.attributions = [attr("Kremlin spokesman Arkady Volnov"), attr("he", "Arkady Volnov"),
                       attr("Moldovan prosecutors"), attr("The ministry spokeswoman", "Lala Huseynli")]
    res = resolve_entities([an, oan], {art.id: art, other.id: other})
    volnov = eid(res, (art, an), "Arkady Volnov")
    keys = [(a.article, a.speaker_start, a.speaker_end) for a in an.attributions]
    assert res.speaker_entity[keys[0]] == volnov
    assert res.speaker_entity[keys[1]] == volnov
    assert keys[2] not in res.speaker_entity
    assert res.speaker_entity[keys[3]] == eid(res, (other, oan), "Lala Huseynli")


def test_entities_family_surname_and_acronyms() -> None:
    a = make("a", "Rufat Babakhanov ran the shop. The Babakhanov brothers were held by the Federal Customs Office (FCO).",
             [("Rufat Babakhanov", "PERSON"), ("Babakhanov", "PERSON"), ("the Federal Customs Office", "ORG"), ("FCO", "ORG")])
    b = make("b", "The FCO denied it. Babakhanov was released.", [("FCO", "ORG"), ("Babakhanov", "PERSON")])
    res, _ = resolve(a, b)
    rufat = eid(res, a, "Rufat Babakhanov")
    assert eid(res, a, "Babakhanov") != rufat  # the brothers are not Rufat
    assert eid(res, b, "Babakhanov") == rufat  # the only Babakhanov with a full name
    office = eid(res, a, "the Federal Customs Office")
    assert eid(res, a, "FCO") == eid(res, b, "FCO") == office


def test_entities_organisations_sharing_words_stay_apart() -> None:
    a = make("a", "The Moldovan Interior Ministry and the Moldovan Foreign Ministry disagreed with Moldova Airlines.",
             [("The Moldovan Interior Ministry", "ORG"), ("the Moldovan Foreign Ministry", "ORG"), ("Moldova Airlines", "ORG")])
    res, _ = resolve(a)
    ids = {eid(res, a, s) for s in ("The Moldovan Interior Ministry", "the Moldovan Foreign Ministry", "Moldova Airlines")}
    assert len(ids) == 3


def test_entities_father_and_son_with_jr_never_merge() -> None:
    a = make("a", "Coach Brandt Holloway Jr. signed the striker. His father, Brandt Holloway, founded the club. "
                  "Holloway Jr. said the deal was done.",
             [("Brandt Holloway Jr.", "PERSON"), ("Brandt Holloway", "PERSON"), ("Holloway Jr.", "PERSON")])
    b = make("b", "Brandt L. Holloway Jr. spoke to fans.", [("Brandt L. Holloway Jr.", "PERSON")])
    res, _ = resolve(a, b)
    son = eid(res, a, "Brandt Holloway Jr.")
    assert eid(res, a, "Brandt Holloway") != son
    assert eid(res, a, "Holloway Jr.") == son
    assert eid(res, b, "Brandt L. Holloway Jr.") == son


def test_entities_bare_surname_between_two_sisters_is_not_given_to_the_last_one_named() -> None:
    a = make("a", "Mara Lindqvist won the final. Her sister, Petra Lindqvist, lost in the semis. "
                  "Lindqvist said the win felt strange.",
             [("Mara Lindqvist", "PERSON"), ("Petra Lindqvist", "PERSON"), ("Lindqvist", "PERSON")])
    res, _ = resolve(a)
    assert eid(res, a, "Lindqvist") != eid(res, a, "Petra Lindqvist")
    assert entity(res, eid(res, a, "Petra Lindqvist")).aliases == ["Petra Lindqvist"]


def test_entities_a_title_tells_which_of_a_family_a_bare_surname_is() -> None:
    a = make("a", "Club chairman Oskar Vennholm watched his daughter Ilse Vennholm score twice. "
                  "Chairman Vennholm praised the coach.",
             [("Oskar Vennholm", "PERSON"), ("Ilse Vennholm", "PERSON"), ("Vennholm", "PERSON")])
    res, _ = resolve(a)
    assert eid(res, a, "Vennholm") == eid(res, a, "Oskar Vennholm")
    assert "Chairman Vennholm" in entity(res, eid(res, a, "Oskar Vennholm")).aliases


def test_entities_the_younger_surname_is_a_description_not_the_last_full_name() -> None:
    a = make("a", "Goalkeeper Tove Arnesdal and her father Henrik Arnesdal attended. The younger Arnesdal left early.",
             [("Tove Arnesdal", "PERSON"), ("Henrik Arnesdal", "PERSON"), ("Arnesdal", "PERSON")])
    b = make("b", "Henrik Arnesdal coached for years. The elder Arnesdal retired in spring.",
             [("Henrik Arnesdal", "PERSON"), ("Arnesdal", "PERSON")])
    res, _ = resolve(a, b)
    henrik = eid(res, a, "Henrik Arnesdal")
    assert eid(res, a, "Arnesdal") != henrik and eid(res, b, "Arnesdal") != henrik


def test_entities_a_local_chapter_does_not_pull_the_general_body_named_earlier() -> None:
    a = make("a", "The Cyclists Union backed the bill. Later the Oslo Cyclists Union disagreed, "
                  "but the Cyclists Union held firm.",
             [("Cyclists Union", "ORG"), ("Oslo Cyclists Union", "ORG"), ("Cyclists Union", "ORG")])
    b = make("b", "Oslo is a city. The Oslo Cyclists Union met.", [("Oslo", "GPE"), ("Oslo Cyclists Union", "ORG")])
    res, _ = resolve(a, b)
    general = eid(res, a, "Cyclists Union")
    assert eid(res, a, "Cyclists Union", 1) == general
    assert eid(res, a, "Oslo Cyclists Union") != general
    assert eid(res, b, "Oslo Cyclists Union") == eid(res, a, "Oslo Cyclists Union")
