"""The cited brief where a user reads it: the story page, the API's story record, the story export
(JSONL and typed Parquet) and ``rashomon show``, on the hand-built miners story (invented)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from rashomon.cli import main
from rashomon.store import Store
from rashomon.web import create_app


@pytest.fixture
def client(story_db: dict) -> TestClient:
    return TestClient(create_app(story_db["db"]), base_url="http://127.0.0.1")


def _bodies(db: str) -> dict[str, str]:
    with Store.open(db) as store:
        return {a.id: a.body for a in store.articles()}


def test_brief_in_the_api_story_record_cites_article_spans(client: TestClient, story_db: dict) -> None:
    story = story_db["story"]
    record = client.get(f"/api/stories/{story.id}").json()
    brief = record["brief"]
    assert {s["section"] for s in brief} == {"sides", "quoted"}  # the hand-built story has no dated events
    bodies = _bodies(story_db["db"])
    for s in brief:
        assert s["citations"]
        for c in s["citations"]:
            assert c["article"] in record["articles"]
            assert c["text"] == bodies[c["article"]][c["start"]:c["end"]] and c["text"].strip()
    # the sides: each sentence quotes the two statements it cites, one per side
    for s in (s for s in brief if s["section"] == "sides"):
        quoted = re.findall(r"“(.+?)”", s["text"])
        assert len(quoted) == 2 and all(q.rstrip("…") in c["text"] for q, c in zip(quoted, s["citations"]))
        assert s["question"] in {q["id"] for q in record["contested"]}


def test_brief_in_the_story_export_jsonl_and_parquet(story_db: dict, tmp_path, runner) -> None:
    out = tmp_path / "stories.jsonl"
    result = runner.invoke(main, ["export", "--stories", "--format", "jsonl", "--output", str(out), "--db", story_db["db"]])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    row = next(r for r in rows if r["id"] == story_db["story"].id)
    with TestClient(create_app(story_db["db"]), base_url="http://127.0.0.1") as c:
        assert row["brief"] == c.get(f"/api/stories/{row['id']}").json()["brief"]  # one record, two surfaces
    sources = set(row["articles"])
    assert row["brief"] and all(c["source"] in sources for s in row["brief"] for c in s["citations"])
    pq = pytest.importorskip("pyarrow.parquet")
    pout = tmp_path / "stories.parquet"
    result = runner.invoke(main, ["export", "--stories", "--format", "parquet", "--output", str(pout), "--db", story_db["db"]])
    assert result.exit_code == 0, result.output
    table = pq.read_table(pout)
    sentence = table.schema.field("brief").type.value_type
    assert [f.name for f in sentence] == ["section", "text", "citations", "names", "date", "count", "question"]
    assert [f.name for f in sentence.field("citations").type.value_type] == ["article", "source", "outlet", "start", "end", "text"]
    assert table.column("brief").to_pylist()[0] == rows[0]["brief"]


def test_brief_on_the_story_page_links_each_citation_to_its_sentence(client: TestClient, story_db: dict) -> None:
    story = story_db["story"]
    page = client.get(f"/stories/{story.id}").text
    brief = client.get(f"/api/stories/{story.id}").json()["brief"]
    assert page.index('id="brief"') < page.index('id="contested"')  # at the top
    for s in brief:
        for c in s["citations"]:
            assert f'href="/articles/{c["article"]}#s-' in page and f'data-start="{c["start"]}"' in page
    anchor = re.search(r'class="brief-cite" href="/articles/(\w+)#(s-\d+)"', page)
    article = client.get(f"/articles/{anchor.group(1)}").text
    assert f'id="{anchor.group(2)}"' in article  # the link lands on a sentence anchor of the article page


def test_brief_in_rashomon_show(story_db: dict, runner) -> None:
    result = runner.invoke(main, ["show", story_db["story"].id, "--db", story_db["db"]])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.index("Brief") < text.index("Timeline")
    assert "What each side says" in text and "Who is quoted most" in text
    numbers = re.findall(r"\[(\d+)\]", text.split("Sources")[0])
    listed = re.findall(r"^  \[(\d+)\] ", text.split("Sources")[1], flags=re.M)
    assert numbers and numbers == listed  # every number in the brief has its source line
