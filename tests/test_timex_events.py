"""A sentence with several dates is placed by the dates of its own event (invented sentences)."""

from __future__ import annotations

import re

import pytest

from rashomon.analyze.timex_events import dated_events, own_dates
from rashomon.model import ArticleAnalysis, Attribution, Timex

# Monday 1 Sep 2031 ... Sunday 7 Sep 2031
DAYS = {"Monday": "2031-09-01", "Tuesday": "2031-09-02", "Wednesday": "2031-09-03", "Thursday": "2031-09-04", "Friday": "2031-09-05"}


def timexes(text: str) -> list[Timex]:
    return [
        Timex(article="a", start=m.start(), end=m.end(), text=m.group(), type="DATE", value=DAYS[m.group()])
        for m in re.finditer("|".join(DAYS), text)
    ]


def kept(text: str, attributions: list[Attribution] | None = None) -> list[str]:
    return [t.text for t in own_dates(text, (0, len(text)), timexes(text), attributions or [])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hundreds lined the quay on Friday for the funerals of the crew lost in Monday's storm.", ["Friday"]),
        ("The regatta, which was first held on Monday, ended on Thursday.", ["Thursday"]),
        ("The two sailors rescued near the lighthouse on Tuesday were released on Friday.", ["Friday"]),
        ("The skipper said the two sailors rescued near the reef on Tuesday would be fined.", ["Tuesday"]),
        ("The ferry left on Monday and docked on Wednesday.", ["Monday", "Wednesday"]),
        ("The ferry sailed on Tuesday.", ["Tuesday"]),
    ],
)
def test_own_dates(text: str, expected: list[str]) -> None:
    assert kept(text) == expected


def test_a_reported_date_gives_way_to_the_date_of_the_reporting() -> None:
    text = "The harbour master said on Wednesday that the crane had toppled on Monday."
    content = text.index("that the crane")
    att = Attribution(
        article="a", speaker="The harbour master", speaker_start=0, speaker_end=18, cue="said",
        cue_start=text.index("said"), cue_end=text.index("said") + 4, kind="indirect",
        content=text[content:-1], content_start=content, content_end=len(text) - 1,
        sentence_start=0, sentence_end=len(text),
    )
    assert kept(text, [att]) == ["Wednesday"]
    assert kept(text) == ["Wednesday", "Monday"]  # no attribution found: nothing to tell them apart


def test_every_date_subordinate_keeps_them_all() -> None:
    assert kept("Monday's storm and Tuesday's tide.") == ["Monday", "Tuesday"]


def test_dated_events_pairs_each_kept_date_with_its_sentence() -> None:
    body = "The quay reopened on Thursday after Monday's storm. The ferry sailed on Tuesday."
    analysis = ArticleAnalysis(article="a", timexes=timexes(body), sentences=[(0, 51), (52, len(body))])
    got = [(t.text, body[s:e]) for t, (s, e) in dated_events(body, analysis)]
    assert got == [
        ("Thursday", "The quay reopened on Thursday after Monday's storm."),
        ("Tuesday", "The ferry sailed on Tuesday."),
    ]


def test_undated_values_are_not_placed() -> None:
    body = "The ferry sailed on Tuesday."
    t = Timex(article="a", start=20, end=27, text="Tuesday", type="DATE", value="XXXX-WXX-2")
    assert dated_events(body, ArticleAnalysis(article="a", timexes=[t], sentences=[(0, len(body))])) == []


def test_a_dateline_is_no_event() -> None:
    body = "PORT ELLIN, Tuesday (Coast Wire) -\nThe ferry sailed on Monday."
    analysis = ArticleAnalysis(article="a", timexes=timexes(body), sentences=[(0, 34), (35, len(body))])
    assert [t.text for t, _ in dated_events(body, analysis)] == ["Monday"]
