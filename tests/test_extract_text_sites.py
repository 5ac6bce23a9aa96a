"""The text-capture cleaner on whole pages of invented sites with different layouts."""

from __future__ import annotations

import pytest

from rashomon.errors import ExtractionError
from rashomon.extract.lines import fold
from rashomon.extract.text import clean_capture
from rashomon.model import Page

# A paragraph-per-block site: logo, breadcrumb, dek without a full stop, byline, dateline,
# doubled caption, an appeal block, an inline link, a "Read more:" link, share and footer lines,
# a "Most Read" list and cards with ages written as "3 days ago".
HARBOUR = """Harbour Courier logo
News › Coastal

Ferry crews walk out as Tallis Bay talks collapse

Operators and unions blame each other for a week of cancelled crossings

By Mira Telford
Published 12 March 2026

Passengers queue at the Tallis Bay terminal on Tuesday. Photo: Lena Brook.
Passengers queue at the Tallis Bay terminal on Tuesday. Photo: Lena Brook.

Ferry crews across the Tallis Bay network stopped work on Wednesday after a third round of pay talks broke down without agreement.

The union said operators had refused to discuss rest periods, while the operators said the union had walked away from a generous offer.

Independent local reporting costs money, and we rely on readers like you.

Subscribe today and keep the Courier on the quay

Support us

Harbour council steps in as timetable chaos spreads to island schools
Pupils on two islands missed lessons for a third day as the council chartered private boats.

What the operators say

A spokesperson for Bayline Ferries said the company had offered a rise of four per cent and remained ready to talk.

Read more: Why the Tallis Bay ferries keep breaking down

Unions plan a rally outside the council offices on Friday morning.

Share this article

Most Read

Lighthouse keeper's cottage sold for record sum
Tidal barrier opens after six years of delays

More from Harbour Courier

Island bakery wins national bread prize
3 days ago
The Marlowe Street bakery beat more than two hundred entries with its seaweed loaf.

Coastguard rescues kayakers off Point Rell
5 days ago
Two kayakers were lifted to safety after drifting for four hours in fog.

© 2026 Harbour Courier. All rights reserved.
"""

# A line-per-paragraph site: no blank lines, dek as one sentence, headings without blank lines,
# hashtags, a comments widget, and cards with outlet lines, "2h ago" ages and dash bylines.
LINEPAGE = """Mountain pass reopens after three-week closure
Road crews cleared the last of the rockfall late on Sunday, the regional roads office said.
The Vessen pass, which links the upper valley to the lowland towns, had been shut since a storm brought down part of the slope above the hairpin bends.
Engineers spent the first week stabilising the slope before any machinery could reach the road.
Hauliers said the detour through Ormund added two hours to every journey.
What comes next
The roads office said a permanent rock net would be installed before the winter.
Local businesses welcomed the reopening but asked for compensation for lost trade.
Tags
#vessen #roads #weather
Comments
Be the first to comment
You may also like
Valley Post
2h ago
- Valley Post
Snow warning issued for upper valley villages
Forecasters expect up to forty centimetres of snow above the tree line by Tuesday night.
Valley Post
Yesterday
- Valley Post
Ormund school closes for boiler repairs
Pupils will be taught in the town hall until the heating is fixed.
"""

# Cards whose meta is one line ("Outlet · 4 hours ago") under the headline, and a dateline.
COMPACT = """Editions
World

River port strike enters second week

June 30, 2025 10:15 GMT

Dock workers at the port of Quellin extended their strike into a second week on Monday, leaving hundreds of containers stranded on the quays.

Talks between the dock union and the port authority are due to resume on Thursday.

Related stories

Grain prices climb as barges wait
Quellin Ledger · 4 hours ago

Port authority names interim chief
Quellin Ledger · 1 day ago
"""


def _clean(text: str, source: str = "site.txt") -> list:
    return clean_capture(Page(source=source, kind="text", text=text))


def _paragraphs(article) -> list[str]:
    return [fold(p) for p in article.body.split("\n\n")]


