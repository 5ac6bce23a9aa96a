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


def _variant_store(path):
    """Two outlets spell one harbour master two ways; the resolver stored both forms on one entity."""
    from rashomon.model import Entity, Story
    from rashomon.resolve.cluster import Resolution

    s = Store.open(path)
    s.add_page_articles("v1", "v1", [_a(11, "Pilot boats idle", "Harbour master Oskar Wendtsen said the pilots struck.")])
    s.add_page_articles("v2", "v2", [_a(12, "Strike at the port", "Oskars Ventsens, the harbour master, blamed the union.")])
    s.add_page_articles("v3", "v3", [_a(13, "Union replies", "The union said Ventsens had refused to meet.")])
    s.add_page_articles("v4", "v4", [_a(14, "Other news", "A ferry captain named Ilse Wendt retired.")])
    master = Entity(id="e-master", canonical="Oskar Wendtsen", label="PERSON",
                    aliases=["Oskar Wendtsen", "Harbour master Oskar Wendtsen", "Oskars Ventsens", "Ventsens"])
    s.replace_entities(Resolution([master]))
    ids = [_a(n, "", "").id for n in (11, 12, 13)]
    s.save_stories([Story(id="story-pilots", title="Pilots strike at the port", articles=ids)], grouped=ids)
    return s


def test_store_search_finds_other_spellings_of_a_resolved_name(tmp_path):
    with _variant_store(tmp_path / "v.db") as s:
        assert [h.source for h in s.search("Oskar Wendtsen", variants=False)] == ["s11#main"]
        assert sorted(h.source for h in s.search("Oskar Wendtsen")) == ["s11#main", "s12#main", "s13#main"]
        assert sorted(h.source for h in s.search("wendtsen")) == ["s11#main", "s12#main", "s13#main"]  # surname
        assert s.count_search("wendtsen") == 3 and s.count_search("wendtsen", variants=False) == 1
        assert s.search_variants("Oskar Wendtsen") == ["Ventsens"]  # "Oskars Ventsens" holds it
        assert sorted(h.source for h in s.search("Wendtsen union")) == ["s12#main", "s13#main"]
        assert [h.source for h in s.search("Wendt")] == ["s14#main"]  # another name is not a variant
        assert s.name_variants('"Oskar Wendtsen" OR pilots') == []  # FTS5 syntax is the user's own


def test_store_search_hits_say_their_story(tmp_path):
    with _variant_store(tmp_path / "v.db") as s:
        hit = s.search("pilots struck")[0]
        assert (hit.story, hit.story_title) == ("story-pilots", "Pilots strike at the port")
        assert s.search("ferry captain")[0].story is None
