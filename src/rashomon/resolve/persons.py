"""People across articles: block full names by surname key, split each block by given name.

Blocking keeps this near-linear: surnames are grouped by their transliteration key, fuzzy
surname matches are only sought inside a bucket of keys sharing the first two letters and a
similar length, and given names are compared only inside one surname block. Two people whose
given names differ are never merged, however close the rest is (Mohammed vs Huseyn Safarov).
"""

from __future__ import annotations

from collections import defaultdict

from rashomon.resolve.names import PersonName, given_compatible, is_initial, tokens_match


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
    """Map each surname key to its block representative (fuzzy-equal keys share a block)."""
    uf = UnionFind()
    buckets: dict[str, list[str]] = defaultdict(list)
    for k in sorted(keys):
        uf.find(k)
        buckets[k[:2]].append(k)  # two letters: "Preibus" is a slip for "Priebus"
    for bucket in buckets.values():
        bucket.sort(key=len)
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if len(b) - len(a) > 2:
                    break
                if tokens_match(a, b, threshold=85.0):
                    uf.union(a, b)
    return {k: uf.find(k) for k in keys}


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
    for members in by_block.values():
        # a variant is (given names, generational suffix): "Jesse Smith" and "Jesse Smith Jr." are
        # father and son, so names join only when their suffixes agree
        variants: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
        for i in members:
            variants[(names[i].given, names[i].suffix_key)].append(i)
        full = [v for v in variants if not is_initial(v[0][0])]
        initials = [v for v in variants if is_initial(v[0][0])]
        uf = UnionFind()
        for a_i, a in enumerate(full):
            uf.find(a)
            for b in full[a_i + 1:]:
                if a[1] == b[1] and given_compatible(a[0], b[0]):
                    uf.union(a, b)
        for g in initials:
            roots = {uf.find(f) for f in full if g[1] == f[1] and given_compatible(g[0], f[0])}
            if len(roots) == 1:
                uf.union(g, roots.pop())
            else:
                uf.find(g)
        written = {((a.given, a.suffix_key), (b.given, b.suffix_key)) for a, b in together}

        def apart(a: tuple[tuple[str, ...], str], b: tuple[tuple[str, ...], str]) -> bool:
            return (a, b) in written or (b, a) in written

        _join_unique(uf, full, lambda a, b: a[1] == b[1] and given_compatible(a[0], b[0], nicknames=True),
                     lambda a, b: False)  # "Charles Roe ... Chuck Roe": one article often writes both
        _join_unique(uf, list(variants), lambda a, b: (not a[1]) != (not b[1])
                     and given_compatible(a[0], b[0], nicknames=True), apart)
        numbering: dict[tuple[tuple[str, ...], str], int] = {}
        for g, idxs in variants.items():
            root = uf.find(g)
            if root not in numbering:
                numbering[root] = next_id
                next_id += 1
            for i in idxs:
                cluster[i] = numbering[root]
    return cluster


def _join_unique(uf: UnionFind, variants: list, fits, apart) -> None:  # type: ignore[no-untyped-def]
    """Join two clusters when a member of one fits a member of the other, no two of their members
    are ``apart``, and neither fits any third cluster (a nickname two full names share joins neither)."""
    members: dict = defaultdict(list)
    for v in variants:
        members[uf.find(v)].append(v)
    roots = sorted(members, key=str)

    def hits(r):  # type: ignore[no-untyped-def]
        return {o for o in roots if o != r and any(fits(a, b) for a in members[r] for b in members[o])}

    found = {r: hits(r) for r in roots}
    for r in roots:
        if len(found[r]) != 1:
            continue
        o = next(iter(found[r]))
        if found[o] == {r} and not any(apart(a, b) for a in members[r] for b in members[o]):
            uf.union(r, o)
