"""Story grouping cost per article at growing corpus sizes: is it near-linear?

Builds synthetic corpora at run time from word pools written here: many distinct stories, each
with its own invented names and places, an event kind shared with other stories, and dates
spread over time (the archive spans more days as it grows, so the density of stories per
time window stays constant, as in a real news archive). Articles arrive in date order in
batches of 500, as ingest feeds them, and the stories each batch touched are re-split. Each size runs in its own process for a clean peak RSS.

The new signals are on unless ``--plain``: one article in 12 is "in another language" (a stand-in:
its lower-case words spelt backwards, names and numbers kept, stored as German), so it goes through
``stories.crosslingual`` (names, numbers, the multilingual model) and, when it founds a story, waits in
the index (``group.absorb``); one in 10 is a wire copy of its story's first report under a new intro,
found per batch by ``extract.copies`` (fingerprints, blocking on rare names and numbers as
``Store.copy_candidates`` does, in memory here, and the pair test) before grouping, as ingest runs
them; and after each batch the threads of every story it touched are rebuilt (``stories.threads``).

Baseline in the same run: feature extraction alone (the per-article cost grouping cannot avoid).
With ``--regroup``, each size also times a full regroup with and without the story split
(``stories.split``), whose pair features are quadratic in a story's size (bounded by split_max).

    .venv/bin/python bench/stories.py --sizes 1000,10000,100000
    .venv/bin/python bench/stories.py --sizes 1000,10000 --regroup
    .venv/bin/python bench/stories.py --sizes 1000,10000 --plain   # grouping alone, as before
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


def foreign(text: str) -> str:
    """A stand-in for another language: lower-case words spelt backwards, names and numbers kept."""
    return " ".join(w if w[:1].isupper() or not w.isalpha() else w[::-1] for w in text.split(" "))


def make_corpus(n_articles: int, seed: int = 7, signals: bool = True) -> list:
    """n_articles StoryDocs in ~n/8 stories, dated over n/20 days; with ``signals``, one in 12 in a
    stand-in foreign language and one in 10 a wire copy of its story's first article under a new intro."""
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
    first: dict[int, StoryDoc] = {}
    for i in range(n_articles):
        s, kind, people, place, day = stories[i % n_stories]
        words = EVENTS[kind]
        sentences = []
        for _ in range(6):
            bits = rng.sample(words, 4) + rng.sample(FILLER, 5)
            rng.shuffle(bits)
            number = f" {rng.randrange(2, 900)} " if rng.random() < 0.3 else " "
            sentences.append(f"{rng.choice(people)} said in {place} that" + number + " ".join(bits) + ".")
        title = f"{rng.choice(people)} {rng.choice(words)} {rng.choice(words)} in {place}"
        published = (day + timedelta(days=rng.randrange(4))).isoformat()
        language = None
        source = f"bench://{i}"
        body = " ".join(sentences)
        if signals and s in first and i % 10 == 7:  # a wire copy: the first report under a new intro
            orig = first[s]
            title = f"{place}: {rng.choice(words)} {rng.choice(FILLER)}"
            body = f"{rng.choice(people)} {rng.choice(FILLER)} {rng.choice(words)} {rng.choice(FILLER)}. " + orig.body
            published = orig.published
            source += "/copy"
        elif signals and i % 12 == 5:
            title, body, language = foreign(title), foreign(body), "de"
        doc = StoryDoc(article=f"a{i}", source=source, kind="article", title=title,
                       body=body, published=published, outlet=f"outlet{i % 17}", language=language)
        first.setdefault(s, doc)
        docs.append(doc)
    docs.sort(key=lambda d: d.published)
    return docs


class Copies:
    """Copy linking per batch as ingest runs it: fingerprints, blocking on rare keys (in memory, the
    rules of ``Store.copy_candidates``), then ``extract.copies.links_between``."""

    def __init__(self) -> None:
        from collections import Counter, defaultdict

        self.df: Counter[str] = Counter()
        self.postings: dict[str, list[str]] = defaultdict(list)
        self.articles: dict = {}
        self.order: dict[str, int] = {}
        self.links = 0

    def link(self, docs: list) -> list:
        from dataclasses import replace

        from rashomon.extract import copies
        from rashomon.model import Article

        arts = {}
        for d in docs:
            a = Article(source=d.source, page_source=d.source, title=d.title, body=d.body, published=d.published,
                        outlet=d.outlet, language=d.language)
            arts[a.id] = (a, d)
            self.order[a.id] = len(self.order)
        prints = {aid: copies.article_fingerprint(a) for aid, (a, _) in arts.items()}
        keys = {aid: copies.copy_keys(fp) for aid, fp in prints.items()}
        for aid, ks in keys.items():
            self.df.update(ks)
            for k in ks:
                self.postings[k].append(aid)
        self.articles.update({aid: a for aid, (a, _) in arts.items()})
        b = copies.BLOCKING
        out = []
        for aid, (a, d) in arts.items():
            rare = sorted((k for k in keys[aid] if self.df[k] <= b["max_df"]), key=lambda k: (self.df[k], k))[: b["rarest"]]
            shared: dict[str, int] = {}
            for k in rare:
                for other in self.postings[k]:
                    if other != aid:
                        shared[other] = shared.get(other, 0) + 1
            cands = [self.articles[o] for o, c in sorted(shared.items(), key=lambda kv: -kv[1]) if c >= b["min_shared"]][: b["limit"]]
            links = [lk for lk in copies.links_between(a, cands, self.order, prints) if lk.copy == a.source]
            if links:
                self.links += 1
                d = replace(d, near_duplicate_of=links[0].original)
            out.append(d)
        return out


