"""The story page as an analyst uses it, in real Chromium: contents bar, filters, folds, evidence
opening the article at its highlighted sentence, source links, and the hint for undated stories."""

from __future__ import annotations

import pytest

from rashomon.web.browser import browser_page, chromium_path
from rashomon.web.server import serving

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="chromium not installed: browser tests skipped")


def _in_view(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.bottom > 0 && r.top < window.innerHeight; }""", selector)


def test_web_browser_story_contents_and_filters(story_db: dict) -> None:
    with serving(story_db["db"]) as base, browser_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in m.text
                and "404" not in m.text else None)
        page.goto(base + f'/stories/{story_db["story"].id}')
        # the contents bar leads to each section
        assert not _in_view(page, "#corroboration")
        page.click("#contents a[href='#corroboration']")
        page.wait_for_function("location.hash === '#corroboration'")
        assert _in_view(page, "#corroboration h2")
        # the filters appear only with the script that runs them
        assert page.is_visible("#filters")
        every = page.locator("#who li:visible").count()
        page.select_option("#filter-outlet", "Northern Ledger")
        shown = page.locator("#who li:visible")
        assert 0 < shown.count() < every
        assert all("Northern Ledger" in shown.nth(k).inner_text() for k in range(shown.count()))
        assert page.locator(".column[data-outlet='Harbour Pulse']").is_hidden()
        assert page.locator(".column[data-outlet='Northern Ledger']").is_visible()
        assert "outlet=Northern+Ledger" in page.url  # a filtered view can be shared
        page.reload()
        assert page.input_value("#filter-outlet") == "Northern Ledger"
        assert page.locator(".column[data-outlet='Harbour Pulse']").is_hidden()
        # by speaker: only Tomas Brell's statements, in every section that lists statements
        page.click("#filter-clear")
        page.select_option("#filter-speaker", "e-brell")
        groups = page.locator("#who .speaker-group:visible")
        assert groups.count() == 1 and "Tomas Brell" in groups.first.locator("h3").inner_text()
        evidence = page.locator("#contested .evidence li:visible")
        assert evidence.count() >= 1
        assert all("Brell" in evidence.nth(k).inner_text() for k in range(evidence.count()))
        assert "statements shown" in page.inner_text("#filter-status")
        page.click("#filter-clear")
        assert page.locator("#who li:visible").count() == every and "speaker=" not in page.url
        assert errors == []


def test_web_browser_evidence_opens_the_article_at_its_sentence(story_db: dict) -> None:
    with serving(story_db["db"]) as base, browser_page() as page:
        page.set_viewport_size({"width": 1280, "height": 300})  # short, so the sentence must be scrolled to
        page.goto(base + f'/stories/{story_db["story"].id}')
        link = page.locator("#contested .evidence a.evidence-link").last
        quoted = link.locator("xpath=..").locator("q").inner_text()
        link.click()
        page.wait_for_selector("#body")
        page.wait_for_function("document.querySelector(':target') !== null")
        target = page.evaluate(
            """() => { const t = document.querySelector(':target');
                       return {cls: t.className, text: t.innerText, bg: getComputedStyle(t).backgroundColor}; }""")
        assert "sent" in target["cls"] and quoted in target["text"]
        assert target["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
        assert _in_view(page, ":target")


def test_web_browser_long_lists_fold_and_unfold(tmp_path) -> None:
    from story_records import build_long_timeline_db

    db = build_long_timeline_db(tmp_path)
    with serving(db["db"]) as base, browser_page() as page:
        page.goto(base + f'/stories/{db["story"].id}')
        folded = page.locator("#timeline details.more")
        assert not folded.get_attribute("open") and folded.locator("li").first.is_hidden()
        folded.locator("summary").click()
        assert folded.locator("li").first.is_visible()


def test_web_browser_article_source_is_a_link(tmp_path) -> None:
    from story_records import store_pier_page

    a = store_pier_page(str(tmp_path / "u.db"))
    with serving(str(tmp_path / "u.db")) as base, browser_page() as page:
        page.goto(base + f"/articles/{a.id}")
        link = page.locator(".meta a.source-link")
        assert link.get_attribute("href") == "https://news.example.org/pier-reopens"
        assert "noopener" in (link.get_attribute("rel") or "")


def test_web_browser_undated_story_says_how_to_date_it(tmp_path) -> None:
    """A story whose pages carry no date explains why its timeline is empty, and what to pass."""
    from rashomon.pipeline import ingest
    from rashomon.config import default_options

    pages = tmp_path / "pages"
    pages.mkdir()
    for k, outlet in enumerate(("Quay Times", "Harbour Bell")):
        (pages / f"p{k}.txt").write_text(
            f"Ferry service halted after pier damage\n\nThe ferry service between Oskmouth and Tarrow was "
            f"halted on Tuesday after storm damage to the main pier, the port authority said. "
            f"Repairs will start next week, officials from {outlet} were told.\n", encoding="utf-8")
    db = str(tmp_path / "undated.db")
    ingest([str(pages)], default_options(db=db))
    from rashomon.store import Store

    with Store.open(db, readonly=True) as store:
        story = max(store.stories(), key=lambda s: len(s.articles))
    with serving(db) as base, browser_page() as page:
        page.goto(base + f"/stories/{story.id}")
        note = page.locator("#timeline .undated-note")
        assert note.is_visible()
        assert "--published YYYY-MM-DD" in note.inner_text() and "cannot be placed" in note.inner_text()
        page.click("#contents a[href='#timeline']")
        assert _in_view(page, "#timeline .undated-note")


def test_web_browser_entity_statement_opens_its_sentence(story_db: dict) -> None:
    """An entity page links a statement by its character offset; the article page finds its sentence."""
    with serving(story_db["db"]) as base, browser_page() as page:
        page.goto(base + "/entities/e-brell")
        link = page.locator("a.evidence-link").first
        quoted = link.locator("xpath=..").locator("q").inner_text()
        link.click()
        page.wait_for_selector(".sent.target")
        assert quoted in page.inner_text(".sent.target")
        assert page.locator(".sent.target").count() == 1


def test_web_browser_changed_page_unfolds_its_versions(tmp_path) -> None:
    from rashomon.model import Article
    from rashomon.store import Store

    bodies = ("The pier will reopen on Monday.", "The pier will reopen on Thursday.")
    made = [Article(source="https://coast.example/pier#main", page_source="https://coast.example/pier",
                    title="Pier to reopen", outlet="Coast Post", body=b) for b in bodies]
    with Store.open(tmp_path / "c.db") as store:
        for k, a in enumerate(made):
            store.add_page_articles(f"h{k}", a.page_source, [a])
    with serving(str(tmp_path / "c.db")) as base, browser_page() as page:
        page.goto(base + f"/articles/{made[0].id}")
        summary = page.locator("#versions summary")
        assert "This page changed: 2 versions" in summary.inner_text()
        assert page.locator("#versions ins").is_hidden()
        summary.click()
        assert page.locator("#versions ins").inner_text() == "The pier will reopen on Thursday."


def test_web_browser_article_statement_row_shows_it_in_the_text(story_db: dict) -> None:
    art = story_db["articles"][0]
    with serving(story_db["db"]) as base, browser_page() as page:
        page.goto(base + f"/articles/{art.id}")
        row = page.locator("table.statements a.in-text").last
        content = row.inner_text()
        row.click()
        page.wait_for_selector(".sent.target")
        assert content in page.inner_text(".sent.target")
        assert _in_view(page, ".sent.target")
