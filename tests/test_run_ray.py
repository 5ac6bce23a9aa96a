"""The Ray runner: the demo corpus plus invented pages and two bad inputs, ingested by the local
runner and by Ray (a local Ray with 2 CPUs), store the same articles, statements, entities,
stories and contested questions, and report the same failures. Skipped when Ray is absent."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline_pages import write_pages
from rashomon.config import default_options
from rashomon.store import Store


def snapshot(db: Path) -> dict:
    """What a user reads from a store, without the run's own ids and times."""
    with Store.open(db) as store:
        articles = sorted((a.id, a.source, a.kind, a.title, a.body, a.outlet, a.published, a.language,
                           a.near_duplicate_of, a.copy_of, a.copy_kind) for a in store.articles())
        statements = sorted((x.article, s.speaker, s.cue, s.kind, s.content, s.content_start, s.content_end)
                            for x in store.analyses() for s in x.attributions)
        mentions = sum(len(x.mentions) for x in store.analyses())
        entities = sorted((e.id, e.canonical, e.label, tuple(e.aliases)) for e in store.entities())
        stories = sorted((s.id, s.title, tuple(sorted(s.articles))) for s in store.stories())
        questions = []
        for s in store.stories():
            report = store.story_report(s.id)
            if report is not None:
                questions += [(q.id, q.summary, q.contested, q.score, tuple((side.position, tuple(side.claims))
                                                                            for side in q.sides))
                              for q in report.questions]
                questions += [(c.id, c.article, c.text, c.status, c.speaker, c.question) for c in report.claims]
        from rashomon.store.tags import article_topics

        topics = sorted((article, topic) for article, topic, _ in article_topics(store))  # subjects: on Ray's actors
        return {"articles": articles, "statements": statements, "mentions": mentions, "entities": entities,
                "topics": topics,
                "stories": stories, "questions": sorted(map(str, questions)), "stale": store.stale_stories(),
                "failures": sorted((f.source, f.reason) for f in store.failures())}


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    import logging

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, demo_dir) -> list[str]:
    root = tmp_path_factory.mktemp("ray_corpus")
    shutil.copytree(demo_dir, root / "demo", ignore=shutil.ignore_patterns("*.py", "*.md", "__pycache__"))
    write_pages(root / "more", 4)
    (root / "more" / "empty.html").write_text("")
    return [str(root / "demo"), str(root / "more"), str(root / "no-such-file.html")]


def test_run_ray_stores_what_the_local_runner_stores(ray_cluster, corpus, tmp_path):
    from rashomon.run.local import ingest
    from rashomon.run.ray_engine import ingest_ray

    local = ingest(corpus, default_options(db=str(tmp_path / "local.db")))
    on_ray = ingest_ray(corpus, default_options(db=str(tmp_path / "ray.db")), workers=2)
    assert local.articles_added > 14 and local.analyzed == local.articles_added and local.stories_compared > 0
    drop = ("run",)
    assert {k: v for k, v in on_ray.summary().items() if k not in drop} == \
           {k: v for k, v in local.summary().items() if k not in drop}
    assert sorted((f.source, f.reason) for f in on_ray.failures) == sorted((f.source, f.reason) for f in local.failures)
    assert len(local.failures) == 2
    a, b = snapshot(tmp_path / "local.db"), snapshot(tmp_path / "ray.db")
    for key in a:
        assert a[key] == b[key], key
    from rashomon.run.topics import topic_model

    assert a["topics"] or topic_model() is None  # subjects were compared, unless their model is not installed
    assert set(on_ray.timings) >= {"read+extract+store", "analyze", "copies", "resolve", "group", "compare"}
    again = ingest_ray(corpus, default_options(db=str(tmp_path / "ray.db")), workers=2)
    assert (again.articles_added, again.pages_skipped, again.analyzed) == (0, local.pages, 0)


def test_run_ray_cli_engine_option(ray_cluster, tmp_path, demo_dir):
    from rashomon.cli import main

    db = tmp_path / "cli.db"
    page = tmp_path / "one.html"
    write_pages(tmp_path / "p", 1)
    shutil.copy(tmp_path / "p" / "page_000.html", page)
    result = CliRunner().invoke(main, ["ingest", str(page), "--db", str(db), "--engine", "ray", "--workers", "1",
                                       "--no-analyze", "--json"])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        assert len(store.articles()) == 1


