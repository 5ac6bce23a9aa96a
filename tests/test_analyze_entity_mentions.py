"""Mentions the model missed, found from what it tagged elsewhere in the same document (invented text)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from rashomon.analyze.entities import doc_mentions, repeated_names, spelled_acronyms, web_addresses
from rashomon.model import Mention

_VOCAB = spacy.blank("en").vocab


def tagged(text: str, ents: list[tuple[str, str]]) -> Doc:
    """A Doc of ``text`` whose model spans are ``ents`` (surface, label), each found after the last."""
    doc = spacy.blank("en").make_doc(text)
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        spans.append(doc.char_span(start, start + len(surface), label=label))
        pos = start + len(surface)
    doc.ents = spans
    return doc


def found(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in sorted(mentions, key=lambda m: m.start)]


def test_a_tagged_name_is_found_where_the_model_missed_it() -> None:
    text = "Granby Mills shut its kiln on Monday. Workers at Granby Mills said the kiln was old."
    doc = tagged(text, [("Granby Mills", "ORG")])
    assert found(doc_mentions(doc)) == [("Granby Mills", "ORG"), ("Granby Mills", "ORG")]


def test_a_repeat_inside_a_longer_name_or_a_common_word_is_not_a_mention() -> None:
    text = "Lark said the gate held. The crew walked down Lark Road. Lark songs rang out. A lark sang."
    doc = tagged(text, [("Lark", "PERSON")])
    assert found(repeated_names(text, doc_mentions(doc)[:1])) == []
    text = "Ferris Quay closed. Ferris Quay Authority staff left. The Ferris Quay of Dunmore stayed open."
    assert found(repeated_names(text, [Mention("", 0, 11, "Ferris Quay", "FAC")])) == []


def test_a_surname_tagged_alone_takes_the_given_name_the_model_missed() -> None:
    text = "Mr. Vanterpool said the hull cracked. Harbour master Odo Vanterpool denied it."
    doc = tagged(text, [("Vanterpool", "PERSON")])
    assert ("Odo Vanterpool", "PERSON") in found(doc_mentions(doc))
    text = "Mr. Vanterpool said the hull cracked. Later Vanterpool denied it, and later still he left."
    assert found(repeated_names(text, [Mention("", 4, 14, "Vanterpool", "PERSON")])) == [("Vanterpool", "PERSON")]


def test_an_acronym_that_spells_a_named_body_is_a_mention() -> None:
    text = "The Harbour Safety Authority closed the quay. The HSA said divers found the wreck. The BBQ went on."
    doc = tagged(text, [("Harbour Safety Authority", "ORG")])
    assert found(spelled_acronyms(text, doc_mentions(doc)[:1])) == [("HSA", "ORG")]


def test_an_acronym_defined_in_brackets_is_a_mention_even_when_it_spells_other_words() -> None:
    text = "Divers of the Bureau of Wrecks and Salvage (BWSX) came. Later the BWSX left; the QRT stayed."
    doc = tagged(text, [("Bureau of Wrecks and Salvage", "ORG")])
    assert found(spelled_acronyms(text, doc_mentions(doc)[:1])) == [("BWSX", "ORG"), ("BWSX", "ORG")]


def test_a_web_address_is_an_organisation() -> None:
    text = "The footage was first posted by RiverNews.com on Sunday. Write to info@rivernews.com or visit www.rivernews.com."
    assert found(web_addresses(text, [])) == [("RiverNews.com", "ORG")]


def test_two_outlets_joined_by_a_slash_are_two_mentions() -> None:
    text = "A Courier/Valley Ledger poll put the levee tax ahead. The 24/7 desk and and/or clauses stay."
    doc = tagged(text, [("Courier/Valley Ledger", "ORG")])
    assert found(doc_mentions(doc)) == [("Courier", "ORG"), ("Valley Ledger", "ORG")]


def test_a_name_the_model_missed_inside_a_list_takes_the_list_s_kind() -> None:
    text = "Bidders were Brightway, Corran, Veltmark, Osprey and Lune. Corran, Ada said, was late."
    doc = tagged(text, [("Brightway", "ORG"), ("Veltmark", "ORG"), ("Osprey", "ORG"), ("Lune", "ORG")])
    assert ("Corran", "ORG") in found(doc_mentions(doc))
    text = "She met Brightway, Corran, and the mayor."
    doc = tagged(text, [("Brightway", "ORG")])
    assert ("Corran", "ORG") not in found(doc_mentions(doc))
