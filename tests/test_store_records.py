"""Store writers and readers: round trips, idempotence, replacement, change tracking, paging."""

from __future__ import annotations

import pytest

from rashomon.compare import StoryReport
from rashomon.model import (Article, ArticleAnalysis, Attribution, Claim, Entity, Framing, Mention, Question, Side,
                            Story, Timex)
from rashomon.resolve import Resolution
from rashomon.store import Store

BODY = "Mayor Odile Varga said the bridge was safe. Engineers disagreed on 4 March 2031."


def art(n: int, **kw) -> Article:
    fields = dict(source=f"site/p{n}.html#main", page_source=f"site/p{n}.html", title=f"Bridge row {n}",
                  outlet="Vale Ledger", body=f"{BODY} Case {n}.", headings=["Background"], furniture=["Share this"],
                  inline_links=[{"title": "Other story", "standfirst": "More"}], published="2031-03-05",
                  published_evidence="meta", published_confidence=0.9, dek="A dek", byline="By K. Oduya")
    fields.update(kw)
    return Article(**fields)


def analysis(a: Article) -> ArticleAnalysis:
    return ArticleAnalysis(
        article=a.id,
        mentions=[Mention(a.id, 6, 16, "Odile Varga", "PERSON")],
        attributions=[Attribution(a.id, "Mayor Odile Varga", 0, 16, "said", 17, 21, "indirect", "the bridge was safe",
                                  22, 41, 0, 42, markers=["reportedly"], status="alleged"),
                      Attribution(a.id, "Mayor Odile Varga", 0, 16, "said", 17, 21, "indirect", "the bridge was safe",
                                  22, 41, 0, 42, content_parts=[(22, 25), (33, 41)])],
        timexes=[Timex(a.id, 66, 78, "4 March 2031", "DATE", "2031-03-04")],
        sentences=[(0, 42), (43, 79)],
    )


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "r.db") as s:
        yield s


def test_store_article_round_trip_keeps_every_field(store):
    a = art(1, kind="article", captured="2031-03-06", language="en", section="Local", url="https://ledger.invalid/1")
    assert store.add_page_articles("hash1", a.page_source, [a], [b"\x01\x02"]) == 1
    got = store.article(a.source)
    expected = a.to_dict() | {"page_hash": "hash1"}
    assert got.to_dict() == expected
    assert store.article(a.id).source == a.source


def test_store_same_page_twice_adds_nothing(store):
    a, t = art(1), art(1, source="site/p1.html#teaser-1", kind="teaser", parent="site/p1.html#main")
    assert store.add_page_articles("h", "site/p1.html", [a, t]) == 2
    assert store.add_page_articles("h", "site/p1.html", [a, t]) == 0
    assert store.has_page("h") == 2
    assert store.counts()["articles"] == 2 and store.counts()["teasers"] == 1


def test_store_changed_page_keeps_first_copy_of_a_source(store):
    store.add_page_articles("v1", "site/p1.html", [art(1, body="first version")])
    assert store.add_page_articles("v2", "site/p1.html", [art(1, body="second version")]) == 0
    assert [a.body for a in store.articles()] == ["first version"]


