"""Speaker affiliation (compare.affiliation) and the camps knob of contest.assemble, on invented
stories of kinds neither the seeds nor coverage hold: a transit strike and a doping case."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.analyze import analyze_articles
from rashomon.compare.affiliation import allied, story_affiliations
from rashomon.compare.contest import Unit, assemble
from rashomon.config import default_options
from rashomon.model import Article, ArticleAnalysis, Claim

STRIKE = (
    "Bus drivers in Carrowby stayed off the roads for a second day on Tuesday.\n\n"
    "Mara Osei, a spokeswoman for the Carrowby Transit Workers Union, said the operator had cut night shift pay without warning.\n\n"
    "Carrowby Transit Authority chief executive Dan Quarrender said no pay had been cut and the strike was about rosters.\n\n"
    "Union steward Ken Abara said drivers had lost a fifth of their pay since spring.\n\n"
    "Ilse Farrow, a director of the Carrowby Transit Authority, said the rosters were agreed with drivers last year.\n\n"
    "The union said it would keep the buses in their depots until the pay was restored.\n\n"
    "City councillor Ruth Brisbey of the Green Party said both sides should return to talks."
)

DOPING = (
    "The sprinter Juno Attah was suspended on Friday after a test found a banned stimulant.\n\n"
    "Team Halvard manager Pieter Voss said the sample had been mishandled at the laboratory.\n\n"
    "Nordic Athletics Federation president Sanna Lind said the sample was handled by the book.\n\n"
    "Rui Okoro, a doctor for Team Halvard, said the stimulant came from a prescribed cold remedy.\n\n"
    "Elin Brask, a spokeswoman for the Nordic Athletics Federation, said the laboratory had followed every rule."
)


def _analysed(nlp, body: str) -> tuple[Article, ArticleAnalysis]:  # type: ignore[no-untyped-def]
    art = Article(source="/x/story.txt#main", page_source="/x/story.txt", body=body, outlet="Ledger")
    (analysis,) = analyze_articles([art], nlp, default_options())
    return art, analysis


def _camps(nlp, body: str) -> dict[str, frozenset[str]]:  # type: ignore[no-untyped-def]
    """Each speaker's camp, keyed by the surname of the person its phrase names, else its last word ("union")."""
    art, analysis = _analysed(nlp, body)

    def key(a) -> str:  # type: ignore[no-untyped-def]
        names = [m.text for m in analysis.mentions if m.label == "PERSON" and a.speaker_start <= m.start and m.end <= a.speaker_end]
        return (names[0] if names else a.speaker.split(",")[0]).split()[-1].casefold()

    speakers = [(key(a), art.id, a) for a in analysis.attributions]
    return story_affiliations(speakers, {art.id: art}, {art.id: analysis}, {})


@pytest.fixture(scope="module")
def strike(nlp) -> dict[str, frozenset[str]]:  # type: ignore[no-untyped-def]
    return _camps(nlp, STRIKE)


def test_union_voices_share_a_camp_by_apposition_title_and_the_body_itself(strike: dict[str, frozenset[str]]) -> None:
    assert {"osei", "abara", "union"} <= set(strike)
    assert allied(strike["osei"], strike["abara"]), "a spokeswoman 'for' the union and a 'Union steward'"
    assert allied(strike["osei"], strike["union"]), "'the union' speaking is the story's one named union"


def test_operator_voices_share_a_camp_and_none_of_them_is_the_unions(strike: dict[str, frozenset[str]]) -> None:
    assert allied(strike["quarrender"], strike["farrow"]), "'ORG chief executive X' and 'X, a director of ORG'"
    for union in ("osei", "abara", "union"):
        for operator in ("quarrender", "farrow"):
            assert not allied(strike[union], strike[operator]), (union, operator)


def test_a_city_official_of_a_party_is_in_neither_camp(strike: dict[str, frozenset[str]]) -> None:
    assert strike["brisbey"], "'X of the Green Party' is read"
    assert not any(allied(strike["brisbey"], strike[k]) for k in ("osei", "abara", "union", "quarrender", "farrow"))


def _unit(i: int, speaker: str, camp: frozenset[str], text: str) -> Unit:
    claim = Claim(story="s", article="a1", text=text, start=i * 100, end=i * 100 + len(text), status="attributed", speaker=speaker, id=f"c{i}")
    return Unit(claim=claim, outlet="Ledger", attributed=True, speaker=speaker, cue="said", sentence=text, camp=camp)


def _doping_draft(nlp, camps: int) -> tuple[set[str], set[str]]:  # type: ignore[no-untyped-def]
    """The doping dispute assembled from the team manager against the federation president: the team's
    doctor and the federation's spokeswoman each sit nearer (by cosine) the OTHER camp's seed."""
    c = _camps(nlp, DOPING)
    units = [
        _unit(0, "voss", c["voss"], "the sample had been mishandled at the laboratory"),
        _unit(1, "lind", c["lind"], "the sample was handled by the book at the laboratory"),
        _unit(2, "okoro", c["okoro"], "the stimulant came from a prescribed cold remedy"),
        _unit(3, "brask", c["brask"], "the laboratory had followed every rule"),
    ]
    angles = np.radians([0, 60, 45, 15])  # doctor nearer the federation's seed, spokeswoman nearer the team's
    vecs = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    ii, jj = np.triu_indices(len(units), k=1)
    p = np.array([0.9 if (a, b) == (0, 1) else 0.3 for a, b in zip(ii, jj)])
    (draft,) = assemble(units, vecs, ii, jj, p, most=1, expand=0.3, camps=camps)
    team, federation = ({units[u].speaker for u in side} for side in draft.sides)
    return team, federation


def test_with_camps_a_third_voice_joins_its_camps_side_whatever_the_cosine(nlp) -> None:  # type: ignore[no-untyped-def]
    team, federation = _doping_draft(nlp, camps=1)
    assert team == {"voss", "okoro"} and federation == {"lind", "brask"}


def test_without_camps_the_nearer_seed_puts_both_third_voices_on_the_other_camps_side(nlp) -> None:  # type: ignore[no-untyped-def]
    team, federation = _doping_draft(nlp, camps=0)
    assert "okoro" in federation and "brask" in team, "the shipped rule (camps 0) reads cosine only"


def test_as_a_veto_a_voice_allied_with_the_other_seed_stays_off_this_side(nlp) -> None:  # type: ignore[no-untyped-def]
    team, federation = _doping_draft(nlp, camps=3)
    assert team == {"voss"} and federation == {"lind"}, "never placed against its camp; cosine alone does not move it"
