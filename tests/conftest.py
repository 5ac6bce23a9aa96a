"""Shared fixtures: the shared data folder, the pinned spaCy model, the bundled demo corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.config import Options, default_options

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "src" / "rashomon" / "demo"


def _shared() -> Path | None:
    for c in (REPO.parent / "shared", REPO / ".." / "shared"):
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


@pytest.fixture
def options(tmp_path: Path) -> Options:
    return default_options(db=str(tmp_path / "test.db"))


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO
