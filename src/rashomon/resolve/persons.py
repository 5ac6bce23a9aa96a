"""People across articles: block full names by surname key, split each block by given name.

Blocking keeps this near-linear: surnames are grouped by their transliteration key, fuzzy
surname matches are only sought inside a bucket of keys sharing the first two letters and a
similar length, and given names are compared only inside one surname block. Two people whose
given names differ are never merged, however close the rest is (Mohammed vs Huseyn Safarov).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache

from rashomon.resolve.names import (PersonName, _nicknamer, ascii_fold, given_compatible, is_initial, tokens_match,
                                    translit_key)


class UnionFind:
    """Plain union-find over hashable items (scipy/networkx would be a heavy import for this)."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):  # type: ignore[no-untyped-def]
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b) -> None:  # type: ignore[no-untyped-def]
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def surname_blocks(keys: set[str]) -> dict[str, str]:
    """Map each surname key to its block representative (fuzzy-equal keys share a block).

    Inside a bucket (keys sharing two first letters, at most 2 letters longer), pairs are first
    screened by rapidfuzz's ``cdist`` (C, one call per bucket, rows in slices so memory stays
    bounded) at the ``tokens_match`` cut, then confirmed by ``tokens_match`` itself: the same
    blocks as calling it on every pair, which grew with the square of a bucket (a million records
    hold tens of thousands of surnames).
    """
    uf = UnionFind()
    buckets: dict[str, list[str]] = defaultdict(list)
    for k in sorted(keys):
        uf.find(k)
        buckets[k[:2]].append(k)  # two letters: "Preibus" is a slip for "Priebus"
    for bucket in buckets.values():
        bucket.sort(key=len)
        for a, b in _close_pairs(bucket, 85.0):
            if tokens_match(a, b, threshold=85.0):
                uf.union(a, b)
    return {k: uf.find(k) for k in keys}


_SLICE = 2048  # rows of one cdist call: at most 2048 x bucket bytes at once


