"""Analyst notes and pins in the store: written, read back, refused when they cannot be stored, and
re-attached to the current story and question after the derived tables are replaced with new ids."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from rashomon.model import Story
from rashomon.store import Store
from rashomon.store.notes import MAX_NOTE_CHARS, BadNote, NoTarget

SRC = Path(__file__).resolve().parents[1] / "src" / "rashomon"


def _contested(store: Store, story: str):
    report = store.story_report(story)
    return report, [q for q in report.questions if q.contested]


def test_notes_round_trip_every_kind(story_db: dict) -> None:
    sid = story_db["story"].id
    with Store.open(story_db["db"]) as store:
        report, contested = _contested(store, sid)
        q = contested[0]
        claim = report.claims[0]
        art = store.article(claim.article)
        on_story = store.add_note("story", "  Ask the shift supervisor for the rota.  ", "Ines", story=sid)
        on_question = store.add_note("question", "Both counts come from officials.", "Ines", story=sid, question=q.id)
        on_statement = store.add_note("statement", "Confirmed by a second source.", "Noor", article=claim.article,
                                      start=claim.start)
        on_article = store.add_note("article", "Reporter was at the gate.", "Noor", article=art.source)
        notes = store.notes()
    assert [n.id for n in notes] == [on_story.id, on_question.id, on_statement.id, on_article.id]
    assert on_story.text == "Ask the shift supervisor for the rota."  # stripped
    assert on_story.anchors == story_db["story"].articles  # the articles it held, in order
    assert (on_question.at_story, on_question.at_question, on_question.quote) == (sid, q.id, q.summary)
    assert on_question.anchors and all(len(span) == 3 for span in on_question.anchors)
    # a statement given by its start takes the end of the statement starting there, and its text
    assert (on_statement.start, on_statement.end) == (claim.start, claim.end)
    assert on_statement.quote == art.body[claim.start:claim.end] and on_statement.at_story == sid
    assert on_article.article == art.id and on_article.at_story == sid  # a source names the article too
    assert {n.author for n in notes} == {"Ines", "Noor"} and all(re.match(r"\d{4}-\d\d-\d\dT", n.created) for n in notes)
    with Store.open(story_db["db"]) as store:
        assert [n.id for n in store.story_notes(sid)] == [n.id for n in notes]
        assert [n.id for n in store.notes(article=art.id)] == [on_statement.id, on_article.id]
        assert store.delete_note(on_article.id) and not store.delete_note(on_article.id)
        assert store.count_notes() == 3


@pytest.mark.parametrize("kwargs,error,words", [
    ({"kind": "story", "text": "x", "author": "a", "story": "story-none"}, NoTarget, "no story"),
    ({"kind": "article", "text": "x", "author": "a", "article": "nowhere.html"}, NoTarget, "no article"),
    ({"kind": "question", "text": "x", "author": "a", "question": "q-none"}, NoTarget, "no question"),
    ({"kind": "story", "text": "   ", "author": "a"}, BadNote, "the note is empty"),
    ({"kind": "story", "text": "x" * (MAX_NOTE_CHARS + 1), "author": "a"}, BadNote, "at most 10,000"),
    ({"kind": "story", "text": "bad \ud800 text", "author": "a"}, BadNote, "lone surrogate"),
    ({"kind": "story", "text": "x", "author": ""}, BadNote, "the author is empty"),
    ({"kind": "footnote", "text": "x", "author": "a"}, BadNote, "kind must be one of"),
    ({"kind": "statement", "text": "x", "author": "a", "start": 10_000}, BadNote, "outside the article"),
    ({"kind": "statement", "text": "x", "author": "a", "start": 3}, BadNote, "no statement starts at 3"),
    ({"kind": "statement", "text": "x", "author": "a", "start": 5, "end": 5}, BadNote, "must be after start"),
])
def test_notes_that_cannot_be_stored_are_refused_with_a_reason(story_db: dict, kwargs: dict, error: type,
                                                               words: str) -> None:
    with Store.open(story_db["db"]) as store:
        if kwargs["kind"] == "question" or (kwargs["kind"] == "story" and "story" not in kwargs):
            kwargs.setdefault("story", story_db["story"].id)
        if kwargs["kind"] == "statement":
            kwargs["article"] = story_db["articles"][0].id
        with pytest.raises(error, match=re.escape(words)):
            store.add_note(**kwargs)
        assert store.count_notes() == 0


def test_notes_and_pins_follow_their_articles_when_the_stories_get_new_ids(story_db: dict) -> None:
    """A regroup replaces every story (new ids, cascading to claims and questions); notes stay and re-attach."""
    old = story_db["story"]
    with Store.open(story_db["db"]) as store:
        _, contested = _contested(store, old.id)
        q = contested[0]
        claim = store.story_report(old.id).claims[0]
        story_note = store.add_note("story", "Watch the inquest date.", "Ines", story=old.id)
        question_note = store.add_note("question", "Hospital records would settle it.", "Ines", story=old.id,
                                       question=q.id)
        statement_note = store.add_note("statement", "Heard on the radio too.", "Noor", article=claim.article,
                                        start=claim.start)
        store.pin_story(old.id, "Ines")
        # what `analyze --regroup` does: forget every story, store the new grouping under new ids
        store.clear_stories()
        rest, last = old.articles[:-1], old.articles[-1:]
        new_big = Story("story-regrouped", old.title, rest, old.first, old.last)
        new_small = Story("story-split-off", old.title, last, old.last, old.last)
        store.save_stories([new_big, new_small], grouped=old.articles)
        assert store.story(old.id) is None and store.count_notes() == 3
        notes = {n.id: n for n in store.notes()}
        # the story note goes to the story holding most of the articles it was written on
        assert notes[story_note.id].at_story == "story-regrouped"
        assert notes[statement_note.id].at_story == store.article_story(claim.article)
        assert store.pinned_story_ids() == ["story-regrouped"]
        # before compare runs again the question is gone: the note stays on its story, unattached
        assert notes[question_note.id].at_question is None
        assert notes[question_note.id].at_story is not None
        # compare saves the questions again, under a new id: the note finds its question by title and evidence
        report = _recompare(store, "story-regrouped")
        assert any(x.summary == q.summary for x in report.questions)
        renamed = dataclasses.replace(report, questions=[dataclasses.replace(x, id="q-" + x.id) for x in report.questions])
        for c in renamed.claims:
            c.question = "q-" + c.question if c.question else None
        store.save_story_report(renamed)
        again = {n.id: n for n in store.notes()}[question_note.id]
        assert again.at_story == "story-regrouped"
        assert again.at_question == "q-" + next(x.id for x in report.questions if x.summary == q.summary)


def _recompare(store: Store, story_id: str):
    from rashomon.compare import compare_story

    story = store.story(story_id)
    report = compare_story(story, store.articles(ids=story.articles), store.analyses(story.articles), store.entities())
    store.save_story_report(report)
    return report


def test_a_question_note_follows_the_evidence_when_the_title_changes(story_db: dict) -> None:
    sid = story_db["story"].id
    with Store.open(story_db["db"]) as store:
        report, contested = _contested(store, sid)
        q = contested[0]
        note = store.add_note("question", "Which figure did the court accept?", "Ines", story=sid, question=q.id)
        retitled = dataclasses.replace(report, questions=[dataclasses.replace(x, summary=x.summary + " (reworded)")
                                                          for x in report.questions])
        store.save_story_report(retitled)
        found = store.notes(ids=[note.id])[0]
    # no title matches; the question sharing most evidence spans is q
    assert found.at_question == q.id


def test_pins_are_kept_once_and_removed_by_unpin(story_db: dict) -> None:
    sid = story_db["story"].id
    with Store.open(story_db["db"]) as store:
        first = store.pin_story(sid, "Ines")
        again = store.pin_story(sid, "Noor")
        assert again.id == first.id and len(store.pins()) == 1
        with pytest.raises(NoTarget):
            store.pin_story("story-none", "Ines")
        assert store.unpin_story(sid) == 1 and store.pins() == [] and store.unpin_story(sid) == 0


def test_no_foreign_key_or_derived_write_can_delete_a_note(tmp_path: Path) -> None:
    """Notes and pins reference nothing (no cascade reaches them), and only store/notes.py writes them."""
    with Store.open(tmp_path / "n.db") as store:
        for table in ("notes", "pins"):
            assert store.conn.execute(f"PRAGMA foreign_key_list({table})").fetchall() == []
            triggers = store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                                          (table,)).fetchall()
            assert triggers == []
    writes = re.compile(r"\b(DELETE\s+FROM|UPDATE|INSERT(?:\s+OR\s+\w+)?\s+INTO|DROP\s+TABLE)\s+(notes|pins)\b", re.I)
    touching = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if writes.search(p.read_text(encoding="utf-8")))
    assert touching == ["store/notes.py"]
