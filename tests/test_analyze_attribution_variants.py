"""Alternative content extents (``variants``): the ranker gets the shorter and longer clause to choose from."""

from __future__ import annotations

from rashomon.analyze.candidates import candidate_frames
from rashomon.analyze.cue_model import frame_features
from rashomon.analyze.cues import load_lexicon
from rashomon.analyze.quotes import find_quotes
from rashomon.analyze.select import select_frames
from rashomon.analyze.variants import content_variants


def _frames(nlp, text: str, lemma: str):
    doc = nlp(text)
    quotes = find_quotes(doc.text)
    frames = candidate_frames(doc, load_lexicon(), quotes, relaxed=True)
    return doc, quotes, [f for f in frames if doc[f.cue_token].lemma_ == lemma]


def test_clause_runs_on_to_the_sentence_end(nlp):
    text = ("Mayor Ilse Varga said the harbour tunnel would open in spring, although the contractor "
            "had missed two deadlines already.")
    doc, _, frames = _frames(nlp, text, "say")
    extents = {f.variant: doc.text[f.content[0] : f.content[1]] for f in frames}
    assert extents[""] == "the harbour tunnel would open in spring"
    assert extents["tosent"] == ("the harbour tunnel would open in spring, although the contractor "
                                 "had missed two deadlines already")


def test_clause_cut_at_its_first_breaks_once_each(nlp):
    text = "Officials said that the ferry service would resume on Monday, and that fares would rise by a third."
    doc, _, frames = _frames(nlp, text, "say")
    extents = [(f.variant, doc.text[f.content[0] : f.content[1]]) for f in frames]
    assert ("", "that the ferry service would resume on Monday, and that fares would rise by a third") in extents
    assert ("cut1", "that the ferry service would resume on Monday") in extents
    assert len({content for _, content in extents}) == len(extents)  # ", and" is one break


def test_no_variants_for_direct_quotes_or_breaks_inside_quotes(nlp):
    doc, quotes, frames = _frames(nlp, '"We will rebuild the pier, and the market too," Varga said.', "say")
    assert frames and all(f.kind == "direct" for f in frames if not f.variant)
    assert all(content_variants(doc, f, quotes) == [] for f in frames if not f.variant)


def test_variant_frames_carry_their_tag_as_a_feature(nlp):
    doc, quotes, frames = _frames(nlp, "The union argued that wages had fallen, and that rents had doubled.", "argue")
    longer = next(f for f in frames if f.variant == "tosent")
    assert "var=tosent" in frame_features(doc, longer, load_lexicon(), quotes)
    assert "var=" in frame_features(doc, next(f for f in frames if not f.variant), load_lexicon(), quotes)


def test_select_keeps_one_extent_per_cue(nlp):
    doc, quotes, frames = _frames(nlp, "Varga said the tunnel would open in spring, while critics doubted it.", "say")
    assert len(frames) > 1
    for rank, f in enumerate(frames):
        f.score = 0.9 - rank * 0.1
    chosen = select_frames(frames, 0.3, doc, quotes)
    assert len([f for f in chosen if f.cue_token == frames[0].cue_token]) == 1


def test_object_cut_to_its_core_noun_phrase(nlp):
    text = "The harbour board criticized the new toll on the coastal bridge to the island."
    doc, _, frames = _frames(nlp, text, "criticize")
    extents = {f.variant: doc.text[f.content[0] : f.content[1]] for f in frames}
    assert extents[""] == "the new toll on the coastal bridge to the island"
    assert extents["core"] == "the new toll"


def test_core_variant_only_when_it_differs(nlp):
    doc, _, frames = _frames(nlp, "The fishermen's guild praised the mayor.", "praise")
    assert [f.variant for f in frames] == [""]


def test_passive_subject_is_the_content_and_the_agent_the_source(nlp):
    text = "The plan to close the ferry was criticized by the fishermen's guild on Tuesday."
    doc, _, frames = _frames(nlp, text, "criticize")
    passive = next(f for f in frames if f.how == "passive")
    assert doc.text[passive.content[0] : passive.content[1]] == "The plan to close the ferry"
    assert doc.text[passive.source[0] : passive.source[1]] == "the fishermen's guild"
    assert doc.text[passive.cue[0] : passive.cue[1]] == "was criticized"


def test_no_passive_frame_for_a_dummy_or_personal_subject(nlp):
    for text in ("It was reported that the ferry would close.", "We were criticized by the guild.",
                 "The skipper, who was criticized by the guild, stayed home."):
        doc, _, frames = _frames(nlp, text, "report" if "reported" in text else "criticize")
        assert not [f for f in frames if f.how == "passive"], text
