"""An aggregator's re-served copy credits the original outlet (extract.credits), on invented pages.

The pages are invented (a regional paper's story about a transit strike, re-served by an invented
aggregator); an outlet's own page that cites what someone told another newsroom credits nobody.
"""

from __future__ import annotations

from rashomon.config import default_options
from rashomon.extract import extract_page
from rashomon.extract.credits import found_on, same_outlet
from rashomon.model import Page

STRIKE = [
    "Tram and bus drivers in Drenmoor walked out at dawn on Monday, leaving the valley's two lines idle "
    "for the first time in eleven years.",
    "The drivers' union says the operator broke a promise to cap night shifts at six a week, and that "
    "forty drivers were rostered for eight last month.",
    "Operator spokeswoman Hedda Varnum said the roster was agreed with the union in March and that talks "
    "would resume on Thursday.",
    "Commuters queued for the few private coaches running between the depot and the hospital, where the "
    "night staff had to walk the last two kilometres.",
]


def _html(paragraphs: list[str], *, head: str = "", byline: str = "", title: str = "Drenmoor drivers strike over night shifts") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    by = f'<p class="byline">By {byline}</p><meta name="author" content="{byline}">' if byline else ""
    return (f"<html lang='en'><head><title>{title}</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{by}{body}</article>"
            f"<footer><p>Privacy policy</p><p>Terms of use</p></footer></body></html>")


def _main(page: Page):
    return extract_page(page, default_options())[0]


AGGREGATOR_HEAD = '<meta property="og:site_name" content="Roundup Now">'


def test_a_canonical_link_to_another_site_credits_it_and_keeps_its_url():
    canonical = "https://www.kestrelgazette.com/valley/drenmoor-drivers-strike"
    html = _html(STRIKE + ["A driver of nineteen years told Kestrel Gazette the walkout would last a week."],
                 head=AGGREGATOR_HEAD + f'<link rel="canonical" href="{canonical}">')
    a = _main(Page(source="agg1.html", kind="html", text=html, url="https://roundupnow.com/a/88123"))
    assert a.outlet == "Roundup Now"
    assert a.original_outlet == "Kestrel Gazette"  # the spelling the article prints, not the host's
    assert a.original_url == canonical
    assert "canonical link" in a.original_evidence and "told Kestrel Gazette" in a.original_evidence
    assert a.credited_outlet == "Kestrel Gazette"
    assert same_outlet(found_on(a), "Roundup Now")  # read off the host


def test_og_url_counts_as_canonical_and_the_host_names_an_outlet_the_text_never_prints():
    html = _html(STRIKE, head=AGGREGATOR_HEAD + '<meta property="og:url" content="https://news.harrowpost.co.uk/drenmoor">')
    a = _main(Page(source="agg2.html", kind="html", text=html, url="https://roundupnow.com/a/88124"))
    assert a.original_url == "https://news.harrowpost.co.uk/drenmoor"
    assert same_outlet(a.original_outlet, "Harrowpost")


def test_a_canonical_link_on_the_same_site_credits_nobody():
    html = _html(STRIKE, head='<meta property="og:site_name" content="Kestrel Gazette">'
                 '<link rel="canonical" href="https://amp.kestrelgazette.com/valley/drenmoor">')
    a = _main(Page(source="own1.html", kind="html", text=html, url="https://www.kestrelgazette.com/valley/drenmoor"))
    assert a.outlet == "Kestrel Gazette"
    assert a.original_outlet is None and a.original_url is None and a.original_evidence is None
    assert a.credited_outlet == "Kestrel Gazette" and found_on(a) is None


def test_an_agency_dateline_credits_the_agency():
    first = "DRENMOOR, March 3 (Northwire) — " + STRIKE[0]
    html = _html([first] + STRIKE[1:], head=AGGREGATOR_HEAD)
    a = _main(Page(source="agg3.html", kind="html", text=html, url="https://roundupnow.com/a/88125"))
    assert a.outlet == "Roundup Now"
    assert a.original_outlet == "Northwire"
    assert "agency dateline" in a.original_evidence


def test_a_republication_line_credits_the_outlet_it_names():
    html = _html(STRIKE + ["This article originally appeared on The Kestrel Gazette and is republished with permission."],
                 head=AGGREGATOR_HEAD)
    a = _main(Page(source="agg4.html", kind="html", text=html, url="https://roundupnow.com/a/88126"))
    assert same_outlet(a.original_outlet, "Kestrel Gazette")
    assert "originally appeared on" in a.original_evidence


