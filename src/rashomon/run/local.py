"""The local runner: the stages of the table over a stream of inputs, in this process.

``ingest`` reads every target, skips pages already stored, extracts, de-duplicates and stores
one transaction per batch of ``options.batch_size`` pages; then (when ``options.analyze``) it
brings the derived records up to date (``run.derive``): analyses of the new articles,
entities over the corpus, stories for the new articles, and reports of the stories that changed.
A killed run leaves whole batches only, and the next run finishes what it left pending.

The driver half of ingest (``PageSink``: skip stored pages, de-duplicate in input order, store
batches) is shared with the Ray runner, which only moves reading and extraction to workers.
"""

from __future__ import annotations

import sqlite3
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from tqdm import tqdm

from rashomon.config import Options
from rashomon.model import Article, InputFailure, Page
from rashomon.run.derive import Deriver
from rashomon.run.policy import PageTimeout, describe, time_limit
from rashomon.run.stages import Stages, default_stages
from rashomon.scrub import scrub_item
from rashomon.store import Store

__all__ = ["IngestReport", "PageSink", "PageTimeout", "analyze_stored", "extract_one", "ingest", "ingest_pages",
           "regroup_stories", "time_limit"]


@dataclass
class IngestReport:
    """What one run did; also returned by ``analyze_stored`` and ``regroup_stories`` (pages = 0)."""

    pages: int = 0  # pages read
    articles_added: int = 0
    articles_skipped: int = 0  # already stored (same content), i.e. idempotent re-ingest
    failures: list[InputFailure] = field(default_factory=list)
    pages_skipped: int = 0  # pages whose content was already stored
    pages_changed: int = 0  # pages whose source was stored with other text: kept as a version
    analyzed: int = 0
    entities: int = 0
    stories_changed: int = 0
    stories_compared: int = 0
    run: str = ""

    def __post_init__(self) -> None:
        # seconds per step; an attribute, not a field, so the summary line and the web API's JSON keep their keys
        self.timings: dict[str, float] = {}

    @property
    def partial(self) -> bool:
        return bool(self.failures)

    def summary(self) -> dict[str, Any]:
        """The machine-readable summary line of the CLI."""
        return {
            "run": self.run, "pages": self.pages, "pages_skipped": self.pages_skipped, "pages_changed": self.pages_changed,
            "articles_added": self.articles_added, "articles_skipped": self.articles_skipped,
            "analyzed": self.analyzed, "entities": self.entities, "stories_changed": self.stories_changed,
            "stories_compared": self.stories_compared, "failed": len(self.failures),
        }


OnFailure = Callable[[InputFailure], None]
OnChange = Callable[[str, str], None]  # (source, what changed)


def _new_run() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]


class _Run:
    """Bookkeeping shared by the entry points and runners: the report, the store, failure recording."""

    def __init__(self, store: Store, on_failure: OnFailure | None, on_change: OnChange | None = None) -> None:
        self.store = store
        self.report = IngestReport(run=_new_run())
        self.on_failure = on_failure
        self.on_change = on_change

    def fail(self, failure: InputFailure) -> None:
        self.report.failures.append(failure)
        self.store.record_failure(failure.source, failure.reason, self.report.run)
        if self.on_failure is not None:
            self.on_failure(failure)

    def absorb(self, deriver: Deriver) -> IngestReport:
        r = self.report
        r.analyzed, r.entities = deriver.analyzed, deriver.entities
        r.stories_changed, r.stories_compared = deriver.stories_changed, deriver.stories_compared
        r.timings.update(deriver.timings)
        return r


Extracted = tuple[list[Article], list[bytes]]


def extract_one(stages: Stages, page: Page, options: Options) -> Extracted:
    """The per-page half of ingest (extract, MinHash signatures): what a worker may run. Raises."""
    with time_limit(options.page_timeout, page.source):
        articles = stages.fn("extract")(page, options)
    dedupe = stages.ns("dedupe")
    return articles, [dedupe.minhash_signature(a.body, options) for a in articles]


