"""Ingest throughput and peak memory, as a ratio to trafilatura's own ``extract`` on the same pages.

    python bench/ingest.py [--limit N] [--data ../shared/eval/trafilatura-eval]

The pages of trafilatura's evaluation set are unpacked once into a temporary folder of
``.html`` files. Each side then runs in its own fresh subprocess (so peak RSS is its own):

* rashomon: ``rashomon.pipeline.ingest`` over the folder with analysis off: read + decode +
  extract (trafilatura with metadata, our date/outlet rules) + near-duplicates + SQLite write.
  When the pipeline or store cannot run, it measures read + extract + dedupe in-process
  instead and says so in the ``mode`` field.
* trafilatura: ``trafilatura.extract(bytes)`` with its defaults on every file.

Prints a small table and one JSON line. Timing is wall-clock; run it on an idle machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "trafilatura-eval"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


def worker_rashomon(folder: Path, db: Path) -> dict:
    from rashomon.config import default_options

    options = default_options(db=str(db), analyze=False)
    start = time.perf_counter()
    try:
        from rashomon.pipeline import ingest

        report = ingest([str(folder)], options)
        seconds = time.perf_counter() - start
        return {
            "mode": "read+extract+dedupe+store (rashomon.pipeline.ingest, analyze off)",
            "pages": report.pages,
            "articles": report.articles_added,
            "failures": len(report.failures),
            "seconds": seconds,
            "peak_rss_mb": _peak_rss_mb(),
        }
    except (ImportError, NotImplementedError) as e:  # pipeline or store not available: measure what is
        print(f"pipeline unavailable ({type(e).__name__}: {e}); measuring read+extract+dedupe", file=sys.stderr)
    return worker_rashomon_nostore(folder)


def worker_rashomon_nostore(folder: Path) -> dict:
    from rashomon.config import default_options
    from rashomon.errors import ExtractionError
    from rashomon.extract import extract_page
    from rashomon.extract.dedupe import DuplicateIndex, mark_duplicates
    from rashomon.ingest.html import read_html
    from rashomon.model import Page

    options = default_options(analyze=False)
    index = DuplicateIndex(options)
    start = time.perf_counter()
    pages = articles = failures = 0
    for path in _files(folder):
        for item in read_html(str(path), path.read_bytes()):
            if not isinstance(item, Page):
                failures += 1
                continue
            pages += 1
            try:
                found = extract_page(item, options)
            except ExtractionError:
                failures += 1
                continue
            articles += len(mark_duplicates(found, index, options))
    return {
        "mode": "read+extract+dedupe (no store)",
        "pages": pages,
        "articles": articles,
        "failures": failures,
        "seconds": time.perf_counter() - start,
        "peak_rss_mb": _peak_rss_mb(),
    }


def worker_trafilatura(folder: Path) -> dict:
    import trafilatura

    start = time.perf_counter()
    pages = articles = 0
    for path in _files(folder):
        pages += 1
        if trafilatura.extract(path.read_bytes()):
            articles += 1
    return {
        "mode": "trafilatura.extract (defaults)",
        "pages": pages,
        "articles": articles,
        "failures": pages - articles,
        "seconds": time.perf_counter() - start,
        "peak_rss_mb": _peak_rss_mb(),
    }


def unpack(data: Path, limit: int | None, folder: Path) -> int:
    """Write the evaluation pages (in evaldata.json order) as plain .html files; returns the count."""
    index = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
    n = 0
    for item in index.values():
        name = item.get("file")
        path = next((p for p in (data / "html" / f"{name}.gz", data / "html" / str(name)) if p.is_file()), None)
        if not name or path is None:
            continue
        raw = path.read_bytes()
        (folder / f"{n:04d}.html").write_bytes(gzip.decompress(raw) if path.suffix == ".gz" else raw)
        n += 1
        if limit and n >= limit:
            break
    return n


def run_side(side: str, folder: Path, db: Path) -> dict:
    cmd = [sys.executable, __file__, "--worker", side, "--dir", str(folder), "--db", str(db)]
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{side} worker failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="trafilatura-eval folder")
    ap.add_argument("--worker", choices=["rashomon", "rashomon-nostore", "trafilatura"], help=argparse.SUPPRESS)
    ap.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:
        if args.worker == "rashomon":
            result = worker_rashomon(args.dir, args.db)
        elif args.worker == "rashomon-nostore":
            result = worker_rashomon_nostore(args.dir)
        else:
            result = worker_trafilatura(args.dir)
        print(json.dumps(result))
        return

    if not (args.data / "evaldata.json").is_file():
        raise SystemExit(f"{args.data}: trafilatura-eval data not found (pass --data)")
    with tempfile.TemporaryDirectory(prefix="rashomon-bench-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        n = unpack(args.data, args.limit, folder)
        ours = run_side("rashomon", folder, Path(tmp) / "bench.db")
        base = run_side("trafilatura", folder, Path(tmp) / "unused.db")

    def rate(r: dict) -> float:
        return r["articles"] / r["seconds"] if r["seconds"] else 0.0

    rows = [("rashomon ingest", ours), ("trafilatura.extract", base)]
    print(f"ingest benchmark: {n} pages of trafilatura-eval ({ours['mode']})")
    print(f"{'system':<20} {'pages':>6} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'peak RSS MB':>11}")
    for name, r in rows:
        print(f"{name:<20} {r['pages']:>6} {r['articles']:>8} {r['seconds']:>8.1f} {rate(r):>10.1f} {r['peak_rss_mb']:>11.0f}")
    summary = {
        "bench": "ingest",
        "pages": n,
        "rashomon": ours,
        "trafilatura": base,
        "throughput_ratio": round(rate(ours) / rate(base), 3) if rate(base) else None,
        "peak_rss_ratio": round(ours["peak_rss_mb"] / base["peak_rss_mb"], 3) if base["peak_rss_mb"] else None,
    }
    print(f"throughput ratio (rashomon / trafilatura): {summary['throughput_ratio']}   "
          f"peak RSS ratio: {summary['peak_rss_ratio']}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
