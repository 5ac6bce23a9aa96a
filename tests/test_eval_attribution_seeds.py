"""The seeds "statements" section scorer, on an invented gold file and run."""

from __future__ import annotations

from types import SimpleNamespace

from rashomon.eval.seeds_attribution import content_matches, normalise, score, speaker_matches
from rashomon.model import Article, ArticleAnalysis, Attribution, Entity


def att(article: str, content: str, speaker: str, resolved: str | None = None, entity: str | None = None) -> Attribution:
    return Attribution(article=article, speaker=speaker, speaker_start=0, speaker_end=len(speaker), cue="said",
                       cue_start=0, cue_end=4, kind="indirect", content=content, content_start=0,
                       content_end=len(content), sentence_start=0, sentence_end=len(content),
                       speaker_resolved=resolved, speaker_entity=entity)


def test_seeds_normalise_folds_case_space_and_curly_quotes():
    assert normalise("  The ‘Harbour’\n  “Tax” ") == "the 'harbour' \"tax\""


def test_seeds_content_match_both_directions_but_not_tiny_fragments():
    gold = "the quota was 'unfair' to small boats"
    assert content_matches("Denko said the quota was ‘unfair’ to small boats, he said", gold)
    assert content_matches("the quota was 'unfair'", gold)
    assert not content_matches("quota", gold)


def test_seeds_speaker_match_uses_entity_resolved_or_written():
    a = att("x", "c", "he", resolved="Talvar Denko")
    assert speaker_matches(a, "Talvar Denko", {})
    b = att("x", "c", "the analyst", entity="e1")
    assert speaker_matches(b, "Talvar Denko", {"e1": "Talvar Denko"})
    assert not speaker_matches(att("x", "c", "Mira Ostrand"), "Talvar Denko", {})


def test_seeds_score_counts_found_and_wrong_speakers():
    art = Article(source="/pages/harbour.txt#main", page_source="/pages/harbour.txt", body="…")
    teaser = Article(source="/pages/harbour.txt#teaser-1", page_source="/pages/harbour.txt", kind="teaser")
    run = SimpleNamespace(
        articles=[art, teaser],
        analyses=[
            ArticleAnalysis(art.id, attributions=[
                att(art.id, "the quota was unfair to small boats", "Denko", resolved="Talvar Denko"),
                att(art.id, "the auction had been rigged", "they", resolved="the board"),
            ]),
            ArticleAnalysis(teaser.id, attributions=[att(teaser.id, "ferries will stop in May", "Ostrand")]),
        ],
        entities=[Entity("e1", "Talvar Denko", "PERSON")],
    )
    gold = {"documents": {"harbour.txt": {"quotes": [
        {"speaker": "Talvar Denko", "text": "quota was unfair"},
        {"speaker": "Local traders", "text": "auction had been rigged"},
        {"speaker": "Mira Ostrand", "text": "ferries will stop in May"},
    ]}}}
    table = score(gold, run)
    total = table.rows[-1]
    assert (total["found"], total["content only"], total["total"]) == (1, 1, 3)
    assert any("wrong speaker" in n for n in table.notes)
    assert any("not found" in n for n in table.notes)  # a teaser's statement is not the article's


def test_seeds_score_counts_named_speakers_left_without_their_entity():
    art = Article(source="/pages/quarry.txt#main", page_source="/pages/quarry.txt", body="…")
    run = SimpleNamespace(
        articles=[art],
        analyses=[ArticleAnalysis(art.id, attributions=[
            att(art.id, "the blast was planned for noon", "Lund", resolved="Ivar Lund", entity="e1"),
            att(art.id, "no one had been warned", "she", resolved="Ada Kerr"),  # resolved, but no entity
            att(art.id, "dust reached the school", "residents"),
        ])],
        entities=[Entity("e1", "Ivar Lund", "PERSON"), Entity("e2", "Ada Kerr", "PERSON", ["Kerr"]),
                  Entity("e3", "Quarry", "ORG")],
    )
    gold = {"documents": {"quarry.txt": {"quotes": [
        {"speaker": "Ivar Lund", "text": "blast was planned"},
        {"speaker": "Ada Kerr", "text": "no one had been warned"},
        {"speaker": "quarry residents", "text": "dust reached the school"},  # a group, named by no entity
    ]}}}
    table = score(gold, run)
    total = table.rows[-1]
    assert (total["found"], total["named"], total["linked"]) == (3, 2, 1)
    assert any("no speaker entity" in n and "Ada Kerr" in n for n in table.notes)
