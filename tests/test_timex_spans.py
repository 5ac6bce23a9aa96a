"""Durations, reporting periods and the year under discussion, on invented business and travel news."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.analyze.timex_patterns import find_timexes
from rashomon.analyze.timex_rules import Ctx

DCT = date(2031, 11, 5)  # a Wednesday in the fourth quarter


def values(text: str, tense: str | None = "past") -> dict[str, tuple[str, str]]:
    return {c.text: (c.type, c.value) for c in find_timexes(text, Ctx(dct=DCT, tense=lambda s, e: tense))}


@pytest.mark.parametrize(
    "text, extent, expected",
    [
        # 'later/after/before' is a signal to another event: the timex is the duration alone
        ("The kiln cooled, and three days later the potters opened it.", "three days", ("DURATION", "P3D")),
        ("The bakery reopened less than a decade after the fire.", "less than a decade", ("DURATION", "P10Y")),
        ("The buyers must wait at least 30 days before closing the sale.", "at least 30 days", ("DURATION", "P30D")),
        ("The ferry docked an hour later.", "an hour", ("DURATION", "PT1H")),
        # ... while 'ago' and the financial 'a year earlier' stay dates
        ("The bakery opened two years ago.", "two years ago", ("DATE", "2029")),
        ("Sales rose to $4 million from $3 million a year earlier.", "a year earlier", ("DATE", "2030")),
        # reporting periods
        ("The cooperative earned $2 million in the year ended March 31.", "the year", ("DURATION", "P1Y")),
        ("The cooperative expects higher sales for the year, its chair said.", "the year", ("DATE", "2031")),
        ("Net sales for the third quarter rose 4%. Costs in the latest period fell.", "the latest period", ("DATE", "2031-Q3")),
        # vague spans of time
        ("Fares have risen sharply in recent months.", "recent months", ("DURATION", "PXM")),
        ("The lighthouse has stood empty for years.", "years", ("DURATION", "PXY")),
        ("A decision is expected within weeks.", "weeks", ("DURATION", "PXW")),
    ],
)
def test_extent_type_and_value(text: str, extent: str, expected: tuple[str, str]) -> None:
    got = values(text)
    assert got.get(extent) == expected, got


def test_the_year_before_is_not_this_year() -> None:
    got = values("Fares fell to $30 from $45 the year before.")
    assert "the year" not in got


def test_bare_plural_needs_a_preposition_and_an_end() -> None:
    assert "years" not in values("The years of drought emptied the valley.")
    assert "days" not in values("In days of old the mill ground corn.")


def test_a_fraction_is_no_duration() -> None:
    assert "a quarter" not in values("A quarter of the harvest is sold abroad.")
    assert values("The harvest took a quarter.").get("a quarter") == ("DURATION", "P1Q")


def test_the_quarter_is_the_one_reported_on_not_the_last_one_named() -> None:
    text = ("The brewery's profit rose in the third quarter. After a weak second quarter, "
            "sales recovered. The quarter's margin was the best since 2029.")
    got = values(text)
    assert got["the third quarter"] == ("DATE", "2031-Q3")
    assert [v for k, v in got.items() if k.endswith("second quarter")] == [("DATE", "2031-Q2")]
    assert got["The quarter"] == ("DATE", "2031-Q3")


@pytest.mark.parametrize(
    "text, extent, expected",
    [
        ("The mill opened in June 2012 and closed later that year.", "later that year", ("DATE", "2012")),
        ("The mill opened in 2012; the following year it doubled its output.", "the following year", ("DATE", "2013")),
        ("The bridge shut in March 2030. The following month the ferries returned.", "The following month", ("DATE", "2030-04")),
        ("Tolls rose in 2019 but fell the previous year.", "the previous year", ("DATE", "2018")),
        ("Talks resumed after a day-long strike.", "day-long", ("DURATION", "P1D")),
        ("The decades-long feud over grazing rights ended.", "decades-long", ("DURATION", "PXY")),
    ],
)
def test_told_from_the_story_s_own_time(text: str, extent: str, expected: tuple[str, str]) -> None:
    got = values(text)
    assert got.get(extent) == expected, got


def test_that_year_without_a_year_named_is_no_timex() -> None:
    assert "that year" not in values("Nobody in the valley forgot that year.")
    # with nothing named before, 'the following year' still counts from the publication date
    assert values("The following year the mill doubled its output.").get("The following year") == ("DATE", "2032")


@pytest.mark.parametrize(
    "text, extent, expected",
    [
        ("The co-op will stay cautious in the near term.", "the near term", ("DATE", "FUTURE_REF")),
        ("The levy will be set at a later date.", "a later date", ("DATE", "FUTURE_REF")),
        ("The new rules should be in place by year's end.", "year's end", ("DATE", "2031")),
        ("Fishermen expect leaner catches in the weeks ahead.", "the weeks ahead", ("DURATION", "PXW")),
        ("The quay will be rebuilt over the next couple of years.", "the next couple of years", ("DURATION", "P2Y")),
        ("The lighthouse stood for almost a hundred years.", "almost a hundred years", ("DURATION", "P100Y")),
        ("Turnout on Election Day is expected to be high.", "Election Day", ("DATE", "2031-11-04")),
    ],
)
def test_vague_future_and_named_days(text: str, extent: str, expected: tuple[str, str]) -> None:
    got = {c.text: (c.type, c.value) for c in find_timexes(text, Ctx(dct=DCT, tense=lambda s, e: "future"))}
    assert got.get(extent) == expected, got


def test_parts_of_a_day() -> None:
    got = values("Shares slid in mid-afternoon trading. By late morning yesterday the pier had reopened; it rained this afternoon.")
    assert got.get("mid-afternoon") == ("TIME", "2031-11-05TAF")
    assert got.get("late morning yesterday") == ("TIME", "2031-11-04TMO")
    assert got.get("this afternoon") == ("TIME", "2031-11-05TAF")
    assert "late morning" not in values("The late morning of the festival was quiet.")


@pytest.mark.parametrize(
    "text, extent, expected",
    [
        ("Prices peaked in January nineteen ninety-seven, the presenter said.", "January nineteen ninety-seven", ("DATE", "1997-01")),
        ("The harbour froze in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", ("DATE", "1994-WI")),
        ("Output fell in the last half of 2030.", "the last half of 2030", ("DATE", "2030-H2")),
        ("The refit took 2 1/2 years.", "2 1/2 years", ("DURATION", "P2Y6M")),
        ("The siren sounded for a minute and a half.", "a minute and a half", ("DURATION", "PT1M30S")),
    ],
)
def test_spelled_years_halves_and_a_half(text: str, extent: str, expected: tuple[str, str]) -> None:
    got = values(text)
    assert got.get(extent) == expected, got


def test_quarters_count_in_quarters() -> None:
    got = values("Margins shrank over the past two quarters and will for several quarters more.")
    assert got.get("the past two quarters") == ("DURATION", "P2Q")
    assert got.get("several quarters") == ("DURATION", "PXQ")


def test_counted_days_with_a_qualifier() -> None:
    got = values("Eight trading days later the index recovered; the lease was extended for an additional year.")
    assert got.get("Eight trading days") == ("DURATION", "P8D")
    assert got.get("an additional year") == ("DURATION", "P1Y")


def test_the_reported_quarter_a_year_off() -> None:
    got = values("Profit rose in the third quarter. Sales in last year's quarter were lower, "
                 "and costs were higher than in the corresponding period a year earlier.")
    assert got.get("last year's quarter") == ("DATE", "2030-Q3")
    assert got.get("the corresponding period a year earlier") == ("DATE", "2030-Q3")


def test_an_extent_never_starts_with_a_line_break() -> None:
    got = [c.text for c in find_timexes("Results.\n\nThird-quarter profit rose.", Ctx(dct=DCT))]
    assert got == ["Third-quarter"]


def test_decades_in_words() -> None:
    assert values("Trawler numbers fell through the nineties.").get("the nineties") == ("DATE", "199X")
    assert values("The pier was built in the early nineteen-twenties.").get("the early nineteen-twenties") == ("DATE", "192X")


def test_that_same_day_is_a_day_of_what_was_named_last() -> None:
    got = values("The pier closed on Monday. The storm came last October and the quay flooded that same day.")
    assert got.get("last October") == ("DATE", "2031-10")
    assert got.get("that same day") == ("DATE", "2031-10-XX")
    assert values("The quay flooded on Monday and reopened the next day.").get("the next day") == ("DATE", "2031-11-04")


def test_one_day_after_a_modal_is_an_indefinite_future() -> None:
    assert values("The town hopes the line will one day reach the coast.").get("one day") == ("DATE", "FUTURE_REF")
    assert values("The strike lasted one day.").get("one day") == ("DURATION", "P1D")


def test_pre_and_post_year() -> None:
    got = values("The post-1959 harbour and the pre-2020 rules.")
    assert got.get("post-1959") == ("DATE", "1959") and got.get("pre-2020") == ("DATE", "2020")


def test_this_moment_is_the_present() -> None:
    assert values("Leaving at this difficult moment would be a mistake.").get("this difficult moment") == ("DATE", "PRESENT_REF")
