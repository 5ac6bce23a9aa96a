"""Publication dates: supplied, metadata, datelines; teaser ages stay relative to the capture."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rashomon.extract.dates import age_delta, date_article, dateline, find_date, is_age_line, normalise_date
from rashomon.extract.text import clean_capture
from rashomon.model import Article, Page

CAPTURE = """Lake ferry service suspended after engine fire

The Orrin Lake ferry service was suspended on Tuesday after a small engine fire forced the evening boat back to port.

No one was hurt, the operator said, but the boat will stay out of service while inspectors examine it.

Related Articles

Lake Post
6 hours ago
Harbour pilots call for new radio masts
Pilots say the old masts leave black spots across the northern bays.

Lake Post
3 days ago
Island bus route saved by late grant
The county found the money two days before the route was due to close.
"""


def _page(**kw) -> Page:
    return Page(source="lake.txt", kind="text", text=CAPTURE, **kw)


@pytest.mark.parametrize(
    "line, iso",
    [
        ("Published 12 March 2026", "2026-03-12"),
        ("June 30, 2025 10:15 GMT", "2025-06-30"),
        ("Updated: 3rd Apr 2026, 09:12", "2026-04-03"),
        ("Posted on Monday, 2 February 2026 at 7:05pm", "2026-02-02"),
        ("2026-01-09T08:00:00Z", "2026-01-09"),
        ("09.01.2026", "2026-01-09"),
    ],
)
def test_datelines(line, iso):
    hit = dateline(line)
    assert hit is not None and hit.iso == iso


def test_prose_mentioning_a_date_is_not_a_dateline():
    assert dateline("The suspects were arrested on 30 June 2025 in a raid on the northern docks.") is None
    assert find_date("arrested on 30 June 2025 in a raid")[0] == "2025-06-30"


def test_invalid_calendar_dates_are_ignored():
    assert find_date("31 February 2026") is None


def test_updated_datelines_are_less_certain_than_published_ones():
    assert dateline("Updated 3 April 2026").confidence < dateline("Published 3 April 2026").confidence


@pytest.mark.parametrize(
    "age, delta",
    [
        ("6 hours ago", timedelta(hours=6)),
        ("2h ago", timedelta(hours=2)),
        ("3 days ago", timedelta(days=3)),
        ("an hour ago", timedelta(hours=1)),
        ("Yesterday", timedelta(days=1)),
        ("15 mins ago", timedelta(minutes=15)),
        ("Updated 2 weeks ago", timedelta(weeks=2)),
    ],
)
def test_relative_ages(age, delta):
    assert is_age_line(age)
    assert age_delta(age) == delta


def test_not_ages():
    assert not is_age_line("Six hours of talks ended without a deal")
    assert age_delta("June 30, 2025") is None


def test_normalise_supplied_dates():
    assert normalise_date("2025-06-30") == "2025-06-30"
    assert normalise_date("30 June 2025") == "2025-06-30"
    assert normalise_date("2025-06-30T23:10:00+02:00") == "2025-06-30"
    assert normalise_date("not a date") is None
    assert normalise_date(None) is None


def test_supplied_date_dates_the_main_article_only():
    page = _page(published="2026-02-10", user_published=True, captured="2026-03-01T12:00:00")
    main, t1, t2 = [date_article(a, page) for a in clean_capture(page)]
    assert (main.published, main.published_evidence, main.published_confidence) == ("2026-02-10", "--published", 1.0)
    assert t1.published == "2026-03-01" and t2.published == "2026-02-26"
    assert t1.published_confidence < 0.5 and "6 hours ago" in t1.published_evidence
    assert main.captured == t1.captured == "2026-03-01T12:00:00"


def test_teaser_ages_never_date_the_main_article():
    page = _page(captured="2026-03-01T12:00:00")
    main, *teasers = [date_article(a, page) for a in clean_capture(page)]
    assert main.published is None and main.published_evidence is None
    assert all(t.published for t in teasers)


def test_teaser_without_capture_time_has_no_date():
    page = _page(published="2026-02-10", user_published=True)
    teasers = [date_article(a, page) for a in clean_capture(page)][1:]
    assert [t.published for t in teasers] == [None, None]


def test_metadata_beats_the_text_and_the_user_beats_metadata():
    article = Article(source="p#main", page_source="p", furniture=["Published 1 May 2026"])
    plain = Page(source="p", kind="text", text="x")
    assert date_article(article, plain).published == "2026-05-01"
    assert date_article(article, plain).published_evidence == "text:'Published 1 May 2026'"
    meta = date_article(article, plain, meta_date="2026-04-30T10:00:00", meta_evidence="meta:article:published_time")
    assert (meta.published, meta.published_evidence) == ("2026-04-30", "meta:article:published_time")
    user = Page(source="p", kind="text", text="x", published="2026-04-01", user_published=True)
    assert date_article(article, user, meta_date="2026-04-30").published == "2026-04-01"


def test_dateline_in_a_capture_dates_the_article():
    text = "Night trains return to the coast line\nBy Ivo Stanek\nPublished 14 January 2026\nThe night train between Ardle and Port Semm ran again on Tuesday for the first time in three years.\nTickets sold out within an hour."
    page = Page(source="n.txt", kind="text", text=text)
    main = date_article(clean_capture(page)[0], page)
    assert main.published == "2026-01-14" and main.published_evidence.startswith("text:")
    assert 0.5 < main.published_confidence < 1.0


def test_a_date_printed_on_a_card_dates_that_teaser_only():
    text = (
        "Bridge tolls to rise in April\n"
        "The toll on the Carran bridge will rise by ten per cent in April, the bridge authority announced.\n"
        "Drivers' groups called the rise unjustified.\n"
        "Read next\nToll booths to go cashless\n14 February 2026\n"
        "Commuters say new timetable is worse\nFeb 2, 2026\n"
    )
    page = Page(source="b.txt", kind="text", text=text)
    main, t1, t2 = [date_article(a, page) for a in clean_capture(page)]
    assert main.published is None
    assert (t1.published, t2.published) == ("2026-02-14", "2026-02-02")
    assert t1.published_evidence.startswith("text:'14 February 2026'")


@pytest.mark.parametrize(
    "line",
    [
        "Born 3 March 1941",
        "Funeral: 14 March 2026",
        "Election day, 2 November 2026",
        "Deadline 30 June 2026",
    ],
)
def test_a_short_line_about_another_day_is_not_the_page_date(line):
    text = f"Harbour pilot remembered\n\nThe harbour pilot Edda Voss has died at the age of 84.\n\nShe guided ships into Port Semm for forty years.\n\n{line}\n"
    page = Page(source="o.txt", kind="text", text=text)
    main = date_article(clean_capture(page)[0], page)
    assert main.published is None, main.published_evidence


@pytest.mark.parametrize(
    "line, iso",
    [
        ("By Ivo Stanek, 14 January 2026", "2026-01-14"),
        ("ARDLE, 14 January 2026", "2026-01-14"),
        ("Published 14 January 2026", "2026-01-14"),
        ("Wednesday 14 January 2026 09:10 GMT", "2026-01-14"),
    ],
)
def test_the_page_own_date_line_still_dates_it(line, iso):
    text = f"Night trains return\n\n{line}\n\nThe night train between Ardle and Port Semm ran again on Tuesday for the first time in three years.\n\nTickets sold out within an hour.\n"
    page = Page(source="n.txt", kind="text", text=text)
    assert date_article(clean_capture(page)[0], page).published == iso
