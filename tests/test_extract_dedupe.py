"""Exact and near-duplicate detection on invented articles."""

from __future__ import annotations

from rashomon.config import default_options
from rashomon.extract.dedupe import DuplicateIndex, mark_duplicates, minhash_signature, page_of
from rashomon.model import Article

ORIGINAL = (
    "The ferry Albatross Star ran aground off the coast of Pellmore Island on Sunday night, "
    "leaving 212 passengers stranded on board for nine hours before tugboats pulled the vessel free. "
    "The harbour authority said the captain had reported a steering failure shortly after leaving the port of Vantry. "
    "No injuries were reported, although several passengers were treated for exposure after waiting on the open deck. "
    "Coastguard spokesman Delano Hurst told reporters that the weather had been calm and that the cause of the failure was not yet known. "
    "The operator, Bluewake Lines, apologised to passengers and promised a full refund for every ticket sold on the crossing. "
    "An inquiry by the regional maritime board is expected to begin next week, and the ship will remain in dry dock until inspectors have finished their work."
)

# The same story lightly edited by a second outlet: a changed word here and there, one clause cut.
REWRITE = (
    "The ferry Albatross Star ran aground off the coast of Pellmore Island late on Sunday, "
    "leaving 212 passengers stranded on board for nine hours before tugboats pulled the vessel free. "
    "The harbour authority said the captain had reported a steering failure shortly after leaving the port of Vantry. "
    "No injuries were reported, though several passengers were treated for exposure after waiting on the open deck. "
    "Coastguard spokesman Delano Hurst told reporters that the weather had been calm and that the cause of the failure was not yet known. "
    "The operator, Bluewake Lines, apologised to passengers and promised a full refund for every ticket sold on the crossing. "
    "An inquiry by the regional maritime board is expected to begin next week, and the ship will stay in dry dock until inspectors finish their work."
)

# A different article on the same event: same names and facts, its own sentences.
SAME_TOPIC = (
    "Passengers aboard the Albatross Star described a long, cold night after the Bluewake Lines ferry struck a sandbank near Pellmore Island. "
    "Teacher Imogen Raske, travelling with her two children, said the crew handed out blankets but gave little information for hours. "
    "Delano Hurst of the coastguard confirmed that 212 people had been on board and that tugboats freed the ship at dawn. "
    "Maritime unions have long warned that the ageing vessels on the Vantry route need new steering systems, "
    "and a union official said Sunday's grounding was an accident waiting to happen. "
    "Bluewake Lines declined to comment on the state of its fleet while the maritime board prepares its inquiry."
)


def art(source: str, body: str, published: str | None = None, kind: str = "article") -> Article:
    return Article(source=source, page_source=page_of(source), body=body, published=published, kind=kind)  # type: ignore[arg-type]


def test_dedupe_verbatim_copy_points_to_first() -> None:
    options = default_options()
    index = DuplicateIndex(options)
    out = mark_duplicates([art("a.html#main", ORIGINAL), art("b.html#main", ORIGINAL.upper() + "  ")], index, options)
    assert out[0].near_duplicate_of is None
    assert out[1].near_duplicate_of == "a.html#main"


def test_dedupe_light_rewrite_matches_and_same_topic_does_not() -> None:
    options = default_options()
    index = DuplicateIndex(options)
    out = mark_duplicates(
        [art("a.html#main", ORIGINAL), art("b.html#main", REWRITE), art("c.html#main", SAME_TOPIC)], index, options
    )
    assert out[1].near_duplicate_of == "a.html#main"
    assert out[2].near_duplicate_of is None


def test_dedupe_earliest_published_wins_even_when_seen_later() -> None:
    options = default_options()
    index = DuplicateIndex(options)
    first = mark_duplicates([art("late.html#main", REWRITE, "2025-03-04")], index, options)
    assert first[0].near_duplicate_of is None
    second = mark_duplicates([art("early.html#main", ORIGINAL, "2025-03-02")], index, options)
    assert second[0].near_duplicate_of is None  # it is the earliest copy
    assert index.pop_relinks() == {"late.html#main": "early.html#main"}
    assert index.pop_relinks() == {}
    third = mark_duplicates([art("later.html#main", ORIGINAL, "2025-03-09")], index, options)
    assert third[0].near_duplicate_of == "early.html#main"


def test_dedupe_within_one_batch_repoints_to_earliest_date() -> None:
    options = default_options()
    index = DuplicateIndex(options)
    out = mark_duplicates(
        [art("late.html#main", REWRITE, "2025-03-04"), art("early.html#main", ORIGINAL, "2025-03-02")], index, options
    )
    assert [a.near_duplicate_of for a in out] == ["early.html#main", None]
    assert index.pop_relinks() == {}  # the batch was re-pointed in place


def test_dedupe_teaser_never_duplicates_its_own_page() -> None:
    options = default_options()
    index = DuplicateIndex(options)
    main = art("page.txt#main", ORIGINAL)
    teaser = art("page.txt#teaser-1", ORIGINAL, kind="teaser")
    out = mark_duplicates([main, teaser], index, options)
    assert [a.near_duplicate_of for a in out] == [None, None]
    # the same text on another page is a copy
    assert mark_duplicates([art("other.txt#main", ORIGINAL)], index, options)[0].near_duplicate_of == "page.txt#main"


def test_dedupe_short_texts_match_only_exactly() -> None:
    options = default_options()
    index = DuplicateIndex(options)
    a = "Ferry runs aground off Pellmore Island; 212 passengers stranded overnight."
    b = "Ferry runs aground off Pellmore Island; 212 passengers stranded for nine hours."
    assert minhash_signature(a, options) == b""
    out = mark_duplicates([art("x.txt#teaser-1", a), art("y.txt#teaser-1", b), art("z.txt#teaser-2", a)], index, options)
    assert [o.near_duplicate_of for o in out] == [None, None, "x.txt#teaser-1"]


def test_dedupe_index_rebuilt_from_signatures_gives_same_answer() -> None:
    options = default_options()
    first = DuplicateIndex(options)
    rows = []
    for source, body in (("a.html#main", ORIGINAL), ("c.html#main", SAME_TOPIC)):
        article = art(source, body)
        signature = minhash_signature(body, options)
        first.add(source, signature, article.text_hash, None)
        rows.append((source, signature, article.text_hash, None))
    rebuilt = DuplicateIndex(options)
    for row in rows:
        rebuilt.add(*row)
    probe = art("b.html#main", REWRITE)
    signature = minhash_signature(REWRITE, options)
    assert rebuilt.find(signature, probe.text_hash, None, source=probe.source) == "a.html#main"
    assert first.find(signature, probe.text_hash, None) == "a.html#main"
    assert len(signature) == options.minhash_perm * 4


def test_dedupe_threshold_option_is_honoured() -> None:
    strict = default_options(minhash_threshold=0.99)
    index = DuplicateIndex(strict)
    out = mark_duplicates([art("a.html#main", ORIGINAL), art("b.html#main", REWRITE)], index, strict)
    assert out[1].near_duplicate_of is None
