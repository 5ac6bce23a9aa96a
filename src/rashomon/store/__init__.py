"""The only module that knows SQL: an embedded SQLite database a user can open with any tool.

Contract (owner: store): ``Store.open(path)`` migrates and returns a store usable as a context
manager. Readers return the plain records of ``rashomon.model``.
"""

from __future__ import annotations

from rashomon.model import Article, ArticleAnalysis, Entity, Story


class Store:
    @classmethod
    def open(cls, path: str) -> "Store":
        raise NotImplementedError

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError

    def articles(self) -> list[Article]:
        raise NotImplementedError

    def analyses(self) -> list[ArticleAnalysis]:
        raise NotImplementedError

    def entities(self) -> list[Entity]:
        raise NotImplementedError

    def stories(self) -> list[Story]:
        raise NotImplementedError
