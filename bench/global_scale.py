"""Per-record cost of the global stages (the ones every runner keeps on its driver) as the corpus grows.

    python bench/global_scale.py [--sizes 10000,100000,1000000] [--stages dedupe,resolve,group] [--jobs 2]

For each size N, synthetic records are generated (invented syllable names, places and topic
words; one event per ~8 articles, so stories stay events as the corpus grows), and each stage
runs over them in a fresh subprocess of its own (its peak RSS is its own): N MinHash signatures
into the near-duplicate index (``extract.dedupe.DuplicateIndex``: find + add), N analyses of 3 to
6 person mentions through ``resolve.resolve_entities``, and N story docs through
``stories.assign_stories`` into one ``StoryIndex`` in chunks of 1000 (as ``Deriver.group`` does).
Generating the records and their signatures is not timed. Prints one JSON line per (size, stage):
microseconds per record wall-clock (``us``) and CPU time of the process (``cpu_us``, the steadier
one on a shared machine), and their ratios to the smallest size's (the target: ``cpu_ratio`` at
1M <= 2). ``--jobs 2`` runs two subprocesses at once (one per core); the group stage at 1M records
peaks at 4.3 GB and takes about 18 min of CPU (``--progress 50000`` shows it as it goes): see README
"Scale" and docs/evaluation.md for the numbers measured. On a shared machine the CPU time of the 1M
run grows with the other jobs' load (they share the caches), so compare sizes from one run only.
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
    """N synthetic articles: (id, title, body, names, published, event); one event per ~8 articles, each
    event with its own invented place, topic words and cast, told by articles that share most but not all.

    Arrival order is random, not by date (a backfill of an archive, the harder case for the absorb step),
    and the events fall on 540 dates whatever N is, so a 30-day window holds ten times the stories at ten
    times N: the density of a bigger crawl of the same months, not a longer archive (``bench/stories.py``)."""
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
        out.append((f"a{i}", f"{town}: {topic[0]} {topic[1]}", body, names, day, e))
    return out


def _articles(recs: list) -> tuple[dict, list]:
    from rashomon.model import Article, ArticleAnalysis, Mention

    articles, analyses = {}, []
    for aid, title, body, names, day, _ in recs:
        articles[aid] = Article(source=aid, page_source=aid, title=title, body=body, published=day)
        mentions = []
        for nm in names:
            at = body.find(nm)
            mentions.append(Mention(articles[aid].id, at, at + len(nm), nm, "PERSON"))
        analyses.append(ArticleAnalysis(articles[aid].id, mentions=mentions))
    return articles, analyses


def _timed(fn) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def run(n: int, stage: str, extra: dict | None = None, progress: int = 0) -> dict:
    """One stage over N records in this process: microseconds per record, wall-clock and CPU; with ``progress``,
    the group stage prints its CPU per record so far and over the last ``progress`` records to stderr."""
    from dataclasses import replace

    from rashomon.config import default_options

    options = default_options()
    if extra:
        options = replace(options, extra={**options.extra, **extra})
    recs = records(n)
    out: dict = {"records": n, "stage": stage}
    if stage == "dedupe":
        from rashomon.extract.dedupe import DuplicateIndex, minhash_signature
        from rashomon.model import content_hash

        sigs = [minhash_signature(body, options) for _, _, body, _, _, _ in recs]  # per-page work: not timed

        def dedupe() -> int:
            index = DuplicateIndex(options)
            found = 0
            for (aid, _, body, _, day, _), sig in zip(recs, sigs):
                h = content_hash(body)
                found += bool(index.find(sig, h, day))
                index.add(aid, sig, h, day)
            return found

        wall, cpu, found = _timed(dedupe)
        out["near_duplicates"] = found
    elif stage == "resolve":
        from rashomon.resolve import resolve_entities

        articles, analyses = _articles(recs)
        by_id = {a.id: a for a in articles.values()}
        wall, cpu, resolution = _timed(lambda: resolve_entities(analyses, by_id))
        out["entities"] = len(resolution.entities)
    elif stage == "group":
        from rashomon.model import article_id
        from rashomon.stories import StoryDoc, StoryIndex, assign_stories

        docs = [StoryDoc(article=article_id(aid), source=aid, kind="article", title=title, body=body, published=day,
                         outlet=None, entities=names, language="en") for aid, title, body, names, day, _ in recs]
        story_index = StoryIndex.from_bytes(None, options)

        def group() -> int:
            began = last = time.process_time()
            for k in range(0, n, 1000):  # as Deriver.group: chunks of 1000 into one index
                assign_stories(docs[k:k + 1000], story_index, options)
                if progress and (k + 1000) % progress == 0:  # a long run shows its cost as it goes (stderr)
                    now = time.process_time()
                    print(json.dumps({"records": k + 1000, "cpu_us": round((now - began) / (k + 1000) * 1e6, 1),
                                      "last_cpu_us": round((now - last) / progress * 1e6, 1)}), file=sys.stderr, flush=True)
                    last = now
            return len(story_index.stories())

        from rashomon.stories.features import stop_words

        stop_words()  # loads spaCy's stop list (0.7 s CPU): a start-up cost, not a per-record one
        wall, cpu, out["stories"] = _timed(group)
        # not timed: the stories against the generator's events (pairwise F1), so a faster grouping shows its cost in quality
        from rashomon.eval.cluster_metrics import pairwise

        p, r, f1 = pairwise([str(rec[5]) for rec in recs], [story_index.story_of(d.article) or "" for d in docs])
        out.update(pairwise_p=round(p, 4), pairwise_r=round(r, 4), pairwise_f1=round(f1, 4))
    else:
        raise SystemExit(f"no such stage: {stage}")
    out["us"] = round(wall / n * 1e6, 1)
    out["cpu_us"] = round(cpu / n * 1e6, 1)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


STAGES = ("dedupe", "resolve", "group")


def _setting(kv: str) -> tuple[str, object]:
    """"story_scan_budget=256" -> ("story_scan_budget", 256): a number when it reads as one."""
    key, _, value = kv.partition("=")
    try:
        return key, json.loads(value)
    except ValueError:
        return key, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--jobs", type=int, default=1, help="(size, stage) subprocesses at once (each ~1 core)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="an options.extra setting for every stage, e.g. story_scan_budget=256 (a number or text)")
    parser.add_argument("--progress", type=int, default=0, metavar="K",
                        help="group: print CPU us per record every K records (a multiple of 1000) to stderr")
    parser.add_argument("--one", nargs=2, metavar=("N", "STAGE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(int(args.one[0]), args.one[1], dict(_setting(kv) for kv in args.set), args.progress)))
        return
    sizes = [int(x) for x in args.sizes.split(",")]
    stages = args.stages.split(",")
    jobs = [(n, st) for n in sizes for st in stages]
    base: dict[str, dict] = {}

    def launch(job):  # type: ignore[no-untyped-def]
        sets = [a for kv in args.set for a in ("--set", kv)] + ["--progress", str(args.progress)]
        return job, subprocess.Popen([sys.executable, __file__, "--one", str(job[0]), job[1], *sets],
                                     stdout=subprocess.PIPE, text=True)

    running: list = []
    done: dict = {}
    # the slowest first (group, then resolve), so --jobs 2 ends with the short ones running beside it
    slow = {"group": 0, "resolve": 1, "dedupe": 2}
    queue = sorted(jobs, key=lambda j: (-j[0], slow.get(j[1], 3)))
    while queue or running:
        while queue and len(running) < max(1, args.jobs):
            running.append(launch(queue.pop(0)))
        while all(proc.poll() is None for _, proc in running):
            time.sleep(0.5)
        job, proc = next(r for r in running if r[1].poll() is not None)
        running.remove((job, proc))
        stdout, _ = proc.communicate()
        if proc.returncode:
            raise SystemExit(f"{job} failed ({proc.returncode})")
        done[job] = json.loads(stdout.strip().splitlines()[-1])
        for j in jobs:  # print in order, as soon as every earlier job is done
            if j not in done or done[j].get("printed"):
                if j not in done:
                    break
                continue
            got = done[j]
            b = base.setdefault(got["stage"], got)
            got["cpu_ratio"] = round(got["cpu_us"] / max(b["cpu_us"], 1e-9), 2)
            got["ratio"] = round(got["us"] / max(b["us"], 1e-9), 2)
            print(json.dumps(got), flush=True)
            got["printed"] = True


if __name__ == "__main__":
    main()
