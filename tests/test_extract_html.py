"""The html route of extract_page, on invented pages (no seed or eval text)."""

from __future__ import annotations

import pytest

from rashomon.config import Options
from rashomon.errors import ExtractionError
from rashomon.extract import extract_page
from rashomon.extract import html as html_mod
from rashomon.extract.html import extract_html, nesting_depth
from rashomon.model import Page

PAGE = """<!DOCTYPE html><html lang="en-GB"><head>
<title>Harbour bridge reopens after three-week closure | The Lantern Gazette</title>
<meta property="og:site_name" content="The Lantern Gazette">
<meta property="og:title" content="Harbour bridge reopens after three-week closure">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta name="author" content="Mira Castellane">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Harbour bridge reopens after three-week closure</h1>
<p>The Veldmark harbour bridge reopened on Tuesday after engineers finished repairs to its northern span, the city transport office said.</p>
<p>Commuters had faced detours of up to forty minutes while the bridge was closed, according to figures from the regional council.</p>
<h2>What went wrong</h2>
<p>Inspectors found corrosion in two support cables during a routine check in February, prompting the emergency closure of the crossing.</p>
<p>"We could not take any chances with public safety," said Orla Pemberton, the council's chief engineer, at a briefing on Monday.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Mayor opens new library wing</a></li><li><a href="/b">Tram fares to rise in April</a></li></ul></aside>
<footer><p>Copyright 2024 The Lantern Gazette. All rights reserved. Subscribe to our newsletter for daily updates.</p></footer>
</body></html>"""


def page(text: str = PAGE, **kw) -> Page:
    return Page(source=kw.pop("source", "saved/bridge.html"), kind="html", text=text, **kw)


def test_extract_html_body_title_metadata_and_headings(options: Options) -> None:
    (article,) = extract_page(page(url="https://lantern.example/news/bridge"), options)
    assert article.source == "saved/bridge.html#main"
    assert article.kind == "article"
    assert article.title == "Harbour bridge reopens after three-week closure"
    assert article.byline == "Mira Castellane"
    assert article.outlet == "The Lantern Gazette"
    assert article.published == "2024-03-05"
    assert article.published_evidence == "meta:article:published_time"
    assert article.language == "en"
    assert article.url == "https://lantern.example/news/bridge"
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("The Veldmark harbour bridge reopened on Tuesday")
    assert paragraphs[-1].endswith("at a briefing on Monday.")
    assert "What went wrong" in paragraphs
    assert article.headings == ["What went wrong"]
    for furniture in ("Home", "Most read", "Tram fares", "All rights reserved"):
        assert furniture not in article.body
    assert article.title not in article.body  # the headline is the title, not a paragraph


def test_extract_html_user_published_and_outlet_override_metadata(options: Options) -> None:
    p = page(published="2024-03-09", user_published=True, outlet="Veldmark Evening Post", user_outlet=True)
    (article,) = extract_page(p, options)
    assert article.published == "2024-03-09"
    assert article.published_evidence == "--published"
    assert article.outlet == "Veldmark Evening Post"


def test_extract_html_without_date_metadata_has_no_meta_evidence(options: Options) -> None:
    text = PAGE.replace('<meta property="article:published_time" content="2024-03-05T10:00:00Z">', "")
    (article,) = extract_page(page(text), options)
    assert not (article.published_evidence or "").startswith("meta:")


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        ("   \n\t  ", "empty"),
        ("\x00\x01\x02\x03garbage\x04\x05\x06\x07" * 200, "binary"),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text"),
    ],
)
def test_extract_html_unusable_pages_raise_with_reason(text: str, reason: str, options: Options) -> None:
    with pytest.raises(ExtractionError) as err:
        extract_page(page(text, source="bad/page.html"), options)
    assert err.value.source == "bad/page.html"
    assert reason in err.value.reason


def test_extract_html_nested_200000_deep_is_a_clean_error(options: Options) -> None:
    n = 200_000
    text = "<html><body>" + "<div>" * n + "<p>Deep text about the harbour.</p>" + "</div>" * n + "</body></html>"
    with pytest.raises(ExtractionError) as err:
        extract_page(page(text, source="deep.html"), options)
    assert "nested" in err.value.reason


def test_extract_html_unclosed_deep_nesting_is_a_clean_error(options: Options) -> None:
    text = "<html><body>" + "<span><b>" * 100_000 + "tail"
    with pytest.raises(ExtractionError) as err:
        extract_page(page(text, source="deep2.html"), options)
    assert "nested" in err.value.reason


