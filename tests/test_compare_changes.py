"""A speaker's changed account is one dated change, never two sides of a dispute. All text is invented
for these tests (a food maker that first denies, then admits a recall; a fire toll that grows)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rashomon.compare.changes import REASON, account_changes
from rashomon.model import Article, Claim


def _article(name: str, date: str, outlet: str) -> Article:
    return Article(source=f"https://example.invalid/{name}#main", page_source=f"https://example.invalid/{name}", outlet=outlet, published=date)


def _claim(i: int, article: str, speaker: str, text: str, status: str = "attributed") -> Claim:
    return Claim(story="s", article=article, text=text, start=i, end=i + len(text), status=status, speaker=speaker,  # type: ignore[arg-type]
                 speaker_entity=f"ent:{speaker}", id=f"c{i}")


def _embed(texts: list[str]) -> np.ndarray:
    """Bag-of-words unit vectors: close texts share words (a stand-in for MiniLM, enough for these rules)."""
    vocab = sorted({w for t in texts for w in t.casefold().split()})
    rows = np.array([[t.casefold().split().count(w) for w in vocab] for t in texts], dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


A1, A2 = _article("a1", "2025-04-01", "Fenland Courier"), _article("a2", "2025-04-04", "Vale Ledger")
ARTICLES = {"a1": A1, "a2": A2}  # claims below name their article by these keys


def test_a_denial_then_an_admission_is_one_change_with_both_dates_earlier_first() -> None:
    claims = [
        _claim(1, "a2", "Brightwell", "a batch of its pepper sauce jars was contaminated with glass"),
        _claim(2, "a1", "Brightwell", "none of its pepper sauce jars was contaminated with glass"),
        _claim(3, "a1", "Ola Brandt", "the shops had removed the jars from their shelves"),
    ]
    changes = account_changes("s", claims, ARTICLES, _embed)
    assert len(changes) == 1
    q = changes[0]
    assert q.reason == REASON and q.contested
    assert [s.claims for s in q.sides] == [["c2"], ["c1"]], "the earlier statement first"
    assert q.sides[0].position.startswith("2025-04-01") and q.sides[1].position.startswith("2025-04-04")
    assert "2025-04-01" in q.summary and "2025-04-04" in q.summary
    assert q.score is None, "no data calibrates a change: it says so rather than invent a score"


def test_the_same_date_or_two_speakers_or_another_point_is_no_change() -> None:
    same_day = {"a1": A1, "a2": _article("a2", "2025-04-01", "Vale Ledger")}
    pair = [_claim(1, "a1", "Brightwell", "none of its pepper sauce jars was contaminated with glass"),
            _claim(2, "a2", "Brightwell", "a batch of its pepper sauce jars was contaminated with glass")]
    assert account_changes("s", pair, same_day, _embed) == []
    two = [pair[0], _claim(2, "a2", "Ola Brandt", "a batch of its pepper sauce jars was contaminated with glass")]
    assert account_changes("s", two, ARTICLES, _embed) == [], "two speakers who disagree are a dispute, not a change"
    other = [pair[0], _claim(2, "a2", "Brightwell", "the company rejected claims about its staff bonuses this year")]
    assert account_changes("s", other, ARTICLES, _embed) == [], "a denial of something else is no change"


def test_a_count_that_grows_is_an_update_not_a_change() -> None:
    claims = [_claim(1, "a1", "Fire chief Aron Vell", "four people were hurt in the warehouse fire"),
              _claim(2, "a2", "Fire chief Aron Vell", "eleven people were hurt in the warehouse fire")]
    assert account_changes("s", claims, ARTICLES, _embed) == []


def test_one_quote_given_at_two_lengths_or_a_stance_in_other_words_is_no_change() -> None:
    longer = [_claim(1, "a1", "Mayor Ines Pold", "we are the ones with a plan to fix the harbour bridge"),
              _claim(2, "a2", "Mayor Ines Pold", "we are the ones with a plan to fix the harbour bridge, and we are not raising harbour fees")]
    assert account_changes("s", longer, ARTICLES, _embed) == [], "the negation governs a part only one outlet quotes"
    stance = [_claim(1, "a1", "Senator Oda Wren", "that she opposes the harbour bridge toll and the ferry toll"),
              _claim(2, "a2", "Senator Oda Wren", "that her opposition to the harbour bridge toll and the ferry toll is firm")]
    assert account_changes("s", stance, ARTICLES, _embed) == [], "opposing in other words is not read as yes then no"


STORY = [
    ("Fenland Courier", "2025-04-01", "Brightwell says sauce is safe",
     ["Shoppers in Ardley reported finding glass in jars of Brightwell pepper sauce.",
      "Brightwell spokesman Tomas Hale said none of the company's pepper sauce jars were contaminated with glass.",
      "The town's food inspector Ola Brandt said her office was testing jars taken from three shops."]),
    ("Vale Ledger", "2025-04-04", "Brightwell recalls pepper sauce",
     ["Brightwell is recalling 20,000 jars of pepper sauce.",
      "Tomas Hale said a batch of the company's pepper sauce jars was contaminated with glass at its Ardley plant.",
      "Ola Brandt said the tests had found glass in jars from two of the three shops."]),
]


@pytest.fixture(scope="module")
def recall_report(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from rashomon.config import default_options
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    tmp = tmp_path_factory.mktemp("changes")
    path = tmp / "story.jsonl"
    path.write_text("\n".join(json.dumps({"url": f"https://example.invalid/recall/{k}", "outlet": o, "published": d, "title": t,
                                          "text": "\n\n".join(p)}) for k, (o, d, t, p) in enumerate(STORY)) + "\n", encoding="utf-8")
    db = str(Path(tmp) / "changes.db")
    report = ingest([str(path)], default_options().with_(db=db, online=False))
    assert not report.failures
    with Store.open(db) as store:
        return [r for s in store.stories() if (r := store.story_report(s.id)) is not None]


def test_a_company_that_denies_then_admits_is_shown_as_a_dated_change_not_a_dispute(recall_report) -> None:  # type: ignore[no-untyped-def]
    questions = [q for r in recall_report for q in r.questions if q.contested]
    changes = [q for q in questions if q.reason == REASON]
    assert changes, [(q.summary, q.reason) for q in questions]
    assert "Hale" in changes[0].summary and "2025-04-01" in changes[0].summary and "2025-04-04" in changes[0].summary
    early, late = changes[0].sides[0].claims[0], changes[0].sides[1].claims[0]
    for q in questions:
        if q.reason != REASON:
            assert not any(early in s.claims and late in s.claims for s in q.sides), "a side never holds both ends of a change"
            holders = [set(s.speakers) for s in q.sides]
            assert not any("Hale" in h for h in holders[0]) or not any("Hale" in h for h in holders[1]), \
                ("Hale's two statements are a change, never two sides of a dispute", q.summary)
