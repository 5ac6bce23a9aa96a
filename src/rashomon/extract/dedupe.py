"""Exact and near-duplicate articles: a rewrite or syndicated copy points to the earliest copy.

Exact copies share ``Article.text_hash`` (body with case and whitespace normalised). Near copies
are found with MinHash over word 2-shingles and an LSH index (datasketch), then confirmed with
the MinHash Jaccard estimate against ``options.minhash_threshold``. Bodies too short for a
stable estimate (teasers, a two-line summary) get an empty signature and match exactly only:
two short texts on one topic share too many of their few shingles.

Copies form clusters; the cluster's earliest member (by published date when both dates are
known, else by the order seen) is what every other member points to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from rashomon.config import Options
from rashomon.model import Article

__all__ = ["DuplicateIndex", "mark_duplicates", "minhash_signature", "page_of", "SHINGLE", "MIN_SHINGLES"]

SHINGLE = 2  # words per shingle: an edited word changes only 2 shingles, yet a text on the same
# story in other words shares almost none (3-grams put a lightly edited rewrite right at 0.8)
MIN_SHINGLES = 40  # below this (about 40 words) the estimate is too coarse to call a near copy
_SEED = 1
_SCHEME = "affine32"  # pinned: hash values carry no trace of the scheme that made them
_DTYPE = np.dtype("<u4")
_WORD = re.compile(r"\w+")


def shingles(body: str) -> set[str]:
    """Lower-cased word 2-grams of the body (punctuation and spacing ignored)."""
    words = _WORD.findall(body.casefold())
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def minhash_signature(body: str, options: Options) -> bytes:
    """MinHash of the body's shingles as bytes for the store; b"" when the body is too short."""
    return _signature(body, options.minhash_perm)


@lru_cache(maxsize=256)
def _signature(body: str, num_perm: int) -> bytes:
    """Memoised: mark_duplicates and the store both ask for the signature of the same body."""
    grams = shingles(body)
    if len(grams) < MIN_SHINGLES:
        return b""
    m = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME, permutations=_permutations(num_perm))
    m.update_batch([g.encode("utf-8") for g in grams])
    return np.asarray(m.hashvalues, dtype=_DTYPE).tobytes()


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> object:
    """The seeded permutations, drawn once per size (drawing them is a third of a signature's cost)."""
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations


def _lean(signature: bytes) -> LeanMinHash:
    return LeanMinHash(seed=_SEED, hashvalues=np.frombuffer(signature, dtype=_DTYPE), scheme=_SCHEME)


def page_of(source: str) -> str:
    """The page an article came from: its source without the ``#main`` / ``#teaser-N`` suffix."""
    return source.rsplit("#", 1)[0] if "#" in source else source


@dataclass
class _Entry:
    source: str
    published: str | None
    order: int
    minhash: LeanMinHash | None


class DuplicateIndex:
    """Every article seen so far, by exact text hash and by MinHash LSH; rebuilt by re-adding."""

    def __init__(self, options: Options) -> None:
        self.threshold = options.minhash_threshold
        self.num_perm = options.minhash_perm
        # The LSH only proposes candidates (at a looser threshold, for recall); the MinHash
        # estimate against ``threshold`` decides.
        self._lsh = MinHashLSH(threshold=min(0.9, max(0.3, self.threshold - 0.15)), num_perm=self.num_perm)
        self._entries: dict[str, _Entry] = {}
        self._by_hash: dict[str, list[str]] = {}
        self._root: dict[str, str] = {}  # source -> earliest copy of its cluster (itself when original)
        self._members: dict[str, list[str]] = {}  # root -> every source in its cluster
        self._relinks: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, source: str) -> bool:
        return source in self._entries

    def root_of(self, source: str) -> str | None:
        """The earliest copy of the cluster ``source`` belongs to (itself for an original)."""
        return self._root.get(source)

    def find(self, signature: bytes, text_hash: str, published: str | None, *, source: str | None = None) -> str | None:
        """Source of the earliest copy of this text, or None when it is new (or earlier than all copies).

        ``source`` (optional) keeps an article from matching itself or its own page's teasers.
        """
        root = self._match(signature, text_hash, source)
        if root is None or self._earlier(published, self._entries[root].published):
            return None
        return root

    def add(self, source: str, signature: bytes, text_hash: str, published: str | None) -> str | None:
        """Index an article; returns the earliest copy it duplicates (None for an original).

        When the new article predates its cluster's earliest copy it becomes the cluster's
        root, and the members' new target is queued in ``pop_relinks()`` for the store.
        """
        if source in self._entries:
            root = self._root[source]
            return None if root == source else root
        minhash = _lean(signature) if signature and len(signature) == self.num_perm * _DTYPE.itemsize else None
        match = self._match(signature, text_hash, source)
        self._entries[source] = _Entry(source, published, len(self._entries), minhash)
        self._by_hash.setdefault(text_hash, []).append(source)
        if minhash is not None:
            self._lsh.insert(source, minhash)
        if match is None:
            self._root[source] = source
            self._members[source] = [source]
            return None
        if self._earlier(published, self._entries[match].published):
            members = self._members.pop(match)
            for member in members:
                self._root[member] = source
                self._relinks[member] = source
            self._root[source] = source
            self._members[source] = [*members, source]
            return None
        self._root[source] = match
        self._members[match].append(source)
        return match

    def forget_relinks(self, sources: list[str]) -> None:
        """Drop queued relinks for articles the caller re-points itself (the current batch)."""
        for source in sources:
            self._relinks.pop(source, None)

    def pop_relinks(self) -> dict[str, str]:
        """Stored articles whose earliest copy changed (source -> new target); cleared on read."""
        out, self._relinks = self._relinks, {}
        return out

    def _match(self, signature: bytes, text_hash: str, source: str | None) -> str | None:
        """Root of the best matching cluster: exact text first, then the closest near copy."""
        page = page_of(source) if source else None

        def allowed(other: str) -> bool:
            return other != source and (page is None or page_of(other) != page)

        for other in self._by_hash.get(text_hash, []):
            if allowed(other):
                return self._root[other]
        if not signature or len(signature) != self.num_perm * _DTYPE.itemsize:
            return None
        query = _lean(signature)
        best: tuple[float, int, str] | None = None
        for other in self._lsh.query(query):
            entry = self._entries[other]
            if not allowed(other) or entry.minhash is None:
                continue
            similarity = query.jaccard(entry.minhash)
            if similarity >= self.threshold:
                key = (-similarity, entry.order, other)
                best = key if best is None or key < best else best
        return self._root[best[2]] if best else None

    @staticmethod
    def _earlier(a: str | None, b: str | None) -> bool:
        """True only when both dates are known and ``a`` is strictly earlier (else order seen wins)."""
        return bool(a and b and a[:10] < b[:10])


def mark_duplicates(articles: list[Article], index: DuplicateIndex, options: Options) -> list[Article]:
    """Set ``near_duplicate_of`` on each article (to its cluster's earliest copy) and index them.

    Articles in this batch that a later-seen but earlier-published copy displaced are
    re-pointed here; for articles stored in earlier batches see ``DuplicateIndex.pop_relinks``.
    """
    sources = []
    for article in articles:
        index.add(article.source, minhash_signature(article.body, options), article.text_hash, article.published)
        sources.append(article.source)
    index.forget_relinks(sources)
    out = []
    for article in articles:
        root = index.root_of(article.source)
        out.append(replace(article, near_duplicate_of=None if root in (None, article.source) else root))
    return out
