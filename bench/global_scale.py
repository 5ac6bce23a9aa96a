"""Per-record cost of the global stages (the ones every runner keeps on its driver) as the corpus grows.

    python bench/global_scale.py [--sizes 1000,10000,100000]

For each size N, synthetic records are generated (invented syllable names, places and topic
words; one event per ~8 articles, so stories stay events as the corpus grows): N MinHash signatures into the near-duplicate index
(``extract.dedupe.DuplicateIndex``: add + find), N analyses of 3 to 6 person mentions through
``resolve.resolve_entities``, and N story docs through ``stories.assign_stories`` into one
``StoryIndex`` in chunks of 1000 (as ``Deriver.group`` does). Prints one JSON line per size with
microseconds per record for each stage, and the ratio of each to the smallest size's. Each size
runs in a fresh subprocess (peak RSS is its own). Wall-clock: run it on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

FIRST = ["Odile", "Tomasz", "Ines", "Gideon", "Mirela", "Kwame", "Henrike", "Lucian", "Sabine", "Orrin", "Petra",
         "Anselm", "Yara", "Bruno", "Ilse", "Marek", "Noor", "Casimir", "Edda", "Felix"]
LAST = ["Varga", "Prell", "Holloway", "Achterberg", "Szabo", "Oduya", "Baes", "Dobrev", "Lindqvist", "Marsh",
        "Quell", "Rasmussen", "Tarrow", "Ueda", "Vance", "Wexley", "Yorke", "Zell", "Amsel", "Brandt"]
WORDS = ("council inspector engineers residents records review repairs budget contract report warning committee "
         "hearing vote closure strike lease permit inquiry audit").split()


SYLLABLES = ["ka", "lo", "mir", "ven", "tas", "dru", "fel", "gor", "hin", "jas", "kel", "mon", "nor", "pel", "quin",
             "ros", "sel", "tor", "ul", "vak", "wen", "yar", "zo", "bre", "cal", "dor", "esk", "fin", "gal", "har"]


def _word(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def records(n: int, seed: int = 7):
    """N synthetic articles: (id, title, body, names, published); one event per ~8 articles, each event
    with its own invented place, topic words and cast, told by articles that share most but not all."""
    rng = random.Random(seed)
    events = max(1, n // 8)
    out = []
    for i in range(n):
        e = rng.randrange(events)
        erng = random.Random(e * 7919 + 1)
        town = _word(erng).title()
        topic = [_word(erng, 2) for _ in range(8)]
        cast = [f"{_word(erng, 2).title()} {_word(erng).title()}" for _ in range(4)]
        names = rng.sample(cast, rng.randint(2, 4)) + [f"{rng.choice(FIRST)} {rng.choice(LAST)}"]
        words = [rng.choice(topic + WORDS) for _ in range(60)]
        body = f"In {town} the {topic[0]} case went on. " + " ".join(
            f"{nm} said the {' '.join(words[k * 8:k * 8 + 8])}." for k, nm in enumerate(names))
        day = f"20{30 + e % 5}-{e % 12 + 1:02d}-{e % 27 + 1:02d}"
        out.append((f"a{i}", f"{town}: {topic[0]} {topic[1]}", body, names, day))
    return out


def run(n: int) -> dict:
    from rashomon.config import default_options
    from rashomon.extract.dedupe import DuplicateIndex, minhash_signature
    from rashomon.model import Article, ArticleAnalysis, Mention, content_hash
    from rashomon.resolve import resolve_entities
    from rashomon.stories import StoryDoc, StoryIndex, assign_stories

    options = default_options()
    recs = records(n)
    sigs = [minhash_signature(body, options) for _, _, body, _, _ in recs]  # per-page work: not timed
    out: dict = {"records": n}

    t = time.perf_counter()
    index = DuplicateIndex(options)
    for (aid, _, body, _, day), sig in zip(recs, sigs):
        h = content_hash(body)
        index.find(sig, h, day)
        index.add(aid, sig, h, day)
    out["dedupe_us"] = round((time.perf_counter() - t) / n * 1e6, 1)

    articles, analyses = {}, []
    for aid, title, body, names, day in recs:
        articles[aid] = Article(source=aid, page_source=aid, title=title, body=body, published=day)
        mentions = []
        for nm in names:
            at = body.find(nm)
            mentions.append(Mention(articles[aid].id, at, at + len(nm), nm, "PERSON"))
        analyses.append(ArticleAnalysis(articles[aid].id, mentions=mentions))
    by_id = {a.id: a for a in articles.values()}
    t = time.perf_counter()
    resolution = resolve_entities(analyses, by_id)
    out["resolve_us"] = round((time.perf_counter() - t) / n * 1e6, 1)
    out["entities"] = len(resolution.entities)

    docs = [StoryDoc(article=articles[aid].id, source=aid, kind="article", title=title, body=body, published=day,
                     outlet=None, entities=names, language="en") for aid, title, body, names, day in recs]
    t = time.perf_counter()
    story_index = StoryIndex.from_bytes(None, options)
    for k in range(0, n, 1000):
        assign_stories(docs[k:k + 1000], story_index, options)
    out["group_us"] = round((time.perf_counter() - t) / n * 1e6, 1)
    out["stories"] = len(story_index.stories())
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(args.one)))
        return
    base = None
    for n in (int(s) for s in args.sizes.split(",")):
        got = json.loads(subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True,
                                        check=True).stdout.strip().splitlines()[-1])
        base = base or got
        for key in ("dedupe_us", "resolve_us", "group_us"):
            got[key.replace("_us", "_ratio")] = round(got[key] / max(base[key], 1e-9), 2)
        print(json.dumps(got))


if __name__ == "__main__":
    main()