def test_a_source_line_and_an_outlet_byline_credit_the_outlet():
    src = _html(STRIKE + ["Source: Harrow Post"], head=AGGREGATOR_HEAD)
    a = _main(Page(source="agg5.html", kind="html", text=src, url="https://roundupnow.com/a/88127"))
    assert a.original_outlet == "Harrow Post"
    by = _html(STRIKE, head=AGGREGATOR_HEAD, byline="Harrow Post Staff")
    b = _main(Page(source="agg6.html", kind="html", text=by, url="https://roundupnow.com/a/88128"))
    assert b.byline and b.original_outlet == "Harrow Post", (b.byline, b.original_evidence)


CAPTURE = """Roundup Now
Home | Valley | Transport

Drenmoor drivers strike over night shifts

{body}

Related Articles

Kestrel Gazette
3 hours ago
- Kestrel Gazette
Ferry crews in the lower valley vote on a pay offer that the operator calls final.

Kestrel Gazette
5 hours ago
- Kestrel Gazette
Hospital night staff ask the council for a shuttle while the trams are idle.
"""


def _capture_body() -> str:
    told = [
        STRIKE[0],
        STRIKE[1] + " \"We were promised six,\" one driver told Kestrel Gazette.",
        STRIKE[2],
        "Union organiser Brannoc Ilves told Kestrel Gazette that the walkout would go on until the operator "
        "put the cap in writing.",
        STRIKE[3],
    ]
    return "\n\n".join(told)


def test_a_text_capture_that_says_told_x_and_prints_x_cards_credits_x_found_on_the_users_outlet():
    text = CAPTURE.format(body=_capture_body())
    page = Page(source="agg7.txt", kind="text", text=text, outlet="Roundup Now", user_outlet=True)
    a = _main(page)
    assert a.outlet == "Roundup Now"
    assert a.original_outlet == "Kestrel Gazette"
    assert "told Kestrel Gazette' x2" in a.original_evidence and "cards" in a.original_evidence
    assert found_on(a) == "Roundup Now"


def test_the_same_capture_with_only_a_url_is_found_on_its_host():
    text = CAPTURE.format(body=_capture_body())
    a = _main(Page(source="agg8.txt", kind="text", text=text, url="https://www.roundup-now.com/v/5521"))
    assert a.credited_outlet == "Kestrel Gazette"
    assert same_outlet(found_on(a), "Roundup Now")  # read off the host


def test_the_same_capture_with_no_site_of_its_own_credits_the_outlet_as_its_outlet():
    text = CAPTURE.format(body=_capture_body())
    a = _main(Page(source="agg9.txt", kind="text", text=text))
    assert a.outlet == "Kestrel Gazette"  # outlets: the page's own voice and its cards name it
    assert a.original_outlet is None and found_on(a) is None


def test_an_outlets_own_page_citing_what_someone_told_another_newsroom_credits_nobody():
    paragraphs = STRIKE[:2] + [
        "Operator chief Ansel Ruud told Northwire on Monday that the roster would not change.",
        "He later told Northwire that drivers could take the dispute to arbitration.",
    ] + STRIKE[2:] + ["Northwire contributed to this report."]
    html = _html(paragraphs, head='<meta property="og:site_name" content="Kestrel Gazette">')
    a = _main(Page(source="own2.html", kind="html", text=html, url="https://www.kestrelgazette.com/valley/ruud"))
    assert a.outlet == "Kestrel Gazette"
    assert a.original_outlet is None
    assert a.credited_outlet == "Kestrel Gazette"


def test_an_outlets_own_capture_with_a_partners_card_and_one_told_credits_nobody():
    body = "\n\n".join(STRIKE[:2] + ["Operator chief Ansel Ruud told Northwire the roster would not change."] + STRIKE[2:])
    text = ("Kestrel Gazette\n\nDrenmoor drivers strike over night shifts\n\n" + body +
            "\n\nFrom our partners\n\nNorthwire\n2 hours ago\n- Northwire\nCoach firms add routes while the trams are idle.\n")
    a = _main(Page(source="own3.txt", kind="text", text=text, outlet="Kestrel Gazette", user_outlet=True))
    assert a.outlet == "Kestrel Gazette"
    assert a.original_outlet is None


def test_a_dateline_naming_the_pages_own_outlet_credits_nobody():
    first = "DRENMOOR, March 3 (Kestrel Gazette) — " + STRIKE[0]
    html = _html([first] + STRIKE[1:], head='<meta property="og:site_name" content="Kestrel Gazette">')
    a = _main(Page(source="own4.html", kind="html", text=html, url="https://www.kestrelgazette.com/valley/x"))
    assert a.original_outlet is None


