"""Analysis commands through CliRunner over a store filled without NLP: quotes, entities, stories, show."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline_pages import fill_store
from rashomon.cli import main


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.db"
    return str(path), fill_store(path)


def _run(*args, code=0):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result.output


def test_cli_quotes_filters_by_any_spelling_of_the_speaker(db):
    path, ids = db
    every = json.loads(_run("quotes", "--db", path, "--json"))
    assert len(every) == 2
    varga = json.loads(_run("quotes", "--db", path, "--json", "--speaker", "varga"))
    assert [q["speaker_entity_name"] for q in varga] == ["Odile Varga"]
    assert varga[0]["source"] == "ledger/bridge.html#main"
    prell = _run("quotes", "--db", path, "--speaker", "Tomasz Prell")
    assert "Tomasz Prell" in prell and "unfounded" in prell and "Odile" not in prell
    in_story = json.loads(_run("quotes", "--db", path, "--json", "--story", ids["story"][:5]))
    assert len(in_story) == 2
    _run("quotes", "--db", path, "--story", "no-such-story", code=1)


def test_cli_entities_lists_aliases(db):
    path, _ = db
    ents = json.loads(_run("entities", "--db", path, "--json"))
    assert {e["canonical"]: e["aliases"] for e in ents}["Odile Varga"] == ["Odile Varga", "Varga"]
    assert "Varga" in _run("entities", "--db", path, "--label", "PERSON")


def test_cli_stories_lists_contested_counts(db):
    path, ids = db
    stories = {s["id"]: s for s in json.loads(_run("stories", "--db", path, "--json"))}
    assert stories[ids["story"]]["contested"] == 1
    assert stories[ids["story"]]["outlets"] == ["The Fenland Courier", "Vale Ledger"]
    assert "st-lease" not in stories  # a story of teasers only is not a story of the corpus
    teasers = {s["id"]: s for s in json.loads(_run("stories", "--db", path, "--json", "--with-teasers"))}
    assert teasers["st-lease"]["contested"] == 0 and ids["story"] in teasers
    assert ids["story"] in _run("stories", "--db", path)


def test_cli_show_lays_out_timeline_quotes_sides_and_framing(db):
    path, ids = db
    out = _run("show", ids["story"], "--db", path)
    for part in ("Footbridge row in Marrowick", "Timeline", "2031-03-03", "Who said what", "Odile Varga",
                 "Contested questions (1)", "Was the footbridge sound?", "not sound", "Tomasz Prell",
                 "Framing", "Vale Ledger", "The Fenland Courier"):
        assert part in out, part
    timeline = out[out.index("Timeline"):out.index("Who said what")]
    assert timeline.index("2031-03-03") < timeline.index("2031-03-04") < timeline.index("2031-03-05")  # date order
    _run("show", "nothing-like-this", "--db", path, code=1)


def test_cli_show_takes_the_short_id_the_stories_list_shows_and_names_an_ambiguous_one(tmp_path):
    from rashomon.model import Story
    from rashomon.store import Store

    path = tmp_path / "ids.db"
    ids = fill_store(path)
    with Store.open(str(path)) as store:
        store.save_stories([Story("story-3f2a9c11", "Ferry row at Quillan", [ids["a"]]),
                            Story("story-3f2b0042", "Ferry fares", [ids["b"]])], grouped=[ids["a"], ids["b"]])
    assert "Ferry row at Quillan" in _run("show", "3f2a9", "--db", str(path))  # no "story-" needed
    assert "Ferry row at Quillan" in _run("show", "story-3f2a", "--db", str(path))
    out = _run("show", "3f2", "--db", str(path), code=1)
    assert "ambiguous" in out and "story-3f2a9c11" in out and "story-3f2b0042" in out
    assert "no such story" in _run("show", "9e9e", "--db", str(path), code=1)
    in_story = json.loads(_run("quotes", "--db", str(path), "--json", "--story", "3f2a9"))
    assert [q["speaker_entity_name"] for q in in_story] == ["Odile Varga"]
    _run("quotes", "--db", str(path), "--story", "3f2", code=1)


def test_cli_search_finds_name_variants_and_names_each_hits_story(tmp_path):
    from test_store_search import _variant_store

    _variant_store(tmp_path / "v.db").close()
    path = str(tmp_path / "v.db")
    out = _run("search", "Wendtsen", "--db", path)
    assert out.startswith("also searched as: Ventsens\n")
    assert out.count("story: story-pilots  Pilots strike at the port") == 3
    hits = json.loads(_run("search", "Wendtsen", "--db", path, "--json"))
    assert len(hits) == 3 and {h["story"] for h in hits} == {"story-pilots"}
    assert "story: (none yet)" in _run("search", "ferry captain", "--db", path)


def test_cli_show_and_quotes_find_a_story_by_words_of_its_title(db, runner):
    path, ids = db
    assert _run("show", "marrowick footbridge", "--db", path).startswith("Footbridge row in Marrowick\n")
    assert len(json.loads(_run("quotes", "--story", "Marrowick", "--db", path, "--json"))) == 2
    result = runner.invoke(main, ["show", "harbour lease", "--db", path])  # a teaser-only story is no story
    assert result.exit_code == 1 and "no such story" in result.stderr


def test_cli_show_says_whose_officials_are_quoted_not_unaligned():
    from rashomon.cli.story_view import _voices

    assert _voices({"Ostria": 3, "unaligned": 22, "Veloria": 1}) == "Ostria 3, Veloria 1 (others 22)"
    assert _voices({"unaligned": 5}) == "none (others 5)"
