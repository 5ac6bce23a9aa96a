"""A programme's or paper's title in quotation marks before a cue is not what the speaker said (issue 19,
point 2): the reported clause after the cue is. Invented story."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)


def test_a_quoted_show_title_before_the_cue_is_not_the_statement(attr_nlp):
    text = (
        "The drivers' strike entered its third week on Sunday.\n\n"
        "Speaking on Harbour Radio's \"Morning Show,\" union leader Ivo Roe said the company's offer was "
        "\"an insult to every driver.\"\n"
    )
    atts = attr_nlp(text)._.attributions
    roe = [a for a in atts if a.speaker_resolved == "Ivo Roe"]
    assert roe and all("Morning Show" not in a.content for a in roe)
    assert any("insult to every driver" in a.content for a in roe)



def test_the_that_clause_after_the_cue_is_what_was_said_when_the_parse_took_the_clause_before(attr_nlp):
    """The parse error itself, built by hand: "queued" read as what "said" reports, the "that"-clause after
    it as a second complement; the candidate with the clause after the cue is offered too."""
    from spacy.tokens import Doc

    from rashomon.analyze.candidates import _that_clause_after
    from rashomon.analyze.frames import Frame

    words = ["Commuters", "queued", "after", "Ivo", "Roe", "said", "that", "the", "strike", "would", "last", "."]
    heads = [1, 5, 1, 4, 5, 5, 10, 8, 10, 10, 5, 5]
    deps = ["nsubj", "ccomp", "prep", "compound", "nsubj", "ROOT", "mark", "det", "nsubj", "aux", "ccomp", "punct"]
    pos = ["NOUN", "VERB", "ADP", "PROPN", "PROPN", "VERB", "SCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    doc = Doc(attr_nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    said = doc[5]
    before = Frame(cue=(said.idx, said.idx + 4), content=(0, doc[2].idx - 1), source=(doc[3].idx, said.idx - 1),
                   kind="indirect", cue_token=5, source_root=4, how="ccomp")
    after = _that_clause_after(doc, before, [])
    assert after is not None and doc.text[after.content[0]:after.content[1]] == "that the strike would last"
    assert after.source == before.source


def test_the_that_clause_after_the_cue_is_what_was_said_when_a_clause_comes_before_it(attr_nlp):
    text = (
        "At depots across the city, commuters queued for hours on Monday after union leader Ivo Roe said in "
        "an interview that the strike would last until the pay offer was doubled.\n"
    )
    atts = attr_nlp(text)._.attributions
    assert any("strike would last" in a.content and a.speaker_resolved == "Ivo Roe" for a in atts)