def threads_of(index, touched: set[str], by_id: dict) -> int:
    """Rebuild the threads of every touched story (as the threads stage does for a changed story)."""
    from rashomon.model import Article
    from rashomon.stories.threads import build_threads

    n = 0
    for sid in touched:
        story = index.stories_by_id.get(sid)
        if story is None:
            continue
        arts = [Article(source=by_id[a].source, page_source=by_id[a].source, title=by_id[a].title, body=by_id[a].body,
                        published=by_id[a].published, near_duplicate_of=by_id[a].near_duplicate_of)
                for a in story.articles if a in by_id]
        n += len(build_threads(sid, arts))
    return n


def measure(n: int, with_regroup: bool = False, signals: bool = True) -> dict:
    from rashomon.config import default_options
    from rashomon.stories import StoryIndex, assign_stories, regroup, resplit
    from rashomon.stories.features import extract_features, stop_words

    stop_words()
    docs = make_corpus(n, signals=signals)
    options = default_options()
    sample = docs[:2000]  # the baseline's per-article cost does not depend on corpus size
    t = time.perf_counter()
    for d in sample:
        extract_features(d.title, d.body)
    features_s = (time.perf_counter() - t) * n / len(sample)
    if signals:  # the multilingual model loads once per process: not a per-article cost
        from rashomon.stories.crosslingual import embed_multilingual

        embed_multilingual(["warm up"])
    index = StoryIndex.from_bytes(None, options)
    by_id = {d.article: d for d in docs}
    linker = Copies()
    copies_s = threads_s = 0.0
    threads = 0
    t = time.perf_counter()
    for i in range(0, n, 500):
        batch = docs[i : i + 500]
        if signals:
            c = time.perf_counter()
            batch = linker.link(batch)
            by_id.update({d.article: d for d in batch})
            copies_s += time.perf_counter() - c
        touched = set(assign_stories(batch, index, options).values())
        # as ingest does after each run: re-split the stories the batch touched
        resplit([by_id[a] for a in index.members(touched)], index, options)
        if signals:
            c = time.perf_counter()
            threads += threads_of(index, touched, by_id)
            threads_s += time.perf_counter() - c
    total_s = time.perf_counter() - t
    group_s = total_s - copies_s - threads_s
    truth = {d.article: int(d.article[1:]) % max(1, n // 8) for d in docs}
    pred = {a: index.story_of(a) for a in truth}
    pure = sum(1 for s in index.stories() if len({truth[a] for a in s.articles}) == 1) / max(1, len(index.stories()))
    foreign = [d.article for d in docs if d.language]
    planted = [d.article for d in docs if d.source.endswith("/copy")]
    out = {"n": n, "group_ms_per_article": 1000 * group_s / n, "features_ms_per_article": 1000 * features_s / n,
           "total_ms_per_article": 1000 * total_s / n, "copies_ms_per_article": 1000 * copies_s / n,
           "threads_ms_per_article": 1000 * threads_s / n, "threads": threads,
           "stories": len(index.stories()), "gold_stories": max(1, n // 8), "pure_story_share": pure,
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "assigned": sum(1 for v in pred.values() if v),
           "foreign": len(foreign), "foreign_with_story_mates": sum(1 for a in foreign if len(index.stories_by_id[index.story_of(a)].articles) > 1),
           "foreign_waiting": len(index.waiting), "copies_linked": linker.links, "copies_planted": len(planted),
           "index_mb": len(index.to_bytes()) / 1e6}
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
    parser.add_argument("--plain", action="store_true", help="grouping alone: no foreign pages, copies or threads")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.regroup, not args.plain)))
        return
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--regroup"] if args.regroup else []) + (["--plain"] if args.plain else [])
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(f"{r['n']:>7} articles  all {r['total_ms_per_article']:.3f} ms/article: grouping {r['group_ms_per_article']:.3f}, "
              f"copies {r['copies_ms_per_article']:.3f}, threads {r['threads_ms_per_article']:.3f}; "
              f"foreign {r['foreign']} ({r['foreign_with_story_mates']} with story mates, {r['foreign_waiting']} waiting), "
              f"copy links {r['copies_linked']} ({r['copies_planted']} wire copies planted); index {r['index_mb']:.1f} MB", flush=True)
        print(f"         grouping {r['group_ms_per_article']:.3f} ms/article  "
              f"(features alone {r['features_ms_per_article']:.3f}; ratio {r['group_ms_per_article'] / r['features_ms_per_article']:.1f}x)  "
              f"stories {r['stories']} (gold {r['gold_stories']}, pure {r['pure_story_share']:.2f})  peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)
        if "regroup_ms_per_article" in r:
            print(f"         regroup {r['regroup_ms_per_article']:.3f} ms/article with the split, "
                  f"{r['regroup_unsplit_ms_per_article']:.3f} without ({r['regroup_ms_per_article'] / r['regroup_unsplit_ms_per_article']:.2f}x); "
                  f"stories {r['regroup_stories']} vs {r['regroup_unsplit_stories']}", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"per-article cost ratio {last['n']}/{first['n']}, all signals: {last['total_ms_per_article'] / first['total_ms_per_article']:.2f}x "
              f"(acceptance <= 2x); grouping alone {last['group_ms_per_article'] / first['group_ms_per_article']:.2f}x")
        norm = lambda r: r["group_ms_per_article"] / r["features_ms_per_article"]  # noqa: E731
        print(f"same ratio against the features-only baseline of each run (cancels machine load): {norm(last) / norm(first):.2f}x")
        if "regroup_ms_per_article" in first:
            print(f"regroup per-article cost ratio {last['n']}/{first['n']}: "
                  f"{last['regroup_ms_per_article'] / first['regroup_ms_per_article']:.2f}x")


if __name__ == "__main__":
    main()
