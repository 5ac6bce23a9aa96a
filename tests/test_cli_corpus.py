"""Corpus commands through CliRunner: ingest (idempotent, failures, exit codes), articles, search, export."""

from __future__ import annotations

import json

import pytest

from pipeline_pages import write_pages
from rashomon.cli import main
from rashomon.store import Store


@pytest.fixture
def corpus(tmp_path):
    pages = tmp_path / "pages"
    write_pages(pages, 6)
    return pages


def _ingest(runner, *args):
    return runner.invoke(main, ["ingest", *map(str, args), "--no-analyze", "--json"])


def test_cli_ingest_twice_gives_same_counts(runner, corpus, tmp_path):
    db = tmp_path / "c.db"
    first = _ingest(runner, corpus, "--db", db)
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout.strip().splitlines()[-1])
    assert summary["articles_added"] == 6 and summary["failed"] == 0
    with Store.open(db) as store:
        counts = store.counts()
    second = _ingest(runner, corpus, "--db", db)
    assert second.exit_code == 0
    again = json.loads(second.stdout.strip().splitlines()[-1])
    assert (again["articles_added"], again["pages_skipped"], again["articles_skipped"]) == (0, 6, 6)
    with Store.open(db) as store:
        assert store.counts() == counts


def test_cli_ingest_bad_inputs_get_one_line_each_and_exit_1(runner, corpus, tmp_path):
    db = tmp_path / "c.db"
    (corpus / "empty.html").write_bytes(b"")
    (corpus / "binary.html").write_bytes(bytes(range(256)) * 40)
    (corpus / "broken.jsonl").write_text('{"url": "https://x.invalid/1", "title": "T", "text": "ok text here"}\n{not json\n')
    result = _ingest(runner, corpus, tmp_path / "missing.html", "--db", db)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert all(line.startswith("error: ") for line in errors), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for name in ("empty.html", "binary.html", "missing.html", "broken.jsonl"):
        assert sum(name in line for line in errors) >= 1, (name, errors)
    with Store.open(db) as store:
        recorded = {f.source for f in store.failures()}
        assert len(store.articles(kind="article")) >= 6  # the good pages went in
    assert len(recorded) >= 4 and any("missing.html" in s for s in recorded)


def test_cli_articles_and_search(runner, corpus, tmp_path):
    db = tmp_path / "c.db"
    _ingest(runner, corpus, "--db", db)
    listed = runner.invoke(main, ["articles", "--db", str(db), "--json"])
    assert listed.exit_code == 0
    arts = json.loads(listed.stdout)
    assert len(arts) == 6 and {"id", "source", "title", "body", "outlet"} <= set(arts[0])
    paged = json.loads(runner.invoke(main, ["articles", "--db", str(db), "--json", "--limit", "2", "--offset", "5"]).stdout)
    assert [a["id"] for a in paged] == [arts[5]["id"]]
    text = runner.invoke(main, ["articles", "--db", str(db)])
    assert arts[0]["id"] in text.stdout
    hits = json.loads(runner.invoke(main, ["search", "footbridge", "--db", str(db), "--json"]).stdout)
    assert hits and all("footbridge" in (h["title"] + h["snippet"]).lower() for h in hits)
    hostile = runner.invoke(main, ["search", '"NEAR( AND', "--db", str(db)])
    assert hostile.exit_code == 0


def test_cli_read_commands_refuse_a_missing_database(runner, tmp_path):
    result = runner.invoke(main, ["articles", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code != 0 and "no database" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_cli_db_defaults_to_environment(runner, corpus, tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("RASHOMON_DB", str(db))
    assert _ingest(runner, corpus).exit_code == 0
    assert db.exists()


def test_cli_every_corpus_and_analysis_command_is_documented(runner):
    from rashomon.cli import analysis, corpus as corpus_cli

    for command in [*corpus_cli.COMMANDS, *analysis.COMMANDS]:
        helptext = runner.invoke(main, [command.name, "--help"]).stdout
        assert "Example: rashomon " + command.name in helptext
        for param in command.params:
            if isinstance(param, __import__("click").Option):
                assert param.help, f"{command.name} {param.opts} has no help"
