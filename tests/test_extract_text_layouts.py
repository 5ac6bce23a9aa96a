"""The text-capture cleaner on more invented layouts: breadcrumbs and kickers, bylines with roles
before or after the dateline, appeal blocks inside the article, share rows, advertisements,
image credits, "Read more:" links, live-blog time stamps and line-per-paragraph pages."""

from __future__ import annotations

from rashomon.config import default_options
from rashomon.extract import extract_page
from rashomon.extract.furniture import line_cue, mark_furniture
from rashomon.extract.lines import fold, label_parts, split_lines
from rashomon.extract.paragraphs import byline
from rashomon.extract.text import clean_capture
from rashomon.model import Page

# Skip link, masthead, a menu row and a breadcrumb; a kicker above the headline; a sentence dek;
# byline with a place, then an "Updated" dateline; an image credit, a listen widget, an
# advertisement, a "Read more:" link and a share row with network names.
TRIBUNE = """Skip to main content
The Velmar Tribune
News | Sport | Business | Culture | Opinion
Home › World › Europe

Exclusive
Border guards were told to let the lorries through, leaked memo shows
Documents seen by the Tribune suggest the order came from the ministry itself.
By Ana Petrel in Velmar
Updated 14 April 2026, 09:15

Lorries wait at the Orsk crossing on Monday. Image: Tomas Reiner/Norden Press Agency

Listen to this article

Border guards at the Orsk crossing were instructed in writing to wave through lorries belonging to two haulage firms, according to an internal memo seen by the Velmar Tribune.

The memo, dated 2 February, carries the stamp of the transport ministry's inspection department.

Advertisement

The ministry did not respond to repeated requests for comment on Sunday and Monday.

Read more: Inside the haulage firms that never pay their fines

A former inspector, who asked not to be named, said such instructions were "not unusual, but never written down".

Share this article
Facebook
WhatsApp
LinkedIn
Copy link

© 2026 Velmar Tribune Media Group
"""

# A flat section label, a byline with a role, and a membership appeal in the middle of the
# article whose lines talk about money, readers and advertisers before the call to action;
# a "Most Read" list of compact cards after the article.
COASTLINE = """Coastline Daily
Menu
Sign in
Subscribe

News | Health

Hospital waiting lists in Port Amsel reach a ten-year high
Figures released on Tuesday show more than 41,000 patients waiting for planned operations.

By Joren Vaal, Health editor
3 March 2026

Nurses at the Amsel General Hospital have warned for months that wards were running out of beds.

The regional health board said the rise was driven by staff shortages and an unusually harsh flu season.

Good journalism costs money, and this newspaper is funded by its readers.
Nobody else pays for the reporting: not the health board, not the advertisers.
Become a Coastline subscriber from 2 euros a week
Subscribe

What the board plans

The board intends to open two temporary surgical units by the summer and to hire nurses from neighbouring regions.

Patients' groups called the plan too little, too late. "People are waiting in pain," said Mila Sorens of the Amsel Patients' Forum.

Most Read

Harbour bridge closed for a week of repairs
Coastline Daily · 3 hours ago

Schools in the east district switch to a four-day week
Coastline Daily · 1 day ago
"""

# A live blog: the headline is followed by a dateline and a byline, then a "Key events" list;
# each entry is a bare time stamp, a short entry headline and its text.
LIVEBLOG = """Selt Valley Live
Live
Floodwater reaches Harwick suburbs as the river peaks
Updated 9 March 2026, 16:40 GMT
By Ola Brandt and Piet Janssen

Key events
Evacuation ordered for three districts
Army engineers build emergency levee

16:40 GMT
Levee holds as water level stops rising
The army said the emergency levee on the east bank was holding and that water levels had stopped rising for the first time since the morning.

15:05 GMT
Residents of three districts told to leave
The city council ordered the evacuation of Ostwick, Mere Lane and Harwick Quay, affecting about 2,300 people.

13:20 GMT
Schools closed across the city
All schools in Harwick will remain closed on Tuesday, the education office said.

Share
Facebook
X
"""

# Line per paragraph (no blank lines): an all-capitals masthead, a kicker as the only label,
# "Words by" with two names, a weekday dateline, a "Photograph:" credit, an advertisement in
# capitals, a "Related:" link and print/email actions.
NORDHAVEN = """NORDHAVEN POST
Sections
Search
Climate crisis
Glacier melt forces second village to relocate in a decade
The residents of Skarvik will move to new homes on the fjord's southern shore by 2028.
Words by Eli Haugen and Runa Dahl
Tuesday 17 February 2026
A meltwater lake above Skarvik, pictured in January. Photograph: Nils Berg/Fjordlight
The village council of Skarvik voted on Monday to move all 140 residents away from the foot of the Brenvik glacier.
Geologists say a meltwater lake above the village could burst without warning.
ADVERTISEMENT
It is the second village in the region to relocate in ten years, after Ostvik in 2017.
Related: Why the Brenvik glacier is shrinking faster than any other
"We are leaving the graves of our grandparents," said Karin Moe, who has lived in Skarvik for 61 years.
The state will pay for the new houses, the ministry of local government said.
Print
Email
© Nordhaven Post 2026
"""