def _assert_no_line_in_bodies(articles, lines: list[str]) -> None:
    for a in articles:
        paragraphs = _paragraphs(a)
        for line in lines:
            assert not any(p.startswith(fold(line)) for p in paragraphs), (a.source, line)


def test_paragraph_site_title_dek_section_byline():
    main = _clean(HARBOUR)[0]
    assert main.source == "site.txt#main" and main.kind == "article"
    assert main.title == "Ferry crews walk out as Tallis Bay talks collapse"
    assert main.dek == "Operators and unions blame each other for a week of cancelled crossings"
    assert main.section == "Coastal"
    assert main.byline == "Mira Telford"


def test_paragraph_site_body_edges_and_headings():
    main = _clean(HARBOUR)[0]
    paragraphs = main.body.split("\n\n")
    assert paragraphs[0].startswith("Ferry crews across the Tallis Bay network stopped work")
    assert paragraphs[-1] == "Unions plan a rally outside the council offices on Friday morning."
    assert main.headings == ["What the operators say"]
    assert "What the operators say" in paragraphs


def test_paragraph_site_removes_furniture():
    articles = _clean(HARBOUR)
    furniture = [
        "Harbour Courier logo",
        "Passengers queue at the Tallis Bay terminal on Tuesday. Photo: Lena Brook.",
        "Independent local reporting costs money, and we rely on readers like you.",
        "Subscribe today and keep the Courier on the quay",
        "Support us",
        "Share this article",
        "Most Read",
        "Lighthouse keeper's cottage sold for record sum",
        "© 2026 Harbour Courier. All rights reserved.",
        "Published 12 March 2026",
    ]
    _assert_no_line_in_bodies(articles, furniture)
    recorded = {fold(f) for f in articles[0].furniture}
    for line in furniture:
        assert fold(line) in recorded, line


def test_paragraph_site_inline_links_are_recorded_and_dropped():
    main = _clean(HARBOUR)[0]
    titles = [l["title"] for l in main.inline_links]
    assert "Harbour council steps in as timetable chaos spreads to island schools" in titles
    assert "Why the Tallis Bay ferries keep breaking down" in titles
    link = next(l for l in main.inline_links if l["title"].startswith("Harbour council"))
    assert link["standfirst"].startswith("Pupils on two islands missed lessons")
    assert "island schools" not in main.body and "Pupils on two islands" not in main.body
    assert "keep breaking down" not in main.body


def test_paragraph_site_teasers_with_ages():
    articles = _clean(HARBOUR)
    teasers = articles[1:]
    assert [t.source for t in teasers] == ["site.txt#teaser-1", "site.txt#teaser-2"]
    assert [t.title for t in teasers] == ["Island bakery wins national bread prize", "Coastguard rescues kayakers off Point Rell"]
    assert [t.age for t in teasers] == ["3 days ago", "5 days ago"]
    assert all(t.kind == "teaser" and t.parent == "site.txt#main" for t in teasers)
    assert teasers[0].body.startswith("The Marlowe Street bakery")
    assert "Island bakery" not in articles[0].body


def test_line_site_dek_headings_and_end():
    articles = _clean(LINEPAGE)
    main = articles[0]
    assert main.title == "Mountain pass reopens after three-week closure"
    assert main.dek == "Road crews cleared the last of the rockfall late on Sunday, the regional roads office said."
    assert main.body.startswith("The Vessen pass, which links")
    assert main.body.endswith("asked for compensation for lost trade.")
    assert main.headings == ["What comes next"]
    _assert_no_line_in_bodies(articles, ["Tags", "#vessen #roads #weather", "Comments", "Be the first to comment", "2h ago", "Valley Post"])


def test_line_site_teasers_take_outlet_and_age_lines():
    teasers = _clean(LINEPAGE)[1:]
    assert [(t.title, t.outlet, t.age) for t in teasers] == [
        ("Snow warning issued for upper valley villages", "Valley Post", "2h ago"),
        ("Ormund school closes for boiler repairs", "Valley Post", "Yesterday"),
    ]
    assert teasers[1].body == "Pupils will be taught in the town hall until the heating is fixed."
    assert "Valley Post" in teasers[0].furniture and "2h ago" in teasers[0].furniture


