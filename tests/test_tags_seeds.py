"""Tags and the home sections on the seeds (../shared/seeds; skipped without it): the tag index agrees
with every tag page, the story of the two articles has a subject and its regions are countries."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon import browse
from rashomon.config import default_options
from rashomon.pipeline import ingest
from rashomon.store import Store
from rashomon.stories.tags import country_of


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, minilm: str) -> str:
    db = str(tmp_path_factory.mktemp("seeds-tags") / "seeds.db")
    pages = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    assert pages and not ingest(pages, default_options(db=db)).failures
    return db


def test_tags_seeds(seeds_db: str) -> None:
    with Store.open(seeds_db) as store:
        home = browse.home(store)
        main = home.covered.stories[0]
        assert main.articles >= 2
        tags = browse.story_tags(store, [main.story])[main.story]
        assert tags and tags[0].kind == "topic"
        regions = browse.story_region_tags(store, [main.story])[main.story]
        assert regions and all(country_of(r.name) == r.name for r in regions)
        assert {s.heading for s in home.regions} == {r.name for r in regions}
        for c in browse.tag_index(store):
            page = browse.tag_page(store, c.tag.slug, limit=500)
            assert (page["total_stories"], page["total_articles"]) == (c.stories, c.articles), c.tag.slug
