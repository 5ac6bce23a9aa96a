"""The Ray runner: the per-page and per-story stages of the table on Ray workers, the rest on the driver.

Ray Data (an existing engine; a home-made scheduler was not an option) runs ``read`` + ``extract``
as ``map_batches`` tasks over the input units (files, WARC/JSONL shards, URLs; a directory is
walked on the driver). ``analyze`` (with the subjects, ``run.topics``) and then the per-story
stages (compare, threads) run on one pool of Ray actors, ``--workers`` of them, kept for the run:
each loads the spaCy pipeline, the MiniLM and the comparison's models once, on first use, and runs
them on the one CPU Ray granted it. Ray core restarts a killed worker and retries its call; the
driver only hands each free worker the next batch or story, read from the store as it goes, and
saves the results in input order as they come. The driver half is the local runner's own:
``PageSink`` (skip stored pages, near-duplicates in input order, one transaction per batch) and
``Deriver.derive_global`` (copies, entities, stories on the driver, timed; reports through
``Deriver.map_stories``, here the workers); the copy links, which do not read the analyses, are
made while the workers analyse. Same stages, same failure policy (``run.policy``),
same store: the stored result equals the local runner's.

Laptop: ``rashomon ingest pages/ --engine ray --workers 2``. Cluster: ``ray start --head`` on one
machine, ``ray start --address HEAD:6379`` on the others (each with rashomon installed and the
inputs at the same path), then ``rashomon ingest /shared/crawl/ --engine ray --address HEAD:6379``.
"""

from __future__ import annotations

import importlib.metadata
import itertools
import logging
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rashomon.config import Options
from rashomon.errors import RashomonError
from rashomon.ingest import Supplied
from rashomon.model import Article, InputFailure, Page
from rashomon.run.derive import Deriver, StoryJob, StoryResult, compare_one
from rashomon.run.local import (IngestReport, OnChange, OnFailure, PageSink, _Run, extract_one, guarded,
                                targets_label)
from rashomon.run.policy import StageBroken, analyze_batch, broken_stage_reason, chunks, describe
from rashomon.run.stages import Stages, default_stages
from rashomon.run.topics import save_topics, topic_model, topic_scores
from rashomon.store import Store
from rashomon.store.write import claim_owner

BLOCKS_PER_WORKER = 4  # Ray Data blocks per worker of the read+extract tasks (see _blocks)
MISSING = "Ray is not installed; install it with: pip install 'rashomon[ray]'"


