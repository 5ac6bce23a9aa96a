"""Related articles (stories.related, store.related, web.related) and the credit line of a re-served copy.

On the bundled demo corpus (its facts in demo/README.md) and on invented records: a transit strike,
a depot fire and a football transfer that share some people and places and not others.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.config import default_options
from rashomon.model import Article, ArticleAnalysis, Entity, Mention, Page, Story, content_hash
from rashomon.pipeline import ingest_pages
from rashomon.resolve import Resolution
from rashomon.store import Store
from rashomon.stories.related import across_stories, rarity, same_story
from rashomon.web.app import create_app
from rashomon.web.related import relations


# --- the pure ranking -------------------------------------------------------------------------

def _art(src: str, published: str | None = None, **kw) -> Article:
    return Article(source=f"{src}#main", page_source=src, title=src, published=published, body=src, **kw)


def test_same_story_is_newest_first_undated_last_and_folds_copies_under_their_original():
    me = _art("me", "2026-04-02")
    wire = _art("wire", "2026-04-01", outlet="Northwire")
    copy = _art("copy", "2026-04-03", outlet="Roundup Now", copy_of="wire#main", copy_kind="wire copy")
    late = _art("late", "2026-04-05")
    undated = _art("undated")
    teaser = Article(source="t#teaser-1", page_source="t", kind="teaser", title="t", published="2026-04-09")
    got = same_story(me, [me, wire, copy, late, undated, teaser], "s1")
    assert [r.article.source for r in got] == ["late#main", "wire#main", "undated#main"]
    assert [c.source for c in got[1].copies] == ["copy#main"]  # the copy is folded, not listed
    assert all(r.story == "s1" and r.reason == "same story" for r in got)


def test_a_copy_lists_its_original_but_an_original_does_not_list_its_own_copies():
    wire = _art("wire", "2026-04-01")
    copy = _art("copy", "2026-04-03", copy_of="wire#main")
    other = _art("other", "2026-04-02")
    assert [r.article.source for r in same_story(copy, [wire, copy, other])] == ["other#main", "wire#main"]
    assert [r.article.source for r in same_story(wire, [wire, copy, other])] == ["other#main"]


def test_across_stories_ranks_by_rarity_and_salience_caps_each_story_and_drops_a_common_name_alone():
    # this article is about a rare person (2 of 100 articles), in a town (10 of 100), in a country (90 of 100)
    names = {"p": "Brannoc Ilves", "t": "Drenmoor", "c": "Korvania", "x": "Hedda Varnum"}
    df = {"p": 2, "t": 10, "c": 90, "x": 3}
    mine = {"p": 4, "t": 2, "c": 1}
    articles = {k: _art(k, f"2026-04-0{i + 1}") for i, k in enumerate(["a", "b", "c", "d", "e", "f", "g"])}
    vectors = {"a": {"c": 3}, "b": {"t": 1, "x": 2}, "c": {"p": 2, "c": 1}, "d": {"t": 1, "c": 2},
               "e": {"t": 1}, "f": {"t": 2}, "g": {"t": 1, "x": 1}}
    stories = {"a": "s2", "b": "s3", "c": "s4", "d": "s5", "e": "s3", "f": "s3", "g": "s3"}
    got = across_stories("s1", mine, names, vectors, df, articles, stories, 100, per_story=2)
    ids = [r.article.source.split("#")[0] for r in got]
    assert ids[0] == "c"  # the rare person outweighs the town
    assert "a" not in ids  # the country alone is not a relation
    assert sum(stories[i] == "s3" for i in ids) == 2  # at most two of one other story
    assert got[0].shared == ["Brannoc Ilves", "Korvania"]  # most weight first
    w = {e: (1 + math.log(n)) * rarity(df[e], 100) for e, n in mine.items()}
    v = {"p": (1 + math.log(2)) * rarity(2, 100), "c": rarity(90, 100)}
    expected = (w["p"] * v["p"] + w["c"] * v["c"]) / (math.sqrt(sum(x * x for x in w.values())) * math.sqrt(sum(x * x for x in v.values())))
    assert got[0].score == pytest.approx(expected)
    # an article of its own story is never listed here
    assert all(r.story != "s3" for r in across_stories("s3", mine, names, vectors, df, articles, stories, 100, per_story=9))


def test_rarity_is_zero_for_a_name_every_article_carries():
    assert rarity(100, 100) == 0.0 and rarity(1, 100) > rarity(10, 100) > 0


# --- an invented store: three stories ----------------------------------------------------------

NAMES = {"Brannoc Ilves": ("PERSON", "e-ilves"), "Drenmoor": ("GPE", "e-drenmoor"), "Korvania": ("GPE", "e-korvania"),
         "Hedda Varnum": ("PERSON", "e-varnum")}
TEXTS = {
    "strike1": ("2026-04-01", "strike", "Tram drivers in Drenmoor, Korvania, walked out. Union organiser Brannoc Ilves said the strike would last a week."),
    "strike2": ("2026-04-03", "strike", "The Drenmoor strike entered a third day in Korvania. Hedda Varnum said talks resume on Thursday."),
    "strike3": ("2026-04-02", "strike", "Brannoc Ilves told drivers in Drenmoor to hold the line. Korvania's unions sent money."),
    "fire1": ("2026-04-05", "fire", "A fire at the Drenmoor tram depot destroyed six cars in Korvania. Brannoc Ilves said no driver was hurt."),
    "transfer1": ("2026-04-06", "transfer", "Korvania's champions signed a striker for a record fee on Monday."),
    "transfer2": ("2026-04-07", "transfer", "The record transfer was the talk of Korvania on Tuesday."),
}


@pytest.fixture
def three_stories(tmp_path: Path) -> dict:
    db = str(tmp_path / "three.db")
    arts, analyses = {}, []
    for key, (date, _, body) in TEXTS.items():
        a = Article(source=f"{key}.html#main", page_source=f"{key}.html", title=key, body=body, published=date,
                    outlet=key.rstrip("0123456789").title() + " Post")
        arts[key] = a
        mentions = [Mention(a.id, m.start(), m.end(), text, label, ent) for text, (label, ent) in NAMES.items()
                    for m in re.finditer(re.escape(text), body)]
        analyses.append(ArticleAnalysis(article=a.id, mentions=mentions))
    entities = [Entity(ent, text, label, [text]) for text, (label, ent) in NAMES.items()]
    stories = {}
    for key, (_, story, _) in TEXTS.items():
        stories.setdefault(story, []).append(arts[key].id)
    with Store.open(db) as store:
        for a in arts.values():
            store.add_page_articles(content_hash(a.body), a.page_source, [a])
        store.save_analysis(analyses)
        store.replace_entities(Resolution.linked_in(analyses, entities))
        store.save_stories([Story(id=f"s-{k}", title=k, articles=v) for k, v in stories.items()],
                           grouped=[a.id for a in arts.values()])
    return {"db": db, "articles": arts}


def test_relations_on_an_invented_store_put_the_story_first_then_the_story_sharing_rare_names(three_stories):
    arts = three_stories["articles"]
    with Store.open(three_stories["db"]) as store:
        rel = relations(store, store.article(arts["strike1"].id))
    assert [r.article.id for r in rel.same] == [arts["strike2"].id, arts["strike3"].id]  # newest first
    assert [r.article.id for r in rel.other] == [arts["fire1"].id]  # shares Ilves and Drenmoor
    assert rel.other[0].shared[:2] == ["Brannoc Ilves", "Drenmoor"] or rel.other[0].shared[:2] == ["Drenmoor", "Brannoc Ilves"]
    assert "Korvania" not in rel.other[0].shared[:1]  # named by every article: weighs nothing
    assert rel.credit is None


def test_an_article_sharing_only_the_country_everyone_names_has_no_other_story(three_stories):
    arts = three_stories["articles"]
    with Store.open(three_stories["db"]) as store:
        rel = relations(store, store.article(arts["transfer1"].id))
    assert [r.article.id for r in rel.same] == [arts["transfer2"].id]
    assert rel.other == []


def test_the_related_endpoint(three_stories):
    arts = three_stories["articles"]
    client = TestClient(create_app(three_stories["db"]), base_url="http://127.0.0.1")
    body = client.get(f"/api/articles/{arts['fire1'].id}/related").json()
    assert body["article"] == arts["fire1"].id and body["same_story"] == [] and body["credit"] is None
    assert {r["id"] for r in body["other_stories"]} >= {arts["strike1"].id, arts["strike3"].id}
    assert all(r["reason"] == "shares names" and r["story"] == "s-strike" for r in body["other_stories"])
    assert client.get("/api/articles/no-such-article/related").status_code == 404
    page = client.get(f"/articles/{arts['fire1'].id}").text
    assert 'id="related"' in page and f'/articles/{arts["strike1"].id}' in page and "Brannoc Ilves" in page


# --- a re-served copy and its original, both stored -------------------------------------------

STRIKE = ("Tram and bus drivers in Drenmoor walked out at dawn on Monday, leaving the valley's two lines idle. "
          "The union says the operator broke a promise to cap night shifts at six a week.")


def test_a_stored_copy_credits_and_links_its_original_by_canonical_url(tmp_path: Path):
    original_url = "https://www.kestrelgazette.com/valley/drenmoor-drivers-strike"
    own = (f"<html><head><title>Drenmoor drivers strike</title><meta property='og:site_name' content='Kestrel Gazette'>"
           f"</head><body><article><h1>Drenmoor drivers strike</h1><p>{STRIKE}</p><p>Talks resume on Thursday, "
           f"the operator said.</p></article></body></html>")
    agg = own.replace("Kestrel Gazette", "Roundup Now").replace(
        "</head>", f"<link rel='canonical' href='{original_url}'></head>")
    db = str(tmp_path / "copy.db")
    opts = default_options(db=db, analyze=False, online=False)
    ingest_pages([Page(source=original_url, kind="html", text=own, url=original_url),
                  Page(source="https://roundupnow.com/a/1", kind="html", text=agg, url="https://roundupnow.com/a/1")], opts)
    with Store.open(db) as store:
        copy = next(a for a in store.articles() if a.outlet == "Roundup Now")
        orig = next(a for a in store.articles() if a.outlet == "Kestrel Gazette")
        assert copy.original_outlet == "Kestrelgazette"  # read off the canonical host: the copy never prints it
        assert copy.original_url == original_url
        rel = relations(store, copy)
        assert rel.credit is not None and rel.credit.article is not None and rel.credit.article.id == orig.id
        assert rel.credit.found_on == "Roundup Now"
        assert rel.credit.original == "Kestrel Gazette"  # as the stored original names itself
        assert relations(store, orig).credit is None
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    page = client.get(f"/articles/{copy.id}").text
    credit = page[page.index('id="credit"'):page.index("</p>", page.index('id="credit"'))]
    assert "Reported by" in credit and f'href="/articles/{orig.id}"' in credit and "found on" in credit
    assert "Roundup Now" in credit and "Kestrel Gazette" in credit
    record = client.get(f"/api/articles/{copy.id}").json()
    assert record["original_url"] == original_url and record["original_evidence"].startswith("canonical link")


# --- the demo corpus ----------------------------------------------------------------------------

def test_demo_related_articles_keep_to_the_story_newest_first_with_the_wire_copy_folded(demo_db: str):
    with Store.open(demo_db) as store:
        arts = [a for a in store.articles() if a.kind == "article"]
        ledger = next(a for a in arts if a.outlet == "The Harbour Ledger")
        rel = relations(store, ledger)
        dam = store.article_story(ledger.id)
        members = {a.id for a in store.articles(story=dam)}
    listed = [r.article for r in rel.same]
    assert ledger.id not in {a.id for a in listed}
    assert all(a.id in members for a in listed)  # no tram article
    dates = [a.published for a in listed]
    assert dates == sorted(dates, reverse=True)
    wire = next(r for r in rel.same if r.article.outlet == "Meridian Wire")
    assert [c.outlet for c in wire.copies] == ["Eastbank Post"]  # folded, not listed on its own
    assert "Eastbank Post" not in [a.outlet for a in listed]
    # every other main article of the dam story is reachable: listed or folded
    assert {a.id for a in listed} | {c.id for r in rel.same for c in r.copies} == members - {ledger.id}


def test_demo_wire_copy_credits_the_wire_and_links_it(demo_db: str):
    client = TestClient(create_app(demo_db), base_url="http://127.0.0.1")
    with Store.open(demo_db) as store:
        arts = store.articles()
    eastbank = next(a for a in arts if a.outlet == "Eastbank Post")
    meridian = next(a for a in arts if a.outlet == "Meridian Wire")
    body = client.get(f"/api/articles/{eastbank.id}/related").json()
    assert body["credit"]["original_outlet"] == "Meridian Wire"
    assert body["credit"]["found_on"] == "Eastbank Post"
    assert body["credit"]["original_article"] == meridian.id
    assert client.get(f"/api/articles/{meridian.id}/related").json()["credit"] is None
