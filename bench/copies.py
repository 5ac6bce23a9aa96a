"""Copy detection cost per article at growing corpus sizes: is it near-linear?

Builds a synthetic archive at run time (invented names from syllables, numbers, an event kind's
words): stories of four reports each, one of them a wire copy of another under a new intro. The
archive is stored and linked (``Deriver.link_copies``) up to the size, then the last 500 articles
arrive as one more ingest would bring them, and that step is timed: its cost per article must
not grow with the archive (blocking by rare names and numbers, ``Store.copy_candidates``).
Baseline in the same run: fingerprinting the same 500 articles alone (the cost no linker avoids).
Also reported: how many of the planted wire copies were linked, and how many other links appeared.

    .venv/bin/python bench/copies.py --sizes 1000,10000,50000
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rashomon.config import default_options
from rashomon.derive import Deriver
from rashomon.extract import copies
from rashomon.model import Article
from rashomon.store import Store

SYLLABLES = "ka lo mi ra ven tor sul bri an del fo gar hel im jun kes lar mon nor pel quin ros sta tul ur vas wen yor zel".split()
FUNCTION = "the a of in on to and for with after before said was were had has by at from as".split()
LAST = 500


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


VOCAB = sorted({_word(random.Random(i)) for i in range(4000)})


def _sentence(rng: random.Random, names: list[str], numbers: list[str]) -> str:
    words = [rng.choice(FUNCTION) if rng.random() < 0.4 else rng.choice(VOCAB) for _ in range(rng.randint(8, 14))]
    words.insert(rng.randint(1, 4), rng.choice(names))
    if rng.random() < 0.5:
        words.insert(rng.randint(1, 6), rng.choice(numbers))
    return "The " + " ".join(words) + "."


def corpus(n: int, seed: int = 7) -> tuple[list[Article], set[tuple[str, str]]]:
    """n articles in date order and the (copy, original) pairs planted."""
    rng = random.Random(seed)
    out: list[Article] = []
    planted: set[tuple[str, str]] = set()
    story = 0
    while len(out) < n:
        names = [f"{_name(rng)} {_name(rng)}" for _ in range(4)] + [_name(rng) for _ in range(2)]
        numbers = [str(rng.randint(10, 99999)) for _ in range(4)]
        day = f"2026-{1 + story // 900 % 12:02d}-{1 + story // 30 % 28:02d}"
        reports = []
        for k in range(3):
            body = "\n\n".join(_sentence(rng, names, numbers) for _ in range(8))
            reports.append(Article(source=f"s{story}-r{k}#main", page_source=f"s{story}-r{k}", title=f"{names[0]} report {k}",
                                   body=body, published=day, outlet=f"Outlet {k}"))
        wire = reports[0]
        copy = Article(source=f"s{story}-w#main", page_source=f"s{story}-w", title=f"New headline on {names[1]}",
                       body=_sentence(rng, names, numbers) + "\n\n" + wire.body, published=day, outlet="Copier")
        planted.add((copy.source, wire.source))
        out += [*reports, copy]
        story += 1
    return out[:n], {p for p in planted if any(a.source == p[0] for a in out[:n])}


def _store(store: Store, articles: list[Article]) -> None:
    with store.transaction():
        for a in articles:
            store.add_page_articles(a.page_source, a.page_source, [a])


def run(n: int) -> dict[str, float]:
    articles, planted = corpus(n)
    head, tail = articles[:-LAST], articles[-LAST:]
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "b.db") as store:
        deriver = Deriver(store, default_options(), lambda f: print(f"failed: {f}", file=sys.stderr))
        _store(store, head)
        t0 = time.perf_counter()
        deriver.link_copies()
        archive_s = time.perf_counter() - t0
        _store(store, tail)
        t0, c0 = time.perf_counter(), time.process_time()
        deriver.link_copies()
        step, cpu = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        for a in tail:
            copies.copy_keys(copies.article_fingerprint(a))
        base = time.perf_counter() - t0
        links = store.copy_links()
    found = {(c, o) for c, (o, _) in links.items()}
    return {"n": n, "ms_per_article": 1000 * step / LAST, "cpu_ms": 1000 * cpu / LAST, "baseline_ms": 1000 * base / LAST,
            "archive_ms_per_article": 1000 * archive_s / max(1, len(head)),
            "planted_linked": len(found & planted) / max(1, len(planted)), "other_links": len(found - planted)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    args = ap.parse_args()
    rows = [run(int(s)) for s in args.sizes.split(",")]
    print(f"{'articles':>9} {'ms/article (last 500)':>22} {'cpu ms':>7} {'fingerprint only':>17} {'archive ms/article':>19} "
          f"{'planted linked':>15} {'other links':>12}")
    for r in rows:
        print(f"{r['n']:>9} {r['ms_per_article']:>22.2f} {r['cpu_ms']:>7.2f} {r['baseline_ms']:>17.2f} {r['archive_ms_per_article']:>19.2f} "
              f"{r['planted_linked']:>15.3f} {r['other_links']:>12}")
    print(f"largest / smallest per-article cost: wall {rows[-1]['ms_per_article'] / rows[0]['ms_per_article']:.2f}x, "
          f"cpu {rows[-1]['cpu_ms'] / rows[0]['cpu_ms']:.2f}x")


if __name__ == "__main__":
    main()
