"""A page whose text changed since it was first read: its later versions reach the user in
`rashomon articles`, its JSON, the export (every format) and the API's article record."""

from __future__ import annotations

import json

import pytest

from rashomon.cli import main
from rashomon.store import Store

URL = "https://tidewater.example/2031/levee-vote"
TEXT = ("The levee board of Tullavern voted on Tuesday to raise the north wall by half a metre. "
        "Board chair Hester Quayle said the work would start before the autumn tides.")


def _ingest(runner, db, text: str, captured: str, name: str, tmp_path) -> None:
    path = tmp_path / name
    path.write_text(json.dumps({"url": URL, "title": "Levee vote", "text": text, "published": "2031-08-05",
                                "captured": captured, "outlet": "Tidewater Post"}) + "\n")
    result = runner.invoke(main, ["ingest", str(path), "--db", str(db), "--no-analyze"])
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def changed_db(runner, tmp_path):
    """One article read three times with three texts, and one never changed."""
    db = tmp_path / "v.db"
    _ingest(runner, db, TEXT, "2031-08-05T09:00:00Z", "a.jsonl", tmp_path)
    _ingest(runner, db, TEXT + " The vote was 5 to 2.", "2031-08-06T09:00:00Z", "b.jsonl", tmp_path)
    _ingest(runner, db, TEXT + " The vote was 4 to 3, the board said in a correction.", "2031-08-09T18:30:00Z",
            "c.jsonl", tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("Ferry timetable\n\nThe winter ferry timetable for Ockmoor starts next week, the operator said.\n")
    assert runner.invoke(main, ["ingest", str(other), "--db", str(db), "--no-analyze"]).exit_code == 0
    return db


def test_articles_lists_how_many_versions_and_when_it_changed(runner, changed_db):
    listing = runner.invoke(main, ["articles", "--db", str(changed_db)])
    assert listing.exit_code == 0, listing.stderr
    [levee] = [line for line in listing.stdout.splitlines() if "Levee vote" in line]
    assert "3 versions; changed 2031-08-09" in levee
    others = [line for line in listing.stdout.splitlines()[2:] if "Levee vote" not in line]
    assert len(others) == 1 and "version" not in others[0]

    rows = {r["source"]: r for r in json.loads(runner.invoke(main, ["articles", "--db", str(changed_db), "--json"]).stdout)}
    levee_row = rows[URL + "#main"]
    assert levee_row["body"] == TEXT  # the article stays the first capture
    assert [v["changed"] for v in levee_row["versions"]] == ["2031-08-06", "2031-08-09"]
    assert "4 to 3" in levee_row["versions"][1]["body"]
    assert all(r["versions"] == [] for s, r in rows.items() if s != URL + "#main")


def test_export_and_api_carry_the_versions(runner, changed_db, tmp_path):
    rows = [json.loads(line) for line in runner.invoke(main, ["export", "--db", str(changed_db)]).stdout.splitlines()]
    by_source = {r["source"]: r for r in rows}
    assert all("versions" in r for r in rows)
    assert [v["changed"] for v in by_source[URL + "#main"]["versions"]] == ["2031-08-06", "2031-08-09"]

    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "a.parquet"
    assert runner.invoke(main, ["export", "--format", "parquet", "--db", str(changed_db), "-o", str(out)]).exit_code == 0
    table = {r["source"]: r for r in pq.read_table(out).to_pylist()}
    assert [v["text_hash"] for v in table[URL + "#main"]["versions"]] == \
        [v["text_hash"] for v in by_source[URL + "#main"]["versions"]]

    from fastapi.testclient import TestClient

    from rashomon.web import create_app

    with Store.open(str(changed_db)) as store:
        [art] = [a for a in store.articles() if a.source == URL + "#main"]
    client = TestClient(create_app(str(changed_db), token="t0ken"), base_url="http://127.0.0.1")
    record = client.get(f"/api/articles/{art.id}").json()
    assert [v["changed"] for v in record["versions"]] == ["2031-08-06", "2031-08-09"]
    assert record["body"] == TEXT


def test_show_lists_the_story_articles_that_changed(runner, tmp_path):
    from dataclasses import replace

    from pipeline_pages import fill_store

    db = tmp_path / "s.db"
    ids = fill_store(db)
    with Store.open(str(db)) as store:
        [a] = [x for x in store.articles() if x.id == ids["a"]]
        later = replace(a, body=a.body + " The footbridge reopened a week later.", captured="2031-03-12T08:00:00Z")
        added = store.add_page("later-page-hash", a.page_source, [later])
    assert added.changed == [a.source]
    shown = runner.invoke(main, ["show", ids["story"], "--db", str(db)])
    assert shown.exit_code == 0, shown.stderr
    [line] = [x for x in shown.stdout.splitlines() if "versions; changed" in x]
    assert "2 versions; changed 2031-03-12" in line and a.outlet in line
