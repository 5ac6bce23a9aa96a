"""Quality gate: contested questions on real coverage, every event scored by models fitted without its fold.

Runs when ../shared/eval/coverage/basil is present (skips otherwise): the careful ingest of its 150
pages, units per gold event, and the held-out question-level score the training script prints.
Measured 2026-12-07: recall of non-minor gold questions 0.716, precision 0.672 (168 of 250); the
floors leave room for noise, not for a regression to the lexicon's 0.010 / 0.118.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.eval.contest_folds import ASSEMBLY, FoldModels, UnitMaker, drafts_of, event_groups
from rashomon.eval.coverage import load, run_folder


@pytest.fixture(scope="module")
def held_out(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[float, float, float]:
    pytest.importorskip("sklearn")
    folder = shared_dir / "eval" / "coverage" / "basil"
    if not folder.is_dir():
        pytest.skip("coverage/basil not present")
    gold, rows = load(folder)
    from rashomon.config import default_options

    db = str(tmp_path_factory.mktemp("coverage") / "careful.db")
    run = run_folder(folder, gold, rows, default_options(), db, careful=True)
    data = event_groups(run, gold, UnitMaker(run))
    folds = FoldModels(data, ASSEMBLY, nested=False)
    drafts, found, leads = [], set(), [0]
    for event, (g, _, _) in data.items():
        model = folds.without({event})
        assert model is not None
        d, hits = drafts_of(model, g, ASSEMBLY, leads=leads)
        drafts += d
        found |= hits
    major = {q["id"] for q in gold["contested"] if not q.get("minor")}
    return len(found & major) / len(major), sum(t for _, t in drafts) / max(len(drafts), 1), leads[0] / max(len(drafts), 1)


def test_contested_recall_with_each_event_held_out(held_out: tuple[float, float, float]) -> None:
    assert held_out[0] >= 0.62


def test_contested_precision_with_each_event_held_out(held_out: tuple[float, float, float]) -> None:
    assert held_out[1] >= 0.59


def test_seed_statements_themselves_oppose_more_often_than_by_chance(held_out: tuple[float, float, float]) -> None:
    """Recall and precision above are met by seed pairs drawn at random too (wide sides hold much of a
    story: 0.660 / 0.665 against the model's 0.670 / 0.655 on 2026-12-07, scripts/train_contested.py's control line), so they cannot catch
    a scorer that has stopped working. The two statements a question leads with lie on two sides of a
    gold question for 17 of 200 held-out questions with the model, 2 of 200 with random seeds."""
    assert held_out[2] >= 0.05
