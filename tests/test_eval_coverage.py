"""The coverage sections (statements, entities, stories) on hand-built runs and on an invented folder."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from rashomon.eval import coverage_entities as ce
from rashomon.eval import coverage_statements as cst
from rashomon.eval import coverage_stories as cso
from rashomon.model import Article, ArticleAnalysis, Attribution, Entity, Mention, Story

MINI = Path(__file__).parent / "fixtures" / "coverage_mini"

BODY = ('Fire chief Ana Kessler said crews came fast. "The roof had gone when we got there," Kessler said.\n\n'
        'The owner Tom Ferris spoke later. "Everyone walked out safely tonight," he said.\n\n'
        'Critics said the alarm was late. "The alarm rang far too late," critics said.')


def _gold() -> dict[str, Any]:
    return {
        "documents": {"a.txt": {"story": "fire", "quotes": [
            {"speaker": "Ana Kessler", "text": "The roof had gone when we got there"},
            {"speaker": "Tom Ferris", "text": "Everyone walked out  safely tonight"},  # extra space: folded
            {"speaker": "Ana Kessler", "text": "The alarm rang far too late"},  # reported, wrong speaker
        ]}, "b.txt": {"story": "fire", "quotes": []}, "c.txt": {"story": "move", "quotes": []}},
        "stories": {"fire": ["a.txt", "b.txt"], "move": ["c.txt"]},
        "entities": [
            {"canonical": "Ana Kessler", "type": "PERSON", "aliases": ["Kessler", "Chief Kessler"]},
            {"canonical": "Tom Ferris", "type": "PERSON", "aliases": ["Ferris"]},
            {"canonical": "Harbour City", "type": "ORG", "aliases": []},
        ],
        "distinct": [{"a": "Ana Kessler", "b": "Tom Ferris", "why": "two people"}],
    }


def _att(quote: str, speaker: str, resolved: str | None = None, entity: str | None = None) -> Attribution:
    s = BODY.index(quote)
    sp = BODY.index(speaker, s) if speaker in BODY[s:] else 0
    return Attribution(article=_art("a.txt").id, speaker=speaker, speaker_start=sp, speaker_end=sp + len(speaker), cue="said",
                       cue_start=0, cue_end=0, kind="direct", content=quote, content_start=s, content_end=s + len(quote),
                       sentence_start=s, sentence_end=s + len(quote), speaker_resolved=resolved, speaker_entity=entity)


def _art(name: str, body: str = BODY, dup: str | None = None) -> Article:
    return Article(source=f"/x/{name}#main", page_source=f"/x/{name}", body=body, near_duplicate_of=dup)


def _run(atts: list[Attribution], entities: list[Entity], mode: str = "careful", **extra: Any) -> SimpleNamespace:
    arts = {n: _art(n, BODY if n == "a.txt" else "Harbour City won.") for n in ("a.txt", "b.txt", "c.txt")}
    mentions = [Mention(arts["a.txt"].id, BODY.index(t), BODY.index(t) + len(t), t, "PERSON") for t in ("Ana Kessler", "Kessler", "Tom Ferris")]
    run = SimpleNamespace(mode=mode, article_of=arts, file_of={a.id: n for n, a in arts.items()}, entities=entities,
                          analyses=[ArticleAnalysis(arts["a.txt"].id, mentions, atts)], stories=[], pages=[], seeds_dir=MINI / "pages")
    run.__dict__.update(extra)
    return run


def _statements_run() -> SimpleNamespace:
    kessler = Entity("e1", "Ana Kessler", "PERSON", ["Kessler"])
    atts = [_att("The roof had gone when we got there", "Kessler", "Ana Kessler", "e1"),
            _att("Everyone walked out safely tonight", "he", "Tom Ferris"),
            _att("The alarm rang far too late", "critics")]
    return _run(atts, [kessler])


def test_names_at_surname_level_but_not_a_possessive_role() -> None:
    assert cst.names("Trump", "Donald Trump") and cst.names("Mr. Trump", "Donald Trump")
    assert cst.names("White House spokesman Jay Carney", "Jay Carney")
    assert not cst.names("Trump's lawyer", "Donald Trump")
    assert not cst.names("he", "Donald Trump") and not cst.names("Ivana Trump", "Donald Trump")
    assert cst.names("the NRA", "National Rifle Association")
    assert cst.names("Talent", "Roy Blunt, John Ashcroft and Jim Talent")


def test_is_named_tells_names_from_pronouns_and_sentence_initial_roles() -> None:
    assert cst.is_named("Kessler", BODY)
    assert not cst.is_named("he", BODY)
    assert not cst.is_named("Critics", BODY)  # capitalised only at a sentence start, lower-case elsewhere
    assert not cst.is_named("the owner", BODY)


def test_locate_folds_case_space_and_quotes() -> None:
    body = "He said: “Quite  SO”, and left."
    [(s, e)] = cst.locate(body, '"quite so"')
    assert body[s:e] == "“Quite  SO”"


def test_statements_score_counts_right_and_wrong_speakers() -> None:
    run = _statements_run()
    tables = cst.score(_gold(), run, _run(run.analyses[0].attributions, [], mode="hurried"))
    rows = {r["system"]: r for r in tables[0].rows}
    careful = rows["rashomon (careful)"]
    assert (careful["quotes"], careful["located"], careful["found"], careful["right_speaker"]) == (3, 3, 3, 2)
    assert rows["baseline: speaker as written (careful)"]["right_speaker"] == 1  # only "Kessler" as written
    assert rows["rashomon (hurried)"]["right_speaker"] == 2  # "he" resolved to Tom Ferris, Kessler as written
    assert careful["named_share"] == pytest.approx(2 / 3)
    assert rows["baseline: speaker as written (careful)"]["named_share"] == pytest.approx(1 / 3)
    # shown speakers: "Ana Kessler", "Tom Ferris", "unnamed critics"; as written "he" and "critics" are bare
    assert careful["bare_share"] == 0.0
    assert rows["baseline: speaker as written (careful)"]["bare_share"] == pytest.approx(2 / 3)
    assert [r["system"] for r in tables[1].rows] == ["fire"]


def test_statements_not_found_when_the_span_misses() -> None:
    elsewhere = _att("Fire chief Ana Kessler said crews came fast.", "Ana Kessler", "Ana Kessler")
    run = _run([elsewhere], [])
    row = cst.score(_gold(), run, run)[0].rows[0]
    assert (row["found"], row["right_speaker"]) == (0, 0)


def test_entities_whole_split_and_merged() -> None:
    good = [Entity("e1", "Ana Kessler", "PERSON", ["Kessler"]), Entity("e2", "Tom Ferris", "PERSON", ["Ferris"])]
    bad = [Entity("e1", "Ana Kessler", "PERSON", ["Tom Ferris", "Ferris"]), Entity("e2", "Kessler", "PERSON", [])]
    rows = {r["system"]: r for r in ce.score(_gold(), _run([], good), _run([], bad, mode="hurried"))[0].rows}
    careful = rows["rashomon (careful)"]
    assert (careful["groups"], careful["whole"], careful["unheld"], careful["merged"]) == (3, 2, 1, 0)  # no Harbour City entity
    hurried = rows["rashomon (hurried)"]
    assert (hurried["whole"], hurried["split"], hurried["merged"]) == (1, 1, 1)  # Kessler split; Ferris whole inside Kessler's entity
    base = rows["baseline: exact-string entities (careful)"]
    assert (base["whole"], base["split"], base["merged"]) == (0, 1, 0)  # "Ana Kessler"/"Kessler" are two strings


def test_name_key_drops_article_honorific_possessive() -> None:
    assert ce.name_key("Mr. Ferris’s") == ce.name_key("Ferris") == "ferris"
    assert ce.name_key("The Herald") == "herald"


def test_stories_threads_rewrites_and_absent_keys() -> None:
    gold = {"documents": {f: {} for f in ("a.txt", "b.txt", "c.txt")}, "stories": {"s": ["a.txt"]},
            "threads": {"t1": {"story": "s", "about": "later phase", "files": ["b.txt"]}},
            "rewrites": [{"original": "a.txt", "copies": ["b.txt", "c.txt"], "how": "syndicated"}]}
    assert cso.gold_stories(gold, ["a.txt", "b.txt", "c.txt"]) == {"a.txt": "s", "b.txt": "s", "c.txt": "file:c.txt"}
    run = _run([], [])
    run.article_of["c.txt"] = _art("c.txt", dup=run.article_of["a.txt"].source)
    run.stories = [Story("S1", "t", [run.article_of["a.txt"].id, run.article_of["c.txt"].id]), Story("S2", "u", [run.article_of["b.txt"].id])]
    pred = cso.run_stories(run, ["a.txt", "b.txt", "c.txt"])
    assert cso.rewrites_linked(gold, run, pred) == 0.5
    assert cso.rewrites_linked({"documents": {}}, run, pred) is None
    row = cso.story_row("x", cso.gold_stories(gold, list(pred)), pred, None)
    assert row["pairwise_p"] == 0.0 and row["pairwise_r"] == 0.0


def test_outlet_and_date_compare_loosely() -> None:
    assert cso.same_outlet("foxnews.com", "Fox News") and cso.same_outlet("The Huffington Post", "HuffPost")
    assert cso.same_outlet("https://www.nytimes.com/x", "The New York Times")
    assert not cso.same_outlet("CNN", "The New York Times") and not cso.same_outlet(None, "Fox News")
    assert cso.days_apart("2026-03-04T10:00", "2026-03-03") == 1 and cso.days_apart(None, "2026-03-03") is None
    assert cso.first_date("Posted Sept. 4, 2012 and 2013-01-01") == "2012-09-04"


def test_tfidf_single_link_joins_only_close_texts() -> None:
    texts = ["warehouse fire in Brindle destroys textile stock", "Brindle warehouse fire: textile stock destroyed",
             "striker signs for Harbour City"]
    labels = cso.tfidf_single_link(texts)
    assert labels[0] == labels[1] != labels[2]


def test_evaluate_on_the_invented_folder(options, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rashomon.eval.coverage import evaluate

    monkeypatch.delenv("RASHOMON_COVERAGE_DBS", raising=False)
    tables = {t.title: t for t in evaluate(MINI, options)}
    statements = tables["Coverage: statements found with the right speaker"].rows
    assert statements[0]["quotes"] == 8 and statements[0]["found"] >= 6
    assert statements[0]["right_speaker"] >= statements[2]["right_speaker"]
    stories = tables["Coverage: story grouping over the folder's files"].rows
    assert stories[0]["files"] == 5 and stories[0]["lost"] == 0 and stories[0]["pairwise_r"] == 1.0
    meta = tables["Coverage: outlet and date found without help (hurried run)"].rows
    assert meta[0]["pages"] == 5
    entities = tables["Coverage: entities (gold alias groups whole, split; look-alikes merged)"].rows
    assert entities[0]["groups"] == 6 and entities[0]["merged"] == 0
