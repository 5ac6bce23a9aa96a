"""The full pipeline (read, extract, analyse, copies, entities, stories, reports, subjects) on the
local runner and on Ray with 1 and 2 workers, over the same invented pages, each in a fresh subprocess.

    python bench/scale.py [--pages 1024] [--workers 1,2]

Prints one JSON line per engine: pages/s, seconds per article, its pages/s against the local
runner's (``speed_vs_local``), the time of each step (the global steps run on the
driver on either engine), the driver's peak RSS and the largest peak RSS of any one Ray worker
process, and the CPU seconds of the driver and of all Ray processes together (sampled every 0.5 s):
by what each process is (``cpu_s``, ``cpu_ms_per_page``: driver, workers, data_tasks (Ray Data's
read+extract tasks and its own actors), idle_workers (Ray worker processes starting or between
tasks), raylet, gcs, log_monitor, dashboard...), per step (``cpu_s_by_phase``), the machine's CPU
that other jobs took meanwhile (``other_jobs``), the looks at which fewer than 2 of the run's
processes could run (``looks_under_2_running``: a core the run left idle) and the CPU ceiling on 2
cores (``cpu_bound_pages_per_s_2_cores``: pages / (the run's CPU seconds / 2)).
Then one summary line: ``speedup_2_over_1_workers`` (pages/s of 2 workers over 1; the target is
>= 1.7), ``ceiling_2_over_1_from_cpu`` (the 1-worker run's seconds over the least time the 2-worker
run's CPU seconds need on 2 cores: what 2 workers could reach with no core ever idle), each Ray run's
pages/s over the local runner's, the largest worker peak RSS (target <= 1,536 MB) and whether both
targets are met.

Timing is wall-clock: run it on an idle machine (about 7 minutes on the 2-core one). Ray's own
start (``ray.init``, a few seconds) is timed apart (``ray_start_s``) and left out of ``pages_per_s``,
as on a cluster started once with ``ray start``; ``pages_per_s_with_ray_start`` and
``speedup_2_over_1_with_ray_start`` count it. Everything else of a run is in: each worker's model
loads, the driver's global stages, the store.

The pages (``bench/scale_pages.py``) are 1,024 by default, about 100 stories of 2 to 24 reports:
a real run is tens of thousands of pages, where each worker's one-off start (its process, spaCy,
the MiniLM, about 5 CPU seconds) is a small part; at 256 pages it was a sixth of a worker's run.
The pages of ``tests/pipeline_pages`` were used before: they make one story per 40 pages (8
town-and-event pairs), so more of them made a few huge stories whose comparison outgrew the rest.
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

SERVICES = {"gcs_server": "gcs", "raylet": "raylet", "dashboard.py": "dashboard", "ray::DashboardAgent": "dashboard_agent",
            "ray::RuntimeEnvAgent": "runtime_env_agent", "log_monitor.py": "log_monitor", "monitor.py": "autoscaler_monitor"}


def _role(cmd: str) -> str:
    """What a process started by this one is, from its command line (Ray retitles its workers)."""
    if cmd.startswith("ray::_Worker"):
        return "workers"
    if cmd.startswith("ray::IDLE"):
        return "idle_workers"
    for key, role in SERVICES.items():  # log_monitor.py before monitor.py
        if key in cmd:
            return role
    return "data_tasks" if cmd.startswith("ray::") else "other"


def _watch(stop: threading.Event, out: dict) -> None:
    """Every 0.5 s: the largest RSS of any Ray worker process (``ray::`` in its title), and the CPU
    seconds each process this one started spent since the last look, by what it is doing now
    (``_role``), with the time of the look (``out["samples"]``), the driver's own included."""
    import psutil

    me = psutil.Process()
    last: dict[int, float] = {}
    samples = out.setdefault("samples", [])
    busy = _machine_busy()
    while not stop.wait(0.5):
        now: dict[str, float] = {}
        busy, was = _machine_busy(), busy
        t = me.cpu_times()
        running = [me.status() == psutil.STATUS_RUNNING]
        for pid, role, cpu in [(me.pid, "driver", t.user + t.system)] + list(_children(me, out, running)):
            # a process first seen at the first look: its CPU so far is Ray's start; later, all of it is the run's
            now[role] = now.get(role, 0.0) + cpu - last.get(pid, 0.0 if samples else cpu)
            last[pid] = cpu
        now["other_jobs"] = max(0.0, busy - was - sum(now.values()))  # the machine's busy time not ours
        samples.append((time.perf_counter(), now, sum(running)))


def _machine_busy() -> float:
    """CPU seconds every process of the machine has used since boot (``/proc/stat``, all cores)."""
    import os

    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # less idle and iowait


def _children(me, out: dict, running: list):
    import psutil

    for p in me.children(recursive=True):
        try:
            cmd, mem, t = " ".join(p.cmdline()), p.memory_info(), p.cpu_times()
            running.append(p.status() == psutil.STATUS_RUNNING)
        except psutil.Error:
            continue
        if cmd.startswith("ray::"):
            out["worker_peak_rss_mb"] = max(out.get("worker_peak_rss_mb", 0.0), mem.rss / 2**20)
        yield p.pid, _role(cmd), t.user + t.system


