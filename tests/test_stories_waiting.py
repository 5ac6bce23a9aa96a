"""A page in another language ingested before its story exists joins that story once it forms,
without a regroup (invented fixture: tests/fixtures/developing)."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from rashomon.config import default_options
from rashomon.stories import StoryDoc, StoryIndex, assign_stories

DEVELOPING = Path(__file__).parent / "fixtures" / "developing"
ROWS = list(csv.DictReader((DEVELOPING / "pages.tsv").open(encoding="utf-8"), delimiter="\t"))
FOREIGN = [r["file"] for r in ROWS if r["language"] != "en"]


def _doc(row: dict[str, str]) -> StoryDoc:
    title, _, body = (DEVELOPING / "pages" / row["file"]).read_text(encoding="utf-8").strip().partition("\n")
    return StoryDoc(article=row["file"], source=row["file"], kind="article", title=title.strip(), body=body.strip(),
                    published=row["published"], outlet=row["outlet"], language=row["language"])


def _stories(index: StoryIndex) -> dict[str, str]:
    return {r["file"]: index.story_of(r["file"]) or "" for r in ROWS}


def _foreign_first(first: str, options=None) -> StoryIndex:
    """``first`` alone in the first run, the other pages (English and foreign) in later runs of a few pages each;
    the index round-trips through bytes between runs, as the store keeps it."""
    options = options or default_options()
    index = StoryIndex.from_bytes(None, options)
    assign_stories([_doc(r) for r in ROWS if r["file"] == first], index, options)
    rest = [r for r in ROWS if r["file"] != first]
    for start in range(0, len(rest), 3):
        index = StoryIndex.from_bytes(index.to_bytes(), options)
        assign_stories([_doc(r) for r in rest[start : start + 3]], index, options)
    return index


@pytest.mark.parametrize("first", FOREIGN)
def test_a_foreign_page_ingested_before_its_story_joins_it_later(first: str) -> None:
    story = _stories(_foreign_first(first))
    main = story["leak-wire.txt"]
    assert story[first] == main
    assert story["other-leak-wire.txt"] != main  # the other leak of the same kind stays apart
    assert not StoryIndex.from_bytes(_foreign_first(first).to_bytes(), default_options()).waiting.get(first)


@pytest.mark.parametrize("first", FOREIGN)
def test_without_the_absorb_step_it_stays_a_story_of_its_own(first: str) -> None:
    """The control (so the test above can fail): the join alone leaves the early page out."""
    options = replace(default_options(), extra={"story_absorb_max": 0})
    story = _stories(_foreign_first(first, options))
    assert story[first] != story["leak-wire.txt"]


def test_ingest_links_an_early_foreign_page_in_a_later_run(tmp_path: Path) -> None:
    """The whole pipeline, two runs into one database: the Russian page alone first, the rest later."""
    from rashomon.eval.coverage import load, run_folder
    from rashomon.store import Store

    gold, rows = load(DEVELOPING)
    db = str(tmp_path / "run.db")
    first = [r for r in rows if r["file"] == "arrests-kurier-ru.txt"]
    run_folder(DEVELOPING, gold, first, default_options(), db, careful=True)
    run = run_folder(DEVELOPING, gold, rows, default_options(), db, careful=True)
    with Store.open(db) as store:
        story = {f: store.article_story(a.id) for f, a in run.article_of.items()}
    assert story["arrests-kurier-ru.txt"] == story["arrests-wire.txt"] == story["leak-wire.txt"]
    assert story["other-leak-wire.txt"] != story["leak-wire.txt"]
