"""The store's schema: named migrations recorded once, user_version, WAL, read-only opening."""

from __future__ import annotations

import sqlite3

import pytest

from rashomon.errors import StoreError
from rashomon.model import Article
from rashomon.store import MIGRATIONS, SCHEMA_VERSION, Store


def test_store_open_records_each_named_migration_once(tmp_path):
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
        assert store.schema_version() == SCHEMA_VERSION
    with Store.open(db) as store:  # reopening applies nothing twice
        assert store.migrations() == [name for name, _ in MIGRATIONS]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for needed in ("pages", "articles", "articles_fts", "mentions", "attributions", "timexes", "entities",
                   "entity_aliases", "stories", "story_articles", "claims", "questions", "question_sides",
                   "framing", "errors", "stage_state", "migrations", "analyses"):
        assert needed in tables


def test_store_applies_only_missing_migrations_to_an_older_database(tmp_path, monkeypatch):
    import rashomon.store.schema as schema

    db = tmp_path / "old.db"
    monkeypatch.setattr(schema, "MIGRATIONS", MIGRATIONS[:-1])  # a database made by the previous release
    with Store.open(db) as store:
        store.add_page_articles("h", "p.html", [Article(source="p.html#main", page_source="p.html", body="kept text")])
        assert store.schema_version() == len(MIGRATIONS) - 1
    monkeypatch.setattr(schema, "MIGRATIONS", MIGRATIONS)
    with Store.open(db) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
        assert store.schema_version() == SCHEMA_VERSION
        assert [a.body for a in store.articles()] == ["kept text"]
        assert store.check() == []


def test_store_readonly_refuses_writes_and_unmigrated_files(tmp_path):
    db = tmp_path / "r.db"
    Store.open(db).close()
    with Store.open(db, readonly=True) as store:
        assert store.articles() == []
        with pytest.raises((sqlite3.OperationalError, StoreError)):
            store.record_failure("x", "y")
    bare = tmp_path / "bare.db"
    sqlite3.connect(bare).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError):
        Store.open(bare, readonly=True)


def test_store_open_on_a_non_database_file_is_a_store_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError) as err:
        Store.open(junk)
    assert "junk.db" in str(err.value)