def one(engine: str, folder: str, db: str, workers: int) -> dict:
    from rashomon.config import default_options

    options = default_options(db=db)
    ray_start = 0.0
    if engine == "ray":  # a cluster is started once (`ray start --head`), not per run: timed apart
        from rashomon.run.ray_engine import _connect, require_ray

        t = time.perf_counter()
        _connect(require_ray(), None, workers)
        ray_start = time.perf_counter() - t
    stop, peak = threading.Event(), {}
    watcher = threading.Thread(target=_watch, args=(stop, peak), daemon=True)
    watcher.start()
    time.sleep(1.0)  # a first sample of the processes Ray started, whose CPU so far is its start's
    started, cpu_before = time.perf_counter(), time.process_time()
    if engine == "local":
        from rashomon.run.local import ingest

        report = ingest([folder], options)
    else:
        from rashomon.run.ray_engine import ingest_ray

        report = ingest_ray([folder], options, workers=workers)
    seconds, driver_cpu = time.perf_counter() - started, time.process_time() - cpu_before
    time.sleep(0.6)  # a last look after the run
    stop.set()
    watcher.join()
    cpu = _cpu_by_phase(peak.get("samples", []), started, report.timings, report.pages)
    return {"engine": engine, "workers": workers if engine == "ray" else 1, "pages": report.pages,
            "articles": report.articles_added, "failures": len(report.failures), "seconds": round(seconds, 2),
            "ray_start_s": round(ray_start, 2), "pages_per_s_with_ray_start": round(report.pages / (seconds + ray_start), 3),
            "pages_per_s": round(report.pages / seconds, 3), "s_per_article": round(seconds / max(1, report.articles_added), 3),
            "timings": report.timings, "driver_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "worker_peak_rss_mb": round(peak.get("worker_peak_rss_mb", 0.0)), "driver_cpu_s": round(driver_cpu, 1),
            "ray_processes_cpu_s": round(sum(v for k, v in cpu["cpu_s"].items() if k != "driver"), 1), **cpu}


PHASES = ("read+extract+store", "analyze", "resolve", "group", "compare", "topics")  # the Ray runner's timed
# steps, one after another from the start (its "copies" run inside "analyze"); the rest is "other"


def _cpu_by_phase(samples: list, started: float, timings: dict, pages: int) -> dict:
    """CPU seconds by process role over the run and per step (from the run's own timings, which follow
    one another from ``started``), the core-seconds of the 2 cores nothing of the run used per step
    (``idle_core_s``: another job's CPU counts as idle here), and the CPU ceiling on 2 cores (total
    CPU / 2 as the least wall time) as pages/s."""
    edges, t = [], started
    for name in PHASES:
        if name in timings:
            t += timings[name]
            edges.append((t, name))
    total: dict[str, float] = {}
    by_phase: dict[str, dict[str, float]] = {}
    idle: dict[str, float] = {}
    starved: dict[str, list[int]] = {}
    before = started
    for when, roles, running in samples:
        if when < started:
            continue
        phase = next((name for edge, name in edges if when <= edge + 0.25), "other")
        for role, seconds in roles.items():
            total[role] = total.get(role, 0.0) + seconds
            by_phase.setdefault(phase, {})[role] = by_phase.setdefault(phase, {}).get(role, 0.0) + seconds
        idle[phase] = idle.get(phase, 0.0) + max(0.0, 2 * (when - before) - sum(roles.values()))
        seen = starved.setdefault(phase, [0, 0])
        seen[0], seen[1] = seen[0] + (running < 2), seen[1] + 1
        before = when
    all_cpu = sum(v for k, v in total.items() if k != "other_jobs")
    return {"cpu_s": {k: round(v, 1) for k, v in sorted(total.items())},
            "cpu_ms_per_page": {k: round(1000 * v / max(1, pages), 1) for k, v in sorted(total.items())},
            "cpu_s_by_phase": {p: {k: round(v, 1) for k, v in sorted(r.items()) if round(v, 1)} for p, r in by_phase.items()},
            "idle_core_s": {p: round(v, 1) for p, v in idle.items()},
            # looks at which fewer than 2 of the run's processes were running or ready to (a core it left
            # to others), per step: [such looks, all looks]; unlike idle_core_s, other jobs do not hide it
            "looks_under_2_running": starved,
            "cpu_total_s": round(all_cpu, 1),
            "cpu_bound_pages_per_s_2_cores": round(pages / max(1e-9, all_cpu / 2), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1024)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--one", nargs=4, metavar=("ENGINE", "FOLDER", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        engine, folder, db, workers = args.one
        print(json.dumps(one(engine, folder, db, int(workers))))
        return
    from scale_pages import write_pages  # invented pages of many stories (bench/, beside this file)

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
            summary["ceiling_2_over_1_from_cpu"] = round(ray[1]["seconds"] / (ray[2]["cpu_total_s"] / 2), 3)
            summary["targets_met"] = summary["speedup_2_over_1_workers"] >= 1.7 and summary["worker_peak_rss_mb"] <= 1536
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