def test_store_transaction_rolls_back_whole_batch(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_page_articles("h1", "a", [art(1)])
            store.add_page_articles("h2", "b", [art(2)])
            raise RuntimeError("killed mid-batch")
    assert store.articles() == [] and store.has_page("h1") is None
    assert store.search("bridge") == []


def test_store_save_analysis_replaces_per_article(store):
    a = art(1)
    store.add_page_articles("h", a.page_source, [a])
    assert store.unanalyzed() == [a.id]
    store.save_analysis([analysis(a)])
    store.save_analysis([analysis(a)])  # again: replaced, not doubled
    [got] = store.analyses()
    assert got == analysis(a)
    assert store.unanalyzed() == []
    store.save_analysis([ArticleAnalysis(a.id)])
    assert store.analyses()[0].mentions == [] and store.counts()["attributions"] == 0


def test_store_replace_entities_links_spans_and_reports_changed_articles(store):
    a, b = art(1), art(2)
    store.add_page_articles("h1", a.page_source, [a])
    store.add_page_articles("h2", b.page_source, [b])
    store.save_analysis([analysis(a), analysis(b)])
    res = Resolution(
        entities=[Entity("e1", "Odile Varga", "PERSON", ["Odile Varga", "Mayor Varga"])],
        mention_entity={(a.id, 6, 16): "e1", (b.id, 6, 16): "e1"},
        speaker_entity={(a.id, 0, 16): "e1"},
    )
    assert store.replace_entities(res) == {a.id, b.id}
    assert store.replace_entities(res) == set()  # same resolution: nothing changed
    assert store.entities() == [Entity("e1", "Odile Varga", "PERSON", ["Odile Varga", "Mayor Varga"])]
    assert [m.entity for m in store.mentions(entity="e1")] == ["e1", "e1"]
    assert store.attributions(speaker="mayor varga")[0].speaker_entity == "e1"  # by alias
    assert store.attributions(speaker="nobody") == []
    renamed = Resolution([Entity("e1", "Odile Varga-Lind", "PERSON", [])], res.mention_entity, {})
    assert store.replace_entities(renamed) == {a.id, b.id}


def test_store_stories_change_tracking_and_report_round_trip(store):
    a, b = art(1), art(2)
    store.add_page_articles("h1", a.page_source, [a])
    store.add_page_articles("h2", b.page_source, [b])
    s1 = Story("s1", "Bridge row", [a.id], "2031-03-05", "2031-03-05")
    assert store.save_stories([s1], grouped=[a.id], state=("story_index", b"idx1")) == ["s1"]
    assert store.ungrouped() == [b.id] and store.get_state("story_index") == b"idx1"
    assert store.save_stories([s1]) == []  # unchanged
    s1b = Story("s1", "Bridge row", [a.id, b.id], "2031-03-05", "2031-03-05")
    assert store.save_stories([s1b], grouped=[b.id]) == ["s1"]
    assert store.stale_stories() == ["s1"]
    report = StoryReport(
        story="s1",
        claims=[Claim("s1", a.id, "the bridge was safe", 22, 41, "attributed", "Odile Varga", "e1", "council", "q1",
                      "safe", 2, id="c1"),
                Claim("s1", b.id, "the bridge was unsafe", 22, 43, "denied", "Engineers", None, "engineers", "q1",
                      "unsafe", 1, id="c2")],
        questions=[Question("q1", "s1", "Was the bridge safe?", True, "opposite predicates",
                            [Side("safe", ["c1"], ["Odile Varga"], ["Vale Ledger"]),
                             Side("unsafe", ["c2"], ["Engineers"], ["Vale Ledger"])])],
        framing=[Framing("s1", "Vale Ledger", {"Odile Varga": ["Varga"]}, 0.5, {"council": 1}, -0.2, 2)],
    )
    store.save_story_report(report)
    assert store.stale_stories() == []
    assert store.story_report("s1") == report
    assert store.contested_counts() == {"s1": 1}
    assert store.story("s") == store.story("s1") == s1b  # unique prefix works
    assert [x.id for x in store.articles(story="s1")] == [a.id, b.id]
    assert store.save_stories([Story("s2", "Other", [b.id])]) == ["s2"]  # s1 gone, b moved
    assert [s.id for s in store.stories()] == ["s2"] and store.story_report("s1") is None


def test_store_failures_state_and_paging(store):
    for n in range(5):
        store.add_page_articles(f"h{n}", f"p{n}", [art(n)])
    assert [a.title for a in store.articles(limit=2, offset=1)] == ["Bridge row 1", "Bridge row 2"]
    assert store.count_articles() == 5
    store.record_failure("bad.warc", "truncated gzip stream", run="r1")
    store.record_failure("worse.html", "empty file", run="r2")
    assert [(f.source, f.reason) for f in store.failures(run="r1")] == [("bad.warc", "truncated gzip stream")]
    assert len(store.failures()) == 2 and store.counts()["errors"] == 2
    assert store.get_state("missing") is None
    store.set_state("k", b"v1")
    store.set_state("k", b"v2")
    assert store.get_state("k") == b"v2"
    assert store.check() == []
