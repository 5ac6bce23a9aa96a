"""Issue 22's reader features on the seeds (../shared/seeds; skipped without it), through the API as a
reader's tools see them: each main article's related list opens with the other outlet's article of its
story, and the story's and its most quoted speaker's Atom feeds are valid and hold what the store holds.
(Tags, notes, the brief and the credit line have their own seeds tests.)"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from atom_check import atom_schema, problems
from fastapi.testclient import TestClient

from rashomon.config import default_options
from rashomon.pipeline import ingest
from rashomon.store import Store
from rashomon.web import create_app

pytest.importorskip("rnc2rng")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict:
    db = str(tmp_path_factory.mktemp("seeds-reader") / "seeds.db")
    pages = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    assert len(pages) >= 2 and not ingest(pages, default_options(db=db)).failures
    with Store.open(db) as store:
        mains = [a for a in store.articles() if a.kind == "article"]
        story = store.article_story(mains[0].id)
        members = {a.id for a in store.articles(story=story) if a.kind == "article"}
        main_ids = {a.id for a in mains}
        # the speaker quoted most in the main articles (teasers have no feed entries of their own)
        speaker = max(store.entities(), key=lambda e: sum(x.article in main_ids for x in store.attributions(entity=e.id, limit=500)))
        quoted = {x.article for x in store.attributions(entity=speaker.id, limit=500)} & main_ids
    return {"db": db, "mains": [a.id for a in mains], "story": story, "members": members,
            "speaker": speaker.id, "quoted": quoted, "client": TestClient(create_app(db), base_url="http://127.0.0.1")}


def test_seeds_related_lists_the_other_outlets_article_of_the_story_first(seeds: dict) -> None:
    assert len(seeds["members"]) >= 2, "the two seed articles should form one story"
    for aid in seeds["members"]:
        body = seeds["client"].get(f"/api/articles/{aid}/related").json()
        assert body["story"] == seeds["story"]
        same = [r["id"] for r in body["same_story"]]
        assert set(same) == seeds["members"] - {aid}
        assert all(r["story"] != seeds["story"] for r in body["other_stories"])


def test_seeds_story_and_speaker_feeds_are_valid_and_complete(seeds: dict) -> None:
    schema = atom_schema()
    client = seeds["client"]
    story_xml = client.get(f"/feeds/stories/{seeds['story']}.atom").content
    speaker_xml = client.get(f"/feeds/entities/{seeds['speaker']}.atom").content
    for xml in (story_xml, speaker_xml):
        assert problems(xml, schema) == []
    story_ids = {e.id.rsplit(":", 1)[1] for e in feedparser.parse(story_xml).entries if ":article:" in e.id}
    assert story_ids == seeds["members"]
    speaker_ids = {e.id.rsplit(":", 1)[1] for e in feedparser.parse(speaker_xml).entries if ":article:" in e.id}
    assert seeds["quoted"] and seeds["quoted"] <= speaker_ids
