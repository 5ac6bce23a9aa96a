"""Full-text search: ranking, snippets, diacritics, hostile queries, index kept in sync."""

from __future__ import annotations

import pytest

from rashomon.model import Article
from rashomon.store import Store, quote_query


def _a(n: int, title: str, body: str) -> Article:
    return Article(source=f"s{n}#main", page_source=f"s{n}", title=title, body=body, outlet="Ockmoor Echo")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "f.db") as s:
        s.add_page_articles("h1", "s1", [_a(1, "Tannery spill reaches the river", "Fish died below the weir, residents said.")])
        s.add_page_articles("h2", "s2", [_a(2, "Harbour lease contested", "The tannery owner denied any spill at all.")])
        s.add_page_articles("h3", "s3", [_a(3, "Café owner Zoë Brănescu speaks", "She said the market would reopen.")])
        yield s


def test_store_search_finds_words_in_title_and_body_with_marked_snippet(store):
    hits = store.search("tannery spill")
    assert [h.source for h in hits] == ["s1#main", "s2#main"]  # title match ranks first
    assert "[" in hits[1].snippet and "]" in hits[1].snippet
    marked = store.search("weir", mark=("<<", ">>"))[0].snippet
    assert "<<weir>>" in marked


def test_store_search_ignores_diacritics(store):
    assert [h.source for h in store.search("zoe branescu")] == ["s3#main"]


@pytest.mark.parametrize("query", ['"unbalanced', "spill AND", "NEAR(", "title:", "*", "a:b:c", "-spill", "()", "^"])
def test_store_search_never_raises_on_fts_syntax(store, query):
    store.search(query)  # must not raise
    store.count_search(query)


def test_store_search_falls_back_to_plain_words(store):
    assert [h.source for h in store.search('spill" river')] == ["s1#main"]
    assert quote_query('a "b" c-d') == '"a" "b" "c" "d"'
    assert store.search("   ") == []


def test_store_search_paging_and_count(store):
    assert store.count_search("tannery") == 2
    assert len(store.search("tannery", limit=1)) == 1
    assert [h.source for h in store.search("tannery", limit=1, offset=1)] == ["s2#main"]


def test_store_search_index_follows_deleted_pages(store):
    store.conn.execute("DELETE FROM pages WHERE hash = 'h1'")  # cascades to the article
    assert [h.source for h in store.search("tannery")] == ["s2#main"]
    assert store.check() == []