def _clean(text: str, source: str = "layout.txt") -> list:
    return clean_capture(Page(source=source, kind="text", text=text))


def _paragraphs(article) -> list[str]:
    return [fold(p) for p in article.body.split("\n\n") if p.strip()]


def _assert_furniture(articles, lines: list[str]) -> None:
    """Each line is out of every body and recorded among the main article's furniture."""
    recorded = {fold(f) for f in articles[0].furniture}
    for a in articles:
        for line in lines:
            assert not any(p.startswith(fold(line)) for p in _paragraphs(a)), (a.source, line)
    for line in lines:
        assert fold(line) in recorded, line


def test_label_lines_are_short_parts_between_separators():
    assert label_parts("Home › World › Europe") == (["Home", "World", "Europe"], True)
    assert label_parts("World · Floods") == (["World", "Floods"], False)
    assert label_parts("Analysis | Why the harbour tunnel keeps flooding every winter") is None
    assert label_parts("Dockers vote to strike over night shifts") is None
    assert label_parts("24/7 news") is None


def test_bylines_with_roles_places_and_dates():
    assert byline("By Joren Vaal, Health editor") == "Joren Vaal"
    assert byline("By Ana Petrel in Velmar") == "Ana Petrel"
    assert byline("Words by Eli Haugen and Runa Dahl") == "Eli Haugen and Runa Dahl"
    assert byline("By Ola Brandt · 9 March 2026") == "Ola Brandt"
    assert byline("By Friday, the council had voted") is None
    assert byline("By March 2026, the reservoir was full.") is None


def test_share_rows_and_time_stamps_are_furniture_but_prose_about_them_is_not():
    assert line_cue("WhatsApp") == "share link"
    assert line_cue("16:40 GMT") == "timestamp"
    assert line_cue("She shared the post on Facebook at 16:40 on Tuesday.") is None


def test_appeal_block_takes_its_lines_about_money_but_not_the_story_around_it():
    lines = split_lines(
        "The union said its members would not pay for the repairs.\n"
        "Independent journalism costs money, and readers pay for it.\n"
        "Become a supporter\n"
        "The strike fund will be returned to members next month."
    )
    assert set(mark_furniture(lines)) == {1, 2}


def test_glued_lines_about_members_join_an_appeal_but_a_separate_paragraph_does_not():
    text = (
        "The union said its members would not pay for the repairs.\n\n"
        "This site is owned by its members and takes no money from advertisers.\n"
        "Become a member\n\n"
        "The repairs are due to start in June, the council said."
    )
    assert set(mark_furniture(split_lines(text))) == {1, 2}


def test_a_kicker_yields_to_the_headline_but_a_short_title_keeps_its_dek():
    kicker = "The battle for the river\nTwo villages fight over the last well in the valley\nA drought has turned neighbours into rivals.\nThe well at Oska ran dry on Monday, leaving forty families without water for the first time."
    assert _clean(kicker)[0].title == "Two villages fight over the last well in the valley"
    short = "City bakers strike again\nBread shelves empty across the city as talks stall\nBy Ida Roos\nBakers in the city walked out for the third time this year on Monday, demanding higher night pay."
    main = _clean(short)[0]
    assert main.title == "City bakers strike again"
    assert main.dek == "Bread shelves empty across the city as talks stall"


def test_breadcrumb_kicker_and_byline_before_the_dateline():
    main = _clean(TRIBUNE)[0]
    assert main.title == "Border guards were told to let the lorries through, leaked memo shows"
    assert main.dek == "Documents seen by the Tribune suggest the order came from the ministry itself."
    assert main.section == "Europe"
    assert main.byline == "Ana Petrel"
    paragraphs = main.body.split("\n\n")
    assert paragraphs[0].startswith("Border guards at the Orsk crossing were instructed")
    assert paragraphs[-1].startswith("A former inspector, who asked not to be named")
    assert len(paragraphs) == 4 and main.headings == []


