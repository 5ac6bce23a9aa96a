"""Analyst notes and pins survive re-analysis, end to end through the real CLI on the demo corpus:
`rashomon analyze --regroup`, `rashomon analyze`, and a re-ingest of the same pages keep every note
attached where it was written, and the exports carry them. The same on the shared seeds, where the
regroup gives the story and its questions new ids and the notes follow their articles and titles."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from rashomon.cli import main
from rashomon.store import Store
from rashomon.web.app import create_app


def _cli(runner, *args: str) -> str:
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


@pytest.fixture(scope="module", params=["demo", "seeds"])
def noted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A corpus (the bundled demo, the shared seeds) ingested through the CLI, with one note of each
    kind and a pin written through it. On the seeds a regroup gives the story and its questions new ids."""
    from click.testing import CliRunner

    corpus = request.getfixturevalue("demo_dir" if request.param == "demo" else "seeds_dir")
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    db = str(tmp_path_factory.mktemp("notes") / f"{request.param}.db")
    _cli(runner, "ingest", str(corpus), "--db", db)
    stories = json.loads(_cli(runner, "stories", "--json", "--db", db))
    story = max(stories, key=lambda s: len(s["articles"]))
    with Store.open(db) as store:
        report = store.story_report(story["id"])
        question = next(q for q in report.questions if q.contested)
        claim = next(c for c in report.claims if c.status != "asserted")
        spans = {c.id: (c.article, c.start, c.end) for c in report.claims}
        evidence = {spans[c] for side in question.sides for c in side.claims if c in spans}
    written = {
        "story": ["notes", "add", "Follow the engineers' inspection schedule.", "--story", story["id"]],
        "question": ["notes", "add", "Two counts; ask for the hospital list.", "--story", story["id"],
                     "--question", question.id],
        "statement": ["notes", "add", "Quote read back to the speaker's office.", "--article", claim.article,
                      "--start", str(claim.start)],
        "article": ["notes", "add", "The reporter filed from the scene.", "--article", claim.article],
    }
    ids = {}
    for kind, args in written.items():
        out = json.loads(_cli(runner, *args, "--author", "Desk editor", "--json", "--db", db))
        assert out["kind"] == kind and out["story"] == story["id"]
        ids[kind] = out["id"]
    _cli(runner, "pin", story["id"], "--author", "Desk editor", "--db", db)
    return {"db": db, "runner": runner, "corpus": corpus, "story": story, "question": question, "claim": claim,
            "evidence": evidence, "ids": ids,
            "texts": {kind: args[2] for kind, args in written.items()}}


def _check(noted: dict, after: str) -> None:
    """Every note is still there, with its text, and attached to the story now holding its article."""
    db, runner = noted["db"], noted["runner"]
    notes = {n["id"]: n for n in json.loads(_cli(runner, "notes", "list", "--json", "--db", db))}
    assert set(notes) == set(noted["ids"].values()), after
    with Store.open(db) as store:
        home = store.article_story(noted["claim"].article)
        current = store.story_report(home)
        titles = {q.id: q.summary for q in current.questions}
        spans = {c.id: (c.article, c.start, c.end) for c in current.claims}
        evidence = {q.id: {spans[c] for side in q.sides for c in side.claims if c in spans} for q in current.questions}
    assert home is not None
    for kind, nid in noted["ids"].items():
        n = notes[nid]
        assert (n["kind"], n["text"], n["author"]) == (kind, noted["texts"][kind], "Desk editor"), after
        assert n["story"] == home, (after, kind)
    # the question note sits on a current question of that story: the one with its title, else (the
    # analysis words a question anew when its names resolve otherwise) one holding its evidence
    q_note = notes[noted["ids"]["question"]]
    assert q_note["question"] in titles, after
    same_title = titles[q_note["question"]] == noted["question"].summary
    assert same_title or evidence[q_note["question"]] & noted["evidence"], (after, titles[q_note["question"]])
    if any(t == noted["question"].summary for t in titles.values()):
        assert same_title, after
    s_note = notes[noted["ids"]["statement"]]
    assert (s_note["start"], s_note["end"]) == (noted["claim"].start, noted["claim"].end)
    pinned = json.loads(_cli(runner, "pin", "--json", "--db", db))
    assert [p["story"] for p in pinned] == [home], after
    # and the pages show each note beside what it annotates: the story page the story's, its question's
    # and its statement's, the article page the article's and its statement's
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    page = client.get(f"/stories/{home}").text
    for kind in ("story", "question", "statement"):
        assert noted["texts"][kind].replace("'", "&#39;") in page, (after, kind)
    article_page = client.get(f"/articles/{noted['claim'].article}").text
    for kind in ("article", "statement"):
        assert noted["texts"][kind].replace("'", "&#39;") in article_page, (after, kind)
    home_page = client.get("/").text
    assert 'id="pinned"' in home_page and f'href="/stories/{home}"' in home_page.split('id="pinned"')[1].split("</section>")[0]


def test_notes_survive_regroup_reanalysis_and_reingest(noted: dict) -> None:
    db, runner = noted["db"], noted["runner"]
    _check(noted, "as written")
    _cli(runner, "analyze", "--regroup", "--db", db)
    _check(noted, "after analyze --regroup")
    _cli(runner, "analyze", "--db", db)
    _check(noted, "after analyze")
    _cli(runner, "ingest", str(noted["corpus"]), "--db", db)
    _check(noted, "after a re-ingest of the same pages")


def test_export_carries_notes_and_pins(noted: dict) -> None:
    db, runner = noted["db"], noted["runner"]
    rows = [json.loads(line) for line in _cli(runner, "export", "--notes", "--db", db).splitlines()]
    assert sorted(r["id"] for r in rows) == sorted(noted["ids"].values())
    assert {r["kind"]: r["text"] for r in rows} == noted["texts"]
    statement = next(r for r in rows if r["kind"] == "statement")
    assert statement["quote"] and statement["article"] == noted["claim"].article
    stories = [json.loads(line) for line in _cli(runner, "export", "--stories", "--db", db).splitlines()]
    with_notes = [s for s in stories if s["notes"]]
    assert len(with_notes) == 1 and {n["text"] for n in with_notes[0]["notes"]} == set(noted["texts"].values())
    assert [p["author"] for p in with_notes[0]["pinned"]] == ["Desk editor"]
    assert all(s["pinned"] == [] for s in stories if s is not with_notes[0])
