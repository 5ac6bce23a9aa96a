"""Analyst notes and pins as an analyst uses them, in real Chromium: write a note through the story
page (the token asked once, then kept for the tab), see it after a reload, note a statement, delete a
note, pin the story and find it under "Pinned" on the home page."""

from __future__ import annotations

import pytest

from rashomon.store import Store
from rashomon.web.browser import browser_page, chromium_path
from rashomon.web.server import serving

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="chromium not installed: browser tests skipped")

TOKEN = "br0wser-t0ken"


def _watch(page) -> list[str]:
    """Script errors and console errors, and every failed load of this page's notes files."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # a missing resource is reported by its response below (another part's file may be missing meanwhile)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if "/static/notes." in r.url and r.status != 200
            else None)
    return errors


def test_web_browser_note_written_on_the_page_is_there_after_reload(story_db: dict) -> None:
    sid = story_db["story"].id
    with serving(story_db["db"], token=TOKEN) as base, browser_page() as page:
        errors = _watch(page)
        page.goto(base + f"/stories/{sid}")
        assert page.is_hidden("#note-form")  # the form opens only where a note is asked for
        page.click("#notes > .note-add")
        assert page.is_visible("#note-form") and page.is_visible("#note-token")
        page.fill("#note-text", "Ask the mine operator for the shift log.\nTwo lines kept.")
        page.fill("#note-author", "Ines Marr")
        page.fill("#note-token", TOKEN)
        with page.expect_navigation():
            page.click("#note-save")
        note = page.locator("#notes .note").first
        assert "Ask the mine operator for the shift log." in note.inner_text() and "Ines Marr" in note.inner_text()
        page.reload()
        assert "Ask the mine operator for the shift log." in page.locator("#notes .note").first.inner_text()
        # a statement's note: the token is kept for the tab, so it is not asked again
        statement = page.locator("#contested .evidence li").first
        statement.locator(".note-add").click()
        assert page.is_visible("#note-form") and page.is_hidden("#note-token")
        assert page.input_value("#note-author") == "Ines Marr"
        page.fill("#note-text", "Same words in the wire copy.")
        with page.expect_navigation():
            page.click("#note-save")
        statement = page.locator("#contested .evidence li").first
        assert "Same words in the wire copy." in statement.locator(".notes").inner_text()
        assert errors == []
    with Store.open(story_db["db"]) as store:
        notes = store.notes()
    assert [(n.kind, n.author) for n in notes] == [("story", "Ines Marr"), ("statement", "Ines Marr")]
    assert notes[0].text == "Ask the mine operator for the shift log.\nTwo lines kept."


def test_web_browser_wrong_token_is_refused_and_nothing_is_saved(story_db: dict) -> None:
    sid = story_db["story"].id
    with serving(story_db["db"], token=TOKEN) as base, browser_page() as page:
        page.goto(base + f"/stories/{sid}")
        page.click("#notes > .note-add")
        page.fill("#note-text", "Should not be stored.")
        page.fill("#note-author", "Ines Marr")
        page.fill("#note-token", "not-the-token")
        page.click("#note-save")
        page.wait_for_function("document.getElementById('note-status').textContent.startsWith('Not saved')")
        assert "bearer token" in page.inner_text("#note-status")
        assert page.is_visible("#note-token")  # asked again
    with Store.open(story_db["db"]) as store:
        assert store.count_notes() == 0


def test_web_browser_pin_shows_on_the_home_page_and_a_note_can_be_deleted(story_db: dict) -> None:
    sid = story_db["story"].id
    title = story_db["story"].title
    with Store.open(story_db["db"]) as store:
        store.add_note("story", "Written before the page opened.", "Noor", story=sid)
    with serving(story_db["db"], token=TOKEN) as base, browser_page() as page:
        errors = _watch(page)
        page.goto(base + "/")
        assert page.locator("#pinned").count() == 0
        page.goto(base + f"/stories/{sid}")
        assert page.inner_text("#pin-button") == "Pin this story"
        page.fill("#pin-form input[name=token]", TOKEN)
        with page.expect_navigation():
            page.click("#pin-button")
        assert page.inner_text("#pin-button") == "Unpin this story"
        page.goto(base + "/")
        pinned = page.locator("#pinned")
        assert pinned.is_visible() and title in pinned.inner_text() and "1 note" in pinned.inner_text()
        pinned.locator("a.story-link").click()
        page.wait_for_url(f"**/stories/{sid}")
        # the token is kept: deleting the note asks nothing
        with page.expect_navigation():
            page.locator("#notes .note-delete").first.click()
        assert page.locator("#notes .note").count() == 0
        with page.expect_navigation():
            page.click("#pin-button")
        page.goto(base + "/")
        assert page.locator("#pinned").count() == 0
        assert errors == []


def test_web_browser_notes_are_read_only_without_a_server_token(story_db: dict) -> None:
    sid = story_db["story"].id
    with Store.open(story_db["db"]) as store:
        store.add_note("story", "Visible to every reader.", "Noor", story=sid)
    with serving(story_db["db"]) as base, browser_page() as page:
        page.goto(base + f"/stories/{sid}")
        assert "Visible to every reader." in page.inner_text("#notes")
        assert page.locator(".note-add:visible").count() == 0 and page.is_hidden("#pin-form")
        assert page.is_visible(".notes-closed")
