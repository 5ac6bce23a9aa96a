"""Line cues of the text-capture cleaner: shapes, furniture, appeals, headings, links, cards."""

from __future__ import annotations

import pytest

from rashomon.extract.furniture import appeal, end_header, line_cue, mark_furniture
from rashomon.extract.lines import ends_sentence, fold, headline_like, prose_like, sentence_count, split_lines
from rashomon.extract.paragraphs import assemble, byline
from rashomon.extract.teasers import byline_name, split_teasers
from rashomon.extract.text import clean_capture
from rashomon.model import Page


def test_split_lines_records_blank_line_gaps_and_collapses_spaces():
    lines = split_lines("One  line\nglued\n\nafter  gap\r\n")
    assert [l.text for l in lines] == ["One line", "glued", "after gap"]
    assert [(l.gap_before, l.gap_after) for l in lines] == [(True, False), (False, True), (True, True)]


def test_fold_matches_curly_and_straight_quotes():
    assert fold("Editor‘s  Picks") == fold("editor's picks")


@pytest.mark.parametrize(
    "text, headline",
    [
        ("Dockers vote to strike over night shifts", True),
        ("Is the harbour tunnel worth the money?", True),
        ("The council met on Tuesday to discuss the budget.", False),
        ("Explore what our tools can do:", False),
        ("lowercase start is not a headline", False),
    ],
)
def test_headline_shape(text, headline):
    assert headline_like(text) is headline


def test_prose_shape_and_sentence_count():
    assert prose_like("'We will not back down,' the union leader told the rally.")
    assert ends_sentence("He said it was 'over.'")
    assert not prose_like("Short line.")
    assert sentence_count("Dr. Amsel arrived. Then the mayor spoke! Nobody left.") == 3


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Northgate Times logo", "logo"),
        ("4 hours ago", "relative age"),
        ("Related Stories", "widget header"),
        ("Editor’s Picks", "widget header"),
        ("No comments yet...", "comments"),
        ("© 2025 Lakeside Gazette", "footer"),
        ("#budget #council #roads", "hashtags"),
        ("Firefighters tackle the blaze on Mill Lane. Photo: Ana Ruiz.", "caption"),
        ("Volunteers sort donations at the depot (Photo: Kim Oduya)", "caption"),
        ("Subscribe now for unlimited access", "appeal"),
        ("Story continues below advertisement", "advertisement"),
        ("We use cookies to improve your experience. By continuing you agree to our use of cookies.", "consent banner"),
        ("This article is for subscribers only.", "appeal"),
    ],
)
def test_line_cues_name_the_reason(line, reason):
    assert line_cue(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The photo by a local student went viral within hours of the flood.",
        "She went on to become a member of parliament in 2019.",
        "Follow the money",
        "The council said it would donate the land to the school trust.",
        "The bakery uses cookies from a family recipe.",
    ],
)
def test_content_lines_are_not_furniture(line):
    assert line_cue(line) is None


def test_weak_appeals_need_a_strong_one_nearby():
    lines = split_lines("Join the readers who keep us going.\n\nEvery pound you give pays for reporting.\n\nBecome a supporter\n\nThe bridge reopened on Sunday after repairs.")
    reasons = mark_furniture(lines)
    assert set(reasons) == {0, 1, 2}
    assert appeal("Follow the money") == "weak"
    assert mark_furniture(split_lines("Follow the money\nThe audit found missing funds in three accounts.")) == {}


def test_doubled_caption_lines_are_both_furniture():
    lines = split_lines("A crane lifts the new span into place\nA crane lifts the new span into place\nWork continues overnight.")
    assert mark_furniture(lines) == {0: "repeated line", 1: "repeated line"}


def test_end_headers_open_the_tail():
    assert end_header("You might also like")
    assert end_header("Most Read")
    assert not end_header("Advertisement")
    assert not end_header("What the engineers found")


def test_byline_forms():
    assert byline("By Sela Moran and Dov Ikeda") == "Sela Moran and Dov Ikeda"
    assert byline("By the way, the ferry was late.") is None
    assert byline_name("- Northgate Times") == "Northgate Times"
    assert byline_name("— Coast Radio") == "Coast Radio"


def test_assemble_tells_heading_from_inline_link_in_a_gap_layout():
    text = (
        "Town hall roof repairs finished\n\n"
        "Builders finished the roof repairs on Friday after two months of work.\n\n"
        "Residents demand answers after library flood left archive ruined\n"
        "Volunteers spent a week drying old council minutes by hand.\n\n"
        "The costs\n\n"
        "The repairs cost twice the original estimate, the council said.\n"
    )
    lines = split_lines(text)
    parts = assemble(lines[1:], {}, lines[0].index)
    assert parts.headings == ["The costs"]
    assert parts.inline_links == [
        {"title": "Residents demand answers after library flood left archive ruined", "standfirst": "Volunteers spent a week drying old council minutes by hand."}
    ]
    assert parts.paragraphs[0].startswith("Builders finished") and parts.paragraphs[-1].startswith("The repairs cost")


def test_teaser_cards_in_any_order_of_parts():
    text = (
        "4 hours ago\nBakers strike for a second day\nBread shelves were empty across the east of the city.\n"
        "Ferry timetable cut for winter\n2 days ago\n"
        "Hill Herald | Yesterday\nNew lifeboat station opens\n"
    )
    lines = split_lines(text)
    teasers, leftover = split_teasers(lines, set())
    assert [(t.title, t.age, t.outlet) for t in teasers] == [
        ("Bakers strike for a second day", "4 hours ago", None),
        ("Ferry timetable cut for winter", "2 days ago", None),
        ("New lifeboat station opens", "Yesterday", "Hill Herald"),
    ]
    assert teasers[0].body == ["Bread shelves were empty across the east of the city."]
    assert leftover == []


def test_a_headline_without_meta_is_not_a_card():
    teasers, leftover = split_teasers(split_lines("Try our new puzzle app\nSign up for the morning briefing"), set())
    assert teasers == [] and len(leftover) == 2


def test_relative_age_under_the_title_never_reaches_the_body():
    text = "Tram line extension approved\n3 hours ago\nThe regional assembly approved the tram extension by a wide margin on Thursday.\nConstruction starts next year."
    main = clean_capture(Page(source="t.txt", kind="text", text=text))[0]
    assert "3 hours ago" in main.furniture and "3 hours ago" not in main.body
    assert main.title == "Tram line extension approved"
