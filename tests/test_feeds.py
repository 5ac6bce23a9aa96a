"""Atom feeds (issue 22 item 5) on the demo corpus, ingested in two steps as a follower would see it.

Validity is checked twice: against RFC 4287's grammar as a RELAX NG schema (tests/fixtures/atom/
atom.rnc, through rnc2rng and lxml: PyPI has no maintained Atom validator package — feedvalidator
was never published there — so the RFC's own schema language is the validator), plus the rules the
RFC states in prose; and by a feedparser round trip. Then: the entries are the articles and the
contested questions the store holds, their ids and times do not move when more pages come, and
the new pages' articles arrive as newer entries.
"""

from __future__ import annotations

import time
from pathlib import Path

import feedparser
import pytest
from atom_check import ATOM, atom_schema, problems
from fastapi.testclient import TestClient
from lxml import etree

from rashomon.config import default_options
from rashomon.feeds import Feed, FeedEntry, atom_xml
from rashomon.feeds.entries import first_pair, question_key
from rashomon.model import Claim, Question, Side, StoryReport
from rashomon.pipeline import ingest
from rashomon.store import Store
from rashomon.text.clip import clip
from rashomon.web import create_app

pytest.importorskip("rnc2rng")
FIRST = ("harbour-ledger-brenna-dam-sabotage.html", "northgate-courier-brenna-dam-report.html")


@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    return atom_schema()


