"""Web latency over loopback on a database of at least 10,000 articles.

The database is the demo corpus run through the real pipeline once, then cloned (new sources,
same analyses, stories re-compared) until it holds ``--articles`` articles. The server runs in
its own process (`rashomon serve`); a client in this process requests each page sequentially.
p50/p95 are reported for the story page and the API, next to the server's floor in the same
run: a static file from the same server.

    .venv/bin/python bench/web.py [--articles 10000] [--requests 200] [--db bench/out/web.db]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from rashomon.compare import compare_story
from rashomon.config import default_options
from rashomon.model import content_hash
from rashomon.resolve import Resolution
from rashomon.store import Store
from rashomon.web.server import free_port


def build(db: Path, articles: int) -> None:
    """Demo corpus through the pipeline, then clones of every story until ``articles`` are stored."""
    from rashomon.demo import DEMO_DIR
    from rashomon.pipeline import ingest

    if db.exists():
        with Store.open(str(db)) as store:
            if store.counts()["articles"] >= articles:
                return
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    ingest([str(DEMO_DIR)], default_options(db=str(db)))
    with Store.open(str(db)) as store:
        base_articles = store.articles()
        base_analyses = {a.article: a for a in store.analyses()}
        stories = store.stories()
        entities = store.entities()
        copies = max(0, (articles - len(base_articles)) // max(1, len(base_articles)) + 1)
        all_analyses = list(base_analyses.values())
        for k in range(1, copies + 1):
            idmap = {}
            with store.transaction():
                for a in base_articles:
                    clone = dataclasses.replace(a, source=f"{a.source}~{k}", page_source=f"{a.page_source}~{k}",
                                                parent=f"{a.parent}~{k}" if a.parent else None,
                                                near_duplicate_of=f"{a.near_duplicate_of}~{k}" if a.near_duplicate_of else None)
                    idmap[a.id] = clone.id
                    store.add_page_articles(content_hash(f"{k}:{a.page_source}:{a.source}"), clone.page_source, [clone])
                clones = []
                for old, an in base_analyses.items():
                    new = idmap[old]
                    c = dataclasses.replace(
                        an, article=new,
                        mentions=[dataclasses.replace(m, article=new) for m in an.mentions],
                        attributions=[dataclasses.replace(t, article=new) for t in an.attributions],
                        timexes=[dataclasses.replace(t, article=new) for t in an.timexes],
                    )
                    clones.append(c)
                store.save_analysis(clones)
                all_analyses += clones
                story_clones = [dataclasses.replace(s, id=f"{s.id}-{k}", articles=[idmap[x] for x in s.articles if x in idmap])
                                for s in stories]
                store.save_stories(story_clones, grouped=list(idmap.values()), replace_all=False)
        store.replace_entities(Resolution.linked_in(all_analyses, entities))
        for s in store.stories():
            arts = store.articles(ids=s.articles)
            store.save_story_report(compare_story(s, arts, store.analyses(s.articles), entities))


def measure(base: str, path: str, n: int) -> dict[str, float]:
    times = []
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get(path)  # warm
        for _ in range(n):
            t = time.perf_counter()
            r = client.get(path)
            times.append((time.perf_counter() - t) * 1000)
            r.raise_for_status()
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--db", default="bench/out/web.db")
    args = ap.parse_args()
    db = Path(args.db)
    t = time.perf_counter()
    build(db, args.articles)
    with Store.open(str(db), readonly=True) as store:
        counts = store.counts()
        contested = store.contested_counts()
        story = max(store.stories(limit=50), key=lambda s: (contested.get(s.id, 0), len(s.articles)))
        article = story.articles[0]
    print(f"database: {counts['articles']} articles, {counts['stories']} stories (built in {time.perf_counter() - t:.0f}s)")
    port = free_port()
    env = {**os.environ, "RASHOMON_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "rashomon", "serve", "--db", str(db), "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/static/style.css", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        paths = {
            "static file (floor)": "/static/style.css",
            "story page": f"/stories/{story.id}",
            "stories list": "/",
            "article page": f"/articles/{article}",
            "search page": "/search?q=dam",
            "api story": f"/api/stories/{story.id}",
            "api articles": "/api/articles?limit=50&offset=5000",
            "api statements": "/api/statements?limit=50",
            "api search": "/api/search?q=minister",
        }
        results = {name: measure(base, path, args.requests) for name, path in paths.items()}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    floor = results["static file (floor)"]["p95_ms"]
    print(f"{'endpoint':22} {'p50 ms':>8} {'p95 ms':>8} {'p95/floor':>10}")
    for name, r in results.items():
        print(f"{name:22} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['p95_ms'] / floor:10.1f}")
    verdict = "meets" if results["story page"]["p95_ms"] <= 150 else "misses"
    print(f"story page p95 {results['story page']['p95_ms']:.1f} ms {verdict} the 150 ms target")
    print(json.dumps({"bench": "web", "articles": counts["articles"], "results": results}))


if __name__ == "__main__":
    main()
