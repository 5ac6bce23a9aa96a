"""The pipeline's orchestration with test doubles for every stage: batching, idempotence,
per-input failures, pending work finished by the next run, and stage state kept in the store."""

from __future__ import annotations

import json
import types

import pytest

from pipeline_doubles import Calls, make_stages
from rashomon.extract import dedupe as real_dedupe
from rashomon.model import InputFailure, Page
from rashomon.pipeline import analyze_stored, ingest, regroup_stories
from rashomon.store import Store


@pytest.fixture
def stages():
    """A stage table of small doubles; returns the corpus dict, the call log and the table."""
    corpus: dict[str, str] = {}
    calls = Calls()
    return corpus, calls, make_stages(corpus, calls)


def _fill(corpus, n, outlet="ledger"):
    for i in range(n):
        corpus[f"{outlet}/p{i}"] = f"Page {i} of {outlet}. Mayor Varga spoke about case {i}."


def test_pipeline_ingest_twice_adds_nothing_the_second_time(stages, options):
    corpus, calls, table = stages
    _fill(corpus, 5)
    corpus["ledger/t"] = "Teaser page. TEASER below."
    first = ingest(sorted(corpus), options.with_(batch_size=2), stages=table)
    assert (first.pages, first.articles_added, first.failures) == (6, 7, [])
    second = ingest(sorted(corpus), options.with_(batch_size=2), stages=table)
    assert (second.pages_skipped, second.articles_added, second.articles_skipped) == (6, 0, 7)
    assert calls.nlp == 1 and len(calls.analyzed) == 7  # nothing re-analysed
    with Store.open(options.db) as store:
        assert store.counts()["articles"] == 7 and store.counts()["analyzed"] == 7
        assert {e.canonical for e in store.entities()} == {"Odile Varga"}
        varga = [s for s in store.stories() if s.id == "varga"][0]
        assert len(varga.articles) == 5
        assert store.stale_stories() == []
        assert len(store.story_report("varga").claims) == 5


def test_pipeline_failures_are_recorded_and_the_batch_goes_on(stages, options):
    corpus, _, table = stages
    _fill(corpus, 3)
    corpus["ledger/bad"] = "BAD"
    corpus["ledger/boom"] = "BOOM"
    seen = []
    report = ingest(["ledger/p0", "ledger/bad", "missing/file", "ledger/boom", "ledger/p1", "ledger/p2"], options,
                    on_failure=seen.append, stages=table)
    assert report.articles_added == 3
    reasons = {f.source: f.reason for f in report.failures}
    assert reasons == {"ledger/bad": "no article text found", "missing/file": "no such file",
                       "ledger/boom": "ValueError: unexpected <tag>"}
    assert seen == report.failures
    with Store.open(options.db) as store:
        assert {(f.source, f.reason, f.run) for f in store.failures()} == {(s, r, report.run) for s, r in reasons.items()}
    again = ingest(["ledger/bad"], options, stages=table)  # a failed page is not recorded as stored: retried
    assert again.failures and again.pages_skipped == 0


def test_pipeline_reader_that_raises_is_recorded_not_raised(stages, options):
    corpus, _, table = stages
    _fill(corpus, 2)
    corpus["crash"] = "RAISE"
    report = ingest(["ledger/p0", "crash", "ledger/p1"], options, stages=table)
    assert report.articles_added == 1
    assert [f.reason for f in report.failures] == ["reader crashed"]


def test_pipeline_near_duplicates_use_stored_signatures_across_runs(stages, options):
    corpus, _, table = stages
    corpus["a/1"] = "Same words here. Varga."
    ingest(["a/1"], options.with_(analyze=False), stages=table)
    corpus["b/1"] = "same   WORDS here. varga."
    ingest(["b/1"], options.with_(analyze=False), stages=table)
    with Store.open(options.db) as store:
        assert store.article("b/1#main").near_duplicate_of == "a/1#main"


def test_pipeline_no_analyze_leaves_work_pending_for_the_next_run(stages, options):
    corpus, calls, table = stages
    _fill(corpus, 4)
    ingest(sorted(corpus), options.with_(analyze=False), stages=table)
    assert calls.nlp == 0
    with Store.open(options.db) as store:
        assert len(store.unanalyzed()) == 4 and store.stories() == []
    corpus["ledger/new"] = "A new page. Varga again."
    report = ingest(["ledger/new"], options, stages=table)
    assert report.analyzed == 5 and calls.nlp == 1
    with Store.open(options.db) as store:
        assert store.unanalyzed() == [] and store.ungrouped() == []
        assert len(store.story("varga").articles) == 5


