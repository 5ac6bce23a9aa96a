"""The full pipeline (read, extract, analyse, copies, entities, stories, reports) on the local runner
and on Ray with 1 and 2 workers, over the same invented pages, each in a fresh subprocess.

    python bench/scale.py [--pages 60] [--workers 1,2]

Prints one JSON line per engine: pages/s, seconds per article, its ratio to the local runner,
the time of each step (the global steps run on the driver on either engine), the driver's peak
RSS and the largest peak RSS of a Ray worker process (sampled every 0.5 s). Timing is wall-clock
and includes Ray's start (a few seconds): run it on an idle machine, with enough pages that the
per-page work dominates.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _worker_peak(stop: threading.Event, out: dict) -> None:
    """Largest RSS seen of any Ray worker process (``ray::`` in its title)."""
    import psutil

    while not stop.wait(0.5):
        for p in psutil.process_iter(["cmdline", "memory_info"]):
            cmd = " ".join(p.info.get("cmdline") or [])
            mem = p.info.get("memory_info")
            if mem is not None and cmd.startswith("ray::"):
                out["worker_peak_rss_mb"] = max(out.get("worker_peak_rss_mb", 0.0), mem.rss / 2**20)


def one(engine: str, folder: str, db: str, workers: int) -> dict:
    from rashomon.config import default_options

    options = default_options(db=db)
    started = time.perf_counter()
    stop, peak = threading.Event(), {}
    watcher = threading.Thread(target=_worker_peak, args=(stop, peak), daemon=True)
    watcher.start()
    if engine == "local":
        from rashomon.run.local import ingest

        report = ingest([folder], options)
    else:
        from rashomon.run.ray_engine import ingest_ray

        report = ingest_ray([folder], options, workers=workers)
    seconds = time.perf_counter() - started
    stop.set()
    return {"engine": engine, "workers": workers if engine == "ray" else 1, "pages": report.pages,
            "articles": report.articles_added, "failures": len(report.failures), "seconds": round(seconds, 2),
            "pages_per_s": round(report.pages / seconds, 3), "s_per_article": round(seconds / max(1, report.articles_added), 3),
            "timings": report.timings, "driver_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "worker_peak_rss_mb": round(peak.get("worker_peak_rss_mb", 0.0))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--one", nargs=4, metavar=("ENGINE", "FOLDER", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        engine, folder, db, workers = args.one
        print(json.dumps(one(engine, folder, db, int(workers))))
        return
    sys.path.insert(0, str(REPO / "tests"))
    from pipeline_pages import write_pages  # invented pages, written for the tests

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        write_pages(folder, args.pages)
        runs = [("local", 1)] + [("ray", int(w)) for w in args.workers.split(",")]
        results = []
        for engine, workers in runs:
            db = Path(tmp) / f"{engine}-{workers}.db"
            out = subprocess.run([sys.executable, __file__, "--one", engine, str(folder), str(db), str(workers)],
                                 capture_output=True, text=True, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        base = results[0]["s_per_article"]
        for r in results:
            r["ratio_to_local"] = round(r["s_per_article"] / base, 3)
            print(json.dumps(r))
        ray1 = [r for r in results if r["engine"] == "ray" and r["workers"] == 1]
        ray2 = [r for r in results if r["engine"] == "ray" and r["workers"] == 2]
        if ray1 and ray2:
            print(json.dumps({"speedup_2_over_1_workers": round(ray1[0]["seconds"] / ray2[0]["seconds"], 3)}))


if __name__ == "__main__":
    main()
