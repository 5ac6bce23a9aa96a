"""A cue in a relative clause reports its own clause for the person it hangs on ("Ana Vell, who has said she
had no part in it, …"); a statement's or a report's relative clause is no one's (issue 19). Invented stories."""

from __future__ import annotations

import rashomon.analyze.attribution  # noqa: F401  (registers the components)


def test_a_relative_clause_cue_is_its_antecedent_s_statement(attr_nlp):
    text = (
        "Since the fire, plant owner Oskar Dahl, who has said he had no knowledge of the locked exits, has been "
        "dogged by questions about the night shift.\n"
    )
    atts = attr_nlp(text)._.attributions
    assert any("no knowledge of the locked exits" in a.content and a.speaker_resolved == "Oskar Dahl" for a in atts)


def test_a_relative_clause_cue_after_a_statement_is_not_the_statement_s_own(attr_nlp):
    from rashomon.analyze.candidates import relative_frame

    doc = attr_nlp("The union and the depot issued identical statements afterward that said the talks would go on.\n")
    said = next(t for t in doc if t.lower_ == "said")
    assert said.dep_ == "relcl" and relative_frame(doc, said, []) is None
