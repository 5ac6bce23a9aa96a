"""Speaker entities link the head of the speaker phrase, never a place or body in what follows it."""

from __future__ import annotations

from speaker_links import linked_canonical

from rashomon.model import Article, ArticleAnalysis, Attribution, Mention
from rashomon.resolve import resolve_entities


def _linked(body: str, speaker: str, resolved: str, ents: list[tuple[str, str]]) -> str | None:
    """The canonical name of the entity the one attribution's speaker links to (None when none)."""
    art = Article(source="fire", page_source="fire", body=body, published="2031-03-02")
    s = body.index(speaker)
    cue = body.index(" said", s + len(speaker))
    att = Attribution(article=art.id, speaker=speaker, speaker_start=s, speaker_end=s + len(speaker), cue="said",
                      cue_start=cue + 1, cue_end=cue + 5, kind="indirect", content=body[cue + 6:],
                      content_start=cue + 6, content_end=len(body), sentence_start=0, sentence_end=len(body),
                      speaker_resolved=resolved)
    return linked_canonical(art, ents, att)


def test_a_place_closing_the_apposition_is_never_the_speaker():
    body = "Rolf Sande, a fire engineer in Eastport, said the exits were locked."
    assert _linked(body, "Rolf Sande, a fire engineer in Eastport", "Rolf Sande",
                   [("Rolf Sande", "PERSON"), ("Eastport", "GPE")]) == "Rolf Sande"


def test_a_body_after_a_named_speaker_is_not_the_speaker():
    body = "Inspector Maja Lind of the Eastport Fire Service said the alarms were off."
    assert _linked(body, "Inspector Maja Lind of the Eastport Fire Service", "Maja Lind",
                   [("Maja Lind", "PERSON"), ("Eastport Fire Service", "ORG")]) == "Maja Lind"


def test_an_unnamed_source_does_not_take_the_person_it_speaks_for():
    body = "A spokesman for plant owner Oskar Dahl said the alarms were tested."
    assert _linked(body, "A spokesman for plant owner Oskar Dahl", "A spokesman",
                   [("Oskar Dahl", "PERSON")]) is None


def test_a_place_ending_an_unnamed_source_is_not_the_speaker():
    body = "A baker from a small shop near the old harbour in Eastport said the bread price had doubled."
    speaker = "A baker from a small shop near the old harbour in Eastport"
    assert _linked(body, speaker, speaker, [("Eastport", "GPE")]) is None


def test_a_title_before_the_name_still_links_the_name():
    body = "Harbour spokesman Jonas Berg said the ferry was late."
    assert _linked(body, "Harbour spokesman Jonas Berg", "Jonas Berg", [("Jonas Berg", "PERSON")]) == "Jonas Berg"


def test_a_resolved_full_name_links_the_person_the_article_names_by_surname():
    body = "Berg arrived at noon. Berg said the ferry was late."
    s = body.index("Berg said")
    art = Article(source="port", page_source="port", body=body, published="2031-03-02")
    mentions = [Mention(art.id, 0, 4, "Berg", "PERSON"), Mention(art.id, s, s + 4, "Berg", "PERSON")]
    att = Attribution(article=art.id, speaker="he", speaker_start=s, speaker_end=s + 4, cue="said",
                      cue_start=s + 5, cue_end=s + 9, kind="indirect", content=body[s + 10:], content_start=s + 10,
                      content_end=len(body), sentence_start=s, sentence_end=len(body), speaker_resolved="Jonas Berg")
    res = resolve_entities([ArticleAnalysis(art.id, mentions, [att])], {art.id: art})
    eid = res.speaker_entity.get((art.id, att.speaker_start, att.speaker_end))
    assert eid is not None and next(e.canonical for e in res.entities if e.id == eid) == "Berg"
