"""Full-text search over titles and bodies (FTS5), safe against any string a user types.

A name in the query is also searched in the other spellings the resolver stored for the same
entity (``entity_aliases``): "Gusein" finds the outlet that writes "Huseyn" when both were
resolved to one person. Each hit says which story its article belongs to.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field

from rashomon.store.base import StoreBase


@dataclass
class SearchHit:
    """One article matching a query, with a snippet whose matches are wrapped in ``mark``."""

    article: str  # article id
    source: str
    title: str
    outlet: str | None
    published: str | None
    kind: str
    snippet: str
    rank: float
    story: str | None = None  # the story the article belongs to
    story_title: str | None = None


_WORD = re.compile(r"\w+", re.UNICODE)
_SYNTAX = re.compile(r'["*()^:{}+]|\b(?:AND|OR|NOT|NEAR)\b')  # a query written in FTS5's own syntax
_MAX_NAME_WORDS = 6  # longest name form looked up in the query
_MIN_NAME_CHARS = 3  # shorter words ("of", "al") start no look-up


def _fold(word: str) -> str:
    """Case and diacritics folded as FTS5's unicode61 tokenizer folds them ("Zoë" -> "zoe")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


@dataclass
class NameVariants:
    """Query words ``start``..``end`` name a stored entity; ``forms`` are all its spellings to search."""

    start: int
    end: int
    forms: list[str] = field(default_factory=list)


def quote_query(query: str) -> str:
    """Turn free text into an FTS5 query that cannot be a syntax error: every word a quoted term.

    Quoting each word (rather than the whole string as one phrase) keeps the user's intent of
    "all these words, anywhere", and a word-level tokenisation mirrors unicode61's.
    """
    return " ".join(f'"{w}"' for w in _WORD.findall(query))