def test_a_person_told_in_an_aggregated_copy_is_never_credited():
    paragraphs = STRIKE + ["Asked about the roster, driver Tamsin Orrell said the shifts were agreed.",
                           "Operator chief Ansel Ruud told Orrell that nothing would change."]
    html = _html(paragraphs, head=AGGREGATOR_HEAD)
    a = _main(Page(source="agg10.html", kind="html", text=html, url="https://roundupnow.com/a/88129"))
    assert a.original_outlet is None


def test_same_outlet_folds_spellings_but_not_different_names():
    assert same_outlet("The Kestrel Gazette", "kestrelgazette.com")
    assert same_outlet("Kestrel Gazette", "Kestrelgazette")
    assert not same_outlet("Kestrel Gazette", "Harrow Post")
    assert not same_outlet("", "Harrow Post")


def test_a_bylines_role_or_section_desk_is_never_an_outlet():
    for byline in ("Maren Tolle; Transport Correspondent", "Maren Tolle, Political Reporter", "Valley Affairs Desk"):
        html = _html(STRIKE, head=AGGREGATOR_HEAD, byline=byline)
        a = _main(Page(source="agg11.html", kind="html", text=html, url="https://roundupnow.com/a/88130"))
        assert a.original_outlet is None, (byline, a.original_evidence)


def test_a_reporter_byline_for_another_outlet_credits_it():
    # a JSONL record or feed entry keeps its author field as written (trafilatura trims HTML bylines)
    for byline in ("Maren Tolle for Harrow Post", "By Maren Tolle | Harrow Post"):
        page = Page(source="dump.jsonl#L3", kind="article", text="\n\n".join(STRIKE), title="Drenmoor drivers strike",
                    outlet="Roundup Now", meta={"author": byline})
        a = _main(page)
        assert a.outlet == "Roundup Now" and a.original_outlet == "Harrow Post", byline
    plain = Page(source="dump.jsonl#L4", kind="article", text="\n\n".join(STRIKE), title="Drenmoor drivers strike",
                 outlet="Roundup Now", meta={"author": "Maren Tolle"})
    assert _main(plain).original_outlet is None


def test_a_source_line_naming_a_data_source_or_an_update_marker_credits_nobody():
    chart = _html(STRIKE + ["Source: Drenmoor Statistics Office"], head=AGGREGATOR_HEAD)
    assert _main(Page(source="agg13.html", kind="html", text=chart, url="https://roundupnow.com/a/88132")).original_outlet is None
    bare = _html(STRIKE + ["Source: Valleystat"], head=AGGREGATOR_HEAD)
    assert _main(Page(source="agg14.html", kind="html", text=bare, url="https://roundupnow.com/a/88133")).original_outlet is None
    updated = _html(["DRENMOOR (Updated) — " + STRIKE[0]] + STRIKE[1:], head=AGGREGATOR_HEAD)
    assert _main(Page(source="agg15.html", kind="html", text=updated, url="https://roundupnow.com/a/88134")).original_outlet is None


def test_a_source_line_naming_an_agency_acronym_or_a_name_the_page_confirms_credits_it():
    acronym = _html(STRIKE + ["Source: NWA"], head=AGGREGATOR_HEAD)
    assert _main(Page(source="agg16.html", kind="html", text=acronym, url="https://roundupnow.com/a/88135")).original_outlet == "NWA"
    confirmed = _html(STRIKE + ["A driver told Northwire the walkout would last a week.", "Source: Northwire"], head=AGGREGATOR_HEAD)
    a = _main(Page(source="agg17.html", kind="html", text=confirmed, url="https://roundupnow.com/a/88136"))
    assert a.original_outlet == "Northwire" and "told Northwire" in a.original_evidence


def test_a_closing_line_naming_an_agency_credits_it_but_a_closing_place_does_not():
    agency = _html(STRIKE + ["— NWA"], head=AGGREGATOR_HEAD)
    a = _main(Page(source="agg18.html", kind="html", text=agency, url="https://roundupnow.com/a/88137"))
    assert a.original_outlet == "NWA" and "closing credit" in a.original_evidence
    place = _html(STRIKE + ["Drenmoor"], head=AGGREGATOR_HEAD)
    assert _main(Page(source="agg19.html", kind="html", text=place, url="https://roundupnow.com/a/88138")).original_outlet is None
