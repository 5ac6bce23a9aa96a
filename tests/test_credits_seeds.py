"""The seeds' aggregator page credits the outlet whose article it re-serves, not the aggregator.

Skips with one line when ../shared is absent. The expected outlet is read from the seeds' gold
(``gold.json``: the document whose ``page_kind`` says it is an aggregator page); the site it was
found on is an invented name or URL, as a user would pass with ``--outlet`` or a crawl would carry.
"""

from __future__ import annotations

import pytest

from rashomon.eval.seeds import load_gold
from rashomon.extract import extract_page
from rashomon.extract.credits import found_on, same_outlet
from rashomon.model import Page


@pytest.fixture(scope="module")
def aggregator_seed(seeds_dir):
    gold = load_gold(seeds_dir / "gold.json")
    docs = [(name, doc) for name, doc in gold["documents"].items()
            if doc.get("page_kind", "").lower().startswith("aggregator") and doc.get("outlet")]
    if not docs:
        pytest.skip("no aggregator page in the seeds' gold")
    name, doc = docs[0]
    return (seeds_dir / name), doc


def _main(page: Page, options):
    return extract_page(page, options)[0]


def test_the_aggregator_seed_credits_its_outlet_as_captured(aggregator_seed, options):
    path, doc = aggregator_seed
    a = _main(Page(source=str(path), kind="text", text=path.read_text(encoding="utf-8")), options)
    assert a.credited_outlet == doc["outlet"], a.outlet_evidence


def test_the_aggregator_seed_found_on_a_named_site_credits_the_outlet_not_the_site(aggregator_seed, options):
    path, doc = aggregator_seed
    page = Page(source=str(path), kind="text", text=path.read_text(encoding="utf-8"), outlet="Invented Roundup", user_outlet=True)
    a = _main(page, options)
    assert a.outlet == "Invented Roundup"
    assert a.original_outlet == doc["outlet"], a.original_evidence
    assert a.credited_outlet == doc["outlet"]
    assert found_on(a) == "Invented Roundup"
    assert "told" in a.original_evidence


def test_the_aggregator_seed_at_an_aggregator_url_is_found_on_its_host(aggregator_seed, options):
    path, doc = aggregator_seed
    page = Page(source=str(path), kind="text", text=path.read_text(encoding="utf-8"),
                url="https://www.invented-roundup.com/story/1")
    a = _main(page, options)
    assert a.original_outlet == doc["outlet"]
    assert same_outlet(found_on(a) or "", "Invented Roundup")


def test_the_other_seed_credits_nobody_else(seeds_dir, options):
    gold = load_gold(seeds_dir / "gold.json")
    for name, doc in gold["documents"].items():
        if doc.get("page_kind", "").lower().startswith("aggregator"):
            continue
        path = seeds_dir / name
        a = _main(Page(source=str(path), kind="text", text=path.read_text(encoding="utf-8"),
                       outlet=doc.get("outlet"), user_outlet=True), options)
        assert a.original_outlet is None, (name, a.original_evidence)


def test_the_aggregator_seed_through_the_cli_and_the_api(aggregator_seed, tmp_path, runner):
    from fastapi.testclient import TestClient

    from rashomon.cli import main
    from rashomon.web.app import create_app

    path, doc = aggregator_seed
    db = str(tmp_path / "seed.db")
    result = runner.invoke(main, ["ingest", str(path), "--outlet", "Invented Roundup", "--no-analyze", "--db", db])
    assert result.exit_code == 0, result.output
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    main_article = next(a for a in client.get("/api/articles", params={"kind": "article"}).json()["items"])
    assert main_article["outlet"] == "Invented Roundup"
    assert main_article["original_outlet"] == doc["outlet"]
    credit = client.get(f"/api/articles/{main_article['id']}/related").json()["credit"]
    assert credit["original_outlet"] == doc["outlet"] and credit["found_on"] == "Invented Roundup"
    page = client.get(f"/articles/{main_article['id']}").text
    line = page[page.index('id="credit"'):page.index("</p>", page.index('id="credit"'))]
    assert "Reported by" in line and doc["outlet"] in line and "found on" in line
