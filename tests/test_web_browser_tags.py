"""The home page's sections and the tags in real Chromium, on the demo corpus: a section's story opens,
its tags link to tag pages, and a tag page leads back to the story."""

from __future__ import annotations


import pytest

from rashomon.web.browser import browser_page, chromium_path
from rashomon.web.server import serving

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="chromium not installed: browser tests skipped")


@pytest.fixture(scope="module")
def demo_db(demo_db: str, minilm: str) -> str:
    """The demo database, only where the MiniLM that gives subjects is installed."""
    return demo_db


def test_web_browser_home_section_story_tag_and_back(demo_db: str) -> None:
    with serving(demo_db) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
        failed: list[str] = []  # a 404 is told by its address instead (the browser asks for /favicon.ico)
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "favicon" not in r.url else None)
        page.goto(base + "/")
        for key in ("covered", "contested", "changed", "regions", "topics"):
            assert page.is_visible(f"#home-{key}"), key
        covered = page.locator("#home-covered a.story-link").first
        title = covered.inner_text()
        covered.click()
        page.wait_for_selector("h1.story-title")
        assert page.inner_text("h1.story-title") == title
        # the story's tags: its subject first, then places, organisations and people, each a link
        tags = page.locator("nav.tags a.tag")
        assert tags.count() >= 3 and "tag-topic" in (tags.first.get_attribute("class") or "")
        place = page.locator("nav.tags a.tag-place").first
        name = place.inner_text()
        place.click()
        page.wait_for_selector("h1.tag-title")
        assert name in page.inner_text("h1.tag-title")
        assert title in [page.locator("#tag-stories a.story-link").nth(k).inner_text()
                         for k in range(page.locator("#tag-stories a.story-link").count())]
        assert page.locator("#tag-articles a.article-link").count() >= 1
        # an article of the tag shows its own tags, which lead to the tags index
        page.locator("#tag-articles a.article-link").first.click()
        page.wait_for_selector("h1.article-title")
        assert page.locator("nav.tags a.tag").count() >= 1
        page.goto(base + "/")
        region = page.locator("#home-regions h3 a.tag-link").first
        region_name = region.inner_text()
        region.click()
        page.wait_for_selector("h1.tag-title")
        assert region_name in page.inner_text("h1.tag-title")
        page.goto(base + "/tags")
        assert page.locator("#tags-topic a.tag").count() >= 1 and page.locator("#tags-person a.tag").count() >= 1
        assert errors == [] and failed == []