def _close_pairs(bucket: list[str], cut: float) -> Iterable[tuple[str, str]]:
    """Pairs (a, b) of a bucket sorted by length, b later and at most 2 letters longer, whose
    transliteration keys score at least ``cut`` (``fuzz.ratio``) or are equal: every pair
    ``tokens_match`` can accept, and a few it then refuses (short keys, -a endings)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    if len(bucket) < 2:
        return
    tk = [translit_key(k) for k in bucket]
    lengths = np.array([len(k) for k in bucket])
    for lo in range(0, len(bucket), _SLICE):
        rows = range(lo, min(lo + _SLICE, len(bucket)))
        end = int(np.searchsorted(lengths, lengths[rows[-1]] + 2, side="right"))
        scores = process.cdist(tk[rows[0]: rows[-1] + 1], tk[lo:end], scorer=fuzz.ratio, score_cutoff=cut - 0.5,
                               dtype=np.uint8)
        for i, j in zip(*np.nonzero(scores)):
            a, b = rows[0] + int(i), lo + int(j)
            if b > a and lengths[b] - lengths[a] <= 2:
                yield bucket[a], bucket[b]


def cluster_full_names(names: list[PersonName], blocks: dict[str, str],
                       together: set[tuple[PersonName, PersonName]] | None = None) -> list[int]:
    """Cluster full names (``blocks`` from ``surname_blocks``); returns a cluster number per name.

    Within a surname block, names are joined when their given names are compatible and their
    generational suffixes (Jr., Sr., III) agree; a name given only by initials joins the single
    compatible full-given cluster, or stays alone when two compete (never guess between two
    people). Then a nickname ("Bob") joins the one cluster of its full name ("Robert") when that
    cluster fits no other nickname cluster either, and a name without a suffix joins the one cluster
    of the same name with a suffix, unless some article writes both (``together``: pairs of names
    one article holds), which tells father from son.
    """
    together = together or set()
    by_block: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(names):
        by_block[blocks.get(n.surname_key, n.surname_key)].append(i)
    cluster = [-1] * len(names)
    next_id = 0
    # once for the corpus: built inside the loop, it cost every block the whole corpus's pairs
    written = {((a.given, a.suffix_key), (b.given, b.suffix_key)) for a, b in together}
    for members in by_block.values():
        # a variant is (given names, generational suffix): "Jesse Smith" and "Jesse Smith Jr." are
        # father and son, so names join only when their suffixes agree
        variants: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
        for i in members:
            variants[(names[i].given, names[i].suffix_key)].append(i)
        full = [v for v in variants if not is_initial(v[0][0])]
        initials = [v for v in variants if is_initial(v[0][0])]
        near = _GivenIndex(variants)  # only variants sharing a given-name key can be compatible
        uf = UnionFind()
        for a in full:
            uf.find(a)
        rank = {v: i for i, v in enumerate(full)}
        for a in full:
            for b in near.of(a):
                if rank.get(b, -1) > rank[a] and a[1] == b[1] and given_compatible(a[0], b[0]):
                    uf.union(a, b)
        for g in initials:
            roots = {uf.find(f) for f in near.of(g) if f in rank and g[1] == f[1] and given_compatible(g[0], f[0])}
            if len(roots) == 1:
                uf.union(g, roots.pop())
            else:
                uf.find(g)

        def apart(a: tuple[tuple[str, ...], str], b: tuple[tuple[str, ...], str]) -> bool:
            return (a, b) in written or (b, a) in written

        _join_unique(uf, full, lambda a, b: a[1] == b[1] and given_compatible(a[0], b[0], nicknames=True),
                     lambda a, b: False, near)  # "Charles Roe ... Chuck Roe": one article often writes both
        _join_unique(uf, list(variants), lambda a, b: (not a[1]) != (not b[1])
                     and given_compatible(a[0], b[0], nicknames=True), apart, near)
        numbering: dict[tuple[tuple[str, ...], str], int] = {}
        for g, idxs in variants.items():
            root = uf.find(g)
            if root not in numbering:
                numbering[root] = next_id
                next_id += 1
            for i in idxs:
                cluster[i] = numbering[root]
    return cluster


@lru_cache(maxsize=65536)
def _name_keys(token: str) -> frozenset[str]:
    """First letters a given name can agree on with another: of its transliteration key, of its
    folded spelling, and of every name the nickname table pairs with it."""
    folded = ascii_fold(token).lower()
    keys = {"t:" + translit_key(token)[:1], "f:" + folded[:1], "f:" + folded.strip(".")[:1]}
    keys.update("f:" + n[:1] for n in _nicknamer().nicknames_of(folded.strip(".")))
    return frozenset(keys)


def given_keys(given: tuple[str, ...]) -> frozenset[str] | None:
    """Blocking keys of a variant's given names: two variants ``given_compatible`` (with or without
    nicknames) always share one, since it needs their first names' first letters to agree (an
    initial, a fuzzy or equal name), a nickname pair, or the middle name one goes by ("J.
    Christopher" / "Chris") to match. None: no given name, compatible with every variant."""
    if not given:
        return None
    keys = set(_name_keys(given[0]))
    if is_initial(given[0]) and len(given) > 1 and not is_initial(given[1]):
        keys |= _name_keys(given[1])
    return frozenset(keys)


class _GivenIndex:
    """The variants of one surname block by given-name key, so each variant is compared with the
    few that can be compatible with it, not with the whole block (which grows with the corpus)."""

    def __init__(self, variants: Iterable[tuple[tuple[str, ...], str]]) -> None:
        self.keys: dict[Hashable, frozenset[str] | None] = {}
        self.by_key: dict[str, list[Hashable]] = defaultdict(list)
        self.anyone: list[Hashable] = []
        for v in variants:
            k = self.keys[v] = given_keys(v[0])
            if k is None:
                self.anyone.append(v)
            else:
                for key in k:
                    self.by_key[key].append(v)

    def of(self, v: Hashable) -> set[Hashable]:
        """Every variant that may be compatible with ``v`` (``v`` itself included)."""
        k = self.keys[v]
        if k is None:
            return set(self.keys)
        return {o for key in k for o in self.by_key.get(key, ())} | set(self.anyone)


def _join_unique(uf: UnionFind, variants: list, fits: Callable[..., bool], apart: Callable[..., bool],
                 near: _GivenIndex) -> None:
    """Join two clusters when a member of one fits a member of the other, no two of their members
    are ``apart``, and neither fits any third cluster (a nickname two full names share joins neither).
    ``near`` gives the variants a member may fit, so a cluster is tested against those clusters only."""
    members: dict = defaultdict(list)
    for v in variants:
        members[uf.find(v)].append(v)
    roots = sorted(members, key=str)
    root_of = {v: r for r, vs in members.items() for v in vs}

    def hits(r):  # type: ignore[no-untyped-def]
        others = {root_of[o] for a in members[r] for o in near.of(a) if o in root_of} - {r}
        return {o for o in others if any(fits(a, b) for a in members[r] for b in members[o])}

    found = {r: hits(r) for r in roots}
    for r in roots:
        if len(found[r]) != 1:
            continue
        o = next(iter(found[r]))
        if found[o] == {r} and not any(apart(a, b) for a in members[r] for b in members[o]):
            uf.union(r, o)