class PageSink:
    """The driver half of ingest: skips pages already stored, marks near-duplicates in input order
    (the index is global), and stores the pages in batches, one transaction each."""

    def __init__(self, run: _Run, stages: Stages, options: Options) -> None:
        self.run, self.stages, self.options = run, stages, options
        self.index: Any = None  # built on the first new page: a re-run over stored pages never pays for it
        self.seen: set[str] = set()
        self.relinks: dict[str, str] = {}  # stored copies whose earliest copy turned out to be a newer page
        self.batch: list[tuple[Page, list[Article], list[bytes]]] = []

    def admit(self, item: Page | InputFailure) -> Page | None:
        """Count a read item: a failure is recorded, a page already stored skipped; a new page is returned."""
        item = scrub_item(item)  # pages from the web API or Python too, not only the readers
        report = self.run.report
        if isinstance(item, InputFailure):
            self.run.fail(item)
            return None
        report.pages += 1
        try:
            page_hash = item.hash
        except (UnicodeError, TypeError) as e:  # readers scrub text; a caller's own Page may not be
            self.run.fail(InputFailure(item.source, f"could not be hashed: {describe(e)}"))
            return None
        stored = self.run.store.has_page(page_hash)
        if stored is not None or page_hash in self.seen:
            report.pages_skipped += 1
            report.articles_skipped += stored or 0
            return None
        self.seen.add(page_hash)
        return item

    def add(self, page: Page, extracted: Extracted | Callable[[], Extracted]) -> None:
        """De-duplicate a new page's articles against everything before it and queue them for storing;
        ``extracted`` is the worker's result, or a callable computing it here. A failure is recorded."""
        if self.index is None and self.stages.enabled("dedupe"):
            self.index = _duplicate_index(self.run.store, self.stages.ns("dedupe"), self.options)
        try:
            articles, signatures = extracted() if callable(extracted) else extracted
            if self.index is not None:
                articles = self.stages.fn("dedupe")(articles, self.index, self.options)
                self.relinks.update(_relinks(self.index, self.batch))
        except Exception as e:  # noqa: BLE001 - one bad page never sinks the batch
            self.run.fail(InputFailure(page.source, describe(e)))
            return
        self.batch.append((page, articles, signatures))
        if len(self.batch) >= self.options.batch_size:
            self.flush()

    def flush(self) -> None:
        _flush(self.run, self.batch, self.relinks)


def ingest(
    targets: list[str],
    options: Options,
    *,
    outlet: str | None = None,
    published: str | None = None,
    captured: str | None = None,
    progress: bool = False,
    on_failure: OnFailure | None = None,
    on_change: OnChange | None = None,
    stages: Stages | None = None,
) -> IngestReport:
    """Ingest targets into the database named by ``options.db``; never raises for a bad input.

    ``on_change`` hears of each page whose source was stored before with other text; ``stages``
    replaces the stage table (test doubles).
    """
    stages = stages or default_stages()
    items = stages.fn("read")(targets, options, outlet=outlet, published=published, captured=captured)
    return ingest_pages(items, options, progress=progress, on_failure=on_failure, on_change=on_change,
                        label=targets_label(targets), stages=stages)


def targets_label(targets: list[str]) -> str:
    return ", ".join(targets) if len(targets) < 4 else f"{targets[0]} (+{len(targets) - 1} more)"


def ingest_pages(
    pages: Iterable[Page | InputFailure],
    options: Options,
    *,
    progress: bool = False,
    on_failure: OnFailure | None = None,
    on_change: OnChange | None = None,
    label: str = "input",
    stages: Stages | None = None,
) -> IngestReport:
    """Ingest pages already read (e.g. from the web API): the same steps as ``ingest``."""
    stages = stages or default_stages()
    with Store.open(options.db) as store:
        run = _Run(store, on_failure, on_change)
        sink = PageSink(run, stages, options)
        bar = tqdm(unit=" pages", desc="ingest", disable=not progress, file=sys.stderr)
        for item in guarded(iter(pages), run.fail, label):
            bar.update(1)
            page = sink.admit(item)
            if page is not None:
                sink.add(page, lambda: extract_one(stages, page, options))  # noqa: B023 - called at once
        sink.flush()
        bar.close()
        if options.analyze:
            deriver = Deriver(store, options, run.fail, progress=progress, stages=stages)
            deriver.bring_up_to_date()
            run.absorb(deriver)
        return run.report


