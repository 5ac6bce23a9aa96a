"""Exports follow DESIGN.md's contract: every key present (even empty), spans index the body."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from pipeline_pages import fill_store
from rashomon.cli import main
from rashomon.export import ARTICLE_KEYS, STORY_KEYS
from rashomon.model import Article
from rashomon.store import Store

CONTRACT_ARTICLE = {"id", "source", "outlet", "kind", "parent", "title", "published", "story", "body", "headings",
                    "near_duplicate_of", "entities", "attributions", "timexes"}
CONTRACT_STORY = {"id", "title", "articles", "entities", "contested"}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.db"
    ids = fill_store(path)
    return path, ids


def _run(*args):
    result = CliRunner().invoke(main, ["export", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def test_export_jsonl_articles_carry_the_contract(db):
    path, ids = db
    rows = [json.loads(line) for line in _run("--format", "jsonl", "--db", path).stdout.splitlines()]
    assert len(rows) == 3
    for r in rows:
        assert CONTRACT_ARTICLE <= set(r)
        for e in r["entities"]:
            assert {"text", "label", "entity", "start", "end"} <= set(e) and r["body"][e["start"]:e["end"]] == e["text"]
        for t in r["attributions"]:
            assert {"speaker", "speaker_entity", "cue", "kind", "content", "start", "end"} <= set(t)
            assert r["body"][t["start"]:t["end"]] == t["content"]
        for t in r["timexes"]:
            assert {"text", "value", "type", "start", "end"} <= set(t) and r["body"][t["start"]:t["end"]] == t["text"]
    by_id = {r["id"]: r for r in rows}
    a, teaser = by_id[ids["a"]], by_id[ids["teaser"]]
    assert a["story"] == ids["story"] and a["headings"] == ["What happened"]
    assert {e["entity"] for e in a["entities"]} == {"Odile Varga"}  # canonical name, not the id
    assert a["attributions"][0]["speaker_entity"] == "Odile Varga"
    assert a["timexes"][0]["value"] == "2031-03-03"
    assert teaser["kind"] == "teaser" and teaser["parent"] == "courier/bridge.html#main"
    assert teaser["entities"] == [] and teaser["attributions"] == []


def test_export_keys_exist_before_any_analysis(tmp_path):
    path = tmp_path / "bare.db"
    with Store.open(path) as store:
        store.add_page_articles("h", "p.html", [Article(source="p.html#main", page_source="p.html", body="Plain.")])
    [row] = [json.loads(x) for x in _run("--db", path).stdout.splitlines()]
    assert CONTRACT_ARTICLE <= set(row)
    assert (row["entities"], row["attributions"], row["timexes"], row["story"]) == ([], [], [], None)


def test_export_stories_jsonl_has_both_sides_with_evidence(db):
    path, ids = db
    rows = [json.loads(x) for x in _run("--stories", "--db", path).stdout.splitlines()]
    story = {r["id"]: r for r in rows}[ids["story"]]
    assert CONTRACT_STORY <= set(story)
    assert story["articles"] == ["ledger/bridge.html#main", "courier/bridge.html#main"]
    assert {e["canonical"]: e["aliases"] for e in story["entities"]}["Odile Varga"] == ["Odile Varga", "Varga"]
    [q] = story["contested"]
    assert q["question"] == "Was the footbridge sound?"
    assert [s["position"] for s in q["sides"]] == ["sound", "not sound"]
    assert q["sides"][1]["speakers"] == ["Tomasz Prell"]
    ev = q["sides"][1]["evidence"][0]
    assert set(ev) == {"source", "text", "start", "end"} and ev["source"] == "courier/bridge.html#main"
    lease = {r["id"]: r for r in rows}["st-lease"]
    assert lease["contested"] == [] and lease["entities"] == []


def test_export_csv_flattens_lists_as_json(db, tmp_path):
    path, ids = db
    out = tmp_path / "a.csv"
    _run("--format", "csv", "--db", path, "--output", out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 3 and CONTRACT_ARTICLE <= set(rows[0])
    a = {r["id"]: r for r in rows}[ids["a"]]
    assert json.loads(a["entities"])[0]["entity"] == "Odile Varga" and json.loads(a["headings"]) == ["What happened"]
    stories = list(csv.DictReader(io.StringIO(_run("--format", "csv", "--stories", "--db", path).stdout)))
    assert set(stories[0]) == set(STORY_KEYS)


def test_export_parquet_has_typed_columns_even_when_empty(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path, ids = db
    out = tmp_path / "a.parquet"
    _run("--format", "parquet", "--db", path, "--output", out)
    table = pq.read_table(out)
    assert table.column_names == list(ARTICLE_KEYS)
    rows = {r["id"]: r for r in table.to_pylist()}
    assert rows[ids["a"]]["attributions"][0]["content"] == "the footbridge was sound"
    assert rows[ids["teaser"]]["entities"] == []
    sout = tmp_path / "s.parquet"
    _run("--format", "parquet", "--stories", "--db", path, "--output", sout)
    stories = pq.read_table(sout)
    assert stories.column_names == list(STORY_KEYS) and stories.num_rows == 2


def test_export_parquet_without_output_is_a_clear_error(db):
    path, _ = db
    result = CliRunner().invoke(main, ["export", "--format", "parquet", "--db", str(path)])
    assert result.exit_code != 0 and "--output" in result.output