def test_pipeline_stage_failures_keep_work_pending(stages, options):
    corpus, calls, table = stages
    _fill(corpus, 3)
    calls.fail_compare = True
    calls.fail_analysis = {"ledger/p1#main"}
    report = ingest(sorted(corpus), options, stages=table)
    sources = sorted(f.source for f in report.failures)
    with Store.open(options.db) as store:
        stale = store.stale_stories()
        assert len(store.articles()) == 3  # the ingest itself is kept
        assert store.unanalyzed() == []  # the failed article got an empty analysis, not a retry loop
    assert len(stale) == 2 and "varga" in stale  # p1 lost its mention, so it sits in a story of its own
    assert sources == sorted(["ledger/p1#main", *(f"story:{s}" for s in stale)])
    calls.fail_compare = False
    report = ingest(sorted(corpus), options, stages=table)  # nothing new, but the stale reports are finished
    assert report.failures == [] and report.stories_compared == 2


def test_pipeline_analyze_stored_and_regroup(stages, options):
    corpus, calls, table = stages
    _fill(corpus, 3)
    ingest(sorted(corpus), options, stages=table)
    before = len(calls.analyzed)
    report = analyze_stored(options, stages=table)
    assert len(calls.analyzed) - before == 3 and report.stories_compared == 1
    report = regroup_stories(options, stages=table)
    assert report.stories_changed == 1 and report.failures == []
    with Store.open(options.db) as store:
        assert [s.id for s in store.stories()] == ["varga"]
        assert json.loads(store.get_state("story_index")) == {"varga": store.story("varga").articles}
        assert sorted(store.story("varga").articles) == sorted(store.article_ids())


def test_pipeline_ingest_pages_takes_pages_already_read(stages, options):
    from rashomon.pipeline import ingest_pages

    table = stages[2]
    page = Page(source="api:1", kind="article", text="Posted text. Varga commented.")
    report = ingest_pages([page, InputFailure("api:2", "empty body"), page], options, stages=table)
    assert (report.pages, report.pages_skipped, report.articles_added) == (2, 1, 1)
    assert [f.source for f in report.failures] == ["api:2"]
    with Store.open(options.db) as store:
        assert store.article("api:1#main").body == page.text


def test_pipeline_a_page_the_database_refuses_fails_alone(stages, options):
    corpus, _, table = stages
    _fill(corpus, 3)
    extract = table.fn("extract")

    def odd_outlet(page, options):
        arts = extract(page, options)
        if page.source == "ledger/p1":
            arts[0].outlet = ["not", "a", "string"]  # a stage bug the store must not choke on
        return arts

    report = ingest(sorted(corpus), options.with_(analyze=False),
                    stages=table.replace(extract=types.SimpleNamespace(extract_page=odd_outlet)))
    assert report.articles_added == 2
    assert [f.source for f in report.failures] == ["ledger/p1"]
    with Store.open(options.db) as store:
        assert store.has_page(Page("ledger/p1", "text", corpus["ledger/p1"]).hash) is None  # retried next time
        assert store.check() == []


def test_pipeline_an_earlier_copy_found_later_relinks_the_stored_copy(stages, options):
    corpus, _, table = stages
    table = table.replace(dedupe=real_dedupe)
    topics = ["pier", "crane", "dredging", "lighthouse", "ferry", "customs", "warehouse", "slipway", "buoys",
              "fuel depot", "fish market", "harbour wall"]
    words = " ".join(f"Councillor Varga reviewed the {t} costs, line {k}, with the {k + 3} members present."
                     for k, t in enumerate(topics))
    corpus["wire/story"] = "2031-03-01|" + words
    corpus["paper/story"] = "2031-03-05|" + words.replace("members present", "members who were present", 2)
    ingest(["paper/story"], options.with_(analyze=False), stages=table)  # the rewrite arrives first
    ingest(["wire/story"], options.with_(analyze=False), stages=table)  # then the earlier original
    with Store.open(options.db) as store:
        assert store.article("paper/story#main").near_duplicate_of == "wire/story#main"
        assert store.article("wire/story#main").near_duplicate_of is None


def test_pipeline_a_broken_analysis_stage_leaves_articles_pending(stages, options):
    corpus, calls, table = stages
    _fill(corpus, 4)
    calls.fail_analysis = set(f"{s}#main" for s in corpus)  # every article fails: the stage is broken
    report = ingest(sorted(corpus), options.with_(batch_size=2), stages=table)
    assert [f.source for f in report.failures] == ["analysis"]
    with Store.open(options.db) as store:
        assert len(store.unanalyzed()) == 4 and store.stories() == []
    calls.fail_analysis = set()
    report = ingest(sorted(corpus), options, stages=table)  # once the stage is fixed, the next run catches up
    assert report.failures == [] and report.analyzed == 4
