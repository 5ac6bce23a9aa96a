"""Ingest of files and directories: walking, naming, sniffing, user metadata, bad paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rashomon.errors import InputError
from rashomon.ingest import read_inputs
from rashomon.model import InputFailure, Page

PAGE = "<!DOCTYPE html><html><head><title>Ferry resumes</title></head><body><p>The ferry to Osk runs again.</p></body></html>"
CAPTURE = "Ferry resumes after storm\nThe Osk crossing reopened on Friday.\nPublished 3 May 2026\n"


def _split(items):
    pages = [i for i in items if isinstance(i, Page)]
    fails = [i for i in items if isinstance(i, InputFailure)]
    return pages, fails


def test_directory_walk_is_sorted_recursive_and_names_sources_from_the_given_dir(tmp_path: Path, options, monkeypatch):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner.txt").write_text(CAPTURE)
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "c.htm").write_text(PAGE.replace("Osk", "Lenn"))
    (tmp_path / ".hidden.html").write_text(PAGE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(CAPTURE)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)  # not an input kind: skipped
    (tmp_path / "style.css").write_text("body{}")
    monkeypatch.chdir(tmp_path.parent)
    pages, fails = _split(list(read_inputs([tmp_path.name], options)))
    assert fails == []
    assert [p.source for p in pages] == [f"{tmp_path.name}/a.html", f"{tmp_path.name}/c.htm", f"{tmp_path.name}/b/inner.txt"]
    assert [p.kind for p in pages] == ["html", "html", "text"]


def test_file_named_as_given_keeps_its_spelling(tmp_path: Path, options, monkeypatch):
    (tmp_path / "page.html").write_text(PAGE)
    monkeypatch.chdir(tmp_path)
    [page] = list(read_inputs(["./page.html"], options))
    assert page.source == "./page.html"


def test_missing_path_fails_and_the_rest_of_the_batch_goes_on(tmp_path: Path, options):
    good = tmp_path / "good.txt"
    good.write_text(CAPTURE)
    items = list(read_inputs([str(tmp_path / "nope.html"), str(good)], options))
    assert isinstance(items[0], InputFailure) and items[0].source == str(tmp_path / "nope.html")
    assert "no such file" in items[0].reason
    assert isinstance(items[1], Page) and items[1].text.startswith("Ferry resumes")


def test_unreadable_directory_fails_once_and_siblings_are_read(tmp_path: Path, options, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.html").write_text(PAGE)
    (tmp_path / "open.html").write_text(PAGE)
    real_scandir = os.scandir

    def scandir(path):  # chmod does not stop root, so the refusal is simulated
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    pages, fails = _split(list(read_inputs([str(tmp_path)], options)))
    assert [p.source for p in pages] == [f"{tmp_path}/open.html"]
    assert [(f.source, f.reason) for f in fails] == [(f"{tmp_path}/locked", "unreadable directory: permission denied")]


def test_directory_without_inputs_says_so(tmp_path: Path, options):
    (tmp_path / "notes.md").write_text("# nothing")
    [fail] = list(read_inputs([str(tmp_path)], options))
    assert isinstance(fail, InputFailure) and "no readable inputs" in fail.reason


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Osk Radio</title><item><title>T</title>"
         b"<link>https://osk.example/1</link><description>" + b"word " * 200 + b"</description></item></channel></rss>", "article"),
        (b"<!doctype html><html><body><p>Hi</p></body></html>", "html"),
        (b'{"title": "A", "text": "Body of a record."}\n', "article"),
        (b"Harbour reopens\nThe harbour reopened today.\n", "text"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path: Path, options, content: bytes, kind: str):
    path = tmp_path / "download.dat"
    path.write_bytes(content)
    [page] = list(read_inputs([str(path)], options))
    assert isinstance(page, Page), page
    assert page.kind == kind


def test_user_metadata_wins_and_is_flagged(tmp_path: Path, options):
    path = tmp_path / "p.html"
    path.write_text(PAGE)
    [page] = list(read_inputs([str(path)], options, outlet="Osk Gazette", published="4 May 2026", captured="2026-05-05T08:00:00Z"))
    assert (page.outlet, page.user_outlet) == ("Osk Gazette", True)
    assert (page.published, page.user_published) == ("2026-05-04", True)
    assert page.captured == "2026-05-05T08:00:00+00:00"


def test_file_time_never_becomes_a_date(tmp_path: Path, options):
    path = tmp_path / "p.txt"
    path.write_text(CAPTURE)
    [page] = list(read_inputs([str(path)], options))
    assert page.published is None and page.captured is None and not page.user_published
    assert page.meta["mtime"].endswith("Z")


def test_a_bad_user_date_is_an_error_before_anything_is_read(tmp_path: Path, options):
    with pytest.raises(InputError, match="--published"):
        read_inputs([str(tmp_path)], options, published="next Tuesday-ish")
    with pytest.raises(InputError, match="--published"):
        read_inputs([str(tmp_path)], options, published="12 March")  # no year: refused, not guessed


def test_html_nested_200000_levels_is_read_unparsed(tmp_path: Path, options):
    depth = 200_000
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>")
    [page] = list(read_inputs([str(path)], options))
    assert isinstance(page, Page) and page.kind == "html"
    assert page.text.count("<div>") == depth


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-12", "2026-03-12"),
        ("12 March 2026", "2026-03-12"),
        ("10.03.2026", "2026-03-10"),  # dotted dates are day-first
        ("Fri, 13 Mar 2026 23:10:00 -0500", "2026-03-13"),  # the writer's own calendar day
        ("March 2026", None),
        ("2026", None),
    ],
)
def test_dates_are_normalised_or_refused(value: str, expected: str | None):
    from rashomon.ingest import iso_date

    assert iso_date(value) == expected
