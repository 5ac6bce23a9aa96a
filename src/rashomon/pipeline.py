"""Run the stages over a stream of inputs: batching, progress, per-input errors.

``ingest`` reads every target, skips pages already stored, extracts, de-duplicates and stores
one transaction per batch of ``options.batch_size`` pages; then (when ``options.analyze``) it
brings the derived records up to date (``rashomon.derive``): analyses of the new articles,
entities over the corpus, stories for the new articles, and reports of the stories that changed.
A killed run leaves whole batches only, and the next run finishes what it left pending.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from tqdm import tqdm

from rashomon.config import Options
from rashomon.derive import Deriver, load_stage, describe
from rashomon.scrub import scrub_item
from rashomon.model import Article, InputFailure, Page
from rashomon.store import Store


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
    """Bookkeeping shared by the entry points: the report, the store, failure recording."""

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
        return r


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
) -> IngestReport:
    """Ingest targets into the database named by ``options.db``; never raises for a bad input.

    ``on_change`` hears of each page whose source was stored before with other text.
    """
    items = load_stage("ingest").read_inputs(targets, options, outlet=outlet, published=published, captured=captured)
    label = ", ".join(targets) if len(targets) < 4 else f"{targets[0]} (+{len(targets) - 1} more)"
    return ingest_pages(items, options, progress=progress, on_failure=on_failure, on_change=on_change, label=label)


def ingest_pages(
    pages: Iterable[Page | InputFailure],
    options: Options,
    *,
    progress: bool = False,
    on_failure: OnFailure | None = None,
    on_change: OnChange | None = None,
    label: str = "input",
) -> IngestReport:
    """Ingest pages already read (e.g. from the web API): the same steps as ``ingest``."""
    extract_mod, dedupe = load_stage("extract"), load_stage("extract.dedupe")
    with Store.open(options.db) as store:
        run = _Run(store, on_failure, on_change)
        report = run.report
        index = None  # built on the first new page: a re-run over stored pages never pays for it
        seen: set[str] = set()
        relinks: dict[str, str] = {}  # stored copies whose earliest copy turned out to be a newer page
        batch: list[tuple[Page, list[Article], list[bytes]]] = []
        bar = tqdm(unit=" pages", desc="ingest", disable=not progress, file=sys.stderr)
        for item in _guarded(iter(pages), run, label):
            bar.update(1)
            item = scrub_item(item)  # pages from the web API or Python too, not only the readers
            if isinstance(item, InputFailure):
                run.fail(item)
                continue
            report.pages += 1
            try:
                page_hash = item.hash
            except (UnicodeError, TypeError) as e:  # readers scrub text; a caller's own Page may not be
                run.fail(InputFailure(item.source, f"could not be hashed: {describe(e)}"))
                continue
            stored = store.has_page(page_hash)
            if stored is not None or page_hash in seen:
                report.pages_skipped += 1
                report.articles_skipped += stored or 0
                continue
            seen.add(page_hash)
            if index is None:
                index = _duplicate_index(store, dedupe, options)
            try:
                with time_limit(options.page_timeout, item.source):
                    articles = extract_mod.extract_page(item, options)
                articles = dedupe.mark_duplicates(articles, index, options)
                signatures = [dedupe.minhash_signature(a.body, options) for a in articles]
                relinks.update(_relinks(index, batch))
            except Exception as e:  # noqa: BLE001 - one bad page never sinks the batch
                run.fail(InputFailure(item.source, describe(e)))
                continue
            batch.append((item, articles, signatures))
            if len(batch) >= options.batch_size:
                _flush(run, batch, relinks)
        _flush(run, batch, relinks)
        bar.close()
        if options.analyze:
            deriver = Deriver(store, options, run.fail, progress=progress)
            deriver.bring_up_to_date()
            run.absorb(deriver)
        return report


class PageTimeout(Exception):
    """A page took longer than ``page_timeout`` seconds to extract."""


@contextmanager
def time_limit(seconds: float, source: str) -> Iterator[None]:
    """Give up on one page after ``seconds`` (SIGALRM; only in the main thread of a POSIX process).

    A thread with a deadline was rejected: Python cannot stop a thread, so a stuck page would
    keep a core busy and hold its memory; the alarm interrupts the Python code of extract.
    """
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise PageTimeout(f"extraction took longer than {seconds:g} s (page_timeout); given up")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _duplicate_index(store: Store, dedupe: Any, options: Options) -> Any:
    """The near-duplicate index over every stored article, from the signatures kept with them."""
    index = dedupe.DuplicateIndex(options)
    for source, signature, text_hash, pub in store.signatures():
        index.add(source, signature or b"", text_hash, pub)
    if hasattr(index, "pop_relinks"):
        index.pop_relinks()  # replaying stored articles re-derives links the store already holds
    return index


def _guarded(items: Iterator[Page | InputFailure], run: _Run, label: str) -> Iterator[Page | InputFailure]:
    """Readers yield failures rather than raise; should one raise anyway, record it and stop reading."""
    try:
        yield from items
    except Exception as e:  # noqa: BLE001
        run.fail(InputFailure(getattr(e, "source", None) or label, describe(e)))


def _relinks(index: Any, batch: list[tuple[Page, list[Article], list[bytes]]]) -> dict[str, str]:
    """Copies re-pointed by the index: those still in the batch are fixed there, the stored rest returned."""
    found = index.pop_relinks() if hasattr(index, "pop_relinks") else {}
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
    options: Options, regroup: bool = False, *, progress: bool = False, on_failure: OnFailure | None = None
) -> IngestReport:
    """Re-run the analysis over every stored article (``rashomon analyze``), then entities,
    stories (pending ones, or all of them again with ``regroup``) and every story report."""
    with Store.open(options.db) as store:
        run = _Run(store, on_failure)
        deriver = Deriver(store, options, run.fail, progress=progress)
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


def regroup_stories(options: Options, *, progress: bool = False, on_failure: OnFailure | None = None) -> IngestReport:
    """Group every stored article into stories from scratch and recompute the reports."""
    with Store.open(options.db) as store:
        run = _Run(store, on_failure)
        deriver = Deriver(store, options, run.fail, progress=progress)
        deriver.analyze(store.unanalyzed())
        deriver.link_copies()
        deriver.resolve()
        deriver.regroup()
        store.mark_stories_stale()
        deriver.compare()
        return run.absorb(deriver)