def test_tribune_furniture_and_read_more_link():
    articles = _clean(TRIBUNE)
    assert len(articles) == 1
    _assert_furniture(articles, [
        "Skip to main content", "The Velmar Tribune", "Exclusive", "By Ana Petrel in Velmar",
        "Updated 14 April 2026, 09:15", "Lorries wait at the Orsk crossing on Monday. Image: Tomas Reiner/Norden Press Agency",
        "Listen to this article", "Advertisement", "Share this article", "WhatsApp", "LinkedIn", "Copy link",
        "© 2026 Velmar Tribune Media Group",
    ])
    assert [l["title"] for l in articles[0].inline_links] == ["Inside the haulage firms that never pay their fines"]
    assert "haulage firms that never pay" not in articles[0].body


def test_tribune_published_from_the_updated_dateline():
    main = extract_page(Page(source="tribune.txt", kind="text", text=TRIBUNE), default_options())[0]
    assert main.published == "2026-04-14"
    assert "Updated 14 April 2026" in (main.published_evidence or "")


def test_flat_section_role_byline_and_appeal_in_the_middle():
    articles = _clean(COASTLINE)
    main = articles[0]
    assert main.title == "Hospital waiting lists in Port Amsel reach a ten-year high"
    assert main.dek == "Figures released on Tuesday show more than 41,000 patients waiting for planned operations."
    assert main.section == "News | Health"
    assert main.byline == "Joren Vaal"
    assert main.headings == ["What the board plans"]
    paragraphs = main.body.split("\n\n")
    assert paragraphs[0].startswith("Nurses at the Amsel General Hospital")
    assert paragraphs[1].startswith("The regional health board said the rise")  # the line above the appeal stays
    assert paragraphs[2] == "What the board plans"
    assert paragraphs[-1].startswith("Patients' groups called the plan")
    _assert_furniture(articles, [
        "Coastline Daily", "Menu", "Sign in", "By Joren Vaal, Health editor", "3 March 2026",
        "Good journalism costs money, and this newspaper is funded by its readers.",
        "Nobody else pays for the reporting: not the health board, not the advertisers.",
        "Become a Coastline subscriber from 2 euros a week", "Subscribe", "Most Read",
    ])


def test_coastline_cards_after_most_read_are_teasers():
    articles = _clean(COASTLINE, source="coast.txt")
    assert [(t.title, t.outlet, t.age, t.parent) for t in articles[1:]] == [
        ("Harbour bridge closed for a week of repairs", "Coastline Daily", "3 hours ago", "coast.txt#main"),
        ("Schools in the east district switch to a four-day week", "Coastline Daily", "1 day ago", "coast.txt#main"),
    ]


def test_live_blog_title_entries_and_time_stamps():
    articles = _clean(LIVEBLOG)
    assert len(articles) == 1
    main = articles[0]
    assert main.title == "Floodwater reaches Harwick suburbs as the river peaks"
    assert main.byline == "Ola Brandt and Piet Janssen"
    assert main.dek is None
    assert main.headings == [
        "Levee holds as water level stops rising",
        "Residents of three districts told to leave",
        "Schools closed across the city",
    ]
    paragraphs = main.body.split("\n\n")
    assert paragraphs[0] == "Levee holds as water level stops rising"
    assert paragraphs[-1] == "All schools in Harwick will remain closed on Tuesday, the education office said."
    _assert_furniture(articles, [
        "Selt Valley Live", "Live", "Key events", "Evacuation ordered for three districts",
        "Army engineers build emergency levee", "16:40 GMT", "15:05 GMT", "13:20 GMT", "Share", "Facebook", "X",
    ])


def test_line_per_paragraph_page_with_kicker_and_credits():
    articles = _clean(NORDHAVEN)
    assert len(articles) == 1
    main = articles[0]
    assert main.title == "Glacier melt forces second village to relocate in a decade"
    assert main.dek == "The residents of Skarvik will move to new homes on the fjord's southern shore by 2028."
    assert main.section == "Climate crisis"  # a kicker is the only label above the headline
    assert main.byline == "Eli Haugen and Runa Dahl"
    paragraphs = main.body.split("\n\n")
    assert paragraphs[0].startswith("The village council of Skarvik voted on Monday")
    assert paragraphs[-1] == "The state will pay for the new houses, the ministry of local government said."
    assert len(paragraphs) == 5
    assert [l["title"] for l in main.inline_links] == ["Why the Brenvik glacier is shrinking faster than any other"]
    _assert_furniture(articles, [
        "NORDHAVEN POST", "Sections", "Search", "Words by Eli Haugen and Runa Dahl", "Tuesday 17 February 2026",
        "A meltwater lake above Skarvik, pictured in January. Photograph: Nils Berg/Fjordlight",
        "ADVERTISEMENT", "Print", "Email", "© Nordhaven Post 2026",
    ])


def test_line_per_paragraph_outlet_from_the_copyright_line():
    main = extract_page(Page(source="nordhaven.txt", kind="text", text=NORDHAVEN), default_options())[0]
    assert main.outlet == "Nordhaven Post"
    assert main.published == "2026-02-17"
