"""web in a real browser: Debian's Chromium driven by Playwright over a live loopback server."""

from __future__ import annotations

import pytest

from rashomon.web.browser import browser_page, chromium_path
from rashomon.web.server import serving

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="chromium not installed: browser tests skipped")


def test_web_browser_reader_flow(story_db: dict) -> None:
    with serving(story_db["db"]) as base, browser_page() as page:
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + "/")
        page.click("a.story-link")
        page.wait_for_selector(".question")
        questions = page.locator(".question")  # strongest first, each saying how sure Rashomon is
        assert all("% sure" in questions.nth(k).locator(".sure").inner_text() for k in range(questions.count()))
        positions = []
        for k in range(questions.count()):
            sides = questions.nth(k).locator(".side")
            assert sides.count() >= 2
            positions.append({sides.nth(i).locator("h4").inner_text() for i in range(sides.count())})
        assert any({"natural causes or illness", "killed by violence"} <= p for p in positions)
        page.locator(".evidence a").first.click()
        page.wait_for_selector("#body")
        assert page.locator("#body .ent").count() > 0 and page.locator("#body .stmt").count() > 0
        # Turning a highlight layer off is done by our script, so CSP allows it.
        page.uncheck("#layers input[data-layer=ent]")
        assert "layers-ent" not in (page.get_attribute("#body", "class") or "")
        page.fill("header input[name=q]", "custody")
        page.press("header input[name=q]", "Enter")
        page.wait_for_selector(".results")
        assert page.locator("a.result-link").count() >= 1
        assert page.locator("mark").count() >= 1
        assert not [e for e in errors if "Content Security Policy" in e]


def test_web_browser_hostile_text_renders_as_text(tmp_path) -> None:
    from conftest import build_story_db

    payload = ' <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    db = build_story_db(tmp_path / "hostile.db", extra_text=payload)
    with serving(db["db"]) as base, browser_page() as page:
        for path in ("/", f'/stories/{db["story"].id}', f'/articles/{db["articles"][0].id}', "/search?q=pwned"):
            page.goto(base + path)
            assert page.evaluate("window.__pwned") is None
            assert page.locator("img[src=x]").count() == 0
        page.goto(base + f'/articles/{db["articles"][0].id}')
        assert "<script>window.__pwned = 1</script>" in page.inner_text("#body")


def test_web_browser_api_docs_render_offline(story_db: dict) -> None:
    """The footer's API link opens Swagger UI from packaged files (the browser runs with networking off)."""
    with serving(story_db["db"]) as base, browser_page() as page:
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
        page.goto(base + "/")
        page.click("footer a[href='/docs']")
        page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
        assert page.locator(".swagger-ui .opblock").count() >= 5  # the API's operations, listed
        assert not [u for u in outside if u.startswith("http")]