@pytest.fixture(scope="module")
def two_steps(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> dict:
    """The demo in two ingests a second apart, each feed read after each."""
    root = tmp_path_factory.mktemp("feeds")
    first, rest = root / "first", root / "rest"
    first.mkdir()
    rest.mkdir()
    for f in demo_dir.iterdir():
        if f.is_file() and not f.name.endswith((".py", ".md")):
            (first if f.name in FIRST else rest).joinpath(f.name).write_bytes(f.read_bytes())
    db = str(root / "feeds.db")
    out: dict = {"db": db}
    for step, folder in (("before", first), ("after", rest)):
        report = ingest([str(folder)], default_options(db=db))
        assert not report.failures, report.failures
        client = TestClient(create_app(db), base_url="http://127.0.0.1")
        with Store.open(db) as store:
            harbour = next(a for a in store.articles() if a.source.endswith(FIRST[0] + "#main"))
            story = store.article_story(harbour.id)
            speaker = max(store.entities(), key=lambda e: len(store.attributions(entity=e.id, limit=500)))
        out[step] = {"story": story, "entity": speaker.id,
                     "story_xml": client.get(f"/feeds/stories/{story}.atom").content,
                     "entity_xml": client.get(f"/feeds/entities/{speaker.id}.atom").content,
                     "search_xml": client.get("/feeds/search.atom", params={"q": "dam"}).content}
        time.sleep(1.1)  # stored times have whole seconds: the second step is stored later
    return out


def _entries(xml: bytes) -> dict[str, dict]:
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return {e.id: {"updated": e.updated, "title": e.title, "link": e.link,
                   "kind": e.tags[0].term if e.get("tags") else None} for e in parsed.entries}


def _title(q: Question) -> str:
    return "Contested: " + clip(q.summary, 150)


def test_feeds_are_valid_atom(two_steps: dict, schema: etree.RelaxNG) -> None:
    for step in ("before", "after"):
        for name in ("story_xml", "entity_xml", "search_xml"):
            assert problems(two_steps[step][name], schema) == [], (step, name)


def test_the_validator_rejects_broken_feeds(two_steps: dict, schema: etree.RelaxNG) -> None:
    """The checks above can fail: a feed without its id, a time without its zone, an entry without a
    title, each is refused."""
    xml = two_steps["after"]["story_xml"]
    for break_it in (
        lambda d: d.remove(d.find(f"{ATOM}id")),
        lambda d: setattr(d.find(f"{ATOM}updated"), "text", "2026-03-10T09:00:00"),
        lambda d: (e := d.find(f"{ATOM}entry")).remove(e.find(f"{ATOM}title")),
    ):
        doc = etree.fromstring(xml)
        break_it(doc)
        assert problems(etree.tostring(doc), schema)
    doc = etree.fromstring(xml)
    for e in doc.iter(f"{ATOM}entry"):
        for link in e.findall(f"{ATOM}link"):
            e.remove(link)
    doc.remove(doc.find(f"{ATOM}author"))
    for e in doc.iter(f"{ATOM}entry"):
        if e.find(f"{ATOM}author") is not None:
            e.remove(e.find(f"{ATOM}author"))
    assert problems(etree.tostring(doc), schema)


def test_story_feed_holds_its_articles_and_contested_questions(two_steps: dict) -> None:
    after = two_steps["after"]
    entries = _entries(after["story_xml"])
    with Store.open(two_steps["db"]) as store:
        story = store.story(after["story"])
        articles = {a.id for a in store.articles(ids=story.articles) if a.kind == "article"}
        contested = {_title(q) for q in store.story_report(story.id).questions if q.contested}
    assert {i.rsplit(":", 1)[1] for i, e in entries.items() if e["kind"] == "article"} == articles
    assert {e["title"] for e in entries.values() if e["kind"] == "question"} == contested
    assert contested and all(e["link"].endswith(f"/stories/{story.id}#contested")
                             for e in entries.values() if e["kind"] == "question")
    assert all(e["link"].startswith("http://127.0.0.1/articles/") for e in entries.values() if e["kind"] == "article")


def test_entries_keep_their_ids_and_times_and_new_pages_come_newer(two_steps: dict) -> None:
    before, after = _entries(two_steps["before"]["story_xml"]), _entries(two_steps["after"]["story_xml"])
    old_articles = {i: e for i, e in before.items() if e["kind"] == "article"}
    assert len(old_articles) == len(FIRST)
    for i, e in old_articles.items():
        assert after[i]["updated"] == e["updated"]  # the same entry, the same time
    new = {i: e for i, e in after.items() if i not in before and e["kind"] == "article"}
    assert len(new) >= 4
    assert min(e["updated"] for e in new.values()) > max(e["updated"] for e in old_articles.values())
    # entity and search feeds grow the same way (a question is recomputed with its story, so only
    # articles are sure to stay)
    for name in ("entity_xml", "search_xml"):
        b, a = _entries(two_steps["before"][name]), _entries(two_steps["after"][name])
        kept = {i for i in b if b[i]["kind"] == "article"}
        assert kept <= set(a) and len(a) > len(b)
        assert all(a[i]["updated"] == b[i]["updated"] for i in kept)


def test_entity_and_search_feeds_hold_what_names_or_matches(two_steps: dict) -> None:
    after = two_steps["after"]
    with Store.open(two_steps["db"]) as store:
        named = {m.article for m in store.mentions(entity=after["entity"])} | \
                {t.article for t in store.attributions(entity=after["entity"], limit=500)}
        named = {a.id for a in store.articles(ids=sorted(named)) if a.kind == "article"}
        hits = {h.article for h in store.search("dam", limit=50)}
        hits = {a.id for a in store.articles(ids=sorted(hits)) if a.kind == "article"}
        report = store.story_report(after["story"])
    by_claim = {c.id: c for c in report.claims}
    held = {_title(q) for q in report.questions if q.contested and any(
        by_claim[c].speaker_entity == after["entity"] for side in q.sides for c in side.claims if c in by_claim)}
    ent = _entries(after["entity_xml"])
    assert {i.rsplit(":", 1)[1] for i, e in ent.items() if e["kind"] == "article"} == named
    assert held and {e["title"] for e in ent.values() if e["kind"] == "question"} == held
    found = _entries(after["search_xml"])
    assert {i.rsplit(":", 1)[1] for i, e in found.items() if e["kind"] == "article"} == hits


def test_tag_feed_and_the_pages_link_their_feeds(two_steps: dict, schema: etree.RelaxNG) -> None:
    from rashomon.browse import find_tag, tag_index

    client = TestClient(create_app(two_steps["db"]), base_url="http://127.0.0.1")
    after = two_steps["after"]
    with Store.open(two_steps["db"]) as store:
        tag = max(tag_index(store), key=lambda t: t.articles).tag
        _, stories, articles = find_tag(store, tag.slug)
        members = set(articles) | {a for s in stories for a in store.story(s).articles}
        expected = {a.id for a in store.articles(ids=sorted(members)) if a.kind == "article"}
        contested = {_title(q) for s in stories if (r := store.story_report(s)) for q in r.questions if q.contested}
    xml = client.get(f"/feeds/tags/{tag.slug}.atom").content
    assert problems(xml, schema) == []
    entries = _entries(xml)
    # the tag's articles and its stories' articles, and its stories' contested questions
    assert articles and {i.rsplit(":", 1)[1] for i, e in entries.items() if e["kind"] == "article"} == expected
    assert {e["title"] for e in entries.values() if e["kind"] == "question"} == contested
    for page, feed in ((f"/stories/{after['story']}", f"/feeds/stories/{after['story']}.atom"),
                       (f"/entities/{after['entity']}", f"/feeds/entities/{after['entity']}.atom"),
                       ("/search?q=dam", "/feeds/search.atom?q=dam"),
                       (f"/tags/{tag.slug}", f"/feeds/tags/{tag.slug}.atom")):
        html = client.get(page).text
        assert f'<link rel="alternate" type="application/atom+xml"' in html and f'href="{feed}"' in html, page
    for missing in ("/feeds/stories/story-none.atom", "/feeds/entities/none.atom", "/feeds/tags/none-such.atom"):
        assert client.get(missing).status_code == 404
    assert client.get("/feeds/search.atom").status_code == 422
    assert client.get(f"/feeds/stories/{after['story']}.atom").headers["content-type"].startswith("application/atom+xml")


def test_untrusted_text_stays_valid_xml(schema: etree.RelaxNG) -> None:
    """Control characters an article may carry cannot break the feed (XML 1.0 forbids them)."""
    feed = Feed(id="urn:rashomon:feed:test", title="Ferry\x0b strike", subtitle="s", path="/feeds/x.atom", page="/x",
                entries=[FeedEntry(id="urn:rashomon:article:a1", kind="article", title="Dock\x00 workers <walk out>",
                                   updated="2026-05-02T08:00:00+00:00", path="/articles/a1", summary="Pay & hours\x1f",
                                   author="Quay\x08 Times", published="2026-05-01")],
                updated="2026-05-02T08:00:00+00:00")
    xml = atom_xml(feed, "http://127.0.0.1:8000/")
    assert problems(xml, schema) == []
    e = feedparser.parse(xml).entries[0]
    assert e.title == "Dock workers <walk out>" and e.link == "http://127.0.0.1:8000/articles/a1"


def test_a_question_rederived_with_other_seeds_keeps_its_entry() -> None:
    """New pages re-derive a story's questions: other seeds, another title, another question id. The
    entry stays while the two statements that first set the sides apart are still on two sides."""
    claims = [Claim("s", art, f"statement {i}", 0, 9, "attributed", id=f"c{i}")
              for i, art in enumerate(("a1", "a2", "a3", "a4", "a5"))]
    seen = {"a1": "2026-03-01T08:00:00+00:00", "a2": "2026-03-01T09:00:00+00:00", "a3": "2026-03-02T08:00:00+00:00",
            "a4": "2026-03-03T08:00:00+00:00", "a5": "2026-03-04T08:00:00+00:00"}
    first = Question(id="q-first", story="s", summary="Did the union call the strike?", contested=True,
                     sides=[Side("yes", claims=["c0"]), Side("no", claims=["c1"])])
    later = Question(id="q-later", story="s", summary="Was the walkout a strike or a lockout?", contested=True,
                     sides=[Side("lockout", claims=["c3", "c1"]), Side("strike", claims=["c2", "c0", "c4"])])
    other = Question(id="q-other", story="s", summary="How many workers walked out?", contested=True,
                     sides=[Side("200", claims=["c2"]), Side("900", claims=["c4"])])
    report = StoryReport("s", claims=claims, questions=[first, later, other])
    when, pair = first_pair(first, report, seen)
    assert (when, pair) == (seen["a2"], ("c0", "c1"))
    assert first_pair(later, report, seen) == (when, pair)
    assert question_key(first_pair(other, report, seen)[1]) != question_key(pair)
    assert first_pair(Question(id="q", story="s", summary="?", contested=True, sides=[Side("x", claims=["c0"])]),
                      report, seen) is None