def require_ray() -> Any:
    """The ``ray`` module, or one clear error line when the optional extra is missing."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as e:
        raise RashomonError("--engine ray", MISSING) from e
    return ray


def ingest_ray(
    targets: list[str],
    options: Options,
    *,
    address: str | None = None,
    workers: int | None = None,
    outlet: str | None = None,
    published: str | None = None,
    captured: str | None = None,
    progress: bool = False,
    on_failure: OnFailure | None = None,
    on_change: OnChange | None = None,
    stages: Stages | None = None,
) -> IngestReport:
    """``run.local.ingest`` on Ray: same arguments, same report, same store (plus ``address``, the
    cluster to join, default a Ray started here, and ``workers``, actors and tasks at once)."""
    ray = require_ray()
    stages = stages or default_stages()
    Supplied.from_user(outlet, published, captured)  # a bad date is a bad option: refused before Ray starts
    t0 = time.perf_counter()
    started = _connect(ray, address, workers)
    ray_start = round(time.perf_counter() - t0, 3)
    try:
        _quiet(ray, progress)
        supplied = {"outlet": outlet, "published": published, "captured": captured}
        with Store.open(options.db) as store:
            run = _Run(store, on_failure, on_change)
            timings: dict[str, float] = {"ray_start": ray_start}
            t0 = time.perf_counter()
            _store_pages(ray, run, stages, options, _units(targets, run), supplied, workers, targets_label(targets))
            timings["read+extract+store"] = round(time.perf_counter() - t0, 3)
            if options.analyze:
                deriver = Deriver(store, options, run.fail, progress=progress, stages=stages)
                pool = _Pool(ray, workers or _cpus(ray), options, stages)  # the workers, for both stages
                deriver.map_stories = _story_mapper(pool)  # compare per story on the same workers
                try:
                    t0 = time.perf_counter()
                    done = _analyze(pool, deriver, stages, options, meanwhile=lambda: _while_analysing(deriver))
                    timings["analyze"] = round(time.perf_counter() - t0, 3)
                    deriver.derive_global(done)
                finally:
                    pool.close()
                run.absorb(deriver)
            run.report.timings = {**run.report.timings, **timings}
            return run.report
    finally:
        if started:
            ray.shutdown()


def _connect(ray: Any, address: str | None, workers: int | None) -> bool:
    """Join the cluster at ``address``, or start a local Ray; False when one was already running here."""
    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "ignore_reinit_error": True,
                              "logging_level": logging.WARNING}
    if address:
        ray.init(address=address, **kwargs)
    else:  # --workers caps each pool
        ray.init(num_cpus=max(workers or 0, os.cpu_count() or 1), _system_config=QUIET_RAY, **kwargs)
    return True


# A Ray started here, for one run, without the dashboard: the bookkeeping only the dashboard and the state
# API read is off (metrics, task events, per-handler event-loop stats), so its processes leave the cores to
# the workers. A cluster joined at --address keeps its own settings.
QUIET_RAY = {"enable_metrics_collection": False, "task_events_report_interval_ms": 0, "event_stats": False}


def _cpus(ray: Any) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _quiet(ray: Any, progress: bool) -> None:
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # results in input order: near-duplicates, ids, failures
    ctx.enable_progress_bars = progress
    logging.getLogger("ray.data").setLevel(logging.INFO if progress else logging.WARNING)


def _units(targets: list[str], run: _Run) -> list[str]:
    """The work units: each file of a directory (walked here, in the local reader's order), each
    other target as given (a file, a WARC or JSONL shard, a URL)."""
    from rashomon.ingest.files import walk
    from rashomon.ingest.url import is_url

    units: list[str] = []
    for target in targets:
        if is_url(target) or not os.path.isdir(target):
            units.append(target)
            continue
        found: list[str] = []
        for item in walk(target):
            if isinstance(item, InputFailure):
                run.fail(item)
            else:
                found.append(item)
        units.extend(found or [target])  # an empty directory: the reader says so, as it does locally
    return units


def _read_extract(batch: Any, *, options: Options, stages: Stages, supplied: dict[str, Any], stored: Any) -> Any:
    """A Ray task: read each unit and extract each page it holds (the per-page stages), except pages
    whose hash the driver said are stored already (``stored``): a re-run over a crawl skips their
    extraction, the most expensive per-page step before analysis."""
    import pyarrow as pa

    out: list[bytes] = []
    for unit in batch.column("unit").to_pylist():
        failures: list[InputFailure] = []
        for item in guarded(stages.fn("read")([unit], options, **supplied), failures.append, unit):
            result = SKIPPED if _is_stored(item, stored) else _extracted(stages, item, options)
            out.append(pickle.dumps((item, result)))
        out.extend(pickle.dumps((f, None)) for f in failures)
    return pa.table({"blob": pa.array(out, pa.large_binary())})


SKIPPED = ("stored", None)  # a worker's answer for a page the store holds: not extracted


def _hash_key(page_hash: str) -> int:
    """The first 64 bits of a page's content hash (sha256 hex), as the driver ships them."""
    return int(page_hash[:16], 16)


def _stored_keys(store: Store) -> Any:
    """Sorted 64-bit prefixes of every stored page's hash: 8 bytes a page shipped to each worker once
    (a million pages: 8 MB), rather than a Python set of 64-character strings or a query per page."""
    import numpy as np

    keys = np.fromiter((_hash_key(h) for (h,) in store.conn.execute("SELECT hash FROM pages")), dtype=np.uint64)
    keys.sort()
    return keys


def _is_stored(item: Page | InputFailure, stored: Any) -> bool:
    """Whether the driver's stored keys hold this page. A prefix collision (about one in 2**64 per pair)
    only makes the driver extract that page itself: ``PageSink.admit`` still checks the full hash."""
    import numpy as np

    if isinstance(item, InputFailure) or stored is None or not len(stored):
        return False
    try:
        key = np.uint64(_hash_key(item.hash))
    except (UnicodeError, TypeError, ValueError):  # the driver reports a page it cannot hash
        return False
    at = int(np.searchsorted(stored, key))
    return at < len(stored) and stored[at] == key


def _extracted(stages: Stages, item: Page | InputFailure, options: Options) -> Any:
    if isinstance(item, InputFailure):
        return None
    try:
        return ("ok", extract_one(stages, item, options))
    except Exception as e:  # noqa: BLE001 - reported by the driver, as the local runner does
        return ("failed", describe(e))


def _blocks(n: int, ray: Any, workers: int | None) -> int:
    """How many Ray Data blocks (one task or actor call each) ``n`` items are cut into: a few per
    worker, so every worker has work and a slow block is not the whole run, but not one per item,
    whose start-up (a task, its arguments) would cost more than a small page's extraction."""
    return max(1, min(n, BLOCKS_PER_WORKER * (workers or _cpus(ray))))


def _store_pages(ray: Any, run: _Run, stages: Stages, options: Options, units: list[str],
                 supplied: dict[str, Any], workers: int | None, label: str) -> None:
    """Read and extract on the workers; skip, de-duplicate and store on the driver, in input order."""
    if not units:
        return
    sink = PageSink(run, stages, options)
    stored = _stored_keys(run.store)
    ds = ray.data.from_items([{"unit": u} for u in units], override_num_blocks=_blocks(len(units), ray, workers)).map_batches(
        _read_extract, batch_size=1, batch_format="pyarrow",
        compute=ray.data.TaskPoolStrategy(size=workers) if workers else None,
        fn_kwargs={"options": options, "stages": stages, "supplied": supplied, "stored": stored},
    )
    for item, result in _rows(ds):
        page = sink.admit(item)
        if page is None:
            continue
        if result == SKIPPED:  # stored keys said so, the full hash did not: extract here
            sink.add(page, lambda: extract_one(stages, page, options))  # noqa: B023 - called at once
        elif result[0] == "failed":
            run.fail(InputFailure(page.source, result[1]))
        else:
            sink.add(page, result[1])
    sink.flush()


def _rows(ds: Any) -> Iterator[Any]:
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
        for blob in batch.column("blob").to_pylist():
            yield pickle.loads(blob)


class _Worker:
    """A Ray actor, one per worker, kept for the whole run: it analyses batches of articles (and gives them
    their subjects, ``run.topics``) and then compares stories, loading each model once, on first use, so
    the per-story stages reuse the process, imports and encoder the analysis loaded. Granted one CPU, it
    runs its encoders on one thread (Ray sets OMP_NUM_THREADS for NumPy; onnxruntime reads
    $RASHOMON_ONNX_THREADS): with two threads each, two workers on two cores would fight for them."""

    def __init__(self, options: Options, stages: Stages, threads: int) -> None:
        os.environ.setdefault("RASHOMON_ONNX_THREADS", str(max(1, threads)))
        _skip_torch(options.spacy_model)
        self.options, self.stages = options, stages
        self.nlp: Any = None
        self.error: str | None = None
        self.loaded = False
        self.topics: Any = False  # False: not loaded yet; None: none to load (step off, model missing, failed)

    def analyze(self, articles: list[Article]) -> tuple[Any, ...]:
        """("ok", analyses, failures, subjects or None), ("setup", reason) or ("broken", reason)."""
        if not self.loaded:
            self.loaded = True
            stage = self.stages["analyze"]
            try:
                self.nlp = getattr(stage.namespace(), stage.setup)(self.options)
            except Exception as e:  # noqa: BLE001 - a missing model is reported once by the driver
                self.error = describe(e)
        if self.error is not None:
            return ("setup", self.error)
        try:
            return ("ok", *analyze_batch(self.stages.fn("analyze"), self.nlp, articles, self.options),
                    self._subjects(articles))
        except StageBroken as e:
            return ("broken", str(e))

    def compare(self, job: StoryJob) -> StoryResult:
        return compare_one(self.stages, job)

    def _subjects(self, articles: list[Article]) -> tuple[list[Any], list[str]] | None:
        """(subject scores, articles read) for the batch, or None: the driver's ``tag_topics`` then reads
        them itself after the reports, and reports a failure as the local runner does."""
        if self.topics is False:
            try:
                self.topics = topic_model() if self.options.extra.get("topics", True) else None
            except Exception:  # noqa: BLE001 - left to the driver's step, which says why
                self.topics = None
        if self.topics is None:
            return None
        try:
            return topic_scores(self.topics, articles)
        except Exception:  # noqa: BLE001 - likewise
            return None


def _skip_torch(pipeline: str) -> None:
    """Keep torch out of this worker process when its spaCy pipeline does not run on it: thinc imports
    torch whenever it is installed (``thinc/compat.py``), though a CPU pipeline never calls it, and that
    import alone cost each worker 1.2 CPU s and about 200 MB of its RSS. Left importable when the pipeline
    is a path or not an installed package, when its package requires a transformer library or torch, or
    when torch is imported already. Only in Ray's worker processes: the driver is the caller's process."""
    if "torch" in sys.modules:
        return
    try:
        required = importlib.metadata.requires(pipeline) or []
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return
    if any(word in r.lower() for r in required for word in ("torch", "transformers")):
        return
    sys.modules["torch"] = None  # type: ignore[assignment] # `import torch` raises ImportError: "not installed" to thinc


@dataclass
class Died:
    """The result of a call whose worker died more often than Ray retries it (``MAX_RETRIES``)."""

    reason: str


MAX_RETRIES = 3  # a worker killed mid-call is restarted and the call retried this often
AHEAD = 2  # calls queued per worker, so a worker never waits for the driver's saving between two calls
WAITING = 1_000  # results held for an earlier one still running (a large story) before workers pause


class _Pool:
    """The run's workers: up to ``size`` ``_Worker`` actors of one CPU each, started when the first work
    comes and kept for every later stage. Ray core runs them (actor restarts, call retries); this class
    only hands each free worker the next item and gives the results back in input order.

    Rejected: Ray Data's ``ActorPoolStrategy`` (its actors end with their dataset, so the comparison after
    the global stages started new processes that imported and loaded everything again: 18 s of worker
    CPU against the local runner's 15 for the same stories) and ``ray.util.ActorPool`` (it frees a
    worker only when its result is read in order, so one large story idles the others, and a call that
    failed past its retries no longer says which item it was)."""

    def __init__(self, ray: Any, size: int, options: Options, stages: Stages) -> None:
        self.ray, self.size, self.options, self.stages = ray, max(1, size), options, stages
        self.actors: list[Any] = []

    def map(self, method: str, items: Iterable[Any], meanwhile: Callable[[], None] | None = None
            ) -> Iterator[tuple[Any, Any]]:
        """(item, ``worker.method(item)``) for each item, in input order; ``Died`` for a call whose worker
        died past its retries. Items are read as workers free up, results saved as they come;
        ``meanwhile`` runs once, after the first calls are sent (the driver's own work)."""
        ray = self.ray
        todo = enumerate(items)
        first = list(itertools.islice(todo, self.size * AHEAD))
        self._start(-(-len(first) // AHEAD))
        todo = itertools.chain(first, todo)
        free = [a for a in self.actors for _ in range(AHEAD)]
        running: dict[Any, tuple[int, Any]] = {}
        done: dict[int, Any] = {}
        turn = 0
        while True:
            while free and len(done) < WAITING and (item := next(todo, None)) is not None:
                actor = free.pop(0)
                running[getattr(actor, method).remote(item[1])] = (*item, actor)
            if not running:
                return
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            ready, _ = ray.wait(list(running), num_returns=1)
            index, item, actor = running.pop(ready[0])
            free.append(actor)
            try:
                done[index] = (item, ray.get(ready[0]))
            except ray.exceptions.RayError as e:
                done[index] = (item, Died(f"a worker died {MAX_RETRIES + 1} times on it: {describe(e)}"))
            while turn in done:
                yield done.pop(turn)
                turn += 1

    def _start(self, wanted: int) -> None:
        """Start workers up to ``wanted`` (at most ``size``); their models load on their first call."""
        remote = self.ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=MAX_RETRIES)(_Worker)
        while len(self.actors) < min(wanted, self.size):
            self.actors.append(remote.remote(self.options, self.stages, 1))

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        self.actors = []


def _while_analysing(deriver: Deriver) -> tuple[str, ...]:
    """The driver's own work while the workers analyse: the copy links (they read the articles, not
    their analyses, so linking them first stores what the local runner stores after the analysis),
    and the imports of the global stages that follow. Returns the steps done."""
    deriver.timed("copies", deriver.link_copies)
    for name in ("resolve", "group"):
        try:
            deriver.stages.ns(name)
        except Exception:  # noqa: BLE001 - the step itself reports it, in its turn
            pass
    return ("copies",)


def _analyze(pool: _Pool, deriver: Deriver, stages: Stages, options: Options,
             meanwhile: Callable[[], tuple[str, ...]]) -> tuple[str, ...]:
    """Analyse every unclaimed article without an analysis on the workers and save on the driver,
    which runs ``meanwhile`` once the workers have their first batches; returns what that did."""
    if not stages.enabled("analyze"):
        return ()
    store = deriver.store
    owner = claim_owner()
    ids = store.claim_unanalyzed(owner, len(store.unanalyzed()), options.analysis_claim_minutes)
    if not ids:
        return ()
    done: tuple[str, ...] = ()

    def busy() -> None:
        nonlocal done
        done = meanwhile()

    try:
        # the local runner's batches (batch_size articles): the policy's "every article of a batch failed"
        # must mean the same batch on either engine; each is read from the store when a worker is free
        batches = (store.articles(ids=part) for part in chunks(ids, options.batch_size))
        for _, result in pool.map("analyze", batches, meanwhile=busy):
            if isinstance(result, Died):
                result = ("broken", result.reason)
            if result[0] == "ok":
                for failure in result[2]:
                    deriver.fail(failure)
                deriver.save_analyses(result[1])
                if result[3] is not None:
                    save_topics(store, *result[3])
                continue
            if result[0] == "setup":  # no model: one failure, the articles stay pending
                deriver.fail(InputFailure("analysis", result[1]))
            else:
                deriver.fail(InputFailure("analysis", broken_stage_reason(StageBroken(result[1]))))
            break  # the stage stopped: the batches still running are not saved, their articles stay pending
    finally:
        store.release_claims(ids)
    return done


def _story_mapper(pool: _Pool) -> Callable[[Stages, Iterable[StoryJob]], Iterator[StoryResult]]:
    """``Deriver.map_stories`` on Ray: every stale story's records are read on the driver, compared on
    the workers, and come back in order to be saved on the driver."""

    def map_stories(stages: Stages, jobs: Iterable[StoryJob]) -> Iterator[StoryResult]:
        jobs = iter(jobs)
        first = list(itertools.islice(jobs, 2))
        if len(first) < 2 and not pool.actors:  # one story and no worker started: not worth a start
            yield from (compare_one(stages, job) for job in first)
            return
        for job, result in pool.map("compare", itertools.chain(first, jobs)):
            if isinstance(result, Died):
                sid = job.story.id
                result = (sid, None, None, [InputFailure(f"story:{sid}", f"comparison failed: {result.reason}")])
            yield result

    return map_stories
