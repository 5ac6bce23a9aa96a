"""Story grouping cost per article at growing corpus sizes: is it near-linear?

Builds synthetic corpora at run time from word pools written here: many distinct stories, each
with its own invented names and places, an event kind shared with other stories, and dates
spread over time (the archive spans more days as it grows, so the density of stories per
time window stays constant, as in a real news archive). Articles arrive in date order in
batches of 500, as ingest feeds them, and the stories each batch touched are re-split. Each size runs in its own process for a clean peak RSS.

Baseline in the same run: feature extraction alone (the per-article cost grouping cannot avoid).
With ``--regroup``, each size also times a full regroup with and without the story split
(``stories.split``), whose pair features are quadratic in a story's size (bounded by split_max).

    .venv/bin/python bench/stories.py --sizes 1000,10000,100000
    .venv/bin/python bench/stories.py --sizes 1000,10000 --regroup
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

SYLLABLES = "ka lo mi ra ven tor sul bri an del fo gar hel im jun kes lar mon nor pel quin ros sta tul ur vas wen yor zel".split()
EVENTS = {
    "quake": "earthquake magnitude tremor epicentre aftershock collapsed rubble rescuers seismic buildings injured".split(),
    "fire": "fire blaze firefighters flames smoke evacuated burned warehouse arson destroyed".split(),
    "trial": "trial court judge jury verdict prosecutors defence sentenced guilty appeal".split(),
    "election": "election vote ballots candidate polls turnout campaign results coalition parliament".split(),
    "transfer": "signed contract club transfer striker season fee agent million league".split(),
    "rehab": "rehab treatment centre actress representative checked privacy recovery clinic addiction".split(),
    "heist": "robbers jewellery heist stolen store gems police armed escaped diamonds".split(),
    "strike": "strike workers union wages walkout negotiations management pickets shutdown talks".split(),
    "storm": "storm hurricane winds flooding rainfall evacuations landfall damage power coast".split(),
    "merger": "merger shares acquisition deal shareholders billion company regulators board bid".split(),
}
FILLER = (
    "officials witnesses residents statement morning evening local national authorities spokesman "
    "incident area city region government reports sources confirmed expected early later comment "
    "situation public community following several number according response details continued"
).split()


def name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_corpus(n_articles: int, seed: int = 7) -> list:
    """n_articles StoryDocs in ~n/8 stories, dated over n/20 days."""
    from rashomon.stories import StoryDoc

    rng = random.Random(seed)
    n_stories = max(1, n_articles // 8)
    span = max(30, n_articles // 20)
    start = date(2020, 1, 1)
    stories = []
    for s in range(n_stories):
        kind = rng.choice(list(EVENTS))
        people = [f"{name(rng, 2)} {name(rng, 3)}" for _ in range(3)]
        place = name(rng, 3)
        stories.append((s, kind, people, place, start + timedelta(days=rng.randrange(span))))
    docs = []
    for i in range(n_articles):
        s, kind, people, place, day = stories[i % n_stories]
        words = EVENTS[kind]
        sentences = []
        for _ in range(6):
            bits = rng.sample(words, 4) + rng.sample(FILLER, 5)
            rng.shuffle(bits)
            sentences.append(f"{rng.choice(people)} said in {place} that " + " ".join(bits) + ".")
        title = f"{rng.choice(people)} {rng.choice(words)} {rng.choice(words)} in {place}"
        published = (day + timedelta(days=rng.randrange(4))).isoformat()
        docs.append(StoryDoc(article=f"a{i}", source=f"bench://{i}", kind="article", title=title,
                             body=" ".join(sentences), published=published, outlet=f"outlet{i % 17}"))
    docs.sort(key=lambda d: d.published)
    return docs


def measure(n: int, with_regroup: bool = False) -> dict:
    from rashomon.config import default_options
    from rashomon.stories import StoryIndex, assign_stories, regroup, resplit
    from rashomon.stories.features import extract_features, stop_words

    stop_words()
    docs = make_corpus(n)
    options = default_options()
    sample = docs[:2000]  # the baseline's per-article cost does not depend on corpus size
    t = time.perf_counter()
    for d in sample:
        extract_features(d.title, d.body)
    features_s = (time.perf_counter() - t) * n / len(sample)
    index = StoryIndex.from_bytes(None, options)
    by_id = {d.article: d for d in docs}
    t = time.perf_counter()
    for i in range(0, n, 500):
        touched = set(assign_stories(docs[i : i + 500], index, options).values())
        # as ingest does after each run: re-split the stories the batch touched
        resplit([by_id[a] for a in index.members(touched)], index, options)
    group_s = time.perf_counter() - t
    truth = {d.article: int(d.article[1:]) % max(1, n // 8) for d in docs}
    pred = {a: index.story_of(a) for a in truth}
    pure = sum(1 for s in index.stories() if len({truth[a] for a in s.articles}) == 1) / max(1, len(index.stories()))
    out = {"n": n, "group_ms_per_article": 1000 * group_s / n, "features_ms_per_article": 1000 * features_s / n,
           "stories": len(index.stories()), "gold_stories": max(1, n // 8), "pure_story_share": pure,
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "assigned": sum(1 for v in pred.values() if v)}
    if with_regroup:
        for key, extra in (("regroup_ms_per_article", {}), ("regroup_unsplit_ms_per_article", {"story_split": False})):
            t = time.perf_counter()
            regrouped = regroup(docs, default_options(extra=extra))
            out[key] = 1000 * (time.perf_counter() - t) / n
            out[key.replace("ms_per_article", "stories")] = len(regrouped.stories())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--regroup", action="store_true", help="also time a full regroup with and without the split")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.regroup)))
        return
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--regroup"] if args.regroup else [])
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(f"{r['n']:>7} articles  grouping {r['group_ms_per_article']:.3f} ms/article  "
              f"(features alone {r['features_ms_per_article']:.3f}; ratio {r['group_ms_per_article'] / r['features_ms_per_article']:.1f}x)  "
              f"stories {r['stories']} (gold {r['gold_stories']}, pure {r['pure_story_share']:.2f})  peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)
        if "regroup_ms_per_article" in r:
            print(f"         regroup {r['regroup_ms_per_article']:.3f} ms/article with the split, "
                  f"{r['regroup_unsplit_ms_per_article']:.3f} without ({r['regroup_ms_per_article'] / r['regroup_unsplit_ms_per_article']:.2f}x); "
                  f"stories {r['regroup_stories']} vs {r['regroup_unsplit_stories']}", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"per-article cost ratio {last['n']}/{first['n']}: {last['group_ms_per_article'] / first['group_ms_per_article']:.2f}x (acceptance <= 2x)")
        norm = lambda r: r["group_ms_per_article"] / r["features_ms_per_article"]  # noqa: E731
        print(f"same ratio against the features-only baseline of each run (cancels machine load): {norm(last) / norm(first):.2f}x")
        if "regroup_ms_per_article" in first:
            print(f"regroup per-article cost ratio {last['n']}/{first['n']}: "
                  f"{last['regroup_ms_per_article'] / first['regroup_ms_per_article']:.2f}x")


if __name__ == "__main__":
    main()