def _duplicate_index(store: Store, dedupe: Any, options: Options) -> Any:
    """The near-duplicate index over every stored article, from the signatures kept with them."""
    index = dedupe.DuplicateIndex(options)
    for source, signature, text_hash, pub in store.signatures():
        index.add(source, signature or b"", text_hash, pub)
    index.pop_relinks()  # replaying stored articles re-derives links the store already holds
    return index


def guarded(items: Iterator[Page | InputFailure], fail: Callable[[InputFailure], None],
            label: str) -> Iterator[Page | InputFailure]:
    """Readers yield failures rather than raise; should one raise anyway, record it and stop reading."""
    try:
        yield from items
    except Exception as e:  # noqa: BLE001
        fail(InputFailure(getattr(e, "source", None) or label, describe(e)))


def _relinks(index: Any, batch: list[tuple[Page, list[Article], list[bytes]]]) -> dict[str, str]:
    """Copies re-pointed by the index: those still in the batch are fixed there, the stored rest returned."""
    found = index.pop_relinks()
    if not found:
        return {}
    for _, articles, _ in batch:
        for a in articles:
            if a.source in found:
                target = found.pop(a.source)
                a.near_duplicate_of = None if target == a.source else target
    return found


def _flush(run: _Run, batch: list[tuple[Page, list[Article], list[bytes]]], relinks: dict[str, str]) -> None:
    """Store a batch of pages and their articles in one transaction; a page the database
    refuses (a value of the wrong type, say) is rolled back alone and recorded as failed."""
    if not batch and not relinks:
        return
    report = run.report
    with run.store.transaction():
        if relinks:
            run.store.relink_duplicates(relinks)
            relinks.clear()
        for page, articles, signatures in batch:
            try:
                stored = run.store.add_page(page.hash, page.source, articles, signatures)
            except (sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.IntegrityError, sqlite3.DataError,
                    TypeError, ValueError) as e:
                run.fail(InputFailure(page.source, f"could not be stored: {describe(e)}"))
                continue
            report.articles_added += stored.added
            report.articles_skipped += len(articles) - stored.added
            if stored.changed:
                report.pages_changed += 1
                if run.on_change is not None:
                    run.on_change(page.source, f"stored before with other text ({len(stored.changed)} article(s)); "
                                               "the first text stays analysed, this one is kept as a version")
    batch.clear()


def analyze_stored(
    options: Options, regroup: bool = False, *, progress: bool = False, on_failure: OnFailure | None = None,
    stages: Stages | None = None,
) -> IngestReport:
    """Re-run the analysis over every stored article (``rashomon analyze``), then entities,
    stories (pending ones, or all of them again with ``regroup``) and every story report."""
    with Store.open(options.db) as store:
        run = _Run(store, on_failure)
        deriver = Deriver(store, options, run.fail, progress=progress, stages=stages)
        deriver.analyze(store.article_ids())
        deriver.link_copies()
        deriver.resolve(force=True)
        if regroup:
            deriver.regroup()
        else:
            deriver.group()
        store.mark_stories_stale()
        deriver.compare()
        return run.absorb(deriver)


def regroup_stories(options: Options, *, progress: bool = False, on_failure: OnFailure | None = None,
                    stages: Stages | None = None) -> IngestReport:
    """Group every stored article into stories from scratch and recompute the reports."""
    with Store.open(options.db) as store:
        run = _Run(store, on_failure)
        deriver = Deriver(store, options, run.fail, progress=progress, stages=stages)
        deriver.analyze(store.unanalyzed())
        deriver.link_copies()
        deriver.resolve()
        deriver.regroup()
        store.mark_stories_stale()
        deriver.compare()
        return run.absorb(deriver)
