"""The SQL behind the Atom feeds (``rashomon.feeds``): when each article was first stored, and the
articles that name an entity. Functions over an open store, so feeds add no method to ``Store``."""

from __future__ import annotations

import json

from rashomon.store.base import StoreBase


def first_stored(store: StoreBase, article_ids: list[str]) -> dict[str, str]:
    """Article id -> when its page was first stored (ISO 8601, UTC): a feed entry's stable time."""
    if not article_ids:
        return {}
    rows = store.conn.execute(
        "SELECT a.id, p.ingested_at FROM articles a JOIN pages p ON p.hash = a.page_hash "
        "WHERE a.id IN (SELECT value FROM json_each(?))", (json.dumps(list(article_ids)),))
    return {r[0]: r[1] for r in rows}


def entity_articles(store: StoreBase, entity_id: str, limit: int) -> list[str]:
    """The articles that mention an entity or quote it, most recently stored first."""
    rows = store.conn.execute(
        "SELECT a.id FROM articles a JOIN pages p ON p.hash = a.page_hash WHERE a.id IN "
        "(SELECT article FROM mentions WHERE entity = ? UNION SELECT article FROM attributions WHERE speaker_entity = ?) "
        "ORDER BY p.ingested_at DESC, a.n DESC LIMIT ?", (entity_id, entity_id, int(limit)))
    return [r[0] for r in rows]


def latest_stored(store: StoreBase) -> str | None:
    """When the newest page was stored (an empty feed's updated time), None in an empty database."""
    row = store.conn.execute("SELECT max(ingested_at) FROM pages").fetchone()
    return row[0] if row else None
