"""Time expressions: extents and TIMEX3 values on invented news text."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.analyze.timex_normalize import canonical_value, duration, number_value
from rashomon.analyze.timex_patterns import find_timexes
from rashomon.analyze.timex_rules import Ctx

# A Monday; the week before is ISO week 2025-W26.
DCT = date(2025, 6, 30)


def values(text: str, dct: date | None = DCT, tense: str | None = None) -> dict[str, str]:
    ctx = Ctx(dct=dct, tense=lambda s, e: tense)
    return {c.text: c.value for c in find_timexes(text, ctx)}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ferry sank on 30 June.", {"30 June": "2025-06-30"}),
        ("The ferry sank on June 30, 2025.", {"June 30, 2025": "2025-06-30"}),
        ("The ferry sank on 2025-06-30.", {"2025-06-30": "2025-06-30"}),
        ("The parade is held on May 9 every year.", {"May 9": "2025-05-09", "every year": "P1Y"}),
        ("Talks collapsed in 2021.", {"2021": "2021"}),
        ("The quarry closed in the 1990s.", {"the 1990s": "199X"}),
        ("He served 24 years in the merchant navy.", {"24 years": "P24Y"}),
        ("Over the past 24 hours the river rose.", {"the past 24 hours": "PT24H"}),
        ("The strike lasted three weeks.", {"three weeks": "P3W"}),
        ("The mill flooded two days ago.", {"two days ago": "2025-06-28"}),
        ("Brindle Gazette reported it last week.", {"last week": "2025-W26"}),
        ("It happened yesterday, not today.", {"yesterday": "2025-06-29", "today": "2025-06-30"}),
        ("Prices rose this year and may rise next month.", {"this year": "2025", "next month": "2025-07"}),
        ("The siren sounded at 16:25 GMT.", {"16:25 GMT": "2025-06-30T16:25"}),
        ("Inspectors visit every week.", {"every week": "P1W"}),
        ("The guild met last December.", {"last December": "2024-12"}),
        ("Work began at the beginning of June.", {"the beginning of June": "2025-06"}),
        ("The dispute flared in late June.", {"late June": "2025-06"}),
        ("Villagers say it happened in mid-May.", {"mid-May": "2025-05"}),
        ("Results for the third quarter were weak.", {"the third quarter": "2024-Q3"}),
        ("He has been in office for a decade.", {"a decade": "P10Y"}),
    ],
)
def test_value_of_common_expressions(text: str, expected: dict[str, str]) -> None:
    got = values(text, tense="past")
    for extent, value in expected.items():
        assert got.get(extent) == value, (text, got)


def test_weekday_defaults_to_the_one_before_publication() -> None:
    assert values("The mayor resigned on Friday.", tense="past") == {"Friday": "2025-06-27"}
    assert values("The mayor resigned on Monday.", tense="past") == {"Monday": "2025-06-30"}


def test_weekday_in_future_tense_looks_forward() -> None:
    assert values("The council will vote on Thursday.", tense="future") == {"Thursday": "2025-07-03"}


def test_explicit_last_and_next_weekday() -> None:
    got = values("They met last Monday and meet again next Monday.")
    assert got == {"last Monday": "2025-06-23", "next Monday": "2025-07-07"}


def test_month_without_tense_takes_nearest_occurrence() -> None:
    assert values("The harvest fair opens in August.", dct=date(2025, 7, 4)) == {"August": "2025-08"}
    assert values("The harvest fair opened in January.", dct=date(2025, 7, 4), tense="past") == {"January": "2025-01"}


def test_undated_article_keeps_placeholders() -> None:
    got = values("On Friday the dam failed; on 30 June it was repaired; last week it leaked.", dct=None, tense="past")
    assert got["Friday"] == "XXXX-WXX-5"
    assert got["30 June"] == "XXXX-06-30"
    assert got["last week"] == "XXXX-WXX"
    assert not any(v.startswith("2") for k, v in got.items() if k != "2021")


def test_undated_article_still_resolves_absolute_years() -> None:
    assert values("The treaty of 1947 was signed in Lindmoor.", dct=None) == {"1947": "1947"}


def test_modal_may_is_not_a_month() -> None:
    assert values("Officials May resign, and they may not.") == {}
    assert values("The vote was held in May.", tense="past") == {"May": "2025-05"}


def test_ages_are_not_durations() -> None:
    assert values("A 6-year-old boy and a man, 52 years old, were rescued.") == {}


def test_money_and_scores_are_not_times() -> None:
    assert values("Tickets cost $3.50 and the match ended 2.15 behind.") == {}


def test_longest_match_wins() -> None:
    cands = find_timexes("Shares fell on Monday, June 30, 2025, in Velmar.", Ctx(dct=DCT))
    assert [(c.text, c.value) for c in cands] == [("Monday, June 30, 2025", "2025-06-30")]


def test_line_breaks_inside_an_expression() -> None:
    assert values("It rained on 12\nMarch.", tense="past") == {"12\nMarch": "2025-03-12"}


def test_spelled_years_and_decades() -> None:
    got = values("In nineteen ninety-six, and again in the '80s, the canal froze.")
    assert got["nineteen ninety-six"] == "1996"
    assert got["the '80s"] == "198X"


def test_quarter_anaphora_and_year_ago() -> None:
    got = values("Profit rose in the second quarter. A year earlier the quarter was weak.", dct=date(2025, 8, 1))
    assert got["the second quarter"] == "2025-Q2"
    assert got["A year earlier"] == "2024-Q2"
    assert got["the quarter"] == "2025-Q2"


def test_holidays_resolve_to_their_dates() -> None:
    got = values("The market closed on Christmas Day and reopened after Easter.", dct=date(2024, 12, 28), tense="past")
    assert got["Christmas Day"] == "2024-12-25"
    assert got["Easter"] == "2024-03-31"


def test_number_words_and_durations() -> None:
    assert number_value("twenty four") == 24
    assert number_value("5 1/2") == 5.5
    assert number_value("several") is None
    assert duration(5.5, "hour") == "PT5H30M"
    assert duration(None, "year") == "PXY"
    assert duration(2, "decade") == "P20Y"


def test_canonical_value_treats_decade_spellings_alike() -> None:
    assert canonical_value("199") == canonical_value("199X")
    assert canonical_value("2000-W07") == canonical_value("2000-W7")
    assert canonical_value("2000-W07") != canonical_value("2000-W17")
