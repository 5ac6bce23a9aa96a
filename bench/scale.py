"""The full pipeline (read, extract, analyse, copies, entities, stories, reports, subjects) on the
local runner and on Ray with 1 and 2 workers, over the same invented pages, each in a fresh subprocess.

    python bench/scale.py [--pages 256] [--workers 1,2]

Prints one JSON line per engine: pages/s, seconds per article, its pages/s against the local
runner's (``speed_vs_local``), the time of each step (the global steps run on the
driver on either engine), the driver's peak RSS and the largest peak RSS of any one Ray worker
process (sampled every 0.5 s). Then one summary line: ``speedup_2_over_1_workers`` (pages/s of 2
workers over 1; the target is >= 1.7), each Ray run's pages/s over the local runner's, the
largest worker peak RSS (target <= 1,536 MB) and whether both targets are met.

Timing is wall-clock: run it on an idle machine. Ray's own start (``ray.init``, a few seconds) is
timed apart (``ray_start_s``) and left out of ``pages_per_s``, as on a cluster started once with
``ray start``; ``pages_per_s_with_ray_start`` and ``speedup_2_over_1_with_ray_start`` count it.
Everything else of a run is in: the actors' model loads, the driver's global stages, the store. 256 pages make 8
analysis batches of 32 (``batch_size``), so 2 workers get 4 each; fewer pages leave a worker idle.
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
    ray_start = 0.0
    if engine == "ray":  # a cluster is started once (`ray start --head`), not per run: timed apart
        from rashomon.run.ray_engine import _connect, require_ray

        t = time.perf_counter()
        _connect(require_ray(), None, workers)
        ray_start = time.perf_counter() - t
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
            "ray_start_s": round(ray_start, 2), "pages_per_s_with_ray_start": round(report.pages / (seconds + ray_start), 3),
            "pages_per_s": round(report.pages / seconds, 3), "s_per_article": round(seconds / max(1, report.articles_added), 3),
            "timings": report.timings, "driver_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "worker_peak_rss_mb": round(peak.get("worker_peak_rss_mb", 0.0))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=256)
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
            r = json.loads(out.stdout.strip().splitlines()[-1])
            r["speed_vs_local"] = round(r["pages_per_s"] / (results or [r])[0]["pages_per_s"], 3)
            results.append(r)
            print(json.dumps(r), flush=True)
        ray = {r["workers"]: r for r in results if r["engine"] == "ray"}
        summary: dict = {f"ray_{w}_workers_vs_local": r["speed_vs_local"] for w, r in sorted(ray.items())}
        summary["worker_peak_rss_mb"] = max((r["worker_peak_rss_mb"] for r in ray.values()), default=0)
        if 1 in ray and 2 in ray:
            summary["speedup_2_over_1_workers"] = round(ray[2]["pages_per_s"] / ray[1]["pages_per_s"], 3)
            summary["speedup_2_over_1_with_ray_start"] = round(
                ray[2]["pages_per_s_with_ray_start"] / ray[1]["pages_per_s_with_ray_start"], 3)
            summary["targets_met"] = summary["speedup_2_over_1_workers"] >= 1.7 and summary["worker_peak_rss_mb"] <= 1536
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