def test_extract_html_moderately_deep_page_gives_result_or_clean_error(options: Options) -> None:
    para = "<p>" + "The council debated the harbour repair budget for most of the evening session. " * 4 + "</p>"
    text = "<html><body>" + "<div>" * 400 + para * 3 + "</div>" * 400 + "</body></html>"
    try:
        articles = extract_page(page(text, source="deep3.html"), options)
    except ExtractionError as err:
        assert "nested" in err.reason
    else:
        assert "harbour repair budget" in articles[0].body


def test_nesting_depth_counts_like_a_parser() -> None:
    assert nesting_depth("<div><p>one<p>two<br><img src=x></div>" * 300) == 1
    assert nesting_depth("<div><span>" * 200 + "</div>" * 10) == 400
    # a stray closing tag for an element that is not open is ignored
    assert nesting_depth("</section>" * 500 + "<div><div></div></div>" * 100) == 2
    # a closing tag closes every element opened inside it
    assert nesting_depth(("<div>" + "<b>" * 5 + "</div>") * 200) == 6


def test_extract_html_rescue_when_trafilatura_returns_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_mod.trafilatura, "bare_extraction", lambda *a, **k: None)
    found = extract_html(PAGE, "saved/bridge.html")
    assert found.extractor == "baseline"
    assert any("northern span" in p for p in found.paragraphs)


def test_extract_html_library_crash_becomes_extraction_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a, **k):
        raise KeyError("max_date")

    monkeypatch.setattr(html_mod.trafilatura, "bare_extraction", boom)
    monkeypatch.setattr(html_mod.trafilatura, "baseline", boom)
    with pytest.raises(ExtractionError) as err:
        extract_html(PAGE, "saved/bridge.html")
    assert "trafilatura failed" in err.value.reason


def test_extract_html_text_is_nfc(options: Options) -> None:
    decomposed = "Cafe\u0301 owners in Montre\u0301al protested the new harbour parking fees on Friday afternoon."
    text = f"<html><body><article><p>{decomposed}</p><p>{decomposed} They said trade had fallen.</p></article></body></html>"
    (article,) = extract_page(page(text), options)
    assert "Café owners in Montréal" in article.body


def test_extract_article_route_normalises_paragraphs(options: Options) -> None:
    p = Page(
        source="dump.jsonl#L3",
        kind="article",
        text="Tram fares to rise in April\n\nThe city  transit board voted\n to raise fares.\n\n\nRiders' groups objected.",
        title="Tram fares to rise in April",
        outlet="Veldmark Evening Post",
        published="2024-02-11",
        meta={"author": "Tomas Quill"},
    )
    (article,) = extract_page(p, options)
    assert article.source == "dump.jsonl#L3#main"
    assert article.title == "Tram fares to rise in April"
    assert article.body == "The city transit board voted to raise fares.\n\nRiders' groups objected."
    assert article.byline == "Tomas Quill"
    assert article.published == "2024-02-11"
    assert article.outlet == "Veldmark Evening Post"


def test_extract_article_route_single_newlines_are_paragraphs(options: Options) -> None:
    p = Page(source="feed.xml#entry-1", kind="article", text="First line of the story.\nSecond line of it.", title="T")
    (article,) = extract_page(p, options)
    assert article.body.split("\n\n") == ["First line of the story.", "Second line of it."]


def test_extract_article_route_empty_raises(options: Options) -> None:
    with pytest.raises(ExtractionError):
        extract_page(Page(source="dump.jsonl#L9", kind="article", text="  \n ", title="Nothing here"), options)


def test_extract_html_description_becomes_dek_unless_it_repeats_the_body(options: Options) -> None:
    standfirst = "Repairs to corroded cables took longer than the council had promised commuters."
    with_dek = PAGE.replace("</head>", f'<meta name="description" content="{standfirst}"></head>')
    (article,) = extract_page(page(with_dek), options)
    assert article.dek == standfirst
    repeat = "The Veldmark harbour bridge reopened on Tuesday after engineers finished…"
    no_dek = PAGE.replace("</head>", f'<meta name="description" content="{repeat}"></head>')
    (article,) = extract_page(page(no_dek), options)
    assert article.dek is None


def test_extract_text_route_refuses_binary_capture(options: Options) -> None:
    junk = "\x00\x11\x02\x13\x04\x15\x06\x17" * 500
    with pytest.raises(ExtractionError) as err:
        extract_page(Page(source="captures/junk.txt", kind="text", text=junk), options)
    assert "binary" in err.value.reason
