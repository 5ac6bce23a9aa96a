"""The connection, transactions and row conversions every part of the store shares."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from rashomon.errors import StoreError
from rashomon.model import Article, Attribution, Mention, Timex

ARTICLE_COLUMNS = (
    "source", "page_source", "kind", "parent", "title", "dek", "section", "byline", "outlet",
    "outlet_evidence", "url", "published", "published_evidence", "published_confidence", "captured",
    "age", "body", "headings", "language", "furniture", "inline_links", "near_duplicate_of", "page_hash",
)
# An aggregator copy's credit (migration 0011_original_outlet): written only when set, read when present.
CREDIT_COLUMNS = ("original_outlet", "original_url", "original_evidence")
JSON_ARTICLE_FIELDS = ("headings", "furniture", "inline_links")

ATTRIBUTION_COLUMNS = (
    "article", "speaker", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "kind",
    "content", "content_start", "content_end", "sentence_start", "sentence_end", "speaker_resolved",
    "speaker_entity", "markers", "status", "content_parts", "part",
)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def row_to_article(row: sqlite3.Row) -> Article:
    data = {c: row[c] for c in ARTICLE_COLUMNS}
    for name in JSON_ARTICLE_FIELDS:
        data[name] = loads(data[name], [])
    if "copy_of" in row.keys():  # set by the copy stage after the insert (``Store.save_copy_links``)
        data.update(copy_of=row["copy_of"], copy_kind=row["copy_kind"], copy_evidence=loads(row["copy_evidence"], {}))
    if "original_outlet" in row.keys():
        data.update({c: row[c] for c in CREDIT_COLUMNS})
    return Article(**data)


def row_to_mention(row: sqlite3.Row) -> Mention:
    return Mention(row["article"], row["start"], row["end"], row["text"], row["label"], row["entity"])


def row_to_attribution(row: sqlite3.Row) -> Attribution:
    data = {c: row[c] for c in ATTRIBUTION_COLUMNS}
    data["markers"] = loads(data["markers"], [])
    data["content_parts"] = [tuple(p) for p in loads(data["content_parts"], [])]
    return Attribution(**data)


def row_to_timex(row: sqlite3.Row) -> Timex:
    return Timex(row["article"], row["start"], row["end"], row["text"], row["type"], row["value"])


class StoreBase:
    """Holds the connection; writers, readers and search are mixins over it."""

    path: str
    conn: sqlite3.Connection
    _depth: int = 0

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit: everything inside commits together or not at all (re-entrant)."""
        if self._depth:  # nested: a savepoint, so a caller may catch an inner failure and go on
            self._depth += 1
            name = f"sp{self._depth}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise StoreError(self.path, f"could not start a write: {e}") from e
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            self.conn.execute("ROLLBACK")
            raise StoreError(self.path, f"could not commit: {e}") from e

    def _in_clause(self, values: list[str]) -> str:
        return ",".join("?" * len(values))

    def story_of_each(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id -> its current story, for those of these articles that are in one."""
        out: dict[str, str] = {}
        for chunk in chunks(sorted(set(article_ids)), 500):
            out.update({r[0]: r[1] for r in self.conn.execute(
                f"SELECT article, story FROM story_articles WHERE article IN ({self._in_clause(chunk)})", chunk)})
        return out


def chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """``items`` in slices of ``size`` (at least 1): SQLite caps the parameters of one statement, runners their batches."""
    size = max(1, size)
    for i in range(0, len(items), size):
        yield items[i:i + size]
