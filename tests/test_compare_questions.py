"""compare: claims, questions, contested sides, corroboration and framing on hand-built records."""

from __future__ import annotations

from story_records import miners_corpus as _corpus

from rashomon.compare import compare_story
from rashomon.compare.questions import frame_of, polarity


def test_compare_frames_and_polarity_on_invented_text() -> None:
    assert frame_of("the prisoner died of a heart attack").name == "death"
    assert frame_of("the group ran a drug trafficking ring").name == "criminality"
    assert frame_of("the weather was mild") is None
    assert polarity("the allegations were unfounded") == "no"
    assert polarity("access had been previously denied") == "yes"
    assert polarity("only one of them had a conviction") == "no"


def test_compare_cause_of_death_is_contested_with_both_sides() -> None:
    report = compare_story(*_corpus())
    death = [q for q in report.questions if q.summary.startswith("How did")]
    assert len(death) == 1 and death[0].contested
    claims = {c.id: c for c in report.claims}
    sides = {s.position: " | ".join(claims[i].text for i in s.claims) for s in death[0].sides}
    assert "heart attack" in sides["natural causes or illness"]
    assert "natural causes" in sides["natural causes or illness"]
    assert "beat the miners to death" in sides["killed by violence"]
    assert "tortured and killed" in sides["killed by violence"]


def test_compare_counts_and_sides_of_officials() -> None:
    report = compare_story(*_corpus())
    counts = [q for q in report.questions if q.summary.startswith("How many")]
    assert counts and counts[0].contested and {s.position for s in counts[0].sides} == {"40 miner", "12 miner"}
    brell = [c for c in report.claims if c.speaker == "Tomas Brell"]
    assert brell and all(c.side == "Veloria" for c in brell)  # the demonym maps to the story's country
    ostrian = [c for c in report.claims if c.speaker == "Ostrian prosecutors"]
    assert ostrian[0].side == "Ostrians"  # no country named: the group's own name


def test_compare_rewrites_count_once_in_corroboration() -> None:
    report = compare_story(*_corpus())
    natural = [c for c in report.claims if c.text == "they died of natural causes"]
    # Carried by the Ledger and by its syndicated copy in the Echo: one independent outlet.
    assert natural and all(c.corroboration == 1 for c in natural)
    detained = [c for c in report.claims if "been detained" in c.text]
    assert max(c.corroboration for c in detained) >= 2  # Pulse and Ledger both report detentions


def test_compare_framing_per_outlet() -> None:
    report = compare_story(*_corpus())
    by_outlet = {f.outlet: f for f in report.framing}
    assert set(by_outlet) == {"Harbour Pulse", "Northern Ledger", "Valley Echo"}
    assert by_outlet["Northern Ledger"].hedged_share > 0  # it carries a denial
    assert by_outlet["Harbour Pulse"].tone < 0
    assert by_outlet["Northern Ledger"].statements == 4


def test_a_cause_question_names_the_event_its_claims_name_not_the_site() -> None:
    from rashomon.compare.lexicon import FRAMES
    from rashomon.compare.questions import _target
    from rashomon.model import Claim

    cause = next(f for f in FRAMES if f.name == "cause")
    claims = [Claim("s", "a", "the explosion at the Orrin plant was caused by a faulty valve", 0, 60, "attributed", "Ida Moss", None, id="c1"),
              Claim("s", "b", "the blast was a deliberate act of sabotage", 0, 40, "attributed", "Ben Hale", None, id="c2"),
              Claim("s", "b", "saboteurs planned the explosion for weeks", 41, 80, "attributed", "Ben Hale", None, id="c3")]
    names = {"c1": [("Orrin plant", "FAC")]}
    assert cause.summary.format(target=_target(claims, names, cause)) == "What caused the explosion?"
    assert _target(claims[:1], names, cause) == "the explosion"
    plain = [Claim("s", "a", "engineers blamed neglect at the Orrin plant", 0, 40, "attributed", "Ida Moss", None, id="c4")]
    assert _target(plain, {"c4": [("Orrin plant", "FAC")]}, cause) == "Orrin plant"  # no event named: the site


def test_an_additive_not_is_no_negation_but_a_plain_one_is() -> None:
    from rashomon.compare.questions import polarity

    assert polarity("The closure is not just a loss for the town, it is a betrayal of the workers") == "yes"
    assert polarity("There is no doubt that the referee saw the foul") == "yes"
    assert polarity("The referee did not see the foul") == "no"
    assert polarity("The closure is not a loss for the town") == "no"