def test_compact_cards_split_outlet_and_age_from_one_line():
    articles = _clean(COMPACT)
    main, teasers = articles[0], articles[1:]
    assert main.title == "River port strike enters second week"
    assert main.section == "World"
    assert main.dek is None  # the first paragraph is separated from the title by a dateline
    assert main.body.startswith("Dock workers at the port of Quellin")
    assert "June 30, 2025 10:15 GMT" in main.furniture
    assert [(t.title, t.outlet, t.age) for t in teasers] == [
        ("Grain prices climb as barges wait", "Quellin Ledger", "4 hours ago"),
        ("Port authority names interim chief", "Quellin Ledger", "1 day ago"),
    ]


def test_a_page_without_teasers_gives_one_article():
    text = "Council approves new library\n\nThe council voted on Monday to build a new library beside the market hall.\n\nWork starts in May."
    articles = _clean(text)
    assert len(articles) == 1 and articles[0].body.endswith("Work starts in May.")


def test_empty_capture_is_an_extraction_error_naming_the_page():
    with pytest.raises(ExtractionError) as info:
        _clean("  \n\n \t\n", source="blank.txt")
    assert info.value.source == "blank.txt"


def test_capture_of_only_furniture_is_an_extraction_error():
    with pytest.raises(ExtractionError):
        _clean("Site logo\nSubscribe\nComments\nNo comments yet\n© 2026 Somebody\n")


# A related-stories box in the middle of the article: the article resumes after it.
MIDBOX = """Canal boat festival cancelled over low water

Organisers of the Westmere canal festival have cancelled this year's event because water levels are too low for boats to pass the locks.

The canal trust said a dry spring had left reservoirs at their lowest level for thirty years.

Related
Reservoir levels fall to thirty-year low
Engineers warn that hosepipe bans could follow within weeks if no rain falls.
Lock keepers vote to join regional strike

Festival director Hana Roos said the decision had been painful but unavoidable, and that tickets would be refunded in full.

Share
Copy link

More stories
Bypass plan returns to council
2 hours ago
"""

# Navigation above the headline, an age under it, advertisement lines inside the body.
NAVPAGE = """Skip to content
Home
World
Business
Business

Grocers warn of price rises as wholesale market shuts for repairs
Updated 2 hours ago

The Brannock wholesale market will close for six weeks from Monday, leaving small grocers to find produce elsewhere.
Advertisement
Story continues below advertisement
"We have no choice," said Odile Farr, who chairs the traders' association. "Prices will go up."
Follow the money
The city owns the building but leases it to a private operator, which says repairs are the city's job.
"""


def test_mid_body_related_box_becomes_links_and_the_body_resumes():
    articles = _clean(MIDBOX)
    main = articles[0]
    assert main.dek is None  # a long one-sentence lede stays in the body
    assert main.body.startswith("Organisers of the Westmere canal festival")
    assert main.body.endswith("tickets would be refunded in full.")
    assert [l["title"] for l in main.inline_links] == ["Reservoir levels fall to thirty-year low", "Lock keepers vote to join regional strike"]
    assert "hosepipe" not in main.body and "Related" not in main.body.split("\n\n")
    assert [(t.title, t.age) for t in articles[1:]] == [("Bypass plan returns to council", "2 hours ago")]


def test_navigation_ages_and_ads_are_furniture():
    main = _clean(NAVPAGE)[0]
    assert main.title == "Grocers warn of price rises as wholesale market shuts for repairs"
    assert main.section == "Business"
    assert main.headings == ["Follow the money"]
    _assert_no_line_in_bodies([main], ["Skip to content", "Home", "Updated 2 hours ago", "Advertisement", "Story continues below advertisement"])
    assert main.body.split("\n\n")[1].startswith('"We have no choice,"')