class Searcher(StoreBase):
    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        *,
        mark: tuple[str, str] = ("[", "]"),
        ellipsis: str = "…",
        tokens: int = 16,
        variants: bool = True,
    ) -> list[SearchHit]:
        """Best matches first. The query may use FTS5 syntax (OR, NOT, "phrases", prefix*);
        when it is not valid FTS5 it is searched as plain words instead of failing. A plain query's
        names are also searched in their other stored spellings unless ``variants`` is False."""
        for fts in self._fts_queries(query, variants):
            try:
                return self._search(fts, limit, offset, mark, ellipsis, tokens)
            except sqlite3.OperationalError:
                continue
        return []

    def count_search(self, query: str, *, variants: bool = True) -> int:
        for fts in self._fts_queries(query, variants):
            try:
                return self.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (fts,)).fetchone()[0]
            except sqlite3.OperationalError:
                continue
        return 0

    def search_variants(self, query: str) -> list[str]:
        """The other spellings of names in ``query`` that a search also looks for (for "also searched")."""
        words = {_fold(w) for w in _WORD.findall(query or "")}
        out: list[str] = []
        for v in self.name_variants(query):
            out += [f for f in v.forms if not set(_fold(w) for w in _WORD.findall(f)) <= words and f not in out]
        return out

    def name_variants(self, query: str) -> list[NameVariants]:
        """Runs of the query's words that are a stored name form (or a person's surname), each with
        every form of that entity: longest runs first, never overlapping. A query in FTS5 syntax is
        the user's own and is left alone.

        The look-up scans ``entity_aliases`` with LIKE (no index serves a case-insensitive infix
        match); a trigram FTS table over aliases would serve a very large store faster."""
        query = (query or "").strip()
        if not query or _SYNTAX.search(query):
            return []
        # a search, its count and its "also searched as" look the same query up: once per Store
        cache = self.__dict__.setdefault("_variants_cache", {})
        if query not in cache:
            if len(cache) > 64:
                cache.clear()
            cache[query] = self._name_variants(query)
        return cache[query]

    def _name_variants(self, query: str) -> list[NameVariants]:
        words = _WORD.findall(query)
        folded = [_fold(w) for w in words]
        looked = sorted({w for w in words if len(w) >= _MIN_NAME_CHARS})[:8]
        if not looked:
            return []
        likes = " OR ".join("alias LIKE ? ESCAPE '\\'" for _ in looked)
        pattern = ["%" + w.replace("_", r"\_") + "%" for w in looked]  # \w+ holds no % or \ to escape
        rows = self.conn.execute(
            "SELECT a.entity, a.alias, e.label FROM entity_aliases a JOIN entities e ON e.id = a.entity "
            f"WHERE a.entity IN (SELECT entity FROM entity_aliases WHERE {likes} LIMIT 500) ORDER BY a.entity, a.pos",
            pattern,
        ).fetchall()
        forms: dict[str, list[tuple[str, ...]]] = {}
        labels: dict[str, str] = {}
        shown: dict[tuple[str, ...], str] = {}
        for r in rows:
            key = tuple(_fold(w) for w in _WORD.findall(r["alias"]))
            if key:
                forms.setdefault(r["entity"], []).append(key)
                labels[r["entity"]] = r["label"]
                written = _WORD.findall(r["alias"])
                shown.setdefault(key, " ".join(written))
                shown.setdefault(key[-1:], written[-1])  # the surname as written
        found: list[NameVariants] = []
        taken: set[int] = set()
        for n in range(min(_MAX_NAME_WORDS, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                if taken & set(range(i, i + n)):
                    continue
                run = tuple(folded[i:i + n])
                keys: list[tuple[str, ...]] = []
                for ent, ent_forms in forms.items():
                    if run in ent_forms:
                        keys += ent_forms
                    elif n == 1 and labels[ent] == "PERSON" and any(len(f) > 1 and f[-1] == run[0] for f in ent_forms):
                        keys += [f[-1:] for f in ent_forms]  # a surname: the surnames of every form
                keys = _minimal(keys)
                if len(keys) > 1:
                    found.append(NameVariants(i, i + n, [shown.get(k, " ".join(k)) for k in keys]))
                    taken |= set(range(i, i + n))
        return sorted(found, key=lambda v: v.start)

    def _fts_queries(self, query: str, variants: bool) -> list[str]:
        """The FTS5 queries to try in turn: with name variants, as typed, as quoted plain words."""
        query = (query or "").strip()
        if not query:
            return []
        tries = [query, quote_query(query)]
        if variants:
            found = self.name_variants(query)
            if found:
                words = _WORD.findall(query)
                parts, i = [], 0
                for v in found:
                    parts += [f'"{w}"' for w in words[i:v.start]]
                    parts.append("(" + " OR ".join(f'"{f}"' for f in v.forms) + ")")
                    i = v.end
                parts += [f'"{w}"' for w in words[i:]]
                tries.insert(0, " AND ".join(parts))  # FTS5 reads no implicit AND next to a bracket
        return [q for q in dict.fromkeys(tries) if q]

    def _search(self, fts: str, limit: int, offset: int, mark: tuple[str, str], ellipsis: str, tokens: int) -> list[SearchHit]:
        rows = self.conn.execute(
            "SELECT a.id, a.source, a.title, a.outlet, a.published, a.kind, "
            "snippet(articles_fts, 1, ?, ?, ?, ?) AS snip, "
            "snippet(articles_fts, 0, ?, ?, ?, ?) AS tsnip, bm25(articles_fts, 5.0, 1.0) AS rank, "
            "sa.story AS story, st.title AS story_title "
            "FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid "
            "LEFT JOIN story_articles sa ON sa.article = a.id LEFT JOIN stories st ON st.id = sa.story "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (mark[0], mark[1], ellipsis, max(1, min(tokens, 64)), mark[0], mark[1], ellipsis, 64,
             fts, int(limit), max(int(offset), 0)),
        ).fetchall()
        hits = []
        for r in rows:
            snip = r["snip"] if mark[0] in (r["snip"] or "") else (r["tsnip"] if mark[0] in (r["tsnip"] or "") else r["snip"])
            hits.append(SearchHit(r["id"], r["source"], r["title"], r["outlet"], r["published"], r["kind"], snip or "",
                                  r["rank"], r["story"], r["story_title"]))
        return hits


def _minimal(forms: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Distinct forms, less those containing a shorter one ("minister marek sollan" holds "marek sollan")."""
    unique = sorted(set(forms), key=lambda f: (len(f), f))
    kept: list[tuple[str, ...]] = []
    for f in unique:
        if not any(_contains(f, k) for k in kept):
            kept.append(f)
    return kept


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))
