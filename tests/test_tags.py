"""Tags and the home page's sections on invented stories of three kinds (a factory fire, a transit strike,
a football transfer), through the whole pipeline: subjects, entity tags, regions, tag pages, home sections,
the API and `rashomon tags`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tags_fixtures import STORY_ARTICLES

from rashomon import browse
from rashomon.cli import main
from rashomon.config import default_options
from rashomon.pipeline import ingest
from rashomon.store import Store
from rashomon.web.app import create_app

EXTRA = {"url": "https://castrane-courier.example/2026/05/14/strike-talks",
         "title": "Castrane transit talks resume as TransCast suspends strike", "outlet": "Castrane Courier",
         "published": "2026-05-14",
         "text": "CASTRANE, Belgium - The TransCast union suspended its strike on Thursday as talks with the "
                 "Castrane transit authority resumed.\n\nUnion leader Mireille Dufay said drivers would return "
                 "to work while the pay offer was negotiated. Buses and trams ran again in Castrane on Thursday "
                 "afternoon."}


def _write(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "kind"}) + "\n" for r in records))
    return str(path)


def _build(folder: Path, records: list[dict[str, str]]) -> str:
    db = str(folder / "tags.db")
    report = ingest([_write(folder / "dump.jsonl", records)], default_options(db=db))
    assert not report.failures, report.failures
    return db


@pytest.fixture(scope="module")
def kinds_db(tmp_path_factory: pytest.TempPathFactory, minilm: str) -> str:
    return _build(tmp_path_factory.mktemp("kinds"), STORY_ARTICLES)


def _kind_of_story(store: Store) -> dict[str, str]:
    """Story id -> the kind its articles were written as (each story must hold one kind only)."""
    kind_of_url = {r["url"]: r["kind"] for r in STORY_ARTICLES}
    out = {}
    for s in store.stories():
        kinds = {kind_of_url.get(a.url) for a in store.articles(ids=s.articles)} - {None}
        assert len(kinds) == 1, (s.title, kinds)
        out[s.id] = kinds.pop()
    return out


def test_tags_each_invented_story_gets_its_subject_first(kinds_db: str) -> None:
    with Store.open(kinds_db) as store:
        kinds = _kind_of_story(store)
        assert sorted(kinds.values()) == ["disaster", "labour", "sport"]
        tags = browse.story_tags(store, list(kinds))
        for sid, kind in kinds.items():
            topics = [t.slug for t in tags[sid] if t.kind == "topic"]
            assert topics and topics[0] == f"topic-{kind}", (kind, topics)


def test_tags_people_and_places_stay_with_their_story_and_regions_are_countries(kinds_db: str) -> None:
    with Store.open(kinds_db) as store:
        kinds = {k: s for s, k in _kind_of_story(store).items()}
        tags = browse.story_tags(store, list(kinds.values()))
        slugs = {k: {t.slug for t in tags[sid]} for k, sid in kinds.items()}
        assert "person-rui-almada" in slugs["disaster"] and "person-rui-almada" not in slugs["labour"]
        assert "person-mireille-dufay" in slugs["labour"] and "person-mireille-dufay" not in slugs["sport"]
        assert "person-dani-kovar" in slugs["sport"]
        regions = browse.story_region_tags(store, list(kinds.values()))
        assert [t.name for t in regions[kinds["disaster"]]] == ["Portugal"]
        assert [t.name for t in regions[kinds["labour"]]] == ["Belgium"]
        assert regions[kinds["sport"]] == []  # it names no country


def test_tags_tag_page_finds_stories_and_articles_newest_first(kinds_db: str) -> None:
    with Store.open(kinds_db) as store:
        kinds = {k: s for s, k in _kind_of_story(store).items()}
        page = browse.tag_page(store, "place-portugal")
        assert page is not None and page["tag"].name == "Portugal"
        assert page["story_order"] == [kinds["disaster"]]
        fire = {a.id: a for a in store.articles(story=kinds["disaster"])}
        assert set(page["article_order"]) == set(fire)
        dates = [fire[a].published for a in page["article_order"]]
        assert dates == sorted(dates, reverse=True)
        sport = browse.tag_page(store, "topic-sport")
        assert sport["story_order"] == [kinds["sport"]] and sport["total_articles"] == 2
        assert browse.tag_page(store, "place-atlantis") is None
        index = {c.tag.slug: c for c in browse.tag_index(store)}
        for slug in ("topic-labour", "place-belgium", "person-dani-kovar"):  # the index agrees with the pages
            found = browse.tag_page(store, slug)
            assert (index[slug].stories, index[slug].articles) == (found["total_stories"], found["total_articles"])


def test_tags_slugs_are_the_same_in_another_run(kinds_db: str, tmp_path: Path) -> None:
    """Ingested in the reverse order into a new database, every story carries the same tags."""
    other = _build(tmp_path, list(reversed(STORY_ARTICLES)))

    def by_urls(db: str) -> dict[frozenset[str], list[str]]:
        with Store.open(db) as store:
            stories = store.stories()
            tags = browse.story_tags(store, [s.id for s in stories])
            return {frozenset(a.url for a in store.articles(ids=s.articles)): [t.slug for t in tags[s.id]]
                    for s in stories}

    first, second = by_urls(kinds_db), by_urls(other)
    assert set(first) == set(second) and all(first[k] == second[k] for k in first)


def test_tags_home_sections(kinds_db: str, tmp_path: Path) -> None:
    with Store.open(kinds_db) as store:
        home = browse.home(store)
        kinds = {s: k for s, k in _kind_of_story(store).items()}
    assert len(home.covered.stories) == 3 and all(f.articles == 2 for f in home.covered.stories)
    assert {s.heading for s in home.regions} == {"Portugal", "Belgium"}
    assert {s.tag.slug for s in home.topics} == {"topic-disaster", "topic-labour", "topic-sport"}
    for section in home.topics:
        assert [f"topic-{kinds[f.story]}" for f in section.stories] == [section.tag.slug]
    weights = [f.contested_weight for f in home.contested.stories]
    assert weights == sorted(weights, reverse=True) and all(f.contested > 0 for f in home.contested.stories)


def test_tags_a_new_article_puts_its_story_first_in_recently_changed(tmp_path: Path, minilm: str) -> None:
    db = _build(tmp_path, STORY_ARTICLES)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    before = client.get("/api/home").json()["changed"]["stories"]  # the server keeps it until the database changes
    assert all(f["articles"] == 2 for f in before)
    count = {t["slug"]: t["articles"] for t in client.get("/api/tags").json()["items"]}["place-castrane"]
    time.sleep(1.1)  # stored times are to the second
    report = ingest([_write(tmp_path / "more.jsonl", [EXTRA])], default_options(db=db))
    assert not report.failures
    with Store.open(db) as store:
        changed = browse.home(store).changed.stories
        strike = store.article_story(store.articles(ids=None)[-1].id)
        assert changed[0].story == strike and changed[0].articles == 3
        assert changed[0].changed > changed[1].changed
    after = client.get("/api/home").json()["changed"]["stories"]
    assert after[0]["story"] == strike and after[0]["articles"] == 3
    assert {t["slug"]: t["articles"] for t in client.get("/api/tags").json()["items"]}["place-castrane"] == count + 1


def test_tags_api_and_pages(kinds_db: str) -> None:
    client = TestClient(create_app(kinds_db), base_url="http://127.0.0.1")
    index = client.get("/api/tags").json()
    slugs = [t["slug"] for t in index["items"]]
    assert index["total"] == len(slugs) and {"topic-sport", "place-portugal", "person-mireille-dufay"} <= set(slugs)
    assert all(t["kind"] == "person" for t in client.get("/api/tags?kind=person").json()["items"])
    one = client.get("/api/tags/place-castrane?limit=1").json()
    assert one["name"] == "Castrane" and one["total_articles"] == 2 and len(one["articles"]) == 1
    assert one["articles"][0]["published"] == "2026-05-12"  # newest first
    assert client.get("/api/tags/place-castrane?limit=1&offset=1").json()["articles"][0]["published"] == "2026-05-11"
    assert client.get("/api/tags/place-belgium").json()["name"] == "Belgium"
    assert client.get("/api/tags/place-atlantis").status_code == 404
    assert client.get("/api/tags/Not%20A%20Slug").status_code == 422
    home = client.get("/api/home").json()
    assert {"covered", "contested", "changed", "regions", "topics"} <= set(home)
    assert {s["heading"] for s in home["regions"]} == {"Portugal", "Belgium"}
    page = client.get("/").text
    assert 'id="home-covered"' in page and 'href="/tags/place-portugal"' in page and 'href="/tags/topic-labour"' in page
    tag_page = client.get("/tags/person-rui-almada")
    assert tag_page.status_code == 200 and "Orvell" in tag_page.text
    assert client.get("/tags/place-atlantis").status_code == 404
    story = one["stories"][0]["story"]
    record = client.get(f"/api/stories/{story}").json()["tags"]
    assert record[0] == {"slug": "topic-labour", "kind": "topic", "name": "labour"}
    assert {"slug": "person-mireille-dufay", "kind": "person", "name": "Mireille Dufay"} in record
    assert 'href="/tags/person-mireille-dufay"' in client.get(f"/stories/{story}").text
    assert 'href="/tags/topic-labour"' in client.get(f'/articles/{one["articles"][0]["id"]}').text
    tags_page = client.get("/tags").text
    assert all(f'href="/tags/{s}"' in tags_page for s in slugs)


def test_tags_cli(kinds_db: str, runner) -> None:
    listed = runner.invoke(main, ["tags", "--db", kinds_db])
    assert listed.exit_code == 0 and "topic-disaster" in listed.output and "place-portugal" in listed.output
    people = json.loads(runner.invoke(main, ["tags", "--kind", "person", "--json", "--db", kinds_db]).output)
    assert people and all(t["kind"] == "person" for t in people)
    one = json.loads(runner.invoke(main, ["tags", "topic-labour", "--json", "--db", kinds_db]).output)
    assert one["total_stories"] == 1 and {a["outlet"] for a in one["articles"]} == {"Castrane Courier", "Lowgate Times"}
    missing = runner.invoke(main, ["tags", "place-atlantis", "--db", kinds_db])
    assert missing.exit_code == 1 and "no tag" in missing.stderr
