"""Threads: a developing story's phases, each with its own title and dates (invented fixtures only)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from developing_run import DEVELOPING, developing_run, gold
from rashomon.model import Article
from rashomon.store import Store
from rashomon.stories.threads import build_threads


def _articles(dated: bool = True) -> dict[str, Article]:
    """The Eastmere pages as articles, dated from pages.tsv and copies linked as the gold says."""
    g = gold()
    with open(DEVELOPING / "pages.tsv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if g["documents"][r["file"]]["story"] == "eastmere-leak"]
    arts = {}
    for r in rows:
        title, _, body = (DEVELOPING / "pages" / r["file"]).read_text(encoding="utf-8").partition("\n\n")
        arts[r["file"]] = Article(source=r["file"], page_source=r["file"], title=title, body=body, outlet=r["outlet"],
                                  published=r["published"] if dated else None)
    for rw in g["rewrites"]:
        for c in rw["copies"]:
            if c in arts:
                arts[c].copy_of, arts[c].copy_kind = rw["original"], rw["how"]
    return arts


def _files(thread_articles: list[str], arts: dict[str, Article]) -> set[str]:
    name = {a.id: f for f, a in arts.items()}
    return {name[i] for i in thread_articles}


def test_a_developing_story_is_cut_into_its_phases() -> None:
    arts = _articles()
    threads = build_threads("s", list(arts.values()))
    want = gold()["threads"]
    assert [(_files(t.articles, arts), t.first, t.last) for t in threads] == [
        (set(w["files"]), w["first"], w["last"]) for w in (want["leak"], want["inquiry"], want["arrests"])]
    titles = [t.title for t in threads]
    assert titles[0] in {arts[f].title for f in ("leak-wire.txt", "leak-post.txt")}  # an original, never a copy
    assert titles[1] in {arts[f].title for f in ("inquiry-post.txt", "inquiry-times.txt")}
    assert titles[2] in {arts[f].title for f in ("arrests-wire.txt", "arrests-post.txt")}
    assert len({t.id for t in threads}) == 3


def test_copies_follow_their_original_and_undated_articles_join_by_words() -> None:
    arts = _articles()
    arts["leak-briefly-rewrite.txt"].published = "2026-04-25"  # a late rewrite is no new phase
    arts["arrests-post.txt"].published = None
    threads = build_threads("s", list(arts.values()))
    assert len(threads) == 3
    assert "leak-briefly-rewrite.txt" in _files(threads[0].articles, arts)
    assert "arrests-post.txt" in _files(threads[2].articles, arts)


def test_one_phase_is_one_thread_and_an_undated_story_too() -> None:
    arts = _articles()
    leak = [arts[f] for f in gold()["threads"]["leak"]["files"]]
    assert len(build_threads("s", leak)) == 1
    undated = list(_articles(dated=False).values())
    threads = build_threads("s", undated)
    assert len(threads) == 1 and threads[0].first is None and len(threads[0].articles) == len(undated)
    assert build_threads("s", []) == []


# -- the whole pipeline -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    return developing_run(True)


def _stories(run) -> dict[str, list[tuple[set[str], str | None, str | None, str]]]:  # type: ignore[no-untyped-def]
    """Story id -> its stored threads as (files, first, last, title)."""
    name = run.file_of
    with Store.open(run.db) as store:
        return {s.id: [({name[a] for a in t.articles if a in name}, t.first, t.last, t.title) for t in store.threads(s.id)]
                for s in store.stories()}


def test_stored_threads_never_mix_phases_and_carry_titles_and_dates(run) -> None:  # type: ignore[no-untyped-def]
    phase_of = {f: k for k, t in gold()["threads"].items() for f in t["files"]}
    stories = _stories(run)
    assert all(threads for threads in stories.values())
    for threads in stories.values():
        for files, first, last, title in threads:
            assert len({phase_of.get(f, "other") for f in files}) == 1, files
            assert title and first and last and first <= last


def test_the_same_kind_distractor_stays_apart(run) -> None:  # type: ignore[no-untyped-def]
    other = set(gold()["stories"]["portsorrel-leak"])
    for threads in _stories(run).values():
        files = set().union(*(t[0] for t in threads))
        assert not (files & other) or files <= other


def test_the_whole_developing_story_is_one_story_with_three_threads(run) -> None:  # type: ignore[no-untyped-def]
    phase_of = {f: k for k, t in gold()["threads"].items() for f in t["files"]}
    holding = [ts for ts in _stories(run).values() if any(f in phase_of for t in ts for f in t[0])]
    assert len(holding) == 1 and len(holding[0]) == 3


def test_story_export_carries_threads(run) -> None:  # type: ignore[no-untyped-def]
    from rashomon.export import export

    with Store.open(run.db) as store:
        out = io.StringIO()
        export(store, "jsonl", out, stories=True)
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert recs and all(r["threads"] for r in recs)
    for r in recs:
        members = set(r["articles"])
        assert {a for t in r["threads"] for a in t["articles"]} == {a for a in members if a.endswith("#main")}
        assert all(t["title"] and t["first"] for t in r["threads"])
    assert any(Path(r["threads"][0]["articles"][0]).name.startswith(("leak", "inquiry", "arrests")) for r in recs)


def test_api_story_lists_its_threads(run) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from rashomon.web.app import create_app

    client = TestClient(create_app(run.db), base_url="http://127.0.0.1")
    with Store.open(run.db) as store:
        sid = store.article_story(run.article_of["inquiry-times.txt"].id)
    data = client.get(f"/api/stories/{sid}").json()
    assert data["threads"] and all(t["title"] and t["articles"] for t in data["threads"])
    assert run.article_of["inquiry-times.txt"].id in {a for t in data["threads"] for a in t["articles"]}


def test_rashomon_show_lists_threads_and_copies(run) -> None:  # type: ignore[no-untyped-def]
    from rashomon.cli.story_view import render_story

    with Store.open(run.db) as store:
        by_story: dict[str, str] = {}
        for s in store.stories():
            by_story[s.id] = render_story(store, s)
    leak = next(text for text in by_story.values() if "Rheinblick Zeitung" in text)
    assert "Rheinblick Zeitung is a translation of Northfield Wire" in leak
    assert "Coastal Ledger is a wire copy of Northfield Wire" in leak
    multi = [text for sid, text in by_story.items() if "Threads (" in text]
    assert all("–" in text.split("Threads (", 1)[1].splitlines()[1] for text in multi)


def test_coverage_scores_threads_beside_one_thread_per_story(run) -> None:  # type: ignore[no-untyped-def]
    from rashomon.eval.coverage_stories import threads_table

    table = threads_table(gold(), run, run)
    assert table is not None
    ours, base = table.rows[0], table.rows[1]
    assert ours["files"] == 11 and ours["pairwise_f1"] == 1.0 and ours["threads"] == 3
    assert base["pairwise_f1"] < ours["pairwise_f1"]
    assert threads_table({"documents": {}}, run, run) is None
