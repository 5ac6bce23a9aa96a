"""Regression: the bundled demo text capture gives the facts its README promises.

The capture is read from ``rashomon.demo.DEMO_DIR`` at test time; the expectations below are the
ones listed under "The text capture" in ``src/rashomon/demo/README.md``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from rashomon.config import default_options
from rashomon.demo import DEMO_DIR
from rashomon.extract import extract_page
from rashomon.extract.lines import fold
from rashomon.ingest import read_inputs

CAPTURE = "lowland-observer-basin-inquiry.txt"


@pytest.fixture(scope="module")
def articles():
    pages = list(read_inputs([str(DEMO_DIR / CAPTURE)], default_options()))
    assert len(pages) == 1 and pages[0].kind == "text"
    return extract_page(pages[0], default_options())


@pytest.fixture(scope="module")
def capture_lines() -> list[str]:
    return [l.strip() for l in (DEMO_DIR / CAPTURE).read_text(encoding="utf-8").splitlines() if l.strip()]


def _paragraphs(article) -> list[str]:
    return [p for p in article.body.split("\n\n") if p.strip()]


def test_headline_dek_section_byline(articles):
    main = articles[0]
    assert main.kind == "article" and main.source.endswith(f"{CAPTURE}#main")
    assert main.title == "Basin commission offers independent inquiry into Brenna Dam collapse"
    assert (main.dek or "").startswith("Valdoria and Tervania both say they will cooperate, but neither is backing away")
    assert main.section == "World · Selt valley flood"
    assert main.byline == "Marta Ingersoll"
    assert "By Marta Ingersoll, Europe correspondent" in main.furniture


def test_body_edges_and_heading(articles):
    main = articles[0]
    paragraphs = _paragraphs(main)
    assert paragraphs[0].startswith("The Selt Basin Commission on Thursday offered to lead an independent inquiry")
    assert paragraphs[-1] == "The funerals of the first victims are expected on Friday in Karamet."
    assert main.headings == ["Two stories about one crack"]
    assert "Two stories about one crack" in paragraphs


def test_published_and_outlet(articles):
    main = articles[0]
    assert main.published == "2026-03-12"
    assert "Published 12 March 2026" in (main.published_evidence or "")
    assert main.outlet == "The Lowland Observer"


def test_inline_link_is_recorded_and_dropped(articles):
    main = articles[0]
    link = next(l for l in main.inline_links if l["title"] == "How the Selt became the region's most quarrelled-over river")
    assert link["standfirst"].startswith("For half a century, two neighbours have failed to agree")
    assert "quarrelled-over" not in main.body and "For half a century" not in main.body


def test_furniture_never_reaches_a_body(articles, capture_lines):
    """Every line of the capture outside the article's text is furniture of the main article."""
    main = articles[0]
    kept = {fold(p) for a in articles for p in _paragraphs(a)}
    kept |= {fold(t) for a in articles for t in (a.title, a.dek or "", a.section or "")}
    kept |= {fold(l[k]) for l in main.inline_links for k in ("title", "standfirst")}
    teaser_lines = {fold(f) for a in articles[1:] for f in a.furniture}
    recorded = {fold(f) for f in main.furniture}
    leftover = [l for l in capture_lines if fold(l) not in kept | teaser_lines | recorded]
    assert leftover == []
    for line in [
        "The Lowland Observer", "Menu", "Search", "Sign in",
        "Reporting from the Selt valley costs money. Nobody else is paying for it.",
        "The Lowland Observer is owned by its members and answers to no government and no advertiser.",
        "Become an Observer member from 3 euros a month", "Become a member",
        "Share this article", "Topics", "Comments (0)", "Related Articles", "Most Popular", "Editor's Picks",
        "Newsletters", "© 2026 The Lowland Observer Cooperative",
    ]:
        assert fold(line) in recorded, line
        assert not any(fold(p).startswith(fold(line)) for a in articles for p in _paragraphs(a)), line
    caption = next(l for l in capture_lines if "Photo:" in l)
    assert main.furniture.count(caption) == 2


def test_teasers_with_outlets_ages_and_parent(articles):
    main, teasers = articles[0], articles[1:]
    assert [(t.title, t.outlet, t.age) for t in teasers] == [
        ("Calderra traders go to court to stop tram works", "Northgate Courier", "5 hours ago"),
        ("Storm warning issued for the northern coast as gales return", "The Lowland Observer", "1 day ago"),
        ("Rail strike called off after late-night deal on pay", "The Lowland Observer", "2 days ago"),
    ]
    assert all(t.kind == "teaser" and t.parent == main.source for t in teasers)
    assert [t.source.rsplit("#", 1)[1] for t in teasers] == ["teaser-1", "teaser-2", "teaser-3"]
    assert teasers[0].body.startswith("Shop owners on Canal Street")
    assert "Canal Street" not in main.body and "Calderra traders" not in main.body


def test_teaser_ages_count_from_the_capture_and_never_date_the_article():
    page = next(iter(read_inputs([str(DEMO_DIR / CAPTURE)], default_options())))
    main, *teasers = extract_page(replace(page, captured="2026-03-15T08:00:00"), default_options())
    assert main.published == "2026-03-12" and "ago" not in (main.published_evidence or "")
    assert [t.published for t in teasers] == ["2026-03-15", "2026-03-14", "2026-03-13"]
    assert all(t.published_confidence < main.published_confidence for t in teasers)
