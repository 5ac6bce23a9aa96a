"""Bare noun cues ("criticism of the plan", no owner, no "that"): proposed as candidates for the ranker."""

from __future__ import annotations

from rashomon.analyze.candidates import candidate_frames
from rashomon.analyze.cues import load_lexicon
from rashomon.analyze.quotes import find_quotes


def _bare(nlp, text: str, relaxed: bool = True):
    doc = nlp(text)
    frames = candidate_frames(doc, load_lexicon(), find_quotes(doc.text), relaxed=relaxed)
    out = {}
    for f in frames:
        if f.how == "noun_bare":
            source = doc.text[f.source[0] : f.source[1]] if f.source else None
            out[doc.text[f.cue[0] : f.cue[1]]] = (doc.text[f.content[0] : f.content[1]], source)
    return out


def test_object_of_the_preposition_is_the_content_and_the_verbs_subject_the_source(nlp):
    found = _bare(nlp, "Senator Alma Ruiz voiced sharp criticism of the harbor tax on Tuesday.")
    assert found["criticism"] == ("the harbor tax", "Senator Alma Ruiz")


def test_from_phrase_names_the_source(nlp):
    found = _bare(nlp, "There was fierce opposition to the dam from the farmers of Vell Valley.")
    content, source = found["opposition"]
    assert content.startswith("the dam")
    assert source == "the farmers of Vell Valley"


def test_owned_or_that_clause_nouns_stay_with_the_other_rules(nlp):
    text = "Mayor Oduya's warning about the floods came late, and the claim that the levee held was false."
    assert _bare(nlp, text) == {}


def test_only_the_relaxed_candidates_carry_bare_nouns(nlp):
    assert _bare(nlp, "Senator Alma Ruiz voiced sharp criticism of the harbor tax.", relaxed=False) == {}


def _wraps(nlp, text: str):
    doc = nlp(text)
    frames = candidate_frames(doc, load_lexicon(), find_quotes(doc.text), relaxed=True)
    return [(doc.text[f.content[0] : f.content[1]], doc.text[f.source[0] : f.source[1]] if f.source else None)
            for f in frames if f.how == "wrap"]


def test_wrap_around_statement_covers_both_sides_of_the_cue(nlp):
    found = _wraps(nlp, "Whatever gains the council has made, officials said, could easily be undone by the storm.")
    assert found == [("Whatever gains the council has made, officials said, could easily be undone by the storm",
                      "officials")]


def test_trailing_or_leading_cue_is_not_a_wrap(nlp):
    assert _wraps(nlp, "The tunnel will open in May, the mayor said.") == []
    assert _wraps(nlp, "The mayor said the tunnel will open in May.") == []


def test_bare_noun_inside_a_quote_leaves_the_quote_to_its_cue(nlp):
    text = "“The toll is a disgrace for every driver on the coast.” Ilse Varga said."
    doc = nlp(text)
    frames = candidate_frames(doc, load_lexicon(), find_quotes(doc.text), relaxed=True)
    said = [f for f in frames if doc[f.cue_token].lemma_ == "say"]
    assert [doc.text[f.content[0] : f.content[1]] for f in said] == [
        "The toll is a disgrace for every driver on the coast"]
    bare = [f for f in frames if f.how == "noun_bare"]
    assert bare and all(f.kind != "direct" and f.content[1] - f.content[0] < 30 for f in bare)
