"""The only module that knows SQL: an embedded SQLite database a user can open with any tool.

``Store.open(path)`` migrates and returns a store usable as a context manager. Readers return
the plain records of ``rashomon.model``; writers are each one transaction (or join the caller's
``with store.transaction():``), so a killed process never leaves half a batch behind.
The schema and its named migrations are in ``schema.py``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rashomon.errors import StoreError
from rashomon.store.copies import CopyStore
from rashomon.store.notes import NotesStore
from rashomon.store.read import Failure, Reader
from rashomon.store.related import RelatedStore
from rashomon.store.schema import MIGRATIONS, SCHEMA_VERSION, NewerSchema, check_not_newer, migrate
from rashomon.store.search import SearchHit, Searcher, quote_query
from rashomon.store.write import Writer

__all__ = ["Failure", "MIGRATIONS", "SCHEMA_VERSION", "SearchHit", "Store", "quote_query"]


class Store(Writer, Reader, Searcher, CopyStore, NotesStore, RelatedStore):
    """One connection to one database file. Not for concurrent use from several threads at once;
    open one Store per thread (WAL lets readers run while an ingest writes)."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._depth = 0

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> "Store":
        """Open (creating and migrating unless ``readonly``) the database at ``path``."""
        path = str(path)
        try:
            if readonly:
                uri = Path(path).resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                if path != ":memory:":
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA foreign_keys = ON")
            try:
                check_not_newer(conn)
            except NewerSchema as e:
                conn.close()
                raise StoreError(path, str(e)) from None
            if readonly:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version < SCHEMA_VERSION:
                    conn.close()
                    raise StoreError(path, f"schema version {version} is older than {SCHEMA_VERSION}; open it once for writing to migrate")
            else:
                if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal" and path != ":memory:":
                    raise StoreError(path, "could not switch the database to WAL mode")
                conn.execute("PRAGMA synchronous = NORMAL")
                migrate(conn)
        except sqlite3.Error as e:
            raise StoreError(path, f"could not open the database: {e}") from e
        except OSError as e:  # the folder cannot be made (a file stands in its way, no permission)
            raise StoreError(path, f"could not open the database: {e.strerror or e}") from e
        return cls(conn, path)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY n")]

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity check, the FTS index check and foreign keys (empty when sound)."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self.conn.execute("PRAGMA foreign_key_check")]
        try:
            self.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as e:
            problems.append(f"full-text index: {e}")
        return problems
