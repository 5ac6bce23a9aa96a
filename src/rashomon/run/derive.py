"""Bring everything derived from the stored articles up to date: analyses, entities, stories, reports.

Each step works from what the database says is pending (articles without an analysis,
analyses newer than the entity resolution, ungrouped articles, stale story reports), never from
what this process happens to remember, so a killed run is finished by the next one. A stage that
fails is recorded as a failure and leaves its work pending; it never loses the ingest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from rashomon.config import Options
from rashomon.model import Article, InputFailure, Story
from rashomon.run.policy import StageBroken, analyze_batch, broken_stage_reason, chunks, describe
from rashomon.run.stages import Stages, default_stages
from rashomon.run.topics import tag_topics
from rashomon.store import Store
from rashomon.store.write import ENTITIES_DIRTY, claim_owner

STORY_STATE = "story_index"  # stage_state key of the serialised StoryIndex

Fail = Callable[[InputFailure], None]


@dataclass
class StoryJob:
    """What the per-story stages read about one story (sent to a worker as it is)."""

    story: Story
    articles: list[Article]
    analyses: list[Any]
    entities: list[Any]
    error: str | None = None  # its records could not be read


StoryResult = tuple[str, Any, Any, list[InputFailure]]  # story id, report, threads, failures


def compare_one(stages: Stages, job: StoryJob) -> StoryResult:
    """The per-story stages for one story under the policy: a failed comparison gives no report, failed
    threads a report without them; neither sinks another story."""
    sid = job.story.id
    if job.error is not None:
        return sid, None, None, [InputFailure(f"story:{sid}", job.error)]
    try:
        report = stages.fn("compare")(job.story, job.articles, job.analyses, job.entities)
    except Exception as e:  # noqa: BLE001
        return sid, None, None, [InputFailure(f"story:{sid}", f"comparison failed: {describe(e)}")]
    if not stages.enabled("threads"):
        return sid, report, None, []
    try:
        return sid, report, stages.fn("threads")(sid, job.articles), []
    except Exception as e:  # noqa: BLE001 - a story without threads still has its report
        return sid, report, None, [InputFailure(f"story:{sid}", f"threads failed: {describe(e)}")]


class Deriver:
    """Runs the analysis stages over one store for one run; counts what it did."""

    def __init__(self, store: Store, options: Options, fail: Fail, *, progress: bool = False,
                 stages: Stages | None = None) -> None:
        self.store = store
        self.stages = stages or default_stages()
        self.options = options
        self.fail = fail
        self.progress = progress
        self._nlp: Any = None
        self.analyzed = 0
        self.entities = 0
        self.stories_changed = 0
        self.stories_compared = 0
        self._stopped = False  # the analysis stage gave up (no model, a broken stage)
        self.timings: dict[str, float] = {}  # seconds per global step of bring_up_to_date / derive_global

    # -- analyze ----------------------------------------------------------------------------
    def analyze(self, article_ids: list[str]) -> None:
        """Analyse these articles in batches and save each batch (replacing older analyses)."""
        if not article_ids or not self.stages.enabled("analyze"):
            return
        stage = self.stages["analyze"]
        if self._nlp is None:
            try:
                self._nlp = getattr(stage.namespace(), stage.setup)(self.options)
            except Exception as e:  # noqa: BLE001 - a missing model must not lose the ingest
                self.fail(InputFailure("analysis", describe(e)))
                self._stopped = True
                return
        bar = tqdm(total=len(article_ids), unit=" articles", desc="analyze", disable=not self.progress, leave=False)
        try:
            for ids in chunks(article_ids, self.options.batch_size):
                results, failures = analyze_batch(stage.fn, self._nlp, self.store.articles(ids=ids), self.options)
                for failure in failures:
                    self.fail(failure)
                self.save_analyses(results)
                bar.update(len(ids))
        except StageBroken as e:
            self._stopped = True
            self.fail(InputFailure("analysis", broken_stage_reason(e)))
        bar.close()

    def save_analyses(self, results: list[Any]) -> None:
        """Store a batch of analyses (from this process or from workers) and count them."""
        self.store.save_analysis(results)
        self.analyzed += len(results)

    # -- resolve ----------------------------------------------------------------------------
    def resolve(self, force: bool = False) -> None:
        """Re-resolve entities over the whole corpus when analyses changed since the last time."""
        if not force and self.store.get_state(ENTITIES_DIRTY) is None:
            return
        try:
            analyses = self.store.analyses()
            articles = {a.id: a for a in self.store.articles()}
            resolution = self.stages.fn("resolve")(analyses, articles)
        except Exception as e:  # noqa: BLE001
            self.fail(InputFailure("entities", describe(e)))
            return
        changed = self.store.replace_entities(resolution)
        self.entities = len(resolution.entities)
        touched = self.store.stories_of(sorted(changed))
        if touched:
            self.store.mark_stories_stale(touched)

    # -- copies -----------------------------------------------------------------------------
    def link_copies(self) -> None:
        """Link each new article that copies an earlier one (wire copy, rewrite, translation), blocked
        by rare shared names and numbers (``extract.copies``); a stored article that turns out to copy
        a newer-seen but earlier-published one is re-pointed too."""
        if not self.stages.enabled("copies"):
            return
        pending = self.store.copy_pending()
        if not pending:
            return
        try:
            copies = self.stages.ns("copies")
            for ids in chunks(pending, 500):
                self._link_chunk(copies, ids)
        except Exception as e:  # noqa: BLE001 - copies are an addition; the ingest goes on without them
            self.fail(InputFailure("copies", describe(e)))

    def _link_chunk(self, copies: Any, ids: list[str]) -> None:
        arts = {a.id: a for a in self.store.articles(ids=ids)}
        prints = {aid: copies.article_fingerprint(a) for aid, a in arts.items()}
        keys = {aid: copies.copy_keys(fp) for aid, fp in prints.items()}
        self.store.add_copy_keys(keys)
        found = {aid: self.store.copy_candidates(aid, keys[aid], **copies.BLOCKING) for aid in arts}
        wanted = {c for cands in found.values() for c, _ in cands} - set(arts)
        others = {a.id: a for a in self.store.articles(ids=sorted(wanted))} | arts
        by_source = {a.source: a for a in others.values()}
        for a in arts.values():  # MinHash near-duplicates are always candidates
            if a.near_duplicate_of and a.near_duplicate_of not in by_source:
                orig = self.store.article(a.near_duplicate_of)
                if orig is not None:
                    others[orig.id], by_source[orig.source] = orig, orig
        order = self.store.article_order(sorted(others))
        best: dict[str, Any] = {}  # copy source -> its link to the earliest report it copies
        for aid, a in arts.items():
            cands = [others[c] for c, _ in found[aid] if c in others]
            if a.near_duplicate_of in by_source:
                cands.append(by_source[a.near_duplicate_of])
            for link in copies.links_between(a, cands, order, prints):
                cur = best.get(link.copy)
                if cur is None or copies.earlier(by_source[link.original], by_source[cur.original], order):
                    best[link.copy] = link
        updates = {}
        for link in best.values():
            copy = by_source[link.copy]
            if copy.id not in arts and copy.copy_of:  # a stored copy moves only to an earlier report
                current = by_source.get(copy.copy_of) or self.store.article(copy.copy_of)
                if current is not None and not copies.earlier(by_source[link.original], current,
                                                              self.store.article_order([current.id]) | order):
                    continue
            updates[copy.id] = (link.original, link.kind, {**link.evidence, "score": link.score})
        self.store.save_copy_links(updates, checked=list(arts))
        touched = self.store.stories_of(sorted(updates))
        if touched:
            self.store.mark_stories_stale(touched)

    # -- stories ----------------------------------------------------------------------------
    def group(self) -> None:
        """Offer every ungrouped article to the incremental story index, saving per chunk."""
        if not self.stages.enabled("group"):
            return
        pending = self.store.ungrouped(analyzed=True)  # grouping uses entities: wait for the analysis
        if not pending:
            return
        stories = self.stages.ns("group")
        try:
            index = stories.StoryIndex.from_bytes(self.store.get_state(STORY_STATE), self.options)
        except Exception as e:  # noqa: BLE001
            self.fail(InputFailure("stories", f"could not load the story index: {describe(e)}"))
            return
        changed: set[str] = set()
        touched_all: set[str] = set()
        for ids in chunks(pending, max(self.options.batch_size, 1000)):
            try:
                docs = self.story_docs(ids)
                touched = set(self.stages.fn("group")(docs, index, self.options).values())
                state = index.to_bytes()
                grouping = [s for s in index.stories() if s.id in touched]
            except Exception as e:  # noqa: BLE001
                self.fail(InputFailure("stories", describe(e)))
                return
            touched_all |= touched
            # Only the stories this chunk touched are written; the state saved with them lets a
            # killed run resume here. The whole grouping is reconciled once at the end.
            changed.update(self.store.save_stories(grouping, grouped=ids, state=(STORY_STATE, state), replace_all=False))
        try:
            self._resplit(index, touched_all)
            grouping, state = index.stories(), index.to_bytes()
        except Exception as e:  # noqa: BLE001
            self.fail(InputFailure("stories", describe(e)))
            return
        changed.update(self.store.save_stories(grouping, state=(STORY_STATE, state), replace_all=True))
        self.stories_changed += len(changed)

    def _resplit(self, index: Any, touched: set[str]) -> None:
        """Split the stories this run touched that hold two events of one kind (``stories.resplit``)."""
        if not touched or not self.stages.enabled("resplit"):
            return
        stage = self.stages["resplit"]
        # only stories the split may look at: their bodies are read from the store
        params = stage.namespace().Params.from_options(self.options)
        members = index.members(touched, fewest=3, most=params.split_max)
        if members:
            stage.fn(self.story_docs(members), index, self.options)

    def regroup(self) -> None:
        """Group every stored article from scratch (``rashomon stories --regroup``)."""
        if not self.stages.enabled("group"):
            return
        ids = self.store.article_ids()
        try:
            index = self.stages.ns("group").regroup(self.story_docs(ids), self.options)
            state, grouping = index.to_bytes(), index.stories()
        except Exception as e:  # noqa: BLE001
            self.fail(InputFailure("stories", describe(e)))
            return
        with self.store.transaction():
            self.store.clear_stories(STORY_STATE)
            changed = self.store.save_stories(grouping, grouped=ids, state=(STORY_STATE, state))
        self.stories_changed += len(changed)

    def story_docs(self, ids: list[str]) -> list[Any]:
        stories = self.stages.ns("group")
        names = self.store.article_entity_names(ids)
        docs = [
            stories.StoryDoc(
                article=a.id, source=a.source, kind=a.kind, title=a.title, body=a.body, published=a.published,
                outlet=a.outlet, entities=names.get(a.id, []),
                near_duplicate_of=a.near_duplicate_of or a.copy_of,  # a copy joins its original's story
                language=a.language,  # a page in another language joins through stories.crosslingual
            )
            for a in self.store.articles(ids=ids)
        ]
        if stories.Params.from_options(self.options).embed_weight:  # off by default: measured not to pay on ECB+ (see README)
            from rashomon.stories.embed import load_embedder, with_embeddings

            docs = with_embeddings(docs, load_embedder(params.embed_model))
        return docs

    # -- compare ----------------------------------------------------------------------------
    def compare(self) -> None:
        """Recompute the report of every story whose members or entities changed: inputs are read and
        results saved here, the work itself (``compare_one``) goes through ``map_stories`` (in this
        process, or on a runner's workers)."""
        stale = self.store.stale_stories()
        if not stale or not self.stages.enabled("compare"):
            return
        bar = tqdm(total=len(stale), unit=" stories", desc="compare", disable=not self.progress, leave=False)
        stories = [s for s in map(self.store.story, stale) if s is not None]
        stories.sort(key=lambda s: -len(s.articles))  # largest first: a runner's workers then finish together
        for sid, report, threads, failures in self.map_stories(self.stages, self._story_inputs(stories)):
            bar.update(1)
            for failure in failures:
                self.fail(failure)
            if report is None:
                continue
            self.store.save_story_report(report)
            if threads is not None:
                self.store.save_threads(sid, threads)
            self.stories_compared += 1
        bar.close()

    def _story_inputs(self, stories: list[Story]) -> Iterator[StoryJob]:
        for story in stories:
            sid = story.id
            try:
                articles = self.store.articles(story=sid)
                analyses = self.store.analyses([a.id for a in articles])
                yield StoryJob(story, articles, analyses, self.store.story_entities(sid))
            except Exception as e:  # noqa: BLE001 - one story never sinks the others
                yield StoryJob(story, [], [], [], error=f"comparison failed: {describe(e)}")

    @staticmethod
    def map_stories(stages: Stages, jobs: Iterable[StoryJob]) -> Iterator[StoryResult]:
        """Compare the stories here, one after another (a runner may replace this with its workers)."""
        for job in jobs:
            yield compare_one(stages, job)

    def analyze_pending(self) -> None:
        """Analyse the articles still without an analysis, batch by batch, each batch claimed
        first: a second ingest of the same database analyses the other articles, not these."""
        owner = claim_owner()  # a killed run's claims are taken over by the next run at once
        stale = self.options.analysis_claim_minutes
        tried: set[str] = set()
        while not self._stopped:
            claimed = self.store.claim_unanalyzed(owner, max(1, self.options.batch_size) + len(tried), stale)
            ids = [i for i in claimed if i not in tried][: max(1, self.options.batch_size)]
            self.store.release_claims([i for i in claimed if i not in ids])
            if not ids:
                return
            tried.update(ids)
            try:
                self.analyze(ids)
            finally:
                self.store.release_claims(ids)

    def bring_up_to_date(self) -> None:
        """Every pending step, in stage order."""
        self.analyze_pending()
        self.derive_global()

    def derive_global(self, done: tuple[str, ...] = ()) -> None:
        """The steps after the analysis (copies, entities, stories, reports), timed: every runner
        runs them on the driver, so their cost is what a bigger cluster does not shrink. ``done``:
        steps the runner already ran (the Ray runner links copies while its workers analyse)."""
        for name, step in (("copies", self.link_copies), ("resolve", self.resolve), ("group", self.group),
                           ("compare", self.compare),
                           ("topics", lambda: tag_topics(self.store, self.options, self.fail))):  # issue 22: subject tags
            if name not in done:
                self.timed(name, step)

    def timed(self, name: str, step: Callable[[], None]) -> None:
        """Run one step and keep its wall time in ``timings`` (a runner that runs a step early times it so too)."""
        started = time.perf_counter()
        step()
        self.timings[name] = round(time.perf_counter() - started, 3)
