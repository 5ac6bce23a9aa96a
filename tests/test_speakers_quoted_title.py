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
