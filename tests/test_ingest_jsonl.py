"""JSONL ingest: one record per line; a bad line fails as path:LINE and the others go on."""

from __future__ import annotations

import json
from pathlib import Path

from rashomon.ingest import read_inputs
from rashomon.model import InputFailure, Page


def test_records_and_bad_lines(tmp_path: Path, options):
    lines = [
        json.dumps({"url": "https://osk.example/a", "title": "Ferry back", "text": "The ferry is back.\n\nIt runs hourly.",
                    "published": "2026-05-04T22:30:00-03:00", "outlet": "Osk Daily"}),
        "",
        '{"title": "Broken", "text": "unterminated',
        json.dumps({"title": "Harbour page", "html": "<html><body><p>Harbour</p></body></html>"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "Nothing inside"}),
        json.dumps({"title": 12, "text": "Numbers are not titles."}),
        json.dumps({"text": "Date nobody can read.", "published": "sometime in spring"}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)], options))
    got = [(i.source, i.kind) if isinstance(i, Page) else (i.source, i.reason) for i in items]
    assert got == [
        ("https://osk.example/a", "article"),
        (f"{path}:3", "malformed JSON line: Unterminated string starting at (column 29)"),
        (f"{path}#L4", "html"),
        (f"{path}:5", "a record must be a JSON object, not list"),
        (f"{path}:6", "record has neither 'text' nor 'html'"),
        (f"{path}:7", "field 'title' must be a string, not int"),
        (f"{path}#L8", "article"),
    ]
    first = items[0]
    assert (first.title, first.outlet, first.url) == ("Ferry back", "Osk Daily", "https://osk.example/a")
    assert first.published == "2026-05-04"  # the record's own calendar date, not UTC's
    assert first.text == "The ferry is back.\n\nIt runs hourly."
    assert not first.user_outlet and not first.user_published
    assert items[-1].published is None and items[-1].meta["published_raw"] == "sometime in spring"


def test_user_outlet_overrides_records(tmp_path: Path, options):
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": "Body.", "outlet": "Osk Daily"}) + "\n")
    [page] = list(read_inputs([str(path)], options, outlet="Lenne Post"))
    assert (page.outlet, page.user_outlet) == ("Lenne Post", True)


def test_empty_jsonl(tmp_path: Path, options):
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n")
    [fail] = list(read_inputs([str(path)], options))
    assert isinstance(fail, InputFailure) and fail.reason == "empty file (only whitespace)"