def test_run_ray_missing_is_one_clear_line(tmp_path, monkeypatch):
    from rashomon.cli import main

    monkeypatch.setitem(sys.modules, "ray", None)  # as if the extra were not installed
    page = tmp_path / "one.html"
    page.write_text("<p>text</p>")
    result = CliRunner().invoke(main, ["ingest", str(page), "--db", str(tmp_path / "m.db"), "--engine", "ray"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == ["error: --engine ray: Ray is not installed; install it with: pip install 'rashomon[ray]'"]
    assert not (tmp_path / "m.db").exists()


class _DiesOnce:
    """A stage double whose worker process dies (as if killed) the first time it sees ``trigger``."""

    def __init__(self, real, entry: str, marker: str, trigger: str) -> None:
        self.real, self.entry, self.marker, self.trigger = real, entry, marker, trigger

    def __getattr__(self, name):
        if name.startswith("__") or name in ("real", "entry", "marker", "trigger"):
            raise AttributeError(name)  # unpickling looks these up before __init__'s fields exist
        real = getattr(self.real, name)
        if name != self.entry:
            return real

        def call(*args, **kwargs):
            import os

            seen = repr(args[0])
            if self.trigger in seen and not os.path.exists(self.marker):
                open(self.marker, "w").close()
                os._exit(1)  # no cleanup, no exception: the process is gone
            return real(*args, **kwargs)

        return call


def _quick_analysis(articles, nlp, options):
    from rashomon.model import ArticleAnalysis

    return [ArticleAnalysis(a.id, sentences=[(0, len(a.body))]) for a in articles]


def test_run_ray_a_worker_killed_mid_run_is_retried_nothing_lost_or_doubled(ray_cluster, tmp_path):
    import types

    from ray import cloudpickle

    import rashomon.extract as extract
    from rashomon.run.local import ingest
    from rashomon.run.ray_engine import ingest_ray
    from rashomon.run.stages import default_stages

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import this test module
    write_pages(tmp_path / "pages", 6)
    analyze = types.SimpleNamespace(build_nlp=lambda options: None, analyze_articles=_quick_analysis)
    table = default_stages().replace(analyze=analyze).without("compare", "threads")
    options = dict(batch_size=2)
    local = ingest([str(tmp_path / "pages")], default_options(db=str(tmp_path / "local.db"), **options), stages=table)
    dying = table.replace(
        extract=_DiesOnce(extract, "extract_page", str(tmp_path / "extract.died"), "page_002"),
        analyze=_DiesOnce(analyze, "analyze_articles", str(tmp_path / "analyze.died"), "page_004"),
    )
    on_ray = ingest_ray([str(tmp_path / "pages")], default_options(db=str(tmp_path / "ray.db"), **options),
                        workers=2, stages=dying)
    assert (tmp_path / "extract.died").exists() and (tmp_path / "analyze.died").exists()  # both workers did die
    assert on_ray.failures == [] and on_ray.articles_added == local.articles_added == 6
    assert on_ray.analyzed == local.analyzed == 6
    a, b = snapshot(tmp_path / "local.db"), snapshot(tmp_path / "ray.db")
    assert a == b


def _no_model(options):
    from rashomon.errors import ModelError

    raise ModelError("no_such_pipeline", "spaCy pipeline is not installed")


def _always_fails(articles, nlp, options):
    raise RuntimeError("tokenizer exploded")


@pytest.mark.parametrize("analyze", [
    {"build_nlp": _no_model, "analyze_articles": _quick_analysis},
    {"build_nlp": lambda options: None, "analyze_articles": _always_fails},
], ids=["no-model", "broken-stage"])
def test_run_ray_a_failing_analysis_is_reported_as_the_local_runner_reports_it(ray_cluster, tmp_path, analyze):
    import types

    from ray import cloudpickle

    from rashomon.run.local import ingest
    from rashomon.run.ray_engine import ingest_ray
    from rashomon.run.stages import default_stages

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    write_pages(tmp_path / "pages", 3)
    table = default_stages().replace(analyze=types.SimpleNamespace(**analyze))
    reports = [run([str(tmp_path / "pages")], default_options(db=str(tmp_path / f"{i}.db"), batch_size=2), stages=table)
               for i, run in enumerate((ingest, ingest_ray))]
    local, on_ray = ([(f.source, f.reason) for f in r.failures] for r in reports)
    assert on_ray == local and len(local) == 1 and local[0][0] == "analysis"
    for i in range(2):
        with Store.open(tmp_path / f"{i}.db") as store:
            assert len(store.unanalyzed()) == 3 and store.stories() == []  # the work is left pending


class _Counting:
    """A stage double that appends a line to ``log`` at each call of ``entry``, in whichever process."""

    def __init__(self, real, entry: str, log: str) -> None:
        self.real, self.entry, self.log = real, entry, log

    def __getattr__(self, name):
        if name.startswith("__") or name in ("real", "entry", "log"):
            raise AttributeError(name)
        real = getattr(self.real, name)
        if name != self.entry:
            return real

        def call(*args, **kwargs):
            with open(self.log, "a") as fh:
                fh.write(f"{getattr(args[0], 'source', args[0])}\n")
            return real(*args, **kwargs)

        return call


def test_run_ray_a_rerun_extracts_only_the_pages_not_stored(ray_cluster, tmp_path):
    from ray import cloudpickle

    import rashomon.extract as extract
    from rashomon.run.ray_engine import ingest_ray
    from rashomon.run.stages import default_stages

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    log = tmp_path / "extracted.log"
    table = default_stages().replace(extract=_Counting(extract, "extract_page", str(log)))
    options = default_options(db=str(tmp_path / "ray.db"), analyze=False)
    write_pages(tmp_path / "pages", 4)
    first = ingest_ray([str(tmp_path / "pages")], options, workers=2, stages=table)
    assert first.articles_added == 4 and len(log.read_text().splitlines()) == 4
    write_pages(tmp_path / "pages", 1, start=4)
    again = ingest_ray([str(tmp_path / "pages")], options, workers=2, stages=table)
    lines = log.read_text().splitlines()
    assert (again.pages, again.pages_skipped, again.articles_added) == (5, 4, 1)
    assert len(lines) == 5 and lines[-1].endswith("page_004.html")  # only the new page was extracted


class _PidLog:
    """A stage double that logs ``<entry> <pid> <RASHOMON_ONNX_THREADS>`` at each call of the entries
    named, in whichever process runs it."""

    def __init__(self, real, entries: tuple[str, ...], log: str) -> None:
        self.real, self.entries, self.log = real, entries, log

    def __getattr__(self, name):
        if name.startswith("__") or name in ("real", "entries", "log"):
            raise AttributeError(name)
        real = getattr(self.real, name)
        if name not in self.entries:
            return real

        def call(*args, **kwargs):
            import os

            with open(self.log, "a") as fh:
                fh.write(f"{name} {os.getpid()} {os.environ.get('RASHOMON_ONNX_THREADS')}\n")
            return real(*args, **kwargs)

        return call


STORIES = [  # two invented stories with nothing in common, three reports each
    ("Fire at the Orbital Castings plant in Ashford", "Fire crews from Ashford fought a blaze at the Orbital Castings "
     "plant through the night; {n} workers were led out of the drying hall before the roof fell in. Plant manager "
     "Greta Halvorsen said the sprinklers had been inspected in March.", "Greta Halvorsen"),
    ("Tram drivers in Brackmere strike over pay", "Tram and bus drivers in Brackmere walked out on Monday, leaving "
     "{n} routes without service. Union organiser Pavel Okonkwo told the rally that the transit authority had broken "
     "its promise on wages.", "Pavel Okonkwo"),
]


def _two_stories(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(6):
        title, body, speaker = STORIES[i % 2]
        paras = [body.format(n=12 + i), f"\u201cWe will not be silenced,\u201d {speaker} said on day {i + 1}.",
                 f"Report number {i} of the Courier's coverage; more on page {i + 3}."]
        (folder / f"report_{i}.html").write_text(
            f"<html><head><title>{title}</title><meta property='article:published_time' content='2031-05-0{i // 2 + 1}'>"
            f"</head><body><article><h1>{title}</h1>{''.join(f'<p>{p}</p>' for p in paras)}</article></body></html>",
            encoding="utf-8")


def test_run_ray_compares_on_the_workers_that_analysed_each_loading_once(ray_cluster, tmp_path, monkeypatch):
    import types

    from ray import cloudpickle

    import rashomon.compare as compare
    from rashomon.run.local import ingest
    from rashomon.run.ray_engine import ingest_ray
    from rashomon.run.stages import default_stages

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    monkeypatch.delenv("RASHOMON_ONNX_THREADS", raising=False)
    log = tmp_path / "calls.log"
    analyze = _PidLog(types.SimpleNamespace(build_nlp=lambda options: None, analyze_articles=_quick_analysis),
                      ("build_nlp", "analyze_articles"), str(log))
    table = default_stages().replace(analyze=analyze, compare=_PidLog(compare, ("compare_story",), str(log)))
    _two_stories(tmp_path / "pages")
    options = dict(batch_size=2)
    local = ingest([str(tmp_path / "pages")], default_options(db=str(tmp_path / "local.db"), **options), stages=table)
    log.unlink()
    on_ray = ingest_ray([str(tmp_path / "pages")], default_options(db=str(tmp_path / "ray.db"), **options),
                        workers=2, stages=table)
    calls = [line.split() for line in log.read_text().splitlines()]
    by_entry = {e: [(pid, threads) for name, pid, threads in calls if name == e]
                for e in ("build_nlp", "analyze_articles", "compare_story")}
    setups = [pid for pid, _ in by_entry["build_nlp"]]
    assert 1 <= len(setups) <= 2 and len(set(setups)) == len(setups)  # each worker loaded its pipeline once
    assert len(by_entry["analyze_articles"]) == 3 and on_ray.stories_compared == local.stories_compared >= 2
    assert {pid for pid, _ in by_entry["compare_story"]} <= set(setups)  # no process started for the reports
    assert {threads for _, _, threads in calls} == {"1"}  # a worker granted one CPU runs its encoders on one thread
    assert snapshot(tmp_path / "local.db") == snapshot(tmp_path / "ray.db")


def test_run_ray_a_worker_killed_while_comparing_is_retried_nothing_lost_or_doubled(ray_cluster, tmp_path):
    import types

    from ray import cloudpickle

    import rashomon.compare as compare
    from rashomon.run.local import ingest
    from rashomon.run.ray_engine import ingest_ray
    from rashomon.run.stages import default_stages

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    _two_stories(tmp_path / "pages")
    table = default_stages().replace(
        analyze=types.SimpleNamespace(build_nlp=lambda options: None, analyze_articles=_quick_analysis))
    options = dict(batch_size=2)
    local = ingest([str(tmp_path / "pages")], default_options(db=str(tmp_path / "local.db"), **options), stages=table)
    dying = table.replace(compare=_DiesOnce(compare, "compare_story", str(tmp_path / "compare.died"), "Story("))
    on_ray = ingest_ray([str(tmp_path / "pages")], default_options(db=str(tmp_path / "ray.db"), **options),
                        workers=2, stages=dying)
    assert (tmp_path / "compare.died").exists()
    assert on_ray.failures == [] and on_ray.stories_compared == local.stories_compared >= 2
    assert snapshot(tmp_path / "local.db") == snapshot(tmp_path / "ray.db")


def test_run_ray_a_worker_keeps_torch_out_only_for_a_pipeline_that_does_not_need_it(monkeypatch):
    import importlib.metadata
    import types

    from rashomon.run import ray_engine

    requires = {"plain_pipeline": ["spacy <3.9.0,>=3.7.5"], "trf_pipeline": ["spacy-curated-transformers<0.3"],
                "torch_pipeline": ["spacy", "torch>=2"]}

    def fake_requires(name):
        if name not in requires:
            raise importlib.metadata.PackageNotFoundError(name)
        return requires[name]

    monkeypatch.setattr(importlib.metadata, "requires", fake_requires)
    for pipeline, loaded, blocked in [("plain_pipeline", {}, True), ("trf_pipeline", {}, False),
                                      ("torch_pipeline", {}, False), ("/models/my_pipeline", {}, False),
                                      ("plain_pipeline", {"torch": object()}, False)]:
        fake_sys = types.SimpleNamespace(modules=dict(loaded))
        monkeypatch.setattr(ray_engine, "sys", fake_sys)
        ray_engine._skip_torch(pipeline)
        assert ("torch" in fake_sys.modules and fake_sys.modules["torch"] is None) == blocked, pipeline


def test_run_ray_a_ray_started_here_runs_with_its_quiet_settings(tmp_path):
    import subprocess

    pytest.importorskip("ray")
    script = (
        "from rashomon.run.ray_engine import _connect, require_ray\n"
        "ray = require_ray()\n"
        "assert _connect(ray, None, 1) is True\n"
        "print(ray.get(ray.remote(lambda: 41 + 1).remote()), ray.cluster_resources()['CPU'] >= 1)\n"
        "ray.shutdown()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["42", "True"]
