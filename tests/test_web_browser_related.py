"""The article page's credit line and related articles in real Chromium, on the demo corpus.

The demo's Eastbank Post article is Meridian Wire's report re-served (a credit line and an agency
dateline say so): its page says who reported it and where it was found, links the original, and
lists the rest of the dam story, which an analyst follows from link to link.
"""

from __future__ import annotations


import pytest

from rashomon.store import Store
from rashomon.web.browser import browser_page, chromium_path
from rashomon.web.server import serving

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="chromium not installed: browser tests skipped")


def test_web_browser_article_credit_and_related_links(demo_db: str) -> None:
    with Store.open(demo_db) as store:
        arts = store.articles()
        dam = store.article_story(next(a for a in arts if a.outlet == "Eastbank Post").id)
        dam_titles = {a.title for a in store.articles(story=dam)}
    eastbank = next(a for a in arts if a.outlet == "Eastbank Post")
    meridian = next(a for a in arts if a.outlet == "Meridian Wire")
    with serving(demo_db) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400
                and not r.url.endswith("/favicon.ico") else None)  # a 404 is told by its address, not the console
        page.goto(base + f"/articles/{eastbank.id}")
        credit = page.locator("#credit")
        assert credit.is_visible()
        text = " ".join(credit.inner_text().split())
        assert text.startswith("Reported by Meridian Wire · found on Eastbank Post"), text
        # the credit links the stored original
        credit.locator("a.credit-original").click()
        page.wait_for_url(f"**/articles/{meridian.id}")
        assert page.locator("h1.article-title").inner_text() == meridian.title
        assert page.locator("#credit").count() == 0  # the original credits nobody else
        # the related list: the dam story's other articles, newest first, each a link that opens it
        related = page.locator("#related .related-same li")
        assert related.count() >= 5
        titles = [related.nth(k).locator("a").first.inner_text() for k in range(related.count())]
        assert set(titles) <= dam_titles and meridian.title not in titles
        first = related.first.locator("a").first
        first_title = first.inner_text()
        first.click()
        page.wait_for_selector("h1.article-title")
        assert page.locator("h1.article-title").inner_text() == first_title
        assert page.locator("#related").is_visible()
        assert errors == []
