"""Which way a bare weekday points from the publication date: the tense of its clause decides.

Invented sentences about harbours, choirs and libraries; September 2031 starts on a Monday
(Tue 2, Wed 3, ... Tue 9, Wed 10).
"""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.analyze.timex import doc_timexes
from rashomon.analyze.timex_normalize import weekday_date
from rashomon.analyze.timex_patterns import find_timexes
from rashomon.analyze.timex_rules import Ctx

TUE, WED, FRI = date(2031, 9, 9), date(2031, 9, 10), date(2031, 9, 12)


def values(text: str, dct: date, tense: str | None) -> dict[str, str]:
    return {c.text: c.value for c in find_timexes(text, Ctx(dct=dct, tense=lambda s, e: tense))}


@pytest.mark.parametrize(
    "wd, expected",
    [(3, "2031-09-10"), (4, "2031-09-11"), (1, "2031-09-08"), (7, "2031-09-07"), (5, "2031-09-12"), (6, "2031-09-13")],
)
def test_nearest_weekday_is_at_most_three_days_away(wd: int, expected: str) -> None:
    assert weekday_date(WED, wd, "nearest").isoformat() == expected


def test_late_on_a_weekday_has_no_direction_of_its_own() -> None:
    # 'late on' used to be read as a direction and sent the day a week forward.
    assert values("The orchestra finished late on Tuesday.", WED, "past") == {"late on Tuesday": "2031-09-09"}
    assert values("The orchestra finished early on Tuesday.", WED, "past") == {"early on Tuesday": "2031-09-09"}
    assert values("The ferry left late Tuesday.", WED, "past") == {"late Tuesday": "2031-09-09"}


def test_without_tense_the_nearest_weekday_wins() -> None:
    assert values("Choir rehearsal, Thursday.", WED, None) == {"Thursday": "2031-09-11"}
    assert values("Choir rehearsal, Monday.", WED, None) == {"Monday": "2031-09-08"}


def test_explicit_last_and_next_beat_the_tense() -> None:
    assert values("The pier reopens next Wednesday.", WED, "present") == {"next Wednesday": "2031-09-17"}
    assert values("The pier reopened last Wednesday.", WED, "present") == {"last Wednesday": "2031-09-03"}


def test_clock_time_with_weekday_follows_the_same_direction() -> None:
    got = values("Bids close at 9 a.m. Thursday.", WED, None)
    assert got == {"9 a.m. Thursday": "2031-09-11T09:00"}


@pytest.mark.parametrize(
    "text, dct, extent, expected",
    [
        ("The harbour authority has declared two days of closure, starting on Wednesday.", TUE, "Wednesday", "2031-09-10"),
        ("The orchestra played late on Tuesday to a full hall.", WED, "late on Tuesday", "2031-09-09"),
        ("The festival committee will meet on Monday.", WED, "Monday", "2031-09-15"),
        ("The ferry company said on Monday that fares would rise.", WED, "Monday", "2031-09-08"),
        ("Organisers planned a parade through the old town on Saturday.", FRI, "Saturday", "2031-09-13"),
        ("The museum plans to reopen its east wing on Friday.", WED, "Friday", "2031-09-12"),
        ("The tram service is to resume on Thursday.", date(2031, 9, 8), "Thursday", "2031-09-11"),
        ("The lending desk had been due to close at midnight Friday.", date(2031, 9, 8), "midnight Friday", "2031-09-05T24:00"),
        ("The engineer said she will begin repairing the bridge on Friday.", WED, "Friday", "2031-09-12"),
        ("The choir rehearses in the chapel on Thursday.", WED, "Thursday", "2031-09-11"),
        ("The harbour board will review Monday's decision.", WED, "Monday", "2031-09-08"),
        ("The ferry company raised its fares, effective Feb. 1.", date(2031, 11, 5), "Feb. 1", "2032-02-01"),
        ("The ferry company raised its fares on Feb. 1.", date(2031, 11, 5), "Feb. 1", "2031-02-01"),
    ],
)
def test_direction_from_the_parse(nlp, text: str, dct: date, extent: str, expected: str) -> None:
    doc = nlp.make_doc(text)
    doc._.dct = dct.isoformat()
    for name, proc in nlp.pipeline:
        if name in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"):
            doc = proc(doc)
    got = {t.text: t.value for t in doc_timexes(doc)}
    assert got.get(extent) == expected, got


@pytest.mark.parametrize("label, kept", [("EVENT", True), ("ORG", False)])
def test_a_date_inside_a_named_event_is_kept(nlp, label: str, kept: bool) -> None:
    from spacy.tokens import Span

    doc = nlp.make_doc("Flights were cancelled after the Aug. 7 harbour blasts.")
    doc._.dct = "2031-09-10"
    start = [t.i for t in doc if t.text == "the"][0]
    doc.ents = [Span(doc, start, start + 6, label=label)]  # 'the Aug. 7 harbour blasts'
    got = {t.text: t.value for t in doc_timexes(doc)}
    assert ("Aug. 7" in got) is kept, got


def test_titles_in_quotes_and_high_noon_are_no_times(nlp) -> None:
    doc = nlp.make_doc('She told the radio show "This Week" that high noon had come. The ferry left this week.')
    doc._.dct = "2031-09-10"
    got = [t.text for t in doc_timexes(doc)]
    assert got == ["this week"]
