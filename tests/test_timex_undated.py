"""A capture without a publication date: the story view says why its timeline is empty."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from rashomon.analyze.timex_events import undated_note
from rashomon.cli import main
from rashomon.store import Store
from rashomon.web import create_app

PAGE = """Library closes reading room after roof leak

The Harlow Street Library said on Tuesday that it had closed its reading room after rain came through the roof on Monday night.

The room is expected to reopen on Friday, a librarian, Oda Wren, said.
"""


def _ingest(tmp_path: Path, *extra: str) -> tuple[Path, str]:
    page = tmp_path / "library.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "t.db"
    result = CliRunner().invoke(main, ["ingest", str(page), "--db", str(db), *extra])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        (story,) = store.stories()
    return db, story.id


def test_undated_note_wording() -> None:
    assert undated_note(0, 3) is None
    assert "no article has a publication date" in (undated_note(2, 2) or "")
    assert "1 of 3 articles" in (undated_note(1, 3) or "")
    assert "--published" in (undated_note(1, 3) or "")


def test_show_and_story_page_explain_an_undated_capture(tmp_path: Path) -> None:
    db, sid = _ingest(tmp_path)
    out = CliRunner().invoke(main, ["show", sid, "--db", str(db)]).output
    assert "dates unknown" in out and "? – ?" not in out
    assert "(no dated events found)" in out and "--published YYYY-MM-DD" in out
    html = TestClient(create_app(str(db), token="x"), base_url="http://127.0.0.1").get(f"/stories/{sid}").text
    assert "No dated events found." in html and "--published YYYY-MM-DD" in html and "dates unknown" in html


def test_a_dated_capture_places_its_weekdays_and_has_no_note(tmp_path: Path) -> None:
    db, sid = _ingest(tmp_path, "--published", "2031-09-10")  # a Wednesday
    out = CliRunner().invoke(main, ["show", sid, "--db", str(db)]).output
    assert "2031-09-09" in out and "2031-09-12" in out  # Tuesday said, Friday expected to reopen
    assert "--published" not in out
    html = TestClient(create_app(str(db), token="x"), base_url="http://127.0.0.1").get(f"/stories/{sid}").text
    assert "undated-note" not in html
