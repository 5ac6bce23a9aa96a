"""Outlets: --outlet, metadata, self-references, the URL host; teasers keep their card's outlet."""

from __future__ import annotations

import pytest

from rashomon.extract.outlets import outlet_article, readable_host, self_references
from rashomon.extract.text import clean_capture
from rashomon.model import Article, Page

AGGREGATOR = """Valley flood defences fail a second time

Water broke through the new barrier at Kessel on Sunday night, flooding forty homes.

'We were told the wall would hold for a hundred years,' one resident told Riverside Wire, asking not to be named.

The county engineer told Riverside Wire that the barrier had been built to the agreed standard.

Insurers said claims were still being counted.

Related Articles

Riverside Wire
5 hours ago
- Riverside Wire
Rail bridge closed for inspection after storm
Engineers will check the piers before trains can run again.
"""

MEMBER_SITE = """Harlow Bay marina sold to private fund

Join the readers who fund our reporting.

For six years, Bayline Review has worked with local writers to cover the stories others miss.

Become a Bayline Review member today

The Harlow Bay marina has been sold to a private investment fund for an undisclosed sum, the council confirmed on Friday.

Berth holders said they had not been consulted.
"""


def _articles(text: str, **kw) -> list[Article]:
    page = Page(source="cap.txt", kind="text", text=text, **kw)
    return [outlet_article(a, page) for a in clean_capture(page)]


def test_self_references_name_the_outlet_of_an_aggregated_article():
    main, teaser = _articles(AGGREGATOR)
    assert main.outlet == "Riverside Wire"
    assert "told Riverside Wire" in main.outlet_evidence
    assert (teaser.outlet, teaser.outlet_evidence) == ("Riverside Wire", "teaser line 'Riverside Wire'")


def test_membership_appeal_names_the_outlet():
    main = _articles(MEMBER_SITE)[0]
    assert main.outlet == "Bayline Review"
    assert "member" in main.outlet_evidence


def test_user_outlet_applies_to_the_main_article_only():
    main, teaser = _articles(AGGREGATOR, outlet="Morning Digest", user_outlet=True)
    assert (main.outlet, main.outlet_evidence) == ("Morning Digest", "--outlet")
    assert teaser.outlet == "Riverside Wire"


def test_site_name_beats_self_references_and_host():
    page = Page(source="x", kind="html", text="", url="https://news.example.org/a")
    article = Article(source="x#main", page_source="x", body="She told Other Paper. He told Other Paper.")
    got = outlet_article(article, page, site_name="Example News")
    assert (got.outlet, got.outlet_evidence) == ("Example News", "meta:site_name")


def test_a_single_told_x_loses_to_the_url_host():
    page = Page(source="x", kind="html", text="", url="https://www.kessel-gazette.co.uk/news/1")
    article = Article(source="x#main", page_source="x", body="The mayor told Radio Kessel on Monday that the wall held.")
    got = outlet_article(article, page)
    assert (got.outlet, got.outlet_evidence) == ("Kessel Gazette", "url host")


@pytest.mark.parametrize(
    "url, name",
    [
        ("https://www.bbc.co.uk/news", "BBC"),
        ("http://m.lake-post.com/x", "Lake Post"),
        ("https://nw-radio.example/x", "NW Radio"),
        ("https://127.0.0.1/x", None),
        (None, None),
    ],
)
def test_readable_host(url, name):
    assert readable_host(url) == name


def test_pronouns_are_not_outlets():
    article = Article(source="x#main", page_source="x", body="Asked about it, she told He. Later she told He.")
    names = [n for n, _, _ in self_references(article, Page(source="x", kind="text", text=""))]
    assert "He" not in names


def test_no_evidence_leaves_the_outlet_empty():
    main = _articles("Road resurfacing delayed\n\nThe resurfacing of the ring road has been delayed until the spring.\n")[0]
    assert main.outlet is None and main.outlet_evidence is None


# A plain capture (no URL, no metadata) names people and bodies, and other newsrooms, as the
# ones told or interviewed: none of them is the page's outlet.
QUOTES_ONLY = """Harbour tunnel vote delayed again

The harbour tunnel vote was put off for a third time on Thursday.

"We need another month," the transport minister told Councillor Anna Brell after the session.

Engineers told Port Authority staff that the seabed survey was incomplete.

A contractor told Ostmark Evening News that the drilling rigs were idle.

The mayor later told Brell that the vote would come in May, and she told Orla Vance on her weekly show.
"""


def test_people_bodies_and_other_newsrooms_told_once_are_not_the_outlet():
    main = _articles(QUOTES_ONLY)[0]
    assert (main.outlet, main.outlet_evidence) == (None, None)


def test_a_person_told_twice_is_not_an_outlet():
    text = (
        "Ferry strike ends\n\nThe ferry strike ended on Friday, the union said.\n\n"
        "The union leader told Tamsin Orrell that the deal was fair. Later he told Orrell that more talks would follow.\n\n"
        "Ms. Orrell has hosted the morning programme since 2019.\n"
    )
    main = _articles(text)[0]
    assert main.outlet is None


def test_a_body_told_twice_is_not_an_outlet():
    text = (
        "Budget talks stall\n\nTalks on the city budget stalled on Monday.\n\n"
        "The finance director told City Council members that the gap was larger than forecast.\n\n"
        "She also told City Council that reserves would run out by autumn.\n"
    )
    main = _articles(text)[0]
    assert main.outlet is None


def test_two_spellings_of_one_newsroom_add_up():
    text = (
        "Orchard frost ruins early harvest\n\nA late frost ruined most of the early apple harvest.\n\n"
        "'We lost nine rows in one night,' one grower told The Vale Courier.\n\n"
        "The co-operative's manager told ValeCourier.com that prices would rise.\n"
    )
    main = _articles(text)[0]
    assert main.outlet == "The Vale Courier"
    assert "ValeCourier.com" in main.outlet_evidence


def test_a_newsroom_told_twice_is_still_the_outlet():
    text = (
        "Lighthouse keeper retires\n\nThe last keeper of the Skerrow light retired on Sunday.\n\n"
        "'It was a good life,' he told Skerrow Radio.\n\nHis daughter told Skerrow Radio that she would miss the island.\n"
    )
    main = _articles(text)[0]
    assert main.outlet == "Skerrow Radio"


def test_told_and_interview_with_one_newsroom_add_up_but_not_for_a_person():
    text = (
        "Quarry expansion approved\n\nThe county approved the quarry expansion on Tuesday.\n\n"
        "The quarry's owner told Lindholm Post that blasting would start in June.\n\n"
        "In an interview with Lindholm Post, neighbours said they would appeal.\n\n"
        "The planning chair gave an interview with Mayor Ilse Brandt on Monday, and told Mayor Ilse Brandt that the vote stood.\n\n"
        "Later he told Mayor Ilse Brandt that no appeal could succeed.\n"
    )
    main = _articles(text)[0]
    assert main.outlet == "Lindholm Post"
    assert "Brandt" not in main.outlet_evidence
