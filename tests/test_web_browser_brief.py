"""The cited brief and the story's feed in real Chromium: the brief sits at the top of the story
page, a citation opens the article at the cited sentence, highlighted, and the page's Atom feed
link leads to a feed a reader can parse."""

from __future__ import annotations

import feedparser
import pytest

from rashomon.brief import read_brief
from rashomon.store import Store
from rashomon.web.browser import browser_page, chromium_path
from rashomon.web.server import serving

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="chromium not installed: browser tests skipped")


def test_web_browser_brief_citation_opens_its_span_and_the_feed_link_works(story_db: dict) -> None:
    story = story_db["story"]
    with Store.open(story_db["db"]) as store:
        brief = read_brief(store, story.id)
        bodies = {a.id: a.body for a in store.articles()}
    first = brief.sentences[0]
    cited = first.citations[0]
    with serving(story_db["db"]) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_viewport_size({"width": 1280, "height": 400})
        page.goto(base + f"/stories/{story.id}")
        # the brief is the first section a reader sees, above the contents bar
        assert page.is_visible("#brief")
        top = page.evaluate("document.querySelector('#brief').getBoundingClientRect().top")
        assert top < page.evaluate("document.querySelector('#contents').getBoundingClientRect().top")
        shown = page.locator("#brief .brief-sentence")
        assert shown.count() == len(brief.sentences)
        assert shown.first.inner_text().startswith(first.text)
        # the page's feed link, as a feed reader finds it
        feed_href = page.evaluate(
            "document.querySelector('link[rel=alternate][type=\"application/atom+xml\"]').href")
        assert feed_href == f"{base}/feeds/stories/{story.id}.atom"
        feed = feedparser.parse(page.request.get(feed_href).body())
        assert not feed.bozo and feed.version == "atom10" and feed.entries
        # follow the first citation: the article opens at its sentence, highlighted and in view
        shown.first.locator("a.brief-cite").first.click()
        page.wait_for_selector("#body")
        page.wait_for_function("document.querySelector(':target') !== null")
        assert f"/articles/{cited.article}#s-" in page.url
        target = page.evaluate(
            """() => { const t = document.querySelector(':target'); const r = t.getBoundingClientRect();
                       return {text: t.innerText, bg: getComputedStyle(t).backgroundColor,
                               seen: r.bottom > 0 && r.top < window.innerHeight}; }""")
        span = " ".join(bodies[cited.article][cited.start:cited.end].split())
        assert span[:60] in " ".join(target["text"].split())  # the cited words are in the opened sentence
        assert target["bg"] not in ("rgba(0, 0, 0, 0)", "transparent") and target["seen"]
        assert errors == []
