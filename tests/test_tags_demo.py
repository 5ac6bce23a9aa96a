"""Tags and the home sections on the bundled demo corpus (a dam burst on a border, a city's tram line)."""

from __future__ import annotations


import pytest
from fastapi.testclient import TestClient

from rashomon import browse
from rashomon.store import Store
from rashomon.web.app import create_app


@pytest.fixture(scope="module")
def demo_db(demo_db: str, minilm: str) -> str:
    """The demo database, only where the MiniLM that gives subjects is installed."""
    return demo_db


def _stories(store: Store) -> dict[str, str]:
    """'dam' and 'tram' -> story id, by the words of their articles' titles."""
    out = {}
    for s in store.stories(teasers=False):
        titles = " ".join(a.title.lower() for a in store.articles(ids=s.articles))
        key = "dam" if "dam" in titles.split() else "tram" if "tram" in titles.split() else None
        if key and len(s.articles) > 1:
            out[key] = s.id
    return out


def test_tags_demo_subjects_places_and_regions(demo_db: str) -> None:
    with Store.open(demo_db) as store:
        ids = _stories(store)
        tags = browse.story_tags(store, list(ids.values()))
        dam, tram = ({t.slug for t in tags[ids[k]]} for k in ("dam", "tram"))
        assert [t.slug for t in tags[ids["dam"]] if t.kind == "topic"][0] == "topic-disaster"
        assert "topic-disaster" not in tram
        assert {"place-valdoria", "place-tervania", "person-marek-sollan"} <= dam  # both countries, the minister
        assert not {"place-valdoria", "place-tervania"} & tram
        regions = browse.story_region_tags(store, [ids["dam"]])[ids["dam"]]
        assert {t.name for t in regions} == {"Valdoria", "Tervania"}  # invented countries: the places in most articles


def test_tags_demo_index_agrees_with_each_tag_page(demo_db: str) -> None:
    with Store.open(demo_db) as store:
        index = browse.tag_index(store)
        assert index and index[0].tag.kind == "topic"
        for c in index:
            page = browse.tag_page(store, c.tag.slug, limit=500)
            assert page is not None and page["tag"].slug == c.tag.slug
            assert (page["total_stories"], page["total_articles"]) == (c.stories, c.articles), c.tag.slug
            assert len(page["story_order"]) == c.stories


def test_tags_demo_home_sections(demo_db: str) -> None:
    with Store.open(demo_db) as store:
        ids = _stories(store)
        home = browse.home(store)
        sizes = {s.id: len(s.articles) for s in store.stories()}
    assert home.covered.stories[0].story == ids["dam"] and home.covered.stories[0].articles == sizes[ids["dam"]]
    assert home.contested.stories[0].story == ids["dam"]  # the sabotage question and the death toll
    assert {s.heading for s in home.regions} >= {"Valdoria", "Tervania"}
    topics = {s.tag.slug: [f.story for f in s.stories] for s in home.topics}
    assert topics["topic-disaster"] == [ids["dam"]]


def test_tags_demo_api(demo_db: str) -> None:
    client = TestClient(create_app(demo_db), base_url="http://127.0.0.1")
    home = client.get("/api/home").json()
    assert home["covered"]["stories"][0]["articles"] >= 7
    dam = client.get("/api/tags/place-valdoria").json()
    assert dam["total_stories"] == 1 and dam["total_articles"] >= 5
    dates = [a["published"] for a in dam["articles"] if a["published"]]
    assert dates == sorted(dates, reverse=True)
